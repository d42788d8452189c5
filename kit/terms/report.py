"""Notebook support for the term-frequency analysis: parameter checks and group comparison.

These turn notebook parameters into calls of the measures and say in words what could not be
computed (e.g. keyness on a corpus with one group) instead of failing.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kit import config
from kit.dtm import _check_ngram_range, check_time_unit
from kit.errors import ParameterError
from kit.text import language_counts
from kit.terms.keyness import keyness


def check_parameters(articles: pd.DataFrame, *, terms=None, ngram_range=(1, 1), min_count=1,
                     group_by: str = "outlet", time_unit: str = "day", target: str = "",
                     reference: str = "") -> None:
    """Raise :class:`kit.errors.ParameterError` for the first unusable notebook parameter.

    Examples
    --------
    >>> import pandas as pd
    >>> check_parameters(pd.DataFrame({"outlet": []}), time_unit="year")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kit.errors.ParameterError: parameter time_unit='year' cannot be used; expected 'day', ...
    """
    if terms is not None and (not isinstance(terms, (list, tuple))
                              or not all(isinstance(t, str) and t.strip() for t in terms)
                              or any(len(t.split()) > 3 for t in terms)):
        raise ParameterError("terms", terms, "a list of words or phrases of at most three words")
    _check_ngram_range(ngram_range)
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise ParameterError("min_count", min_count, "an integer >= 1")
    if not isinstance(group_by, str) or group_by not in articles.columns:
        raise ParameterError("group_by", group_by, "a column of the articles table "
                             f"({', '.join(map(str, articles.columns))})")
    check_time_unit(time_unit)
    for name, value in (("target", target), ("reference", reference)):
        if not isinstance(value, str):
            raise ParameterError(name, value, "a pandas query string, or \"\"")


def stopword_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per language and whether the English stopword list applies to them.

    Returns
    -------
    pandas.DataFrame
        ``language``, ``n_articles``, ``stopwords_applied`` (True only for English).
    """
    out = language_counts(articles)
    out["stopwords_applied"] = out["language"] == config.LEXICON_LANGUAGE
    return out


@dataclass(frozen=True)
class GroupComparison:
    """Result of :func:`compare_groups`: the keyness table (possibly empty) and its labels."""

    table: pd.DataFrame
    target_label: str
    reference_label: str
    message: str

    @property
    def ok(self) -> bool:
        """True when keyness could be computed."""
        return not self.table.empty


def key_terms(table: pd.DataFrame, *, n: int = 5) -> list[str]:
    """The top ``n`` key terms of the target, then of the reference, of a keyness table."""
    if table.empty:
        return []
    tgt = table[table["direction"] == "target"].nlargest(n, "g2")["term"].tolist()
    ref = table[table["direction"] == "reference"].nlargest(n, "g2")["term"].tolist()
    return tgt + ref


def compare_groups(articles: pd.DataFrame, *, group_by: str = "outlet", target: str = "",
                   reference: str = "", **options) -> GroupComparison:
    """Keyness of a target group against a reference, or a message saying why it cannot run.

    ``target=""`` compares the first value of ``group_by`` (in sorted order) with all other
    articles; ``reference=""`` means every article outside the target. ``options`` go to
    :func:`kit.terms.keyness`.

    Raises
    ------
    ParameterError
        For an unknown ``group_by`` column or a query that cannot be evaluated.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["war"]})
    >>> print(compare_groups(arts).message)  # doctest: +NORMALIZE_WHITESPACE
    Keyness needs two groups of articles, but the corpus has only one outlet (X);
    add articles from another outlet or set target/reference.
    """
    if group_by not in articles.columns:
        raise ParameterError("group_by", group_by, "a column of the articles table")
    groups = sorted(articles[group_by].dropna().astype(str).unique())
    empty = pd.DataFrame(columns=["term", "direction", "g2", "p_g2"])
    if not target and len(groups) < 2:
        shown = ", ".join(groups) or "none"
        return GroupComparison(empty, "", "", (
            f"Keyness needs two groups of articles, but the corpus has only one {group_by} "
            f"({shown}); add articles from another {group_by} or set target/reference."))
    if not target:
        target_sel = (articles[group_by].astype(str) == groups[0]).fillna(False).to_numpy(bool)
        target_label = f"{group_by} == {groups[0]!r}"
    else:
        target_sel, target_label = target, target
    reference_sel = reference or None
    reference_label = reference or "all other articles"
    try:
        table = keyness(articles, target_sel, reference_sel, **options)
    except ParameterError as exc:
        if "at least one article" in str(exc) or "two groups" in str(exc):
            return GroupComparison(empty, target_label, reference_label,
                                   f"Keyness could not be computed: {exc}")
        raise
    message = (f"Keyness of {target_label} ({table.attrs['n_docs_target']} articles) against "
               f"{reference_label} ({table.attrs['n_docs_reference']} articles).")
    return GroupComparison(table, target_label, reference_label, message)
