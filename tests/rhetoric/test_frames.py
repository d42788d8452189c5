"""Generic news frames from indicator lists."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.dictionaries import load_dictionary
from kit.rhetoric import (
    FRAMES,
    LEXICONS,
    THRESHOLDS,
    frame_coding,
    frame_evidence,
    frame_questions,
    frame_scores,
)
from tests.helpers import articles_from, make_articles


def test_lexicon_has_the_five_frames():
    assert set(load_dictionary(LEXICONS["frames"]).categories) == set(FRAMES)


@pytest.mark.parametrize(
    "text, frame",
    [
        ("Oil prices and stock markets fell as investors counted the cost.", "economic"),
        ("A mother mourned her children; the families of victims wept.", "human_interest"),
        ("The government is responsible and must be held accountable.", "responsibility"),
        ("Clerics called it a moral duty and a matter of justice before God.", "morality"),
        ("The rivals traded accusations as the conflict and hostilities grew.", "conflict"),
    ],
)
def test_dominant_frame(text, frame):
    arts = articles_from([text])
    scores = frame_scores(frame_evidence(arts), arts)
    assert scores.loc[0, "dominant_frame"] == frame


def test_scores_are_matches_per_1k_tokens_and_evidence_spans():
    arts = articles_from(["Oil prices rose.", "Nothing here."])
    ev = frame_evidence(arts)
    scores = frame_scores(ev, arts).set_index("doc_id")
    assert scores.loc["d0", "economic"] == pytest.approx(2 / 3 * 1000)
    assert pd.isna(scores.loc["d1", "dominant_frame"])
    for row in ev.itertuples():
        assert arts.set_index("doc_id").loc[row.doc_id, "text"][row.start : row.end] == row.matched


def test_seed_frames_with_evidence():
    arts = make_articles().iloc[:1]
    ev = frame_evidence(arts)
    scores = frame_scores(ev, arts)
    assert scores.loc[0, "dominant_frame"] == "conflict"
    assert {"conflict", "morality"} <= set(ev["category"])
    assert "martyr" in set(ev.loc[ev["category"] == "morality", "matched"].str.lower())


def test_every_measure_accepts_empty_and_textless_articles():
    import kit.rhetoric as r

    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [None, ""],
            "outlet": ["X", "Y"],
            "language": ["en", "en"],
            "n_words": [0, 0],
        }
    )
    for table in (arts, arts.iloc[:0]):
        quotes = r.extract_quotes(table)
        assert quotes.empty and r.who_is_quoted(quotes, table).empty
        assert r.naming_table(r.naming_evidence(table), table).empty
        assert r.pronouns(table, quotes=quotes).empty
        assert r.rates(r.hedges(table), table, group_by="outlet")["n"].sum() == 0
        agency = r.agency_rates(r.find_agency(table), table, group_by="outlet")
        assert len(agency) == len(table) and agency["agentless_passive_share"].isna().all()
        scores = frame_scores(frame_evidence(table), table)
        assert len(scores) == len(table) and scores["dominant_frame"].isna().all()


def test_frame_questions_keep_the_evidence_form():
    arts = articles_from(["Critics accused the company. There were no victims."])
    ev = frame_questions(arts, progress=False)
    assert {"doc_id", "sent_id", "start", "end", "question", "negated", "sentence"} <= set(ev)
    text = arts.loc[0, "text"]
    for row in ev.itertuples():
        assert text[row.start : row.end] == row.matched
    victims = ev[ev["matched"] == "victims"].squeeze()
    assert victims["category"] == "human_interest" and bool(victims["negated"])


def test_frame_coding_scores_questions_and_ignores_negated_matches():
    arts = articles_from(
        [
            "Critics accused the minister; the rivals disagree and the opposition won.",
            "There were no victims and no families affected.",
        ]
    )
    coded = frame_coding(frame_questions(arts, progress=False), arts).set_index("doc_id")
    assert coded.loc["d0", "conflict"] > 0.5 and bool(coded.loc["d0", "conflict_yes"])
    assert coded.loc["d1", "human_interest"] < coded.loc["d0", "conflict"]
    assert set(THRESHOLDS) <= set(coded.columns)
    strict = frame_coding(
        frame_questions(arts, progress=False), arts, thresholds={"conflict": 5.0}
    ).set_index("doc_id")
    assert not strict.loc["d0", "conflict_yes"]


def test_frame_indicator_patterns_do_not_match_other_words():
    """ "warming" is no warning, "important" no import, "feel" no fee, "familiar" no family."""
    arts = articles_from(["Global warming feels important and familiar to European voters."])
    ev = frame_questions(arts, progress=False)
    assert not {"warming", "important", "feels", "familiar", "European"} & set(ev["matched"])


def test_presidents_vetoes_and_repeals_are_political_sides_of_conflict():
    arts = pd.DataFrame(
        {"doc_id": ["a"], "text": ["The governor signed it; the president may veto it."]}
    )
    ev = frame_questions(arts, progress=False)
    sides = ev[(ev["category"] == "conflict") & (ev["question"] == "political_sides")]
    assert sorted(sides["matched"].str.lower()) == ["president", "veto"]
