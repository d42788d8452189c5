"""Figures of the term-frequency analysis; each function returns a matplotlib Figure.

Figures are made with ``pyplot.figure`` and closed at once, so a notebook displays the returned
figure as an image exactly once.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kit.plots.palette import category_colors, group_legend, largest


def _figure(width: float, height: float) -> Figure:
    fig = plt.figure(figsize=(width, height), layout="constrained")
    plt.close(fig)
    return fig


def _message(text: str) -> Figure:
    fig = _figure(6, 1.5)
    ax = fig.subplots()
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True)
    return fig


#: Most panels (groups) of :func:`plot_top_terms`.
MAX_PANELS = 12
#: Most articles whose boundaries :func:`plot_dispersion` draws.
MAX_BOUNDARIES = 300


def plot_top_terms(
    counts: pd.DataFrame, *, group_by: str | None = None, n: int = 10, value: str = "per_1k_tokens"
) -> Figure:
    """Horizontal bars of the top ``n`` terms, one panel per value of ``group_by``.

    ``counts`` is a :func:`kit.terms.count_terms` table. At most :data:`MAX_PANELS` groups are
    drawn, those with the most tokens (in their order), so the figure's size does not follow
    the number of groups (e.g. days); the title says how many are shown.
    """
    if counts.empty:
        return _message("No terms to show.")
    groups = [None] if group_by is None else list(pd.unique(counts[group_by]))
    shown = groups
    if len(groups) > MAX_PANELS:
        tokens = counts.groupby(group_by, sort=False, observed=True)["n_tokens"].first()
        largest = set(tokens.nlargest(MAX_PANELS).index)
        shown = [g for g in groups if g in largest]
    cols = min(3, len(shown))
    rows = math.ceil(len(shown) / cols)
    fig = _figure(4.2 * cols, 0.32 * n * rows + 1.2)
    if len(shown) < len(groups):
        fig.suptitle(
            f"the {len(shown)} of {len(groups)} groups with the most tokens "
            "(the table has every group)",
            fontsize=10,
        )
    groups = shown
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, g in zip(axes, groups):
        part = counts if g is None else counts[counts[group_by] == g]
        part = part.sort_values([value, "term"], ascending=[False, True]).head(n)[::-1]
        ax.barh(part["term"].astype(str), part[value], color="#4c72b0")
        ax.set_title("all articles" if g is None else str(g), fontsize=10)
        ax.set_xlabel(value.replace("_", " "))
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[len(groups) :]:
        ax.axis("off")
    return fig


def plot_keyness(
    key: pd.DataFrame,
    *,
    n: int = 15,
    value: str = "g2",
    target_label: str = "target",
    reference_label: str = "reference",
) -> Figure:
    """Two-sided bars: the top ``n`` key terms of the target (right) and the reference (left).

    ``key`` is a :func:`kit.terms.keyness` table; bar length is ``value`` (signed by
    direction), stars mark p < 0.05 for the log-likelihood.
    """
    if key.empty:
        return _message("No terms to compare.")
    tgt = key[key["direction"] == "target"].nlargest(n, value)
    ref = key[key["direction"] == "reference"].nlargest(n, value)
    both = pd.concat([ref.assign(_s=-ref[value]), tgt.assign(_s=tgt[value])])
    both = both.sort_values("_s")
    fig = _figure(7, 0.28 * len(both) + 1.5)
    ax = fig.subplots()
    colors = np.where(both["_s"] > 0, "#c44e52", "#4c72b0")
    labels = [f"{t}{' *' if p < 0.05 else ''}" for t, p in zip(both["term"], both["p_g2"])]
    ax.barh(range(len(both)), both["_s"], color=colors)
    ax.set_yticks(range(len(both)), labels, fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"{value} (left: key in {reference_label}; right: key in {target_label})")
    ax.set_title(f"Keyness: {target_label} vs {reference_label}  (* p < 0.05)", fontsize=10)
    return fig


def plot_dispersion(positions: pd.DataFrame) -> Figure:
    """Lexical dispersion plot: one row per term, a tick where it occurs along the corpus.

    ``positions`` is a :func:`kit.terms.term_positions` table; faint lines mark article
    boundaries when there are at most :data:`MAX_BOUNDARIES` articles (more would only grey
    the axis), drawn as one collection.
    """
    terms = positions.attrs.get("terms") or list(pd.unique(positions["term"]))
    fig = _figure(9, 0.45 * len(terms) + 1.3)
    ax = fig.subplots()
    total = max(positions.attrs.get("total_chars", 0), 1)
    starts = list(positions.attrs.get("doc_starts", []))[1:]
    if starts and len(starts) < MAX_BOUNDARIES:
        ax.vlines(starts, 0, 1, transform=ax.get_xaxis_transform(), color="0.85", linewidth=0.6)
    for i, t in enumerate(terms):
        x = positions.loc[positions["term"] == t, "position"]
        ax.plot(x, np.full(len(x), i), "|", markersize=14, color="#4c72b0")
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.3, -0.7)  # first term on top
    ax.set_xlim(0, total)
    ax.set_xlabel("position in the corpus (characters; articles in date order)")
    ax.set_title("Lexical dispersion", fontsize=10)
    return fig


def plot_trends(trends: pd.DataFrame, *, group_by: str | None = None) -> Figure:
    """Rates per 1,000 tokens over time: one line per term (and group), one panel per term.

    ``trends`` is a :func:`kit.terms.term_trends` table. Each group keeps one colour of
    :mod:`kit.plots.palette` in every panel, named once in a legend beside the panels; beyond
    its number of colours, the groups with the most tokens are drawn.
    """
    if trends.empty:
        return _message("No dated articles: no trends to show.")
    colors = {}
    if group_by is not None:
        sizes = trends.groupby(group_by, sort=True)["n_tokens"].sum()
        colors = category_colors(largest(sizes))
    terms = list(pd.unique(trends["term"]))
    fig = _figure(8, 2.2 * len(terms) + 0.8)
    axes = fig.subplots(len(terms), 1, sharex=True, squeeze=False).ravel()
    for ax, t in zip(axes, terms):
        part = trends[trends["term"] == t]
        lines = [(None, part)] if group_by is None else list(part.groupby(group_by, sort=True))
        for g, sub in lines:
            if g is not None and g not in colors:
                continue
            ax.plot(
                sub["period"].dt.tz_localize(None),
                sub["per_1k_tokens"],
                marker="o",
                markersize=3,
                label=None if g is None else str(g),
                color=None if g is None else colors[g],
            )
        ax.set_title(t, fontsize=10)
        ax.set_ylabel("per 1,000 tokens")
    if group_by is not None:
        group_legend(fig, axes[0], title=group_by)
    fig.autofmt_xdate()
    return fig


def plot_collocations(
    colls: pd.DataFrame, *, n: int = 15, value: str = "likelihood_ratio"
) -> Figure:
    """Horizontal bars of the top ``n`` collocations of a :func:`kit.terms.collocations` table."""
    if colls.empty:
        return _message("No collocations at this minimum frequency.")
    top = colls.nlargest(n, value)[::-1]
    fig = _figure(6, 0.3 * len(top) + 1.2)
    ax = fig.subplots()
    ax.barh([f"{a} {b}" for a, b in zip(top["w1"], top["w2"])], top[value], color="#55a868")
    ax.set_xlabel(value.replace("_", " "))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title("Collocations", fontsize=10)
    return fig
