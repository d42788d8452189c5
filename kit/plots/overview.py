"""Figures of the corpus overview; each function takes a table from :mod:`kit.overview`.

Figures are made with ``pyplot.figure`` and closed at once: the figure keeps a proper canvas
(so a notebook displays it as an image) but pyplot does not show it a second time.
"""

from __future__ import annotations

import matplotlib.axes
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kit.parallel import without_texts
from kit.plots.palette import category_colors, top_categories


def _figure(width: float = 7.0, height: float = 3.5) -> tuple[Figure, matplotlib.axes.Axes]:
    fig = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(fig)
    return fig, fig.add_subplot()


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


#: Most groups drawn with their own colour; the others are summed as "other".
MAX_GROUPS = 9
#: Most period labels written under the bars.
MAX_LABELS = 12
#: Label format of a period start, per time unit.
_LABEL_FORMATS = {"year": "%Y", "quarter": "%Y-%m", "month": "%Y-%m"}


def plot_articles_per_period(per_period: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Stacked bars of articles per period, one colour per group.

    The cost is bounded by the number of bars: bars sit at positions ``0 .. n-1``, at most
    :data:`MAX_LABELS` periods are labelled, and groups beyond :data:`MAX_GROUPS` are drawn as
    "other".

    Parameters
    ----------
    per_period : pandas.DataFrame
        :func:`kit.overview.articles_per_period` output (``period, time_unit, [group_by,]
        n_articles``); a table with ``date`` instead of ``period`` is read as days.
    group_by : str
        The group column, when present.

    Examples
    --------
    >>> fig = plot_articles_per_period(pd.DataFrame({"period": ["2024-01-01"],
    ...     "time_unit": ["year"], "n_articles": [2]}))
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_xticklabels()[0].get_text()
    ('year (UTC)', '2024')
    """
    fig, ax = _figure()
    if per_period.empty:
        _empty(ax, "no dated articles")
        return fig
    if "period" not in per_period.columns:
        per_period = per_period.rename(columns={"date": "period"}).assign(time_unit="day")
    unit = str(per_period["time_unit"].iloc[0]) if "time_unit" in per_period else "day"
    if group_by in per_period.columns:
        wide = per_period.pivot_table(
            index="period",
            columns=group_by,
            values="n_articles",
            aggfunc="sum",
            fill_value=0,
            sort=True,
        )
    else:
        wide = per_period.groupby("period", sort=True)[["n_articles"]].sum()
        wide = wide.rename(columns={"n_articles": "all"})
    wide = top_categories(wide, MAX_GROUPS)
    colors = category_colors(wide.columns)
    positions = range(len(wide.index))
    bottom = pd.Series(0, index=wide.index)
    for column in wide.columns:
        ax.bar(
            positions,
            wide[column],
            bottom=bottom,
            width=0.9,
            label=str(column),
            color=colors[column],
        )
        bottom = bottom + wide[column]
    step = max(1, -(-len(wide.index) // MAX_LABELS))
    ticks = list(positions)[::step]
    fmt = _LABEL_FORMATS.get(unit, "%Y-%m-%d")
    labels = pd.to_datetime(wide.index[::step]).strftime(fmt)
    ax.set_xticks(ticks, labels)
    ax.set_xlabel(f"{unit} (UTC)")
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(wide.columns) > 1:
        ax.legend(title=group_by, fontsize="small")
    if len(ticks) > 6:
        ax.tick_params(axis="x", labelrotation=90)
    return fig


def plot_articles_per_day(per_day: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Stacked bars of articles per day: :func:`plot_articles_per_period` of a
    :func:`kit.overview.articles_per_day` table (``date, [group_by,] n_articles``).

    Examples
    --------
    >>> fig = plot_articles_per_day(pd.DataFrame({"date": ["2024-04-14"], "n_articles": [2]}))
    >>> fig.axes[0].get_ylabel()
    'articles'
    """
    return plot_articles_per_period(per_day, group_by=group_by)


def plot_articles_per_outlet(per_outlet: pd.DataFrame) -> Figure:
    """Horizontal bars of articles per outlet (from :func:`kit.overview.articles_per_outlet`).

    Examples
    --------
    >>> fig = plot_articles_per_outlet(pd.DataFrame({"outlet": ["A"], "n_articles": [2]}))
    >>> fig.axes[0].get_xlabel()
    'articles'
    """
    fig, ax = _figure(height=max(2.0, 0.35 * len(per_outlet) + 1))
    if per_outlet.empty:
        _empty(ax, "no articles")
        return fig
    ordered = per_outlet.iloc[::-1]
    ax.barh(ordered["outlet"].astype(str), ordered["n_articles"])
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


@without_texts
def plot_length_distribution(articles: pd.DataFrame, *, bins: int = 20) -> Figure:
    """Histogram of article length in words (``n_words``), with the median marked.

    Examples
    --------
    >>> fig = plot_length_distribution(pd.DataFrame({"n_words": [10, 20, 30]}))
    >>> fig.axes[0].get_xlabel()
    'words per article'
    """
    fig, ax = _figure()
    words = articles["n_words"].astype("float64")
    if words.empty:
        _empty(ax, "no articles")
        return fig
    ax.hist(words, bins=int(min(bins, max(words.nunique(), 1))))
    ax.axvline(words.median(), color="black", linestyle="--", label=f"median {words.median():g}")
    ax.set_xlabel("words per article")
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="small")
    return fig


def plot_duplicates(by_outlet: pd.DataFrame) -> Figure:
    """Stacked bars of originals and duplicate copies per outlet.

    Parameters
    ----------
    by_outlet : pandas.DataFrame
        :func:`kit.overview.duplicates_by_outlet` output.

    Examples
    --------
    >>> fig = plot_duplicates(pd.DataFrame({"outlet": ["A"], "n_articles": [3],
    ...                                     "n_duplicates": [1]}))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['originals', 'duplicate copies']
    """
    fig, ax = _figure(height=max(2.0, 0.35 * len(by_outlet) + 1))
    if by_outlet.empty:
        _empty(ax, "no articles")
        return fig
    ordered = by_outlet.iloc[::-1]
    names = ordered["outlet"].astype(str)
    originals = ordered["n_articles"] - ordered["n_duplicates"]
    ax.barh(names, originals, label="originals")
    ax.barh(names, ordered["n_duplicates"], left=originals, label="duplicate copies")
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="small")
    if int(by_outlet["n_duplicates"].sum()) == 0:
        ax.set_title("no duplicate copies in this selection", fontsize="medium")
    return fig


def plot_languages(languages: pd.DataFrame) -> Figure:
    """Bars of articles per language (from :func:`kit.overview.language_counts`); languages
    that kit's lexicons do not score are hatched.

    Examples
    --------
    >>> fig = plot_languages(pd.DataFrame({"language": ["en"], "n_articles": [2],
    ...                                    "lexicons_apply": [True]}))
    >>> fig.axes[0].get_ylabel()
    'articles'
    """
    fig, ax = _figure(width=max(4.5, 0.6 * len(languages) + 2))
    if languages.empty:
        _empty(ax, "no articles")
        return fig
    bars = ax.bar(languages["language"].astype(str), languages["n_articles"])
    for bar, applies in zip(bars, languages["lexicons_apply"]):
        if not applies:
            bar.set_hatch("//")
    ax.set_xlabel("language")
    if not languages["lexicons_apply"].all():
        ax.set_title("hatched: not scored by kit's English lexicons", fontsize="small")
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig
