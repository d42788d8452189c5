"""People named as the subject of a verb ("Opposition leader Yair Lapid accused ..."): the
antecedents that pronouns and descriptions of speakers resolve to.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kit.rhetoric.phrases import split_title, tokens
from kit.rhetoric.words import (
    AUX_ADV,
    CALENDAR,
    CAP_WORD,
    DETS,
    NOT_PERSON,
    STOP,
    has_verb,
    verb_like,
)

#: A run of capitalised words separated by single spaces.
_CAP_RUN = re.compile(rf"(?<![\w'’.&-]){CAP_WORD}(?: {CAP_WORD})*")
_LEADING = STOP | DETS | CALENDAR  # dropped from the start of a capitalised run


class Mention(NamedTuple):
    """A named person in subject position ("Opposition leader Yair Lapid accused ...")."""

    name: str
    start: int
    role: str


def subject_mentions(
    text: str, people: dict[str, str], places=frozenset(), skip=()
) -> list[Mention]:
    """Named people written as the subject of a verb, in text order.

    A mention is a run of capitalised words (titles split off as its role, leading determiners,
    days and months dropped) that is a person alias of the actor table, two or more name words
    that are no institution or place (``places``: case-folded aliases of kind "name"), or a
    surname of a full name written earlier; it is a subject when a verb-like word follows it,
    after an optional appositive (", the commander of the force,") and auxiliaries or adverbs.
    Runs starting inside ``skip`` spans (quoted words) are ignored.
    """
    out: list[Mention] = []
    surnames: dict[str, str] = {}
    inside = _Within(skip)
    for found in _CAP_RUN.finditer(text):
        run = tokens(text, found.start(), found.end())
        while run and run[0][0].lower() in _LEADING:
            run = run[1:]
        if not run or run[-1][0].lower().endswith(("'s", "’s")) or inside(run[0][1]):
            continue
        (s, e), title = split_title(text, run)
        words = text[s:e].split()
        full = " ".join(words)
        cf = full.casefold()
        if cf in people:
            name = people[cf]
        elif cf in places:
            continue
        elif len(words) >= 2:
            if any(
                w.casefold() in places
                or w.lower() in NOT_PERSON
                or w.lower() in CALENDAR
                or (w.isupper() and len(w) > 1)
                for w in words
            ):
                continue
            name = full
        elif cf in surnames:
            name = surnames[cf]
        else:
            continue
        if len(name.split()) >= 2:
            surnames[name.split()[-1].casefold()] = name
        role = [text[title[0] : title[1]]] if title else []
        toks = tokens(text, found.end(), min(len(text), found.end() + 200))
        n, k = len(toks), 0
        if k + 1 < n and toks[k][0] == "," and toks[k + 1][0].lower() in ("the", "a", "an"):
            c = next((c for c in range(k + 1, min(n, k + 14)) if toks[c][0] in ",.;:"), None)
            if c is None or toks[c][0] != "," or has_verb(t[0] for t in toks[k + 1 : c]):
                continue
            role.append(text[toks[k + 1][1] : toks[c - 1][2]])
            k = c + 1
        while k < n and (
            toks[k][0].lower() in AUX_ADV
            or (toks[k][0].endswith("ly") and toks[k][0].islower() and len(toks[k][0]) > 3)
        ):
            k += 1
        if k < n and verb_like(toks[k][0]):
            out.append(Mention(name, run[0][1], " ".join(role)))
    return out


class _Within:
    """Whether an offset lies strictly inside one of some spans (a binary search over the spans
    by start, with the furthest end reached so far)."""

    def __init__(self, spans):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        for _, b in ordered:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos)  # the spans starting before pos
        return i > 0 and self.reach[i - 1] > pos
