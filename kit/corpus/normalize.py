"""Small pure ``str -> str`` cleaners, composed into the pipeline ingest applies to every article.

Steps of :func:`normalize_text`, in order:

1. :func:`fix_mojibake` - repair text decoded with the wrong encoding ("IranÃ¢â‚¬â„¢s" ->
   "Iran's") and HTML entities, with ftfy (curly quotes are left alone).
2. :func:`unicode_nfc` - Unicode NFC, so "é" is one code point however the input wrote it.
3. :func:`remove_invisible` - control characters, zero-width characters, soft hyphens, BOMs.
4. :func:`normalize_whitespace` - one space between words, paragraphs separated by one blank
   line (see the function for how hard-wrapped lines are told from paragraphs).
5. :func:`remove_boilerplate` - whole paragraphs that are copyright notices, "All rights
   reserved" lines, legal disclaimers, and per-source furniture (see :data:`BOILERPLATE`).
6. :func:`normalize_quotes` - the quote-character convention below.

Quote convention (what quote extraction needs is to tell an opening from a closing mark):

- double quotation marks are typographic and directional: ``“`` opens and ``”`` closes.
  Straight ``"`` (and fullwidth ``＂``, TeX-style ``````/``''``, reversed ``‟``) become ``“`` when
  they follow the start of the text, a space or an opening bracket/dash and precede a non-space
  character, and ``”`` otherwise;
- an apostrophe inside a word (``’``, ``ʼ``) becomes the ASCII ``'`` so that "don’t" and
  "don't", "Iran’s" and "Iran's" are the same word for lexicons, VADER and token counts;
- single quotation marks (``‘ ’`` and a straight ``'`` outside words), guillemets and low-9 marks
  (``« » „``) are kept as written: which of them opens depends on the language and the outlet.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable

import ftfy

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    explain=False,
    normalization="NFC",
    unescape_html="auto",
)
# ftfy takes ~3 ms per 4,000-character article; this gate (UTF-8 lead byte read as Latin-1/
# Windows-1252 followed by a continuation byte read the same way, C1 controls, or an HTML entity)
# finds the few articles that need it, so clean articles skip ftfy. False alarms are harmless.
_MOJIBAKE_GATE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0080-\u009f]|&(?:#[0-9]{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});"
)
#: The UTF-8 lead bytes of U+0080-U+00FF: the gate needs one of these characters or a "&".
_LATIN1_LEADS = (b"\xc2", b"\xc3")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")


def fix_mojibake(text: str) -> str:
    """Repair mojibake and HTML entities with ftfy, keeping curly quotes.

    Examples
    --------
    >>> fix_mojibake("Iranâ€™s")
    'Iran’s'
    >>> fix_mojibake("AT&amp;T")
    'AT&T'
    """
    if "&" not in text:
        if text.isascii():
            return text
        data = text.encode("utf-8", "surrogatepass")  # bytes are searched in C, a regex is not
        if not any(lead in data for lead in _LATIN1_LEADS):
            return text
    if not _MOJIBAKE_GATE.search(text):
        return text
    fixed = ftfy.fix_text(text, _FTFY)
    if "&" in fixed and "<" in fixed:  # ftfy leaves entities alone in text that looks like HTML
        fixed = html.unescape(fixed)
    return fixed


def unicode_nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C.

    Examples
    --------
    >>> unicode_nfc("Cafe\\u0301") == "Caf\\u00e9"
    True
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def remove_invisible(text: str) -> str:
    """Remove control, zero-width and soft-hyphen characters (tabs and newlines stay).

    Examples
    --------
    >>> remove_invisible("Gaza\\u200b Strip\\u00ad")
    'Gaza Strip'
    """
    if all(line.isprintable() for line in text.split("\n")):
        return text  # every character removed or replaced here is unprintable
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u2028", "\n")
    return _INVISIBLE.sub("", text)


def normalize_whitespace(text: str) -> str:
    """Collapse spaces and lay the text out as paragraphs separated by one blank line.

    When the text has blank lines, they separate paragraphs and single line breaks inside a
    paragraph are hard wraps (joined with a space). When it has none, each line is a paragraph
    (the layout of exports that write one paragraph per line).

    Examples
    --------
    >>> normalize_whitespace("  First  line\\nwrapped.\\n\\n\\nSecond.  ")
    'First line wrapped.\\n\\nSecond.'
    >>> normalize_whitespace("One.\\nTwo.")
    'One.\\n\\nTwo.'
    """
    if _laid_out(text):
        return text
    # str.split() knows every Unicode space and runs in C: faster than a regex per article.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if "" not in lines:
        return "\n\n".join(lines)
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


@functools.lru_cache(maxsize=4)  # ingest asks again of the same text (its id, its layout)
def _laid_out(text: str) -> bool:
    """Whether ``text`` is already as :func:`normalize_whitespace` lays it out: paragraphs of
    words separated by single spaces, one blank line between paragraphs. Then neither it nor
    :func:`collapse_whitespace` needs to split the text into words (the costly part). Every
    whitespace character but the space is unprintable, so a printable paragraph holds no tab,
    line break or other space."""
    return all(
        paragraph and paragraph.isprintable() and "  " not in paragraph
        and paragraph[0] != " " and paragraph[-1] != " "
        for paragraph in text.split("\n\n")
    )  # fmt: skip


def collapse_whitespace(text: str) -> str:
    """``" ".join(text.split())``: the words of ``text`` separated by single spaces.

    Examples
    --------
    >>> collapse_whitespace(" Strikes\\n\\n hit\\tGaza. ")
    'Strikes hit Gaza.'
    """
    return text.replace("\n\n", " ") if _laid_out(text) else " ".join(text.split())


def count_words(text: str) -> int:
    """``len(text.split())``: the whitespace-separated words of ``text``, as word processors
    count them.

    Examples
    --------
    >>> count_words("Drones were launched\\n\\novernight.")
    4
    """
    return len(text.split())


def _compile(patterns: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


#: Paragraph patterns removed as boilerplate: source name (lower case) -> regexes matched at the
#: start of a paragraph of at most 600 characters; "*" applies to every source.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "*": (
        r"(?:copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b|©)|\(c\)\s*\d{4}|©)[^\n]{0,250}$",
        r"[^\n]{0,200}\ball rights reserved\b[^\n]*$",
        r"(?:legal\s+)?disclaimer\s*:",
        r"(?:the\s+)?views\s+(?:and\s+opinions\s+)?expressed\s+(?:in\s+this\s+article\s+)?are\s+"
        r"(?:those|solely|the\s+author)[^\n]*$",
        r"this\s+(?:article|content|story)\s+(?:is|was)\s+(?:provided|supplied|distributed)\s+by"
        r"[^\n]*$",
    ),
    "menafn": (
        r"MENAFN\d+ID\d+$",
        r"MENAFN\s+provides\s+the\s+information[^\n]*$",
    ),
}
_BOILER_MAX = 600
_COMPILED: dict[str, re.Pattern] = {}


def _boilerplate_re(source: str | None) -> re.Pattern:
    key = (source or "").strip().lower()
    if key not in _COMPILED:
        _COMPILED[key] = _compile(BOILERPLATE["*"] + BOILERPLATE.get(key, ()))
    return _COMPILED[key]


def remove_boilerplate(text: str, *, source: str | None = None) -> str:
    """Remove paragraphs that are copyright lines, rights notices or disclaimers.

    A paragraph is removed when it is at most 600 characters long and matches one of
    :data:`BOILERPLATE` (common patterns plus those of ``source``). A paragraph that is only a
    label such as "Legal Disclaimer:" takes the paragraph after it along. Leading "(MENAFN)"
    datelines are removed for MENAFN. Expects paragraphs separated by blank lines.

    Parameters
    ----------
    text : str
        Normalized article text.
    source : str, optional
        The article's source, selecting extra patterns (e.g. "MENAFN").

    Returns
    -------
    str
        The text without boilerplate paragraphs.

    Examples
    --------
    >>> remove_boilerplate("Strikes hit.\\n\\nCopyright 2024 Reuters. All rights reserved.")
    'Strikes hit.'
    """
    pattern = _boilerplate_re(source)
    paragraphs = text.split("\n\n")
    keep, drop_next = [], False
    for paragraph in paragraphs:
        if drop_next:
            drop_next = False
            continue
        if len(paragraph) <= _BOILER_MAX and pattern.match(paragraph):
            drop_next = paragraph.rstrip().endswith(":") and len(paragraph) < 40
            continue
        keep.append(paragraph)
    if (source or "").strip().lower() == "menafn" and keep:
        keep[0] = re.sub(r"^\(MENAFN[^)]{0,80}\)\s*", "", keep[0])
    return "\n\n".join(keep)


_DOUBLE_MARKS = '"\uff02\u201f'
_STRAIGHT_DOUBLE = (*_DOUBLE_MARKS, "``", "''")
_OPENERS = " \n\t([{<\u2014\u2013-/\u2018\u201c"
_APOSTROPHES = "\u2019\u02bc"
_LETTER = re.compile(r"[^\W\d_]")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _positions(text: str, characters: str) -> list[int]:
    """Where ``characters`` occur in ``text``, in order. ``str.find`` runs in C, several times
    faster than a regex scanning an article for a rare character."""
    found = []
    for character in characters:
        at = text.find(character)
        while at >= 0:
            found.append(at)
            at = text.find(character, at + 1)
    return sorted(found)


def _replaced(
    text: str, positions: list[int], replacement: Callable[[str, int], str | None]
) -> str:
    """``text`` with the character at each of ``positions`` replaced by ``replacement(text,
    position)`` (kept where that is None)."""
    pieces: list[str] = []
    last = 0
    for at in positions:
        new = replacement(text, at)
        if new is not None:
            pieces += (text[last:at], new)
            last = at + 1
    return "".join([*pieces, text[last:]]) if pieces else text


def _word_apostrophe(text: str, at: int) -> str | None:
    """An apostrophe after a letter and before a letter or digit, as ``'``."""
    inside = at and _LETTER.match(text, at - 1) and _WORD_CHARACTER.match(text, at + 1)
    return "'" if inside else None


def _double_mark(text: str, at: int) -> str:
    """A straight double mark opens after the start of the text, a space, an opening bracket
    or dash, and before a non-space character; otherwise it closes."""
    after = at + 1 < len(text) and not text[at + 1].isspace()
    return "\u201c" if after and (at == 0 or text[at - 1] in _OPENERS) else "\u201d"


def normalize_quotes(text: str) -> str:
    """Apply kit's quote convention (see the module docstring).

    Examples
    --------
    >>> print(normalize_quotes('He said "we will respond" and didn\\u2019t elaborate.'))
    He said “we will respond” and didn't elaborate.
    """
    text = _replaced(text, _positions(text, _APOSTROPHES), _word_apostrophe)
    if not any(mark in text for mark in _STRAIGHT_DOUBLE):
        return text
    text = _replaced(text, _positions(text, _DOUBLE_MARKS), _double_mark)
    return text.replace("``", "\u201c").replace("''", "\u201d")


def normalize_title(text: str | None) -> str:
    """Clean a headline: mojibake, NFC, invisible characters, quotes, one line.

    Examples
    --------
    >>> normalize_title("  Iran\\u00e2\\u20ac\\u2122s  strikes\\n on Israel ")
    "Iran's strikes on Israel"
    """
    if not text:
        return ""
    text = remove_invisible(unicode_nfc(fix_mojibake(str(text))))
    return normalize_quotes(" ".join(text.split()))


Step = Callable[[str], str]
#: The source-independent steps of :func:`normalize_text`, in order.
STEPS: tuple[Step, ...] = (fix_mojibake, unicode_nfc, remove_invisible, normalize_whitespace)


def normalize_text(
    text: str | None,
    *,
    source: str | None = None,
    steps: Iterable[Step] = STEPS,
    boilerplate: bool = True,
    quotes: bool = True,
) -> str:
    """Run the normalization pipeline on one article body.

    Parameters
    ----------
    text : str or None
        The body as the reader gave it.
    source : str, optional
        Selects per-source boilerplate patterns.
    steps : iterable of callables
        ``str -> str`` functions run first (default :data:`STEPS`).
    boilerplate, quotes : bool
        Run :func:`remove_boilerplate` and :func:`normalize_quotes` afterwards.

    Returns
    -------
    str
        Normalized text; paragraphs separated by one blank line; "" for no text.

    Examples
    --------
    >>> normalize_text('Line one\\r\\n\\r\\n\\r\\n"Quote," he said.\\n\\n\\u00a9 2024 Agency')
    'Line one\\n\\n\\u201cQuote,\\u201d he said.'
    """
    if text is None:
        return ""
    text = str(text)
    for step in steps:
        text = step(text)
    if boilerplate:
        text = remove_boilerplate(text, source=source)
    if quotes:
        text = normalize_quotes(text)
    return text
