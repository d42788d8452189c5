"""Checks of tables and parameters: the articles data model, required columns, choices.

The articles table is the contract every analysis reads (see ``ARTICLE_COLUMNS``). Every
measure checks its input with :func:`require_columns` (a :class:`~kit.errors.SchemaError`
naming what is missing) and its parameters with :func:`check_choice` and :func:`check_column`
(a :class:`~kit.errors.ParameterError` naming the parameter and what is accepted).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from kit.errors import ParameterError, SchemaError

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
            out[col] = pd.to_datetime(out[col], utc=True, errors="coerce", format="mixed").astype(
                dtype
            )
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
    >>> from kit.validate import empty_articles, validate_articles
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
        raise SchemaError(
            "articles table does not follow the data model: "
            + "; ".join(problems)
            + ". See kit.validate.ARTICLE_COLUMNS for the expected columns."
        )
    return df


def require_columns(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise SchemaError unless ``table`` has every one of ``columns``.

    Parameters
    ----------
    table : pandas.DataFrame or dask.dataframe.DataFrame
        The input table.
    columns : iterable of str
        The columns ``what`` reads.
    what : str
        The function or measure, named in the message.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"doc_id": []}), ["doc_id", "text"], "kwic")
    Traceback (most recent call last):
    ...
    kit.errors.SchemaError: kwic needs the columns ['doc_id', 'text']; missing ['text'] (the table has ['doc_id'])
    """
    dask_frame = type(table).__module__.startswith("dask.") and hasattr(table, "columns")
    if not isinstance(table, pd.DataFrame) and not dask_frame:
        raise SchemaError(f"{what} needs a pandas or Dask DataFrame, got {type(table).__name__}")
    columns = list(columns)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(
            f"{what} needs the columns {columns}; missing {missing} "
            f"(the table has {list(map(str, table.columns))})"
        )


def check_choice(name: str, value, choices: Collection) -> None:
    """Raise ParameterError unless ``value`` is one of ``choices``.

    Examples
    --------
    >>> check_choice("time_unit", "decade", ["day", "year"])
    Traceback (most recent call last):
    ...
    kit.errors.ParameterError: parameter time_unit='decade' cannot be used; expected one of 'day', 'year'
    """
    try:
        ok = value in choices
    except TypeError:  # an unhashable value cannot be among the choices
        ok = False
    if not ok:
        raise ParameterError(name, value, "one of " + ", ".join(map(repr, choices)))


def check_column(table: pd.DataFrame, name: str, column) -> None:
    """Raise ParameterError (for parameter ``name``) unless ``column`` is a column of ``table``.

    Examples
    --------
    >>> check_column(pd.DataFrame({"outlet": []}), "group_by", "journal")
    Traceback (most recent call last):
    ...
    kit.errors.ParameterError: parameter group_by='journal' cannot be used; expected a column of the table (outlet)
    """
    if not isinstance(column, str) or column not in table.columns:
        raise ParameterError(
            name, column, "a column of the table (" + ", ".join(map(str, table.columns)) + ")"
        )
