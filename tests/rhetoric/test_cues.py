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


def test_progressive_form_of_a_cue_keeps_its_auxiliary_and_stance():
    cues = Cues(None)
    cues.prepare("Trump is demanding an apology, and aides were also warning donors.")
    found = [m.group(0) for m in cues.matches]
    assert found == ["is demanding", "were also warning"]
    assert cues.base("is demanding") == "demanded" and cues.of("were also warning") == "emotive"


def test_a_cue_inside_a_longer_cue_is_not_matched_twice():
    assert _cues("Clinton is calling for a ban.") == ["is calling for"]


def test_every_listed_cue_is_found_by_its_first_word():
    """The one-pass scan of first words finds each form of the lexicon, in lower case inside a
    sentence and capitalised at its start."""
    cues = Cues(None)
    for form in cues.stance:
        for text, written in ((f"Officials {form} it.", form), (f"{form.capitalize()} it.", None)):
            cues.prepare(text)
            assert [m.group(0) for m in cues.matches] == [written or form.capitalize()], text
