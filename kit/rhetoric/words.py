"""The closed word lists of the speaker finder, and word tests built on them.

The lists are data (``kit/lexicons/speaker_words.yml``, composed for kit); no parser or NER model
can be downloaded, so speakers are read off the words around a cue with these lists instead of
a syntactic parse.
"""

from __future__ import annotations

import re

from kit.lexicons import word_lists

_WORDS = word_lists("speaker_words")
DETS = _WORDS["determiners"]
PRONOUNS = _WORDS["pronouns"]
PERSON_PRONOUNS = _WORDS["person_pronouns"]
SUBJECT_PRONOUNS = _WORDS["subject_pronouns"]
SPEAKER_DETS = _WORDS["speaker_determiners"]
AUX_ADV = _WORDS["auxiliaries_adverbs"]
STOP = _WORDS["phrase_stop"]
SPEAKER_NOUNS = _WORDS["speaker_nouns"]
TITLE_WORDS = _WORDS["title_words"]
FINITE = _WORDS["finite_verbs"]
NP_PREPS = _WORDS["phrase_prepositions"]
CALENDAR = _WORDS["calendar"]
TIME_WORDS = _WORDS["time_words"]
TIME_PREPS = _WORDS["time_prepositions"]
PRESENT_VERBS = _WORDS["present_verbs"]
NOT_PERSON = SPEAKER_NOUNS | _WORDS["not_person"]
#: Heads of sources of evidence ("polls show", "a study found"): speakers too.
EVIDENCE_SOURCES = word_lists("attribution_words")["evidence_sources"]
_PARTICLES = "|".join(sorted(_WORDS["name_particles"]))
#: A capitalised word, or an Arabic name written with a particle ("al-Awadi").
CAP_WORD = rf"(?:[A-Z]|(?:{_PARTICLES})-[A-Z])\w*(?:[-'’.&]\w+)*"
_PARTICLE = re.compile(rf"^(?:{_PARTICLES})-[A-Z]")


def has_verb(words) -> bool:
    """True when the words hold an auxiliary, a modal or a lower-case -ed form."""
    return any(
        w.lower() in FINITE or (w.endswith("ed") and w.islower() and len(w) > 4) for w in words
    )


def verb_like(tok: str) -> bool:
    """A lower-case finite verb form: an auxiliary, a listed irregular or present form, or -ed."""
    return (
        tok.isalpha()
        and tok.islower()
        and (tok in FINITE or tok in PRESENT_VERBS or (tok.endswith("ed") and len(tok) > 4))
    )


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def time_phrase_start(words: list[str], end: int) -> int | None:
    """Start index of a time phrase ending at ``words[end]`` ("on Monday", "last week", "on
    Sept. 12"), or None when ``words[end]`` ends none.

    A time phrase is a run of calendar words, numbers and time words opened by a time
    preposition ("on", "late"), by "last" or "this", or standing at the start.
    """
    k = end
    while k >= 0 and (
        words[k].lower() in CALENDAR or words[k].lower() in TIME_WORDS or words[k].isdigit()
    ):
        k -= 1
    if k == end or not any(
        w.lower() in CALENDAR or w.lower() in TIME_WORDS for w in words[k + 1 : end + 1]
    ):
        return None
    if k >= 0 and words[k].lower() in TIME_PREPS:
        return k
    if words[k + 1].lower() in ("last", "this"):
        return k + 1
    if words[k + 1].lower() in _WEEKDAYS and words[k + 1][:1].isupper():
        return k + 1  # "Police Tuesday said", "His doctor Friday afternoon says"
    return k + 1 if k < 0 else None


def capitalised(tok: str) -> bool:
    """A capitalised word, counting Arabic names written 'al-Awadi'."""
    return tok[:1].isupper() or bool(_PARTICLE.match(tok))


def is_title(tok: str) -> bool:
    low = tok.lower()
    return (
        low in TITLE_WORDS
        or any(part in TITLE_WORDS for part in low.split("-"))
        or (len(tok) > 1 and tok.isupper() and tok.isalpha())
    )
