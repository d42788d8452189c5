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
#: What :func:`cluster_units` keeps of the values of each cluster.
UNIT_COLUMNS = ("rows", "count", "sum", "min", "max")
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
    if clusters is None:
        return _mean_ci(x[~np.isnan(x)], confidence, n_resamples, seed, method)
    table = pd.DataFrame({"group": 0, "cluster": np.asarray(clusters), "x": x})
    units = cluster_units(table, "x", ["group", "cluster"])
    row = units_mean_ci(units, ["group"], "cluster", confidence, n_resamples, seed, method).iloc[0]
    return float(row["mean"]), float(row["ci_low"]), float(row["ci_high"])


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
    if cluster:
        units = cluster_units(table, value, [*group_by, cluster])
        return units_mean_ci(units, group_by, cluster, confidence, n_resamples, seed, method)
    grouped = table.groupby(group_by, sort=True, dropna=False, observed=True)
    sizes = grouped.size()
    codes = grouped.ngroup().to_numpy()
    x = table[value].to_numpy(dtype="float64", na_value=np.nan)
    keep = ~np.isnan(x)
    values = _split(x[keep], codes[keep], len(sizes))
    stats = [_mean_ci(v, confidence, n_resamples, seed, method) for v in values]
    return _summary(sizes.index, group_by, sizes.to_numpy(), sizes.to_numpy(), stats)


def cluster_units(table: pd.DataFrame, value: str, keys: list[str]) -> pd.DataFrame:
    """What a clustered interval needs of ``table``: per combination of ``keys`` (the grouping
    columns, then the cluster column), ``rows``, ``count`` (values that are not missing), and
    the ``sum``, ``min`` and ``max`` of ``value``; sorted by ``keys``.

    Units of disjoint parts of a table are combined by :func:`combine_units`, so a summary of a
    table too large for one process is made partition by partition (:func:`units_mean_ci`).

    Examples
    --------
    >>> t = pd.DataFrame({"g": ["a", "a", "a"], "doc": [1, 1, 2], "x": [0.1, 0.3, None]})
    >>> cluster_units(t, "x", ["g", "doc"])[["doc", "rows", "count", "sum"]].values.tolist()
    [[1.0, 2.0, 2.0, 0.4], [2.0, 1.0, 0.0, 0.0]]
    """
    frame = table[keys].assign(_value=table[value].to_numpy(dtype="float64", na_value=np.nan))
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)["_value"]
    return grouped.agg(rows="size", count="count", sum="sum", min="min", max="max").reset_index()


def combine_units(parts, keys: list[str]) -> pd.DataFrame:
    """The :func:`cluster_units` of the union of the rows of ``parts`` (closed, associative)."""
    units = pd.concat(parts, ignore_index=True) if len(parts) != 1 else parts[0]
    return (
        units.groupby(keys, sort=True, dropna=False, observed=True)
        .agg(
            rows=("rows", "sum"),
            count=("count", "sum"),
            sum=("sum", "sum"),
            min=("min", "min"),
            max=("max", "max"),
        )
        .reset_index()
    )


def units_mean_ci(
    units: pd.DataFrame,
    group_by: list[str],
    cluster: str,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
    method: str = "percentile",
) -> pd.DataFrame:
    """:func:`grouped_mean_ci` from the :func:`cluster_units` of ``group_by`` and ``cluster``.

    The mean is the sum of the values over their number, and the interval resamples the
    (sum, count) of the clusters of each group that have values.
    """
    _check(confidence, method)
    grouped = units.groupby(group_by, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    n_groups = grouped.ngroups
    ends = np.cumsum(np.bincount(codes, minlength=n_groups))[:-1]
    order = np.argsort(codes, kind="stable")  # units in cluster order within each group
    columns = {c: np.split(units[c].to_numpy("float64")[order], ends) for c in UNIT_COLUMNS}
    named = np.split(units[cluster].notna().to_numpy()[order], ends)
    stats = []
    for g in range(n_groups):
        has = columns["count"][g] > 0
        sums, counts = columns["sum"][g][has], columns["count"][g][has]
        if not has.any():
            stats.append((float("nan"),) * 3)
            continue
        mean = float(sums.sum() / counts.sum())
        constant = columns["min"][g][has].min() == columns["max"][g][has].max()
        data = (sums[named[g][has]], counts[named[g][has]])
        stats.append(_interval(mean, data, constant, confidence, n_resamples, seed, method))
    rows = np.array([r.sum() for r in columns["rows"]], dtype="int64")
    n_clusters = np.array([n.sum() for n in named], dtype="int64")
    return _summary(grouped.size().index, group_by, rows, n_clusters, stats)


def _summary(index, group_by, n, n_clusters, stats) -> pd.DataFrame:
    keys = [key if isinstance(key, tuple) else (key,) for key in index]
    out = pd.DataFrame(keys, columns=group_by)  # key types inferred, as pandas infers them
    out["n"] = np.asarray(n).astype("int64")
    out["n_clusters"] = np.asarray(n_clusters).astype("int64")
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


def _mean_ci(x, confidence, n_resamples, seed, method) -> tuple[float, float, float]:
    """Mean of the values ``x`` and its interval from resampling them."""
    if x.size == 0:
        return float("nan"), float("nan"), float("nan")
    constant = bool(np.all(x == x[0]))
    return _interval(float(x.mean()), (x,), constant, confidence, n_resamples, seed, method)


def _interval(mean, data, constant, confidence, n_resamples, seed, method):
    """``(mean, low, high)``, the interval from resampling the units of ``data``: values, or
    the (sums, counts) of clusters. NaN with one unit; the mean when every value is equal."""
    if data[0].size < 2 or constant:
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
