"""Classic LexisNexis (Academic / Nexis UK) text exports, and the layout they share with HTML.

A classic export is a cover block followed by documents, each opened by a centred
``N of M DOCUMENTS`` line (``Dokument N von M`` / ``Document N de M`` in other interfaces). A
document is: centred lines (outlet, date, edition), the headline, upper-case labelled header
lines (``BYLINE:``, ``SECTION:``, ``LENGTH:``, ...), the body, labelled trailer lines
(``LOAD-DATE:``, ``LANGUAGE:``, ``PUBLICATION-TYPE:``, ...) and a centred copyright notice.
:func:`parse_classic_document` reads that layout from a list of :class:`Block` s, so the Nexis UK
HTML reader (:mod:`kit.corpus.readers.nexis_html`) shares it; this module turns a ``.TXT`` into blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kit.corpus.dates import export_date
from kit.corpus.language import language_code
from kit.corpus.readers._fields import (
    COPYRIGHT_LINE,
    EXPORT_EXTRA_FIELDS,
    masthead,
    put_field,
    with_extras,
)
from kit.corpus.readers._markup import looks_like_html, norm_space
from kit.corpus.readers._text_io import note, read_text, sniff_text
from kit.corpus.readers.registry import SkippedRecord, register_reader
from kit.errors import IngestError

#: Document separators in the English, German, French and Spanish interfaces.
DOC_MARKER = re.compile(
    r"^\s*(?:\d+\s+of\s+\d+\s+DOCUMENTS?|Dokument\s+\d+\s+von\s+\d+|"
    r"Document\s+\d+\s+de\s+\d+|Documento\s+\d+\s+de\s+\d+)\s*$",
    re.I,
)
LABEL_LINE = re.compile(r"^([A-ZÄÖÜÉÈ][A-ZÄÖÜÉÈ0-9\-/ ]{1,38}[A-ZÄÖÜÉÈ]):\s*(.*)$", re.S)

#: Upper-case labels -> field, across interface languages. Other upper-case labels met in the
#: header are kept as extra fields under their lower-cased name.
LABEL_FIELDS = {
    "author": ("BYLINE", "AUTOR", "VON", "AUTEUR", "PAR", "AUTOR/A"),
    "section": ("SECTION", "RUBRIK", "RESSORT", "RUBRIQUE", "SECCIÓN", "SECCION"),
    "length": ("LENGTH", "LÄNGE", "LONGUEUR", "LONGITUD", "UMFANG"),
    "title": ("HEADLINE", "TITEL", "ÜBERSCHRIFT", "TITRE", "TITULAR"),
    "body": ("BODY", "TEXT", "TEXTE", "CUERPO"),
    "dateline": ("DATELINE", "ORTSZEILE"),
    "highlight": ("HIGHLIGHT", "HIGHLIGHTS", "UNTERTITEL", "SOUS-TITRE"),
    "language": ("LANGUAGE", "SPRACHE", "LANGUE", "IDIOMA"),
    "load_date": ("LOAD-DATE", "UPDATE", "LADEDATUM", "DATE-CHARGEMENT"),
    "publication_type": (
        "PUBLICATION-TYPE",
        "PUBLIKATIONSTYP",
        "TYPE-PUBLICATION",
        "DOCUMENT-TYPE",
        "DOKUMENTTYP",
    ),
    "graphic": ("GRAPHIC", "GRAFIK", "GRAPHIQUE", "PHOTO"),
    "url": ("URL",),
    "edition": ("EDITION", "AUSGABE", "ÉDITION"),
}
_FIELD_OF = {label: field for field, labels in LABEL_FIELDS.items() for label in labels}
#: Labels that end the body: everything after the first of them is trailer metadata.
TRAILER_LABELS = frozenset(
    LABEL_FIELDS["language"]
    + LABEL_FIELDS["load_date"]
    + LABEL_FIELDS["publication_type"]
    + LABEL_FIELDS["graphic"]
    + LABEL_FIELDS["url"]
    + (
        "JOURNAL-CODE",
        "CORRECTION-DATE",
        "CORRECTION",
        "NOTES",
        "SUBJECT",
        "ORGANIZATION",
        "PERSON",
        "GEOGRAPHIC",
        "CITY",
        "STATE",
        "COUNTRY",
        "INDUSTRY",
        "COMPANY",
        "TICKER",
        "DISTRIBUTION",
        "SERIES",
        "TYPE",
        "ACC-NO",
        "DOCUMENT-TYPE",
        "PUBLICATION",
        "STICHWORT",
        "THEMA",
        "SCHLAGWORT",
        "SUJET",
        "PERSONNE",
        "PAYS",
    )
)
_KNOWN_LABELS = frozenset(_FIELD_OF) | TRAILER_LABELS
#: Extra fields a classic document may carry besides the article columns.
EXTRA_FIELDS = EXPORT_EXTRA_FIELDS


@dataclass(frozen=True)
class Block:
    """One paragraph of an export: its text and whether the export centred it."""

    text: str
    centered: bool = False


def _label(block: Block, *, known_only: bool) -> tuple[str, str] | None:
    match = LABEL_LINE.match(block.text)
    if not match:
        return None
    label = match.group(1).strip()
    if known_only and label not in _KNOWN_LABELS:
        return None
    return label, match.group(2).strip()


def split_documents(blocks: list[Block]) -> list[list[Block]]:
    """Split an export's blocks at the ``N of M DOCUMENTS`` markers (cover block dropped)."""
    docs: list[list[Block]] = []
    current: list[Block] | None = None
    for block in blocks:
        if DOC_MARKER.match(block.text):
            current = []
            docs.append(current)
        elif current is not None:
            current.append(block)
    return docs


def missing_documents(blocks: list[Block]) -> str | None:
    """Say which documents are missing between an export's first and last ``N of M`` markers.

    A download of results 1-100 of 383 is complete when it holds documents 1 to 100, so only
    gaps inside the numbers the file holds are reported (a marker lost or mangled, a document
    cut out); None when there are none.

    Examples
    --------
    >>> blocks = [Block("1 of 383 DOCUMENTS"), Block("x"), Block("3 of 383 DOCUMENTS")]
    >>> missing_documents(blocks)[:63]
    'the export holds documents 1 to 3 of 383, but 1 of them (number'
    >>> missing_documents([Block("1 of 383 DOCUMENTS"), Block("2 of 383 DOCUMENTS")]) is None
    True
    """
    numbers = [
        [int(n) for n in re.findall(r"\d+", b.text)] for b in blocks if DOC_MARKER.match(b.text)
    ]
    if not numbers:
        return None
    first, last = min(n[0] for n in numbers), max(n[0] for n in numbers)
    missing = sorted(set(range(first, last + 1)) - {n[0] for n in numbers})
    if not missing:
        return None
    shown = ", ".join(map(str, missing[:10])) + (", ..." if len(missing) > 10 else "")
    which = f"number {shown}) has" if len(missing) == 1 else f"numbers {shown}) have"
    return (
        f"the export holds documents {first} to {last} of {max(n[-1] for n in numbers)}, but "
        f"{len(missing)} of them ({which} no 'N of M DOCUMENTS' line in this file: missing, "
        "or run into the document before"
    )


def parse_classic_document(
    blocks: list[Block], *, record: int, source: str
) -> dict | SkippedRecord:
    """Turn one document's blocks into a raw article record.

    Parameters
    ----------
    blocks : list of Block
        The document's paragraphs, without the ``N of M DOCUMENTS`` marker.
    record : int
        1-based position of the document in its file.
    source : str
        Value of the ``source`` field.

    Returns
    -------
    dict or SkippedRecord
        Keys ``title, text, published, published_raw, author, section, outlet, language,
        source`` and the extras in :data:`EXTRA_FIELDS` when present; a ``SkippedRecord``
        when the document has no body text.
    """
    # One pass over the document's four parts in order (masthead, header, body, trailer); the
    # parts share the cursor ``i`` and the collected fields, so they stay in one function.
    fields: dict[str, str] = {}
    centered: list[str] = []
    headline: list[str] = []
    body: list[str] = []
    copyright_: list[str] = []
    has_header_label = any(_label(b, known_only=False) for b in blocks)

    def put(label: str, value: str) -> None:
        put_field(fields, label, value, _FIELD_OF)

    i, n = 0, len(blocks)
    # 1. centred lines and the headline, up to the first labelled line
    while i < n and not _label(blocks[i], known_only=False):
        block = blocks[i]
        if block.centered and not headline:
            centered.append(block.text)
        elif not has_header_label and headline:
            break  # no labels at all: the headline is the first plain paragraph
        else:
            headline.append(block.text)
        i += 1
    # 2. labelled header lines
    in_body = False
    while i < n:
        found = _label(blocks[i], known_only=False)
        if not found or found[0] in TRAILER_LABELS:
            break
        label, value = found
        i += 1
        if _FIELD_OF.get(label) == "body":
            in_body = True
            if value:
                body.append(value)
            break
        put(label, value)
    # 3. body, up to the first trailer label
    while i < n:
        block = blocks[i]
        found = _label(block, known_only=True)
        if found and found[0] in TRAILER_LABELS:
            break
        if found and not in_body and _FIELD_OF.get(found[0]) != "body":
            put(*found)  # a known header label between body paragraphs
        elif block.centered and COPYRIGHT_LINE.match(block.text):
            copyright_.append(block.text)
        else:
            body.append(block.text)
        i += 1
    # 4. trailer: labelled lines, their continuations, the copyright notice
    last = None
    for block in blocks[i:]:
        found = _label(block, known_only=False)
        if found:
            put(*found)
            last = found[0]
        elif block.centered or COPYRIGHT_LINE.match(block.text):
            copyright_.append(block.text)
        elif last is not None:
            put(last, block.text)

    outlet, date, edition = masthead(centered)
    title = norm_space(fields.pop("title", "") or " ".join(headline))
    text = "\n\n".join(p for p in (norm_space(b) for b in body) if p)
    if not text:
        return SkippedRecord(
            record,
            f"document {record} ({title or 'no headline'}) has no body "
            "text between its header and trailer lines",
        )
    article = {
        "title": title or None,
        "text": text,
        "published": export_date(date) or date,
        "published_raw": date,
        "author": fields.pop("author", None),
        "section": fields.pop("section", None),
        "outlet": outlet,
        "source": source,
        "language": language_code(fields.get("language")),
    }
    return with_extras(article, fields, EXTRA_FIELDS, edition=edition, copyright_=copyright_)


def text_blocks(text: str) -> list[Block]:
    """Split a classic export's text into paragraphs (blank-line separated).

    A paragraph is centred when its first line is indented by five or more spaces, which is how
    the text export centres outlet, date, edition, document markers and copyright lines; each
    centred line becomes its own block.
    """
    blocks: list[Block] = []
    lines: list[str] = []

    def flush():
        if lines:
            indent = len(lines[0]) - len(lines[0].lstrip(" \t"))
            if indent >= 5:  # centred lines stay apart: date and edition share a paragraph
                blocks.extend(Block(norm_space(line), centered=True) for line in lines)
            else:
                blocks.append(Block(norm_space(" ".join(lines))))
            lines.clear()

    for line in text.splitlines():
        if line.strip():
            if lines and DOC_MARKER.match(line):
                flush()
            lines.append(line.rstrip())
            if DOC_MARKER.match(line):
                flush()
        else:
            flush()
    flush()
    return blocks


def _sniff(head: bytes, path: Path) -> bool:
    lines = sniff_text(head).splitlines()
    return not looks_like_html(head) and any(DOC_MARKER.match(line) for line in lines)


@register_reader("lexisnexis_txt", sniff=_sniff, priority=20)
def read_lexisnexis_txt(path: Path, **options):
    """Classic LexisNexis text export (``N of M DOCUMENTS``), one article per document.

    Parameters
    ----------
    path : Path
        A ``.TXT`` export from LexisNexis Academic / Nexis UK.
    **options
        ``source`` overrides the source name (default "LexisNexis").

    Yields
    ------
    dict or SkippedRecord
        One per document (see :func:`parse_classic_document`).

    Raises
    ------
    IngestError
        When the file has no ``N of M DOCUMENTS`` markers.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.txt")
    >>> _ = open(p, "w").write("          1 of 1 DOCUMENTS\\n\\n          The Times\\n\\n"
    ...     "          May 1, 2020\\n\\nHeadline\\n\\nBYLINE: A. Writer\\n\\nBody.\\n\\n"
    ...     "LANGUAGE: ENGLISH\\n")
    >>> [(a["title"], a["author"], a["text"]) for a in read_lexisnexis_txt(Path(p))]
    [('Headline', 'A. Writer', 'Body.')]
    """
    source = options.get("source") or "LexisNexis"
    blocks = text_blocks(read_text(Path(path)))
    docs = split_documents(blocks)
    if not docs:
        raise IngestError(
            path,
            "no articles found: expected documents opened by "
            "'N of M DOCUMENTS' lines (a LexisNexis text export)",
        )
    missing = missing_documents(blocks)
    if missing:
        note(missing)
    for record, doc in enumerate(docs, start=1):
        yield parse_classic_document(doc, record=record, source=source)
