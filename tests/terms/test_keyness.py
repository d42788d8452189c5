"""Keyness statistics (kit.terms.keyness) against SciPy and worked examples."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

import kit.terms as T
from kit.errors import ParameterError
from kit.terms.keyness import chi2_table, effect_sizes, g2_table
from tests.helpers import articles_from, make_articles

# ---------------------------------------------------------------- keyness
TABLES = [
    (10, 20, 30, 40),
    (3, 0, 327, 116),
    (1, 5, 329, 111),
    (50, 7, 9950, 19993),
    (0, 4, 1000, 996),
    (2, 2, 2, 2),
]


@pytest.mark.parametrize("a,b,c,d", TABLES)
def test_2x2_statistics_match_scipy_and_hand(a, b, c, d):
    table = np.array([[a, b], [c, d]], dtype=float)
    g2, _q, e_a, e_b = g2_table(a, b, c, d)
    expected = stats.contingency.expected_freq(table)
    assert (e_a, e_b) == pytest.approx((expected[0, 0], expected[0, 1]))
    obs, exp = table.ravel(), expected.ravel()
    g2_scipy = stats.power_divergence(obs, exp, lambda_="log-likelihood").statistic
    g2_hand = 2 * sum(o * math.log(o / e) for o, e in zip(obs, exp) if o > 0)
    assert g2 == pytest.approx(g2_scipy) and g2 == pytest.approx(g2_hand)
    for yates in (False, True):
        ref = stats.chi2_contingency(table, correction=yates)[0]
        assert chi2_table(a, b, c, d, yates=yates) == pytest.approx(ref)
    hand_chi2 = sum((o - e) ** 2 / e for o, e in zip(obs, exp))
    assert chi2_table(a, b, c, d, yates=False) == pytest.approx(hand_chi2)


def test_williams_correction_worked_example():
    # Williams (1976) for a 2x2 table: q = 1 + (N/R1 + N/R2 - 1)(N/C1 + N/C2 - 1) / (6N).
    # Table [[10, 20], [30, 40]]: N = 100, rows 30/70, columns 40/60.
    q_hand = (
        1
        + (Fraction(100, 30) + Fraction(100, 70) - 1)
        * (Fraction(100, 40) + Fraction(100, 60) - 1)
        / 600
    )
    assert float(q_hand) == pytest.approx(1.0198544973544974)
    g2, q, _, _ = g2_table(10, 20, 30, 40)
    assert q == pytest.approx(float(q_hand))
    g2_scipy = stats.chi2_contingency(
        [[10, 20], [30, 40]], correction=False, lambda_="log-likelihood"
    )[0]
    assert g2 / q == pytest.approx(g2_scipy / float(q_hand))
    # by hand: E = [[12, 18], [28, 42]]; G2 = 2 * (10 ln 10/12 + 20 ln 20/18 + 30 ln 30/28
    # + 40 ln 40/42) = 0.8044; corrected 0.8044 / 1.0199 = 0.7887
    assert g2 == pytest.approx(0.8044, abs=1e-4)
    assert g2 / q == pytest.approx(0.7887, abs=1e-4)


def test_log_ratio_and_pct_diff_by_hand():
    lr, pct = effect_sizes([4, 0, 3], [2, 5, 0], 1000, 2000)
    # Hardie: log2((4/1000)/(2/2000)) = log2(4) = 2; a zero count becomes 0.5
    assert lr == pytest.approx(
        [2.0, math.log2((0.5 / 1000) / (5 / 2000)), math.log2((3 / 1000) / (0.5 / 2000))]
    )
    # Gabrielatos & Marchi: 100 * (NF_target - NF_ref) / NF_ref, per 1,000 tokens
    assert pct[0] == pytest.approx(100 * (4 - 1) / 1) and pct[1] == pytest.approx(-100)
    assert pct[2] == pytest.approx(100 * 3 / 1e-18)


def test_keyness_table_against_scipy():
    texts = ["war war war peace drones", "war peace", "peace peace talks talks drones"]
    arts = articles_from(texts, outlets=["A", "A", "B"])
    k = T.keyness(arts, "outlet == 'A'", min_count=1).set_index("term")
    t1, t2 = 7, 5
    for term in k.index:
        a, b = int(k.loc[term, "n_target"]), int(k.loc[term, "n_reference"])
        table = np.array([[a, b], [t1 - a, t2 - b]])
        g2_ref = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert k.loc[term, "g2"] == pytest.approx(g2_ref)
        assert k.loc[term, "p_g2"] == pytest.approx(stats.chi2.sf(g2_ref, 1))
        for col, yates in (("chi2", False), ("chi2_yates", True)):
            assert k.loc[term, col] == pytest.approx(
                stats.chi2_contingency(table, correction=yates)[0]
            )
    assert k.loc["war", ["n_target", "n_reference", "doc_freq_target"]].tolist() == [4, 0, 2]
    assert k.loc["war", "per_1k_tokens_target"] == pytest.approx(4 / 7 * 1_000)
    assert k.loc["war", "direction"] == "target" and k.loc["talks", "direction"] == "reference"
    assert k.loc["war", "expected_target"] == pytest.approx(4 * 7 / 12)
    ordered = T.keyness(arts, "outlet == 'A'")["term"].tolist()
    assert ordered[0] == "war" and ordered[-1] == "talks"


def test_keyness_mask_reference_and_errors():
    arts = make_articles()
    tm = (arts["outlet"] == "The Guardian").to_numpy()
    k1 = T.keyness(arts, tm, reference="outlet == 'Tehran Times'")
    assert k1.attrs["n_docs_target"] == 3 and k1.attrs["n_docs_reference"] == 2
    with pytest.raises(ParameterError, match="two groups"):
        T.keyness(arts.iloc[:1], "outlet == 'MENAFN'")
    with pytest.raises(ParameterError, match="target"):
        T.keyness(arts, "outlet == 'Nobody'")
    with pytest.raises(ParameterError, match="target"):
        T.keyness(arts, "outlet ==")
    with pytest.raises(ParameterError, match="shares no article"):
        T.keyness(arts, tm, reference=tm)
    with pytest.raises(ParameterError, match="boolean mask"):
        T.keyness(arts, [1, 0])
