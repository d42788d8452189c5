"""Figures with one line per group name the groups once, beside their panels, so that many
groups never squeeze the panels to nothing (constrained layout)."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from kit.plots import palette
from kit.plots import sentiment as sentiment_plots
from kit.plots import terms as terms_plots


def _periods(n_groups: int, group_by: str) -> pd.DataFrame:
    """One point per year for each of ``n_groups`` groups (as with ``group_by=year``)."""
    years = pd.date_range("2004-01-01", periods=n_groups, freq="YS", tz="UTC")
    return pd.DataFrame(
        {
            group_by: [f"{y:%Y}-01-01" for y in years],
            "period": years,
            "mean": 0.1,
            "ci_low": 0.0,
            "ci_high": 0.2,
            "n": 10,
        }
    )


def _trends(n_groups: int) -> pd.DataFrame:
    rows = _periods(n_groups, "year").rename(columns={"n": "n_tokens", "mean": "per_1k_tokens"})
    terms = ["iran", "israel", "zionist regime", "escalation"]
    return pd.concat([rows.assign(term=t) for t in terms], ignore_index=True)


def _saved_without_collapse(fig) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "constrained_layout not applied ... collapsed to zero"
        for form in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=form, dpi=150, bbox_inches="tight")


def _panels_keep_their_height(fig, least: float) -> None:
    heights = [ax.get_position().height * fig.get_figheight() for ax in fig.axes]
    assert min(heights) > least, f"panels squeezed to {min(heights):.2f} inches"


@pytest.mark.parametrize("n_groups", [3, palette.MAX_CATEGORIES + 2])
def test_trends_of_many_groups_have_one_legend_beside_the_panels(n_groups):
    fig = terms_plots.plot_trends(_trends(n_groups), group_by="year")
    _saved_without_collapse(fig)
    _panels_keep_their_height(fig, least=1.2)
    assert len(fig.legends) == 1 and not any(ax.get_legend() for ax in fig.axes)
    shown = [t.get_text() for t in fig.legends[0].get_texts()]
    assert len(shown) == min(n_groups, palette.MAX_CATEGORIES)


@pytest.mark.parametrize("n_groups", [3, palette.MAX_CATEGORIES + 2])
def test_sentiment_over_time_of_many_groups_keeps_its_axes(n_groups):
    fig = sentiment_plots.plot_sentiment_over_time(_periods(n_groups, "actor"), group_by="actor")
    _saved_without_collapse(fig)
    _panels_keep_their_height(fig, least=2.5)
    assert len(fig.legends) == 1
    assert fig.legends[0].get_title().get_text() == "actor"


def test_a_figure_without_groups_has_no_legend():
    fig = sentiment_plots.plot_sentiment_over_time(_periods(3, "actor").head(0), group_by="actor")
    assert palette.group_legend(fig, fig.axes[0]) is None and not fig.legends


def test_actor_heatmaps_draw_the_actors_resting_on_most_data():
    import pandas as pd

    from kit.plots.palette import MAX_HEATMAP_ROWS
    from kit.plots.rhetoric import plot_naming
    from kit.plots.sentiment import plot_actor_heatmap

    actors = [f"Actor {i:03d}" for i in range(MAX_HEATMAP_ROWS + 15)]
    summary = pd.DataFrame(
        {"actor": actors, "outlet": "X", "mean": 0.1, "n": range(1, len(actors) + 1)}
    )
    fig = plot_actor_heatmap(summary)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == actors[-MAX_HEATMAP_ROWS:]  # the most sentences, in their order
    assert f"the {MAX_HEATMAP_ROWS} of {len(actors)} actors" in fig.axes[0].get_title()
    naming = summary.rename(columns={"n": "n_mentions"}).assign(loaded_share=0.5)
    labels = [t.get_text() for t in plot_naming(naming).axes[0].get_yticklabels()]
    assert sorted(labels) == actors[-MAX_HEATMAP_ROWS:]
