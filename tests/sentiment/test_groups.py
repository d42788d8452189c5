"""Sentiment by group, period and actor (kit.sentiment.groups)."""

from __future__ import annotations

import pytest

from kit import sentiment
from kit.errors import ParameterError
from kit.lexicons.actors import find_mentions


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


def _reference_actor_sentences(arts, sents):
    """Mentions placed in sentences by a plain loop, then counted per sentence and actor."""
    per: dict = {}
    spans = list(zip(sents["doc_id"], sents["sent_id"], sents["start"], sents["end"]))
    for m in find_mentions(arts).itertuples(index=False):
        for doc_id, sent_id, start, end in spans:
            if doc_id == m.doc_id and start <= m.start < end:
                row = per.setdefault((doc_id, sent_id, m.actor), [0, [], False])
                row[0] += 1
                row[1] += [] if m.matched in row[1] else [m.matched]
                row[2] = row[2] or m.alias_type == "loaded"
    return sorted(
        (*key, n, "; ".join(aliases), loaded) for key, (n, aliases, loaded) in per.items()
    )


def test_actor_sentences_agree_with_a_plain_loop(scored):
    arts, sents = scored
    rows = sentiment.actor_sentences(arts, sents)
    got = rows[["doc_id", "sent_id", "actor", "n_mentions", "aliases", "loaded"]]
    assert sorted(map(tuple, got.to_numpy().tolist())) == _reference_actor_sentences(arts, sents)
    assert rows["n_mentions"].max() > 1 and rows["aliases"].str.contains("; ").any()


def test_actor_sentences_without_mentions_or_sentences_are_empty(scored):
    arts, sents = scored
    assert sentiment.actor_sentences(arts, sents.iloc[0:0]).empty
    quiet = arts.assign(text="Nothing to see here.")
    out = sentiment.actor_sentences(quiet, sentiment.score_sentences(quiet, progress=False))
    assert out.empty and "aliases" in out.columns
