"""Whole export documents inside table cells, parsed with the export readers' own field logic.

Researchers often turn a database export into a table, one document per row, with the whole
document text in one cell: a Nexis Uni / Lexis Advance document (headline, publication line,
date, ``Length:``, ``Byline:``, ``Body``, the body, ``Classification``, ``Load-Date:``, ``End of
Document``), a classic LexisNexis Academic document (``BYLINE:``, ``LENGTH:``, ``LOAD-DATE:``) or
a Factiva document (headline, word count, date, outlet, body, ``Document <id>``).
:func:`parse_cell` recognizes such a cell and parses it with
:func:`kit.corpus.readers.nexis_docx.parse_article`,
:func:`kit.corpus.readers.lexisnexis_txt.parse_classic_document` or the Factiva reader's header
logic, so the table gets the same columns as the export would have, and only the body in ``text``.
"""

from __future__ import annotations

import re

from kit.corpus.dates import export_date
from kit.corpus.language import language_code
from kit.corpus.readers import factiva_html, lexisnexis_txt, nexis_docx
from kit.corpus.readers._fields import extra_name, with_extras
from kit.corpus.readers.registry import SkippedRecord

COVER_PAGE = "a Nexis cover page, not an article"
_NAMES = {"nexis": "Nexis Uni / Lexis Advance", "classic": "LexisNexis", "factiva": "Factiva"}
#: Lines of a Nexis Uni cover page (delivery details and the list of results).
_COVER_LINE = re.compile(
    r"^\s*(?:job number|auftragsnummer|search terms|suchbegriffe|search type|client/matter|"
    r"narrowed by|date and time|datum und uhrzeit|user name|(?:documents|dokumente|文档)\s*\(\d+\))",
    re.I | re.M,
)


def _any_line(words, *, label: bool = False, flags=re.I) -> re.Pattern:
    """A pattern matching a line that is one of ``words`` (or starts with ``word:``)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    end = r":\s*\S" if label else r"\s*$"
    return re.compile(rf"^\s*(?:{alternatives}){end}", flags | re.M)


#: A Nexis Uni document's own lines (the .docx reader's words): a labelled length and a lone
#: body or end marker.
_NEXIS_LENGTH = _any_line(nexis_docx.LABELS["length"], label=True)
_NEXIS_MARKER = _any_line(nexis_docx.BODY_MARKERS | nexis_docx.END_MARKERS)
#: Classic LexisNexis: the text reader's upper-case labels (LENGTH:, LOAD-DATE:, BYLINE: ...).
_CLASSIC_LABEL = _any_line(
    [
        *lexisnexis_txt.LABEL_FIELDS["length"],
        *lexisnexis_txt.LABEL_FIELDS["load_date"],
        *lexisnexis_txt.LABEL_FIELDS["author"],
        *lexisnexis_txt.LABEL_FIELDS["section"],
    ],
    label=True,
    flags=0,
)
_BY = re.compile(r"^(?:By|Von|Par|Por)\s", re.I)
_INDENTED = re.compile(r"^ {5,}\S", re.M)
_FACTIVA_ID = re.compile(r"^\s*(?:Document|Dokument|Documento|文件)\s+[A-Za-z0-9]{10,}\s*$", re.M)


def _body(pattern: re.Pattern) -> str:
    """A line pattern without its ``^\\s*`` start and ``\\s*$`` end."""
    return pattern.pattern.removeprefix(r"^\s*").removesuffix(r"\s*$")


#: What every layout needs at the start of some line: one scan that rules out most article
#: texts before the patterns above are tried one by one (case-blind, so it finds a superset).
_MAYBE_DOCUMENT = re.compile(
    "^(?:"
    + "|".join(
        [
            _body(_COVER_LINE),
            _body(_NEXIS_LENGTH).removesuffix(r"\s*\S"),
            _body(_CLASSIC_LABEL).removesuffix(r"\s*\S"),
            _body(lexisnexis_txt.DOC_MARKER),
            _body(_FACTIVA_ID),
        ]
    )
    + ")",
    re.I | re.M,
)


def _maybe_document(lines: list[str]) -> bool:
    """Whether :data:`_MAYBE_DOCUMENT` matches the lines joined. Its matches start at a line
    start, where it is tried alone: a regex searching a whole text is tried at every character
    (several times slower on article-length cells)."""
    joined = "\n".join(lines)
    at = 0
    for line in lines:
        if _MAYBE_DOCUMENT.match(joined, at):
            return True
        at += len(line) + 1
    return False


def kind_of(text: str) -> str | None:
    """Name the export layout of a cell's text: "cover", "nexis", "classic", "factiva" or None.

    Examples
    --------
    >>> kind_of("Headline\\nThe Times\\nMay 1, 2020\\nLength: 20 words\\nBody\\nWords.")
    'nexis'
    >>> kind_of("Just an article body.") is None
    True
    """
    if not isinstance(text, str) or "\n" not in text:
        return None
    lines = [line for line in (line.strip() for line in text.splitlines()) if line]
    if not lines or not _maybe_document(lines):
        return None
    if len(_COVER_LINE.findall(text)) >= 2 and not _NEXIS_MARKER.search(text):
        return "cover"
    classic = {m.group(0).split(":")[0].strip() for m in _CLASSIC_LABEL.finditer(text)}
    if any(lexisnexis_txt.DOC_MARKER.match(line) for line in lines) or len(classic) >= 2:
        return "classic"
    if _NEXIS_LENGTH.search(text) and _NEXIS_MARKER.search(text):
        return "nexis"
    if _FACTIVA_ID.match(lines[-1]) and any(
        factiva_html.WORD_COUNT_LINE.match(x) for x in lines[:8]
    ):
        return "factiva"
    return None


def parse_cell(text: str, *, record: int) -> dict | SkippedRecord | None:
    """Parse a cell holding a whole export document; None when it holds something else.

    Parameters
    ----------
    text : str
        The cell.
    record : int
        The record's number, used in the skipped record's reason.

    Returns
    -------
    dict, SkippedRecord or None
        The raw article fields (as the export's reader gives them), a ``SkippedRecord`` for a
        cover page or a document without body text, or None for an ordinary text.
    """
    kind = kind_of(text)
    if kind is None:
        return None
    if kind == "cover":
        return SkippedRecord(record, COVER_PAGE)
    parse = {"nexis": _nexis, "classic": _classic, "factiva": _factiva}[kind]
    try:
        return parse(text, record)
    except Exception as exc:  # an odd cell must not stop the other rows of the file
        return SkippedRecord(
            record,
            f"the text looks like a {_NAMES[kind]} document but cannot be read as one "
            f"({type(exc).__name__}: {exc})",
        )


def _nexis(text: str, record: int) -> dict | SkippedRecord:
    lines = [line for line in text.splitlines() if line.strip()]
    paras = [nexis_docx.text_paragraph(lines[0], heading=True)]
    paras += [nexis_docx.text_paragraph(line) for line in lines[1:]]
    return nexis_docx.parse_article(paras, record=record, source="Nexis Uni")


def _classic(text: str, record: int) -> dict | SkippedRecord:
    if not _INDENTED.search(text):  # the cell lost the indentation that centres lines
        text = _recentred(text)
    blocks = lexisnexis_txt.text_blocks(text)
    docs = lexisnexis_txt.split_documents(blocks) or [blocks]
    return lexisnexis_txt.parse_classic_document(docs[0], record=record, source="LexisNexis")


def _recentred(text: str) -> str:
    """Indent the masthead lines (outlet, date, edition: the paragraphs before the headline,
    which is the paragraph before the first label) as the text export centres them."""
    paras = re.split(r"\n\s*\n", text.strip())
    first = next((i for i, p in enumerate(paras) if lexisnexis_txt.LABEL_LINE.match(p.strip())), 0)
    return "\n\n".join(
        "\n".join("     " + line.strip() for line in p.splitlines()) if i < first - 1 else p
        for i, p in enumerate(paras)
    )


def _factiva(text: str, record: int) -> dict | SkippedRecord:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    native_id = None
    while lines and (_FACTIVA_ID.match(lines[-1]) or lines[-1].startswith("License this")):
        native_id = native_id or factiva_html.DOC_ID_LINE.match(lines.pop())
    anchor = next(i for i, line in enumerate(lines[:8]) if factiva_html.WORD_COUNT_LINE.match(line))
    before, lines = lines[:anchor], lines[anchor:]
    # before the word count: [section,] headline [, "By ..." credit], as the page shows them
    credit = before.pop() if len(before) > 1 and _BY.match(before[-1]) else None
    title = before.pop() if before else None
    end = next(
        (i for i in range(1, min(len(lines), 10)) if len(lines[i]) > 2 and language_code(lines[i])),
        None,
    )
    if end is None:
        return SkippedRecord(
            record, "a Factiva document without its language line; its header cannot be told apart"
        )
    fields: dict[str, str] = {"section": " ".join(before)} if before else {}
    factiva_html.header_lines(lines[: end + 1], 0, fields)
    body = lines[end + 1 :]
    if not body:
        return SkippedRecord(record, f"Factiva document {title!r} has no body text")
    published = fields.get("published")
    item = {
        "title": title,
        "text": "\n\n".join(body),
        "published": export_date(published) or published,
        "published_raw": published,
        "author": credit,
        "section": fields.get("section"),
        "outlet": fields.get("outlet"),
        "native_id": native_id.group(1) if native_id else None,
        "language": language_code(fields.get("language")),
        "source": "Factiva",
    }
    return with_extras(item, fields, factiva_html.EXTRA_FIELDS)


def merge_document(record: dict, parsed: dict, chosen: dict, explicit) -> dict:
    """Combine a table row's fields with those of the document in its text cell.

    Parameters
    ----------
    record : dict
        The row as the table reader mapped it (article fields and extra columns).
    parsed : dict
        The fields :func:`parse_cell` read from the document.
    chosen : dict
        ``{article_field: column}`` of the row (see :func:`kit.corpus.readers._fields.map_columns`).
    explicit : set of str
        Fields the researcher mapped with ``mapping=``: their columns win over the document.

    Returns
    -------
    dict
        The document's fields, the row's explicit fields, and every other column of the row;
        a column the document displaced is kept: under its own name (``journal`` when the
        publication line gives the outlet), or as ``input_<field>`` when a column named like
        the field (``title``) says something else than the document.

    Examples
    --------
    >>> merge_document({"text": "doc", "outlet": "NY Times", "record": 1},
    ...                {"text": "Body.", "outlet": "The New York Times"},
    ...                {"text": "text", "outlet": "journal"}, set())
    {'text': 'Body.', 'outlet': 'The New York Times', 'record': 1, 'journal': 'NY Times'}
    """
    out = dict(record)
    out["text"] = parsed["text"]
    skip = set(explicit) | ({"published_raw"} if "published" in explicit else set())
    for key, value in parsed.items():
        if key == "text" or value in (None, "") or key in skip:
            continue
        old = record.get(key)
        if key in chosen and old not in (None, ""):
            name = extra_name(chosen[key])
            if not name.startswith("input_") or str(old).strip() != str(value).strip():
                out[name] = old  # "journal" always; "input_title" when it says something else
        out[key] = value
    return out
