"""Document-term matrices: counts of unigrams to trigrams per article or per group.

Tokens and sentences come from the shared text layer (:func:`kit.text.text_layer`: built once
per corpus and cached), so a second matrix of the same articles tokenizes nothing. Counting is
vectorized rather than a loop over every token (as scikit-learn's CountVectorizer does): token
ids come from the layer, n-grams are integer codes built with NumPy, and only each batch's
distinct n-grams go through a Python dict. ``bench/bench_terms.py`` compares it with
CountVectorizer (the identical matrix).

The measure is :func:`partition_counts` over one partition of articles and the associative
:func:`combine_counts` (:func:`kit.parallel.run_partitions`), so a pandas table, a Dask table and
a cluster give the same matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from kit import config
from kit.errors import ParameterError
from kit.parallel import is_dask, on_worker, partitions, run_partitions
from kit.progress import progress_bar
from kit.text.layer import TextLayer, text_layer
from kit.text.periods import GROUP_PERIODS, group_values
from kit.text.stopwords import resolve_stopwords, stopword_mask
from kit.validate import require_columns

_SHIFT = np.int64(2**31)  # n-gram code = (n-1)-gram id * 2**31 + last token id


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Counts of terms per row (an article or a group of articles).

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Rows x terms, int64 counts.
    terms : numpy.ndarray
        The column labels (str; n-grams joined by one space), sorted.
    rows : pandas.DataFrame
        One row per matrix row: the key column (``doc_id`` or the group column), ``n_docs``
        (articles in the row) and ``n_tokens`` (all tokens, stopwords included: the
        denominator of rates).
    group_doc_freq : scipy.sparse.csr_matrix or None
        For group rows: number of the group's articles that contain the term (None for
        article rows; see :attr:`doc_freq`).
    key : str
        Name of the key column of ``rows``.
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    rows: pd.DataFrame
    group_doc_freq: sp.csr_matrix | None
    key: str

    @property
    def doc_freq(self) -> sp.csr_matrix:
        """Rows x terms: number of the row's articles that contain the term."""
        if self.group_doc_freq is not None:
            return self.group_doc_freq
        return (self.matrix > 0).astype(np.int64).tocsr()

    def to_frame(self) -> pd.DataFrame:
        """Return the non-zero cells as a long table: key, term, n, doc_freq."""
        coo = self.matrix.tocoo()
        if self.group_doc_freq is None or coo.nnz == 0:  # (no cell: nothing to look up)
            df = np.ones(coo.nnz, np.int64)
        else:
            df = np.asarray(self.group_doc_freq[coo.row, coo.col]).ravel()
        out = pd.DataFrame(
            {
                self.key: self.rows[self.key].to_numpy()[coo.row],
                "term": self.terms[coo.col],
                "n": coo.data.astype("int64"),
                "doc_freq": np.asarray(df, dtype="int64"),
            }
        )
        return (
            out.sort_values([self.key, "term"], kind="stable")
            .reset_index(drop=True)
            .astype({"term": "string"})
        )


def check_ngram_range(ngram_range) -> tuple[int, int]:
    try:
        lo, hi = (int(v) for v in ngram_range)
    except (TypeError, ValueError):
        lo, hi = 0, 0
    if not 1 <= lo <= hi <= 3:
        raise ParameterError(
            "ngram_range", ngram_range, "two integers (min, max) with 1 <= min <= max <= 3"
        )
    return lo, hi


def group_keys(articles: pd.DataFrame, group_by) -> pd.DataFrame:
    """Return the (row position, group) pairs for a ``group_by`` parameter.

    ``group_by`` is a column name; a period of ``published`` (``"day"`` ... ``"year"``, labelled
    as :func:`kit.text.periods.group_values`) when no such column exists; a Series aligned
    with ``articles``; or a DataFrame with ``doc_id`` and ``group`` columns (an article may be in several groups, e.g.
    every actor it mentions). Rows whose group is missing are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``pos`` (row position in ``articles``) and ``group``.

    Raises
    ------
    ParameterError
        For an unknown column or a malformed mapping.
    """
    pos = np.arange(len(articles))
    if isinstance(group_by, pd.DataFrame):
        if not {"doc_id", "group"} <= set(group_by.columns):
            raise ParameterError(
                "group_by", list(group_by.columns), "a DataFrame with columns doc_id and group"
            )
        where = pd.Series(pos, index=articles["doc_id"].to_numpy())
        m = group_by[group_by["doc_id"].isin(where.index)].drop_duplicates(["doc_id", "group"])
        pairs = pd.DataFrame(
            {"pos": where.loc[m["doc_id"].to_numpy()].to_numpy(), "group": m["group"].to_numpy()}
        )
    elif isinstance(group_by, pd.Series):
        if len(group_by) != len(articles):
            raise ParameterError(
                "group_by",
                f"Series of length {len(group_by)}",
                f"a Series with one value per article ({len(articles)})",
            )
        pairs = pd.DataFrame({"pos": pos, "group": group_by.to_numpy()})
    elif isinstance(group_by, str) and (
        group_by in articles.columns or (group_by in GROUP_PERIODS and "published" in articles)
    ):
        pairs = pd.DataFrame({"pos": pos, "group": group_values(articles, group_by).to_numpy()})
    else:
        accepted = (
            f"a column of the articles table ({', '.join(map(str, articles.columns))}), "
            f"a period of published ({', '.join(GROUP_PERIODS)}), a Series or a "
            "DataFrame[doc_id, group]"
        )
        raise ParameterError("group_by", group_by, accepted)
    return pairs[pairs["group"].notna()].reset_index(drop=True)


def _level_matrix(docs, codes, n_rows, n_cols) -> sp.csr_matrix:
    """Count the (row, column) pairs into a canonical CSR matrix (rows x columns)."""
    key, counts = np.unique(np.asarray(docs, np.int64) * n_cols + codes, return_counts=True)
    indptr = np.zeros(n_rows + 1, np.int64)
    np.cumsum(np.bincount(key // n_cols, minlength=n_rows), out=indptr[1:])
    return sp.csr_matrix((counts.astype(np.int64), key % n_cols, indptr), shape=(n_rows, n_cols))


def document_term_matrix(
    articles,
    *,
    ngram_range=(1, 1),
    lower: bool = True,
    stopwords="en",
    min_count: int = 1,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    group_by=None,
    within_sentences: bool = True,
    batch_size: int = 2000,
    progress: bool = True,
) -> DocumentTermMatrix:
    """Count unigrams to trigrams per article (or per group of articles).

    The counts are a function over one partition of articles and an associative combine
    (:func:`kit.parallel.run_partitions`): a pandas table is one partition (or partitions of
    :data:`kit.parallel.PARTITION_ROWS` articles on a connected cluster,
    :func:`kit.parallel.partitions`), a Dask table is counted partition by partition. Each
    partition gives its matrix without frequency filters; the combine unions the vocabularies,
    stacks the article rows in partition order (or sums the rows of each group) and sums the
    counts; ``min_count``, ``min_df`` and ``max_df`` apply to the combined counts, so every
    engine gives the same matrix.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (needs ``doc_id`` and ``text``; ``language`` for stopwords).
    ngram_range : (int, int)
        Smallest and largest n, 1 <= n <= 3. N-grams do not span a removed stopword.
    lower : bool
        Lower-case before counting.
    stopwords : "en", str path, collection of str, or None
        ``"en"``: kit's English list (:func:`kit.text.stopwords.load_stopwords`), applied only to
        articles whose ``language`` is "en"; a ``.txt`` file of words or a collection of
        words (applied to every article); None: keep every token.
    min_count : int
        Drop terms whose total count is lower.
    min_df, max_df : int or float
        Keep terms found in at least ``min_df`` and at most ``max_df`` articles (a float in
        (0, 1] is a share of the articles).
    group_by : str, Series or DataFrame, optional
        Sum the rows by group (see :func:`group_keys`); None keeps one row per article. A
        Series (aligned with the rows) needs a pandas table.
    within_sentences : bool
        N-grams never span a sentence boundary (:func:`kit.text.split_sentences`). False
        counts them across boundaries, as scikit-learn's CountVectorizer does (faster).
    batch_size : int
        Articles counted at a time (bounds the memory of the n-gram codes).
    progress : bool
        Show a progress bar.

    Returns
    -------
    DocumentTermMatrix
        ``rows`` has ``doc_id`` (or ``group``), ``n_docs`` and ``n_tokens``.

    Raises
    ------
    ParameterError
        For a bad ``ngram_range``, ``min_count``, ``min_df``/``max_df`` or ``group_by``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "language": ["en", "en"],
    ...                      "text": ["Iran's drones hit.", "Drones, drones."]})
    >>> m = document_term_matrix(arts, ngram_range=(1, 2))
    >>> list(m.terms), m.matrix.toarray().tolist()
    (['drones', 'drones drones', 'drones hit', 'hit', 'iran'], [[1, 0, 1, 1, 1], [2, 1, 0, 0, 0]])
    """
    schema = articles._meta if is_dask(articles) else articles.head(0)  # the columns and dtypes
    require_columns(schema, ["doc_id", "text"], "document_term_matrix")
    lo, hi = check_ngram_range(ngram_range)
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ParameterError("min_count", min_count, "an integer >= 1")
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ParameterError("batch_size", batch_size, "an integer >= 1")
    stopset = resolve_stopwords(stopwords)
    if not (isinstance(stopwords, str) and stopwords == config.LEXICON_LANGUAGE):
        stopwords = stopset  # a file is read here once, not by every partition
    # checked before counting, so a bad value fails at once rather than after the whole corpus
    _df_bound("min_df", min_df, 1)
    _df_bound("max_df", max_df, 1)
    table = partitions(articles)
    if isinstance(group_by, pd.Series):
        if is_dask(articles):
            raise ParameterError(
                "group_by", "a pandas Series", "a column, a period or a DataFrame[doc_id, group]"
            )
        group_keys(articles, group_by)  # its length
        if is_dask(table):  # split for the cluster: the groups travel with their rows
            table = partitions(articles.assign(**{_GROUP_COLUMN: group_by.to_numpy()}))
            group_by = _GROUP_COLUMN
    elif group_by is not None:
        group_keys(schema, group_by)
    counts = run_partitions(
        table,
        partition_counts,
        combine_counts,
        ngram_range=(lo, hi),
        lower=lower,
        stopwords=stopwords,
        group_by=group_by,
        within_sentences=within_sentences,
        batch_size=batch_size,
        progress=progress,
    )
    return counts.filtered(min_count=min_count, min_df=min_df, max_df=max_df)


_GROUP_COLUMN = "__kit_group__"


@dataclass(frozen=True)
class TermCounts:
    """The counts of one partition of articles, or of several combined: a
    :class:`DocumentTermMatrix` of every term found (no frequency filter) and what the filters
    need, the count and the number of articles of each term over all the articles.

    Attributes
    ----------
    dtm : DocumentTermMatrix
        Every term found (sorted), article or group rows.
    total, df : numpy.ndarray
        int64 per term: its count, and the articles containing it (group rows or not).
    n_articles : int
        The articles counted.
    """

    dtm: DocumentTermMatrix
    total: np.ndarray
    df: np.ndarray
    n_articles: int

    def filtered(self, *, min_count: int = 1, min_df=1, max_df=1.0) -> DocumentTermMatrix:
        """The matrix of the terms that pass ``min_count``, ``min_df`` and ``max_df``."""
        lo_df = _df_bound("min_df", min_df, self.n_articles)
        hi_df = _df_bound("max_df", max_df, self.n_articles)
        keep = np.flatnonzero((self.total >= min_count) & (self.df >= lo_df) & (self.df <= hi_df))
        m = self.dtm
        if len(keep) == len(m.terms):
            return m
        gdf = None if m.group_doc_freq is None else m.group_doc_freq[:, keep].tocsr()
        return DocumentTermMatrix(m.matrix[:, keep].tocsr(), m.terms[keep], m.rows, gdf, m.key)


def partition_counts(
    articles: pd.DataFrame,
    *,
    ngram_range=(1, 1),
    lower: bool = True,
    stopwords="en",
    group_by=None,
    within_sentences: bool = True,
    batch_size: int = 2000,
    progress: bool = False,
) -> TermCounts:
    """The counts of one (pandas) partition: the measure of :func:`document_term_matrix`.

    Parameters
    ----------
    articles : pandas.DataFrame
        One partition of an articles table.
    ngram_range, lower, stopwords, group_by, within_sentences, batch_size, progress
        As :func:`document_term_matrix` (``ngram_range`` checked, ``stopwords`` "en", a
        collection of words or None).

    Returns
    -------
    TermCounts
        Every term of the partition, unfiltered; :func:`combine_counts` joins partitions.
    """
    lo, hi = ngram_range
    stopset = resolve_stopwords(stopwords)
    pairs = None if group_by is None else group_keys(articles, group_by)
    use_stop = stopword_mask(articles, stopwords) if stopset else np.zeros(len(articles), bool)
    worker = on_worker()  # a Dask worker builds in its own process and shows no bar
    progress = progress and not worker
    layer = text_layer(articles, jobs=1 if worker else None, progress=progress)
    words, word_ids = _words(layer, articles, lower=lower)
    if stopset is None:
        word_stop = np.zeros(len(words), bool)
    elif lower and isinstance(stopwords, str) and stopwords == config.LEXICON_LANGUAGE:
        word_stop = layer.vocab_is_stop
    else:
        word_stop = np.fromiter((w.lower() in stopset for w in words), bool, len(words))
    by_sentence = within_sentences and hi > 1
    n_docs = len(layer)
    n_tokens = layer.n_tokens

    gram_ids: list[dict[int, int]] = [dict() for _ in range(hi)]  # n-gram code -> column
    parts: list[list[sp.csr_matrix]] = [[] for _ in range(hi)]
    starts = range(0, n_docs, batch_size)
    for b0 in progress_bar(starts, progress=progress, desc="counting terms", unit="batch"):
        b1 = min(b0 + batch_size, n_docs)
        t0, t1 = layer.tok_ptr[b0], layer.tok_ptr[b1]
        counts = n_tokens[b0:b1]
        doc = np.repeat(np.arange(b1 - b0), counts)
        unit = (
            np.repeat(layer.sent_ptr[b0:b1], counts) + layer.tok_sent[t0:t1] if by_sentence else doc
        )
        codes = word_ids[t0:t1]
        stop = word_stop[codes] & use_stop[b0:b1][doc]
        ids = ids_unigram = np.where(stop, -1, codes)  # 1-gram id at each position, -1 = dropped
        width = len(words)  # columns of the current level
        for n in range(1, hi + 1):
            if n > 1:
                nxt = ids_unigram[n - 1 :]
                prev = ids[: len(nxt)]
                ok = (prev >= 0) & (nxt >= 0) & (unit[: len(nxt)] == unit[n - 1 :])
                keys = prev[ok] * _SHIFT + nxt[ok]
                kloc, kuniq = pd.factorize(keys)
                table = gram_ids[n - 1]
                kmap = np.fromiter(
                    (table.setdefault(k, len(table)) for k in kuniq.tolist()), np.int64, len(kuniq)
                )
                width = len(table)
                ids = np.full(len(nxt), -1, np.int64)
                ids[ok] = kmap[kloc]
            if n >= lo:
                keep = ids >= 0
                parts[n - 1].append(
                    _level_matrix(doc[: len(ids)][keep], ids[keep], b1 - b0, max(width, 1))
                )
    return _assemble(articles, parts, words, gram_ids, lo, hi, n_tokens, pairs)


def _words(layer: TextLayer, articles: pd.DataFrame, *, lower: bool):
    """The vocabulary and the id of every token: the layer's lower-cased forms, or (for
    ``lower=False``) the forms as written, cut from the texts at the layer's offsets."""
    if lower:
        return layer.vocab, layer.tok_id.astype(np.int64)
    forms: list[str] = []
    texts = articles["text"].tolist()
    for i, text in enumerate(texts):
        t0, t1 = layer.tok_ptr[i], layer.tok_ptr[i + 1]
        if t1 > t0:
            ends = layer.tok_end[t0:t1].tolist()
            forms.extend(text[s:e] for s, e in zip(layer.tok_start[t0:t1].tolist(), ends))
    codes, words = pd.factorize(pd.Series(forms, dtype=object), use_na_sentinel=False)
    return np.asarray(words, dtype=object), codes.astype(np.int64)


def _decode(words, gram_ids, n, cols) -> list[str]:
    """Turn column ids of level ``n`` back into strings."""
    if n == 1:
        return list(words[cols])
    keys = np.fromiter(gram_ids[n - 1], np.int64, len(gram_ids[n - 1]))[cols]
    prev = _decode(words, gram_ids, n - 1, keys // _SHIFT)
    return [f"{p} {w}" for p, w in zip(prev, words[keys % _SHIFT])]


def _assemble(articles, parts, words, gram_ids, lo, hi, n_tokens, pairs) -> TermCounts:
    n_docs = len(articles)
    blocks, labels = [], []
    for n in range(lo, hi + 1):
        width = len(words) if n == 1 else len(gram_ids[n - 1])
        mats = [
            sp.csr_matrix((p.data, p.indices, p.indptr), shape=(p.shape[0], width))
            for p in parts[n - 1]
        ]
        parts[n - 1].clear()  # free the batch matrices as soon as they are stacked
        blocks.append(
            sp.vstack(mats, format="csr")
            if mats
            else sp.csr_matrix((n_docs, width), dtype=np.int64)
        )
        del mats
        labels.append((n, width))
    x = sp.hstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]
    del blocks
    x.sum_duplicates()
    df = np.bincount(x.indices, minlength=x.shape[1])  # documents containing each term
    total = np.asarray(x.sum(axis=0)).ravel()
    keep = np.flatnonzero(total > 0)  # the layer's vocabulary may hold words of other articles
    labels_of: list[str] = []
    offset = 0
    for n, width in labels:
        cols = keep[(keep >= offset) & (keep < offset + width)] - offset
        labels_of.extend(_decode(words, gram_ids, n, cols) if len(cols) else [])
        offset += width
    terms = np.array(labels_of, dtype=object)
    order = _term_order(terms)
    cols = keep[order]
    x, terms = x[:, cols].astype(np.int64, copy=False).tocsr(), terms[order]
    total, df = total[cols].astype(np.int64), df[cols].astype(np.int64)
    if pairs is None:
        rows = pd.DataFrame(
            {"doc_id": articles["doc_id"].to_numpy(), "n_docs": 1, "n_tokens": n_tokens}
        ).astype({"doc_id": "string"})
        return TermCounts(DocumentTermMatrix(x, terms, rows, None, "doc_id"), total, df, n_docs)
    gcodes, groups = pd.factorize(pairs["group"], sort=True)
    g = sp.csr_matrix(
        (np.ones(len(pairs), np.int64), (gcodes, pairs["pos"].to_numpy())),
        shape=(len(groups), n_docs),
    )
    rows = pd.DataFrame(
        {"group": groups, "n_docs": np.asarray(g.sum(axis=1)).ravel(), "n_tokens": g @ n_tokens}
    )
    present = (x > 0).astype(np.int64)
    dtm = DocumentTermMatrix((g @ x).tocsr(), terms, rows, (g @ present).tocsr(), "group")
    return TermCounts(dtm, total, df, n_docs)


def _term_order(terms: np.ndarray) -> np.ndarray:
    """The positions of ``terms`` in sorted order."""
    # Arrow sorts UTF-8 bytes, i.e. code points: the order of Python's sorted(), in C++
    if not len(terms):
        return np.zeros(0, np.int64)
    return pc.sort_indices(pa.array(terms, type=pa.large_string())).to_numpy()


def combine_counts(parts) -> TermCounts:
    """Combine the counts of partitions (in partition order); associative.

    The vocabularies are united (sorted), article rows stacked in order, group rows summed by
    group, and the per-term counts and article numbers summed.
    """
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    every = np.concatenate([p.dtm.terms for p in parts])
    every = every[_term_order(every)]
    first = np.ones(len(every), bool)
    first[1:] = every[1:] != every[:-1]
    terms = every[first]
    width = len(terms)
    value_set = pa.array(terms, type=pa.large_string())

    def columns(p: TermCounts) -> np.ndarray:
        found = pa.array(p.dtm.terms, type=pa.large_string())
        return pc.index_in(found, value_set=value_set).to_numpy(zero_copy_only=False)

    maps = [columns(p).astype(np.int64) for p in parts]

    def widened(m: sp.csr_matrix, cols: np.ndarray) -> sp.csr_matrix:
        # both vocabularies are sorted, so the new column ids keep each row's order
        return sp.csr_matrix((m.data, cols[m.indices], m.indptr), shape=(m.shape[0], width))

    total = np.zeros(width, np.int64)
    df = np.zeros(width, np.int64)
    for p, cols in zip(parts, maps):
        total[cols] += p.total
        df[cols] += p.df
    n_articles = sum(p.n_articles for p in parts)
    stacked = sp.vstack([widened(p.dtm.matrix, c) for p, c in zip(parts, maps)], format="csr")
    key = parts[0].dtm.key
    if key == "doc_id":
        rows = pd.concat([p.dtm.rows for p in parts], ignore_index=True)
        return TermCounts(
            DocumentTermMatrix(stacked, terms, rows, None, key), total, df, n_articles
        )
    rows_of = [p.dtm.rows for p in parts if len(p.dtm.rows)] or [parts[0].dtm.rows]
    every_row = pd.concat(rows_of, ignore_index=True)
    codes, groups = pd.factorize(every_row["group"], sort=True)
    summed = sp.csr_matrix(
        (np.ones(len(codes), np.int64), (codes, np.arange(len(codes)))),
        shape=(len(groups), len(codes)),
    )
    gdf = sp.vstack(
        [widened(p.dtm.group_doc_freq, c) for p, c in zip(parts, maps) if len(p.dtm.rows)]
        or [sp.csr_matrix((0, width), dtype=np.int64)],
        format="csr",
    )
    rows = pd.DataFrame(
        {
            "group": groups,
            "n_docs": summed @ every_row["n_docs"].to_numpy(np.int64),
            "n_tokens": summed @ every_row["n_tokens"].to_numpy(np.int64),
        }
    )
    dtm = DocumentTermMatrix((summed @ stacked).tocsr(), terms, rows, (summed @ gdf).tocsr(), key)
    return TermCounts(dtm, total, df, n_articles)


def _df_bound(name, value, n_docs) -> float:
    if isinstance(value, (float, np.floating)) and 0 < value <= 1:
        return value * n_docs
    if isinstance(value, (int, np.integer)) and value >= 0:
        return float(value)
    raise ParameterError(name, value, "an integer count of articles or a float share in (0, 1]")


def chosen_terms_matrix(articles: pd.DataFrame, terms, *, lower: bool = True) -> DocumentTermMatrix:
    """Per-article counts of the given words and phrases only.

    The columns ``document_term_matrix(articles, ngram_range=(1, n), lower=lower,
    stopwords=None)`` has for these terms, found by comparing the token ids of the text layer
    at each offset of a phrase (one vectorized pass per term) instead of counting every n-gram
    of the corpus: what dispersion and trends of a few chosen terms need.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (needs ``doc_id`` and ``text``).
    terms : list of str
        Words or phrases, their tokens joined by one space (as the terms of a matrix are).
    lower : bool
        Match the lower-cased tokens (else the tokens as written).

    Returns
    -------
    DocumentTermMatrix
        One row per article; the distinct terms that occur, sorted.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Iran hit. Back home.", "Hit back."]})
    >>> m = chosen_terms_matrix(arts, ["hit back", "iran"])
    >>> list(m.terms), m.matrix.toarray().tolist()
    (['hit back', 'iran'], [[0, 1], [1, 0]])
    """
    require_columns(articles, ["doc_id", "text"], "chosen_terms_matrix")
    layer = text_layer(articles, progress=False)
    words, word_ids = _words(layer, articles, lower=lower)
    index = pd.Index(words)
    sentence = layer.tok_sent_global
    doc = layer.tok_doc
    wanted = np.unique(np.asarray(list(terms), dtype=object))
    columns, found = [], []
    for term in wanted:
        ids = index.get_indexer(term.split(" "))
        if (ids < 0).any() or len(ids) > len(word_ids):
            continue
        last = len(word_ids) - len(ids) + 1  # offsets where the phrase can start
        at = word_ids[:last] == ids[0]
        for k in range(1, len(ids)):
            at &= word_ids[k : last + k] == ids[k]
        if len(ids) > 1:
            at &= sentence[:last] == sentence[len(ids) - 1 :]  # n-grams stay in a sentence
        starts = np.flatnonzero(at)
        if len(starts):
            columns.append(np.bincount(doc[starts], minlength=len(layer)))
            found.append(term)
    dense = np.column_stack(columns) if columns else np.zeros((len(layer), 0), np.int64)
    rows = pd.DataFrame(
        {"doc_id": articles["doc_id"].to_numpy(), "n_docs": 1, "n_tokens": layer.n_tokens}
    ).astype({"doc_id": "string"})
    matrix = sp.csr_matrix(dense.astype(np.int64))
    return DocumentTermMatrix(matrix, np.array(found, dtype=object), rows, None, "doc_id")
