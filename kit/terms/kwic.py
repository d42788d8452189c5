"""Keywords in context: every occurrence of a word, phrase or regular expression, with offsets.

KWIC lines are the evidence behind counts, keyness and trends: each row points at
``text[start:end]`` of one article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.parallel import by_article, concat_evidence, on_worker, run_partitions, table_schema
from kit.progress import progress_bar
from kit.text import text_layer
from kit.validate import require_columns

KWIC_COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
_PATTERN = "__kit_pattern__"  # the term of a line, while partitions are combined
_APOSTROPHES = re.compile(r"['’]")
_AFTER = r"(?![\w-]|['’](?!s\b)\w)"
#: Letters that re.IGNORECASE matches with others than their lower-case form (dotless i, long
#: s, final sigma, Greek and Cyrillic variant forms: the cases of ``re._casefix``); a text or
#: phrase holding one is matched the slow way.
_CASE_EXTRAS = re.compile(
    "["
    "\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8-\u03ba\u03bc\u03c0-\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
    "]"
)


@dataclass(frozen=True)
class Matcher:
    """A compiled KWIC pattern: ``exact`` on the text and, for case-insensitive phrases,
    ``lowered``, which finds the same matches in ``text.lower()`` several times faster (used
    when lower-casing keeps the length and the text has none of :data:`_CASE_EXTRAS`)."""

    exact: re.Pattern
    lowered: re.Pattern | None = None

    def finditer(self, text: str, low: str | None):
        """Matches in ``text`` (``low`` is its lower-cased form when the fast path is safe)."""
        if low is not None and self.lowered is not None:
            return self.lowered.finditer(low)
        return self.exact.finditer(text)


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
    body = "".join(out)
    if parts[0][:1].isalnum():  # the same test after the first letter: re then scans for it
        return body[0] + r"(?<![\w'’-].)" + body[1:] + _AFTER
    return r"(?<![\w'’-])" + body + _AFTER


def compile_pattern(pattern, regex: bool, case_sensitive: bool) -> Matcher:
    """The matcher of a KWIC ``pattern``: a phrase (:func:`phrase_pattern`), a regular
    expression (``regex``) or a list of either, matching any of them.

    Raises
    ------
    ParameterError
        For an empty pattern or an invalid regular expression.
    """
    if isinstance(pattern, (list, tuple)):
        if not pattern:
            raise ParameterError("pattern", pattern, "a non-empty word, phrase or list of them")
        given = list(pattern)
    elif isinstance(pattern, str) and pattern.strip():
        given = [pattern]
    else:
        raise ParameterError("pattern", pattern, "a non-empty word, phrase, regex or list")

    def body(items) -> str:
        parts = [p if regex else phrase_pattern(p) for p in items]
        return parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts)

    try:
        exact = re.compile(body(given), 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise ParameterError("pattern", pattern, f"a valid regular expression ({exc})") from None
    lowered = [str(p).lower() for p in given]
    if (
        regex
        or case_sensitive
        or any(_CASE_EXTRAS.search(p) or len(p) != len(q) for p, q in zip(lowered, given))
    ):
        return Matcher(exact)
    return Matcher(exact, re.compile(body(lowered)))


def _context(text: str) -> str:
    return " ".join(text.split())


def find_spans(
    texts: list, patterns: list[Matcher], *, limit: int | None = None, progress: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every non-empty match of each pattern in each text, in one pass over the texts.

    ``limit`` stops looking for a pattern once it has that many matches.

    Returns
    -------
    tuple of numpy.ndarray
        ``(pattern, text, start, end)`` per match (int64), ordered by pattern, text and start.
    """
    found: list[list[tuple[int, int, int]]] = [[] for _ in patterns]
    todo = list(range(len(patterns)))
    fast = any(p.lowered is not None for p in patterns)
    bar = progress_bar(texts, total=len(texts), progress=progress, desc="kwic", unit="article")
    for i, text in enumerate(bar):
        if not isinstance(text, str):
            continue
        low = text.lower() if fast else None
        if (
            low is not None
            and not low.isascii()  # (lower() keeps the length of an ASCII text)
            and (len(low) != len(text) or _CASE_EXTRAS.search(low))
        ):
            low = None
        for k in todo:
            found[k].extend(
                (i, *m.span()) for m in patterns[k].finditer(text, low) if m.end() > m.start()
            )
        if limit is not None:
            todo = [k for k in todo if len(found[k]) < limit]
            if not todo:
                break
    if limit is not None:
        found = [f[:limit] for f in found]
    sizes = [len(f) for f in found]
    flat = np.array([m for f in found for m in f], np.int64).reshape(-1, 3)
    which = np.repeat(np.arange(len(patterns), dtype=np.int64), sizes)
    return which, flat[:, 0], flat[:, 1], flat[:, 2]


def _segmented(values: np.ndarray, ptr: np.ndarray, base: np.ndarray, doc, at, side):
    """searchsorted of ``at`` within the sorted run ``values[ptr[doc]:ptr[doc+1]]`` of each
    query's document (``base`` separates the documents), as an index within that run."""
    owner = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
    return np.searchsorted(base[owner] + values, base[doc] + at, side=side) - ptr[doc]


def kwic_lines(articles: pd.DataFrame, doc, start, end, *, window: int) -> pd.DataFrame:
    """The KWIC rows of matches given as (row of ``articles``, start, end) arrays.

    Token and sentence offsets come from the shared text layer (:func:`kit.text.text_layer`)
    of the articles with a match; contexts are cut with vectorized look-ups.
    """
    rows, local = np.unique(doc, return_inverse=True)
    texts = articles["text"].to_numpy(dtype=object)[rows]
    layer = text_layer(articles.iloc[rows], progress=False)
    base = np.concatenate([[0], np.cumsum([len(t) + 1 for t in texts])]).astype(np.int64)
    tp = layer.tok_ptr
    # one spare entry, so that every index below is valid (unused where there is no token)
    tok_start, tok_end = (
        np.append(a, 0).astype(np.int64) for a in (layer.tok_start, layer.tok_end)
    )
    first = _segmented(tok_end[:-1], tp, base, local, start, "right")  # tokens ending by start
    after = _segmented(tok_start[:-1], tp, base, local, end, "left")  # first token from end on
    n_tok = np.diff(tp)[local]
    left_from = np.where(
        (window > 0) & (first > 0), tok_start[tp[local] + np.maximum(first - window, 0)], start
    )
    right_to = np.where(
        (window > 0) & (after < n_tok),
        tok_end[tp[local] + np.minimum(after + window, n_tok) - 1],
        end,
    )
    sent = _segmented(layer.sent_start, layer.sent_ptr, base, local, start, "right") - 1
    cut = [
        (_context(t[a:s]), t[s:e], _context(t[e:b]))
        for t, a, s, e, b in zip(
            texts[local].tolist(),
            left_from.tolist(),
            start.tolist(),
            end.tolist(),
            right_to.tolist(),
        )
    ]
    left, match, right = (list(c) for c in zip(*cut)) if cut else ([], [], [])
    return pd.DataFrame(
        {
            "doc_id": pd.array(articles["doc_id"].to_numpy(dtype=object)[doc], dtype="string"),
            "sent_id": np.maximum(sent, 0).astype("int64"),
            "start": np.asarray(start, "int64"),
            "end": np.asarray(end, "int64"),
            "left": pd.array(left, dtype="string"),
            "match": pd.array(match, dtype="string"),
            "right": pd.array(right, dtype="string"),
        }
    )


@by_article
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
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (``doc_id``, ``text``); a Dask table is searched partition by
        partition (:func:`kit.parallel.by_article`).
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
    _check_window(window)
    rx = compile_pattern(pattern, regex, case_sensitive)
    require_columns(articles, ["doc_id", "text"], "kwic")
    progress = progress and not on_worker()
    _, doc, start, end = find_spans(articles["text"].tolist(), [rx], progress=progress)
    return kwic_lines(articles, doc, start, end, window=window)


def _check_window(window) -> None:
    if not isinstance(window, int) or window < 0:
        raise ParameterError("window", window, "an integer >= 0 (tokens of context)")


def kwic_terms(
    articles: pd.DataFrame,
    terms,
    *,
    window: int = 5,
    per_term: int | None = None,
    case_sensitive: bool = False,
    progress: bool = True,
) -> pd.DataFrame:
    """KWIC lines for several terms (e.g. the top key terms), with a ``term`` column first.

    All terms are looked for in one pass over the articles, and the contexts of every line are
    cut from the shared text layer at once. A Dask table is searched partition by partition
    (:func:`kit.parallel.run_partitions`; a pandas table is one partition) and the lines are
    combined by :func:`first_lines`, so its texts never gather in this process.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (``doc_id``, ``text``).
    terms : iterable of str
        Words or phrases, as the ``pattern`` of :func:`kwic`.
    window, case_sensitive
        As in :func:`kwic`.
    per_term : int, optional
        Keep only the first lines of each term (None keeps all); a term is no longer looked
        for once it has them.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``term``, then the columns of :func:`kwic`: the lines of the first term, then of the
        next, each in article then offset order.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Iran's drones hit."]})
    >>> kwic_terms(arts, ["iran 's", "hit"])["match"].tolist()
    ["Iran's", 'hit']
    """
    terms = list(terms)
    if not terms:
        return pd.DataFrame(columns=["term", *KWIC_COLUMNS])
    _check_window(window)
    patterns = [compile_pattern(t, False, case_sensitive) for t in terms]
    require_columns(table_schema(articles), ["doc_id", "text"], "kwic")
    lines = run_partitions(
        articles,
        term_lines,
        functools.partial(first_lines, per_term=per_term),
        patterns,
        window=window,
        per_term=per_term,
        progress=progress,
    )
    which = lines.pop(_PATTERN).to_numpy()
    lines.insert(0, "term", pd.array(np.asarray(terms, dtype=object)[which], dtype="string"))
    return lines


def term_lines(
    articles: pd.DataFrame,
    patterns: list[Matcher],
    *,
    window: int,
    per_term: int | None,
    progress: bool = False,
) -> pd.DataFrame:
    """The KWIC lines of one partition of articles for :func:`kwic_terms`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`kwic` after a column of the pattern's position in ``patterns``,
        at most ``per_term`` lines of each, ordered by pattern, article and offset.
    """
    which, doc, start, end = find_spans(
        articles["text"].tolist(),
        patterns,
        limit=per_term,
        progress=progress and not on_worker(),
    )
    lines = kwic_lines(articles, doc, start, end, window=window)
    lines.insert(0, _PATTERN, which)
    return lines


def first_lines(parts, *, per_term: int | None = None) -> pd.DataFrame:
    """The lines of partitions (in partition order) of :func:`term_lines`, ordered by pattern
    and keeping the first ``per_term`` of each; associative."""
    lines = concat_evidence(parts).sort_values(_PATTERN, kind="stable")
    if per_term is not None:
        lines = lines.groupby(_PATTERN, sort=False).head(per_term)
    return lines.reset_index(drop=True)
