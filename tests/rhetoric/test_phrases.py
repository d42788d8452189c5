"""Speaker noun phrases next to a cue: time phrases, line breaks, parentheses, appositions."""

from __future__ import annotations

import pytest

from kit.rhetoric.phrases import speaker_after, speaker_before


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("World leaders on Monday urged", "World leaders"),
        ("Officials last week said", "Officials"),
        ("Sen. David Perdue (R-Ga.) said", "David Perdue"),
        ("A lawyer for the news outlets, David Schulz, said", "David Schulz"),
        ("Lebanon. Nadeem Ahmed Moonakal said", "Nadeem Ahmed Moonakal"),
        ("Fighting in Lebanon\nNadeem Ahmed Moonakal said", "Nadeem Ahmed Moonakal"),
        ("Mr. Morgan said", "Morgan"),
        ("His lawyer said", "His lawyer"),
    ],
)
def test_speaker_before(text, speaker):
    verb = text.rindex(" ") + 1
    sp = speaker_before(text, 0, verb)
    assert sp is not None and sp.text == speaker


def test_a_time_phrase_alone_is_no_speaker():
    text = "On Monday said"
    assert speaker_before(text, 0, text.index("said")) is None


def test_speaker_after_stops_at_a_sentence_end():
    text = "It worked, said the official in Lebanon. Nadeem went home."
    sp = speaker_after(text, text.index("said") + 4, len(text))
    assert sp is not None and "Nadeem" not in sp.text
