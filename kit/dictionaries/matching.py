"""Find dictionary patterns in articles and score categories per sentence or article.

Matching works on tokens (:data:`kit.text.TOKEN_PATTERN`, the tokenizer of every analysis),
inside sentences, with the leftmost-longest rule: at each token the longest pattern (in words)
wins, and the words it covers cannot start another match. A matched span counts once in every
category holding a pattern that matches it (as in LIWC, where a word belongs to several
categories); the term reported for a category is its most specific pattern (an exact word
beats a wildcard).

The tokens are the shared text layer's (:func:`kit.text.text_layer`) when the sentences are
kit's; sentences from elsewhere are tokenized on their own. The lookup
(:class:`~kit.dictionaries.lookup.Matcher`) runs over all tokens at once.
"""

from __future__ import annotations

from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from kit import text as ktext
from kit.dictionaries.lookup import Matcher, concat_ranges
from kit.dictionaries.model import Dictionary
from kit.errors import ParameterError
from kit.parallel import accepts_dask, by_article
from kit.text import RATE_COLUMN, rate

#: Words that negate what follows (used when ``negation_window`` > 0).
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "without",
        "cannot",
        "hardly",
        "barely",
    }
)
MATCH_COLUMNS = [
    "doc_id",
    "sent_id",
    "category",
    "term",
    "start",
    "end",
    "matched",
    "weight",
    "negated",
]


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


def _applicable(articles: pd.DataFrame, dictionary: Dictionary) -> np.ndarray:
    return ktext.language_mask(articles, dictionary.language)


def _units(docs: pd.DataFrame, sentences) -> pd.DataFrame:
    """The sentences of ``docs`` (in article order), with ``row``: their article's position."""
    if sentences is None:
        sentences = ktext.sentences(docs, progress=False)
    missing = {"doc_id", "sent_id", "start", "end"} - set(sentences.columns)
    if missing:
        raise ParameterError(
            "sentences",
            f"table without {sorted(missing)}",
            "a table from kit.text.sentences (doc_id, sent_id, start, end)",
        )
    rows = pd.DataFrame({"doc_id": docs["doc_id"].astype(object), "row": np.arange(len(docs))})
    spans = sentences[["doc_id", "sent_id", "start", "end"]].astype(
        {"doc_id": object, "sent_id": "int64", "start": "int64", "end": "int64"}
    )
    return rows.merge(spans, on="doc_id", how="inner", sort=False)


class _Tokens(NamedTuple):
    """The tokens of the units, in order: unit, offsets into the article text, word."""

    unit: np.ndarray
    start: np.ndarray
    end: np.ndarray
    word: np.ndarray
    words: list[str]  # lower-case, curly apostrophes straightened


def _tokens(docs: pd.DataFrame, units: pd.DataFrame, progress: bool) -> _Tokens:
    """Tokens of every unit: the text layer's when the units are its sentences."""
    layer = ktext.text_layer(docs, progress=progress)
    owner = np.repeat(np.arange(len(layer)), layer.n_sentences)
    sent = pd.DataFrame({"row": owner, "start": layer.sent_start, "end": layer.sent_end})
    sent["index"] = np.arange(len(sent))
    where = units[["row", "start", "end"]].merge(sent, how="left", on=["row", "start", "end"])
    if where["index"].notna().all():
        tok_sent = layer.tok_sent_global
        which = where["index"].to_numpy(np.int64)
        lo = np.searchsorted(tok_sent, which, "left")
        counts = np.searchsorted(tok_sent, which, "right") - lo
        idx = concat_ranges(lo, counts)
        ids, forms = pd.factorize(layer.tok_id[idx])
        vocab = layer.vocab[forms]
        start, end = layer.tok_start[idx].astype(np.int64), layer.tok_end[idx].astype(np.int64)
    else:  # sentences of another splitter: tokens of each sentence's own text
        texts = docs["text"].tolist()
        spans = [
            [(s + a, s + b, w) for a, b, w in ktext.token_spans(texts[r][s:e], lower=True)]
            for r, s, e in zip(units["row"], units["start"], units["end"])
        ]
        counts = np.fromiter(map(len, spans), np.int64, len(spans))
        flat = list(chain.from_iterable(spans))
        start = np.fromiter((t[0] for t in flat), np.int64, len(flat))
        end = np.fromiter((t[1] for t in flat), np.int64, len(flat))
        ids, vocab = pd.factorize(pd.Series([t[2] for t in flat], dtype=object))
    straight, word = pd.factorize(pd.Series(np.asarray(vocab, object)).str.replace("’", "'"))
    unit = np.repeat(np.arange(len(units)), counts)
    return _Tokens(unit, start, end, straight[ids], word.tolist())


def _scan(articles, dictionary, sentences, negation_window, progress, keep):
    """Units (``doc_id, sent_id, n_tokens``) and match rows of the ``keep`` articles."""
    docs = articles.loc[keep, ["doc_id", "text"]]
    texts = np.fromiter((isinstance(t, str) for t in docs["text"]), bool, len(docs))
    docs = docs[texts].reset_index(drop=True)
    units = _units(docs, sentences)
    toks = _tokens(docs, units, progress)
    units["n_tokens"] = np.bincount(toks.unit, minlength=len(units))
    found = Matcher(dictionary).find(toks.words, toks.word, toks.unit)
    first, stop = found["first"].to_numpy(np.int64), found["stop"].to_numpy(np.int64)
    unit = toks.unit[first]
    start, end = toks.start[first], toks.end[stop - 1]
    negated = found["negated"].to_numpy(bool)
    if negation_window > 0:
        flags = np.fromiter(map(_is_negator, toks.words), bool, len(toks.words))[toks.word]
        before = np.concatenate([[0], np.cumsum(flags)])
        unit_first = np.searchsorted(toks.unit, unit, "left")
        lo = np.maximum(unit_first, first - negation_window)
        negated = negated | (before[first] > before[lo])
    texts = docs["text"].tolist()
    rows = units["row"].to_numpy()[unit]
    matched = [texts[r][s:e] for r, s, e in zip(rows.tolist(), start.tolist(), end.tolist())]
    matches = pd.DataFrame(
        {
            "doc_id": units["doc_id"].to_numpy()[unit],
            "sent_id": units["sent_id"].to_numpy()[unit],
            "category": found["category"].to_numpy(object),
            "term": found["term"].to_numpy(object),
            "start": start,
            "end": end,
            "matched": matched,
            "weight": found["weight"].to_numpy(float),
            "negated": negated,
        }
    )
    return units[["doc_id", "sent_id", "n_tokens"]], _match_frame(matches)


def _match_frame(matches: pd.DataFrame) -> pd.DataFrame:
    return matches[MATCH_COLUMNS].astype(
        {
            "doc_id": "string",
            "sent_id": "int64",
            "category": "string",
            "term": "string",
            "start": "int64",
            "end": "int64",
            "matched": "string",
            "weight": "float64",
            "negated": "bool",
        }
    )


@by_article
def match_dictionary(
    articles: pd.DataFrame,
    dictionary: Dictionary,
    *,
    sentences=None,
    negation_window: int = 0,
    progress: bool = True,
) -> pd.DataFrame:
    """Find every dictionary match in the articles, with offsets into ``text``.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``, and ``language`` when the dictionary has one:
        articles in other languages are skipped).
    dictionary : Dictionary
        From :func:`kit.dictionaries.load_dictionary`.
    sentences : pandas.DataFrame, optional
        Sentence table from :func:`kit.text.sentences` (computed when None). Matches never
        cross a sentence boundary.
    negation_window : int
        When > 0, a match is also flagged ``negated`` if one of the preceding
        ``negation_window`` words of its sentence is a negator (not, no, never, ...n't).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, category, term, start, end, matched, weight, negated``: one row per
        matched span and category; ``term`` is the pattern, ``matched`` the text at
        ``text[start:end]``; ``negated`` is True in negated categories (``neg_positive``) and
        for negator-preceded matches.

    Examples
    --------
    >>> import pandas as pd
    >>> from kit.dictionaries import build_dictionary
    >>> d = build_dictionary({"threat": ["terror*", "nuclear weapon*"]}, name="demo")
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Terrorism and nuclear weapons."]})
    >>> match_dictionary(arts, d)[["term", "matched", "start"]].values.tolist()
    [['terror*', 'Terrorism', 0], ['nuclear weapon*', 'nuclear weapons', 14]]
    """
    keep = _applicable(articles, dictionary)
    return _scan(articles, dictionary, sentences, negation_window, progress, keep)[1]


class DictionaryScores(NamedTuple):
    """Result of :func:`score_dictionary`: ``scores``, ``matches`` (evidence), ``skipped``."""

    scores: pd.DataFrame
    matches: pd.DataFrame
    skipped: pd.DataFrame


@accepts_dask
def score_dictionary(
    articles: pd.DataFrame,
    dictionary: Dictionary,
    *,
    level: str = "article",
    sentences=None,
    negation_window: int = 0,
    progress: bool = True,
) -> DictionaryScores:
    """Count dictionary categories per article or sentence, as counts and rates per 1,000 tokens.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``, ``language``).
    dictionary : Dictionary
        From :func:`kit.dictionaries.load_dictionary`.
    level : {"article", "sentence"}
        The unit scored.
    sentences, negation_window, progress
        As in :func:`match_dictionary`.

    Returns
    -------
    DictionaryScores
        ``scores``: one row per unit and category (zeros included): ``doc_id`` (and
        ``sent_id`` at sentence level), ``category``, ``count`` (matches), ``negated`` (of
        which negated), ``weighted`` (sum of match weights), ``n_tokens``, ``per_1k_tokens``
        (count per 1,000 tokens; NaN for a unit without tokens). ``matches``: the evidence, as from
        :func:`match_dictionary`. ``skipped``: ``doc_id, language, reason`` of the articles not
        scored because their language is not the dictionary's.

    Raises
    ------
    ParameterError
        For an unknown ``level``.

    Examples
    --------
    >>> import pandas as pd
    >>> from kit.dictionaries import build_dictionary
    >>> d = build_dictionary({"esc": ["escalat*"], "calm": ["restraint"]}, name="demo")
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Escalation feared. Restraint urged."]})
    >>> res = score_dictionary(arts, d)
    >>> res.scores[["category", "count", "n_tokens", "per_1k_tokens"]].values.tolist()
    [['esc', 1, 4, 250.0], ['calm', 1, 4, 250.0]]
    """
    if level not in ("article", "sentence"):
        raise ParameterError("level", level, '"article" or "sentence"')
    keep = _applicable(articles, dictionary)
    units, matches = _scan(articles, dictionary, sentences, negation_window, progress, keep)
    keys = ["doc_id", "sent_id"] if level == "sentence" else ["doc_id"]
    unit = units.astype({"doc_id": "string", "sent_id": "int64", "n_tokens": "int64"})
    if level == "article":
        unit = unit.groupby("doc_id", sort=False, as_index=False)["n_tokens"].sum()
        unit = (
            articles.loc[keep, ["doc_id"]]
            .astype({"doc_id": "string"})
            .merge(unit, on="doc_id", how="left")
            .fillna({"n_tokens": 0})
            .astype({"n_tokens": "int64"})
        )
    cats = pd.DataFrame({"category": pd.array(list(dictionary.categories), dtype="string")})
    grid = unit.merge(cats, how="cross")
    counts = (
        matches.assign(count=1)
        .groupby(keys + ["category"], sort=False)
        .agg(count=("count", "sum"), negated=("negated", "sum"), weighted=("weight", "sum"))
        .reset_index()
    )
    scores = grid.merge(counts, on=keys + ["category"], how="left")
    scores = scores.fillna({"count": 0, "negated": 0, "weighted": 0.0}).astype(
        {"count": "int64", "negated": "int64", "weighted": "float64"}
    )
    scores[RATE_COLUMN] = rate(scores["count"], scores["n_tokens"])
    scores = scores[keys + ["category", "count", "negated", "weighted", "n_tokens", RATE_COLUMN]]
    skipped = _skipped(articles, dictionary, keep)
    return DictionaryScores(scores.reset_index(drop=True), matches, skipped)


def _skipped(articles, dictionary, keep) -> pd.DataFrame:
    lang = (
        articles["language"] if "language" in articles else pd.Series(pd.NA, index=articles.index)
    )
    out = pd.DataFrame({"doc_id": articles.loc[~keep, "doc_id"], "language": lang[~keep]})
    out["reason"] = f"language is not the dictionary's ({dictionary.language})"
    return out.reset_index(drop=True).astype(
        {"doc_id": "string", "language": "string", "reason": "string"}
    )
