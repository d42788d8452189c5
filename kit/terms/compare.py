"""Comparing two groups of articles by keyness, or saying in words why it cannot be done.

The notebook calls :func:`compare_groups` and shows its message instead of failing (e.g. a
corpus with only one outlet).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kit.errors import ParameterError
from kit.terms.keyness import keyness
from kit.text.periods import group_values


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


def compare_groups(
    articles: pd.DataFrame,
    *,
    group_by: str = "outlet",
    target: str = "",
    reference: str = "",
    **options,
) -> GroupComparison:
    """Keyness of a target group against a reference, or a message saying why it cannot run.

    ``target=""`` compares the first value of ``group_by`` (in sorted order) with all other
    articles; ``reference=""`` means every article outside the target. ``options`` go to
    :func:`kit.terms.keyness`. Of a Dask table, the texts stay in their partitions.

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
    values = group_values(articles, group_by).astype("string")
    groups = sorted(values.dropna().unique())
    empty = pd.DataFrame(columns=["term", "direction", "g2", "p_g2"])
    if not target and len(groups) < 2:
        shown = ", ".join(groups) or "none"
        return GroupComparison(
            empty,
            "",
            "",
            (
                f"Keyness needs two groups of articles, but the corpus has only one {group_by} "
                f"({shown}); add articles from another {group_by} or set target/reference."
            ),
        )
    if not target:
        target_sel = (values == groups[0]).fillna(False).to_numpy(bool)
        target_label = f"{group_by} == {groups[0]!r}"
    else:
        target_sel, target_label = target, target
    reference_sel = reference or None
    reference_label = reference or "all other articles"
    try:
        table = keyness(articles, target_sel, reference_sel, **options)
    except ParameterError as exc:
        if "at least one article" in str(exc) or "two groups" in str(exc):
            return GroupComparison(
                empty, target_label, reference_label, f"Keyness could not be computed: {exc}"
            )
        raise
    message = (
        f"Keyness of {target_label} ({table.attrs['n_docs_target']} articles) against "
        f"{reference_label} ({table.attrs['n_docs_reference']} articles)."
    )
    return GroupComparison(table, target_label, reference_label, message)
