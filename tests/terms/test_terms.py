"""Term-frequency measures (kit.terms) against reference implementations and worked examples."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

import kit.terms as T
from kit.errors import ParameterError
from kit.terms.keyness import chi2_table, effect_sizes, g2_table
from kit.text import TOKEN_PATTERN
from tests.helpers import make_articles


def _arts(texts, outlets=None, dates=None, language="en"):
    n = len(texts)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "text": texts,
            "language": language,
            "outlet": outlets or ["X"] * n,
            "published": pd.to_datetime(dates or ["2024-04-14"] * n, utc=True),
        }
    )


# ---------------------------------------------------------------- counts and TF-IDF
def test_count_terms_rates_and_doc_freq():
    arts = _arts(["drones drones hit Iran", "Drones fell", "talks"], outlets=["A", "A", "B"])
    c = T.count_terms(arts, group_by="outlet")
    row = c[(c["outlet"] == "A") & (c["term"] == "drones")].iloc[0]
    assert (row["n"], row["doc_freq"], row["n_docs"], row["n_tokens"]) == (3, 2, 2, 6)
    assert row["per_1k_tokens"] == pytest.approx(3 / 6 * 1_000)
    whole = T.count_terms(arts)
    assert "outlet" not in whole.columns and whole.iloc[0]["term"] == "drones"
    top = T.top_terms(c, n=1, group_by="outlet")
    assert top["term"].tolist() == ["drones", "talks"]


@pytest.mark.parametrize(
    "sublinear,smooth,norm",
    list(itertools.product([False, True], [False, True], ["l2", "l1", None])),
)
def test_tf_idf_equals_sklearn(sublinear, smooth, norm):
    arts = make_articles()
    counts = T.count_terms(arts, group_by="doc_id", stopwords=None)
    ours = T.bind_tf_idf(
        counts, sublinear_tf=sublinear, smooth_idf=smooth, norm=norm, n_documents=len(arts)
    )
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN)
    x = cv.fit_transform(arts["text"])
    ref = TfidfTransformer(norm=norm, smooth_idf=smooth, sublinear_tf=sublinear).fit_transform(x)
    col = {t: i for i, t in enumerate(cv.get_feature_names_out())}
    row = {d: i for i, d in enumerate(arts["doc_id"])}
    expected = [ref[row[d], col[t]] for d, t in zip(ours["doc_id"], ours["term"])]
    np.testing.assert_allclose(ours["tf_idf"], expected, rtol=1e-12)
    assert len(ours) == ref.nnz


def test_tf_idf_wrapper_sorted_and_bad_norm():
    out = T.tf_idf(make_articles())
    assert out.groupby("doc_id")["tf_idf"].apply(lambda s: s.is_monotonic_decreasing).all()
    with pytest.raises(ParameterError, match="norm"):
        T.bind_tf_idf(pd.DataFrame({"doc_id": ["a"], "term": ["x"], "n": [1]}), norm="l3")


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
    arts = _arts(texts, outlets=["A", "A", "B"])
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


# ---------------------------------------------------------------- collocations
@pytest.mark.parametrize("window,stop", [(2, None), (3, None), (2, "en"), (4, "en")])
def test_collocations_match_nltk(window, stop):
    from nltk.collocations import BigramAssocMeasures as M
    from nltk.collocations import BigramCollocationFinder

    from kit.terms.collocations import sentence_tokens
    from kit.text.stopwords import load_stopwords

    arts = make_articles()
    ours = T.collocations(arts, window=window, min_freq=2, stopwords=stop)
    words = []
    for _, g in sentence_tokens(arts).groupby(["doc_id", "sent_id"], sort=False):
        words += g["token"].tolist() + [None] * (window - 1)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    finder.apply_freq_filter(2)
    if stop:
        sw = load_stopwords("en")
        finder.apply_word_filter(lambda w: w in sw)
    got = ours.set_index(["w1", "w2"])
    for col, measure in [
        ("pmi", M.pmi),
        ("likelihood_ratio", M.likelihood_ratio),
        ("t_score", M.student_t),
        ("chi_sq", M.chi_sq),
        ("dice", M.dice),
    ]:
        ref = dict(finder.score_ngrams(measure))
        assert set(ref) == set(got.index)
        for pair, score in ref.items():
            assert got.loc[pair, col] == pytest.approx(score)


def test_collocations_never_cross_sentences_and_node_filter():
    arts = _arts(["We saw air. Support came. Air support helped. Air support."])
    out = T.collocations(arts, min_freq=1, stopwords=None)
    pairs = set(zip(out["w1"], out["w2"]))
    assert ("air", "support") in pairs and ("saw", "air") in pairs
    assert out.set_index(["w1", "w2"]).loc[("air", "support"), "n"] == 2  # not 3
    assert ("came", "air") not in pairs and ("helped", "air") not in pairs
    node = T.collocations(arts, terms=["helped"], min_freq=1, stopwords=None)
    assert set(zip(node["w1"], node["w2"])) == {("support", "helped")}
    with pytest.raises(ParameterError, match="window"):
        T.collocations(arts, window=1)


# ---------------------------------------------------------------- KWIC
def test_kwic_word_phrase_regex_offsets():
    text = "Iran's drones hit. The drones, said Iran, were many. Air  support\nfollowed."
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    k = T.kwic(arts, "drones", window=1)
    assert k["start"].tolist() == [text.index("drones"), text.index("drones", 10)]
    for r in k.itertuples():
        assert text[r.start : r.end] == r.match
    assert k["left"].tolist() == ["'s", "The"] and k["sent_id"].tolist() == [0, 1]
    phrase = T.kwic(arts, "air support")
    assert phrase["match"].tolist() == ["Air  support"]
    assert phrase["sent_id"].tolist() == [2]
    poss = T.kwic(arts, "iran 's")
    assert poss["match"].tolist() == ["Iran's"]
    assert T.kwic(arts, "iran")["match"].tolist() == ["Iran", "Iran"]
    rx = T.kwic(arts, r"dr\w+s|hit", regex=True, window=0)
    assert rx["match"].tolist() == ["drones", "hit", "drones"]
    assert (rx["left"] == "").all()
    assert T.kwic(arts, "drone*")["match"].tolist() == ["drones", "drones"]
    assert T.kwic(arts, "Drones", case_sensitive=True).empty


def test_kwic_has_no_cap_and_validates():
    arts = pd.DataFrame({"doc_id": ["a"], "text": [" ".join(["war"] * 1500)]})
    assert len(T.kwic(arts, "war", window=2)) == 1500
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "(", regex=True)
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "  ")
    with pytest.raises(ParameterError, match="window"):
        T.kwic(arts, "war", window=-1)


def test_kwic_terms_per_term():
    lines = T.kwic_terms(make_articles(), ["zionist regime", "iran"], per_term=2)
    assert lines["term"].tolist() == ["zionist regime"] * 2 + ["iran"] * 2


# ---------------------------------------------------------------- dispersion
def test_dispersion_gries_2008_example():
    # Gries (2008): five parts of 9, 10, 10, 10, 11 words; "a" occurs 1, 2, 3, 4, 5 times.
    # DP = 0.18 (published). Juilland's D by hand on f_i / size_i, population sd.
    sizes, freqs = [9, 10, 10, 10, 11], [1, 2, 3, 4, 5]
    texts = [" ".join(["a"] * f + ["b"] * (s - f)) for s, f in zip(sizes, freqs)]
    d = T.dispersion(_arts(texts), ["a", "b", "zzz"]).set_index("term")
    assert d.loc["a", "dp"] == pytest.approx(0.18)
    assert d.loc["a", "dp_norm"] == pytest.approx(0.18 / (1 - 9 / 50))
    rel = [f / s for f, s in zip(freqs, sizes)]
    mean = sum(rel) / 5
    sd = math.sqrt(sum((v - mean) ** 2 for v in rel) / 5)
    assert d.loc["a", "juilland_d"] == pytest.approx(1 - (sd / mean) / math.sqrt(4))
    assert d.loc["a", "juilland_d"] == pytest.approx(0.785, abs=1e-3)
    assert d.loc["a", ["n", "range", "n_parts"]].tolist() == [15, 5, 5]
    assert np.isnan(d.loc["zzz", "dp"]) and d.loc["zzz", "n"] == 0


def test_dispersion_even_and_concentrated():
    m = T.dispersion_measures([[5, 5, 5, 5], [20, 0, 0, 0]], [100, 100, 100, 100])
    assert m["dp"].tolist() == pytest.approx([0.0, 0.75])
    assert m["juilland_d"].tolist() == pytest.approx([1.0, 0.0])


def test_term_positions_offsets():
    arts = make_articles()
    pos = T.term_positions(arts, ["iran"])
    texts = dict(zip(arts["doc_id"], arts["text"]))
    starts = pos.attrs["doc_starts"]
    for r in pos.itertuples():
        assert texts[r.doc_id][r.start : r.end].lower() == "iran"
        assert r.position == starts[r.doc_index] + r.start
    assert pos["doc_id"].iloc[0] == "seed"  # earliest article first


# ---------------------------------------------------------------- trends
def test_trends_rates_and_zero_periods():
    arts = _arts(
        ["Iran Iran talks", "quiet", "Iran"],
        outlets=["A", "B", "A"],
        dates=["2024-04-14", "2024-04-14", "2024-04-16"],
    )
    tr = T.term_trends(arts, ["iran"], time_unit="day", group_by="outlet")
    a = tr[tr["outlet"] == "A"].set_index(tr[tr["outlet"] == "A"]["period"].dt.day)
    assert a.loc[14, "n"] == 2 and a.loc[14, "per_1k_tokens"] == pytest.approx(2 / 3 * 1_000)
    assert a.loc[15, "n"] == 0 and np.isnan(a.loc[15, "per_1k_tokens"])
    assert a.loc[16, "per_1k_tokens"] == pytest.approx(1_000)
    week = T.term_trends(arts, "iran", time_unit="week")
    assert week["n"].tolist() == [2, 1]  # 14 April 2024 is a Sunday; 16 April the next week
    with pytest.raises(ParameterError, match="time_unit"):
        T.term_trends(arts, "iran", time_unit="decade")
    with pytest.raises(ParameterError, match="group_by"):
        T.term_trends(arts, "iran", group_by="nope")


# ---------------------------------------------------------------- plots
def test_plots_return_figures():
    from matplotlib.figure import Figure

    import kit.plots.terms as P

    arts = make_articles()
    figs = [
        P.plot_top_terms(T.count_terms(arts, group_by="outlet"), group_by="outlet"),
        P.plot_keyness(T.keyness(arts, "outlet == 'MENAFN'")),
        P.plot_dispersion(T.term_positions(arts, ["iran", "said"])),
        P.plot_trends(T.term_trends(arts, ["iran"], group_by="outlet"), group_by="outlet"),
        P.plot_collocations(T.collocations(arts)),
        P.plot_collocations(T.collocations(arts, min_freq=99)),
    ]
    assert all(isinstance(f, Figure) for f in figs)


# ---------------------------------------------------------------- notebook support
def test_compare_groups_default_target_and_one_group_message():
    arts = make_articles()
    res = T.compare_groups(arts, group_by="outlet", min_count=1)
    assert res.ok and res.target_label == "outlet == 'MENAFN'"
    assert res.table.attrs["n_docs_target"] == 1 and res.table.attrs["n_docs_reference"] == 5
    top = T.key_terms(res.table, n=2)
    assert len(top) == 4 and top[-1] in set(
        res.table.loc[res.table["direction"] == "reference", "term"]
    )
    one = T.compare_groups(arts.iloc[:1], group_by="outlet")
    assert not one.ok and "needs two groups" in one.message and T.key_terms(one.table) == []
    gone = T.compare_groups(arts, target="outlet == 'Nobody'")
    assert not gone.ok and "could not be computed" in gone.message
    with pytest.raises(ParameterError, match="group_by"):
        T.compare_groups(arts, group_by="nope")


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"terms": "iran"}, "terms"),
        ({"terms": ["a b c d"]}, "terms"),
        ({"ngram_range": [1, 5]}, "ngram_range"),
        ({"min_count": 0}, "min_count"),
        ({"group_by": "nope"}, "group_by"),
        ({"time_unit": "decade"}, "time_unit"),
        ({"target": 3}, "target"),
    ],
)
def test_check_parameters(kwargs, name):
    with pytest.raises(ParameterError) as err:
        T.check_parameters(make_articles(), **kwargs)
    assert err.value.name == name
    T.check_parameters(make_articles(), terms=["iran"], ngram_range=[1, 2], min_count=2)


def test_trends_follow_the_shared_periods_up_to_a_year():
    arts = make_articles()
    yearly = T.term_trends(arts, ["iran"], time_unit="year")
    assert yearly["period"].tolist() == [pd.Timestamp("2024-01-01", tz="UTC")]
    assert (
        yearly["n"].item() == T.count_terms(arts, stopwords=None).set_index("term").loc["iran", "n"]
    )
