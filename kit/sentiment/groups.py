"""Sentiment by group, over time and toward actors, with bootstrap intervals.

Sentiment toward an actor is the sentiment of the sentences that mention it
(:func:`kit.lexicons.actors.find_mentions`); intervals resample whole articles (:mod:`kit.sentiment.stats`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from kit.lexicons.actors import find_mentions, load_actors
from kit.parallel import by_article, by_partition, gather, run_partitions, without_texts
from kit.sentiment.stats import cluster_units, combine_units, grouped_mean_ci, units_mean_ci
from kit.text.periods import group_values, period_start
from kit.validate import require_columns

ACTOR_SENTENCE_COLUMNS = [
    "doc_id",
    "sent_id",
    "actor",
    "n_mentions",
    "aliases",
    "loaded",
    "start",
    "end",
    "text",
    "score",
]


@by_article
def actor_sentences(
    articles: pd.DataFrame,
    sentence_scores: pd.DataFrame,
    *,
    actors: pd.DataFrame | str | Path | None = None,
) -> pd.DataFrame:
    """The scored sentences that mention each actor (evidence of actor sentiment).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``).
    sentence_scores : pandas.DataFrame
        From :func:`score_sentences`.
    actors : DataFrame, path or None
        Actor table (:func:`kit.lexicons.actors.load_actors`), a file, or None for the shipped one.

    Returns
    -------
    pandas.DataFrame
        One row per sentence and actor: ``doc_id, sent_id, actor, n_mentions, aliases``
        (distinct aliases, "; "-joined), ``loaded`` (a loaded alias was used), ``start, end,
        text, score``. Of Dask tables, a Dask table of evidence (:func:`kit.parallel.evidence_of`:
        the scores of :func:`score_sentences` of the same articles are read partition by
        partition).
    """
    if not isinstance(actors, pd.DataFrame):
        actors = load_actors(actors)
    ids = set(sentence_scores["doc_id"])
    mentions = find_mentions(articles[articles["doc_id"].isin(ids)], actors)
    located = _in_sentences(mentions, sentence_scores)
    scored = sentence_scores[["doc_id", "sent_id", "start", "end", "text", "score"]]
    if located.empty:  # the columns typed as those of rows (partitions of evidence agree)
        found = {"actor": "object", "n_mentions": "int64", "aliases": "object", "loaded": "bool"}
        empty = scored.iloc[0:0].assign(**{c: pd.Series(dtype=t) for c, t in found.items()})
        return empty[ACTOR_SENTENCE_COLUMNS].reset_index(drop=True)
    keys = ["doc_id", "sent_id", "actor"]
    group = located.assign(loaded=located["alias_type"] == "loaded").groupby(keys, sort=False)
    per = group.agg(n_mentions=("alias", "size"), loaded=("loaded", "any"))
    per["aliases"] = _join_first_seen(group.ngroup().to_numpy(), located["matched"].to_numpy())
    out = per.reset_index().merge(scored, on=["doc_id", "sent_id"], how="left")
    return (
        out[ACTOR_SENTENCE_COLUMNS]
        .sort_values(["doc_id", "sent_id", "actor"])
        .reset_index(drop=True)
    )


def _in_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The mentions that begin inside a sentence of their article, with its ``sent_id``.

    One sorted search over all articles: sentences ordered by (article, start), each mention
    placed after the last sentence of its article that starts at or before it.
    """
    if mentions.empty or sentences.empty:
        return mentions.iloc[0:0]
    codes, _ = pd.factorize(pd.concat([sentences["doc_id"], mentions["doc_id"]], ignore_index=True))
    doc, mention_doc = codes[: len(sentences)], codes[len(sentences) :]
    starts = sentences["start"].to_numpy(np.int64)
    ends = sentences["end"].to_numpy(np.int64)
    at = mentions["start"].to_numpy(np.int64)
    order = np.lexsort((starts, doc))
    width = int(max(ends.max(), at.max())) + 1
    pos = np.searchsorted(doc[order] * width + starts[order], mention_doc * width + at, "right")
    sent = order[np.clip(pos - 1, 0, None)]
    inside = (pos > 0) & (doc[sent] == mention_doc) & (at < ends[sent])
    return mentions[inside].assign(sent_id=sentences["sent_id"].to_numpy()[sent[inside]])


def _join_first_seen(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per group number 0..n-1, its distinct ``values`` in order of appearance, "; "-joined."""
    frame = pd.DataFrame({"group": group, "value": values}).drop_duplicates()
    frame = frame.sort_values("group", kind="stable")
    group, values = frame["group"].to_numpy(), frame["value"].to_numpy(object)
    first = np.r_[True, group[1:] != group[:-1]]
    return np.add.reduceat(np.where(first, values, "; " + values), np.flatnonzero(first))


@without_texts
def add_period(table: pd.DataFrame, articles: pd.DataFrame, *, time_unit: str) -> pd.DataFrame:
    """Add ``period`` (:func:`kit.text.periods.period_start` of ``published``) by doc_id.

    Rows of undated articles get NaT. Raises ParameterError for an unknown ``time_unit``.
    """
    period = period_start(articles.set_index("doc_id")["published"], time_unit)
    return table.assign(period=table["doc_id"].map(period).astype(period.dtype))


@by_partition("table")  # per-article units on the workers
def summarize(
    table: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    group_by=("outlet",),
    time_unit: str | None = None,
    cluster: str | None = "doc_id",
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean ``score`` per group (and period), with article-clustered bootstrap intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        Scored rows with ``doc_id`` and ``score`` (sentence scores or actor sentences).
    articles : pandas.DataFrame
        Articles table, for the grouping columns (e.g. ``outlet``) and ``published``.
    group_by : sequence of str
        Grouping columns, from ``table`` or ``articles`` (e.g. ("actor", "outlet")); a name
        that is no column may be a period of ``published`` (``"year"``, ``"quarter"``,
        ``"month"``, ``"week"``; see :func:`kit.text.periods.group_values`).
    time_unit : {"day", "week", "month", "year"}, optional
        Also group by period of publication; undated articles are left out.
    cluster : str or None
        Resample whole articles ("doc_id", the default: sentences of one article are not
        independent, and a group with one article gets no interval) or, with None, sentences.
    confidence, n_resamples, seed
        Bootstrap settings (:func:`kit.sentiment.stats.bootstrap_mean_ci`).

    Returns
    -------
    pandas.DataFrame
        ``group_by`` columns (and ``period``), ``n`` (sentences), ``n_clusters`` (articles),
        ``mean``, ``ci_low``, ``ci_high``.

    Notes
    -----
    A Dask ``table`` stays on its cluster: each partition gives the sum, count and range of
    the scores of each of its articles (:func:`kit.sentiment.stats.cluster_units`), and only
    those come to this process (one row per article and group of ``table``).
    """
    group_by = [group_by] if isinstance(group_by, str) else list(group_by)
    inside = [c for c in group_by if c in table.columns]
    extra = [c for c in group_by if c not in table.columns]
    require_columns(table, ["doc_id", "score"], "summarize")
    # An article column has one value per article, so the units of each article (and group
    # column of ``table``) are made partition by partition, then grouped by article columns.
    in_table = [cluster] if cluster in table.columns else []
    per_article = list(dict.fromkeys([*inside, "doc_id", *in_table]))
    if cluster is None:  # sentences are resampled: every score is needed here
        units = gather(table[[*per_article, "score"]])
    else:
        units = run_partitions(
            table[[*per_article, "score"]],
            cluster_units,
            functools.partial(combine_units, keys=per_article),
            "score",
            per_article,
        )
    article_columns = [c for c in [*extra, cluster] if c and c not in units.columns]
    if article_columns:
        values = pd.DataFrame(
            {
                "doc_id": articles["doc_id"],
                **{c: group_values(articles, c) for c in article_columns},
            }
        )
        units = units.merge(values, on="doc_id", how="left")
    keys = list(group_by)
    if time_unit:
        units = add_period(units, articles, time_unit=time_unit).dropna(subset=["period"])
        keys.append("period")
    for c in group_by:
        units = units.assign(**{c: units[c].astype("object").fillna("(none)")})
    if cluster is None:
        return grouped_mean_ci(
            units, "score", keys, confidence=confidence, n_resamples=n_resamples, seed=seed
        )
    units = combine_units([units], [*keys, cluster])
    return units_mean_ci(units, keys, cluster, confidence, n_resamples, seed)


def extreme_sentences(actor_rows: pd.DataFrame, *, n: int = 3) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences per actor.

    A Dask table is read partition by partition: only each partition's extremes come here.

    Returns
    -------
    pandas.DataFrame
        ``actor, direction`` ("positive"/"negative"), ``rank``, then the evidence columns
        of :func:`actor_sentences`.
    """
    return run_partitions(actor_rows, _extremes, functools.partial(_extremes_of_extremes, n=n), n)


def _extremes_of_extremes(parts, n: int) -> pd.DataFrame:
    """The extremes of the union of the rows whose extremes ``parts`` are (associative)."""
    rows = pd.concat(parts, ignore_index=True).drop(columns=["direction", "rank"])
    return _extremes(rows, n)


def _extremes(actor_rows: pd.DataFrame, n: int) -> pd.DataFrame:
    parts = []
    for _actor, rows in actor_rows.groupby("actor", sort=True):
        ordered = rows.sort_values(["score", "doc_id", "sent_id"], kind="stable")
        top = ordered[ordered["score"] > 0].iloc[::-1].head(n).assign(direction="positive")
        low = ordered[ordered["score"] < 0].head(n).assign(direction="negative")
        for part in (top, low):
            parts.append(part.assign(rank=np.arange(1, len(part) + 1)))
    if not parts:
        return actor_rows.assign(
            direction=pd.Series(dtype="object"), rank=pd.Series(dtype="int64")
        ).iloc[0:0]
    out = pd.concat(parts, ignore_index=True)
    first = ["actor", "direction", "rank"]
    return out[first + [c for c in out.columns if c not in first]]
