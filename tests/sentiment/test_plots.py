"""Figures of the sentiment analysis (kit.plots.sentiment)."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit import sentiment
from kit.plots import sentiment as plots


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
