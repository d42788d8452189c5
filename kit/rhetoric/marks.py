"""Quotation marks: pair straight and curly double marks into quoted spans, by paragraph."""

from __future__ import annotations

import bisect
import re

OPENERS = "“„«‟"
CLOSERS = "”»"
MARKS = re.compile(r"[\"“”„«»‟]")
PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*")
_SINGLE = re.compile(r"(?<!\n)\n(?![ \t]*\n)")
_LINE_ENDS = set(".?!:\"”’'")
_TWO_APOSTROPHES = re.compile(r"''|‘‘|’’")


def normalise_marks(text: str) -> str:
    """Read two apostrophes (''word'', the quotation mark of some news archives) as one double
    mark, keeping every offset: an opening pair becomes a space and a mark, a closing pair a
    mark and a space.

    Examples
    --------
    >>> normalise_marks("''Yes,'' he said.")
    ' "Yes,"  he said.'
    """

    def one(m: re.Match) -> str:
        after = text[m.end() : m.end() + 1]
        return ' "' if after and not after.isspace() and after not in ".,;:!?)" else '" '

    return _TWO_APOSTROPHES.sub(one, text)


class QuotedSpan:
    """A quoted span found by the mark scanner: mark positions and paragraph."""

    def __init__(self, open_pos: int, para: int):
        self.open, self.para = open_pos, para
        self.close: int | None = None
        self.unclosed_end: int | None = None  # paragraph end, for a quote never closed


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text``: separated by a blank line, or also by a
    single line break when most single breaks follow the end of a sentence (one paragraph
    per line, not lines wrapped at a fixed width)."""
    spans, start = [], 0
    single = [m.start() for m in _SINGLE.finditer(text)]
    ends = sum(1 for i in single if text[max(0, i - 8) : i].rstrip()[-1:] in _LINE_ENDS)
    breaks = _LINE if single and ends >= 0.6 * len(single) else PARAGRAPH
    for m in breaks.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def mark_role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``text[i]``, from its context."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-"):
        return "close"
    return "open" if ch in OPENERS else "close" if ch in CLOSERS else "either"


def scan_quotes(text: str) -> list[QuotedSpan]:
    """Pair the quotation marks of ``text`` into quoted spans.

    Marks are read as opening or closing from the characters around them (so straight and
    curly marks work alike, and a curly mark typed the wrong way round still pairs); pairs
    stay inside a paragraph, except that a quote left open at a paragraph's end continues when
    the next paragraph begins with an opening mark (the news convention for quotes that run
    over several paragraphs).

    Returns
    -------
    list of QuotedSpan
        ``open`` and ``close`` mark offsets (``close`` None and ``unclosed_end`` set when the
        quote was never closed), ``para`` its first paragraph.

    Examples
    --------
    >>> [(q.open, q.close) for q in scan_quotes('He said "yes" and \u201cno\u201d.')]
    [(8, 12), (18, 21)]
    """
    paras = paragraphs(text)
    starts = [s for s, _ in paras]
    quotes: list[QuotedSpan] = []
    current: QuotedSpan | None = None
    cur_para = -1
    for m in MARKS.finditer(text):
        i = m.start()
        p = bisect.bisect_right(starts, i) - 1
        role = mark_role(text, i)
        if current is not None and p != cur_para:
            if p == cur_para + 1 and role != "close" and not text[paras[p][0] : i].strip():
                cur_para = p  # the opening mark repeated at a continued quote's new paragraph
                continue
            current.unclosed_end = paras[cur_para][1]
            quotes.append(current)
            current = None
        if current is None:
            if role != "close":
                current, cur_para = QuotedSpan(i, p), p
        elif role == "open" and not text[current.open + 1 : i].strip():
            current, cur_para = QuotedSpan(i, p), p
        else:
            current.close = i
            quotes.append(current)
            current = None
    if current is not None:
        current.unclosed_end = paras[cur_para][1]
        quotes.append(current)
    return quotes
