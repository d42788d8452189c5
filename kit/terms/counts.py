"""Term frequencies per group and TF-IDF, from one per-article matrix summed by group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.parallel import is_dask
from kit.terms.matrix import grouped
from kit.terms.select import label_of
from kit.text.dtm import document_term_matrix
from kit.text.tokens import RATE_COLUMN, rate
from kit.validate import check_column


def count_terms(
    articles: pd.DataFrame,
    *,
    group_by=None,
    ngram_range=(1, 1),
    lower: bool = True,
    stopwords="en",
    min_count: int = 1,
    min_df=1,
    progress: bool = True,
) -> pd.DataFrame:
    """Count terms (unigrams to trigrams) in the whole corpus or per group.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (a Dask table is counted partition by partition).
    group_by : str, Series or DataFrame, optional
        A column (``"outlet"``, ``"doc_id"``), ``"day"``/``"week"``/``"month"``, a Series or a
        DataFrame[doc_id, group] (see :func:`kit.text.dtm.group_keys`). None counts the corpus.
    ngram_range, lower, stopwords, min_count, min_df, progress
        As in :func:`kit.text.dtm.document_term_matrix` (``min_count``/``min_df`` over the corpus).

    Returns
    -------
    pandas.DataFrame
        One row per (group, term) with count > 0: the group column (named after ``group_by``;
        absent when None), ``term``, ``n``, ``per_1k_tokens`` (per 1,000 tokens of the group,
        stopwords included), ``doc_freq`` (articles of the group containing it), ``n_docs`` and
        ``n_tokens`` (of the group). Sorted by group, then ``n`` descending, then term.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "language": "en",
    ...                      "text": ["Drones hit Iran.", "Drones, drones."]})
    >>> count_terms(arts, group_by="outlet")[["outlet", "term", "n", "per_1k_tokens"]]
      outlet    term  n  per_1k_tokens
    0      X  drones  1     333.333333
    1      X     hit  1     333.333333
    2      X    iran  1     333.333333
    3      Y  drones  2    1000.000000
    """
    grouping = group_by
    if group_by is None:  # the whole corpus is one group
        articles, grouping = articles.assign(**{_ALL: "all"}), _ALL
    m = _group_matrix(
        articles, grouping, ngram_range, lower, stopwords, min_count, min_df, progress
    )
    out = _cells(m, m.matrix.data)
    if group_by is None:
        return out.drop(columns="group")
    return out.rename(columns={"group": label_of(group_by)})


_ALL = "__kit_all__"  # the one group of a corpus counted as a whole


def _group_matrix(articles, group_by, ngram_range, lower, stopwords, min_count, min_df, progress):
    """The per-article matrix of these settings (one pass, shared), summed by ``group_by``.

    A Dask table is counted partition by partition and summed by group as it is combined
    (:func:`kit.text.dtm.document_term_matrix`), so its texts never leave the partitions.
    """
    settings = dict(
        ngram_range=ngram_range,
        lower=lower,
        stopwords=stopwords,
        min_count=min_count,
        min_df=min_df,
        progress=progress,
    )
    if is_dask(articles):
        return document_term_matrix(articles, group_by=group_by, **settings)
    return grouped(document_term_matrix(articles, **settings), articles, group_by)


def _cells(m, key, extra=None) -> pd.DataFrame:
    """The non-zero cells of a grouped matrix as the :func:`count_terms` table (plus the
    ``extra`` columns, arrays aligned with the matrix data), ordered by group, then ``key``
    (aligned too) descending, then term (terms are sorted, so by column)."""
    x = m.matrix
    row = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    col = x.indices
    order = np.lexsort((col, -np.asarray(key), row))
    row, col = row[order], col[order]
    n = x.data[order].astype("int64")
    n_tokens = m.rows["n_tokens"].to_numpy()[row]
    return pd.DataFrame(
        {
            "group": m.rows["group"].to_numpy()[row],
            "term": pd.array(m.terms[col], dtype="string"),
            "n": n,
            RATE_COLUMN: rate(n, n_tokens),
            "doc_freq": m.doc_freq.data[order].astype("int64"),
            "n_docs": m.rows["n_docs"].to_numpy()[row].astype("int64"),
            "n_tokens": n_tokens.astype("int64"),
            **{name: values[order] for name, values in (extra or {}).items()},
        }
    )


def top_terms(
    counts: pd.DataFrame, *, n: int = 10, group_by: str | None = None, sort: str = "n"
) -> pd.DataFrame:
    """Return the ``n`` highest rows of a counts table, per value of column ``group_by``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"g": ["a", "a", "b"], "term": ["x", "y", "z"], "n": [1, 5, 2]})
    >>> top_terms(c, n=1, group_by="g")["term"].tolist()
    ['y', 'z']
    """
    check_column(counts, "sort", sort)
    if group_by is not None:
        check_column(counts, "group_by", group_by)
    # only rows that can be among the first n need the sort by term: those ranked <= n by
    # value (ties included), and rows without a value (sorted last)
    values = counts[sort] if group_by is None else counts.groupby(group_by)[sort]
    rank = values.rank(method="min", ascending=False)
    ordered = counts[(rank <= n) | counts[sort].isna()].sort_values(
        [sort, "term"], ascending=[False, True], kind="stable"
    )
    if group_by is None:
        return ordered.head(n).reset_index(drop=True)
    return (
        ordered.groupby(group_by, sort=True, observed=True)
        .head(n)
        .sort_values([group_by, sort, "term"], ascending=[True, False, True], kind="stable")
        .reset_index(drop=True)
    )


def bind_tf_idf(
    counts: pd.DataFrame,
    *,
    document: str = "doc_id",
    term: str = "term",
    n: str = "n",
    sublinear_tf: bool = False,
    smooth_idf: bool = True,
    norm: str | None = "l2",
    n_documents: int | None = None,
) -> pd.DataFrame:
    """Add ``tf``, ``idf`` and ``tf_idf`` columns to a tidy (document, term, n) table.

    The formulas are scikit-learn's ``TfidfTransformer``: ``tf`` is the raw count, or
    ``1 + ln(count)`` with ``sublinear_tf``; ``idf = ln((1 + N) / (1 + df)) + 1`` with
    ``smooth_idf``, else ``ln(N / df) + 1``; ``tf_idf = tf * idf``, then divided by the
    document's L2 or L1 norm (``norm``) or left as is (None). N is the number of documents in
    the table unless ``n_documents`` says otherwise (documents without any term are absent from
    a tidy table but count in scikit-learn's N).

    Parameters
    ----------
    counts : pandas.DataFrame
        One row per (document, term) with a count column.
    document, term, n : str
        Column names.
    sublinear_tf, smooth_idf : bool
        See above.
    norm : {"l2", "l1", None}
    n_documents : int, optional

    Returns
    -------
    pandas.DataFrame
        ``counts`` plus ``tf``, ``idf``, ``tf_idf`` (a new frame; the input is untouched).

    Raises
    ------
    ParameterError
        For a missing column or an unknown ``norm``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["x", "y", "x"], "n": [2, 1, 1]})
    >>> bind_tf_idf(c, norm=None)["tf_idf"].round(3).tolist()
    [2.0, 1.405, 1.0]
    """
    for col, name in ((document, "document"), (term, "term"), (n, "n")):
        check_column(counts, name, col)
    if norm not in ("l2", "l1", None):
        raise ParameterError("norm", norm, "'l2', 'l1' or None")
    out = counts.copy()
    n_docs = n_documents if n_documents is not None else out[document].nunique()
    present = out[out[n] > 0]
    df = present.groupby(term, observed=True)[document].nunique()
    dfv = out[term].map(df).fillna(0).to_numpy(dtype="float64")
    docs = pd.factorize(out[document])[0]
    out["tf"], out["idf"], out["tf_idf"] = tfidf_weights(
        out[n].to_numpy(dtype="float64"), dfv, docs, n_docs, sublinear_tf, smooth_idf, norm
    )
    return out


def tfidf_weights(counts, df, docs, n_docs, sublinear_tf, smooth_idf, norm):
    """scikit-learn's TF-IDF of cells: counts, their term's document frequency and their
    document's code (-1 for none), see :func:`bind_tf_idf`.

    Returns
    -------
    tuple of numpy.ndarray
        ``(tf, idf, tf_idf)``, aligned with the cells.
    """
    counts = np.asarray(counts, dtype="float64")
    with np.errstate(divide="ignore"):
        tf = np.where(counts > 0, 1 + np.log(counts), 0.0) if sublinear_tf else counts
    df = np.asarray(df, dtype="float64")
    idf = (np.log((1 + n_docs) / (1 + df)) + 1) if smooth_idf else (np.log(n_docs / df) + 1)
    w = tf * idf
    if norm is not None and len(w):
        part = w**2 if norm == "l2" else np.abs(w)
        known = docs >= 0
        sums = np.bincount(docs[known], weights=part[known])
        total = np.zeros_like(w)
        total[known] = np.sqrt(sums)[docs[known]] if norm == "l2" else sums[docs[known]]
        w = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    return tf, idf, w


def tf_idf(
    articles: pd.DataFrame,
    *,
    group_by="doc_id",
    ngram_range=(1, 1),
    lower: bool = True,
    stopwords="en",
    min_count: int = 1,
    sublinear_tf: bool = False,
    smooth_idf: bool = True,
    norm: str | None = "l2",
) -> pd.DataFrame:
    """Count terms per document (or per group, each group one "document") and bind TF-IDF.

    Returns
    -------
    pandas.DataFrame
        The :func:`count_terms` table plus ``tf``, ``idf``, ``tf_idf``, sorted by group and
        ``tf_idf`` descending.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "language": "en",
    ...                      "text": ["Drones hit Iran.", "Drones, drones."]})
    >>> tf_idf(arts).groupby("doc_id").head(1)["term"].tolist()
    ['hit', 'drones']
    """
    if norm not in ("l2", "l1", None):
        raise ParameterError("norm", norm, "'l2', 'l1' or None")
    m = _group_matrix(articles, group_by, ngram_range, lower, stopwords, min_count, 1, True)
    x = m.matrix
    per_doc = isinstance(group_by, str) and group_by == "doc_id"
    n_docs = int(m.rows["n_docs"].sum()) if per_doc else int(np.count_nonzero(np.diff(x.indptr)))
    df = np.bincount(x.indices, minlength=x.shape[1])[x.indices]
    row = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    tf, idf, w = tfidf_weights(x.data, df, row, n_docs, sublinear_tf, smooth_idf, norm)
    out = _cells(m, w, {"tf": tf, "idf": idf, "tf_idf": w})
    return out.rename(columns={"group": label_of(group_by)})
