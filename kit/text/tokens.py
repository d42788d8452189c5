"""Tokens: the one tokenizer of kit, a regular expression that every count and rate uses.

``n_tokens`` everywhere in kit counts the tokens of :data:`TOKEN_PATTERN`; rates are per 1,000
such tokens (:data:`PER_TOKENS`, column ``per_1k_tokens``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: One token: a URL, an e-mail address, a dotted acronym (U.S., a.m.), a number with separators
#: (3.5, 1,000, 10:30), a word before a possessive 's, the possessive 's itself, or a word with
#: inner hyphens/apostrophes (de-escalation, don't, F-35s). Usable as scikit-learn's
#: ``token_pattern`` (no capturing groups).
TOKEN_PATTERN = (
    r"(?i:https?://|www\.)[^\s<>\"'“”‘’]*[^\s<>\"'“”‘’.,;:!?)\]]"
    # fast path, same result as the alternatives below: a plain word not followed by a
    # connector and a word character, a possessive, or an e-mail's "@"
    r"|\w++(?![-'’.,:/+]\w|['’][sS]\b|[\w.+-]*+@)"
    r"|[\w.+-]++@\w+(?:[.-]\w+)*\.[A-Za-z]{2,}"
    r"|(?:[^\W\d_]\.){2,}+(?![^\W\d_])"
    r"|\d++(?:[.,:/]\d++)++"
    r"|\w++(?:[-'’]\w++)*?(?=['’][sS]\b)"
    r"|['’][sS]\b"
    r"|\w++(?:[-'’]\w++)*+"
)
TOKEN_RE = re.compile(TOKEN_PATTERN)


def tokenize(text: str, *, lower: bool = False) -> list[str]:
    """Return the tokens of ``text`` (see :data:`TOKEN_PATTERN`).

    Words keep inner hyphens and apostrophes; a possessive ``'s`` is its own token; URLs,
    e-mail addresses, dotted acronyms and numbers with separators are single tokens. Works for
    any script that has word characters.

    Parameters
    ----------
    text : str
        Any text.
    lower : bool
        Lower-case the tokens.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("Iran's drones hit the U.S.-backed base")
    ['Iran', "'s", 'drones', 'hit', 'the', 'U.S.', 'backed', 'base']
    >>> tokenize("3.5 km, see www.x.org.", lower=True)
    ['3.5', 'km', 'see', 'www.x.org']
    """
    if not isinstance(text, str):
        return []
    if lower:
        text = text.lower()
    return TOKEN_RE.findall(text)


def token_spans(text: str, *, lower: bool = False) -> list[tuple[int, int, str]]:
    """Return ``(start, end, token)`` for every token of ``text`` (offsets into ``text``).

    Examples
    --------
    >>> token_spans("Hi there")
    [(0, 2, 'Hi'), (3, 8, 'there')]
    """
    if not isinstance(text, str):
        return []
    source = text.lower() if lower else text
    if len(source) != len(text):  # lower() changed the length (rare: e.g. 'İ'); keep offsets
        return [(m.start(), m.end(), m.group(0).lower()) for m in TOKEN_RE.finditer(text)]
    return [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(source)]


#: Rates are per this many tokens of :data:`TOKEN_PATTERN`, in a column named :data:`RATE_COLUMN`.
PER_TOKENS = 1_000
RATE_COLUMN = "per_1k_tokens"


def count_tokens(texts) -> np.ndarray:
    """Number of tokens (:func:`tokenize`) of each text: the denominator of every kit rate.

    Parameters
    ----------
    texts : pandas.DataFrame or iterable of str
        An articles table (its ``doc_id`` and ``text``: counted from the shared text layer,
        :func:`kit.text.text_layer`, built once and cached), or any texts (served from the
        layer's memory cache when every text is in it; a missing text has 0 tokens).

    Returns
    -------
    numpy.ndarray
        int64, one count per article or text.

    Examples
    --------
    >>> count_tokens(["Iran's drones hit.", None, ""]).tolist()
    [4, 0, 0]
    """
    from kit.text.layer import cached_token_counts, text_layer  # the layer builds on this module

    if isinstance(texts, pd.DataFrame):
        return text_layer(texts, progress=False).n_tokens
    if not isinstance(texts, (list, tuple, np.ndarray, pd.Series)):
        texts = list(texts)
    cached = cached_token_counts(texts)
    if cached is not None:
        return cached
    findall = TOKEN_RE.findall
    return np.fromiter((len(findall(t)) if isinstance(t, str) else 0 for t in texts), np.int64)


def rate(counts, n_tokens):
    """Counts per :data:`PER_TOKENS` tokens; NaN where there are no tokens.

    Examples
    --------
    >>> rate(np.array([2, 1]), np.array([1000, 0])).tolist()
    [2.0, nan]
    """
    n_tokens = np.asarray(n_tokens, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n_tokens > 0, np.asarray(counts, "float64") / n_tokens * PER_TOKENS, np.nan)
