"""MENAFN plain-text export (the layout of the bundled sample article).

Layout, one or more articles per file::

    <title>
    Date
    4/14/2024 8:47:32 AM
    (MENAFN) <first paragraph>           or "(MENAFN- Tehran Times) ..." for syndicated items
    <one paragraph per line>
    MENAFN14042024000045015839ID1108092386
    Legal Disclaimer:
    MENAFN provides the information "as is" ...

The date has no time zone; it is taken as UTC (MENAFN's export does not say, and its own site
shows the same clock time), and ``published_raw`` keeps it verbatim. The trailing
``MENAFN<digits>ID<digits>`` line gives ``native_id`` (the digits after ``ID``); it, the
``(MENAFN)`` dateline marker and the disclaimer are not part of ``text``. A dateline naming a
provider, ``(MENAFN- Tehran Times)``, gives the ``outlet``; ``source`` is always MENAFN.
"""

from __future__ import annotations

import re
from pathlib import Path

from kit.corpus.readers._text_io import read_text, sniff_text
from kit.corpus.readers.registry import SkippedRecord, register_reader

_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(:\d{2})?\s*[AP]M\s*$", re.I)
_ID_LINE = re.compile(r"^\s*MENAFN\d+ID(\d+)\s*$")
_DATELINE = re.compile(r"^\s*\(MENAFN(?:\s*[-\u2013\u2014:]\s*([^)]*?))?\s*\)\s*")
_DISCLAIMER = re.compile(r"^\s*Legal Disclaimer:?\s*$", re.I)


def _starts(lines: list[str]) -> list[int]:
    """Indexes of title lines: a non-empty line followed by 'Date' and a MENAFN date."""
    return [
        i
        for i in range(len(lines) - 2)
        if lines[i].strip() and lines[i + 1].strip().lower() == "date" and _DATE.match(lines[i + 2])
    ]


def sniff_menafn(head: bytes, path: Path) -> bool:
    """True when the first lines look like a MENAFN export (title, 'Date', date)."""
    lines = [line for line in sniff_text(head).split("\n", 20)[:20] if line.strip()]
    return _starts(lines[:3]) == [0]


@register_reader("menafn", extensions=(), sniff=sniff_menafn, priority=10)
def read_menafn(path: Path, **options):
    """MENAFN plain-text export: title, 'Date', 4/14/2024 8:47:32 AM, body, ID line, disclaimer.

    Parameters
    ----------
    path : Path
        A text file in MENAFN's layout (see the module docstring).
    **options
        Unused.

    Yields
    ------
    dict or SkippedRecord
        One per article: ``title, text, published, published_raw, native_id, source, outlet``;
        a ``SkippedRecord`` for an article with a title and a date but no body.
    """
    lines = read_text(path).split("\n")
    starts = _starts(lines)
    for number, (begin, end) in enumerate(zip(starts, starts[1:] + [len(lines)]), start=1):
        yield _article(lines[begin:end], number)


def _article(lines: list[str], number: int):
    title, date = lines[0].strip(), lines[2].strip()
    body = lines[3:]
    native_id = None
    cut = len(body)
    for i, line in enumerate(body):
        match = _ID_LINE.match(line)
        if match:
            native_id, cut = match.group(1), i
            break
        if _DISCLAIMER.match(line):
            cut = i
            break
    paragraphs = [p.strip() for p in body[:cut] if p.strip()]
    outlet = "MENAFN"
    if paragraphs:
        dateline = _DATELINE.match(paragraphs[0])
        if dateline:
            if dateline.group(1):
                outlet = dateline.group(1).strip()
            paragraphs[0] = paragraphs[0][dateline.end() :]
    if not paragraphs or not any(paragraphs):
        return SkippedRecord(number, f"the article {title!r} has a title and a date but no body")
    return {
        "title": title,
        "text": "\n\n".join(p for p in paragraphs if p),
        "published": date,
        "published_raw": date,
        "native_id": native_id,
        "source": "MENAFN",
        "outlet": outlet,
    }
