"""Keywords in context: every occurrence of a word, phrase or regular expression, with offsets.

KWIC lines are the evidence behind counts, keyness and trends: each row points at
``text[start:end]`` of one article.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from kit.errors import ParameterError
from kit.progress import progress_bar
from kit.text import TOKEN_RE, split_sentences
from kit.validate import require_columns

KWIC_COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
_APOSTROPHES = re.compile(r"['’]")


def phrase_pattern(phrase: str) -> str:
    """Regex for a word or phrase: whole words, any whitespace between them, ``*`` = any word
    ending, straight or curly apostrophes; a possessive ``'s`` may follow without a space
    (so the bigram term ``"iran 's"`` finds "Iran's").

    Examples
    --------
    >>> bool(re.search(phrase_pattern("escalat* of"), "the escalation of tensions"))
    True
    """
    parts = phrase.split()
    if not parts:
        raise ParameterError("pattern", phrase, "a non-empty word or phrase")
    out = []
    for i, part in enumerate(parts):
        rx = re.escape(part).replace(r"\*", r"\w*")
        rx = _APOSTROPHES.sub("['’]", rx)
        if i:
            out.append(r"\s*" if part[:1] in "'’" else r"\s+")
        out.append(rx)
    return r"(?<![\w'’-])" + "".join(out) + r"(?![\w-]|['’](?!s\b)\w)"


def _compile(pattern, regex: bool, case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.IGNORECASE
    if isinstance(pattern, (list, tuple)):
        if not pattern:
            raise ParameterError("pattern", pattern, "a non-empty word, phrase or list of them")
        body = "|".join(f"(?:{p if regex else phrase_pattern(p)})" for p in pattern)
    elif isinstance(pattern, str) and pattern.strip():
        body = pattern if regex else phrase_pattern(pattern)
    else:
        raise ParameterError("pattern", pattern, "a non-empty word, phrase, regex or list")
    try:
        return re.compile(body, flags)
    except re.error as exc:
        raise ParameterError("pattern", pattern, f"a valid regular expression ({exc})") from None


def _context(text: str) -> str:
    return " ".join(text.split())


def kwic(
    articles: pd.DataFrame,
    pattern,
    *,
    regex: bool = False,
    window: int = 5,
    case_sensitive: bool = False,
    progress: bool = True,
) -> pd.DataFrame:
    """Return every occurrence of ``pattern`` with its context (no cap on the number of lines).

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (``doc_id``, ``text``).
    pattern : str or list of str
        A word or phrase (``"air support"``, ``"escalat*"``), or with ``regex=True`` a
        regular expression; a list matches any of them.
    regex : bool
        Treat ``pattern`` as regular expression(s).
    window : int
        Tokens of context on each side.
    case_sensitive : bool
        Match case exactly (default: ignore case).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``sent_id`` (sentence of the match start, as in
        :func:`kit.text.sentences`), ``start``, ``end`` (offsets: ``text[start:end]`` is the
        match), ``left``, ``match``, ``right`` (context with whitespace collapsed to single
        spaces), in article then offset order.

    Raises
    ------
    ParameterError
        For an empty pattern, an invalid regex or a negative window.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Iran's drones hit. Drones fell."]})
    >>> kwic(arts, "drones", window=2)[["start", "left", "match", "right"]]
       start         left   match        right
    0      7       Iran's  drones  hit. Drones
    1     19  drones hit.  Drones         fell
    """
    if not isinstance(window, int) or window < 0:
        raise ParameterError("window", window, "an integer >= 0 (tokens of context)")
    rx = _compile(pattern, regex, case_sensitive)
    rows = []
    require_columns(articles, ["doc_id", "text"], "kwic")
    pairs = zip(articles["doc_id"].tolist(), articles["text"].tolist())
    for doc_id, text in progress_bar(
        pairs, total=len(articles), progress=progress, desc="kwic", unit="article"
    ):
        if not isinstance(text, str):
            continue
        matches = [m for m in rx.finditer(text) if m.end() > m.start()]
        if not matches:
            continue
        spans = [(t.start(), t.end()) for t in TOKEN_RE.finditer(text)]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        sent_starts = [s for s, _ in split_sentences(text)]
        for m in matches:
            s, e = m.start(), m.end()
            i = bisect.bisect_right(ends, s)  # tokens before i end at or before the match
            j = bisect.bisect_left(starts, e)  # tokens from j start at or after its end
            left_from = starts[max(i - window, 0)] if window and i else s
            right_to = ends[min(j + window, len(ends)) - 1] if window and j < len(ends) else e
            sent = max(bisect.bisect_right(sent_starts, s) - 1, 0)
            rows.append(
                (
                    doc_id,
                    sent,
                    s,
                    e,
                    _context(text[left_from:s]),
                    text[s:e],
                    _context(text[e:right_to]),
                )
            )
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return out.astype(
        {
            "doc_id": "string",
            "sent_id": "int64",
            "start": "int64",
            "end": "int64",
            "left": "string",
            "match": "string",
            "right": "string",
        }
    )


def kwic_terms(
    articles: pd.DataFrame,
    terms,
    *,
    window: int = 5,
    per_term: int | None = None,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """KWIC lines for several terms (e.g. the top key terms), with a ``term`` column first.

    ``per_term`` keeps only the first lines of each term (None keeps all).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Iran's drones hit."]})
    >>> kwic_terms(arts, ["iran 's", "hit"])["match"].tolist()
    ["Iran's", 'hit']
    """
    frames = []
    for term in terms:
        lines = kwic(articles, term, window=window, case_sensitive=case_sensitive)
        if per_term is not None:
            lines = lines.head(per_term)
        frames.append(lines.assign(term=term))
    if not frames:
        return pd.DataFrame(columns=["term", *KWIC_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    return out[["term", *KWIC_COLUMNS]].astype({"term": "string"})
