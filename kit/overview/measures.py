"""Overview measures of an articles table: volume over time and by outlet, length, duplicates.

Every function takes an articles table and returns a new DataFrame; none mutates its input.
The evidence behind every count is :func:`article_list` (one row per article counted).

None reads the texts. Counts per period and per outlet run partition by partition
(:func:`kit.parallel.run_partitions`: counts per group summed); the measures that need whole
columns (medians, quantiles, a sort of every article, copies joined to their originals) gather
a Dask table's other columns, never its texts (:func:`kit.parallel.without_texts`).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.parallel import run_partitions, table_schema, without_texts
from kit.text.periods import (
    MAX_PERIODS,
    all_periods,
    check_time_unit,
    period_start,
    resolve_time_unit,
)
from kit.validate import check_column

#: Columns of :func:`article_list`, the evidence form of every overview count.
EVIDENCE_COLUMNS = [
    "doc_id",
    "outlet",
    "source",
    "published",
    "date",
    "title",
    "n_words",
    "language",
    "duplicate_of",
    "path",
    "record",
]


def _dates(articles: pd.DataFrame) -> pd.Series:
    """UTC calendar day of each article as a ``YYYY-MM-DD`` string (NA when undated)."""
    return articles["published"].dt.strftime("%Y-%m-%d").astype("string")


@without_texts  # one row per article, sorted over all of them: its rows come here anyway
def article_list(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article with the fields the overview counts are computed from.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (see :data:`kit.validate.ARTICLE_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, outlet, source, published, date, title, n_words, language,
        duplicate_of, path, record``; ``date`` is the UTC day (``YYYY-MM-DD``), sorted by
        ``published`` then ``doc_id`` (undated last).

    Examples
    --------
    >>> import kit
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "n_words": 1, "doc_id": ["a"], "text": ["x y"],
    ...     "published": ["2024-04-14"]}))
    >>> article_list(arts)["date"].tolist()
    ['2024-04-14']
    """
    out = articles.assign(date=_dates(articles))[EVIDENCE_COLUMNS]
    return out.sort_values(["published", "doc_id"], na_position="last", kind="stable").reset_index(
        drop=True
    )


def articles_per_period(
    articles,
    *,
    time_unit: str = "auto",
    group_by: str | None = None,
    max_periods: int = MAX_PERIODS,
) -> pd.DataFrame:
    """Count articles per period of publication (UTC), with zero rows for empty periods.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table; counted partition by partition (:func:`period_counts`).
    time_unit : str
        ``"auto"`` (the default: the finest of day, week, month and year giving at most
        ``max_periods`` periods over the dated articles, :func:`kit.text.periods.choose_time_unit`)
        or a unit of :data:`kit.text.periods.TIME_UNITS`.
    group_by : str, optional
        A column to split the counts by (e.g. ``"outlet"``); every group gets every period.
    max_periods : int
        Bound on the number of periods when ``time_unit`` is ``"auto"``; the cost of the table
        and of its figure follows the number of periods, not the time span.

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (``YYYY-MM-DD``, the period's first day), ``time_unit``,
        ``group_by`` (when given) and ``n_articles``, sorted by period then group;
        ``attrs["time_unit"]`` is the unit used. Undated articles are not counted (see
        :func:`corpus_summary`).

    Raises
    ------
    ParameterError
        For an unknown ``time_unit`` or a ``group_by`` that is not a column of ``articles``.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "n_words": 1, "doc_id": ["a", "b"], "text": ["x", "y"],
    ...     "published": ["2004-11-13", "2023-02-23"]}))
    >>> per = articles_per_period(arts)
    >>> per.attrs["time_unit"], len(per), per["n_articles"].sum()
    ('year', 20, np.int64(2))
    """
    schema = table_schema(articles)
    published = schema["published"]
    if time_unit != "auto":
        check_time_unit(time_unit)
    if group_by is not None:
        check_column(schema, "group_by", group_by)
    if time_unit == "auto":  # the span of the dated articles: their first and last dates
        published = run_partitions(articles[["published"]], dated_span, combine_spans)
    unit = resolve_time_unit(time_unit, published, max_periods=max_periods)
    keys = ["period"] + ([group_by] if group_by else [])
    found, first, last = run_partitions(
        articles[list(dict.fromkeys(["published", *keys[1:]]))],
        period_counts,
        functools.partial(combine_period_counts, keys=keys),
        unit,
        keys=keys,
    )
    if found.empty:
        out = pd.DataFrame(
            {k: pd.Series(dtype="string") for k in keys}
            | {"time_unit": pd.Series(dtype="string"), "n_articles": pd.Series(dtype="int64")}
        )[["period", "time_unit", *keys[1:], "n_articles"]]
        out.attrs["time_unit"] = unit
        return out
    counts = found.groupby(keys, dropna=False)["n_articles"].sum()
    periods = all_periods(first, last, unit).strftime("%Y-%m-%d")
    if group_by:
        groups = sorted(found[group_by].dropna().unique().tolist())
        if found[group_by].isna().any():
            groups.append(pd.NA)
        full = pd.MultiIndex.from_product([periods, groups], names=keys)
    else:
        full = pd.Index(periods, name="period")
    counts = counts.reindex(full, fill_value=0).rename("n_articles").reset_index()
    counts["period"] = counts["period"].astype("string")
    counts.insert(1, "time_unit", pd.Series(unit, index=counts.index, dtype="string"))
    counts["n_articles"] = counts["n_articles"].astype("int64")
    counts.attrs["time_unit"] = unit
    return counts


def dated_span(articles: pd.DataFrame) -> pd.Series:
    """The first and last ``published`` of one partition's dated articles (empty: none)."""
    dated = articles["published"].dropna()
    return pd.Series([dated.min(), dated.max()], dtype=dated.dtype) if len(dated) else dated


def combine_spans(spans) -> pd.Series:
    """The first and last of the spans of partitions; associative."""
    spans = list(spans)
    found = [s for s in spans if len(s)]
    if not found:
        return spans[0]
    every = pd.concat(found, ignore_index=True)
    return pd.Series([every.min(), every.max()], dtype=every.dtype)


def period_counts(articles: pd.DataFrame, unit: str, *, keys: list[str]):
    """Dated articles of one partition per period (and group), with the first and last period.

    Returns
    -------
    (pandas.DataFrame, pandas.Timestamp, pandas.Timestamp)
        ``keys`` (``period``, ``YYYY-MM-DD``, then the group) and ``n_articles``, one row per
        key found; the first and last period start (NaT when no article is dated).
    """
    dated = articles[articles["published"].notna()]
    starts = period_start(dated["published"], unit)
    dated = dated.assign(period=starts.dt.strftime("%Y-%m-%d"))
    counts = dated.groupby(keys, dropna=False).size().rename("n_articles").reset_index()
    return counts.astype({"n_articles": "int64"}), starts.min(), starts.max()


def combine_period_counts(parts, *, keys: list[str]):
    """The counts of partitions summed per key, the first and last period; associative."""
    parts = list(parts)
    found = [p for p in parts if len(p[0])] or parts[:1]  # an empty partition adds nothing
    if len(found) == 1:
        return found[0]
    every = pd.concat([p[0] for p in found], ignore_index=True)
    counts = every.groupby(keys, dropna=False)["n_articles"].sum().reset_index()
    return counts, min(p[1] for p in found), max(p[2] for p in found)


def articles_per_day(articles, *, group_by: str | None = None) -> pd.DataFrame:
    """Count articles per UTC day, with zero rows for days without articles.

    :func:`articles_per_period` with ``time_unit="day"``; its table has one row per day of the
    span, so prefer :func:`articles_per_period` for long spans.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table.
    group_by : str, optional
        A column to split the counts by (e.g. ``"outlet"``); every group gets every day.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (``YYYY-MM-DD``), ``group_by`` (when given) and ``n_articles``, sorted by
        date then group. Undated articles are not counted (see :func:`corpus_summary`).

    Raises
    ------
    ParameterError
        When ``group_by`` is not a column of ``articles``.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "n_words": 1, "doc_id": ["a", "b"], "text": ["x", "y"],
    ...     "published": ["2024-04-14", "2024-04-16"]}))
    >>> articles_per_day(arts)["n_articles"].tolist()
    [1, 0, 1]
    """
    per = articles_per_period(articles, time_unit="day", group_by=group_by)
    return per.drop(columns="time_unit").rename(columns={"period": "date"})


@without_texts  # medians of whole groups cannot be combined from partitions
def articles_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Count articles per outlet, with their share, date span and median length.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, n_articles, share, first_published, last_published,
        median_words``; sorted by ``n_articles`` descending, then outlet.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1, "doc_id": ["a", "b"], "text": ["x", "y"],
    ...     "outlet": ["A", "A"], "n_words": [1, 3]}))
    >>> articles_per_outlet(arts)[["outlet", "n_articles", "median_words"]].values.tolist()
    [['A', 2, 2.0]]
    """
    grouped = articles.groupby(articles["outlet"].fillna("(unknown)"), sort=True)
    out = (
        pd.DataFrame(
            {
                "n_articles": grouped.size(),
                "first_published": grouped["published"].min(),
                "last_published": grouped["published"].max(),
                "median_words": grouped["n_words"].median().astype("float64"),
            }
        )
        .rename_axis("outlet")
        .reset_index()
    )
    out["outlet"] = out["outlet"].astype("string")
    out.insert(2, "share", out["n_articles"] / max(len(articles), 1))
    return out.sort_values(
        ["n_articles", "outlet"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


@without_texts  # quantiles of whole groups cannot be combined from partitions
def length_summary(articles: pd.DataFrame, *, group_by: str = "outlet") -> pd.DataFrame:
    """Summarise article length (``n_words``) per group and for the whole table.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table.
    group_by : str
        Column to group by; the last row, group ``"(all)"``, covers every article.

    Returns
    -------
    pandas.DataFrame
        Columns ``<group_by>, n_articles, min, q1, median, q3, max, mean`` (words; quartiles by
        linear interpolation, as :meth:`pandas.Series.quantile`).

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "doc_id": list("abc"), "text": list("xyz"),
    ...     "outlet": ["A", "A", "B"], "n_words": [1, 3, 10]}))
    >>> length_summary(arts)["median"].tolist()
    [2.0, 10.0, 3.0]
    """
    check_column(articles, "group_by", group_by)

    def describe(words: pd.Series) -> dict:
        q = words.astype("float64").quantile([0.25, 0.5, 0.75])
        return {
            "n_articles": len(words),
            "min": words.min(),
            "q1": q[0.25],
            "median": q[0.5],
            "q3": q[0.75],
            "max": words.max(),
            "mean": words.astype("float64").mean(),
        }

    groups = articles[group_by].fillna("(unknown)")
    rows = [
        {group_by: name, **describe(part["n_words"])}
        for name, part in articles.groupby(groups, sort=True)
    ]
    rows.append({group_by: "(all)", **describe(articles["n_words"])})
    out = pd.DataFrame(rows)
    out[group_by] = out[group_by].astype("string")
    return out.astype({"n_articles": "int64", "min": "int64", "max": "int64"})


@without_texts  # the bins follow the lengths of every article (only n_words is read)
def length_histogram(articles: pd.DataFrame, *, bins: int = 20) -> pd.DataFrame:
    """Count articles per length bin (``n_words``), equal-width bins.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table.
    bins : int
        Number of bins (as :func:`numpy.histogram`); fewer when there are fewer distinct
        lengths.

    Returns
    -------
    pandas.DataFrame
        Columns ``words_from, words_to, n_articles`` (each bin includes its lower edge; the
        last also its upper edge).

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1, "doc_id": list("ab"), "text": list("xy"),
    ...     "n_words": [10, 20]}))
    >>> length_histogram(arts, bins=2)["n_articles"].tolist()
    [1, 1]
    """
    if not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ParameterError("bins", bins, "a positive integer")
    words = articles["n_words"].to_numpy(dtype="float64")
    if words.size == 0:
        return pd.DataFrame({"words_from": [], "words_to": [], "n_articles": []}).astype(
            {"n_articles": "int64"}
        )
    bins = int(min(bins, max(len(np.unique(words)), 1)))
    counts, edges = np.histogram(words, bins=bins)
    return pd.DataFrame(
        {"words_from": edges[:-1], "words_to": edges[1:], "n_articles": counts.astype("int64")}
    )


def duplicates_by_outlet(articles) -> pd.DataFrame:
    """Count originals and duplicate copies (``duplicate_of`` set) per outlet.

    Pass a selection made with ``include_duplicates=True``; otherwise every count is zero.
    A Dask table is counted partition by partition (counts per outlet summed).

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, n_articles, n_duplicates, share_duplicates``, sorted by outlet.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "n_words": 1, "doc_id": list("ab"), "text": list("xx"),
    ...     "outlet": ["A", "B"], "duplicate_of": [None, "a"]}))
    >>> duplicates_by_outlet(arts)["n_duplicates"].tolist()
    [0, 1]
    """
    sums = run_partitions(articles[["outlet", "duplicate_of"]], outlet_duplicates, sum_outlets)
    out = sums.rename_axis("outlet").reset_index().astype({"n_duplicates": "int64"})
    out["outlet"] = out["outlet"].astype("string")
    out["share_duplicates"] = out["n_duplicates"] / out["n_articles"]
    return out


def outlet_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and duplicate copies per outlet (the index, sorted) of one partition."""
    is_dup = articles["duplicate_of"].notna()
    grouped = is_dup.groupby(articles["outlet"].fillna("(unknown)"), sort=True)
    counts = pd.DataFrame({"n_articles": grouped.size(), "n_duplicates": grouped.sum()})
    return counts.astype("int64")


def sum_outlets(parts) -> pd.DataFrame:
    """The counts of partitions summed per outlet (sorted); associative."""
    parts = list(parts)
    found = [p for p in parts if len(p)] or parts[:1]  # an empty partition adds nothing
    return pd.concat(found).groupby(level=0, sort=True).sum() if len(found) > 1 else found[0]


@without_texts  # a copy and its original may lie in different partitions
def duplicate_pairs(articles: pd.DataFrame) -> pd.DataFrame:
    """List each duplicate copy beside the article it copies (the evidence of duplicates).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, outlet, published, title, duplicate_of, original_outlet,
        original_published, original_title``; the ``original_*`` fields are NA when the
        original is outside ``articles``. Sorted by ``duplicate_of`` then ``doc_id``.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "n_words": 1, "doc_id": list("ab"), "text": list("xx"),
    ...     "outlet": ["A", "B"], "duplicate_of": [None, "a"]}))
    >>> duplicate_pairs(arts)[["doc_id", "original_outlet"]].values.tolist()
    [['b', 'A']]
    """
    cols = ["doc_id", "outlet", "published", "title"]
    copies = articles.loc[articles["duplicate_of"].notna(), cols + ["duplicate_of"]]
    originals = articles[cols].rename(columns={c: f"original_{c}" for c in cols[1:]})
    out = copies.merge(
        originals, how="left", left_on="duplicate_of", right_on="doc_id", suffixes=("", "_orig")
    ).drop(columns="doc_id_orig")
    return out.sort_values(["duplicate_of", "doc_id"], kind="stable").reset_index(drop=True)


@without_texts  # the median length and distinct counts need whole columns
def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Return headline numbers of an articles table as ``measure, value`` rows.

    Values are strings so the table keeps one dtype; numbers are written in full.

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({"record": 1,
    ...     "doc_id": ["a"], "text": ["x"], "n_words": [1]}))
    >>> dict(corpus_summary(arts).values)["articles"]
    '1'
    """
    published = articles["published"]
    rows = {
        "articles": len(articles),
        "outlets": articles["outlet"].nunique(),
        "sources": articles["source"].nunique(),
        "languages": articles["language"].nunique(),
        "first published (UTC)": published.min(),
        "last published (UTC)": published.max(),
        "undated articles": int(published.isna().sum()),
        "words": int(articles["n_words"].sum()),
        "median words per article": articles["n_words"].median(),
        "duplicate copies": int(articles["duplicate_of"].notna().sum()),
    }
    values = ["" if pd.isna(v) else str(v) for v in rows.values()]
    return pd.DataFrame({"measure": list(rows), "value": values}, dtype="string")
