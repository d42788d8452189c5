"""Reporting cues: a capitalised cue inside a name is no cue, except in a headline."""

from __future__ import annotations

from kit.rhetoric.cues import Cues


def _cues(text: str) -> list[str]:
    cues = Cues(None)
    cues.prepare(text)
    return [m.group(0) for m in cues.matches]


def test_states_in_the_united_states_is_no_cue():
    assert _cues("Aid from the United States and European allies arrived.") == []


def test_cue_at_a_sentence_start_and_in_a_title_case_headline():
    assert _cues("Says who? Nobody.") == ["Says"]
    assert _cues("Lindsey Graham Says Clean Energy Could Win\n\nBody text.") == ["Says"]
