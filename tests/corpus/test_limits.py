"""The ingest limits of issue 16: aliases, long dates and fields, odd names and strings."""

from __future__ import annotations

import json
import time

import pandas as pd
import pytest
import yaml

from kit.corpus import IngestWarning, dates, read_articles
from kit.corpus.limits import (
    MAX_DATE_CHARS,
    MAX_FIELD_CHARS,
    clean_string,
    load_yaml_without_aliases,
    shown_name,
)
from kit.corpus.rows import RowBuilder, make_row

LAUGHS = (
    "---\n"
    + "\n".join(
        [
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
            "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
        ]
    )
    + "\n---\nA body that is fine.\n"
)


def test_yaml_aliases_are_refused():
    assert load_yaml_without_aliases("title: A\ntags: [x, y]") == {"title": "A", "tags": ["x", "y"]}
    with pytest.raises(yaml.YAMLError, match="aliases"):
        load_yaml_without_aliases("a: &a x\nb: *a")


def test_billion_laughs_front_matter_is_one_skipped_file(tmp_path):
    (tmp_path / "laughs.txt").write_text(LAUGHS, encoding="utf-8")
    (tmp_path / "fine.txt").write_text("Title\n\nA fine article body.\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.warns(IngestWarning):
        articles = read_articles(tmp_path, progress=False)
    assert time.perf_counter() - started < 20
    assert articles["path"].tolist() == ["fine.txt"]
    [skip] = articles.attrs["ingest_report"]["skipped"]
    assert skip["path"] == "laughs.txt" and "aliases" in skip["reason"]


def test_a_long_date_is_not_sent_to_dateparser(monkeypatch):
    def refuse(text, languages):
        raise AssertionError(f"dateparser called on {len(text)} characters")

    monkeypatch.setattr(dates, "_parse_with_dateparser", refuse)
    dates._parse.cache_clear()
    assert dates.parse_date("3 " + "Januar " * (MAX_DATE_CHARS // 7 + 1) + "1993") is pd.NaT
    assert dates.parse_date("x1" * 500_000) is pd.NaT


def test_a_long_field_is_cut_with_a_warning():
    item = {"title": "T", "text": "A body.", "notes": "n" * (MAX_FIELD_CHARS + 10)}
    row, _, skipped, warnings = make_row(item, "plaintext", "a.txt", 1)
    assert skipped is None and len(row["notes"]) == MAX_FIELD_CHARS
    assert any("'notes'" in reason and "characters long" in reason for _, reason in warnings)


def test_strings_and_names_are_made_writable():
    assert clean_string("a\ud800b") == "a\ufffdb"
    assert shown_name("caf\udce9.txt") == "caf\\xe9.txt" and shown_name("café.txt") == "café.txt"


def test_a_record_that_cannot_be_cleaned_is_skipped_not_raised():
    class Hostile:
        def __str__(self):
            raise RuntimeError("no string for you")

    row, _, skipped, _ = make_row({"text": "A body.", "author": Hostile()}, "json", "a.json", 3)
    assert row is None and skipped[0] == 3
    assert "cannot turn into an article" in skipped[1] and "detail: RuntimeError" in skipped[1]


def test_lone_surrogates_inside_worker_processes():
    delivered = []
    builder = RowBuilder(lambda rel, result: delivered.append(result), jobs=2)
    builder.add({"title": "A\ud800", "text": "Body \udfff text here."}, "json", "a.json", 1)
    builder.add({"text": "Another body.", "\ud800key": "x"}, "json", "a.json", 2)
    builder.finish()
    rows = [row for row, _, _, _ in delivered]
    assert rows[0]["title"] == "A\ufffd" and "\ufffd" in rows[0]["text"].decode("utf-8")
    assert rows[1]["\ufffdkey"] == "x"


def test_lone_surrogates_in_json_keys_and_fields(tmp_path):
    records = [
        {"title": "One", "text": "First body.", "author": "\ud800", "\ud800key": "v"},
        {"title": "Two", "text": "Second \udc00 body."},
    ]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="ascii")
    articles = read_articles(tmp_path, progress=False)
    assert articles["title"].tolist() == ["One", "Two"]
    assert articles["author"].tolist()[0] == "\ufffd"
    assert "\ufffd" in articles["text"].tolist()[1]


def test_a_file_name_that_is_not_utf8(tmp_path):
    name = b"caf\xe9.txt"
    with open(bytes(tmp_path) + b"/" + name, "wb") as fh:
        fh.write(b"Title\n\nA fine article body.\n")
    articles = read_articles(tmp_path, progress=False)
    assert articles["path"].tolist() == ["caf\\xe9.txt"]
    [warning] = [
        w for w in articles.attrs["ingest_report"]["warnings"] if "not valid UTF-8" in w["reason"]
    ]
    assert warning["path"] == "caf\\xe9.txt"
