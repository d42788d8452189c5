"""Whole export documents inside table cells (a CSV made from Nexis Uni .docx exports, ...)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from kit import read_articles
from kit.corpus import IngestWarning
from tests.corpus.readers.synth_exports import (
    make_articles,
    write_factiva_html,
    write_lexisnexis_txt,
    write_nexis_docx,
)
from tests.helpers import shared_fixture

#: Export furniture that must not be left in any text.
LEFTOVER = re.compile(
    r"Load-Date|LOAD-DATE|Classification|\(\d+%\)|Length: \d+ words|LENGTH: \d+ words|"
    r"End of Document|Job Number|Documents \(\d+\)|^Body$|^BYLINE:",
    re.M,
)
COLUMNS = ["source", "text", "title", "journal", "date", "classification"]


def _docx_documents(path: Path) -> tuple[str, list[str]]:
    """The cover page's text and each document's text, as a student's script would make them:
    python-docx paragraphs joined by newlines, split at the outline-level-0 headlines."""
    paragraphs = docx.Document(str(path)).paragraphs

    def is_headline(p) -> bool:
        ppr = p._p.pPr
        level = None if ppr is None else ppr.find(qn("w:outlineLvl"))
        return level is not None and level.get(qn("w:val")) == "0" and bool(p.text.strip())

    starts = [i for i, p in enumerate(paragraphs) if is_headline(p)]
    cover = "\n".join(p.text for p in paragraphs[: starts[0]] if p.text.strip())
    bounds = [*starts, len(paragraphs)]
    docs = ["\n".join(p.text for p in paragraphs[a:b]) for a, b in zip(bounds, bounds[1:])]
    return cover, docs


def _student_csv(path: Path, exports: list[tuple[Path, str]]) -> tuple[int, int]:
    """Write a CSV as researchers make them from exports (one row per document, cover pages included);
    return (documents, cover pages)."""
    rows, n_docs, n_covers = [], 0, 0
    for export, label in exports:
        cover, docs = _docx_documents(export)
        if cover:
            rows.append([export.name, cover, "", label, "", ""])
            n_covers += 1
        for doc in docs:
            rows.append([export.name, doc, doc.split("\n")[0], label, "", "news"])
            n_docs += 1
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return n_docs, n_covers


def _four_outlets(tmp_path, ui="en"):
    """A CSV made from four Nexis Uni exports, one per newspaper, labelled as students do."""
    articles = make_articles(16)
    labels = {
        "Al Jazeera English": "Files(Al Jazeera_ Qatar)",
        "Haaretz": "Haaretz ",
        "Tehran Times": "Files(Tehran Times_ Iran)",
        "The Jerusalem Post": "Jerusalem",
    }
    exports = []
    for outlet, label in labels.items():
        mine = [a for a in articles if a.outlet == outlet]
        export = write_nexis_docx(tmp_path / f"{label.strip()}.docx", mine, ui=ui, cover=True)
        exports.append((export, label))
    path = tmp_path / "coverage.csv"
    n_docs, n_covers = _student_csv(path, exports)
    wanted = [a for a in articles if a.outlet in labels]
    return path, n_docs, n_covers, wanted, labels


@pytest.mark.parametrize("ui", ["en", "de", "zh"])
def test_documents_in_cells_are_parsed_like_the_export(tmp_path, ui):
    path, n_docs, n_covers, wanted, labels = _four_outlets(tmp_path, ui)
    with pytest.warns(IngestWarning, match="a Nexis cover page, not an article"):
        articles = read_articles(path, progress=False)
    report = articles.attrs["ingest_report"]
    assert len(articles) == n_docs == len(wanted)
    covers = [s for s in report["skipped"] if s["reason"] == "a Nexis cover page, not an article"]
    assert len(covers) == n_covers == 4 and len(report["skipped"]) == 4
    # Outlets from each document's publication line, one canonical name each.
    assert sorted(articles["outlet"].unique()) == [
        "Al Jazeera",
        "Haaretz",
        "Tehran Times",
        "The Jerusalem Post",
    ]
    by_title = articles.set_index("title")
    for want in wanted:
        got = by_title.loc[want.title]
        assert got["text"] == want.text
        assert (None if pd.isna(got["author"]) else got["author"]) == want.author
        assert got["published"].date() == want.published.date()
        assert got["journal"] == labels[want.outlet].strip()  # the file's column is kept
    assert articles["author"].notna().sum() == sum(a.author is not None for a in wanted)
    assert not any(LEFTOVER.search(t) for t in articles["text"])
    assert set(articles["language"]) == {"en"}
    assert articles["published"].notna().all()
    assert articles["length"].str.fullmatch(r"\d+ ?\S+").all()  # "211 words", "84 Wörter"
    assert articles["load_date"].notna().all()
    mapped = {o["name"]: o["outlet"] for o in report["outlet_names"] if o["mapped"]}
    assert mapped["Al Jazeera English"] == "Al Jazeera"


def test_an_explicit_mapping_wins_over_the_document(tmp_path):
    path, n_docs, _, wanted, labels = _four_outlets(tmp_path)
    with pytest.warns(IngestWarning, match="cover page"):
        articles = read_articles(path, mapping={"outlet": "journal"}, outlets=False, progress=False)
    assert len(articles) == n_docs
    assert set(articles["outlet"]) == {label.strip() for label in labels.values()}
    assert set(articles["author"].dropna()) <= {a.author for a in wanted}


def test_ordinary_text_cells_are_left_alone(tmp_path):
    path = tmp_path / "plain.csv"
    text = "Drones were launched.\nLength: the attack lasted an hour.\nBody counts rose."
    pd.DataFrame({"title": ["Strikes"], "text": [text]}).to_csv(path, index=False)
    articles = read_articles(path, progress=False)
    assert articles["text"].tolist() == [text.replace("\n", "\n\n")]


def test_classic_lexisnexis_documents_in_cells(tmp_path):
    wanted = make_articles(3, seed=2)
    export = write_lexisnexis_txt(tmp_path / "export.txt", wanted)
    text = export.read_text(encoding="utf-8")
    docs = re.split(r"^\s*\d+ of \d+ DOCUMENTS\s*$", text, flags=re.M)[1:]
    # a spreadsheet loses the indentation that centres the outlet and date lines
    cells = ["\n".join(line.strip() for line in doc.strip().splitlines()) for doc in docs]
    path = tmp_path / "classic.jsonl"
    pd.DataFrame({"article": cells}).to_json(path, orient="records", lines=True)
    articles = read_articles(path, outlets=False, progress=False)
    assert articles["title"].tolist() == [a.title for a in wanted]
    assert articles["outlet"].tolist() == [a.outlet for a in wanted]
    assert articles["text"].tolist() == [a.text for a in wanted]
    assert [d.date() for d in articles["published"]] == [a.published.date() for a in wanted]
    assert not any(LEFTOVER.search(t) for t in articles["text"])


def test_shared_fixture_documents_in_a_csv(tmp_path):
    """The shared .docx exports (Nexis Uni with a cover page, Lexis Advance without) as a CSV:
    the same counts as reading the exports themselves."""
    exports = [
        (shared_fixture("lexisnexis/sample.DOCX"), "Files(The Guardian_ UK)"),
        (shared_fixture("lexis_docx/guardian1.docx"), "NY Times"),
    ]
    path = tmp_path / "fixtures.csv"
    n_docs, n_covers = _student_csv(path, exports)
    direct = read_articles([e for e, _ in exports], progress=False)
    with pytest.warns(IngestWarning, match="cover page"):
        articles = read_articles(path, progress=False)
    assert len(articles) == n_docs == len(direct) == 12 and n_covers == 1
    assert articles["title"].tolist() == direct["title"].tolist()
    assert articles["author"].tolist() == direct["author"].tolist()
    assert articles["outlet"].tolist() == direct["outlet"].tolist()
    assert set(articles["outlet"]) == {"The Guardian"}
    assert articles["published"].tolist() == direct["published"].tolist()
    assert articles["text"].tolist() == direct["text"].tolist()
    assert not any(LEFTOVER.search(t) for t in articles["text"])
    assert articles.attrs["ingest_report"]["n_skipped_records"] == 1


def _factiva_text(article) -> str:
    """An article of a Factiva page as copied into a spreadsheet: one line per block."""
    lines = []
    for block in article.iter("div", "p"):
        if block.find("div") is None and block.find("p") is None:
            lines.append(" ".join(block.text_content().split()))
    return "\n".join(line for line in lines if line)


def test_factiva_documents_in_cells(tmp_path):
    import lxml.html

    wanted = make_articles(4, seed=3)
    page = write_factiva_html(tmp_path / "factiva.html", wanted)
    root = lxml.html.fromstring(page.read_bytes())
    cells = [_factiva_text(a) for a in root.find_class("enArticle")]
    path = tmp_path / "factiva.csv"
    pd.DataFrame({"Body": cells}).to_csv(path, index=False)
    articles = read_articles(path, outlets=False, progress=False)
    assert articles["title"].tolist() == [a.title for a in wanted]
    assert articles["outlet"].tolist() == [a.outlet for a in wanted]
    assert articles["native_id"].tolist() == [a.native_id for a in wanted]
    assert [d.date() for d in articles["published"]] == [a.published.date() for a in wanted]
    for got, want in zip(articles.itertuples(), wanted):
        assert got.text.startswith(want.text)  # the page's "(Full Text)" line may follow
        assert (None if pd.isna(got.author) else got.author.removeprefix("By ")) == want.author
        assert (None if pd.isna(got.section) else got.section) == want.section
        assert not re.search(r"^\d+ words$|^Copyright|^English$", got.text, re.M)


@pytest.mark.parametrize(
    "cell, reason",
    [
        ("Length: 3 words\nBody\nEnd of Document", "has no body text"),
        ("Strikes\nThe Times\n4 words\nMay 1, 2020\nDocument ABCDEFGHIJK12", "language line"),
        ("Strikes\n12 words\nEnglish\nDocument ABCDEFGHIJK12", "has no body text"),
    ],
)
def test_broken_documents_in_cells_are_skipped_with_a_reason(tmp_path, cell, reason):
    path = tmp_path / "odd.csv"
    pd.DataFrame({"text": [cell, "Drones were launched at Israel."]}).to_csv(path, index=False)
    with pytest.warns(IngestWarning):
        articles = read_articles(path, progress=False)
    assert articles["text"].tolist() == ["Drones were launched at Israel."]
    skipped = articles.attrs["ingest_report"]["skipped"]
    assert [s["record"] for s in skipped] == [1] and reason in skipped[0]["reason"]


_LAYOUTS = [
    "Headline\nThe Times\nMay 1, 2020\nLength: 20 words\nBody\nWords.",
    "     The Times\n\nStrikes go on\n\nBYLINE: A. Writer\n\nLENGTH: 20 words\n\nBody.\n\n"
    "LOAD-DATE: May 2, 2020",
    "Text first\n1 of 3 DOCUMENTS\nThe Times",
    "Strikes go on\n120 words\n14 April 2024\nThe Times\nEnglish\nBody text.\n"
    "Document TIMES00020240414",
    "Job Number: 1\nSearch Terms: strikes\nDocuments (3)\n1. Strikes go on",
    "An article\nwith: a colon\nand lines\nbut no export furniture.",
]


def test_the_quick_pre_check_never_changes_the_layout_found(monkeypatch):
    from kit.corpus.readers import _documents

    variants = [
        variant
        for text in _LAYOUTS
        for variant in (
            text,
            text.replace("\n", "\r\n"),
            text.replace("\n", "\r", 2),
            text.replace("\n", "\u2028", 3),
            text.replace("\n", "\n  \x0c "),
            text.upper(),
            text.lower(),
        )
    ]
    found = [_documents.kind_of(text) for text in variants]
    assert {"nexis", "classic", "factiva", "cover", None} <= set(found)
    monkeypatch.setattr(_documents, "_MAYBE_DOCUMENT", re.compile(""))  # every text passes
    assert [_documents.kind_of(text) for text in variants] == found
