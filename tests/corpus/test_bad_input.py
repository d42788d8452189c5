"""Every bad input of issue 2: none crashes the ingest, none is lost silently."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from kit.corpus import IngestWarning, ingest, read_articles
from kit.corpus.readers._text_io import decode_bytes
from tests.helpers import SEED


def read(folder):
    with pytest.warns(IngestWarning) if any(folder.iterdir()) else _nothing():
        articles = read_articles(folder)
    return articles, articles.attrs["ingest_report"]


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def only_skip(report):
    [skip] = report["skipped"]
    return skip


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    articles, report = read(tmp_path)
    assert articles.empty
    assert only_skip(report)["reason"] == "the file is empty (0 bytes)"


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_text("\n\n   \n")
    _, report = read(tmp_path)
    assert only_skip(report)["reason"] == "the file holds no text"


def test_binary_junk_with_a_txt_name(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary")
    _, report = read(tmp_path)
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert reasons["junk.txt"] == (
        "this is binary data (it contains NUL bytes), not text; kit cannot read it"
    )
    assert reasons["scan.txt"].startswith("this is a PDF document; export or copy its text")


def test_windows_1252_text(tmp_path):
    text = (
        "Caf\u00e9 talks\n\n\u201cWe will respond,\u201d the minister said \u2013 in "
        "T\u00e9h\u00e9ran."
    )
    (tmp_path / "old.txt").write_bytes(text.encode("cp1252"))
    articles = read_articles(tmp_path)
    report = articles.attrs["ingest_report"]
    assert articles.loc[0, "title"] == "Caf\u00e9 talks"
    assert articles.loc[0, "text"] == (
        "\u201cWe will respond,\u201d the minister said \u2013 in T\u00e9h\u00e9ran."
    )
    assert report["warnings"] == [
        {
            "path": "old.txt",
            "record": None,
            "reason": "the file is not UTF-8; read it as Windows-1252 (Western European)",
        }
    ]


def test_broken_utf8_is_loaded_with_a_warning_naming_the_line(tmp_path):
    good = "T\u00e9h\u00e9ran said the strikes were over.\n".encode()
    (tmp_path / "broken.txt").write_bytes(good + good + b"Third line \xe2\x80 cut short.\n" + good)
    articles = read_articles(tmp_path)
    assert "\ufffd" in articles.loc[0, "text"] and "T\u00e9h\u00e9ran" in articles.loc[0, "text"]
    [warning] = articles.attrs["ingest_report"]["warnings"]
    assert warning["reason"] == (
        "1 byte sequence(s) are not valid UTF-8 (line(s) 3); they were replaced with \ufffd"
    )


def test_decode_utf16_and_bom():
    assert decode_bytes("\ufeffcaf\u00e9".encode("utf-8")) == ("caf\u00e9", "utf-8-sig")
    assert decode_bytes("caf\u00e9".encode("utf-16")) == ("caf\u00e9", "utf-16")


def test_truncated_json(tmp_path):
    (tmp_path / "cut.json").write_text(json.dumps([{"title": "A", "text": "Body"}] * 3)[:-25])
    articles, report = read(tmp_path)
    assert articles.empty
    reason = only_skip(report)["reason"]
    assert reason.startswith("the file is not valid JSON:")
    assert "(the file ends early: is it truncated?)" in reason


def test_jsonl_with_one_bad_line(tmp_path):
    lines = [json.dumps({"title": f"T{i}", "text": f"Body {i}."}) for i in range(4)]
    lines[2] = '{"title": "T2", "text": "Body 2.'
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    articles, report = read(tmp_path)
    assert articles["title"].tolist() == ["T0", "T1", "T3"]
    assert articles["record"].tolist() == [1, 2, 4]
    skip = only_skip(report)
    assert (skip["path"], skip["record"], skip["kind"]) == ("a.jsonl", 3, "record")
    assert skip["reason"].startswith("line 3 is not valid JSON: Unterminated string")


def test_csv_without_a_text_column(tmp_path):
    (tmp_path / "meta.csv").write_text("headline,date,outlet\nA,2024-04-14,X\n")
    _, report = read(tmp_path)
    reason = only_skip(report)["reason"]
    assert reason.startswith(
        "no column holds the article text; columns found: "
        "['headline', 'date', 'outlet']; accepted names for the text: "
        "['text', 'body', 'content', 'article'"
    )
    assert "mapping={'text': 'your_column'}" in reason


def test_a_single_50_mb_line(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"drone " * (50 * 1024 * 1024 // 6))
    shutil.copy(SEED, tmp_path / "seed.txt")
    articles, report = read(tmp_path)
    assert articles["path"].tolist() == ["seed.txt"]
    skip = only_skip(report)
    assert skip["path"] == "huge.txt" and skip["record"] == 1
    assert "characters long; kit accepts at most 2,000,000" in skip["reason"]


def test_the_same_article_twice_under_two_names(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(SEED, tmp_path / "b copy.txt")
    articles = read_articles(tmp_path)
    assert articles["path"].tolist() == ["a.txt", "b copy.txt"]
    original, copy = articles["doc_id"]
    assert original != copy
    assert articles["duplicate_of"].tolist() == [pd.NA, original]
    assert articles.attrs["ingest_report"]["duplicates"] == {"exact": 1, "near": 0}
    assert articles.attrs["ingest_report"]["n_unique"] == 1


def test_an_article_with_no_date(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": "T", "text": "Body."})
        + "\n"
        + json.dumps({"title": "U", "text": "Other body.", "date": "sometime in spring"})
        + "\n"
    )
    articles = read_articles(tmp_path)
    assert articles["published"].isna().all()
    assert articles["published_raw"].tolist() == [pd.NA, "sometime in spring"]
    report = articles.attrs["ingest_report"]
    assert report["dates"]["n_undated"] == 2
    assert report["warnings"][0]["reason"] == (
        "date 'sometime in spring' not understood; published is left empty (NaT)"
    )


def test_unknown_extension(tmp_path):
    (tmp_path / "export.xyz").write_text("Some text")
    _, report = read(tmp_path)
    reason = only_skip(report)["reason"]
    assert reason.startswith("no reader for files like this (extension '.xyz'); kit reads ")
    assert ".csv" in reason and ".jsonl" in reason and "Extending kit" in reason


def test_all_together_nothing_is_lost(tmp_path):
    """One folder with every bad input: the ingest finishes and accounts for every file."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)))
    (tmp_path / "cp1252.txt").write_bytes("Caf\u00e9 \u2013 talks resumed today.".encode("cp1252"))
    (tmp_path / "broken.txt").write_bytes(b"Broken \xff\xfe text \xc3\xa9 here and there.")
    (tmp_path / "cut.json").write_text('[{"text": "Body"}, {"text": ')
    (tmp_path / "a.jsonl").write_text('{"text": "Good body."}\n{bad\n')
    (tmp_path / "meta.csv").write_text("headline,date\nA,2024-04-14\n")
    (tmp_path / "export.xyz").write_text("Some text")
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(SEED, tmp_path / "seed again.txt")
    (tmp_path / "nodate.txt").write_text("Undated article body text.")
    out = tmp_path / "out" / "articles.parquet"
    with pytest.warns(IngestWarning, match="6 input"):
        report = ingest(tmp_path, out=out, progress=False)
    files = {p.name for p in tmp_path.iterdir() if p.is_file()}
    loaded = set(pd.read_parquet(out)["path"])
    skipped = {s["path"] for s in report["skipped"]}
    assert loaded | skipped == files
    assert loaded == {
        "cp1252.txt",
        "broken.txt",
        "a.jsonl",
        "seed.txt",
        "seed again.txt",
        "nodate.txt",
    }
    assert report["n_articles"] == 6 and report["n_files"] == len(files)


@pytest.mark.parametrize(
    "content, why",
    [
        ("a" * 5000, "one repeated character ('a')"),
        ("=" * 300 + "\n" + "=" * 300, "one repeated character ('=')"),
        (
            "".join(chr(33 + (i * 7) % 30) for i in range(3000)),
            "characters of the text are letters",
        ),
    ],
)
def test_an_article_without_words_is_reported_as_suspicious(tmp_path, content, why):
    (tmp_path / "odd.txt").write_text(content)
    (tmp_path / "fine.txt").write_text("Strikes\n\nDrones were launched at Israel overnight.\n")
    articles = read_articles(tmp_path, progress=False)
    warnings = articles.attrs["ingest_report"]["warnings"]
    odd = [w for w in warnings if w["reason"].startswith("suspicious")]
    assert [w["path"] for w in odd] == ["odd.txt"]
    assert why in odd[0]["reason"]
