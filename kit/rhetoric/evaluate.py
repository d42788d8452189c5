"""Score extracted quotes against hand-labelled gold spans (precision, recall, F1)."""

from __future__ import annotations

import pandas as pd

from kit.validate import require_columns

_NEEDED = ("doc_id", "kind", "content_start", "content_end")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return max(inter, 0) / union if union > 0 else 0.0


def match_quotes(
    predicted: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Pair predicted and gold quotes one-to-one by content-span overlap.

    Two quotes of the same article match when their content spans' overlap divided by their
    union (character Jaccard) is at least ``min_overlap``; pairs are taken best-first.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, pred, gold`` (row labels of ``predicted`` / ``gold``; NA for an unmatched
        side), ``overlap``, ``kind_pred``, ``kind_gold``.
    """
    for name, df in (("predicted", predicted), ("gold", gold)):
        require_columns(df, _NEEDED, f"match_quotes ({name})")
    pairs = []
    for doc_id in pd.unique(pd.concat([predicted["doc_id"], gold["doc_id"]])):
        p = predicted[predicted["doc_id"] == doc_id]
        g = gold[gold["doc_id"] == doc_id]
        cands = sorted(
            (
                (
                    _overlap(
                        (pr.content_start, pr.content_end), (gr.content_start, gr.content_end)
                    ),
                    pi,
                    gi,
                )
                for pi, pr in zip(p.index, p.itertuples())
                for gi, gr in zip(g.index, g.itertuples())
            ),
            reverse=True,
        )
        used_p, used_g = set(), set()
        for ov, pi, gi in cands:
            if ov < min_overlap or pi in used_p or gi in used_g:
                continue
            used_p.add(pi)
            used_g.add(gi)
            pairs.append((doc_id, pi, gi, ov))
        pairs += [(doc_id, pi, None, 0.0) for pi in p.index if pi not in used_p]
        pairs += [(doc_id, None, gi, 0.0) for gi in g.index if gi not in used_g]
    out = pd.DataFrame(pairs, columns=["doc_id", "pred", "gold", "overlap"])
    out["kind_pred"] = out["pred"].map(predicted["kind"]).astype("string")
    out["kind_gold"] = out["gold"].map(gold["kind"]).astype("string")
    return out


def score_quotes(
    predicted: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Precision, recall and F1 of extracted quotes against gold spans, overall and per kind.

    Parameters
    ----------
    predicted : pandas.DataFrame
        From :func:`kit.rhetoric.extract_quotes`.
    gold : pandas.DataFrame
        Hand-labelled quotes: ``doc_id, kind, content_start, content_end`` and optionally
        ``speaker`` (resolved name).
    min_overlap : float
        Minimum character overlap / union for two content spans to match.

    Returns
    -------
    pandas.DataFrame
        One row per ``scope`` ("span": any kind; "span+kind": kinds must agree too;
        then one row per gold kind, with kind-aware matching): ``n_pred, n_gold, matched,
        precision, recall, f1`` and ``speaker_accuracy`` (share of span matches whose
        resolved speaker equals the gold speaker, ignoring case; a full name matches its
        surname, "Nasser Kanaani" = "Kanaani").

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"doc_id": ["a"], "kind": ["direct"], "content_start": [1],
    ...                   "content_end": [10]})
    >>> float(score_quotes(g, g).loc[0, "f1"])
    1.0
    """
    pairs = match_quotes(predicted, gold, min_overlap=min_overlap)
    both = pairs.dropna(subset=["pred", "gold"])
    speaker_acc = float("nan")
    if "speaker" in gold.columns and "speaker" in predicted.columns and len(both):
        ps = both["pred"].map(predicted["speaker"]).fillna("").astype(str).str.casefold()
        gs = both["gold"].map(gold["speaker"]).fillna("").astype(str).str.casefold()
        same = [
            p == g or bool(p and g and (p.endswith(" " + g) or g.endswith(" " + p)))
            for p, g in zip(ps, gs)
        ]
        speaker_acc = float(sum(same) / len(same))
    rows = []

    def add(scope, n_pred, n_gold, matched):
        p = matched / n_pred if n_pred else float("nan")
        r = matched / n_gold if n_gold else float("nan")
        f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else 0.0
        rows.append(
            dict(
                scope=scope,
                n_pred=n_pred,
                n_gold=n_gold,
                matched=matched,
                precision=p,
                recall=r,
                f1=f,
                speaker_accuracy=speaker_acc,
            )
        )

    add("span", len(predicted), len(gold), len(both))
    same = both[both["kind_pred"] == both["kind_gold"]]
    add("span+kind", len(predicted), len(gold), len(same))
    for kind in sorted(gold["kind"].dropna().unique()):
        add(
            kind,
            int((predicted["kind"] == kind).sum()),
            int((gold["kind"] == kind).sum()),
            int((same["kind_gold"] == kind).sum()),
        )
    return pd.DataFrame(rows)
