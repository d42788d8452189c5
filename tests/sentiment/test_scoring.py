"""Tests of kit.sentiment (sentence/article/actor sentiment), kit.sentiment.stats and the plots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from kit import sentiment
from kit.errors import ParameterError
from kit.plots import sentiment as plots
from kit.sentiment.stats import bootstrap_mean_ci, grouped_mean_ci
from kit.text import language_counts

DATA = Path(__file__).resolve().parents[1] / "data" / "dictionaries"


@pytest.fixture(scope="module")
def scored():
    from tests.helpers import make_articles

    arts = make_articles()
    return arts, sentiment.score_sentences(arts)


def test_sentence_scores_are_vadersentiment_on_each_sentence(scored):
    arts, sents = scored
    texts = dict(zip(arts["doc_id"], arts["text"]))
    assert len(sents) > 20 and set(sents["doc_id"]) == set(arts["doc_id"])
    analyzer = SentimentIntensityAnalyzer()
    for row in sents.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        ref = analyzer.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (
            ref["neg"],
            ref["neu"],
            ref["pos"],
            ref["compound"],
        )
    assert sents["score"].equals(sents["compound"])


def test_non_english_articles_are_skipped_and_counted(scored):
    arts, _ = scored
    mixed = arts.copy()
    mixed.loc[mixed["doc_id"] == "syn1", "language"] = "fr"
    before = mixed.copy()
    sents = sentiment.score_sentences(mixed)
    pd.testing.assert_frame_equal(mixed, before)
    assert "syn1" not in set(sents["doc_id"])
    report = language_counts(mixed).set_index("language")
    assert report.loc["fr", "n_articles"] == 1 and not report.loc["fr", "lexicons_apply"]
    assert report.loc["en", "n_articles"] == 5 and report.loc["en", "lexicons_apply"]


def test_article_aggregates_by_hand():
    s = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "n_tokens": [10, 5, 5, 4],
            "score": [0.05, -0.05, 0.0, 0.6],
        }
    )
    out = sentiment.aggregate_articles(s).set_index("doc_id")
    assert out.loc["a", "n_sentences"] == 3 and out.loc["a", "n_tokens"] == 20
    assert out.loc["a", "mean_score"] == pytest.approx(0.0)
    assert out.loc["a", "weighted_score"] == pytest.approx((0.5 - 0.25) / 20)
    assert out.loc["a", "share_positive"] == pytest.approx(1 / 3)  # 0.05 counts as positive
    assert out.loc["a", "share_negative"] == pytest.approx(1 / 3)  # -0.05 counts as negative
    assert out.loc["b", "weighted_score"] == pytest.approx(0.6)


def test_document_level_scores_the_whole_text(scored):
    arts, sents = scored
    doc = sentiment.score_articles(arts, level="document").set_index("doc_id")
    ref = SentimentIntensityAnalyzer().polarity_scores(arts.loc[0, "text"])
    assert doc.loc["seed", "compound"] == ref["compound"]
    agg = sentiment.score_articles(arts, sentence_scores=sents)
    assert agg["n_sentences"].sum() == len(sents)
    with pytest.raises(ParameterError, match="level"):
        sentiment.score_articles(arts, level="paragraph")
    with pytest.raises(ParameterError, match="level"):
        sentiment.score_articles(arts, level="document", method=DATA / "tone.tsv")


def test_dictionary_tone_by_hand():
    arts = pd.DataFrame(
        {
            "doc_id": ["a"],
            "language": ["en"],
            "text": [
                "A terrible attack. Leaders welcomed the ceasefire. Not bad, not good. Good, good, bad."
            ],
        }
    )
    out = sentiment.score_sentences(arts, method=str(DATA / "tone.tsv"))
    # positive + neg_negative vs negative + neg_positive, (P - N) / (P + N)
    assert out["score"].tolist() == [-1.0, 1.0, 0.0, pytest.approx(1 / 3)]
    assert out["matches"].tolist()[:3] == [
        "negative: terrible; negative: attack",
        "positive: welcomed",
        "neg_negative: Not bad; neg_positive: not good",
    ]
    with pytest.raises(ParameterError, match="'positive' and 'negative' categories"):
        sentiment.score_sentences(arts, method=str(DATA / "mini.yml"))
    with pytest.raises(ParameterError, match="method='vadr'"):
        sentiment.score_sentences(arts, method="vadr")


def test_files_are_found_relative_to_the_project_root(tmp_path, monkeypatch, scored):
    arts, sents = scored
    monkeypatch.chdir(tmp_path)  # as in a notebook, whose working folder is notebooks/
    out = sentiment.score_sentences(arts.iloc[:1], method="tests/data/dictionaries/tone.tsv")
    assert len(out) == (sents["doc_id"] == "seed").sum()
    rows = sentiment.actor_sentences(arts, sents, actors="kit/lexicons/actors.yml")
    assert len(rows) == len(sentiment.actor_sentences(arts, sents))


def test_actor_sentences_map_mentions_to_their_sentences(scored):
    arts, sents = scored
    rows = sentiment.actor_sentences(arts, sents)
    first = rows[(rows["doc_id"] == "seed") & (rows["sent_id"] == 0)]
    assert set(first["actor"]) == {"Iran", "Israel", "United States"}
    assert first.set_index("actor").loc["Israel", "n_mentions"] == 2  # Israeli, Netanyahu
    syn1 = rows[(rows["doc_id"] == "syn1") & (rows["actor"] == "Israel")]
    assert syn1["loaded"].all() and "Zionist regime" in syn1["aliases"].iloc[0]
    for r in rows.itertuples():
        assert all(alias in r.text for alias in r.aliases.split("; "))
    merged = rows.merge(sents, on=["doc_id", "sent_id"], suffixes=("", "_s"))
    assert (merged["score"] == merged["score_s"]).all()


def test_summaries_by_group_time_and_actor_with_reproducible_intervals(scored):
    arts, sents = scored
    by_day = sentiment.summarize(sents, arts, group_by="outlet", time_unit="day")
    guardian = by_day[by_day["outlet"] == "The Guardian"]
    assert guardian["period"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-04-15",
        "2024-04-16",
        "2024-04-17",
    ]
    assert guardian["n_clusters"].tolist() == [1, 1, 1] and guardian["ci_low"].isna().all()
    by_outlet = sentiment.summarize(sents, arts, group_by="outlet", seed=5)
    assert by_outlet.equals(sentiment.summarize(sents, arts, group_by="outlet", seed=5))
    g = by_outlet.set_index("outlet").loc["The Guardian"]
    assert g["n"] == (sents["doc_id"].isin(["syn3", "syn4", "syn5"])).sum()
    assert g["ci_low"] <= g["mean"] <= g["ci_high"]
    month = sentiment.summarize(sents, arts, group_by="outlet", time_unit="month")
    assert set(month["period"].dt.strftime("%Y-%m-%d")) == {"2024-04-01"}
    actors = sentiment.summarize(
        sentiment.actor_sentences(arts, sents), arts, group_by=["actor", "outlet"]
    )
    assert {"Iran", "Israel", "United States"} <= set(actors["actor"])
    with pytest.raises(ParameterError, match="time_unit='fortnight'"):
        sentiment.summarize(sents, arts, time_unit="fortnight")
    with pytest.raises(ParameterError, match="group_by='newspaper'"):
        sentiment.summarize(sents, arts, group_by="newspaper")


def test_extreme_sentences_per_actor(scored):
    arts, sents = scored
    rows = sentiment.actor_sentences(arts, sents)
    ex = sentiment.extreme_sentences(rows, n=2)
    iran = ex[ex["actor"] == "Iran"]
    pos = iran[iran["direction"] == "positive"]["score"].tolist()
    neg = iran[iran["direction"] == "negative"]["score"].tolist()
    iran_scores = rows.loc[rows["actor"] == "Iran", "score"].sort_values()
    assert pos == iran_scores.iloc[::-1].head(2).tolist() and neg == iran_scores.head(2).tolist()


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


def test_figures(scored):
    arts, sents = scored
    figs = [
        plots.plot_score_distributions(sents, sentiment.aggregate_articles(sents)),
        plots.plot_sentiment_over_time(sentiment.summarize(sents, arts, time_unit="day")),
        plots.plot_actor_heatmap(
            sentiment.summarize(
                sentiment.actor_sentences(arts, sents), arts, group_by=["actor", "outlet"]
            )
        ),
    ]
    assert all(isinstance(f, Figure) for f in figs)
    heat = figs[2].axes[0]
    assert [t.get_text() for t in heat.get_xticklabels()] == [
        "MENAFN",
        "Tehran Times",
        "The Guardian",
    ]
