"""Trends: how often terms are used per period (day to year), per group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.parallel import accepts_dask
from kit.terms.dispersion import _ngram_terms
from kit.terms.matrix import columns_dense, term_columns
from kit.text.dtm import chosen_terms_matrix
from kit.text.periods import all_periods, check_time_unit, group_values, period_start
from kit.text.tokens import RATE_COLUMN, rate
from kit.validate import require_columns


@accepts_dask
def term_trends(
    articles: pd.DataFrame, terms, *, time_unit: str = "day", group_by=None, lower: bool = True
) -> pd.DataFrame:
    """Rates of terms per period (and group), with zero rows for periods without them.

    Parameters
    ----------
    articles : pandas.DataFrame
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
    require_columns(articles, ["doc_id", "text", "published"], "term_trends")
    check_time_unit(time_unit)
    if group_by is not None:
        group_values(articles, group_by)  # a column, or a period of published
    items, _ = _ngram_terms(terms, lower)
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
    per_key = sums.groupby(keys, observed=True, dropna=False).sum().reset_index()
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
    out.attrs["undated"] = int(len(articles) - len(dated))
    return out.sort_values([*keys, "term"], kind="stable").reset_index(drop=True)


def _fill_periods(agg: pd.DataFrame, keys: list[str], items: list[str], time_unit: str):
    """Add zero rows for every period between the first and last (per group and term)."""
    if agg.empty:
        return agg
    periods = all_periods(agg["period"].min(), agg["period"].max(), time_unit)
    levels = [periods] + [agg[k].drop_duplicates().tolist() for k in keys[1:]] + [items]
    full = pd.MultiIndex.from_product(levels, names=[*keys, "term"]).to_frame(index=False)
    out = full.merge(agg, on=[*keys, "term"], how="left")
    return out.fillna({"n": 0, "n_docs": 0, "n_tokens": 0})
