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
        ("Police Tuesday said", "Police"),
        ("Her doctor Friday afternoon says", "Her doctor"),
        ("Ms. Osei, 67, said", "Osei"),
        ("Mr. Bishop said", "Bishop"),
        ("The report, released Monday, found", "The report"),
        ("Perhaps the inspectors will demand", "the inspectors"),
        ("Early surveys showed", "Early surveys"),
        ("economists expect", "economists"),
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


def test_token_windows_equal_a_scan_of_the_window():
    """Windows served from the whole text's tokens, edges that cut a word or end after a
    title's full stop included."""
    import random

    from kit.rhetoric.phrases import TOKEN, tokens

    text = (
        "Gen. Ana Ruiz met U.S.-backed envoys on Monday. Mr. Okafor's aide, 41, said: "
        '"We\'re ready." The A.B.C. group left at 5 p.m. (local time) -- or so Dr. Lee said.'
    )
    rng = random.Random(7)
    for _ in range(2000):
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        scan = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, a, b)]
        assert tokens(text, a, b) == scan, (a, b)
