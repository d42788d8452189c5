"""The per-article document-term matrix every term measure starts from, summed by group.

Each measure asks :func:`kit.text.dtm.document_term_matrix` for one row per article (so
measures with the same n-gram and stopword settings share one memoized matrix) and sums the
rows it needs here with one sparse product, instead of counting the corpus again per grouping.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kit.text.dtm import DocumentTermMatrix, group_keys


def group_indicator(articles: pd.DataFrame, group_by) -> tuple[sp.csr_matrix, np.ndarray]:
    """Groups x articles 0/1 matrix of a ``group_by`` (:func:`kit.text.dtm.group_keys`).

    Returns
    -------
    (scipy.sparse.csr_matrix, numpy.ndarray)
        The indicator (int64) and the group labels, sorted, one per row.
    """
    pairs = group_keys(articles, group_by)
    codes, labels = pd.factorize(pairs["group"], sort=True)
    g = sp.csr_matrix(
        (np.ones(len(pairs), np.int64), (codes, pairs["pos"].to_numpy())),
        shape=(len(labels), len(articles)),
    )
    return g, np.asarray(labels)


def grouped(m: DocumentTermMatrix, articles: pd.DataFrame, group_by) -> DocumentTermMatrix:
    """Sum the article rows of ``m`` by group: the matrix ``document_term_matrix`` gives with
    the same ``group_by``, with sorted indices."""
    g, labels = group_indicator(articles, group_by)
    present = m.matrix.copy()
    present.data = np.ones_like(present.data)
    rows = pd.DataFrame(
        {
            "group": labels,
            "n_docs": np.asarray(g.sum(axis=1)).ravel(),
            "n_tokens": g @ m.rows["n_tokens"].to_numpy(),
        }
    )
    counts, doc_freq = (g @ m.matrix).tocsr(), (g @ present).tocsr()
    counts.sort_indices()
    doc_freq.sort_indices()
    return DocumentTermMatrix(counts, m.terms, rows, doc_freq, "group")


def term_columns(m: DocumentTermMatrix, items: list[str]) -> np.ndarray:
    """Column of each term in ``m`` (its terms are sorted), -1 when it is not counted."""
    if len(m.terms) == 0:
        return np.full(len(items), -1, np.int64)
    wanted = np.asarray(items, dtype=object)
    pos = np.minimum(np.searchsorted(m.terms, wanted), len(m.terms) - 1)
    return np.where(m.terms[pos] == wanted, pos, -1).astype(np.int64)


def columns_dense(m: DocumentTermMatrix, cols: np.ndarray) -> np.ndarray:
    """Rows x len(cols) dense counts of the given columns (zeros for column -1)."""
    out = np.zeros((m.matrix.shape[0], len(cols)), np.int64)
    found = cols >= 0
    if found.any():
        out[:, found] = m.matrix[:, cols[found]].toarray()
    return out
