"""Which articles a language-specific resource applies to, and a table of the others.

The one place where analyses pick the articles that kit's English stopwords, lexicons and VADER
apply to (:data:`kit.config.LEXICON_LANGUAGE`). Every measure calls it itself, so none needs
pre-filtered input, and every notebook reports the same per-language table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit import config
from kit.parallel import gather, run_partitions, summed

UNKNOWN = "unknown"


def language_mask(
    articles: pd.DataFrame, language: str | None = config.LEXICON_LANGUAGE
) -> np.ndarray:
    """Which articles are in ``language`` (a boolean array; a missing language is not a match).

    Every article matches when ``language`` is None or the table has no ``language`` column.
    Of a Dask table, only the ``language`` column is read.

    Examples
    --------
    >>> language_mask(pd.DataFrame({"language": ["en", "de", None]}), "en").tolist()
    [True, False, False]
    """
    matches = _matches(articles, language)
    return np.ones(len(articles), bool) if matches is None else gather(matches).to_numpy(bool)


def _matches(articles: pd.DataFrame, language: str | None) -> pd.Series | None:
    """Whether each article is in ``language`` (lazy for a Dask table); None: every one is."""
    if language is None or "language" not in articles.columns:
        return None
    return articles["language"].eq(language).fillna(False)


def in_language(
    articles: pd.DataFrame, language: str | None = config.LEXICON_LANGUAGE
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Split articles into those in ``language`` and a count of the others per language.

    Returns
    -------
    (pandas.DataFrame, dict)
        The matching articles (of a Dask table, a Dask table: no text is read here), and
        language -> number of articles left out (fits ``DataFrame.attrs``; a missing language
        counts as "unknown").

    Examples
    --------
    >>> kept, skipped = in_language(pd.DataFrame({"language": ["en", "de", None]}))
    >>> len(kept), skipped
    (1, {'de': 1, 'unknown': 1})
    """
    mask = _matches(articles, language)
    if mask is None:
        return articles, {}
    others = language_counts(articles.loc[~mask])
    return articles.loc[mask], dict(
        zip(others["language"].tolist(), others["n_articles"].astype(int).tolist())
    )


def language_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per language, and whether kit's English resources apply to them.

    Of a Dask table, each partition's counts come here (:func:`kit.parallel.run_partitions`).

    Returns
    -------
    pandas.DataFrame
        ``language`` (a missing one is "unknown"), ``n_articles``, ``share`` and
        ``lexicons_apply`` (True for :data:`kit.config.LEXICON_LANGUAGE`: stopwords, lexicons,
        dictionaries and VADER score only those articles), most frequent first, then by name.

    Examples
    --------
    >>> language_counts(pd.DataFrame({"language": ["en", "fr", "en", None]})).values.tolist()
    [['en', 2, 0.5, True], ['fr', 1, 0.25, False], ['unknown', 1, 0.25, False]]
    """
    if "language" in articles.columns:
        counts = run_partitions(articles[["language"]], _counts, summed)
    else:
        counts = pd.Series({config.LEXICON_LANGUAGE: len(articles)}, dtype="int64")
    out = counts.rename("n_articles").rename_axis("language").reset_index()
    out = out.astype({"language": "string", "n_articles": "int64"})
    out["share"] = out["n_articles"] / max(int(out["n_articles"].sum()), 1)
    out["lexicons_apply"] = out["language"].eq(config.LEXICON_LANGUAGE).astype(bool)
    return out.sort_values(
        ["n_articles", "language"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _counts(part: pd.DataFrame) -> pd.Series:
    return part["language"].astype("string").fillna(UNKNOWN).value_counts()
