"""Keyness: which terms are over-used in a target group of articles compared with a reference.

For each term the 2x2 table is::

                 target        reference
    term         a             b
    other        c = T1 - a    d = T2 - b

with T1, T2 the groups' sizes in tokens (all tokens, stopwords included: the same denominator
as the rates of :func:`kit.terms.count_terms`).
The statistics are vectorized over all terms; ``tests/terms/test_keyness.py`` checks each one against
scipy.stats on the same tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from kit.errors import ParameterError
from kit.parallel import gather, is_dask, table_schema
from kit.terms.matrix import grouped
from kit.terms.select import select_mask
from kit.text.dtm import document_term_matrix
from kit.text.tokens import PER_TOKENS, RATE_COLUMN, rate
from kit.validate import require_columns

#: Gabrielatos & Marchi (2012) replace a zero reference frequency by this tiny number.
PCT_DIFF_ZERO = 1e-18
#: Hardie (2014): a zero frequency is replaced by 0.5 before taking the log ratio.
LOG_RATIO_ZERO = 0.5


def g2_table(a, b, c, d):
    """Log-likelihood G2 of 2x2 tables, the expected counts and Williams' correction factor.

    G2 = 2 * sum(O * ln(O / E)) over the four cells (0 * ln 0 = 0); Williams' (1976) factor for
    a 2x2 table is q = 1 + (N/R1 + N/R2 - 1) * (N/C1 + N/C2 - 1) / (6N), and G2/q is the
    corrected statistic.

    Returns
    -------
    tuple of numpy.ndarray
        ``(g2, q, e_a, e_b)``: the statistic, the correction factor, and the expected counts
        of the two term cells.
    """
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    n = r1 + r2
    cells = []
    for o, r, col in ((a, r1, c1), (b, r1, c2), (c, r2, c1), (d, r2, c2)):
        e = r * col / n
        with np.errstate(divide="ignore", invalid="ignore"):
            cells.append(np.where(o > 0, o * np.log(o / e), 0.0))
    g2 = 2 * sum(cells)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n)
    return g2, q, r1 * c1 / n, r1 * c2 / n


def chi2_table(a, b, c, d, *, yates: bool):
    """Pearson's chi-square of 2x2 tables, optionally with Yates' continuity correction.

    As ``scipy.stats.chi2_contingency``, the correction moves each observed count by at most
    0.5 towards its expected count (never past it).
    """
    a, b, c, d = (np.asarray(x, dtype="float64") for x in (a, b, c, d))
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    n = r1 + r2
    total = np.zeros_like(a)
    for o, r, col in ((a, r1, c1), (b, r1, c2), (c, r2, c1), (d, r2, c2)):
        e = r * col / n
        diff = np.abs(o - e)
        if yates:
            diff = diff - np.minimum(0.5, diff)
        with np.errstate(divide="ignore", invalid="ignore"):
            total = total + np.where(e > 0, diff**2 / e, 0.0)
    return total


def effect_sizes(a, b, t1, t2):
    """Log ratio (Hardie 2014) and %DIFF (Gabrielatos & Marchi 2012).

    log_ratio = log2((a / t1) / (b / t2)), with a zero count replaced by 0.5 (Hardie's
    adjustment; :data:`LOG_RATIO_ZERO`); pct_diff = 100 * (nf_a - nf_b) / nf_b with normalized
    frequencies per 1,000 tokens and a zero ``nf_b`` replaced by :data:`PCT_DIFF_ZERO`.
    """
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    a0, b0 = np.where(a > 0, a, LOG_RATIO_ZERO), np.where(b > 0, b, LOG_RATIO_ZERO)
    log_ratio = np.log2((a0 / t1) / (b0 / t2))
    nf_a, nf_b = a / t1 * PER_TOKENS, b / t2 * PER_TOKENS
    pct = 100 * (nf_a - nf_b) / np.where(nf_b > 0, nf_b, PCT_DIFF_ZERO)
    return log_ratio, pct


def keyness(
    articles: pd.DataFrame,
    target,
    reference=None,
    *,
    ngram_range=(1, 1),
    lower: bool = True,
    stopwords="en",
    min_count: int = 1,
    sort: str = "g2",
) -> pd.DataFrame:
    """Compare term frequencies in a target group of articles with a reference group.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (a Dask table is counted partition by partition).
    target : str or boolean mask
        A pandas query over the article columns (``"outlet == 'MENAFN'"``) or a boolean mask.
    reference : str or boolean mask, optional
        The reference group; None means every article not in the target.
    ngram_range, lower, stopwords
        As in :func:`kit.text.dtm.document_term_matrix`.
    min_count : int
        Keep terms seen at least this often in the two groups together.
    sort : str
        Column to sort by (descending); the default is the signed ``g2`` order: target key
        terms first, reference key terms last.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term``, ``n_target``, ``n_reference``, ``per_1k_tokens_target``,
        ``per_1k_tokens_reference``, ``doc_freq_target``, ``doc_freq_reference``,
        ``expected_target``, ``expected_reference``, ``g2``, ``p_g2``, ``g2_williams``,
        ``p_g2_williams``, ``chi2``, ``p_chi2``, ``chi2_yates``, ``p_chi2_yates`` (1 degree of
        freedom), ``log_ratio``, ``pct_diff`` and ``direction`` ("target" when the term is
        relatively more frequent in the target, else "reference"). ``df.attrs`` holds the
        group sizes (``n_docs_*``, ``n_tokens_*``).

    Raises
    ------
    ParameterError
        When a selection is malformed, empty, or the two groups overlap.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "language": "en",
    ...                      "text": ["Drones drones drones hit Iran.", "Iran hit back."]})
    >>> k = keyness(arts, "outlet == 'X'")
    >>> k[["term", "n_target", "n_reference", "direction"]].head(2)
         term  n_target  n_reference  direction
    0  drones         3            0     target
    1     hit         1            1  reference
    """
    require_columns(table_schema(articles), ["doc_id", "text"], "keyness")
    settings = dict(ngram_range=ngram_range, lower=lower, stopwords=stopwords)
    if is_dask(articles):  # the groups are selected on the other columns; texts stay in partitions
        meta = gather(articles.drop(columns=["text"]))
        keep, labels = _two_groups(meta, target, reference)
        groups = pd.DataFrame({"doc_id": meta["doc_id"].to_numpy()[keep], "group": labels})
        m = document_term_matrix(articles, group_by=groups, **settings)
    else:
        keep, labels = _two_groups(articles, target, reference)
        groups = pd.Series(labels.to_numpy(), index=np.flatnonzero(keep))
        m = document_term_matrix(articles, **settings)
        m = grouped(m, articles, groups.reindex(range(len(articles))))
    out, over, g2 = _statistics(m, min_count)
    if sort == "g2":
        out = out.iloc[np.lexsort((np.arange(len(out)), -np.where(over, g2, -g2)))]
    elif sort in out.columns and pd.api.types.is_numeric_dtype(out[sort]):
        out = out.iloc[np.lexsort((np.arange(len(out)), -out[sort].to_numpy(dtype="float64")))]
    elif sort in out.columns:
        out = out.sort_values([sort, "term"], ascending=[False, True], kind="stable")
    else:
        raise ParameterError("sort", sort, f"a column of the result ({', '.join(out.columns)})")
    out = out.reset_index(drop=True)
    rows = m.rows.set_index("group")
    out.attrs.update({f"n_docs_{g}": int(rows.loc[g, "n_docs"]) for g in ("target", "reference")})
    out.attrs.update(
        {f"n_tokens_{g}": int(rows.loc[g, "n_tokens"]) for g in ("target", "reference")}
    )
    return out


def _two_groups(articles: pd.DataFrame, target, reference) -> tuple[np.ndarray, pd.Series]:
    """The articles in either group, and their group label ("target" or "reference")."""
    tmask = select_mask(articles, target, "target")
    rmask = ~tmask if reference is None else select_mask(articles, reference, "reference")
    if not tmask.any():
        raise ParameterError("target", target, "a selection that matches at least one article")
    if not rmask.any():
        raise ParameterError(
            "reference",
            reference,
            "a selection that matches at least one article (keyness needs two groups of articles)",
        )
    if (tmask & rmask).any():
        raise ParameterError(
            "reference",
            reference,
            "a selection that shares no article with "
            f"the target ({int((tmask & rmask).sum())} in both)",
        )
    keep = tmask | rmask
    labels = pd.Series(np.where(tmask, "target", "reference"))[keep].reset_index(drop=True)
    return keep, labels


def _statistics(m, min_count: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The keyness table of a two-row (target, reference) document-term matrix, unsorted,
    for the terms seen at least ``min_count`` times (and once) in the two rows together."""
    pos = {g: i for i, g in enumerate(m.rows["group"])}
    x, dfreq = m.matrix.toarray(), m.doc_freq.toarray()
    kept = np.flatnonzero(x.sum(axis=0) >= max(min_count, 1))
    x, dfreq = x[:, kept], dfreq[:, kept]
    a, b = x[pos["target"]].astype("float64"), x[pos["reference"]].astype("float64")
    rows = m.rows.set_index("group")
    sizes = rows["n_tokens"]
    t1, t2 = float(sizes["target"]), float(sizes["reference"])
    g2, q, e_a, e_b = g2_table(a, b, t1 - a, t2 - b)
    chi2 = chi2_table(a, b, t1 - a, t2 - b, yates=False)
    chi2_y = chi2_table(a, b, t1 - a, t2 - b, yates=True)
    log_ratio, pct = effect_sizes(a, b, t1, t2)
    over = a > e_a
    out = pd.DataFrame(
        {
            "term": pd.array(m.terms[kept], dtype="string"),
            "n_target": a.astype("int64"),
            "n_reference": b.astype("int64"),
            f"{RATE_COLUMN}_target": rate(a, t1),
            f"{RATE_COLUMN}_reference": rate(b, t2),
            "doc_freq_target": dfreq[pos["target"]],
            "doc_freq_reference": dfreq[pos["reference"]],
            "expected_target": e_a,
            "expected_reference": e_b,
            "g2": g2,
            "p_g2": stats.chi2.sf(g2, 1),
            "g2_williams": g2 / q,
            "p_g2_williams": stats.chi2.sf(g2 / q, 1),
            "chi2": chi2,
            "p_chi2": stats.chi2.sf(chi2, 1),
            "chi2_yates": chi2_y,
            "p_chi2_yates": stats.chi2.sf(chi2_y, 1),
            "log_ratio": log_ratio,
            "pct_diff": pct,
            "direction": pd.array(np.where(over, "target", "reference"), dtype="string"),
        }
    )
    return out, over, g2
