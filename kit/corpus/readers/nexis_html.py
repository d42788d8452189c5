"""Nexis UK / LexisNexis HTML exports (``N of M DOCUMENTS`` pages saved from nexis.com).

The HTML export prints the same layout as the classic text export (see
:mod:`kit.corpus.readers.lexisnexis_txt`): centred outlet/date/edition, the headline, upper-case
labelled lines, body paragraphs, labelled trailer lines and a copyright notice. This module turns
the page's paragraphs into :class:`~kit.corpus.readers.lexisnexis_txt.Block` s, taking "centred" from the
page's own CSS classes (their names change between exports, their declarations do not), and
hands them to the shared parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from kit.corpus.readers._markup import (
    css_classes,
    looks_like_html,
    norm_space,
    parse_html,
    text_with_breaks,
)
from kit.corpus.readers._text_io import note, read_file_bytes
from kit.corpus.readers.lexisnexis_txt import (
    Block,
    missing_documents,
    parse_classic_document,
    split_documents,
)
from kit.corpus.readers.registry import register_reader
from kit.errors import IngestError

# Each digit run is tried once, from its first digit ((?<!\d)): without that look-behind a run
# of n digits costs n^2 steps (a hang on hostile input).
_DOC_COUNT = rb"(?<!\d)\d+\s+of\s+\d+\s+DOCUMENTS|Dokument\s+\d+\s+von\s+\d+"
_SNIFF = re.compile(rb"LXNComment|DOC_ID_\d|" + _DOC_COUNT, re.I)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")


def _is_centered(element, rules: dict[str, dict[str, str]]) -> bool:
    for el in (element, element.getparent()):
        if el is None:
            continue
        if (el.get("align") or "").lower() == "center" or "center" in (el.get("style") or ""):
            return True
        for name in (el.get("class") or "").split():
            if rules.get(name, {}).get("text-align") == "center":
                return True
    return False


def html_blocks(root) -> list[Block]:
    """Return the page's paragraphs, in order, as blocks (lines within one paragraph joined)."""
    rules = css_classes(root)
    body = root.find("body") if root.find("body") is not None else root
    blocks: list[Block] = []
    for el in body.iter(*_BLOCK_TAGS, "div"):
        if el.tag == "div" and any(child.tag in _BLOCK_TAGS + ("div",) for child in el):
            continue  # a container: its paragraphs are visited themselves
        centered = _is_centered(el, rules)
        lines = [norm_space(line) for line in text_with_breaks(el).split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if centered:
            blocks.extend(Block(line, centered=True) for line in lines)
        else:
            blocks.append(Block(" ".join(lines)))
    return blocks


def _sniff(head: bytes, path: Path) -> bool:
    return looks_like_html(head) and bool(_SNIFF.search(head))


def looks_like_nexis(data: bytes) -> bool:
    """True when a whole page's bytes look like a Nexis UK export (used by the web-page reader)."""
    return bool(re.search(_DOC_COUNT, data[: 1 << 20]))


@register_reader("nexis_html", sniff=_sniff, priority=30)
def read_nexis_html(path: Path, **options):
    """Nexis UK HTML export, one article per ``N of M DOCUMENTS`` document.

    Parameters
    ----------
    path : Path
        An ``.html`` page saved from Nexis UK / LexisNexis.
    **options
        ``source`` overrides the source name (default "Nexis UK").

    Yields
    ------
    dict or SkippedRecord
        One per document: ``title, text, published, published_raw, author, section, outlet,
        language, source`` plus ``edition, length, dateline, load_date, publication_type,
        copyright`` when present.

    Raises
    ------
    IngestError
        When the page holds no ``N of M DOCUMENTS`` documents.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.html")
    >>> _ = open(p, "w").write('<p align="center">1 of 1 DOCUMENTS</p><p align="center">AFP</p>'
    ...     '<p align="center">May 1, 2020</p><p>Headline</p><p>LENGTH: 2 words</p>'
    ...     '<p>Body text.</p><p>LANGUAGE: ENGLISH</p>')
    >>> [(a["outlet"], a["title"], a["text"]) for a in read_nexis_html(Path(p))]
    [('AFP', 'Headline', 'Body text.')]
    """
    source = options.get("source") or "Nexis UK"
    root = parse_html(read_file_bytes(Path(path), markup=True), path)
    blocks = html_blocks(root)
    docs = split_documents(blocks)
    if not docs:
        raise IngestError(
            path,
            "no articles found: expected documents opened by "
            "'N of M DOCUMENTS' lines (a Nexis UK HTML export)",
        )
    missing = missing_documents(blocks)
    if missing:
        note(missing)
    for record, doc in enumerate(docs, start=1):
        yield parse_classic_document(doc, record=record, source=source)
