"""Sentence and article sentiment: VADER (exact, fast) or a dictionary's tone.

VADER's compound score saturates on long texts, so articles are scored sentence by sentence
and aggregated (mean, share of positive/negative sentences, length-weighted mean); a whole
article is scored as one string only with ``level="document"``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kit.dictionaries import Dictionary, load_dictionary, score_dictionary
from kit.errors import ParameterError
from kit.parallel import (
    concat_evidence,
    evidence_of,
    is_dask,
    on_worker,
    partitions,
    run_partitions,
    summed,
)
from kit.sentiment.vader_engine import vader
from kit.text import count_tokens, language_mask
from kit.text import sentences as split_sentences
from kit.validate import require_columns

POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's conventional compound thresholds


def _resolve_method(method) -> str | Dictionary:
    if isinstance(method, Dictionary) or method == "vader":
        return method
    if isinstance(method, (str, Path)) and str(method) and Path(method).suffix:
        return load_dictionary(method)
    raise ParameterError(
        "method",
        method,
        '"vader", a Dictionary, or a dictionary file path '
        "(.yml, .dic, .cat, .lc3, .tsv) with positive/negative categories",
    )


def dictionary_tone(scores: pd.DataFrame, dictionary: Dictionary) -> pd.Series:
    """Tone per unit from category counts: (P - N) / (P + N), 0 without matches.

    P counts ``positive`` plus ``neg_negative`` matches and N counts ``negative`` plus
    ``neg_positive`` (the Lexicoder Sentiment Dictionary's convention; category names are
    compared case-insensitively).

    Raises
    ------
    ParameterError
        When the dictionary has no positive and negative categories.
    """
    cats = {c.lower(): c for c in dictionary.categories}
    if "positive" not in cats or "negative" not in cats:
        raise ParameterError(
            "method",
            dictionary.source or dictionary.name,
            "a dictionary with 'positive' and 'negative' categories for tone;"
            f" this one has {sorted(dictionary.categories)}",
        )
    sign = {cats["positive"]: 1, cats["negative"]: -1}
    if "neg_negative" in cats:
        sign[cats["neg_negative"]] = 1
    if "neg_positive" in cats:
        sign[cats["neg_positive"]] = -1
    keys = [c for c in scores.columns if c in ("doc_id", "sent_id")]
    used = scores[scores["category"].isin(list(sign))]
    signed = used["count"] * used["category"].map(sign).astype("int64")
    frame = used[keys].assign(p=signed.clip(lower=0), n=(-signed).clip(lower=0))
    agg = frame.groupby(keys, sort=False).sum()
    tone = ((agg["p"] - agg["n"]) / (agg["p"] + agg["n"])).fillna(0.0)
    return tone


def score_sentences(
    articles: pd.DataFrame,
    *,
    method="vader",
    sentences=None,
    workers: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Score every sentence of the English articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; articles whose ``language`` is not "en" are skipped (see
        :func:`kit.text.language_counts`).
    method : "vader", Dictionary or path
        VADER, or a dictionary with positive/negative categories (tone, see
        :func:`dictionary_tone`).
    sentences : pandas.DataFrame, optional
        From :func:`kit.text.sentences`; computed when None.
    workers, progress
        As in :func:`vader`.

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        The evidence: ``doc_id, sent_id, start, end, text, n_tokens, score`` (compound or tone),
        plus ``neg, neu, pos, compound`` for VADER, or for a dictionary ``positive, negative``
        (match counts) and ``matches`` ("category: matched text; ..." as evidence). A Dask
        table of articles gives a Dask table of rows kept on the cluster
        (:func:`kit.parallel.evidence_of`).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"],
    ...                      "text": ["A terrible attack. Leaders welcomed the ceasefire."]})
    >>> score_sentences(arts)["score"].tolist()
    [-0.7351, 0.34]
    """
    method = _resolve_method(method)
    require_columns(articles, ["doc_id", "text"], "score_sentences")
    if sentences is None:  # article by article: one partition, or every partition on a cluster
        options = dict(method=method, workers=workers, progress=progress)  # no bar on a worker
        if is_dask(articles):
            return evidence_of(articles, _score_partition, **options)
        return run_partitions(partitions(articles), _score_partition, concat_evidence, **options)
    return _score_partition(
        articles, method=method, sentences=sentences, workers=workers, progress=progress
    )


def _score_partition(
    articles: pd.DataFrame, *, method, sentences=None, workers=None, progress=True
) -> pd.DataFrame:
    """:func:`score_sentences` on one partition of the articles."""
    progress = progress and not on_worker()
    arts = articles[language_mask(articles)]
    sents = (
        split_sentences(arts, progress=progress)
        if sentences is None
        else sentences[sentences["doc_id"].isin(arts["doc_id"])]
    )
    sents = sents[["doc_id", "sent_id", "start", "end", "text"]].reset_index(drop=True)
    sents["n_tokens"] = count_tokens(sents["text"])
    if isinstance(method, Dictionary):
        res = score_dictionary(arts, method, level="sentence", sentences=sents, progress=progress)
        tone = dictionary_tone(res.scores, method).rename("score").reset_index()
        counts = res.scores.pivot_table(
            index=["doc_id", "sent_id"],
            columns="category",
            values="count",
            aggfunc="sum",
            observed=True,
        )
        counts.columns = [str(c).lower() for c in counts.columns]
        extra = counts[[c for c in ("positive", "negative") if c in counts]].reset_index()
        m = res.matches
        terms = (
            m.assign(t=m["category"] + ": " + m["matched"])
            .groupby(["doc_id", "sent_id"], sort=False)["t"]
            .agg("; ".join)
            .rename("matches")
            .reset_index()
        )
        out = (
            sents.merge(tone, on=["doc_id", "sent_id"], how="left")
            .merge(extra, on=["doc_id", "sent_id"], how="left")
            .merge(terms, on=["doc_id", "sent_id"], how="left")
        )
        out["score"] = out["score"].fillna(0.0)
        out["matches"] = out["matches"].fillna("")
        return out
    scores = vader(sents["text"], workers=workers, progress=progress)
    out = pd.concat([sents, scores], axis=1)
    out.insert(out.columns.get_loc("neg"), "score", out["compound"])
    return out


def aggregate_articles(sentence_scores: pd.DataFrame) -> pd.DataFrame:
    """Aggregate sentence scores per article.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, n_sentences, n_tokens, mean_score, weighted_score`` (mean weighted by
        sentence length in tokens), ``share_positive`` (score >= 0.05), ``share_negative``
        (score <= -0.05).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "n_tokens": [3, 1], "score": [0.5, -0.5]})
    >>> aggregate_articles(s)[["mean_score", "weighted_score", "share_positive"]].values.tolist()
    [[0.0, 0.25, 0.5]]
    """
    columns = ["doc_id", "n_tokens", "score"]
    require_columns(sentence_scores, columns, "aggregate_articles")
    # of a Dask table, each partition's sums per article come here, never its rows
    sums = run_partitions(sentence_scores[columns], _article_sums, summed)
    out = pd.DataFrame(
        {
            "n_sentences": sums["n_sentences"],
            "n_tokens": sums["n_tokens"],
            "mean_score": sums["score"] / sums["n_scores"].replace(0, np.nan),
            "weighted_score": sums["wx"] / sums["n_tokens"].replace(0, np.nan),
            "share_positive": sums["pos"] / sums["n_sentences"],
            "share_negative": sums["neg"] / sums["n_sentences"],
        }
    )
    return out.rename_axis("doc_id").reset_index()


def _article_sums(s: pd.DataFrame) -> pd.DataFrame:
    """Per article of some sentence scores (in order of appearance), the sums
    :func:`aggregate_articles` divides."""
    frame = pd.DataFrame(
        {
            "doc_id": s["doc_id"],
            "n_tokens": s["n_tokens"],
            "score": s["score"],
            "wx": s["score"] * s["n_tokens"],
            "pos": s["score"] >= POSITIVE,
            "neg": s["score"] <= NEGATIVE,
        }
    )
    g = frame.groupby("doc_id", sort=False)
    return pd.DataFrame(
        {
            "n_sentences": g.size(),
            "n_tokens": g["n_tokens"].sum(),
            "n_scores": g["score"].count(),
            "score": g["score"].sum(),
            "wx": g["wx"].sum(),
            "pos": g["pos"].sum(),
            "neg": g["neg"].sum(),
        }
    )


def score_articles(
    articles: pd.DataFrame,
    *,
    method="vader",
    level: str = "sentence",
    sentence_scores=None,
    workers: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Score articles: aggregated sentence scores (default) or each text as one string.

    Parameters
    ----------
    level : {"sentence", "document"}
        "sentence" aggregates sentence scores (:func:`aggregate_articles`); "document" scores
        the whole text at once (VADER only; its compound saturates on long text).
    sentence_scores : pandas.DataFrame, optional
        Reuse the output of :func:`score_sentences`.

    Returns
    -------
    pandas.DataFrame
        For "sentence" the columns of :func:`aggregate_articles`; for "document"
        ``doc_id, neg, neu, pos, compound``.
    """
    if level == "document":
        if _resolve_method(method) != "vader":
            raise ParameterError("level", level, '"sentence" for dictionary methods')
        arts = articles[language_mask(articles)]
        return pd.concat(
            [
                arts[["doc_id"]].reset_index(drop=True),
                vader(arts["text"], workers=workers, progress=progress),
            ],
            axis=1,
        )
    if level != "sentence":
        raise ParameterError("level", level, '"sentence" or "document"')
    if sentence_scores is None:
        sentence_scores = score_sentences(
            articles, method=method, workers=workers, progress=progress
        )
    return aggregate_articles(sentence_scores)
