"""Sentiment by group, period and actor (kit.sentiment.groups)."""

from __future__ import annotations

import pytest

from kit import sentiment
from kit.errors import ParameterError


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
