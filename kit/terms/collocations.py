"""Collocations: word pairs that co-occur within a window, scored with NLTK's measures.

Counting follows NLTK's ``BigramCollocationFinder.from_words(words, window_size)`` with the
sentences of :func:`kit.text.sentences` padded apart, so no pair spans a sentence boundary;
it reads the tokens of the shared text layer (:func:`kit.text.text_layer`) and counts every
pair at once with NumPy instead of NLTK's per-token loop. The scores are NLTK's
``BigramAssocMeasures`` formulas, evaluated on arrays (``tests/terms/test_collocations.py``
checks them against NLTK).

The counts are a function over one partition of articles (:func:`pair_counts`) and an
associative combine (:func:`combine_pairs`: pair and word counts summed by their words), run by
:func:`kit.parallel.run_partitions`; the scores are computed once on the combined counts, so a
pandas table (one partition) and a Dask table give the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit import config
from kit.errors import ParameterError
from kit.parallel import on_worker, run_partitions, table_schema
from kit.text import text_layer
from kit.text.stopwords import resolve_stopwords, stopword_mask
from kit.validate import require_columns

#: output columns: NLTK's ``BigramAssocMeasures`` pmi, likelihood_ratio, student_t, chi_sq, dice
MEASURES = ("pmi", "likelihood_ratio", "t_score", "chi_sq", "dice")
_SMALL = 1e-20  # NLTK's guard against division by zero and log(0)


def sentence_tokens(
    articles: pd.DataFrame, *, lower: bool = True, progress: bool = True
) -> pd.DataFrame:
    """Tokens with their article and sentence: doc_id, sent_id, token, start, end, language."""
    require_columns(articles, ["doc_id", "text"], "collocations")
    layer = text_layer(articles, progress=progress)
    codes, words = _token_codes(articles, layer, lower=lower)
    doc = layer.tok_doc
    language = articles["language"] if "language" in articles else pd.Series([None] * len(articles))
    return pd.DataFrame(
        {
            "doc_id": articles["doc_id"].to_numpy(dtype=object)[doc],
            "sent_id": layer.tok_sent.astype("int64"),
            "token": words[codes],
            "start": layer.tok_start.astype("int64"),
            "end": layer.tok_end.astype("int64"),
            "language": language.to_numpy(dtype=object)[doc],
        }
    )


def collocations(
    articles: pd.DataFrame,
    *,
    terms=None,
    window: int = 2,
    min_freq: int = 2,
    lower: bool = True,
    stopwords="en",
    sort: str = "likelihood_ratio",
    progress: bool = True,
) -> pd.DataFrame:
    """Score word pairs that co-occur within ``window`` tokens inside one sentence.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (counted partition by partition).
    terms : str or list of str, optional
        Keep only pairs containing one of these words (node words; a phrase contributes each
        of its words); None keeps all pairs.
    window : int
        NLTK's ``window_size``: 2 = adjacent words; w counts a pair when the second word is at
        most w - 1 tokens after the first.
    min_freq : int
        Drop pairs seen fewer times (NLTK's ``apply_freq_filter``).
    lower : bool
        Lower-case tokens.
    stopwords : "en", collection, or None
        Pairs with a stopword are dropped (NLTK's ``apply_word_filter``); with ``"en"`` only
        occurrences in English articles count as stopwords. Stopwords still occupy window
        positions and count in the word totals, as in NLTK.
    sort : str
        Score column to sort by (descending).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``w1``, ``w2``, ``n`` (pair count), ``n_w1``, ``n_w2`` (word counts), ``n_tokens``
        (all tokens), ``pmi``, ``likelihood_ratio``, ``t_score``, ``chi_sq``, ``dice``.

    Raises
    ------
    ParameterError
        For window < 2, min_freq < 1 or an unknown sort column.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"],
    ...                      "text": ["Air support came. Air support ended. Air raids."]})
    >>> collocations(arts)[["w1", "w2", "n"]].values.tolist()
    [['air', 'support', 2]]
    """
    if not isinstance(window, int) or window < 2:
        raise ParameterError("window", window, "an integer >= 2 (2 = adjacent words)")
    if not isinstance(min_freq, int) or min_freq < 1:
        raise ParameterError("min_freq", min_freq, "an integer >= 1")
    if sort not in MEASURES and sort != "n":
        raise ParameterError("sort", sort, f"one of {', '.join(['n', *MEASURES])}")
    schema = table_schema(articles)
    require_columns(schema, ["doc_id", "text"], "collocations")
    stopset = resolve_stopwords(stopwords)
    if not (isinstance(stopwords, str) and stopwords == config.LEXICON_LANGUAGE):
        stopwords = stopset  # a file is read here once, not by every partition
    nodes = None
    if terms is not None:
        given = [terms] if isinstance(terms, str) else list(terms)
        nodes = frozenset(w.lower() if lower else w for t in given for w in t.split())
    counts = run_partitions(
        articles,
        pair_counts,
        combine_pairs,
        window=window,
        lower=lower,
        stopwords=stopwords,
        nodes=nodes,
        progress=progress,
    )
    pairs = counts.pairs[counts.pairs["n"].to_numpy() >= min_freq]
    w1, w2 = pairs["w1"].to_numpy(dtype=object), pairs["w2"].to_numpy(dtype=object)
    n = pairs["n"].to_numpy(dtype="int64")
    n_w1 = counts.words.reindex(w1).to_numpy(dtype="int64")
    n_w2 = counts.words.reindex(w2).to_numpy(dtype="int64")
    n_all = counts.n_tokens
    out = pd.DataFrame(
        {
            "w1": pd.array(w1.astype(str), dtype="string"),
            "w2": pd.array(w2.astype(str), dtype="string"),
            "n": n,
            "n_w1": n_w1,
            "n_w2": n_w2,
            "n_tokens": np.int64(n_all),
            **association_scores(n / (window - 1), n_w1, n_w2, n_all),
        }
    )
    # by score, then the words in code-point order (as sorted() orders them)
    _, rank = np.unique(np.concatenate([w1, w2]).astype(str), return_inverse=True)
    rank = rank.reshape(-1)
    order = np.lexsort((rank[len(w1) :], rank[: len(w1)], -out[sort].to_numpy(dtype="float64")))
    return out.iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class PairCounts:
    """Co-occurrence counts of some articles.

    Attributes
    ----------
    pairs : pandas.DataFrame
        ``w1``, ``w2`` (object str) and ``n`` (int64): every pair counted (no frequency filter).
    words : pandas.Series
        int64 count of every word (the index), stopwords included.
    n_tokens : int
        All tokens.
    """

    pairs: pd.DataFrame
    words: pd.Series
    n_tokens: int


def pair_counts(
    articles: pd.DataFrame,
    *,
    window: int = 2,
    lower: bool = True,
    stopwords="en",
    nodes: frozenset[str] | None = None,
    progress: bool = False,
) -> PairCounts:
    """The pair and word counts of one partition of articles, for :func:`collocations`.

    Parameters
    ----------
    articles : pandas.DataFrame
        One partition of an articles table.
    window, lower, stopwords
        As :func:`collocations` (``stopwords`` "en", a collection of words or None).
    nodes : frozenset of str, optional
        Keep only pairs with one of these words (None: all pairs).
    progress : bool
        Show a progress bar while the text layer is built.

    Returns
    -------
    PairCounts
        :func:`combine_pairs` joins partitions.
    """
    layer = text_layer(articles, progress=progress and not on_worker())
    codes, words = _token_codes(articles, layer, lower=lower)
    sent, doc = layer.tok_sent_global, layer.tok_doc
    stopset = resolve_stopwords(stopwords) or frozenset()
    stop_word = np.fromiter((w.lower() in stopset for w in words), bool, len(words))
    language = articles["language"] if "language" in articles else [None] * len(articles)
    applies = stopword_mask(pd.DataFrame({"language": language}), stopwords)
    usable = ~(stop_word[codes] & applies[doc])
    node = None
    if nodes is not None:
        node = np.fromiter((w in nodes for w in words), bool, len(words))[codes]
    width = np.int64(max(len(words), 1))
    keys = []
    for d in range(1, window):
        ok = (sent[:-d] == sent[d:]) & usable[:-d] & usable[d:]
        if node is not None:
            ok &= node[:-d] | node[d:]
        keys.append(codes[:-d][ok] * width + codes[d:][ok])
    pair, n = np.unique(np.concatenate(keys) if keys else np.zeros(0, np.int64), return_counts=True)
    forms = np.asarray(words, dtype=object)
    pairs = pd.DataFrame(
        {"w1": forms[pair // width], "w2": forms[pair % width], "n": n.astype("int64")}
    )
    counts = np.bincount(codes, minlength=len(words)).astype("int64")
    return PairCounts(pairs, pd.Series(counts, index=pd.Index(forms, dtype=object)), len(codes))


def combine_pairs(parts) -> PairCounts:
    """The counts of partitions summed by pair and by word; associative."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    pairs = pd.concat([p.pairs for p in parts], ignore_index=True)
    summed = pairs.groupby(["w1", "w2"], sort=False)["n"].sum().reset_index()
    words = pd.concat([p.words for p in parts]).groupby(level=0, sort=False).sum()
    return PairCounts(
        summed.astype({"n": "int64"}), words.astype("int64"), sum(p.n_tokens for p in parts)
    )


def _token_codes(articles: pd.DataFrame, layer, *, lower: bool):
    """The tokens of the text layer as codes into an array of their forms (lower-cased or as
    written)."""
    if lower:
        used, codes = np.unique(layer.tok_id, return_inverse=True)
        return codes.astype(np.int64), layer.vocab[used]
    texts = articles["text"].tolist()
    spans = zip(layer.tok_doc.tolist(), layer.tok_start.tolist(), layer.tok_end.tolist())
    codes, uniques = pd.factorize(pd.Series([texts[d][s:e] for d, s, e in spans], dtype=object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def association_scores(n_ii, n_ix, n_xi, n_xx) -> dict[str, np.ndarray]:
    """NLTK's ``BigramAssocMeasures`` of every pair at once, in NLTK's order of operations.

    ``n_ii`` is the pair count (divided by ``window - 1``, as NLTK's finder does), ``n_ix``
    and ``n_xi`` the counts of the two words, ``n_xx`` the number of tokens.
    """
    n_ii = np.asarray(n_ii, dtype="float64")
    n_ix, n_xi = np.asarray(n_ix, dtype="int64"), np.asarray(n_xi, dtype="int64")
    both = (n_ix * n_xi).astype("float64")
    n_oi, n_io = n_xi - n_ii, n_ix - n_ii
    cont = (n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io)
    total = cont[0] + cont[1] + cont[2] + cont[3]
    lr = np.zeros_like(n_ii)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(4):
            exp = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total
            lr = lr + cont[i] * np.log(cont[i] / (exp + _SMALL) + _SMALL)
        c0, c1, c2, c3 = cont
        phi = (c0 * c3 - c1 * c2) ** 2 / ((c0 + c1) * (c0 + c2) * (c1 + c3) * (c2 + c3))
        return {
            "pmi": np.log2(n_ii * n_xx) - np.log2(both),
            "likelihood_ratio": 2 * lr,
            "t_score": (n_ii - both / n_xx) / (n_ii + _SMALL) ** 0.5,
            "chi_sq": n_xx * phi,
            "dice": 2 * n_ii / (n_ix + n_xi),
        }
