"""Generic news frames (Semetko & Valkenburg 2000) scored from indicator words, with evidence."""

from __future__ import annotations

import pandas as pd

from kit.parallel import by_article, by_partition, gather
from kit.rhetoric.common import match_lexicon, rates
from kit.text import RATE_COLUMN

FRAMES = ("conflict", "human_interest", "responsibility", "morality", "economic")


@by_article
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


@by_partition("evidence", "articles")  # read by rates, partition by partition
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
    found = set(gather(evidence["category"].drop_duplicates()).dropna())
    cats = list(FRAMES) + sorted(found - set(FRAMES))
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


#: Yes/no thresholds of :func:`frame_coding` on the frame score (mean over a frame's questions of
#: log(1 + matches)), chosen on the development half of Frermann et al. (2023) by the F1 of the
#: coding; re-choose them on a hand-coded sample of your own corpus.
THRESHOLDS = {"conflict": 0.36, "human_interest": 0.9, "morality": 0.37, "economic": 1.27}


@by_article
def frame_questions(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Evidence for the frame questions of Semetko & Valkenburg (2000), one row per match.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; only English articles are read.
    lexicon : str, Path or Dictionary, optional
        Default ``kit/lexicons/frame_questions.yml``: one category ``<frame>.<question>`` per
        question of the instrument (see its header).
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, shared between measures.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category`` (the frame), ``question, term, matched,
        negated`` (a negator among the three words before: "no victims"), ``sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Critics accused the company."]})
    >>> frame_questions(arts, progress=False)[["category", "question"]].values.tolist()[:2]
    [['conflict', 'disagreement'], ['conflict', 'reproach']]
    """
    ev = match_lexicon(
        articles,
        lexicon,
        "frame_questions",
        sentences=sentences,
        negation_window=3,
        progress=progress,
    )
    parts = ev["category"].str.split(".", n=1, expand=True)
    out = ev.assign(
        category=parts[0].astype("string") if len(ev) else ev["category"],
        question=parts[1].astype("string") if len(ev) else ev["category"],
    )
    cols = ["doc_id", "sent_id", "start", "end", "category", "question", "term", "matched"]
    out = out[[*cols, "negated", "sentence"]]
    out.attrs["skipped"] = ev.attrs.get("skipped", {})
    return out


@by_partition("evidence", "articles")  # counts per article come here, never texts or rows
def frame_coding(
    evidence: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    thresholds: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Score and code each article for each frame from its question evidence.

    Each question of a frame is answered by its non-negated matches, graded as log(1 + n); the
    frame score is the mean over the frame's questions (the instrument's frame scale is the
    mean of its yes/no answers), and the article is coded yes when the score reaches the
    frame's threshold (:data:`THRESHOLDS`).

    Parameters
    ----------
    evidence : pandas.DataFrame
        From :func:`frame_questions`.
    articles : pandas.DataFrame
        The articles (``doc_id``, ``text``); articles without evidence score 0.
    thresholds : dict, optional
        Frame -> threshold on the score (default :data:`THRESHOLDS`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, one ``<frame>`` score column and one ``<frame>_yes`` boolean column per
        frame, and ``n_tokens``.
    """
    import numpy as np

    from kit.rhetoric.common import counts_by, token_counts
    from kit.validate import require_columns

    require_columns(evidence, ["doc_id", "category", "question", "negated"], "frame_coding")
    require_columns(articles, ["doc_id", "text"], "frame_coding")
    limits = {**THRESHOLDS, **(thresholds or {})}
    counts = counts_by(evidence, ["doc_id", "category", "question", "negated"])
    kept = counts[~counts.index.get_level_values("negated").astype(bool)]
    counts = kept.groupby(level=["doc_id", "category", "question"]).sum()
    graded = np.log1p(counts).groupby(level=["doc_id", "category"]).sum()
    asked = counts_by(evidence, ["category", "question"]).reset_index()
    n_questions = asked.groupby("category")["question"].nunique() if len(asked) else None
    out = pd.DataFrame({"doc_id": gather(articles["doc_id"]).astype("string").values})
    for frame, limit in limits.items():
        per_doc = (
            graded.xs(frame, level="category")
            if len(graded) and frame in set(graded.index.get_level_values("category"))
            else pd.Series(dtype="float64")
        )
        n_q = _questions_of(frame, n_questions)
        score = out["doc_id"].map(per_doc / n_q).fillna(0.0).astype("float64")
        out[frame] = score
        out[f"{frame}_yes"] = score >= limit
    out["n_tokens"] = token_counts(articles)
    return out


def _questions_of(frame: str, seen) -> int:
    from kit.dictionaries import load_dictionary
    from kit.rhetoric.common import LEXICONS

    names = load_dictionary(LEXICONS["frame_questions"]).categories
    n = sum(1 for c in names if c.split(".", 1)[0] == frame)
    return max(n, int(seen.get(frame, 0)) if seen is not None else 0, 1)
