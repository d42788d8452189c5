"""Figures of the sentiment analysis; each function returns a matplotlib Figure."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kit.parallel import gather
from kit.plots.palette import MAX_HEATMAP_ROWS, category_colors, group_legend, largest


def plot_score_distributions(
    sentence_scores: pd.DataFrame, article_scores: pd.DataFrame, *, label: str = "VADER compound"
) -> Figure:
    """Histograms of sentence scores and of article means (plain and length-weighted).

    Parameters
    ----------
    sentence_scores : pandas.DataFrame or dask.dataframe.DataFrame
        From :func:`kit.sentiment.score_sentences` (``score``).
    article_scores : pandas.DataFrame
        From :func:`kit.sentiment.aggregate_articles` (``mean_score``, ``weighted_score``).
    label : str
        Name of the score, for the axis.
    """
    fig = Figure(figsize=(10, 3.8), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    bins = np.linspace(-1, 1, 41)
    scores = gather(sentence_scores["score"])  # of a Dask table, only the scores come here
    ax1.hist(scores.dropna(), bins=bins, color="#4c72b0")
    ax1.set(title=f"Sentences (n = {len(scores):,})", xlabel=label, ylabel="sentences")
    ax2.hist(
        [article_scores["mean_score"].dropna(), article_scores["weighted_score"].dropna()],
        bins=bins,
        label=["mean of sentences", "length-weighted mean"],
        color=["#4c72b0", "#dd8452"],
    )
    ax2.set(title=f"Articles (n = {len(article_scores):,})", xlabel=label, ylabel="articles")
    ax2.legend(frameon=False, fontsize="small")
    for ax in (ax1, ax2):
        ax.axvline(0, color="grey", lw=0.8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def plot_sentiment_over_time(
    summary: pd.DataFrame, *, group_by: str = "outlet", label: str = "mean sentence score"
) -> Figure:
    """Mean score per period for each group, with its confidence interval as a band.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`kit.sentiment.summarize` with a time unit: ``group_by``, ``period``,
        ``mean``, ``ci_low``, ``ci_high``, ``n``.
    group_by : str
        The grouping column (one line per value, each its own colour from
        :mod:`kit.plots.palette`, named in a legend beside the axes; beyond its number of
        colours, the groups with the most sentences are drawn).
    """
    fig = Figure(figsize=(9, 4.2), layout="constrained")
    ax = fig.subplots()
    sizes = summary.groupby(group_by, sort=True)["n"].sum()
    colors = category_colors(largest(sizes))
    for name, part in summary.sort_values("period").groupby(group_by, sort=True):
        if name not in colors:
            continue
        ax.plot(part["period"], part["mean"], marker="o", label=f"{name}", color=colors[name])
        ax.fill_between(
            part["period"],
            part["ci_low"],
            part["ci_high"],
            alpha=0.2,
            color=colors[name],
            linewidth=0,
        )
    ax.axhline(0, color="grey", lw=0.8)
    ax.set(
        xlabel="period",
        ylabel=label,
        title="Sentiment over time (bands: bootstrap interval, articles resampled)",
    )
    group_legend(fig, ax, title=group_by)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig


def plot_actor_heatmap(
    summary: pd.DataFrame,
    *,
    row: str = "actor",
    col: str = "outlet",
    label: str = "mean sentence score",
) -> Figure:
    """Actor x group heatmap of mean sentiment, each cell annotated with mean and n.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`kit.sentiment.summarize` with ``by=(row, col)``: ``mean``, ``n``.
    """
    means = summary.pivot_table(
        index=row, columns=col, values="mean", aggfunc="first", observed=True
    )
    counts = summary.pivot_table(index=row, columns=col, values="n", aggfunc="first", observed=True)
    n_rows = len(means)
    if n_rows > MAX_HEATMAP_ROWS:  # the rows resting on the most sentences, in their order
        keep = counts.sum(axis=1).nlargest(MAX_HEATMAP_ROWS).index
        means, counts = means.loc[means.index.isin(keep)], counts.loc[counts.index.isin(keep)]
    fig = Figure(
        figsize=(1.6 + 1.3 * max(len(means.columns), 1), 1.2 + 0.45 * max(len(means.index), 1)),
        layout="constrained",
    )
    ax = fig.subplots()
    if means.size == 0:
        ax.text(
            0.5,
            0.5,
            f"no {row} mentioned in the scored sentences",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return fig
    limit = max(float(np.nanmax(np.abs(means.to_numpy()))), 0.05)
    image = ax.imshow(
        means.to_numpy(dtype="float64"), cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto"
    )
    ax.set_xticks(
        range(len(means.columns)), [str(c) for c in means.columns], rotation=30, ha="right"
    )
    ax.set_yticks(range(len(means.index)), [str(i) for i in means.index])
    for i in range(means.shape[0]):
        for j in range(means.shape[1]):
            value = means.iat[i, j]
            if pd.notna(value):
                ax.text(
                    j,
                    i,
                    f"{value:+.2f}\nn={int(counts.iat[i, j])}",
                    ha="center",
                    va="center",
                    fontsize="x-small",
                )
    fig.colorbar(image, ax=ax, label=label)
    title = f"Sentiment of sentences mentioning each {row}, by {col}"
    if len(means) < n_rows:
        title += f"\n(the {len(means)} of {n_rows} {row}s in most sentences; the table has all)"
    ax.set_title(title)
    return fig
