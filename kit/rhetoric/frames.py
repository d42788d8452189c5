"""Generic news frames (Semetko & Valkenburg 2000) scored from indicator words, with evidence."""

from __future__ import annotations

import pandas as pd

from kit.rhetoric.common import match_lexicon, rates
from kit.text import RATE_COLUMN

FRAMES = ("conflict", "human_interest", "responsibility", "morality", "economic")


def frame_evidence(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Frame indicator matches, as evidence rows.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; only English articles are read.
    lexicon : str, Path or Dictionary, optional
        Default ``kit/lexicons/frames.yml`` (see its header for the indicator lists and how
        they operationalise Semetko & Valkenburg's frame questions).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category`` (the frame), ``term, matched, negated,
        sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Oil prices rose as the war went on."]})
    >>> frame_evidence(arts)["category"].tolist()
    ['economic', 'economic', 'conflict']
    """
    return match_lexicon(articles, lexicon, "frames", sentences=sentences, progress=progress)


def frame_scores(
    evidence: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = None
) -> pd.DataFrame:
    """Frame scores (indicator matches per 1,000 tokens) per article or group.

    Parameters
    ----------
    evidence : pandas.DataFrame
        From :func:`frame_evidence`.
    articles : pandas.DataFrame
        The articles (``doc_id``, ``text`` and the ``group_by`` column).
    group_by : str, optional
        None for one row per article, else a column such as "outlet" (pooled rates).

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or the group), ``n_tokens``, one ``<frame>`` column per frame (matches per
        1,000 tokens) and ``dominant_frame`` (highest score; NA when no indicator matched).
    """
    cats = list(FRAMES) + sorted(set(evidence["category"]) - set(FRAMES))
    table = rates(evidence, articles, group_by=group_by, categories=cats)
    key = group_by or "doc_id"
    if table.empty:
        return pd.DataFrame(columns=[key, "n_tokens", *cats, "dominant_frame"])
    wide = table.pivot(index=key, columns="category", values=RATE_COLUMN)[cats]
    words = table.groupby(key)["n_tokens"].first()
    out = pd.concat([words, wide], axis=1)
    filled = wide.fillna(0)  # articles without words score NaN: no dominant frame
    out["dominant_frame"] = filled.idxmax(axis=1).where(filled.max(axis=1) > 0).astype("string")
    return out.reset_index().rename_axis(columns=None)
