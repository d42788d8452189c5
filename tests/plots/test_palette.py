"""One categorical palette: no two categories of a figure share a colour."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from kit.plots import overview as overview_plots
from kit.plots import palette
from kit.plots import rhetoric as rhetoric_plots
from kit.plots import sentiment as sentiment_plots
from kit.plots import terms as terms_plots


def _bar_colors(ax) -> dict[str, tuple]:
    handles, labels = ax.get_legend_handles_labels()
    return {label: tuple(h.patches[0].get_facecolor()) for h, label in zip(handles, labels)}


def _line_colors(ax) -> dict[str, tuple]:
    return {
        line.get_label(): to_rgb(line.get_color())
        for line in ax.get_lines()
        if line.get_label()[0] != "_"
    }


def test_palette_colours_are_far_apart_and_other_is_none_of_them():
    colours = [to_rgb(c) for c in (*palette.PALETTE, palette.OTHER_COLOR)]
    closest = min(np.linalg.norm(np.subtract(a, b)) for a, b in itertools.combinations(colours, 2))
    assert closest > 0.2
    assert palette.MAX_CATEGORIES >= 18  # the "who is quoted" of the demo corpus


@pytest.mark.parametrize("n", range(1, palette.MAX_CATEGORIES + 1))
def test_up_to_n_categories_never_share_a_colour(n):
    names = [f"category {i}" for i in range(n)] + ["other"]
    colours = palette.category_colors(names)
    assert set(colours) == set(names)
    assert len(set(colours.values())) == n + 1
    assert colours["other"] == palette.OTHER_COLOR


def test_more_categories_than_colours_are_refused_or_summed_as_other():
    with pytest.raises(ValueError, match="top_categories"):
        palette.category_colors(range(palette.MAX_CATEGORIES + 1))
    wide = pd.DataFrame({f"c{i}": [i, 1] for i in range(30)})
    top = palette.top_categories(wide)
    assert len(top.columns) == palette.MAX_CATEGORIES and top.columns[-1] == "other"
    assert top.to_numpy().sum() == wide.to_numpy().sum()
    assert "c29" in top.columns and "c0" not in top.columns  # the largest are kept
    assert palette.top_categories(wide.iloc[:, :3]).equals(wide.iloc[:, :3])


def _who(n_actors: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["A", "B"] * n_actors,
            "actor": [f"actor {i:02d}" for i in range(n_actors) for _ in (0, 1)],
            "n_quotes": [i + 1 for i in range(n_actors) for _ in (0, 1)],
        }
    )


@pytest.mark.parametrize("n_actors", [18, 25])
def test_who_is_quoted_gives_each_affiliation_its_own_colour(n_actors):
    ax = rhetoric_plots.plot_who_is_quoted(_who(n_actors)).axes[0]
    colours = _bar_colors(ax)
    assert len(colours) == min(n_actors, palette.MAX_CATEGORIES)
    assert len(set(colours.values())) == len(colours)
    if n_actors > palette.MAX_CATEGORIES:
        assert list(colours)[-1] == "other"


def test_rates_and_articles_per_period_use_distinct_colours():
    rates = pd.DataFrame(
        {
            "outlet": ["A"] * 12,
            "category": [f"cat {i}" for i in range(12)],
            "per_1k_tokens": np.arange(12.0),
        }
    )
    colours = _bar_colors(rhetoric_plots.plot_rates(rates).axes[0])
    assert len(set(colours.values())) == 12
    per_period = pd.DataFrame(
        {
            "period": ["2024-01-01"] * 12,
            "time_unit": "year",
            "outlet": [f"outlet {i}" for i in range(12)],
            "n_articles": range(1, 13),
        }
    )
    ax = overview_plots.plot_articles_per_period(per_period).axes[0]
    colours = _bar_colors(ax)
    assert len(colours) == overview_plots.MAX_GROUPS
    assert len(set(colours.values())) == len(colours)


def test_lines_of_groups_use_distinct_colours_and_the_largest_groups():
    n = palette.MAX_CATEGORIES + 2
    periods = pd.to_datetime(["2024-01-01", "2024-02-01"], utc=True)
    summary = pd.DataFrame(
        [
            {"outlet": f"o{i:02d}", "period": p, "mean": 0.1, "ci_low": 0.0, "ci_high": 0.2, "n": i}
            for i in range(n)
            for p in periods
        ]
    )
    colours = _line_colors(sentiment_plots.plot_sentiment_over_time(summary).axes[0])
    assert len(colours) == palette.MAX_CATEGORIES and "o00" not in colours
    assert len(set(colours.values())) == len(colours)
    trends = summary.rename(columns={"n": "n_tokens", "mean": "per_1k_tokens"}).assign(term="iran")
    ax = terms_plots.plot_trends(trends, group_by="outlet").axes[0]
    colours = _line_colors(ax)
    assert len(colours) == palette.MAX_CATEGORIES
    assert len(set(colours.values())) == len(colours)
