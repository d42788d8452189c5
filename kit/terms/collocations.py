"""Collocations: word pairs that co-occur within a window, scored with NLTK's measures.

Counting follows NLTK's ``BigramCollocationFinder.from_words(words, window_size)`` with the
sentences of :func:`kit.text.sentences` padded apart, so no pair spans a sentence boundary;
it is vectorized with NumPy/pandas instead of NLTK's per-token loop. The scores are NLTK's own
``BigramAssocMeasures`` functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from nltk.metrics.association import BigramAssocMeasures

from kit.errors import ParameterError
from kit.progress import progress_bar
from kit.text import TOKEN_RE, split_sentences
from kit.text.stopwords import resolve_stopwords, stopword_mask
from kit.validate import require_columns

#: output column -> NLTK measure
MEASURES = {
    "pmi": BigramAssocMeasures.pmi,
    "likelihood_ratio": BigramAssocMeasures.likelihood_ratio,
    "t_score": BigramAssocMeasures.student_t,
    "chi_sq": BigramAssocMeasures.chi_sq,
    "dice": BigramAssocMeasures.dice,
}


def sentence_tokens(
    articles: pd.DataFrame, *, lower: bool = True, progress: bool = True
) -> pd.DataFrame:
    """Tokens with their article and sentence: doc_id, sent_id, token, start, end, language."""
    require_columns(articles, ["doc_id", "text"], "collocations")
    rows = []
    lang = articles["language"].tolist() if "language" in articles else [None] * len(articles)
    triples = zip(articles["doc_id"].tolist(), articles["text"].tolist(), lang)
    for doc_id, text, language in progress_bar(
        triples, total=len(articles), progress=progress, desc="tokens", unit="article"
    ):
        if not isinstance(text, str):
            continue
        for sent_id, (s, e) in enumerate(split_sentences(text)):
            for m in TOKEN_RE.finditer(text, s, e):
                tok = m.group(0).lower() if lower else m.group(0)
                rows.append((doc_id, sent_id, tok, m.start(), m.end(), language))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "token", "start", "end", "language"])


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
    articles : pandas.DataFrame
        An articles table.
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
    toks = sentence_tokens(articles, lower=lower, progress=progress)
    stopset = resolve_stopwords(stopwords) or frozenset()
    codes, vocab = pd.factorize(toks["token"])
    words = np.asarray(vocab, dtype=object)
    word_fd = np.bincount(codes, minlength=len(words)) if len(codes) else np.zeros(0, int)
    stop_word = np.fromiter((w.lower() in stopset for w in words), bool, len(words))
    stop = stop_word[codes] & stopword_mask(toks, stopwords) if len(codes) else np.zeros(0, bool)
    sent = (
        pd.factorize(pd.MultiIndex.from_frame(toks[["doc_id", "sent_id"]]))[0]
        if len(toks)
        else np.zeros(0, int)
    )
    pairs = []
    for d in range(1, window):
        ok = (sent[:-d] == sent[d:]) & ~stop[:-d] & ~stop[d:] if len(codes) > d else []
        if len(ok):
            pairs.append(np.stack([codes[:-d][ok], codes[d:][ok]], axis=1))
    allp = np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64)
    counted = pd.DataFrame(allp, columns=["a", "b"]).value_counts().rename("n").reset_index()
    counted = counted[counted["n"] >= min_freq]
    if terms is not None:
        given = [terms] if isinstance(terms, str) else list(terms)
        nodes = {w.lower() if lower else w for t in given for w in t.split()}
        node = np.fromiter((w in nodes for w in words), bool, len(words))
        counted = counted[node[counted["a"]] | node[counted["b"]]] if len(counted) else counted
    n_all = len(codes)
    out = pd.DataFrame(
        {
            "w1": words[counted["a"].to_numpy()].astype(str),
            "w2": words[counted["b"].to_numpy()].astype(str),
            "n": counted["n"].to_numpy(dtype="int64"),
            "n_w1": word_fd[counted["a"].to_numpy()].astype("int64"),
            "n_w2": word_fd[counted["b"].to_numpy()].astype("int64"),
            "n_tokens": n_all,
        }
    )
    for name, measure in MEASURES.items():
        out[name] = [
            measure(n / (window - 1), (a, b), n_all)
            for n, a, b in zip(out["n"], out["n_w1"], out["n_w2"])
        ]
    out = out.astype({"w1": "string", "w2": "string", "n_tokens": "int64"})
    out = out.astype(dict.fromkeys(MEASURES, "float64"))
    return out.sort_values(
        [sort, "w1", "w2"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
