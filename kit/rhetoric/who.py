"""Who is quoted: quotes per speaker affiliation (actor) and group."""

from __future__ import annotations

import pandas as pd

from kit.parallel import by_partition
from kit.rhetoric.common import counts_by, group_labels
from kit.rhetoric.quotes import KINDS
from kit.validate import check_choice


@by_partition("quotes")  # counts per article come here, never the quotes
def who_is_quoted(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    group_by: str = "outlet",
    count_by: str = "actor",
) -> pd.DataFrame:
    """Count quotes per group and speaker affiliation (or speaker).

    Parameters
    ----------
    quotes : pandas.DataFrame
        From :func:`kit.rhetoric.extract_quotes`.
    articles : pandas.DataFrame
        The articles (``doc_id`` and the ``group_by`` column).
    group_by : str
        Column of ``articles`` to group by.
    count_by : {"actor", "speaker"}
        Count by the speaker's actor ("(unaffiliated)" when none is known, "(unattributed)"
        without a speaker) or by resolved speaker name.

    Returns
    -------
    pandas.DataFrame
        ``<group_by>, <count_by>, n_quotes``, one ``n_<kind>`` per kind of
        :data:`kit.rhetoric.quotes.KINDS` (``n_direct, n_mixed, n_indirect, n_according_to,
        n_belief, n_evidence``), ``share`` (share of the
        group's quotes), largest first within each group.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"]})
    >>> q = pd.DataFrame({"doc_id": ["a"], "kind": ["direct"], "speaker": ["Salami"],
    ...                   "actor": ["Iran"]})
    >>> who_is_quoted(q, arts)[["outlet", "actor", "n_quotes", "share"]].values.tolist()
    [['X', 'Iran', 1, 1.0]]
    """
    groups = group_labels(articles, group_by)
    check_choice("count_by", count_by, ("actor", "speaker"))
    label = quotes[count_by].astype("string")
    if count_by == "actor":
        label = label.fillna("(unaffiliated)").where(quotes["speaker"].notnull(), "(unattributed)")
    else:
        label = label.fillna("(unattributed)")
    labelled = quotes[["doc_id", "kind"]].assign(**{count_by: label})
    n = counts_by(labelled, ["doc_id", count_by, "kind"]).reset_index()
    n[group_by] = n["doc_id"].map(groups)
    kinds = (
        n.pivot_table(index=[group_by, count_by], columns="kind", values="n", aggfunc="sum")
        .reindex(columns=list(KINDS))
        .fillna(0)
        .astype("int64")
        .add_prefix("n_")
    )
    out = kinds.assign(n_quotes=kinds.sum(axis=1)).reset_index()
    out["share"] = out["n_quotes"] / out.groupby(group_by)["n_quotes"].transform("sum")
    cols = [group_by, count_by, "n_quotes", *(f"n_{k}" for k in KINDS), "share"]
    return (
        out[cols]
        .sort_values([group_by, "n_quotes"], ascending=[True, False], ignore_index=True)
        .rename_axis(columns=None)
    )
