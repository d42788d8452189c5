"""Which articles a language-specific resource applies to, and a table of the others.

The one place where analyses pick the articles that kit's English stopwords, lexicons and VADER
apply to (:data:`kit.config.LEXICON_LANGUAGE`). Every measure calls it itself, so none needs
pre-filtered input, and every notebook reports the same per-language table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit import config
from kit.parallel import accepts_dask

UNKNOWN = "unknown"


@accepts_dask
def language_mask(
    articles: pd.DataFrame, language: str | None = config.LEXICON_LANGUAGE
) -> np.ndarray:
    """Which articles are in ``language`` (a boolean array; a missing language is not a match).

    Every article matches when ``language`` is None or the table has no ``language`` column.

    Examples
    --------
    >>> language_mask(pd.DataFrame({"language": ["en", "de", None]}), "en").tolist()
    [True, False, False]
    """
    if language is None or "language" not in articles:
        return np.ones(len(articles), bool)
    return (articles["language"] == language).fillna(False).to_numpy(bool)


@accepts_dask
def in_language(
    articles: pd.DataFrame, language: str | None = config.LEXICON_LANGUAGE
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Split articles into those in ``language`` and a count of the others per language.

    Returns
    -------
    (pandas.DataFrame, dict)
        The matching articles, and language -> number of articles left out (fits
        ``DataFrame.attrs``; a missing language counts as "unknown").

    Examples
    --------
    >>> kept, skipped = in_language(pd.DataFrame({"language": ["en", "de", None]}))
    >>> len(kept), skipped
    (1, {'de': 1, 'unknown': 1})
    """
    mask = language_mask(articles, language)
    others = language_counts(articles[~mask])
    return articles[mask], dict(
        zip(others["language"].tolist(), others["n_articles"].astype(int).tolist())
    )


@accepts_dask
def language_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per language, and whether kit's English resources apply to them.

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
    if "language" in articles:
        langs = articles["language"].astype("string").fillna(UNKNOWN)
    else:
        langs = pd.Series(config.LEXICON_LANGUAGE, index=articles.index, dtype="string")
    out = langs.value_counts().rename("n_articles").rename_axis("language").reset_index()
    out = out.astype({"language": "string", "n_articles": "int64"})
    out["share"] = out["n_articles"] / max(len(articles), 1)
    out["lexicons_apply"] = out["language"].eq(config.LEXICON_LANGUAGE).astype(bool)
    return out.sort_values(
        ["n_articles", "language"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
