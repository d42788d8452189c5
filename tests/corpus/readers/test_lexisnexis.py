"""Classic LexisNexis .TXT exports, checked against LexisNexisTools' reference parse."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kit import read_articles
from kit.corpus.readers import SkippedRecord, detect_reader, get_reader
from kit.errors import IngestError
from tests.corpus.readers.synth_exports import (
    make_articles,
    mismatches,
    published_of,
    write_lexisnexis_txt,
)
from tests.helpers import shared_fixture

READ = get_reader("lexisnexis_txt").read
METADATA_LINE = re.compile(
    r"^(BYLINE|SECTION|LENGTH|LOAD-DATE|LANGUAGE|PUBLICATION-TYPE|"
    r"JOURNAL-CODE|GRAPHIC|DATELINE|AUTOR|RUBRIK|LÄNGE|SPRACHE|UPDATE|"
    r"PUBLIKATIONSTYP): |^Copyright \d{4}|\d+ of \d+ DOCUMENTS|"
    r"^Dokument \d+ von \d+|All Rights Reserved",
    re.M,
)


def _ws(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


@pytest.fixture(scope="module")
def sample():
    return list(READ(shared_fixture("lexisnexis/sample.TXT")))


@pytest.fixture(scope="module")
def expected():
    folder = shared_fixture("lexisnexis/expected")
    meta = pd.read_csv(folder / "LNToutput_meta.csv", dtype=str, keep_default_na=False)
    articles = pd.read_csv(folder / "LNToutput_articles.csv", dtype={"Article": str})
    paragraphs = pd.read_csv(folder / "LNToutput_paragraphs.csv", dtype={"Paragraph": str})
    return meta, articles, paragraphs


def test_sample_txt_is_detected_by_content():
    assert detect_reader(shared_fixture("lexisnexis/sample.TXT")).name == "lexisnexis_txt"


def test_article_count_matches_reference(sample, expected):
    meta, articles, _ = expected
    assert all(isinstance(a, dict) for a in sample)
    assert len(sample) == len(meta) == len(articles) == 10


@pytest.mark.parametrize(
    "field, column",
    [
        ("title", "Headline"),
        ("outlet", "Newspaper"),
        ("author", "Author"),
        ("section", "Section"),
        ("edition", "Edition"),
    ],
)
def test_metadata_matches_reference(sample, expected, field, column):
    meta = expected[0]
    got = [_ws(a.get(field) or "") for a in sample]
    assert got == [_ws(v) for v in meta[column]]


def test_dates_match_reference(sample, expected):
    got = [published_of(a).strftime("%Y-%m-%d") for a in sample]
    assert got == list(expected[0]["Date"])
    assert all(a["published_raw"] for a in sample)


def test_bodies_match_reference(sample, expected):
    want = expected[1].sort_values("ID")["Article"].map(_ws).tolist()
    assert [_ws(a["text"]) for a in sample] == want


def test_paragraphs_match_reference(sample, expected):
    paragraphs = expected[2].sort_values(["Art_ID", "Par_ID"])
    for art_id, group in paragraphs.groupby("Art_ID"):
        got = [_ws(p) for p in sample[art_id - 1]["text"].split("\n\n")]
        assert got == [_ws(p) for p in group["Paragraph"]], f"article {art_id}"


def test_metadata_lines_are_not_left_in_text(sample):
    for article in sample:
        assert article["title"] and article["text"]
        assert not METADATA_LINE.search(article["text"]), article["title"]
    assert {a["language"] for a in sample} == {"en"}
    assert sample[3]["load_date"] == "January 11, 2010"
    assert sample[3]["copyright"].startswith("Copyright 2010 Times Newspapers")
    assert sample[0]["source"] == "LexisNexis"


@pytest.mark.parametrize("ui", ["en", "de"])
def test_constructed_export_other_outlets_and_interface(tmp_path, ui):
    articles = make_articles(320 if ui == "de" else 60, seed=11)
    path = write_lexisnexis_txt(tmp_path / f"export_{ui}.TXT", articles, ui=ui)
    assert detect_reader(path).name == "lexisnexis_txt"
    records = list(READ(path))
    assert mismatches(records, articles) == []
    assert not any(METADATA_LINE.search(r["text"]) for r in records)
    # an upper-case dateline in the body is text, not a label
    assert records[0]["text"].split("\n\n")[1].startswith("GENEVA: ")
    assert {r["language"] for r in records} == {"en"}


def test_file_without_documents_is_an_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes\n\nabout nothing.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no articles found"):
        list(READ(path))


def test_document_without_body_is_skipped_not_lost(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(
        "          1 of 2 DOCUMENTS\n\n          The Times\n\n          May 1, 2020\n\n"
        "Empty one\n\nLENGTH: 0 words\n\nLANGUAGE: ENGLISH\n\n"
        "          2 of 2 DOCUMENTS\n\n          The Times\n\n          May 2, 2020\n\n"
        "Full one\n\nLENGTH: 2 words\n\nTwo words.\n\nLANGUAGE: ENGLISH\n",
        encoding="utf-8",
    )
    first, second = READ(path)
    assert isinstance(first, SkippedRecord) and first.record == 1 and "no body" in first.reason
    assert second["title"] == "Full one" and second["text"] == "Two words."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_export_encodings_are_detected_and_decoded(tmp_path, encoding):
    path = tmp_path / "export.TXT"
    path.write_bytes(
        (
            "          1 of 1 DOCUMENTS\n\n          Süddeutsche Zeitung\n\n"
            "          May 1, 2020\n\nHeadline\n\nBYLINE: A. Writer\n\nBody.\n\n"
            "LANGUAGE: GERMAN\n"
        ).encode(encoding)
    )
    assert detect_reader(path).name == "lexisnexis_txt"
    [article] = READ(path)
    assert (article["outlet"], article["title"], article["text"]) == (
        "Süddeutsche Zeitung",
        "Headline",
        "Body.",
    )


@pytest.mark.parametrize("ui", ["en", "de"])
def test_a_document_missing_between_the_markers_is_reported(tmp_path, ui):
    articles = make_articles(5, seed=8)
    path = write_lexisnexis_txt(tmp_path / "export.txt", articles, ui=ui)
    lines = path.read_text(encoding="utf-8").splitlines()
    markers = [i for i, line in enumerate(lines) if re.search(r"\b3\b.*\b5\b", line)]
    whole = read_articles(path, progress=False).attrs["ingest_report"]
    assert whole["warnings"] == []
    del lines[markers[0]]  # document 3 loses its "3 of 5 DOCUMENTS" line
    path.write_text("\n".join(lines), encoding="utf-8")
    report = read_articles(path, progress=False).attrs["ingest_report"]
    notes = [w["reason"] for w in report["warnings"] if "holds documents" in w["reason"]]
    assert notes and "holds documents 1 to 5 of 5" in notes[0] and "number 3)" in notes[0]
