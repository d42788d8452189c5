"""Sentences: the one sentence splitter every analysis uses.

Sentences are ``(start, end)`` character offsets into the article ``text``.

The sentence splitter is written by hand: NLTK's Punkt needs trained parameters that kit may
not download, and an untrained Punkt splits after every news abbreviation ("Lt. Col.", "Jan.").
The rules below are tuned to news text (titles, months, dotted acronyms, initials, numbers,
closing quotes, headlines and datelines; the abbreviation lists are data, in
``kit/lexicons/abbreviations.yml``); ``tests/text/test_sentences.py`` holds the case table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kit.lexicons import word_lists
from kit.parallel import by_article

_ABBREVIATIONS = word_lists("abbreviations")  # see kit/lexicons/abbreviations.yml
_TITLES = _ABBREVIATIONS["titles"]
_BEFORE_NUMBER = _ABBREVIATIONS["before_number"]
_MAYBE_FINAL = _ABBREVIATIONS["maybe_final"]
_STARTERS = _ABBREVIATIONS["sentence_starters"]

_CLOSERS = "\"'”’»)]」』）"
_OPENERS = "\"'“‘«(["
_QUOTES = '"“‘«'
# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
# Chinese/Japanese full stops and the Devanagari danda need no following space.
_CANDIDATE = re.compile(
    r"(?:\.(?: \.){2,}|\.\.\.|…|[.!?]+)[" + re.escape(_CLOSERS) + r"]*(?=\s)"
    r"|[。！？।]+[」』”’）)]*"
)
# A newline is a break unless the next line continues the sentence (starts in lower case) or
# the line before ends with a character that cannot end a sentence or headline.
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_NO_BREAK_BEFORE_NEWLINE = tuple(",;-–—(/&")


_NOT_WORD = re.compile(r"[^\w.]")
_NEXT_WORD = re.compile(r"\s*([" + re.escape(_OPENERS) + r"]*)(\S*)")


def _next_word(text: str, pos: int, end: int) -> tuple[str, str]:
    m = _NEXT_WORD.match(text, pos, end)  # always matches: both groups may be empty
    return (m.group(1), m.group(2)) if m else ("", "")


def _is_break(text: str, start: int, end: int, m: re.Match) -> bool:
    """Decide whether the candidate end ``m`` ends a sentence begun at ``start``."""
    punct = m.group(0).rstrip(_CLOSERS)
    opener, nxt = _next_word(text, m.end(), end)
    if not nxt and not opener:
        return True
    first = nxt[:1]
    if first.islower():
        return False  # "the U.S. and", "?" inside a quote followed by "he asked"
    if punct != ".":
        return True  # "!", "?", "...", "…" before a capital, digit or opening quote
    if m.group(0) != punct:
        return True  # the full stop sits inside a closing quote or bracket: ."  .)
    j = m.start()
    while j > start and not text[j - 1].isspace():
        j -= 1
    word = _NOT_WORD.split(text[j : m.start()])[-1]  # "(pg" -> "pg", "U.S" stays
    key = word.lower()
    if not key:
        return True
    if key in _TITLES or key.rstrip(".") in _TITLES:
        return False
    if key in _BEFORE_NUMBER and (first.isdigit() or not first):
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: George W. Bush, J. K. Rowling
    if word.isdigit() and text[start : m.start()].strip() == word:
        return False  # a list number at the start of a line: "1. The first point"
    dotted = "." in word and re.fullmatch(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}", word) is not None
    if dotted or key in _MAYBE_FINAL or key in _BEFORE_NUMBER:
        quoted = bool(opener) and opener[0] in _QUOTES and first.isupper()
        return quoted or nxt.lower().strip(".,;:") in _STARTERS
    return True


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_line(text: str, start: int, end: int, spans: list) -> None:
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.start() < sent_start:
            continue
        if _is_break(text, sent_start, end, m):
            s, e = _strip(text, sent_start, m.end())
            if e > s:
                spans.append((s, e))
            sent_start = m.end()
    s, e = _strip(text, sent_start, end)
    if e > s:
        spans.append((s, e))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of the sentences of ``text``.

    Full stops after titles (Gen., Lt. Col., Dr.), initials, month names before a day (Jan. 5),
    list numbers and inside numbers (3.5) do not end a sentence; dotted acronyms (U.S., a.m.)
    and company/state abbreviations end one only before a typical sentence starter ("The",
    "He", ...). A closing quote or bracket after the full stop stays with its sentence. Blank
    lines always break; a single newline breaks (headlines, datelines on their own line) unless
    the next line starts in lower case or the line ends with ``,;-(/&``. A dateline inside a
    line ("GAZA CITY, April 14 (Reuters) - ...") stays with its first sentence.

    Parameters
    ----------
    text : str
        Any text (an article body).

    Returns
    -------
    list of tuple of int
        ``(start, end)`` offsets; ``text[start:end]`` is the sentence without surrounding
        whitespace.

    Examples
    --------
    >>> t = 'Lt. Col. Peter Lerner spoke on Jan. 5. "It was 3.5 km away." The U.S. agreed.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Lt. Col. Peter Lerner spoke on Jan. 5.', '"It was 3.5 km away."', 'The U.S. agreed.']
    """
    if not isinstance(text, str) or not text:
        return []
    spans: list[tuple[int, int]] = []
    line_start = 0
    for br in _LINE_BREAK.finditer(text):
        before = text[line_start : br.start()].rstrip()
        after = text[br.end() : br.end() + 1]
        blank = br.group(0).count("\n") > 1
        if not blank and (after.islower() or before.endswith(_NO_BREAK_BEFORE_NEWLINE)):
            continue
        _split_line(text, line_start, br.start(), spans)
        line_start = br.end()
    _split_line(text, line_start, len(text), spans)
    return spans


@by_article
def sentences(articles: pd.DataFrame, *, progress: bool = True) -> pd.DataFrame:
    """Return one row per sentence of every article.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (needs ``doc_id`` and ``text``).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``sent_id`` (0-based within the article), ``start``, ``end``
        (offsets into the article's ``text``) and ``text`` (the sentence).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Dr. Who came. He left."]})
    >>> sentences(arts)["text"].tolist()
    ['Dr. Who came.', 'He left.']
    """
    from kit.text.layer import text_layer  # the layer builds on this module

    layer = text_layer(articles, progress=progress)
    counts = layer.n_sentences
    owner = np.repeat(np.arange(len(layer)), counts)
    starts, ends = layer.sent_start, layer.sent_end
    texts = articles["text"].tolist()
    sent_text = [texts[i][s:e] for i, s, e in zip(owner.tolist(), starts.tolist(), ends.tolist())]
    return pd.DataFrame(
        {
            "doc_id": pd.array(layer.doc_id[owner], dtype="string"),
            "sent_id": np.arange(len(owner), dtype=np.int64)
            - np.repeat(layer.sent_ptr[:-1], counts),
            "start": starts.astype(np.int64),
            "end": ends.astype(np.int64),
            "text": pd.array(sent_text, dtype="string"),
        }
    )
