"""Figures of the rhetoric analysis; each function takes a kit.rhetoric table, returns a Figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kit.plots.palette import MAX_HEATMAP_ROWS, category_colors, top_categories


def _empty(title: str, message: str = "nothing to show for this selection") -> Figure:
    fig = Figure(figsize=(6, 2))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", color="0.4")
    return fig


def _stacked(wide: pd.DataFrame, *, title: str, xlabel: str) -> Figure:
    fig = Figure(figsize=(8, 0.6 * len(wide) + 1.8))
    ax = fig.add_subplot()
    left = np.zeros(len(wide))
    wide = top_categories(wide)
    colors = category_colors(wide.columns)
    for col in wide.columns:
        ax.barh(wide.index.astype(str), wide[col], left=left, label=str(col), color=colors[col])
        left += wide[col].to_numpy(dtype=float)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    fig.tight_layout()
    return fig


def _heatmap(wide: pd.DataFrame, *, title: str, label: str, fmt: str = "{:.2f}") -> Figure:
    fig = Figure(figsize=(1.1 * len(wide.columns) + 3, 0.45 * len(wide) + 1.8))
    ax = fig.add_subplot()
    values = wide.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap="Reds")
    ax.set_xticks(range(len(wide.columns)), [str(c) for c in wide.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(wide.index)), [str(i) for i in wide.index])
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    for (r, c), v in np.ndenumerate(values):
        if not np.isnan(v):
            ax.text(
                c,
                r,
                fmt.format(v),
                ha="center",
                va="center",
                fontsize="small",
                color="white" if top and v > 0.6 * top else "black",
            )
    fig.colorbar(im, ax=ax, label=label)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_who_is_quoted(table: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Stacked bars: quotes per group by speaker affiliation (from ``who_is_quoted``)."""
    if table.empty:
        return _empty("Who is quoted")
    wide = table.pivot_table(
        index=group_by, columns="actor", values="n_quotes", aggfunc="sum", fill_value=0
    )
    return _stacked(
        wide,
        title="Who is quoted: quotes by speaker affiliation",
        xlabel="quotes (direct, indirect and mixed)",
    )


def plot_stance(table: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Stacked bars: share of quotes per reporting-verb stance (from ``quote_stance``)."""
    if table.empty or table["n"].sum() == 0:
        return _empty("Reporting-verb stance")
    wide = table.pivot_table(
        index=group_by, columns="stance", values="share", sort=False, fill_value=0
    )
    return _stacked(wide, title="Stance of the reporting verbs", xlabel="share of cued quotes")


def plot_naming(table: pd.DataFrame, *, group_by: str = "outlet", min_mentions: int = 1) -> Figure:
    """Heatmap: share of loaded naming per actor (rows) and group (columns)."""
    t = table[table["n_mentions"] >= min_mentions]
    if t.empty:
        return _empty("Loaded naming")
    wide = t.pivot(index="actor", columns=group_by, values="loaded_share")
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False).index]
    title = "Share of loaded naming per actor"
    if len(wide) > MAX_HEATMAP_ROWS:  # the actors mentioned most, in the order above
        mentions = t.groupby("actor")["n_mentions"].sum()
        n_actors = len(wide)
        wide = wide.loc[wide.index.isin(mentions.nlargest(MAX_HEATMAP_ROWS).index)]
        title += f"\n(the {len(wide)} of {n_actors} actors mentioned most; the table has all)"
    return _heatmap(wide, title=title, label="loaded / all mentions")


def plot_rates(table: pd.DataFrame, *, group_by: str = "outlet", title: str = "Rates") -> Figure:
    """Grouped bars: per-1,000-word rate of each category per group (from ``rates``)."""
    if table.empty:
        return _empty(title)
    wide = table.pivot(index=group_by, columns="category", values="per_1k_tokens").fillna(0)
    wide = top_categories(wide)
    colors = category_colors(wide.columns)
    fig = Figure(figsize=(8, 0.5 * len(wide) * max(1, len(wide.columns) / 2) + 1.8))
    ax = fig.add_subplot()
    height = 0.8 / max(len(wide.columns), 1)
    y = np.arange(len(wide))
    for i, col in enumerate(wide.columns):
        ax.barh(y + i * height, wide[col], height=height, label=str(col), color=colors[col])
    ax.set_yticks(y + height * (len(wide.columns) - 1) / 2, [str(i) for i in wide.index])
    ax.invert_yaxis()
    ax.set_xlabel("per 1,000 tokens")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    fig.tight_layout()
    return fig


def plot_agency(table: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Bars: passives per 1,000 tokens split by agent, and the agentless share (``agency_rates``)."""
    if table.empty:
        return _empty("Agency")
    fig = Figure(figsize=(10, 0.5 * len(table) + 2))
    ax1, ax2 = fig.subplots(1, 2, sharey=True)
    labels = table[group_by].astype(str)
    ax1.barh(labels, table["passive_agentless_per_1k_tokens"], label="agentless passive")
    ax1.barh(
        labels,
        table["passive_agentful_per_1k_tokens"],
        left=table["passive_agentless_per_1k_tokens"],
        label="passive with 'by' agent",
    )
    ax1.barh(
        labels,
        table["nominal_agentless_per_1k_tokens"],
        left=table["passive_agentless_per_1k_tokens"] + table["passive_agentful_per_1k_tokens"],
        label="agentless harm noun",
    )
    ax1.set_xlabel("per 1,000 tokens")
    ax1.legend(fontsize="small", frameon=False)
    ax1.invert_yaxis()
    ax2.barh(labels, table["agentless_passive_share"].astype(float).fillna(0), color="0.5")
    ax2.set_xlim(0, 1)
    ax2.set_xlabel("agentless share of passives")
    fig.suptitle("Agency: who is shown doing what")
    fig.tight_layout()
    return fig


def plot_frames(table: pd.DataFrame, *, group_by: str = "outlet") -> Figure:
    """Heatmap: frame indicator rate (per 1,000 tokens) per group (from ``frame_scores``)."""
    frames = [c for c in table.columns if c not in (group_by, "n_tokens", "dominant_frame")]
    if table.empty or not frames:
        return _empty("Frames")
    wide = table.set_index(group_by)[frames]
    return _heatmap(
        wide, title="Generic news frames", label="indicators per 1,000 tokens", fmt="{:.1f}"
    )
