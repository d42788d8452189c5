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
