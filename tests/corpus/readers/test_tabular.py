"""JSON, JSONL, CSV, TSV and Parquet readers and their column mapping."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit import read_articles
from kit.corpus.normalize import normalize_text
from kit.corpus.readers import SkippedRecord
from kit.corpus.readers._fields import map_columns
from kit.corpus.readers.tabular import read_csv, read_json, read_parquet
from kit.errors import IngestError

ROWS = [
    {
        "Headline": "Iran launches drones",
        "Body": "Iran launched drones at Israel.",
        "PubDate": "2024-04-13T22:00:00Z",
        "Publication": "Reuters",
        "Link": "https://e.org/1",
        "Byline": "Staff",
        "Desk": "World",
    },
    {
        "Headline": "Israel intercepts",
        "Body": "Most drones were intercepted.",
        "PubDate": "2024-04-14T06:00:00+03:00",
        "Publication": "Haaretz",
        "Link": "https://e.org/2",
        "Byline": None,
        "Desk": None,
    },
]


def check(articles):
    assert articles["title"].tolist() == ["Iran launches drones", "Israel intercepts"]
    assert articles["text"].tolist() == [r["Body"] for r in ROWS]
    assert articles["outlet"].tolist() == ["Reuters", "Haaretz"]
    assert articles["url"].tolist() == ["https://e.org/1", "https://e.org/2"]
    assert articles["published"].tolist() == [
        pd.Timestamp("2024-04-13 22:00", tz="UTC"),
        pd.Timestamp("2024-04-14 03:00", tz="UTC"),
    ]
    assert articles["author"].tolist() == ["Staff", pd.NA]
    assert articles["section"].tolist() == ["World", pd.NA]
    assert articles["record"].tolist() == [1, 2]


def test_json_list(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(ROWS))
    check(read_articles(tmp_path))


def test_json_wrapped_list_and_single_object(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"status": "ok", "articles": ROWS}))
    check(read_articles(tmp_path))
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ROWS[0]))
    assert [r["title"] for r in read_json(path)] == ["Iran launches drones"]


def test_json_nested_values(tmp_path):
    path = tmp_path / "newsapi.json"
    path.write_text(
        json.dumps(
            {
                "articles": [
                    {
                        "source": {"id": "bbc", "name": "BBC News"},
                        "author": ["A", "B"],
                        "title": "T",
                        "content": "Body text.",
                    }
                ]
            }
        )
    )
    [record] = list(read_json(path))
    assert record["source"] == "BBC News" and record["author"] == "A; B"


def test_jsonl(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in ROWS) + "\n\n")
    check(read_articles(tmp_path))


@pytest.mark.parametrize("chunk", [3, 5, 64, 1 << 20])  # 3: the BOM is sniffed in one
def test_utf8_lines_are_those_of_the_whole_text_split(tmp_path, monkeypatch, chunk):
    """Lines read a chunk at a time, whatever the chunk size and wherever the breaks (\\r\\n, a
    lone \\r, a BOM, multi-byte characters across chunks), are those of the whole text."""
    import random

    from kit.corpus.readers import tabular
    from kit.corpus.readers._text_io import read_text

    monkeypatch.setattr(tabular, "_CHUNK", chunk)
    rng = random.Random(chunk)
    pieces = ["a", "é€", "\n", "\r", "\r\n", "{}", "xyz" * 30, "\n\n", "“”"]
    for case in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        path = tmp_path / f"{case}.jsonl"
        path.write_bytes(("\ufeff" if case % 7 == 0 else "x").encode() + text.encode())
        lines = tabular._utf8_lines(path)
        assert lines is not None
        assert list(lines) == read_text(path).split("\n"), repr(text)


def test_csv_and_tsv(tmp_path):
    frame = pd.DataFrame(ROWS)
    frame.to_csv(tmp_path / "a.csv", index=False)
    check(read_articles(tmp_path / "a.csv"))
    frame.to_csv(tmp_path / "b.tsv", index=False, sep="\t")
    check(read_articles(tmp_path / "b.tsv"))
    frame.to_csv(tmp_path / "c.csv", index=False, sep=";")
    check(read_articles(tmp_path / "c.csv"))


def test_csv_with_bom_quotes_and_long_field(tmp_path):
    body = 'A long body, with commas and "quotes".\n\nSecond paragraph. ' * 5000
    path = tmp_path / "a.csv"
    pd.DataFrame([{"title": "T", "text": body}]).to_csv(path, index=False, encoding="utf-8-sig")
    [record] = list(read_csv(path))
    assert record["title"] == "T" and len(record["text"]) == len(body)


def test_csv_row_with_wrong_field_count_is_skipped(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,text\nA,Body one\nB,Body two,extra\nC,Body three\n")
    items = list(read_csv(path))
    assert items[0] == SkippedRecord(
        2, "row 2 has 3 fields but the header has 2 (delimiter ','; check quoting)"
    )
    assert [i["record"] for i in items[1:]] == [1, 3]


def test_parquet(tmp_path):
    frame = pd.DataFrame(ROWS)
    frame.to_parquet(tmp_path / "a.parquet", index=False)
    check(read_articles(tmp_path))


def test_parquet_of_a_kit_corpus_round_trips(tmp_path, articles):
    articles.to_parquet(tmp_path / "corpus.parquet", index=False)
    again = read_articles(tmp_path)
    assert again["text"].tolist() == [normalize_text(t) for t in articles["text"]]
    assert again["input_doc_id"].tolist() == articles["doc_id"].tolist()
    assert again["outlet"].tolist() == articles["outlet"].tolist()
    assert "input_path" in again and again["format"].unique().tolist() == ["parquet"]


def test_not_parquet(tmp_path):
    path = tmp_path / "a.parquet"
    path.write_text("title,text\n")
    with pytest.raises(IngestError, match="not a readable Parquet file"):
        list(read_parquet(path))


def test_explicit_mapping(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("story_html,kicker,when\nStrikes reported.,Iran,14.04.2024\n")
    [row] = read_articles(
        path, mapping={"text": "story_html", "title": "kicker", "published": "when"}
    ).to_dict("records")
    assert (row["text"], row["title"]) == ("Strikes reported.", "Iran")
    assert row["published"] == pd.Timestamp("2024-04-14", tz="UTC")


def test_mapping_errors_name_columns_and_fields(tmp_path):
    with pytest.raises(IngestError, match=r"no such column; columns found: \['a', 'b'\]"):
        map_columns(["a", "b"], mapping={"text": "c"}, path="x.csv")
    with pytest.raises(IngestError, match="does not have; fields:"):
        map_columns(["a"], mapping={"body": "a"}, path="x.csv")


def test_auto_mapping_prefers_earlier_aliases():
    assert map_columns(["content", "text", "date", "title"]) == {
        "title": "title",
        "text": "text",
        "published": "date",
    }
    assert map_columns(["Full Text", "Publication Date", "Source"]) == {
        "text": "Full Text",
        "published": "Publication Date",
        "source": "Source",
    }


def test_unmapped_columns_named_like_fields_are_kept_aside(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,body,record\nshort teaser,The full body of the article.,7\n")
    [row] = read_articles(path, mapping={"text": "body"}).to_dict("records")
    assert row["text"] == "The full body of the article."
    assert row["input_text"] == "short teaser" and row["input_record"] == "7"
    assert row["record"] == 1
