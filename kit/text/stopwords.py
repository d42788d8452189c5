"""Stopword lists: which tokens term-frequency measures leave out.

English is the only language with a list (``kit.config.LEXICON_LANGUAGE``): scikit-learn's
``ENGLISH_STOP_WORDS`` (BSD-3-Clause, read from the installed package) plus the additions in
``kit/lexicons/stopwords_en.txt`` (composed for kit; see its header). Articles in other languages
keep all their tokens.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kit import config
from kit.errors import LexiconError, ParameterError
from kit.text.languages import language_mask

STOPWORDS_EN_PATH = config.LEXICONS_DIR / "stopwords_en.txt"


def read_stopword_file(path: str | Path) -> frozenset[str]:
    """Read a stopword file: one word per line, ``#`` comments, case folded to lower.

    Raises
    ------
    LexiconError
        When the file cannot be read as UTF-8 text.
    """
    try:
        lines = config.project_path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(
            f"{path}: cannot read stopword file ({exc}); expected a UTF-8 text "
            "file with one word per line"
        ) from None
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def load_stopwords(
    language: str = "en", *, path: str | Path | None = None, extra=()
) -> frozenset[str]:
    """Return a stopword set.

    Parameters
    ----------
    language : str
        ISO 639-1 code; only ``"en"`` has a built-in list.
    path : str or Path, optional
        A stopword file to use instead of the built-in additions (scikit-learn's list is kept).
    extra : iterable of str
        More words to add (e.g. ``["said", "told"]``).

    Returns
    -------
    frozenset of str
        Lower-case words.

    Raises
    ------
    ParameterError
        For a language without a list.

    Examples
    --------
    >>> sw = load_stopwords("en", extra=["said"])
    >>> {"the", "'s", "said"} <= sw, "iran" in sw
    (True, False)
    """
    if language != config.LEXICON_LANGUAGE:
        raise ParameterError(
            "language",
            language,
            f"{config.LEXICON_LANGUAGE!r} (the only language with a built-in stopword list)",
        )
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    own = read_stopword_file(path if path is not None else STOPWORDS_EN_PATH)
    return frozenset(ENGLISH_STOP_WORDS) | own | {w.lower() for w in extra}


def resolve_stopwords(stopwords) -> frozenset[str] | None:
    """Turn a ``stopwords`` parameter into a set (None = no stopwords).

    ``"en"`` (the default everywhere) is kit's English list; a string ending in ``.txt`` is
    read as a stopword file (exactly its words); any other collection of strings is used as
    given.
    """
    if stopwords is None or stopwords is False:
        return None
    if isinstance(stopwords, str):
        if stopwords == config.LEXICON_LANGUAGE:
            return load_stopwords(stopwords)
        if stopwords.endswith(".txt"):
            return read_stopword_file(stopwords)
        raise ParameterError(
            "stopwords",
            stopwords,
            f"{config.LEXICON_LANGUAGE!r}, a .txt stopword file, a collection of words, or None",
        )
    return frozenset(str(w).lower() for w in stopwords)


def stopword_mask(table: pd.DataFrame, stopwords) -> np.ndarray:
    """Which rows (articles or tokens with a ``language``) a ``stopwords`` parameter applies to.

    kit's own list (``"en"``) applies only to English rows; a list the caller gives applies to
    every row.
    """
    if isinstance(stopwords, str) and stopwords == config.LEXICON_LANGUAGE:
        return language_mask(table)
    return np.ones(len(table), bool)
