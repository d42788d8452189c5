"""Bootstrap intervals (kit.sentiment.stats) against a hand-written bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kit.errors import ParameterError
from kit.sentiment.stats import bootstrap_mean_ci, grouped_mean_ci


def test_bootstrap_agrees_with_a_hand_written_cluster_bootstrap():
    rng = np.random.default_rng(42)
    clusters = np.repeat(np.arange(30), rng.integers(1, 8, 30))
    values = rng.normal(0, 0.3, len(clusters)) + rng.normal(0, 0.3, 30)[clusters]
    mean, low, high = bootstrap_mean_ci(values, clusters=clusters, n_resamples=4000, seed=1)
    assert mean == pytest.approx(values.mean())
    # reference: resample cluster ids with replacement, pool their sentences, take the mean
    ids = np.arange(30)
    draws = np.random.default_rng(7).integers(0, 30, (4000, 30))
    sums = np.bincount(clusters, weights=values)
    counts = np.bincount(clusters)
    ref = sums[ids[draws]].sum(1) / counts[ids[draws]].sum(1)
    assert low == pytest.approx(np.quantile(ref, 0.025), abs=0.02)
    assert high == pytest.approx(np.quantile(ref, 0.975), abs=0.02)
    naive = bootstrap_mean_ci(values, n_resamples=4000, seed=1)
    assert (naive[2] - naive[1]) < (high - low)  # clustering widens the interval


def test_bootstrap_edge_cases():
    assert np.isnan(bootstrap_mean_ci([0.4])[1])
    assert bootstrap_mean_ci([0.2, 0.2, 0.2]) == pytest.approx((0.2, 0.2, 0.2))
    assert np.isnan(bootstrap_mean_ci([np.nan])[0])
    with pytest.raises(ParameterError, match="confidence=1.5"):
        bootstrap_mean_ci([1, 2], confidence=1.5)
    t = pd.DataFrame({"g": ["a", "a", "b"], "x": [0.1, 0.3, 0.5]})
    assert grouped_mean_ci(t, "x", ["g"])["n"].tolist() == [2, 1]


@pytest.mark.parametrize("method", ["percentile", "basic", "BCa"])
@pytest.mark.parametrize("clustered", [False, True])
def test_intervals_are_scipys_draw_for_draw(method, clustered):
    from scipy import stats

    rng = np.random.default_rng(5)
    clusters = rng.integers(0, 40, 300)
    values = rng.normal(0, 0.4, 300) + rng.normal(0, 0.3, 40)[clusters]
    labels = clusters if clustered else None
    got = bootstrap_mean_ci(values, clusters=labels, n_resamples=999, seed=3, method=method)
    if clustered:
        sums = np.bincount(clusters, weights=values)
        counts = np.bincount(clusters).astype("float64")
        data, paired = (sums, counts), True

        def statistic(s, c, axis=-1):
            return s.sum(axis=axis) / c.sum(axis=axis)
    else:
        data, paired, statistic = (values,), False, np.mean
    ref = stats.bootstrap(
        data,
        statistic,
        paired=paired,
        n_resamples=999,
        method=method,
        rng=np.random.default_rng(3),
        vectorized=True,
    ).confidence_interval
    assert got[1:] == pytest.approx((ref.low, ref.high), rel=0, abs=1e-12)


def test_grouped_intervals_equal_one_call_per_group():
    rng = np.random.default_rng(9)
    t = pd.DataFrame(
        {
            "g": rng.choice(["a", "b", "c"], 500),
            "h": rng.choice(["x", "y"], 500),
            "doc": rng.integers(0, 60, 500).astype(str),
            "x": rng.normal(size=500),
        }
    )
    t.loc[t.index[::17], "x"] = np.nan
    table = grouped_mean_ci(t, "x", ["g", "h"], cluster="doc", n_resamples=500, seed=2)
    for row in table.itertuples():
        part = t[(t["g"] == row.g) & (t["h"] == row.h)]
        mean, low, high = bootstrap_mean_ci(
            part["x"], clusters=part["doc"], n_resamples=500, seed=2
        )
        assert (row.n, row.n_clusters) == (len(part), part["doc"].nunique())
        assert (row.mean, row.ci_low, row.ci_high) == pytest.approx((mean, low, high), abs=1e-12)
