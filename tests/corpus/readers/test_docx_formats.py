"""Nexis Uni and Lexis Advance .docx exports."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kit.corpus.readers import detect_reader, get_reader
from kit.errors import IngestError
from tests.corpus.readers.synth_exports import (
    make_articles,
    mismatches,
    published_of,
    write_nexis_docx,
)
from tests.helpers import FIXTURES, shared_fixture

READ = get_reader("nexis_docx").read
# Labels and markers of the layout, in the interfaces the tests use; none may reach the text.
LEFTOVER = re.compile(
    r"^(Section|Length|Byline|Load-Date|Language|Publication-Type|Journal Code|"
    r"Subject|Organization|Person|Geographic|Rubrik|Länge|Autor|Sprache|"
    r"Ladedatum|版块|字数|作者|语言|加载日期):|^(Body|Classification|End of Document|"
    r"Text|Klassifikation|Ende des Dokuments|正文|分类|文档结束|ABSTRACT|FULL TEXT)$|"
    r"^Copyright \d{4}|Job Number|Client/Matter|Search Terms|Documents \(\d+\)",
    re.M,
)

# Read off the file's structure by hand (python-docx paragraph dump), not by the reader.
SAMPLE_TITLES = [
    "Lorem ipsum dolor sit amet",
    "Lorem ipsum dolor sit amet",
    "Lorem ipsum dolor sit amet",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum sapien, "
    "eget aliquet",
    "Sample Headline",
    "Lorem ipsum dolor sit amet, nec egestas blandit",
    "R (programming language) on Wikipedia",
    "What is Wikipedia",
]
SAMPLE_AUTHORS = [
    "Mattha Busby (now), Andrew Sparrow (earlier)",
    "Andrew Sparrow",
    "Daniel Boffey in Brussels",
    "Heather Stewart",
    "Andrew Sparrow and Kevin Rawlinson",
    "Lisa O'Carroll Sample File correspondent",
    "Letters",
    "Greg Wood",
    "Ross Ihaka and Robert Gentleman",
    "Tom Kibasi",
]
SAMPLE_SECTIONS = ["POLITICS"] * 7 + ["SPORT", "Wikipedia", "OPINION"]
SAMPLE_DAYS = [
    "2019-07-01",
    "2019-07-02",
    "2019-07-04",
    "2019-07-03",
    "2019-07-04",
    "2019-07-02",
    "2019-07-03",
    "2019-07-03",
    "2019-07-03",
    "2019-07-02",
]


@pytest.fixture(scope="module")
def sample():
    return list(READ(shared_fixture("lexisnexis/sample.DOCX")))


@pytest.fixture(scope="module")
def guardian():
    return list(READ(shared_fixture("lexis_docx/guardian1.docx")))


def test_nexis_uni_sample_has_ten_articles_and_no_cover(sample):
    assert len(sample) == 10 and all(isinstance(a, dict) for a in sample)
    assert [a["title"] for a in sample] == SAMPLE_TITLES
    for article in sample:
        assert article["title"] and article["text"]
        assert not LEFTOVER.search(article["text"]), article["title"]
        assert article["source"] == "Nexis Uni"
        assert article["outlet"] == "The Guardian(London)"


def test_nexis_uni_sample_metadata_in_columns(sample):
    assert [a["author"] for a in sample] == SAMPLE_AUTHORS
    assert [a["section"] for a in sample] == SAMPLE_SECTIONS
    assert [published_of(a).strftime("%Y-%m-%d") for a in sample] == SAMPLE_DAYS
    assert published_of(sample[0]).hour == 9  # "9:20 AM GMT"
    assert sample[0]["length"] == "355 words"
    assert sample[6]["language"] == "en" and sample[6]["load_date"] == "July 4, 2019"
    assert sample[1]["copyright"].startswith("Copyright 2019 The Guardian")
    # first and last body paragraphs, read from the document by hand
    assert sample[0]["text"].startswith("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    assert sample[0]["text"].endswith("Nulla suscipit metus neque, ut varius.")
    assert sample[8]["text"].split("\n\n")[0].startswith("R is a programming language")


def test_reference_meta_for_uni_exports_applies_when_its_file_is_present():
    meta = pd.read_csv(shared_fixture("lexisnexis/expected/LNToutput_uni_meta.csv"), dtype=str)
    name = meta["Source_File"].iloc[0]
    path = FIXTURES / "lexisnexis" / name
    if not path.exists():
        pytest.skip(f"LNToutput_uni_meta.csv describes {name}, which is not among the fixtures")
    got = list(READ(path))
    assert len(got) == len(meta)
    assert [a["outlet"] for a in got] == list(meta["Newspaper"])


def test_empty_export_reports_no_articles_found():
    with pytest.raises(IngestError, match="no articles found") as info:
        list(READ(shared_fixture("lexisnexis/test.DOCX")))
    assert "test.DOCX" in str(info.value) and "headline" in str(info.value)


def test_lexis_advance_guardian_export(guardian):
    assert len(guardian) == 2
    assert [a["title"] for a in guardian] == [
        "Worried about immigration? Try living in a developing country",
        "Wythenshawe byelection: Cameron denies a Ukip breakthrough",
    ]
    assert [a["author"] for a in guardian] == [
        "Jonathan Glennie, theguardian.com",
        "Rowena Mason, theguardian.com",
    ]
    assert [published_of(a).strftime("%Y-%m-%d") for a in guardian] == ["2014-05-30", "2014-02-14"]
    for article in guardian:
        assert article["outlet"] == "Guardian.com." and article["source"] == "Lexis Advance"
        assert article["language"] == "en" and article["publication_type"] == "Newspaper"
        assert not LEFTOVER.search(article["text"])
    assert guardian[0]["text"].startswith("Jonathan Glennie and David Turton: Any meaningful")
    assert guardian[1]["text"].endswith("immigration, welfare and the EU.")


def test_docx_is_detected_by_extension():
    assert detect_reader(shared_fixture("lexis_docx/guardian1.docx")).name == "nexis_docx"


@pytest.mark.parametrize("ui", ["en", "de", "zh"])
@pytest.mark.parametrize("cover", [True, False])
def test_constructed_export_other_outlets_and_interface(tmp_path, ui, cover):
    articles = make_articles(300 if (ui, cover) in (("de", True), ("zh", False)) else 60, seed=21)
    path = write_nexis_docx(tmp_path / "export.docx", articles, ui=ui, cover=cover)
    records = list(READ(path))
    assert mismatches(records, articles) == []
    assert not any(LEFTOVER.search(r["text"]) for r in records)
    assert {r["source"] for r in records} == {"Nexis Uni" if cover else "Lexis Advance"}
    assert records[0]["language"] == "en" and records[0]["length"].split()[0].isdigit()
    assert all("Version" not in (r["section"] or "") for r in records)


def test_older_layout_without_outline_levels_and_unknown_end_marker(tmp_path):
    articles = make_articles(40, seed=22)
    path = write_nexis_docx(
        tmp_path / "old.docx", articles, ui="de", outline=False, end_marker="Fine del documento"
    )
    records = list(READ(path))
    assert mismatches(records, articles) == []
    assert not any("Fine del documento" in r["text"] for r in records)


def test_a_document_the_cover_page_announces_but_the_file_lacks_is_reported(tmp_path):
    import zipfile

    from kit import read_articles

    articles = make_articles(4, seed=9)
    path = write_nexis_docx(tmp_path / "export.docx", articles, cover=True)
    whole = read_articles(path, progress=False).attrs["ingest_report"]
    assert len(articles) == whole["n_articles"] and whole["warnings"] == []
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    start = xml.rindex("<w:p>", 0, xml.rindex(articles[2].title))  # its headline paragraph
    head, tail = xml[:start], xml[start:].replace('<w:outlineLvl w:val="0"/>', "", 1)
    parts["word/document.xml"] = (head + tail).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    report = read_articles(path, progress=False).attrs["ingest_report"]
    notes = [w["reason"] for w in report["warnings"] if "announces" in w["reason"]]
    assert notes == [
        "the cover page announces 4 documents, but 3 headlines were found; a document "
        "without its headline is run into the one before it"
    ]
