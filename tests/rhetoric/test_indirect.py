"""Relations without quotation marks: the rules of kit.rhetoric.indirect on small sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.rhetoric import extract_quotes
from kit.rhetoric.indirect import sentence_subject


def _one(text: str) -> dict:
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}), progress=False)
    assert len(q) == 1, q[["kind", "speaker", "cue", "content"]]
    return q.iloc[0].to_dict()


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "The bridge will reopen in May, the mayor told reporters in Lyon.",
            "the mayor",
            "The bridge will reopen in May",
        ),
        (
            "The bridge will reopen in May, Sen. Ann Cole (D-Vt.) told The Courier on Friday.",
            "Ann Cole",
            "The bridge will reopen in May",
        ),
        (
            "Ann Cole told the council the bridge would reopen in May.",
            "Ann Cole",
            "the bridge would reopen in May",
        ),
    ],
)
def test_the_audience_of_told_is_no_part_of_the_content(text, speaker, content):
    row = _one(text)
    assert (row["speaker"], row["content"]) == (speaker, content)


def test_a_long_apposition_after_an_inverted_cue_keeps_the_clause_first():
    text = (
        "Ferry services across the bay were cut by half over the winter, said Omar Haddad, a "
        "senior official with the port authority that runs the terminals on both shores."
    )
    row = _one(text)
    assert row["speaker"] == "Omar Haddad"
    assert row["content"] == "Ferry services across the bay were cut by half over the winter"


def test_a_passive_with_an_agent_makes_the_agent_the_source():
    row = _one("The new curfew was criticized by the national union of teachers.")
    assert (row["kind"], row["speaker"], row["cue"], row["content"]) == (
        "speech_act",
        "the national union of teachers",
        "criticized",
        "The new curfew",
    )


def test_the_subject_of_a_participle_after_an_opening_phrase():
    text = "In 1998, the tribunal halted the sale of the port, citing a risk to shipping."
    assert sentence_subject(text, 0, text.index("citing")).text == "the tribunal"
    row = _one(text)
    assert (row["speaker"], row["cue"], row["content"]) == (
        "the tribunal",
        "citing",
        "a risk to shipping",
    )


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("Perhaps the inspectors will demand more samples.", "the inspectors", "speech_act"),
        ("The audit, published Tuesday, found that the fund lost money.", "The audit", "evidence"),
        ("Villagers fear the levee will break.", "Villagers", "belief"),
        ("Early surveys showed the mayor was ahead by six points.", "Early surveys", "evidence"),
        ("If the mill closes, economists expect that wages will fall.", "economists", "belief"),
    ],
)
def test_speakers_that_open_a_sentence_or_carry_a_modifier(text, speaker, kind):
    row = _one(text)
    assert (row["speaker"], row["kind"]) == (speaker, kind)


def test_a_contrast_after_but_is_the_writers():
    row = _one("Early surveys showed the mayor was ahead, but such surveys often miss late voters.")
    assert row["content"] == "the mayor was ahead"


def test_declining_to_comment_is_a_speech_act_without_content():
    row = _one("Reached by phone, the colonel declined to comment.")
    assert (row["speaker"], row["kind"], row["content"]) == (
        "the colonel",
        "speech_act",
        "to comment",
    )
