"""The one categorical palette of kit's figures: a distinct colour per category.

Every categorical figure (stacked bars, grouped bars, one line per group) takes its colours
from :func:`category_colors`; when a figure has more categories than :data:`PALETTE` has
colours, :func:`top_categories` keeps the largest ones and sums the rest as "other", drawn in
grey (a colour no category gets). :func:`group_legend` names the categories of a figure once,
beside its panels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend

#: Distinct colours, in the order categories get them: matplotlib's ``tab10`` without its grey
#: (kept for "other"), then colours of Kelly's set of maximum contrast far from those nine.
PALETTE: tuple[str, ...] = (
    "#1f77b4",  # blue
    "#ff7f0e",  # orange
    "#2ca02c",  # green
    "#d62728",  # red
    "#9467bd",  # purple
    "#8c564b",  # brown
    "#e377c2",  # pink
    "#bcbd22",  # olive
    "#17becf",  # cyan
    "#f3c300",  # yellow
    "#000080",  # navy
    "#8db600",  # yellowish green
    "#882d17",  # reddish brown
    "#a1caf1",  # light blue
    "#2b3d26",  # dark olive green
    "#f99379",  # yellowish pink
    "#604e97",  # violet
    "#c2b280",  # buff
)
#: Most categories a figure draws with their own colour.
MAX_CATEGORIES = len(PALETTE)
#: The category holding every category beyond the largest ones, and its colour.
OTHER = "other"
#: Most rows of a heatmap of actors: beyond them, the actors resting on the most data are drawn.
MAX_HEATMAP_ROWS = 40
OTHER_COLOR = "#7f7f7f"


def top_categories(wide: pd.DataFrame, n: int = MAX_CATEGORIES) -> pd.DataFrame:
    """Keep the ``n`` largest columns of ``wide`` (by their sum), the rest summed as "other".

    A table with at most ``n`` columns is returned unchanged; otherwise the ``n - 1`` largest
    columns are kept, in their order, and :data:`OTHER` is the last one.

    Examples
    --------
    >>> wide = pd.DataFrame({"a": [5], "b": [1], "c": [3], "d": [1]})
    >>> top_categories(wide, 3).to_dict("list")
    {'a': [5], 'c': [3], 'other': [2]}
    """
    n = min(n, MAX_CATEGORIES)
    if len(wide.columns) <= n:
        return wide
    order = wide.sum().sort_values(ascending=False, kind="stable").index
    kept = [c for c in wide.columns if c in set(order[: n - 1])]
    rest = [c for c in wide.columns if c not in kept]
    return wide[kept].assign(**{OTHER: wide[rest].sum(axis=1)})


def category_colors(categories: Iterable) -> dict:
    """A colour for each category, all different: :data:`PALETTE` in order, grey for
    :data:`OTHER`.

    Raises
    ------
    ValueError
        When there are more categories than colours (use :func:`top_categories` first).

    Examples
    --------
    >>> category_colors(["Israel", "Iran", "other"])
    {'Israel': '#1f77b4', 'Iran': '#ff7f0e', 'other': '#7f7f7f'}
    """
    named = list(dict.fromkeys(categories))
    own = [c for c in named if c != OTHER]
    if len(own) > MAX_CATEGORIES:
        raise ValueError(
            f"{len(own)} categories but {MAX_CATEGORIES} colours: keep the largest with "
            "kit.plots.palette.top_categories"
        )
    colors = dict(zip(own, PALETTE, strict=False))
    return {c: OTHER_COLOR if c == OTHER else colors[c] for c in named}


def largest(sizes: pd.Series, n: int = MAX_CATEGORIES) -> list:
    """The ``n`` categories of largest size (for figures that cannot sum the others, such as
    one line per group), in the order of ``sizes``' index.

    Examples
    --------
    >>> largest(pd.Series({"a": 1, "b": 9, "c": 5}), 2)
    ['b', 'c']
    """
    n = min(n, MAX_CATEGORIES)
    top = set(sizes.sort_values(ascending=False, kind="stable").index[:n])
    return [c for c in sizes.index if c in top]


def group_legend(
    fig: Figure, ax, *, title: str | None = None, fontsize: str | float = "small"
) -> Legend | None:
    """One legend for the whole figure, right of its panels, of the labelled lines of ``ax``
    (every panel gives a group the same colour); in as many columns as the figure's height
    needs, so that a long list of groups never squeezes the panels (a legend inside a panel
    shrinks it under constrained layout). None when ``ax`` has no labelled line.

    Examples
    --------
    >>> fig = Figure(figsize=(4, 1), layout="constrained")
    >>> ax = fig.subplots()
    >>> for i in range(12):
    ...     _ = ax.plot([0, 1], [i, i], label=f"group {i}")
    >>> len(group_legend(fig, ax, title="group").get_texts())
    12
    """
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    row_inches = 2.0 * FontProperties(size=fontsize).get_size_in_points() / 72
    per_column = max(1, int((fig.get_figheight() - 2 * row_inches) / row_inches))
    return fig.legend(
        handles,
        labels,
        loc="outside right upper",
        ncols=math.ceil(len(handles) / per_column),
        fontsize=fontsize,
        title=title,
        frameon=False,
    )
