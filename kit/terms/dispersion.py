"""Dispersion: how evenly terms spread over the parts of a corpus (articles, outlets, days).

Juilland's D and Gries' DP are short closed formulas on the part frequencies; no maintained
Python package computes them on a sparse matrix, so they are written here (checked in the
tests against the worked example of Gries 2008).

Both measures run partition by partition (:func:`kit.parallel.run_partitions`; a pandas table
is one partition): :func:`dispersion` sums the frequencies and sizes of each part over the
partitions, :func:`term_positions` concatenates the matches and the lengths of the articles and
lays them end to end once combined. A Dask table's texts never gather in this process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.errors import ParameterError
from kit.parallel import is_dask, run_partitions, table_schema
from kit.terms.kwic import compile_pattern, find_spans
from kit.terms.matrix import columns_dense, grouped, term_columns
from kit.text.dtm import chosen_terms_matrix, group_keys
from kit.validate import require_columns

_PART, _SIZE, _LENGTH = "__kit_part__", "__kit_tokens__", "__kit_length__"


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


def dispersion(
    articles: pd.DataFrame, terms, *, parts="doc_id", lower: bool = True
) -> pd.DataFrame:
    """Dispersion of terms over the parts of the corpus.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table.
    terms : str or list of str
        Words or phrases (up to three words).
    parts : str, Series or DataFrame
        What a part is: a column (``"doc_id"``, ``"outlet"``), ``"day"``/``"week"``/
        ``"month"``, or any ``group_by`` of :func:`kit.text.dtm.group_keys` (a Series, aligned
        with the rows, needs a pandas table).
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
    schema = table_schema(articles)
    require_columns(schema, ["doc_id", "text"], "chosen_terms_matrix")
    if isinstance(parts, pd.Series) and is_dask(articles):
        raise ParameterError(
            "parts", "a pandas Series", "a column, a period or a DataFrame[doc_id, group]"
        )
    if not isinstance(parts, pd.Series):
        group_keys(schema, parts)  # checked before counting
    sums = run_partitions(articles, part_frequencies, sum_parts, items, parts=parts, lower=lower)
    freqs = np.ascontiguousarray(sums[list(range(len(items)))].to_numpy(dtype="int64").T)
    res = dispersion_measures(freqs, sums[_SIZE].to_numpy())
    return pd.DataFrame(
        {
            "term": pd.array(items, dtype="string"),
            "n": freqs.sum(axis=1).astype("int64"),
            "n_parts": len(sums),
            "range": (freqs > 0).sum(axis=1).astype("int64"),
            **res,
        }
    )


def part_frequencies(articles: pd.DataFrame, items: list[str], *, parts, lower: bool):
    """The size (tokens) and the frequency of each term of every part in one partition.

    Returns
    -------
    pandas.DataFrame
        One row per part found, in label order: the part, its tokens and one column per term
        (its position in ``items``); :func:`sum_parts` combines partitions.
    """
    m = grouped(chosen_terms_matrix(articles, items, lower=lower), articles, parts)
    freqs = pd.DataFrame(columns_dense(m, term_columns(m, items)), columns=range(len(items)))
    labels = pd.DataFrame({_PART: m.rows["group"], _SIZE: m.rows["n_tokens"].astype("int64")})
    return pd.concat([labels, freqs], axis=1)


def sum_parts(sums) -> pd.DataFrame:
    """The frequencies of partitions summed by part (label order); associative."""
    sums = list(sums)
    found = [s for s in sums if len(s)] or sums[:1]  # an empty partition adds nothing
    every = pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]
    return every.groupby(_PART, sort=True).sum().reset_index()


def term_positions(articles, terms, *, order_by: str = "published") -> pd.DataFrame:
    """Where each term occurs along the corpus: the data of a lexical dispersion plot.

    Articles are laid end to end (sorted by ``order_by``, then ``doc_id``); ``position`` is the
    match offset in that concatenation, ``doc_index`` the article's rank. Each partition gives
    its matches and the sort keys and lengths of its articles (:func:`partition_positions`);
    the order and offsets are computed once these are combined (:func:`combine_positions`).

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (``doc_id``, ``text``).
    terms : str or list of str
        Words or phrases.
    order_by : str
        Column the articles are laid out by (then ``doc_id``); ignored when absent.

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
    schema = table_schema(articles)
    require_columns(schema, ["doc_id", "text"], "term_positions")
    key = [order_by, "doc_id"] if order_by in schema.columns else ["doc_id"]
    patterns = [compile_pattern(t, False, False) for t in items]
    found = run_partitions(
        articles, partition_positions, combine_positions, patterns, columns=list(dict.fromkeys(key))
    )
    ordered = found.docs.sort_values(key, kind="stable", na_position="last")
    lengths = found.docs[_LENGTH].to_numpy(dtype="int64")[ordered.index.to_numpy()]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
    rank = np.empty(len(ordered), np.int64)
    rank[ordered.index.to_numpy()] = np.arange(len(ordered))
    doc = rank[found.row]
    order = np.lexsort((found.start, doc, found.which))  # as when searched in sorted order
    which, doc, start, end = found.which[order], doc[order], found.start[order], found.end[order]
    out = pd.DataFrame(
        {
            "term": pd.array(np.asarray(items, dtype=object)[which], dtype="string"),
            "doc_id": pd.array(
                found.docs["doc_id"].to_numpy(dtype=object)[found.row[order]], dtype="string"
            ),
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


@dataclass(frozen=True)
class Positions:
    """Matches in some articles and what laying those articles out needs.

    Attributes
    ----------
    docs : pandas.DataFrame
        One row per article, in table order (index 0..n-1): its sort keys, ``doc_id`` and
        the characters of its text.
    which, row, start, end : numpy.ndarray
        int64 per match: the pattern, the article (row of ``docs``) and the offsets.
    """

    docs: pd.DataFrame
    which: np.ndarray
    row: np.ndarray
    start: np.ndarray
    end: np.ndarray


def partition_positions(articles: pd.DataFrame, patterns, *, columns: list[str]) -> Positions:
    """The matches of ``patterns`` in one partition of articles, for :func:`term_positions`."""
    docs = articles[columns].reset_index(drop=True)
    docs[_LENGTH] = articles["text"].fillna("").str.len().to_numpy(dtype="int64")
    which, row, start, end = find_spans(articles["text"].tolist(), patterns, progress=False)
    return Positions(docs, which, row, start, end)


def combine_positions(parts) -> Positions:
    """The positions of partitions (in partition order) as one; associative."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    offsets = np.cumsum([0] + [len(p.docs) for p in parts[:-1]])
    found = [p for p in parts if len(p.docs)] or parts[:1]  # an empty partition adds nothing
    return Positions(
        pd.concat([p.docs for p in found], ignore_index=True),
        np.concatenate([p.which for p in parts]),
        np.concatenate([p.row + o for p, o in zip(parts, offsets)]),
        np.concatenate([p.start for p in parts]),
        np.concatenate([p.end for p in parts]),
    )
