"""The compiled lookup (kit.dictionaries.lookup): pattern words and the leftmost-longest walk."""

from __future__ import annotations

import re

from kit.dictionaries import Matcher, build_dictionary
from kit.dictionaries.lookup import FOUND_COLUMNS

GLOBS = {"g": ["cease?fire", "*-backed", "re*ed", "war", "war*", "nuclear weapon*", "nuclear"]}
WORDS = [
    "ceasefire",
    "cease-fire",
    "iran-backed",
    "released",
    "reed",
    "war",
    "warfare",
    "nuclear",
    "weapons",
    "backed",
    "re-armed",
    "ceasexfire",
]


def _glob_matches(glob: str, word: str) -> bool:
    """A pattern word as a regular expression, written out plainly."""
    rx = glob.replace("*", "\0").replace("?", "\1")
    rx = re.escape(rx).replace("\0", r"[\w'-]*").replace("\1", r"[\w'-]")
    return re.fullmatch(rx, word) is not None


def test_every_word_gets_the_pattern_words_matching_it_whole():
    matcher = Matcher(build_dictionary(GLOBS, name="t"))
    words = sorted({w for p in GLOBS["g"] for w in p.split()})
    ids = {w: i for i, w in enumerate(dict.fromkeys(w for p in GLOBS["g"] for w in p.split()))}
    for word in WORDS:
        expected = {ids[g] for g in words if _glob_matches(g, word)}
        assert set(matcher.globs_of(word)) == expected, word


def test_the_walk_keeps_the_longest_match_and_never_crosses_units():
    matcher = Matcher(build_dictionary(GLOBS, name="t"))
    words = ["nuclear", "weapons", "war", "warfare", "the"]
    # "nuclear weapons | nuclear | weapons war warfare the" in two units
    tok_word = [0, 1, 0, 1, 2, 3, 4]
    tok_unit = [0, 0, 0, 1, 1, 1, 1]
    found = matcher.find(words, tok_word, tok_unit)
    assert list(found.columns) == FOUND_COLUMNS
    assert list(zip(found["first"], found["stop"], found["term"])) == [
        (0, 2, "nuclear weapon*"),
        (2, 3, "nuclear"),  # "weapons" starts the next unit
        (4, 5, "war"),  # the exact word beats "war*" (more literal characters)
        (5, 6, "war*"),
    ]
    assert matcher.find(words, [], []).empty
