"""Bootstrap confidence intervals for means of sentence scores, plain or clustered by article.

Sentences of one article are not independent (same author, topic, tone), so the default
interval resamples whole articles (a cluster bootstrap): the statistic is the mean over all
sentences of the resampled articles. Both use :func:`scipy.stats.bootstrap` with a seeded
generator, so the same data and seed give the same interval.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.validate import require_columns

SUMMARY_COLUMNS = ["n", "n_clusters", "mean", "ci_low", "ci_high"]


def _ratio(sums, counts, axis=-1):
    return np.sum(sums, axis=axis) / np.sum(counts, axis=axis)


def bootstrap_mean_ci(
    values,
    *,
    clusters=None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
    method: str = "percentile",
) -> tuple[float, float, float]:
    """Return the mean of ``values`` and a bootstrap confidence interval for it.

    Parameters
    ----------
    values : array-like of float
        The scores (NaN values are dropped).
    clusters : array-like, optional
        A cluster label per value (e.g. doc_id); whole clusters are resampled.
    confidence : float
        Confidence level, between 0 and 1.
    n_resamples : int
        Bootstrap resamples.
    seed : int
        Seed of the random generator (same seed, same interval).
    method : {"percentile", "basic", "BCa"}
        Interval method of :func:`scipy.stats.bootstrap`.

    Returns
    -------
    tuple of float
        ``(mean, low, high)``; the interval is NaN with fewer than two values (or clusters).

    Raises
    ------
    ParameterError
        For a confidence outside (0, 1) or an unknown method.

    Examples
    --------
    >>> m, lo, hi = bootstrap_mean_ci([0.1, 0.5, -0.2, 0.4, 0.3], seed=1)
    >>> round(m, 2), lo < m < hi
    (0.22, True)
    """
    if not 0 < confidence < 1:
        raise ParameterError("confidence", confidence, "a number between 0 and 1, e.g. 0.95")
    from scipy import stats  # imported here: scipy.stats takes a second to import

    if method not in ("percentile", "basic", "BCa"):
        raise ParameterError("method", method, '"percentile", "basic" or "BCa"')
    x = np.asarray(values, dtype="float64")
    keep = ~np.isnan(x)
    x = x[keep]
    if x.size == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(x.mean())
    data: tuple[np.ndarray, ...]
    statistic: Callable
    if clusters is None:
        data, statistic = (x,), np.mean
    else:
        labels = pd.Series(np.asarray(clusters)[keep])
        grouped = pd.Series(x).groupby(labels.to_numpy(), sort=True)
        sums, counts = grouped.sum().to_numpy(), grouped.size().to_numpy().astype("float64")
        data, statistic = (sums, counts), _ratio
    n_units = data[0].size  # values, or clusters
    if n_units < 2 or np.all(x == x[0]):
        nan_or_mean = mean if n_units > 1 else float("nan")
        return mean, nan_or_mean, nan_or_mean
    res = stats.bootstrap(
        data,
        statistic,
        paired=clusters is not None,
        confidence_level=confidence,
        n_resamples=n_resamples,
        method=method,
        rng=np.random.default_rng(seed),
        vectorized=True,
    )
    return mean, float(res.confidence_interval.low), float(res.confidence_interval.high)


def grouped_mean_ci(
    table: pd.DataFrame,
    value: str,
    group_by: list[str],
    *,
    cluster: str | None = None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean of ``value`` with a bootstrap interval for every group of ``group_by``.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per observation (e.g. sentence).
    value : str
        Column holding the score.
    group_by : list of str
        Grouping columns.
    cluster : str, optional
        Column whose values are resampled as clusters (e.g. "doc_id").
    confidence, n_resamples, seed
        As in :func:`bootstrap_mean_ci`; each group uses the same seed.

    Returns
    -------
    pandas.DataFrame
        The ``group_by`` columns, then ``n`` (observations), ``n_clusters`` (distinct clusters, or
        ``n``), ``mean``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"g": ["a", "a", "a", "b"], "x": [0.1, 0.3, 0.2, 0.5]})
    >>> grouped_mean_ci(t, "x", ["g"])[["g", "n", "mean"]].values.tolist()
    [['a', 3, 0.2], ['b', 1, 0.5]]
    """
    require_columns(table, [value, *group_by, *([cluster] if cluster else [])], "grouped_mean_ci")
    rows = []
    for key, part in table.groupby(group_by, sort=True, dropna=False, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        clusters = part[cluster].to_numpy() if cluster else None
        mean, low, high = bootstrap_mean_ci(
            part[value].to_numpy(dtype="float64", na_value=np.nan),
            clusters=clusters,
            confidence=confidence,
            n_resamples=n_resamples,
            seed=seed,
        )
        n_clusters = part[cluster].nunique() if cluster else len(part)
        rows.append((*key, len(part), n_clusters, round(mean, 12), low, high))
    out = pd.DataFrame(rows, columns=[*group_by, *SUMMARY_COLUMNS])
    return out.astype(
        {
            "n": "int64",
            "n_clusters": "int64",
            "mean": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
        }
    )
