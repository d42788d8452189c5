"""Stance: the reporting verbs that introduce quotes, and hedges, boosters, attitude markers."""

from __future__ import annotations

import pandas as pd

from kit.parallel import by_article, by_partition
from kit.rhetoric.common import counts_by, group_labels, match_lexicon

STANCES = ("neutral", "distancing", "endorsing", "emotive")


@by_partition("quotes")  # counts per article come here, never the quotes
def quote_stance(
    quotes: pd.DataFrame, articles: pd.DataFrame, *, group_by: str = "outlet"
) -> pd.DataFrame:
    """Count the stance of the reporting cues of quotes per group.

    Each quote with a cue counts once (quotes attributed from context repeat their
    antecedent's cue and are left out, so a cue is not counted twice).

    Parameters
    ----------
    quotes : pandas.DataFrame
        From :func:`kit.rhetoric.extract_quotes`.
    articles : pandas.DataFrame
        The articles (``doc_id`` and the ``group_by`` column).
    group_by : str
        Column of ``articles`` to group by.

    Returns
    -------
    pandas.DataFrame
        ``<group_by>, stance, n, share`` (share of the group's cued quotes), one row per
        group and stance in the lexicon order neutral, distancing, endorsing, emotive (other
        stances from a custom lexicon follow).

    Raises
    ------
    ParameterError
        When ``group_by`` is not a column of ``articles``.
    """
    groups = group_labels(articles, group_by)
    cued = quotes[quotes["stance"].notnull() & (quotes["attribution"] != "context")]
    cued = cued[["doc_id", "cue_start", "stance"]].drop_duplicates(["doc_id", "cue_start"])
    counts = counts_by(cued, ["doc_id", "stance"]).reset_index()
    counts[group_by] = counts["doc_id"].map(groups)
    stances = list(STANCES) + sorted(set(counts["stance"]) - set(STANCES))
    grid = pd.MultiIndex.from_product(
        [sorted(groups.unique()), stances], names=[group_by, "stance"]
    )
    n = counts.groupby([group_by, "stance"])["n"].sum().reindex(grid, fill_value=0)
    out = n.reset_index()
    totals = out.groupby(group_by)["n"].transform("sum")
    out["share"] = (out["n"] / totals.where(totals > 0)).astype("float64")
    return out


@by_article
def hedges(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Hedges, boosters and attitude markers, as evidence rows (multi-word aware).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; only English articles are read (others counted in
        ``result.attrs["skipped"]`` (language -> articles)).
    lexicon : str, Path or Dictionary, optional
        Default ``kit/lexicons/hedges_boosters.yml`` (categories hedges, boosters,
        attitude_markers).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category, term, matched, negated, sentence``; turn it
        into rates per 1,000 tokens with :func:`kit.rhetoric.rates`.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["It may in fact be over."]})
    >>> hedges(arts)[["category", "matched"]].values.tolist()
    [['hedges', 'may'], ['boosters', 'in fact']]

    Capitalised "May" inside a sentence is the month, not the hedge, and is dropped:

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Talks may resume in May. May it last."]})
    >>> hedges(arts)["matched"].tolist()
    ['may', 'May']
    """
    found = match_lexicon(
        articles, lexicon, "hedges_boosters", sentences=sentences, progress=progress
    )
    if found.empty:
        return found
    opens_sentence = [
        s.lstrip(" “\"'‘").startswith(m) for s, m in zip(found["sentence"], found["matched"])
    ]
    month = found["matched"].eq("May") & ~pd.Series(opens_sentence, index=found.index)
    return found[~month].reset_index(drop=True)
