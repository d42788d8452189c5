"""The articles table: its columns, dtypes and validation.

This is the contract every analysis reads (see ``ARTICLE_COLUMNS``).
"""
from __future__ import annotations

import pandas as pd

from kit.errors import SchemaError

#: column -> pandas dtype of the articles table, in order.
ARTICLE_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "source": "string",
    "outlet": "string",
    "title": "string",
    "published": "datetime64[ns, UTC]",
    "published_raw": "string",
    "author": "string",
    "section": "string",
    "url": "string",
    "native_id": "string",
    "language": "string",
    "text": "string",
    "n_words": "int64",
    "duplicate_of": "string",
    "path": "string",
    "record": "int64",
    "format": "string",
}

#: What each column means (used in the README and the overview notebook).
ARTICLE_COLUMN_DOCS: dict[str, str] = {
    "doc_id": "stable id: the same input gives the same id on every run and machine",
    "source": "where the file came from: MENAFN, Nexis Uni, Factiva, RSS, ...",
    "outlet": "the publication (The Guardian, Tehran Times); may equal source",
    "title": "headline",
    "published": "publication time in UTC; NaT when unknown",
    "published_raw": "the date exactly as the input gave it",
    "author": "byline, when the input has one",
    "section": "section or desk, when the input has one",
    "url": "address of the article, when the input has one",
    "native_id": "the source's own id, when the input has one",
    "language": "ISO 639-1 code, detected when not given",
    "text": "normalized body; paragraphs separated by a blank line",
    "n_words": "words in text",
    "duplicate_of": "doc_id of the earlier copy (exact or near duplicate), else NA",
    "path": "input file, relative to the corpus folder",
    "record": "1-based position of the article in its input file",
    "format": "name of the reader that parsed it",
}


def empty_articles() -> pd.DataFrame:
    """Return an articles table with no rows and the right dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in ARTICLE_COLUMNS.items()})


def coerce_articles(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with the data model's columns, order and dtypes.

    Missing optional columns are added as NA; extra columns are kept after the model's columns.
    """
    out = df.copy()
    for col, dtype in ARTICLE_COLUMNS.items():
        if col not in out:
            out[col] = pd.Series(pd.NA, index=out.index, dtype="object")
        if dtype.startswith("datetime"):
            out[col] = pd.to_datetime(out[col], utc=True, errors="coerce",
                                      format="mixed").astype(dtype)
        else:
            out[col] = out[col].astype(dtype)
    extra = [c for c in out.columns if c not in ARTICLE_COLUMNS]
    return out[list(ARTICLE_COLUMNS) + extra]


def validate_articles(df: pd.DataFrame) -> pd.DataFrame:
    """Check that ``df`` follows the articles data model and return it unchanged.

    Parameters
    ----------
    df : pandas.DataFrame
        A table claiming to be an articles table.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself, so the call can be chained.

    Raises
    ------
    SchemaError
        Naming every missing column, every column of the wrong dtype, and duplicated doc_ids.

    Examples
    --------
    >>> from kit.schema import empty_articles, validate_articles
    >>> validate_articles(empty_articles()).shape[0]
    0
    """
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame of articles, got {type(df).__name__}")
    problems = []
    missing = [c for c in ARTICLE_COLUMNS if c not in df.columns]
    if missing:
        problems.append(f"missing columns {missing}")
    for col, dtype in ARTICLE_COLUMNS.items():
        if col in df.columns and str(df[col].dtype) != dtype:
            problems.append(f"column {col!r} has dtype {df[col].dtype}, expected {dtype}")
    if "doc_id" in df.columns and df["doc_id"].duplicated().any():
        dups = df.loc[df["doc_id"].duplicated(), "doc_id"].head(5).tolist()
        problems.append(f"doc_id values are not unique (e.g. {dups})")
    if "text" in df.columns and df["text"].isna().any():
        problems.append(f"{int(df['text'].isna().sum())} rows have no text")
    if problems:
        raise SchemaError("articles table does not follow the data model: " + "; ".join(problems)
                          + ". See kit.schema.ARTICLE_COLUMNS for the expected columns.")
    return df
