"""Find dictionary patterns in articles and score categories per sentence or article.

Matching works on tokens (:func:`kit.text.token_spans`, the tokenizer of every analysis),
inside sentences, with the leftmost-longest rule: at each token the longest pattern (in words)
wins, and the words it covers cannot start another match. A matched span counts once in every
category holding a pattern that matches it (as in LIWC, where a word belongs to several
categories); the term reported for a category is its most specific pattern (an exact word
beats a wildcard).

The lookup is a trie over pattern words, with each distinct text word resolved once (cached)
against exact words, ``prefix*`` globs and other globs: one dict step per token instead of
one regex per pattern, so dictionaries of thousands of patterns cost about the same as small
ones. No library offers token-aligned multi-word glob lookup with offsets, hence this code.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from kit import text as ktext
from kit.dictionaries.model import Dictionary, pattern_words
from kit.errors import ParameterError
from kit.progress import progress_bar
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


class Matcher:
    """A dictionary compiled for fast token lookup (build once, reuse across articles)."""

    def __init__(self, dictionary: Dictionary):
        self.dictionary = dictionary
        glob_ids: dict[str, int] = {}
        self.trie: dict = {}
        for cat, patterns in dictionary.categories.items():
            negated = cat in dictionary.negations
            for pat in patterns:
                words = pattern_words(pat)
                node = self.trie
                for w in words:
                    gid = glob_ids.setdefault(w, len(glob_ids))
                    node = node.setdefault(gid, {})
                literal = sum(len(w) - w.count("*") - w.count("?") for w in words)
                node.setdefault(None, []).append(
                    (cat, pat, dictionary.weight(cat, pat), literal, negated)
                )
        self.exact: dict[str, set] = {}
        self.prefix: dict[str, set] = {}
        self.other: list[tuple[re.Pattern, int]] = []
        for glob, gid in glob_ids.items():
            if "*" not in glob and "?" not in glob:
                self.exact.setdefault(glob, set()).add(gid)
            elif glob.endswith("*") and "*" not in glob[:-1] and "?" not in glob:
                self.prefix.setdefault(glob[:-1], set()).add(gid)
            else:
                rx = "".join(
                    r"[\w'-]*" if c == "*" else r"[\w'-]" if c == "?" else re.escape(c)
                    for c in glob
                )
                self.other.append((re.compile(rx), gid))
        self._cache: dict[str, frozenset] = {}

    def globs_of(self, word: str) -> frozenset:
        """Ids of the pattern words matching one lower-case text word (cached)."""
        found = self._cache.get(word)
        if found is None:
            ids = set(self.exact.get(word, ()))
            if self.prefix:
                for k in range(len(word) + 1):
                    ids.update(self.prefix.get(word[:k], ()))
            for rx, gid in self.other:
                if rx.fullmatch(word):
                    ids.add(gid)
            found = self._cache[word] = frozenset(ids)
        return found

    def match_words(self, words: list[str]):
        """Yield (first word index, end word index, entries) of leftmost-longest matches."""
        cache, resolve = self._cache, self.globs_of
        ids = [cache[w] if w in cache else resolve(w) for w in words]
        i, n = 0, len(words)
        while i < n:
            if not ids[i]:
                i += 1
                continue
            best_end, best = i, []
            frontier, j = [self.trie], i
            while frontier and j < n and ids[j]:
                nxt = [
                    child
                    for node in frontier
                    for gid in ids[j]
                    if (child := node.get(gid)) is not None
                ]
                j += 1
                ends = [e for node in nxt for e in node.get(None, ())]
                if ends:
                    best_end, best = j, ends
                frontier = nxt
            if best:
                yield i, best_end, best
                i = best_end
            else:
                i += 1


def _applicable(articles: pd.DataFrame, dictionary: Dictionary) -> np.ndarray:
    return ktext.language_mask(articles, dictionary.language)


def _sentence_spans(articles, sentences):
    if sentences is None:
        sentences = ktext.sentences(articles)
    missing = {"doc_id", "sent_id", "start", "end"} - set(sentences.columns)
    if missing:
        raise ParameterError(
            "sentences",
            f"table without {sorted(missing)}",
            "a table from kit.text.sentences (doc_id, sent_id, start, end)",
        )
    grouped = {}
    for doc_id, sid, s, e in zip(
        sentences["doc_id"], sentences["sent_id"], sentences["start"], sentences["end"]
    ):
        grouped.setdefault(doc_id, []).append((int(sid), int(s), int(e)))
    return grouped


def _scan(articles, dictionary, sentences, negation_window, progress, keep):
    """Yield per-sentence (doc_id, sent_id, n_tokens, match rows) for the ``keep`` articles."""
    matcher = Matcher(dictionary)
    spans = _sentence_spans(articles[keep], sentences)
    docs = articles.loc[keep, ["doc_id", "text"]]
    for doc_id, text in progress_bar(
        zip(docs["doc_id"], docs["text"]),
        total=len(docs),
        progress=progress,
        unit="article",
        desc="dictionary",
    ):
        if not isinstance(text, str):
            continue
        for sid, s, e in spans.get(doc_id, ()):
            toks = ktext.token_spans(text[s:e], lower=True)
            words = [t[2].replace("’", "'") for t in toks]
            rows = []
            for i, j, entries in matcher.match_words(words):
                start, end = s + toks[i][0], s + toks[j - 1][1]
                neg_ctx = negation_window > 0 and any(
                    _is_negator(w) for w in words[max(0, i - negation_window) : i]
                )
                best: dict[str, tuple] = {}
                for cat, pat, weight, literal, negated in entries:
                    if cat not in best or literal > best[cat][2]:
                        best[cat] = (pat, weight, literal, negated)
                for cat, (pat, weight, _, negated) in best.items():
                    rows.append(
                        (
                            doc_id,
                            sid,
                            cat,
                            pat,
                            start,
                            end,
                            text[start:end],
                            weight,
                            negated or neg_ctx,
                        )
                    )
            yield doc_id, sid, len(words), rows


def _match_frame(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.astype(
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
    rows = [
        r
        for *_, rs in _scan(articles, dictionary, sentences, negation_window, progress, keep)
        for r in rs
    ]
    return _match_frame(rows)


class DictionaryScores(NamedTuple):
    """Result of :func:`score_dictionary`: ``scores``, ``matches`` (evidence), ``skipped``."""

    scores: pd.DataFrame
    matches: pd.DataFrame
    skipped: pd.DataFrame


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
    units, rows = [], []
    for doc_id, sid, n_tokens, rs in _scan(
        articles, dictionary, sentences, negation_window, progress, keep
    ):
        units.append((doc_id, sid, n_tokens))
        rows.extend(rs)
    matches = _match_frame(rows)
    keys = ["doc_id", "sent_id"] if level == "sentence" else ["doc_id"]
    unit = pd.DataFrame(units, columns=["doc_id", "sent_id", "n_tokens"]).astype(
        {"doc_id": "string", "sent_id": "int64", "n_tokens": "int64"}
    )
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
