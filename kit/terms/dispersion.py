"""Dispersion: how evenly terms spread over the parts of a corpus (articles, outlets, days).

Juilland's D and Gries' DP are short closed formulas on the part frequencies; no maintained
Python package computes them on a sparse matrix, so they are written here (checked in the
tests against the worked example of Gries 2008).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.parallel import accepts_dask
from kit.terms.kwic import compile_pattern, find_spans
from kit.terms.matrix import columns_dense, grouped, term_columns
from kit.text.dtm import chosen_terms_matrix
from kit.validate import require_columns


def _terms_list(terms, lower: bool = True) -> list[str]:
    items = [terms] if isinstance(terms, str) else list(terms or [])
    items = [" ".join((str(t).lower() if lower else str(t)).split()) for t in items]
    items = [t for t in items if t]
    if not items:
        raise ParameterError("terms", terms, "a non-empty word/phrase or list of them")
    return items


def _ngram_terms(terms, lower: bool = True) -> tuple[list[str], int]:
    """:func:`_terms_list` plus the longest term's number of words (at most three)."""
    items = _terms_list(terms, lower)
    longest = max(len(t.split()) for t in items)
    if longest > 3:
        raise ParameterError("terms", terms, "words or phrases of at most three words")
    return items, longest


def dispersion_measures(freqs, sizes) -> dict[str, np.ndarray]:
    """Juilland's D, Gries' DP and DP normalized, for terms x parts frequencies.

    Parameters
    ----------
    freqs : array-like, shape (terms, parts)
        Occurrences of each term in each part.
    sizes : array-like, shape (parts,)
        Part sizes in tokens.

    Returns
    -------
    dict
        ``juilland_d``: 1 - (sd / mean) / sqrt(n - 1) over the relative frequencies
        f_i / size_i (population sd; Juilland & Chang-Rodriguez 1964, with the size
        adjustment described by Gries 2008); ``dp``: half the sum of |f_i / f - size_i / size|
        (Gries 2008); ``dp_norm``: dp / (1 - min share) (Lijffijt & Gries 2012). NaN for terms
        that never occur (and D for a single part).

    Examples
    --------
    >>> m = dispersion_measures([[1, 2, 3, 4, 5]], [9, 10, 10, 10, 11])
    >>> round(float(m["dp"][0]), 2)
    0.18
    """
    f = np.atleast_2d(np.asarray(freqs, dtype="float64"))
    s = np.asarray(sizes, dtype="float64")
    n = f.shape[1]
    if n == 0:  # no parts (an empty corpus): nothing is dispersed
        empty = np.full(len(f), np.nan)
        return {"juilland_d": empty, "dp": empty.copy(), "dp_norm": empty.copy()}
    share = s / s.sum()
    total = f.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = np.abs(f / total - share).sum(axis=1) / 2
        rel = f / np.where(s > 0, s, np.nan)
        mean = np.nanmean(rel, axis=1)
        sd = np.nanstd(rel, axis=1)
        d = 1 - (sd / mean) / np.sqrt(n - 1) if n > 1 else np.full(len(f), np.nan)
        dp_norm = dp / (1 - share.min())
    zero = total.ravel() == 0
    for arr in (dp, d, dp_norm):
        arr[zero] = np.nan
    return {"juilland_d": d, "dp": dp, "dp_norm": dp_norm}


@accepts_dask
def dispersion(
    articles: pd.DataFrame, terms, *, parts="doc_id", lower: bool = True
) -> pd.DataFrame:
    """Dispersion of terms over the parts of the corpus.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table.
    terms : str or list of str
        Words or phrases (up to three words).
    parts : str, Series or DataFrame
        What a part is: a column (``"doc_id"``, ``"outlet"``), ``"day"``/``"week"``/
        ``"month"``, or any ``group_by`` of :func:`kit.text.dtm.group_keys`.
    lower : bool
        Count case-insensitively.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term``, ``n``, ``n_parts`` (parts in the corpus), ``range``
        (parts containing the term), ``juilland_d``, ``dp``, ``dp_norm``.

    Raises
    ------
    ParameterError
        For empty ``terms``, a term longer than three words or a bad ``parts``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Iran hit back.", "Iran said no."]})
    >>> dispersion(arts, ["iran", "back"])[["term", "range", "dp"]].values.tolist()
    [['iran', 2, 0.0], ['back', 1, 0.5]]
    """
    items, _ = _ngram_terms(terms, lower)
    m = grouped(chosen_terms_matrix(articles, items, lower=lower), articles, parts)
    freqs = np.ascontiguousarray(columns_dense(m, term_columns(m, items)).T)
    res = dispersion_measures(freqs, m.rows["n_tokens"].to_numpy())
    return pd.DataFrame(
        {
            "term": pd.array(items, dtype="string"),
            "n": freqs.sum(axis=1).astype("int64"),
            "n_parts": m.matrix.shape[0],
            "range": (freqs > 0).sum(axis=1).astype("int64"),
            **res,
        }
    )


@accepts_dask
def term_positions(articles: pd.DataFrame, terms, *, order_by: str = "published") -> pd.DataFrame:
    """Where each term occurs along the corpus: the data of a lexical dispersion plot.

    Articles are laid end to end (sorted by ``order_by``, then ``doc_id``); ``position`` is the
    match offset in that concatenation, ``doc_index`` the article's rank.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``doc_id``, ``doc_index``, ``start``, ``end``, ``position``; ``df.attrs``
        holds ``doc_starts`` (offset of each article) and ``total_chars``.

    Raises
    ------
    SchemaError
        When ``doc_id`` or ``text`` is missing.
    """
    items = _terms_list(terms)
    require_columns(articles, ["doc_id", "text"], "term_positions")
    key = [order_by, "doc_id"] if order_by in articles.columns else ["doc_id"]
    ordered = articles.sort_values(key, kind="stable", na_position="last")
    lengths = ordered["text"].fillna("").str.len().to_numpy(dtype="int64")
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
    patterns = [compile_pattern(t, False, False) for t in items]
    which, doc, start, end = find_spans(ordered["text"].tolist(), patterns, progress=False)
    out = pd.DataFrame(
        {
            "term": pd.array(np.asarray(items, dtype=object)[which], dtype="string"),
            "doc_id": pd.array(ordered["doc_id"].to_numpy(dtype=object)[doc], dtype="string"),
            "doc_index": doc,
            "start": start,
            "end": end,
            "position": start + starts[doc],
        }
    )
    out.attrs.update(
        {"doc_starts": starts.tolist(), "total_chars": int(lengths.sum()), "terms": items}
    )
    return out
