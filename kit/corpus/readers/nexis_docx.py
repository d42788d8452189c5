"""Nexis Uni and Lexis Advance .docx exports (one module: both share one layout).

Both come out of the same Lexis delivery service and print each document the same way:

- the headline: a paragraph with outline level 0 (Word's "heading" level; it opens the article);
- centred paragraphs: outlet, date, sometimes edition, and a copyright notice;
- labelled paragraphs, a bold label ending in ``:`` followed by a no-break space
  (``Section:``, ``Length:``, ``Byline:``... in the interface's language);
- a bold ``Body`` marker (bookmarked ``Body...``), the body paragraphs,
- an optional bold ``Classification`` marker and labelled trailer paragraphs
  (``Language:``, ``Load-Date:``, ``Subject:``...), and a bold ``End of Document`` line.

Nexis Uni adds a cover page (delivery details and the list of results) before the first
article; it has no outline-level-0 headline and never becomes an article. Detection relies on
that structure (outline levels, bold runs, no-break spaces, bookmarks), not on English words, so
other interface languages read the same; the label words only decide which column a value goes
to, and unknown labels are kept as extra fields, never left in the text.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from kit.corpus.dates import export_date
from kit.corpus.language import language_code
from kit.corpus.readers._archive import open_zip
from kit.corpus.readers._fields import (
    COPYRIGHT_LINE,
    EXPORT_EXTRA_FIELDS,
    masthead,
    put_field,
    with_extras,
)
from kit.corpus.readers._markup import iterparse_xml, norm_space, parse_xml
from kit.corpus.readers._text_io import note
from kit.corpus.readers.registry import SkippedRecord, register_reader
from kit.errors import IngestError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: Label words (lower case, without the colon) -> field, across interface languages.
LABELS = {
    "section": ("section", "rubrik", "ressort", "rubrique", "sección", "seccion", "版块", "栏目"),
    "author": ("byline", "autor", "auteur", "autor/a", "作者", "署名"),
    "length": ("length", "länge", "longueur", "longitud", "长度", "字数", "篇幅"),
    "dateline": ("dateline", "ortsmarke", "lieu", "电头"),
    "highlight": ("highlight", "höhepunkt", "untertitel", "sous-titre", "摘要"),
    "language": ("language", "sprache", "langue", "idioma", "语言"),
    "load_date": ("load-date", "ladedatum", "date de chargement", "加载日期"),
    "publication_type": (
        "publication-type",
        "publikationstyp",
        "type de publication",
        "出版物类型",
    ),
    "url": ("url",),
    "edition": ("edition", "ausgabe", "édition", "版次"),
}
_FIELD_OF = {word: field for field, words in LABELS.items() for word in words}
#: Body / trailer / end markers in the interfaces we know; structure finds them otherwise too.
BODY_MARKERS = frozenset({"body", "text", "texte", "cuerpo", "正文", "全文"})
END_MARKERS = frozenset(
    {
        "end of document",
        "ende des dokuments",
        "fin du document",
        "fin del documento",
        "文档结束",
        "文件结束",
    }
)
#: Bold sub-markers some outlets put inside the body (Guardian abstracts); dropped from the text.
BODY_SUBMARKERS = frozenset(
    {
        "abstract",
        "full text",
        "zusammenfassung",
        "volltext",
        "résumé",
        "texte intégral",
        "摘要",
        "全文",
    }
)
_DOC_BOOKMARK = re.compile(r"^Bookmark_\d+$")
_VERSION = re.compile(r";?\s*Version:\s*\d+\s*$")
#: Classification labels of the trailer (kept as extra columns; recognized in plain text).
CLASSIFICATION_LABELS = (
    "subject",
    "geographic",
    "organization",
    "person",
    "industry",
    "company",
    "ticker",
    "city",
    "state",
    "country",
    "document-type",
    "journal-code",
)
EXTRA_FIELDS = (
    *EXPORT_EXTRA_FIELDS,
    *(label.replace("-", "_") for label in CLASSIFICATION_LABELS),
)
#: Lone lines that open the trailer in a document's plain text (bold markers in the .docx).
TEXT_TRAILER_MARKERS = frozenset({"classification", "notes", "graphic", "klassifikation", "分类"})
_TEXT_LABELS = frozenset((*CLASSIFICATION_LABELS, "notes", "graphic"))


_R, _T, _BOOKMARK, _VAL = W + "r", W + "t", W + "bookmarkStart", W + "val"
_OUTLINE, _SECTPR, _BOLD = f"{W}pPr/{W}outlineLvl", f"{W}pPr/{W}sectPr", f"{W}rPr/{W}b"


class _Para:
    """The facts about one ``w:p`` the parser needs."""

    __slots__ = ("all_bold", "bookmarks", "heading", "label", "section_break", "text", "value")

    def __init__(self, p):
        runs, texts, self.bookmarks = [], [], []
        for el in p.iter(_R, _BOOKMARK):
            if el.tag == _R:
                runs.append(el)
                texts.append("".join(t.text or "" for t in el.iter(_T)))
            else:
                self.bookmarks.append(el.get(W + "name") or "")
        self.text = norm_space("".join(texts))
        level = p.find(_OUTLINE)
        self.heading = level is not None and level.get(_VAL) == "0"
        self.section_break = p.find(_SECTPR) is not None
        shown = [k for k, t in enumerate(texts) if t.strip()]
        bold = {k: _is_bold(runs[k]) for k in shown}
        self.all_bold = bool(shown) and all(bold.values())
        self.label = self.value = None
        if shown and bold[shown[0]]:
            first, rest = norm_space(texts[shown[0]]), "".join(texts[shown[0] + 1 :])
            # a label: bold words ending in ":" then a no-break space (or nothing) before the value
            if first.endswith(":") and (rest.startswith("\xa0") or not rest.strip()):
                self.label, self.value = first[:-1].strip(), norm_space(rest)


def text_paragraph(line: str, *, heading: bool = False) -> _Para:
    """Build a :class:`_Para` from one line of a document's plain text (a table cell).

    Plain text has lost bold runs, outline levels and bookmarks, so they are inferred from the
    words: a known label (:data:`LABELS`, :data:`CLASSIFICATION_LABELS`) before ``:`` makes a
    labelled line, a lone body, trailer or end marker a bold marker line.
    """
    para = _Para.__new__(_Para)
    para.text = norm_space(line)
    para.heading, para.section_break, para.bookmarks = heading, False, []
    para.label = para.value = None
    low = para.text.lower()
    name, colon, value = para.text.partition(":")
    if colon and (name.strip().lower() in _FIELD_OF or name.strip().lower() in _TEXT_LABELS):
        para.label, para.value = name.strip(), norm_space(value)
    if low in TEXT_TRAILER_MARKERS:
        para.bookmarks = ["Classification"]
    para.all_bold = para.label is None and any(
        low in words for words in (BODY_MARKERS, END_MARKERS, TEXT_TRAILER_MARKERS, BODY_SUBMARKERS)
    )
    return para


def _is_bold(run) -> bool:
    b = run.find(_BOLD)
    return b is not None and b.get(_VAL) not in ("0", "false")


def _main_part(archive) -> str:
    """Name of the main document part, from the package relationships."""
    if "_rels/.rels" in archive.names:
        rels = parse_xml(archive.read("_rels/.rels"), archive.path, what="_rels/.rels")
        for rel in rels.iter(_REL + "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                return posixpath.normpath(target)
    return "word/document.xml"


def docx_paragraphs(path: Path) -> list[_Para]:
    """Return the body paragraphs of a .docx (tables skipped), read through the safe zip opener.

    The main part is parsed as a stream (:func:`iterparse_xml`) and each body element freed
    once its paragraphs are taken, so memory follows the text read, not the XML's size.
    """
    with open_zip(path) as archive:
        part = _main_part(archive)
        with archive.open(part) as stream:
            return _body_paragraphs(stream, path, part)


def _body_paragraphs(stream, path: Path, part: str) -> list[_Para]:
    paras: list[_Para] = []
    depth, has_body = 0, False
    for event, el in iterparse_xml(stream, path, what=part):
        if event == "start":
            depth += 1
            has_body = has_body or (depth == 2 and el.tag == W + "body")
            continue
        depth -= 1
        parent = el.getparent()
        if depth != 2 or parent is None or parent.tag != W + "body":
            continue
        if el.tag == W + "p":
            paras.append(_Para(el))
        elif el.tag in (W + "tbl", W + "sdt"):  # table cells / content controls, in order
            paras.extend(_Para(p) for p in el.iter(W + "p"))
        el.clear()
        while el.getprevious() is not None:
            del parent[0]
    if not has_body:
        raise IngestError(path, f"{part} has no w:body; expected a Word document")
    return paras


_ANNOUNCED = re.compile(r"^\S[^()]{0,30}\((\d+)\)$")


def announced(paras: list[_Para]) -> int | None:
    """How many documents a Nexis Uni cover page announces (its bold "Documents (N)" line)."""
    for p in paras:
        if p.heading:
            break
        match = _ANNOUNCED.match(p.text) if p.all_bold and not p.label else None
        if match:
            return int(match.group(1))
    return None


def _split_articles(paras: list[_Para]) -> tuple[list[list[_Para]], bool]:
    starts = [i for i, p in enumerate(paras) if p.heading and p.text]
    if not starts:  # exports without outline levels: the paragraph after each "Bookmark_N"
        marks = [i for i, p in enumerate(paras) if any(_DOC_BOOKMARK.match(b) for b in p.bookmarks)]
        starts = [
            next(j for j in range(i, len(paras)) if paras[j].text)
            for i in marks
            if any(p.text for p in paras[i:])
        ]
    cover = bool(starts) and any(p.text for p in paras[: starts[0]])
    bounds = starts + [len(paras)]
    return [paras[a:b] for a, b in zip(bounds, bounds[1:])], cover


def _is_body_marker(p: _Para) -> bool:
    return (
        p.all_bold
        and not p.label
        and (
            any(b.lower().startswith("body") for b in p.bookmarks) or p.text.lower() in BODY_MARKERS
        )
    )


def _is_trailer_marker(p: _Para) -> bool:
    return (
        p.all_bold
        and not p.label
        and (
            any(b.lower().startswith("classification") for b in p.bookmarks)
            or p.text.lower() in END_MARKERS
        )
    )


def parse_article(paras: list[_Para], *, record: int, source: str) -> dict | SkippedRecord:
    """Turn one article's paragraphs (headline first) into a raw article record."""
    title = paras[0].text
    fields: dict[str, str] = {}
    header: list[str] = []
    body: list[str] = []
    state = "header"
    filled = [p for p in paras[1:] if p.text]
    if (
        filled
        and filled[-1].all_bold
        and not filled[-1].label
        and len(filled[-1].text.split()) <= 6
    ):
        paras = [p for p in paras if p is not filled[-1]]  # "End of Document", any language
    for p in paras[1:]:
        if state == "header":
            if _is_body_marker(p):
                state = "body"
            elif p.label is not None:
                _put(fields, p.label, p.value)
            elif p.text:
                header.append(p.text)
        elif state == "body":
            if p.label is not None:
                _put(fields, p.label, p.value)
                state = "trailer"
            elif _is_trailer_marker(p):
                state = "trailer"
            elif p.text and not (p.all_bold and p.text.lower() in BODY_SUBMARKERS):
                body.append(p.text)
        elif p.label is not None:
            _put(fields, p.label, p.value)
    if state == "header":  # no Body marker: the paragraphs after the labels are the body
        body, header = _body_without_marker(paras[1:], fields)
    while body and _is_end_line(body[-1]):
        body.pop()
    copyright_ = [h for h in header if COPYRIGHT_LINE.match(h)]
    header = [h for h in header if h not in copyright_]
    outlet, date, edition = masthead(header)
    text = "\n\n".join(body)
    if not text:
        return SkippedRecord(record, f"article {record} ({title!r}) has no body text")
    article = {
        "title": title,
        "text": text,
        "published": export_date(date) or date,
        "published_raw": date,
        "author": fields.pop("author", None),
        "section": _VERSION.sub("", fields.pop("section", "")) or None,
        "url": fields.pop("url", None),
        "outlet": outlet,
        "source": source,
        "language": language_code(fields.get("language")),
    }
    return with_extras(article, fields, EXTRA_FIELDS, edition=edition, copyright_=copyright_)


def _is_end_line(text: str) -> bool:
    return text.lower() in END_MARKERS


def _body_without_marker(paras: list[_Para], fields: dict) -> tuple[list[str], list[str]]:
    header, body, seen_label = [], [], False
    for p in paras:
        if p.label is not None:
            seen_label = True
        elif not p.text or _is_trailer_marker(p):
            continue
        elif seen_label:
            body.append(p.text)
        else:
            header.append(p.text)
    return body, header


def _put(fields: dict, label: str, value: str | None) -> None:
    put_field(fields, label.lower(), value, _FIELD_OF)


@register_reader("nexis_docx", extensions=(".docx",), priority=10)
def read_nexis_docx(path: Path, **options):
    """Nexis Uni / Lexis Advance .docx export, one article per document (cover page skipped).

    Parameters
    ----------
    path : Path
        A ``.docx`` delivered by Nexis Uni or Lexis Advance.
    **options
        ``source`` overrides the source name. By default it is "Nexis Uni" when the file starts
        with Nexis Uni's cover page (delivery details and result list) and "Lexis Advance"
        otherwise; both services use this layout.

    Yields
    ------
    dict or SkippedRecord
        ``title, text, published, published_raw, author, section, url, outlet, language,
        source`` plus ``edition, length, dateline, highlight, load_date, publication_type,
        copyright`` when present.

    Raises
    ------
    IngestError
        When the archive is unsafe or unreadable, or when no article headline is found
        ("no articles found").
    """
    path = Path(path)
    paras = docx_paragraphs(path)
    articles, cover = _split_articles(paras)
    expected = announced(paras) if cover else None
    if expected is not None and expected != len(articles):
        note(
            f"the cover page announces {expected} documents, but {len(articles)} headlines "
            "were found; a document without its headline is run into the one before it"
        )
    if not articles:
        raise IngestError(
            path,
            "no articles found: expected Nexis Uni / Lexis Advance documents "
            "(a headline at outline level 0, outlet, date, labelled lines such "
            "as 'Length:', a 'Body' section, 'End of Document')",
        )
    source = options.get("source") or ("Nexis Uni" if cover else "Lexis Advance")
    for record, paras in enumerate(articles, start=1):
        yield parse_article(paras, record=record, source=source)
