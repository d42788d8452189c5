"""Sentence and article sentiment: VADER (exact, fast) or a dictionary's tone.

VADER's compound score saturates on long texts, so articles are scored sentence by sentence
and aggregated (mean, share of positive/negative sentences, length-weighted mean); a whole
article is scored as one string only with ``level="document"``.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from kit import config
from kit import text as ktext
from kit.dictionaries import Dictionary, load_dictionary, score_dictionary
from kit.errors import ParameterError
from kit.vader import Vader

VADER_COLUMNS = ["neg", "neu", "pos", "compound"]
POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's conventional compound thresholds
_PARALLEL_MIN = 20_000  # distinct texts below which worker processes do not pay off
_CHUNK = 5_000
_VADER: Vader | None = None


def _scorer() -> Vader:
    global _VADER
    if _VADER is None:
        _VADER = Vader()
    return _VADER


def _score_chunk(texts: list[str]) -> list[tuple]:
    scorer = _scorer()
    return [scorer.scores(t) for t in texts]


def vader(texts, *, workers: int | None = None, cache: bool = True,
          progress: bool | None = None) -> pd.DataFrame:
    """Score texts with VADER, identical to vaderSentiment 3.3.2's ``polarity_scores``.

    Parameters
    ----------
    texts : iterable of str
        Usually sentences (see :func:`score_sentences`).
    workers : int, optional
        Worker processes; None uses up to 2 when there are more than 20,000 distinct texts.
    cache : bool
        Score each distinct text once (news repeats boilerplate sentences).
    progress : bool, optional
        Progress bar; None shows one for more than 20,000 texts.

    Returns
    -------
    pandas.DataFrame
        ``neg, neu, pos, compound`` (floats), one row per input text, in input order.

    Examples
    --------
    >>> vader(["A terrible attack.", "Leaders welcomed the ceasefire."]).values.tolist()
    [[0.861, 0.139, 0.0, -0.7351], [0.0, 0.556, 0.444, 0.34]]
    """
    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    todo = list(dict.fromkeys(texts)) if cache else texts
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(todo) > _PARALLEL_MIN else 1
    if not isinstance(workers, int) or workers < 1:
        raise ParameterError("workers", workers, "a positive integer or None")
    show = len(texts) > _PARALLEL_MIN if progress is None else bool(progress)
    chunks = [todo[i:i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    bar = tqdm(total=len(todo), disable=not show, desc="VADER", unit="sentence")
    results: list[tuple] = []
    if workers > 1 and len(chunks) > 1:
        # forkserver, not fork: a notebook kernel runs threads, and forking those can deadlock
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["kit.sentiment.scoring"])
        with ctx.Pool(workers) as pool:
            for part in pool.imap(_score_chunk, chunks):
                results.extend(part)
                bar.update(len(part))
    else:
        for chunk in chunks:
            results.extend(_score_chunk(chunk))
            bar.update(len(chunk))
    bar.close()
    if cache:
        lookup = dict(zip(todo, results))
        results = [lookup[t] for t in texts]
    return pd.DataFrame(np.array(results, dtype="float64").reshape(-1, 4),
                        columns=VADER_COLUMNS)


def language_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per language and whether the English lexicons score them.

    Returns
    -------
    pandas.DataFrame
        ``language, n_articles, scored`` (bool).
    """
    out = ktext.language_counts(articles)
    out["scored"] = out["language"] == config.LEXICON_LANGUAGE
    return out


def _english(articles: pd.DataFrame) -> pd.DataFrame:
    return articles[ktext.language_mask(articles, config.LEXICON_LANGUAGE)]


def project_path(path) -> Path:
    """``path`` as given when it exists, else relative to the project root when that exists.

    Notebooks run with their own folder as working directory, so a file named relative to the
    project root (``kit run -p method dictionaries/LSD2015.lc3``) is found either way.
    """
    path = Path(path).expanduser()
    if not path.exists() and not path.is_absolute() and (config.ROOT / path).exists():
        return config.ROOT / path
    return path


def _resolve_method(method) -> str | Dictionary:
    if isinstance(method, Dictionary) or method == "vader":
        return method
    if isinstance(method, (str, Path)) and str(method) and Path(method).suffix:
        return load_dictionary(project_path(method))
    raise ParameterError("method", method, '"vader", a Dictionary, or a dictionary file path '
                         "(.yml, .dic, .cat, .lc3, .tsv) with positive/negative categories")


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
        raise ParameterError("method", dictionary.source or dictionary.name,
                             "a dictionary with 'positive' and 'negative' categories for tone;"
                             f" this one has {sorted(dictionary.categories)}")
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


def score_sentences(articles: pd.DataFrame, *, method="vader", sentences=None,
                    workers: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Score every sentence of the English articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; articles whose ``language`` is not "en" are skipped (see
        :func:`language_report`).
    method : "vader", Dictionary or path
        VADER, or a dictionary with positive/negative categories (tone, see
        :func:`dictionary_tone`).
    sentences : pandas.DataFrame, optional
        From :func:`kit.text.sentences`; computed when None.
    workers, progress
        As in :func:`vader`.

    Returns
    -------
    pandas.DataFrame
        The evidence: ``doc_id, sent_id, start, end, text, n_words, score`` (compound or tone),
        plus ``neg, neu, pos, compound`` for VADER, or for a dictionary ``positive, negative``
        (match counts) and ``matches`` ("category: matched text; ..." as evidence).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"],
    ...                      "text": ["A terrible attack. Leaders welcomed the ceasefire."]})
    >>> score_sentences(arts)["score"].tolist()
    [-0.7351, 0.34]
    """
    method = _resolve_method(method)
    arts = _english(articles)
    sents = ktext.sentences(arts) if sentences is None else sentences[
        sentences["doc_id"].isin(arts["doc_id"])]
    sents = sents[["doc_id", "sent_id", "start", "end", "text"]].reset_index(drop=True)
    sents["n_words"] = np.array([len(ktext.tokenize(t)) for t in sents["text"]], dtype="int64")
    if isinstance(method, Dictionary):
        res = score_dictionary(arts, method, level="sentence", sentences=sents,
                               progress=progress)
        tone = dictionary_tone(res.scores, method).rename("score").reset_index()
        counts = res.scores.pivot_table(index=["doc_id", "sent_id"], columns="category",
                                        values="count", aggfunc="sum", observed=True)
        counts.columns = [str(c).lower() for c in counts.columns]
        extra = counts[[c for c in ("positive", "negative") if c in counts]].reset_index()
        m = res.matches
        terms = (m.assign(t=m["category"] + ": " + m["matched"])
                 .groupby(["doc_id", "sent_id"], sort=False)["t"].agg("; ".join)
                 .rename("matches").reset_index())
        out = (sents.merge(tone, on=["doc_id", "sent_id"], how="left")
               .merge(extra, on=["doc_id", "sent_id"], how="left")
               .merge(terms, on=["doc_id", "sent_id"], how="left"))
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
        ``doc_id, n_sentences, n_words, mean_score, weighted_score`` (mean weighted by
        sentence length in words), ``share_positive`` (score >= 0.05), ``share_negative``
        (score <= -0.05).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "n_words": [3, 1], "score": [0.5, -0.5]})
    >>> aggregate_articles(s)[["mean_score", "weighted_score", "share_positive"]].values.tolist()
    [[0.0, 0.25, 0.5]]
    """
    s = sentence_scores
    frame = pd.DataFrame({"doc_id": s["doc_id"], "n_words": s["n_words"], "score": s["score"],
                          "wx": s["score"] * s["n_words"], "pos": s["score"] >= POSITIVE,
                          "neg": s["score"] <= NEGATIVE})
    g = frame.groupby("doc_id", sort=False)
    out = pd.DataFrame({"n_sentences": g.size(), "n_words": g["n_words"].sum(),
                        "mean_score": g["score"].mean(),
                        "weighted_score": g["wx"].sum() / g["n_words"].sum().replace(0, np.nan),
                        "share_positive": g["pos"].mean(), "share_negative": g["neg"].mean()})
    return out.reset_index()


def score_articles(articles: pd.DataFrame, *, method="vader", level: str = "sentence",
                   sentence_scores=None, workers: int | None = None,
                   progress: bool | None = None) -> pd.DataFrame:
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
        arts = _english(articles)
        return pd.concat([arts[["doc_id"]].reset_index(drop=True),
                          vader(arts["text"], workers=workers, progress=progress)], axis=1)
    if level != "sentence":
        raise ParameterError("level", level, '"sentence" or "document"')
    if sentence_scores is None:
        sentence_scores = score_sentences(articles, method=method, workers=workers,
                                          progress=progress)
    return aggregate_articles(sentence_scores)
