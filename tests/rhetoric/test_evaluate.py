"""Scoring against gold: the matching rules, and kit's figures on the published gold sets.

The published-gold tests print their figures and assert floors a little below what kit reaches
on the development sets (``../shared/eval``); acceptance is measured on held-out parts that are
not in the repository.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kit.rhetoric.evaluate import (
    evaluate_attributions,
    evaluate_frames,
    gold_spans,
    match_attributions,
    relations,
    roc_auc,
    score_attributions,
    score_frames,
)
from tests.helpers import shared_eval

#: Floors of the frame test: a little below the dev-half figures (mean 0.837, lowest 0.820).
FRAME_MEAN_FLOOR, FRAME_MIN_FLOOR = 0.82, 0.80


def _gold(rows):
    return pd.DataFrame(
        [
            {
                "doc_id": "a",
                "kind": kind,
                "content_start": s,
                "content_end": e,
                "content_spans": [(s, e)],
                "source_spans": [src] if src else [],
                "cue_spans": [cue] if cue else [],
            }
            for kind, s, e, src, cue in rows
        ]
    )


def _pred(rows):
    return pd.DataFrame(
        [
            {
                "doc_id": "a",
                "kind": kind,
                "content_start": s,
                "content_end": e,
                "speaker_start": sp[0],
                "speaker_end": sp[1],
                "cue_start": cue[0],
                "cue_end": cue[1],
                "attribution": "explicit",
                "paragraph": 0,
            }
            for kind, s, e, sp, cue in rows
        ]
    )


def test_lenient_and_strict_matches_and_speaker_cue_accuracy():
    gold = _gold([("indirect", 0, 100, (110, 115), (116, 120)), ("direct", 200, 300, None, None)])
    pred = _pred(
        [
            ("indirect", 0, 90, (110, 115), (116, 120)),  # Jaccard 0.9: strict
            ("direct", 200, 240, (0, 3), (4, 8)),  # Jaccard 0.4: lenient only
            ("indirect", 500, 600, (0, 3), (610, 614)),  # no gold
        ]
    )
    table = score_attributions(pred, gold).set_index(["scope", "level"])
    assert table.loc[("all", "lenient"), "matched_gold"] == 2
    assert table.loc[("all", "strict"), "matched_gold"] == 1
    assert table.loc[("all", "lenient"), "precision"] == pytest.approx(2 / 3)
    # the direct gold relation has no source: speaker accuracy counts the other only
    assert table.loc[("all", "lenient"), "speaker_accuracy"] == 1.0
    assert table.loc[("direct", "lenient"), "recall"] == 1.0


def test_rows_sharing_a_cue_are_one_relation():
    pred = _pred([("direct", 0, 10, (12, 14), (15, 19)), ("direct", 22, 40, (12, 14), (15, 19))])
    rel = relations(pred)
    assert len(rel) == 1 and rel.iloc[0]["content_spans"] == [(0, 10), (22, 40)]
    gold = _gold([("direct", 0, 40, (12, 14), (15, 19))])
    gold.at[0, "content_spans"] = [(0, 10), (22, 40)]
    pairs = match_attributions(rel, gold)
    assert pairs["overlap"].tolist() == [1.0]


def test_roc_auc_counts_ties_half():
    assert roc_auc([1, 1, 1, 1], [True, False, True, False]) == 0.5
    assert roc_auc([0.9, 0.1], [True, False]) == 1.0


def test_score_frames_auc_and_f1():
    scores = pd.DataFrame({"doc_id": list("abcd"), "conflict": [3.0, 2.0, 1.0, 0.0]})
    gold = pd.DataFrame({"doc_id": list("abcd"), "conflict": [True, True, False, False]})
    coded = pd.DataFrame({"doc_id": list("abcd"), "conflict": [True, False, False, False]})
    row = score_frames(scores, gold, coded=coded).iloc[0]
    assert row["roc_auc"] == 1.0 and row["precision"] == 1.0 and row["recall"] == 0.5


def test_polnear_dev_attribution_relations():
    """PolNeAR dev split (84 articles): content spans matched one-to-one by character Jaccard."""
    table = evaluate_attributions(shared_eval("polnear_dev"))
    print("\nattribution relations on the PolNeAR dev split (lenient: Jaccard >= 0.3, strict: 0.8)")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"share of speakers linked to an actor: {table.attrs['linked_share']:.3f}")
    overall = table[table["scope"] == "all"].set_index("level")
    assert overall.loc["lenient", "precision"] >= 0.88
    assert overall.loc["lenient", "f1"] >= 0.70
    assert overall.loc["strict", "f1"] >= 0.57
    assert overall.loc["lenient", "speaker_accuracy"] >= 0.88
    assert overall.loc["lenient", "cue_accuracy"] >= 0.87
    quoted = table[(table["scope"] == "direct") & (table["level"] == "lenient")].squeeze()
    assert quoted["recall"] >= 0.90


def test_frermann_dev_frames():
    """Frermann et al. (2023) dev half (209 articles): ROC AUC of the frame score, F1 of yes/no."""
    table = evaluate_frames(shared_eval("frames_frermann_dev/articles_dev.tsv"))
    print("\ngeneric frames on the Frermann et al. dev half (score vs gold yes/no)")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"mean ROC AUC: {table['roc_auc'].mean():.3f}")
    auc = table.set_index("frame")["roc_auc"]
    assert auc.mean() >= FRAME_MEAN_FLOOR
    assert auc.min() >= FRAME_MIN_FLOOR


def test_gold_spans_take_quotation_marks_and_that_into_the_content():
    text = 'He said that it rained. "We won," she said.'
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    pred = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "kind": ["indirect", "direct"],
            "content_start": [text.index("it rained"), text.index("We won")],
            "content_end": [text.index("it rained") + 9, text.index("We won") + 7],
        }
    )
    out = gold_spans(pred, arts)
    spans = [text[s:e] for s, e in zip(out["content_start"], out["content_end"])]
    assert spans == ["that it rained", '"We won,"']


def test_gold_spans_widen_a_mixed_quote_attributed_after_it_to_its_sentence():
    text = 'It rained. In short, the plan "was a failure," Smith said.'
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    s, e = text.index("was a"), text.index("failure,") + 8
    cue = text.index("said")
    pred = pd.DataFrame(
        {
            "doc_id": ["a"],
            "kind": ["mixed"],
            "content_start": [s],
            "content_end": [e],
            "cue_start": [cue],
            "cue_end": [cue + 4],
        }
    )
    out = gold_spans(pred, arts).iloc[0]
    assert text[out["content_start"] : out["content_end"]] == 'In short, the plan "was a failure,"'
