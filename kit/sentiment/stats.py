"""Bootstrap confidence intervals for means of sentence scores, plain or clustered by article.

Sentences of one article are not independent (same author, topic, tone), so the default
interval resamples whole articles (a cluster bootstrap): the statistic is the mean over all
sentences of the resampled articles. The percentile and basic intervals reproduce
:func:`scipy.stats.bootstrap` draw for draw (same seeded generator, same resample indices, same
quantiles; ``tests/sentiment/test_stats.py`` checks it); they are computed here because a
corpus has thousands of actor x period groups and scipy's per-call overhead, not the
resampling, dominated. BCa intervals are scipy's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.validate import require_columns

SUMMARY_COLUMNS = ["n", "n_clusters", "mean", "ci_low", "ci_high"]
METHODS = ("percentile", "basic", "BCa")
_DRAWS_PER_BATCH = 4_000_000  # resample indices held at once (32 MB), whatever the group size


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
        Interval method, as in :func:`scipy.stats.bootstrap`.

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
    _check(confidence, method)
    x = np.asarray(values, dtype="float64")
    keep = ~np.isnan(x)
    x = x[keep]
    if clusters is None:
        return _mean_ci(x, None, confidence, n_resamples, seed, method)
    (units,) = _cluster_units(np.asarray(clusters)[keep], x, np.zeros(len(x), np.int64), 1)
    return _mean_ci(x, units, confidence, n_resamples, seed, method)


def grouped_mean_ci(
    table: pd.DataFrame,
    value: str,
    group_by: list[str],
    *,
    cluster: str | None = None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
    method: str = "percentile",
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
    confidence, n_resamples, seed, method
        As in :func:`bootstrap_mean_ci`; each group uses the same seed, so a group's interval
        does not depend on the other groups.

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
    _check(confidence, method)
    grouped = table.groupby(group_by, sort=True, dropna=False, observed=True)
    sizes = grouped.size()
    n_clusters = grouped[cluster].nunique() if cluster else sizes
    codes = grouped.ngroup().to_numpy()
    x = table[value].to_numpy(dtype="float64", na_value=np.nan)
    keep = ~np.isnan(x)
    x, codes = x[keep], codes[keep]
    values = _split(x, codes, len(sizes))
    units = (
        _cluster_units(table[cluster].to_numpy()[keep], x, codes, len(sizes))
        if cluster
        else [None] * len(sizes)
    )
    stats = [
        _mean_ci(v, u, confidence, n_resamples, seed, method)
        for v, u in zip(values, units, strict=True)
    ]
    keys = [key if isinstance(key, tuple) else (key,) for key in sizes.index]
    out = pd.DataFrame(keys, columns=group_by)  # key types inferred, as pandas infers them
    out["n"] = sizes.to_numpy().astype("int64")
    out["n_clusters"] = n_clusters.to_numpy().astype("int64")
    out["mean"] = np.round([s[0] for s in stats], 12).astype("float64")
    out["ci_low"] = np.array([s[1] for s in stats], dtype="float64")
    out["ci_high"] = np.array([s[2] for s in stats], dtype="float64")
    return out


def _check(confidence: float, method: str) -> None:
    if not 0 < confidence < 1:
        raise ParameterError("confidence", confidence, "a number between 0 and 1, e.g. 0.95")
    if method not in METHODS:
        raise ParameterError("method", method, '"percentile", "basic" or "BCa"')


def _split(values: np.ndarray, codes: np.ndarray, n_groups: int) -> list[np.ndarray]:
    """``values`` of each group code, in their original order."""
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=n_groups))
    return np.split(values[order], ends[:-1])


def _cluster_units(clusters, x, codes, n_groups: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per group, the sum and the number of values of each cluster, clusters in sorted order."""
    grouped = pd.DataFrame({"group": codes, "cluster": clusters, "x": x}).groupby(
        ["group", "cluster"], sort=True
    )["x"]
    sums, counts = grouped.sum(), grouped.size()
    group_of = sums.index.get_level_values("group").to_numpy()
    ends = np.cumsum(np.bincount(group_of, minlength=n_groups))[:-1]
    return list(
        zip(
            np.split(sums.to_numpy(), ends),
            np.split(counts.to_numpy().astype("float64"), ends),
            strict=True,
        )
    )


def _mean_ci(x, units, confidence, n_resamples, seed, method) -> tuple[float, float, float]:
    """Mean of ``x`` and its interval from resampling ``x`` or the (sums, counts) ``units``."""
    if x.size == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(x.mean())
    data = (x,) if units is None else units
    if data[0].size < 2 or np.all(x == x[0]):
        nan_or_mean = mean if data[0].size > 1 else float("nan")
        return mean, nan_or_mean, nan_or_mean
    if method == "BCa":
        return (mean, *_scipy_interval(data, confidence, n_resamples, seed, method))
    theta = _bootstrap_distribution(data, n_resamples, np.random.default_rng(seed))
    alpha = (1 - confidence) / 2
    low, high = np.quantile(theta, [alpha, 1 - alpha])
    if method == "basic":
        whole = _statistic(*(d[np.newaxis] for d in data))[0]
        low, high = 2 * whole - high, 2 * whole - low
    return mean, float(low), float(high)


def _statistic(*resampled: np.ndarray) -> np.ndarray:
    """Mean of each resample: of the values, or of the sentences of the resampled clusters."""
    if len(resampled) == 1:
        return np.mean(resampled[0], axis=-1)
    sums, counts = resampled
    return np.sum(sums, axis=-1) / np.sum(counts, axis=-1)


def _bootstrap_distribution(data: tuple, n_resamples: int, rng) -> np.ndarray:
    """The statistic over ``n_resamples`` draws with replacement of the units of ``data``.

    The indices are drawn as scipy draws them (one ``integers(0, n, (n_resamples, n))``
    stream), in batches of rows so that memory stays bounded for large groups.
    """
    n = data[0].size
    rows = max(1, _DRAWS_PER_BATCH // n)
    parts = []
    for start in range(0, n_resamples, rows):
        draws = rng.integers(0, n, (min(rows, n_resamples - start), n))
        parts.append(_statistic(*(d[draws] for d in data)))
    return np.concatenate(parts)


def _scipy_interval(data, confidence, n_resamples, seed, method) -> tuple[float, float]:
    from scipy import stats  # imported here: scipy.stats takes a second to import

    res = stats.bootstrap(
        data,
        lambda *d, axis=-1: _statistic(*d),
        paired=len(data) > 1,
        confidence_level=confidence,
        n_resamples=n_resamples,
        method=method,
        rng=np.random.default_rng(seed),
        vectorized=True,
    )
    return float(res.confidence_interval.low), float(res.confidence_interval.high)
