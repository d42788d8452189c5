"""Plain .txt files with optional YAML front matter."""

from __future__ import annotations

import pandas as pd
import pytest

from kit import read_articles
from kit.corpus.readers.plaintext import read_plaintext
from kit.errors import IngestError


def write(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_fields(tmp_path):
    path = write(
        tmp_path,
        "---\nheadline: Drones over Jerusalem\npubdate: 2024-04-14 02:10\n"
        "publication: Haaretz\nlink: https://example.org/a\nbyline: A. Writer\n"
        "tags: [iran, israel]\n---\nFirst paragraph.\n\nSecond paragraph.\n",
    )
    [record] = list(read_plaintext(path))
    assert record["title"] == "Drones over Jerusalem"
    assert record["outlet"] == "Haaretz" and record["url"] == "https://example.org/a"
    assert record["author"] == "A. Writer" and record["tags"] == ["iran", "israel"]
    articles = read_articles(path)
    row = articles.iloc[0]
    assert row["published"] == pd.Timestamp("2024-04-14 02:10", tz="UTC")
    assert row["text"] == "First paragraph.\n\nSecond paragraph."
    assert row["tags"] == "iran; israel"


def test_front_matter_date_object(tmp_path):
    path = write(tmp_path, "---\ntitle: T\ndate: 2024-04-14\n---\nBody text here.")
    row = read_articles(path).iloc[0]
    assert row["published"] == pd.Timestamp("2024-04-14", tz="UTC")
    assert row["published_raw"] == "2024-04-14"


def test_title_line_heuristic(tmp_path):
    [titled] = list(read_plaintext(write(tmp_path, "Iran strikes Israel\n\nBody one.\nBody two.")))
    assert titled["title"] == "Iran strikes Israel"
    assert titled["text"].strip() == "Body one.\nBody two."
    [untitled] = list(
        read_plaintext(write(tmp_path, "Iran struck Israel overnight.\n\nMore.", "b.txt"))
    )
    assert "title" not in untitled and untitled["text"].startswith("Iran struck")
    [single] = list(read_plaintext(write(tmp_path, "Only one line", "c.txt")))
    assert "title" not in single


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "---\ntitle: ok\ndate: [unclosed\n---\nBody")
    with pytest.raises(IngestError, match=r"a.txt: the YAML front matter .* not valid YAML"):
        list(read_plaintext(path))


def test_front_matter_cannot_run_code(tmp_path):
    path = write(tmp_path, "---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\nB")
    with pytest.raises(IngestError, match="not valid YAML"):
        list(read_plaintext(path))


def test_front_matter_must_be_a_mapping(tmp_path):
    with pytest.raises(IngestError, match="must be 'key: value' lines"):
        list(read_plaintext(write(tmp_path, "---\n- a\n- b\n---\nBody")))


def test_front_matter_only(tmp_path):
    with pytest.raises(IngestError, match="holds no text after its front matter"):
        list(read_plaintext(write(tmp_path, "---\ndate: 2024-04-14\n---\n\n")))
