"""Trends: how often terms are used per period (day to year), per group.

The counts are sums per period and group, a function over one partition of articles
(:func:`period_sums`) and an associative combine (:func:`combine_sums`) run by
:func:`kit.parallel.run_partitions`: a pandas table is one partition, a Dask table's texts stay
in its partitions.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from kit.parallel import run_partitions, table_schema
from kit.terms.dispersion import _ngram_terms
from kit.terms.matrix import columns_dense, term_columns
from kit.text.dtm import chosen_terms_matrix
from kit.text.periods import all_periods, check_time_unit, group_values, period_start
from kit.text.tokens import RATE_COLUMN, rate
from kit.validate import require_columns


def term_trends(
    articles: pd.DataFrame, terms, *, time_unit: str = "day", group_by=None, lower: bool = True
) -> pd.DataFrame:
    """Rates of terms per period (and group), with zero rows for periods without them.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table with ``published``; undated articles are left out (their number is
        in ``df.attrs["undated"]``).
    terms : str or list of str
        Words or phrases (up to three words).
    time_unit : {"day", "week", "month", "quarter", "year"}
        Period length; weeks start on Monday.
    group_by : str, optional
        A column of ``articles`` to split the lines by (e.g. ``"outlet"``).
    lower : bool
        Count case-insensitively.

    Returns
    -------
    pandas.DataFrame
        ``period`` (start of the period, UTC), the group column when given, ``term``, ``n``,
        ``n_docs`` and ``n_tokens`` (articles and tokens published in that period/group) and
        ``per_1k_tokens`` (NaN when no article of the group was published in the period).

    Raises
    ------
    ParameterError
        For an unknown ``time_unit`` or ``group_by`` column, or empty ``terms``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Iran hit back.", "Quiet day."],
    ...                      "published": pd.to_datetime(["2024-04-14", "2024-04-15"], utc=True)})
    >>> term_trends(arts, "iran")[["period", "n", "per_1k_tokens"]].values.tolist()[1]
    [Timestamp('2024-04-15 00:00:00+0000', tz='UTC'), 0, 0.0]
    """
    schema = table_schema(articles)
    require_columns(schema, ["doc_id", "text", "published"], "term_trends")
    check_time_unit(time_unit)
    if group_by is not None:
        group_values(schema, group_by)  # a column, or a period of published
    items, _ = _ngram_terms(terms, lower)
    keys = ["period"] + ([group_by] if group_by is not None else [])
    per_key, undated = run_partitions(
        articles,
        period_sums,
        functools.partial(combine_sums, keys=keys),
        items,
        time_unit=time_unit,
        group_by=group_by,
        lower=lower,
    )
    agg = pd.concat(
        [
            per_key[keys].assign(
                term=t, n=per_key[k], n_docs=per_key["n_docs"], n_tokens=per_key["n_tokens"]
            )
            for k, t in enumerate(items)
        ],
        ignore_index=True,
    )
    agg = _fill_periods(agg, keys, items, time_unit)
    agg[RATE_COLUMN] = rate(agg["n"], agg["n_tokens"])
    out = agg.astype({"term": "string", "n": "int64", "n_docs": "int64", "n_tokens": "int64"})
    out.attrs["undated"] = undated
    return out.sort_values([*keys, "term"], kind="stable").reset_index(drop=True)


def period_sums(
    articles: pd.DataFrame, items: list[str], *, time_unit: str, group_by=None, lower: bool = True
) -> tuple[pd.DataFrame, int]:
    """Articles, tokens and counts of each term per period (and group) in one partition.

    Returns
    -------
    (pandas.DataFrame, int)
        One row per period (and group) with dated articles, sorted: the keys, ``n_docs``,
        ``n_tokens`` and one column per term (its position in ``items``); and the number of
        undated articles. :func:`combine_sums` joins partitions.
    """
    m = chosen_terms_matrix(articles, items, lower=lower)
    rows = np.flatnonzero(articles["published"].notna().to_numpy())
    dated = articles.iloc[rows].reset_index(drop=True)
    counts = columns_dense(m, term_columns(m, items))[rows]
    base = pd.DataFrame(
        {"period": period_start(dated["published"], time_unit), "n_docs": 1}
    ).assign(n_tokens=m.rows["n_tokens"].to_numpy()[rows])
    keys = ["period"]
    if group_by is not None:
        base[group_by] = group_values(dated, group_by).to_numpy()
        keys.append(group_by)
    sums = pd.concat([base, pd.DataFrame(counts, columns=range(len(items)))], axis=1)
    return _sum_by(sums, keys), int(len(articles) - len(dated))


def _sum_by(sums: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return sums.groupby(keys, observed=True, dropna=False).sum().reset_index()


def combine_sums(parts, *, keys: list[str]) -> tuple[pd.DataFrame, int]:
    """The sums of partitions (of :func:`period_sums`) added per ``keys``; associative."""
    parts = list(parts)
    undated = sum(n for _, n in parts)
    found = [s for s, _ in parts if len(s)] or [parts[0][0]]  # an empty partition adds nothing
    if len(found) == 1:
        return found[0], undated
    return _sum_by(pd.concat(found, ignore_index=True), keys), undated


def _fill_periods(agg: pd.DataFrame, keys: list[str], items: list[str], time_unit: str):
    """Add zero rows for every period between the first and last (per group and term)."""
    if agg.empty:
        return agg
    periods = all_periods(agg["period"].min(), agg["period"].max(), time_unit)
    levels = [periods] + [agg[k].drop_duplicates().tolist() for k in keys[1:]] + [items]
    full = pd.MultiIndex.from_product(levels, names=[*keys, "term"]).to_frame(index=False)
    out = full.merge(agg, on=[*keys, "term"], how="left")
    return out.fillna({"n": 0, "n_docs": 0, "n_tokens": 0})
