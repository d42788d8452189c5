"""Score extracted quotes against hand-labelled gold spans (precision, recall, F1)."""

from __future__ import annotations

import re

import pandas as pd

from kit.parallel import accepts_dask
from kit.validate import require_columns

_NEEDED = ("doc_id", "kind", "content_start", "content_end")


def _one_to_one(doc_id, cands, pred_index, gold_index, min_overlap: float = 0.0) -> list[tuple]:
    """Greedy one-to-one pairs from ``(overlap, pred, gold)`` candidates sorted best first,
    then every prediction and gold item left unpaired (overlap 0)."""
    pairs = []
    used_p: set = set()
    used_g: set = set()
    for ov, pi, gi in cands:
        if ov < min_overlap or pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((doc_id, pi, gi, ov))
    pairs += [(doc_id, pi, None, 0.0) for pi in pred_index if pi not in used_p]
    pairs += [(doc_id, None, gi, 0.0) for gi in gold_index if gi not in used_g]
    return pairs


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
        pairs += _one_to_one(doc_id, cands, p.index, g.index, min_overlap)
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
    if "according_to" not in set(gold["kind"]):
        # a gold set coded direct / indirect / mixed counts "according to X" as indirect
        predicted = predicted.assign(kind=predicted["kind"].replace({"according_to": "indirect"}))
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


def _pieces(start, end, spans=None) -> list[tuple[int, int]]:
    if isinstance(spans, list | tuple) and len(spans):
        return [(int(a), int(b)) for a, b in spans]
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return []
    return [(int(start), int(end))]


def _jaccard(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(max(0, min(x1, y1) - max(x0, y0)) for x0, x1 in a for y0, y1 in b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - inter
    return inter / union if union > 0 else 0.0


def _touches(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(min(x1, y1) > max(x0, y0) for x0, x1 in a for y0, y1 in b)


def relations(predicted: pd.DataFrame) -> pd.DataFrame:
    """Collapse quote rows into attribution relations: the rows of one paragraph that share one
    cue (a quote split by its attribution, its next sentences, a fragment quoted inside reported
    speech) are one relation with a discontinuous content, as in PARC and PolNeAR.

    Returns
    -------
    pandas.DataFrame
        The first row of each relation, with ``content_spans`` (its content pieces) and
        ``content_start, content_end`` (their bounds).
    """
    if "attribution" not in predicted.columns or "cue_start" not in predicted.columns:
        out = predicted.copy()
        out["content_spans"] = [
            [(int(a), int(b))] for a, b in zip(out["content_start"], out["content_end"])
        ]
        return out
    shared = predicted["attribution"].isin(["explicit", "split", "context"])
    shared &= predicted["cue_start"].notna()
    key = (
        predicted["doc_id"].astype(str)
        + "#"
        + predicted["cue_start"].astype("string").fillna("")
        + "#"
        + predicted.get("paragraph", pd.Series(0, index=predicted.index)).astype(str)
    )
    key = key.where(shared, pd.Series(range(len(predicted)), index=predicted.index).astype(str))
    firsts: dict[str, object] = {}
    pieces: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, set] = {}
    for label, k, a, b, kind in zip(
        predicted.index,
        key,
        predicted["content_start"],
        predicted["content_end"],
        predicted["kind"],
    ):
        firsts.setdefault(k, label)
        pieces.setdefault(k, []).append((int(a), int(b)))
        kinds.setdefault(k, set()).add(kind)
    out = predicted.loc[list(firsts.values())].copy()
    # reported speech holding a quoted fragment is one mixed relation
    out["kind"] = [
        "mixed" if "mixed" in kinds[k] and "direct" not in kinds[k] else out.at[label, "kind"]
        for k, label in firsts.items()
    ]
    out["content_spans"] = [sorted(pieces[k]) for k in firsts]
    out["content_start"] = [p[0][0] for p in out["content_spans"]]
    out["content_end"] = [max(b for _, b in p) for p in out["content_spans"]]
    return out


def match_attributions(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair predicted and gold attributions one-to-one, greedy by content character Jaccard.

    Parameters
    ----------
    predicted : pandas.DataFrame
        From :func:`kit.rhetoric.extract_quotes` (``doc_id, kind, content_start,
        content_end``, and ``speaker_start, speaker_end, cue_start, cue_end``).
    gold : pandas.DataFrame
        ``doc_id, kind, content_start, content_end`` and optionally ``content_spans,
        source_spans, cue_spans`` (lists of pieces, as from
        :func:`kit.rhetoric.gold.read_brat_attributions`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, pred, gold`` (row labels; NA on an unmatched side), ``overlap`` (Jaccard of
        the content characters, any overlap > 0 kept), ``speaker_ok``, ``cue_ok`` (the predicted
        span overlaps the gold one; NA when gold has none), ``kind_pred, kind_gold``.
    """
    for name, df in (("predicted", predicted), ("gold", gold)):
        require_columns(df, _NEEDED, f"match_attributions ({name})")
    rows = []
    gold_by_doc = dict(list(gold.groupby("doc_id", sort=False)))
    pred_by_doc = dict(list(predicted.groupby("doc_id", sort=False)))
    for doc_id in pd.unique(pd.concat([predicted["doc_id"], gold["doc_id"]])):
        p = pred_by_doc.get(doc_id, predicted.iloc[:0])
        g = gold_by_doc.get(doc_id, gold.iloc[:0])
        gp = {
            gi: _pieces(r["content_start"], r["content_end"], r.get("content_spans"))
            for gi, r in g.iterrows()
        }
        cands = []
        for pi, r in p.iterrows():
            pp = _pieces(r["content_start"], r["content_end"], r.get("content_spans"))
            for gi, pieces in gp.items():
                ov = _jaccard(pp, pieces)
                if ov > 0:
                    cands.append((ov, pi, gi))
        cands.sort(key=lambda c: -c[0])
        rows += _one_to_one(doc_id, cands, p.index, g.index)
    out = pd.DataFrame(rows, columns=["doc_id", "pred", "gold", "overlap"])
    speaker_ok, cue_ok = [], []
    for pi, gi in zip(out["pred"], out["gold"]):
        if pi is None or gi is None or pd.isna(pi) or pd.isna(gi):
            speaker_ok.append(pd.NA)
            cue_ok.append(pd.NA)
            continue
        pr, gr = predicted.loc[pi], gold.loc[gi]
        for field, sink in (("source", speaker_ok), ("cue", cue_ok)):
            g_spans = gr.get(f"{field}_spans")
            if not isinstance(g_spans, list | tuple) or not len(g_spans):
                sink.append(pd.NA)
                continue
            col = "speaker" if field == "source" else "cue"
            mine = _pieces(pr.get(f"{col}_start"), pr.get(f"{col}_end"))
            sink.append(_touches(mine, _pieces(None, None, g_spans)))
    out["speaker_ok"] = pd.array(speaker_ok, dtype="boolean")
    out["cue_ok"] = pd.array(cue_ok, dtype="boolean")
    out["kind_pred"] = out["pred"].map(predicted["kind"]).astype("string")
    out["kind_gold"] = out["gold"].map(gold["kind"]).astype("string")
    return out


#: Content overlap (character Jaccard) of a lenient and of a strict match.
LENIENT, STRICT = 0.3, 0.8


def score_attributions(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of attribution relations, lenient and strict, overall and per kind.

    Quote rows are first collapsed into relations (:func:`relations`); content spans are then
    matched one-to-one, greedy by character Jaccard (:func:`match_attributions`); a match is lenient at overlap >= 0.3 and strict at >= 0.8.
    Speaker and cue accuracy are the shares of lenient matches whose predicted speaker (cue)
    span overlaps the gold source (cue), over the matches whose gold relation has one.

    Returns
    -------
    pandas.DataFrame
        One row per ``scope`` ("all", then each kind: precision counts predicted rows of that
        kind, recall gold rows of that kind) and ``level`` (lenient, strict): ``n_pred, n_gold,
        matched_pred, matched_gold, precision, recall, f1, speaker_accuracy, cue_accuracy``.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"doc_id": ["a"], "kind": ["direct"], "content_start": [1],
    ...                   "content_end": [10]})
    >>> row = score_attributions(g, g).iloc[0]
    >>> row["level"], float(row["f1"])
    ('lenient', 1.0)
    """
    predicted = relations(predicted)
    pairs = match_attributions(predicted, gold)
    rows = []
    kinds = sorted(set(predicted["kind"].dropna()) | set(gold["kind"].dropna()))
    for scope in ["all", *kinds]:
        n_pred = len(predicted) if scope == "all" else int((predicted["kind"] == scope).sum())
        n_gold = len(gold) if scope == "all" else int((gold["kind"] == scope).sum())
        for level, floor in (("lenient", LENIENT), ("strict", STRICT)):
            hit = pairs[pairs["pred"].notna() & pairs["gold"].notna() & (pairs["overlap"] >= floor)]
            hp = hit if scope == "all" else hit[hit["kind_pred"] == scope]
            hg = hit if scope == "all" else hit[hit["kind_gold"] == scope]
            p = len(hp) / n_pred if n_pred else float("nan")
            r = len(hg) / n_gold if n_gold else float("nan")
            f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else float("nan")
            rows.append(
                dict(
                    scope=scope,
                    level=level,
                    n_pred=n_pred,
                    n_gold=n_gold,
                    matched_pred=len(hp),
                    matched_gold=len(hg),
                    precision=p,
                    recall=r,
                    f1=f,
                    speaker_accuracy=_share(hg["speaker_ok"]),
                    cue_accuracy=_share(hg["cue_ok"]),
                )
            )
    return pd.DataFrame(rows)


def _share(flags: pd.Series) -> float:
    known = flags.dropna()
    return float(known.astype(bool).mean()) if len(known) else float("nan")


_MARK_CHARS = "\"“”„«»‟'‘’"


_CLAUSE_END = re.compile(r"[.!?;]?[\"”’']*(?:\s*\n|\s+(?=[A-Z“\"])|$)|\s+[—–]\s|\s--\s")


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']*\s+|\n\s*)(?=[^.!?\n]*$)")


def _same_clause(text: str, cue_end: int, start: int) -> bool:
    """The cue ends shortly before ``start`` in the same sentence."""
    between = text[cue_end:start]
    return 0 <= start - cue_end < 300 and not re.search(r"[.!?][\"”’]?\s+[A-Z]|\n", between)


@accepts_dask
def gold_spans(predicted: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Content spans in the PARC / PolNeAR convention: the quotation marks around a quoted
    content and the complementizer "that" before a reported clause belong to the content
    (kit's ``content`` leaves both out).

    Parameters
    ----------
    predicted : pandas.DataFrame
        From :func:`kit.rhetoric.extract_quotes`.
    articles : pandas.DataFrame
        ``doc_id, text`` of the same articles.

    Returns
    -------
    pandas.DataFrame
        A copy of ``predicted`` with ``content_start, content_end`` widened.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["He said that it rained."]})
    >>> pred = pd.DataFrame({"doc_id": ["a"], "kind": ["indirect"], "content_start": [13],
    ...                      "content_end": [22]})
    >>> gold_spans(pred, arts)[["content_start", "content_end"]].values.tolist()
    [[8, 22]]
    """
    texts = dict(zip(articles["doc_id"].astype(str), articles["text"]))
    out = predicted.copy()
    starts, ends = [], []
    none = pd.Series(pd.NA, index=out.index)
    cue_starts = out["cue_start"] if "cue_start" in out.columns else none
    cue_ends = out["cue_end"] if "cue_end" in out.columns else none
    for doc_id, kind, s, e, cue_start, cue_end in zip(
        out["doc_id"].astype(str),
        out["kind"],
        out["content_start"],
        out["content_end"],
        cue_starts,
        cue_ends,
    ):
        text = texts.get(doc_id, "")
        s, e = int(s), int(e)
        if kind == "mixed" and not pd.isna(cue_end) and _same_clause(text, int(cue_end), s):
            # a mixed quote's content is the reported clause around the quoted fragment
            s = int(cue_end) + len(text[int(cue_end) : s]) - len(text[int(cue_end) : s].lstrip())
            stop = _CLAUSE_END.search(text, e)
            e = stop.start() if stop else e
        elif kind == "mixed" and not pd.isna(cue_start) and _same_clause(text, e, int(cue_start)):
            # '... the goal, using the tax "is a misguided approach," said X': the clause
            # from the sentence start
            lead = _SENTENCE_START.search(text, max(0, s - 300), s)
            s = lead.end() if lead else s
        if kind in ("direct", "mixed"):
            if s > 0 and text[s - 1] in _MARK_CHARS:
                s -= 1
                s -= 1 if s > 0 and text[s - 1] == text[s] == "'" else 0
            if e < len(text) and text[e] in _MARK_CHARS:
                e += 1
                e += 1 if e < len(text) and text[e] == text[e - 1] == "'" else 0
        elif text[max(0, s - 5) : s].lower() == "that ":
            s -= 5
        starts.append(s)
        ends.append(e)
    out["content_start"], out["content_end"] = starts, ends
    return out


def evaluate_attributions(
    gold_dir, *, predicted: pd.DataFrame | None = None, progress: bool = False
) -> pd.DataFrame:
    """Score :func:`kit.rhetoric.extract_quotes` against a brat-standoff gold folder.

    Parameters
    ----------
    gold_dir : str or Path
        ``text/*.txt`` and ``attributions/*.ann`` (PolNeAR layout; see
        :func:`kit.rhetoric.gold.read_brat_attributions`).
    predicted : pandas.DataFrame, optional
        Attributions already extracted from those texts (default: run ``extract_quotes``).
    progress : bool
        Show a progress bar while extracting.

    Returns
    -------
    pandas.DataFrame
        :func:`score_attributions` of the spans in the gold convention (:func:`gold_spans`);
        ``attrs["linked_share"]``: share of predicted speakers
        linked to an actor.
    """
    from kit.rhetoric.gold import read_brat_attributions
    from kit.rhetoric.quotes import extract_quotes

    articles, gold = read_brat_attributions(gold_dir)
    if predicted is None:
        predicted = extract_quotes(articles, progress=progress)
    table = score_attributions(gold_spans(predicted, articles), gold)
    with_speaker = predicted["speaker"].notna()
    table.attrs["linked_share"] = (
        float(predicted.loc[with_speaker, "actor"].notna().mean()) if with_speaker.any() else 0.0
    )
    return table


def roc_auc(scores, labels) -> float:
    """ROC AUC (Mann-Whitney, ties counted half) of ``scores`` against boolean ``labels``.

    Examples
    --------
    >>> roc_auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True])
    0.75
    """
    s = pd.Series(list(scores), dtype="float64").fillna(0.0)
    y = pd.Series(list(labels), dtype="boolean").fillna(False).astype(bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = s.rank(method="average")
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def score_frames(
    scores: pd.DataFrame, gold: pd.DataFrame, *, coded: pd.DataFrame | None = None
) -> pd.DataFrame:
    """ROC AUC of article frame scores and F1 of a yes/no coding against gold yes/no labels.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``doc_id`` and one score column per frame (e.g. :func:`kit.rhetoric.frame_scores`).
    gold : pandas.DataFrame
        ``doc_id`` and one boolean column per frame.
    coded : pandas.DataFrame, optional
        ``doc_id`` and one boolean column per frame (e.g. :func:`kit.rhetoric.frame_coding`);
        without it, F1 is NA.

    Returns
    -------
    pandas.DataFrame
        One row per frame in both tables: ``frame, n, n_yes, roc_auc, precision, recall, f1``.
    """
    require_columns(scores, ["doc_id"], "score_frames (scores)")
    require_columns(gold, ["doc_id"], "score_frames (gold)")
    frames = [c for c in gold.columns if c != "doc_id" and c in scores.columns]
    merged = gold.merge(scores, on="doc_id", how="left", suffixes=("", "_score"))
    if coded is not None:
        merged = merged.merge(
            coded.add_suffix("_yes").rename(columns={"doc_id_yes": "doc_id"}),
            on="doc_id",
            how="left",
        )
    rows = []
    for frame in frames:
        y = merged[frame].astype(bool)
        row = dict(frame=frame, n=len(y), n_yes=int(y.sum()))
        row["roc_auc"] = roc_auc(merged[f"{frame}_score"], y)
        p = r = f = float("nan")
        if coded is not None and f"{frame}_yes" in merged.columns:
            yes = merged[f"{frame}_yes"].fillna(False).astype(bool)
            tp = int((yes & y).sum())
            p = tp / int(yes.sum()) if yes.any() else 0.0
            r = tp / int(y.sum()) if y.any() else float("nan")
            f = 2 * p * r / (p + r) if (p + r) else 0.0
        row.update(precision=p, recall=r, f1=f)
        rows.append(row)
    return pd.DataFrame(rows)


def evaluate_frames(
    gold_path, *, thresholds: dict[str, float] | None = None, progress: bool = False
) -> pd.DataFrame:
    """Score :func:`kit.rhetoric.frame_coding` against a frame coding TSV.

    Parameters
    ----------
    gold_path : str or Path
        A TSV with ``ID, text`` and yes/no frame columns ``CO, HI, MO, EC`` (the layout of
        Frermann et al. 2023; see :func:`kit.rhetoric.gold.read_frame_gold`).
    thresholds : dict, optional
        Frame -> yes/no threshold (default :data:`kit.rhetoric.frames.THRESHOLDS`).
    progress : bool
        Show a progress bar while matching.

    Returns
    -------
    pandas.DataFrame
        :func:`score_frames`: per frame, ROC AUC of the score and F1 of the yes/no coding.
    """
    from kit.rhetoric.frames import frame_coding, frame_questions
    from kit.rhetoric.gold import read_frame_gold

    articles, gold = read_frame_gold(gold_path)
    coded = frame_coding(
        frame_questions(articles, progress=progress), articles, thresholds=thresholds
    )
    frames = [c for c in gold.columns if c != "doc_id"]
    yes = coded[["doc_id"]].assign(**{f: coded[f"{f}_yes"] for f in frames})
    return score_frames(coded[["doc_id", *frames]], gold, coded=yes)
