"""The processed corpus: load the articles table and select the articles an analysis runs on.

Notebooks call :func:`open_corpus` in their first code cell, so bad parameters stop the run
there with a :class:`kit.errors.ParameterError` naming the parameter.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import config
from kit.errors import IngestError, ParameterError
from kit.validate import validate_articles


def load_articles(path: str | Path | None = None) -> pd.DataFrame:
    """Read a processed articles table (default: ``corpus/processed/articles.parquet``).

    Returns
    -------
    pandas.DataFrame
        The validated articles table.

    Raises
    ------
    IngestError
        When the file does not exist (run ``kit ingest`` first) or is not Parquet.
    SchemaError
        When it does not follow the data model.
    """
    path = Path(path) if path else config.ARTICLES_PATH
    if not path.exists():
        raise IngestError(
            path,
            "no articles table here; run `kit ingest` (or `make run`) to build it from corpus/raw",
        )
    try:
        table = pd.read_parquet(path)
    except Exception as exc:  # pyarrow's errors are technical; say what the file should be
        raise IngestError(path, f"cannot be read as a Parquet articles table ({exc})") from None
    table = validate_articles(table)
    table.attrs["source_path"] = str(path.resolve())  # where kit.text.text_layer caches
    return table


def _as_list(name, value) -> list[str] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ParameterError(name, value, "a string, a list of strings, or None")


def _as_timestamp(name, value, *, end=False) -> pd.Timestamp | None:
    if value in (None, ""):
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ParameterError(name, value, "a date such as '2024-04-14', or None") from None
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and ts == ts.normalize() and len(str(value)) <= 10:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")  # a bare end date includes its day
    return ts


def select_articles(
    articles: pd.DataFrame,
    *,
    date_from=None,
    date_to=None,
    outlets=None,
    languages=None,
    include_duplicates: bool = False,
) -> pd.DataFrame:
    """Return the articles inside a date window, from given outlets and languages.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table.
    date_from, date_to : str, optional
        Inclusive bounds ('2024-04-01'); a bare ``date_to`` includes that whole day. Articles
        without a date are kept only when no bound is given.
    outlets, languages : str or list of str, optional
        Keep only these outlets / ISO 639-1 languages.
    include_duplicates : bool
        Keep exact and near-duplicate copies (rows with ``duplicate_of`` set).

    Returns
    -------
    pandas.DataFrame
        The selected rows, in their original order.

    Raises
    ------
    ParameterError
        For an unparseable date, an outlet or language not in the corpus, or a selection that
        leaves no article.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({
    ...     "doc_id": ["a", "b"], "outlet": ["MENAFN", "Tehran Times"], "text": ["x", "y"],
    ...     "published": ["2024-04-14", "2024-04-16"], "n_words": 1, "record": 1}))
    >>> select_articles(arts, outlets="MENAFN")["doc_id"].tolist()
    ['a']
    >>> select_articles(arts, date_to="2024-04-14")["doc_id"].tolist()
    ['a']
    """
    start = _as_timestamp("date_from", date_from)
    stop = _as_timestamp("date_to", date_to, end=True)
    if start is not None and stop is not None and start > stop:
        raise ParameterError("date_from", date_from, f"a date on or before date_to={date_to!r}")
    keep = pd.Series(True, index=articles.index)
    if not include_duplicates:
        keep &= articles["duplicate_of"].isna()
    if start is not None:
        keep &= articles["published"].ge(start).fillna(False).astype(bool)
    if stop is not None:
        keep &= articles["published"].le(stop).fillna(False).astype(bool)
    for name, column, value in (
        ("outlets", "outlet", outlets),
        ("languages", "language", languages),
    ):
        wanted = _as_list(name, value)
        if wanted is None:
            continue
        known = sorted(articles[column].dropna().unique().tolist())
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise ParameterError(name, unknown, f"values present in the corpus: {known}")
        keep &= articles[column].isin(wanted).fillna(False).astype(bool)
    selected = articles[keep]
    if selected.empty:
        raise ParameterError(
            "date_from/date_to/outlets/languages",
            {
                "date_from": date_from,
                "date_to": date_to,
                "outlets": outlets,
                "languages": languages,
            },
            f"a selection that keeps at least one of the {len(articles)} articles "
            f"(published {articles['published'].min()} to {articles['published'].max()})",
        )
    return selected


def open_corpus(corpus: str | Path | None = None, **filters) -> pd.DataFrame:
    """Load a processed corpus and select articles in one call (for notebooks).

    Parameters
    ----------
    corpus : str or Path, optional
        Path of an ``articles.parquet``; the project's processed corpus when None or "".
    **filters
        Passed to :func:`select_articles`.

    Returns
    -------
    pandas.DataFrame
        The selected articles (see :func:`select_articles`).

    Raises
    ------
    ParameterError
        When the corpus file does not exist, or a filter is bad.
    """
    path = Path(corpus) if corpus else config.ARTICLES_PATH
    if not path.exists():
        raise ParameterError(
            "corpus", str(path), "the path of an articles.parquet written by `kit ingest`"
        )
    return select_articles(load_articles(path), **filters)
