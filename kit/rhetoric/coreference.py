"""Coreference of speakers within an article: surnames, pronouns and descriptions resolved to
the person they refer to, read in text order by a small state machine (:class:`_DocState`).
"""

from __future__ import annotations

import bisect
import functools
import re

import pandas as pd

from kit.lexicons.actors import load_actors
from kit.rhetoric.linking import link_actors, person_names, place_names
from kit.rhetoric.marks import PARAGRAPH
from kit.rhetoric.subjects import Mention, subject_mentions
from kit.rhetoric.words import PERSON_PRONOUNS, is_title


def resolve_speakers(
    quotes: pd.DataFrame, *, actors: pd.DataFrame | None = None, texts: dict | None = None
) -> pd.DataFrame:
    """Resolve surnames, pronouns and descriptions to the last named person, and link actors.

    Works through each article in text order: a surname ("Salami") takes the full name given
    earlier in the text ("Hossein Salami"); "he"/"she" take the latest person named as a
    subject (:func:`subject_mentions`) after the last quote, in the same or the previous
    paragraph, else the last person quoted before (never a person already referred to with the
    other pronoun, never an actor alias of kind "name"); a description ("the commander") takes
    such a subject, or else the last person quoted, only when its head noun occurs in that
    person's role or title. Quotes attributed from context take their antecedent's resolution.

    Parameters
    ----------
    quotes : pandas.DataFrame
        Rows with doc_id, speaker_text, speaker_kind, speaker_start, role, attribution.
    actors : pandas.DataFrame, optional
        Actor table (:func:`kit.lexicons.actors.load_actors`); the default table when None.
    texts : dict, optional
        doc_id -> article text, to find full names mentioned before a surname.

    Returns
    -------
    pandas.DataFrame
        A copy with ``speaker`` (resolved name) and ``actor`` filled in.
    """
    actors = load_actors() if actors is None else actors
    people, places = person_names(actors), place_names(actors)
    texts = texts or {}
    records = quotes.to_dict("records")
    for doc_id in dict.fromkeys(r["doc_id"] for r in records):
        resolve_rows(
            [r for r in records if r["doc_id"] == doc_id], texts.get(doc_id, ""), people, places
        )
    out = quotes.copy()
    out["speaker"] = pd.Series([r["speaker"] for r in records], index=out.index, dtype="string")
    out["actor"] = link_actors(out, actors)
    return out


def resolve_rows(
    rows: list[dict], text: str, people: dict[str, str], places: frozenset = frozenset()
) -> None:
    """Set ``speaker`` on one article's quote rows (dicts, in text order), in place.

    ``places`` holds case-folded actor aliases of kind "name" (:func:`place_names`), which
    are never taken for the person a pronoun refers to.
    """
    quoted = [
        (r["content_start"], r["content_end"])
        for r in rows
        if r.get("kind") in ("direct", "mixed") and r.get("content_start") is not None
    ]
    state = _DocState(text, people, places, quoted)
    for row in rows:
        row["speaker"] = state.resolve(row)[0]


class _DocState:
    """What resolution remembers while reading one article."""

    def __init__(self, text: str, people: dict[str, str], places=frozenset(), quoted=()):
        self.text, self.people, self.places, self.quoted = text, people, places, quoted
        self.last: tuple[str, str] | None = None  # (name, role) of the last person quoted
        self.last_pos = -1  # where that person was last quoted
        self._mentions: list[Mention] | None = None
        self.para_starts = [0] + [m.end() for m in PARAGRAPH.finditer(text or "")]
        self.pronoun: dict[str, str] = {}  # person -> pronoun already used for them
        self.by_start: dict[int, tuple] = {}  # speaker_start -> resolution

    def resolve(self, row) -> tuple[str | None, bool]:
        start = row["speaker_start"]
        if row["attribution"] in ("context", "split") and start in self.by_start:
            return self.by_start[start]
        self._found_role = None
        found = self._resolve(row)
        name, is_person = found
        role = row["role"] if isinstance(row["role"], str) else ""
        if name and is_person:
            if self.last and self.last[0] == name and not role:
                role = self.last[1]
            if not role and isinstance(self._found_role, str):
                role = self._found_role
            self.last = (name, role)
            self.last_pos = max(_pos(start), _pos(row.get("content_start")), self.last_pos)
        if start is not None and not pd.isna(start):
            self.by_start.setdefault(start, found)
        return found

    def _resolve(self, row):
        text, kind = row["speaker_text"], row["speaker_kind"]
        if not isinstance(text, str) or not text:
            return None, False
        if kind == "pronoun":
            low = text.lower()
            m = self._subject_before(row, pronoun=low) if low in PERSON_PRONOUNS else None
            if m is not None:
                self.pronoun[m.name] = low
                self._found_role = m.role
                return m.name, True
            if (
                low in PERSON_PRONOUNS
                and self.last
                and self.pronoun.setdefault(self.last[0], low) == low
            ):
                return self.last[0], True
            return None, False  # unresolved: speaker_text keeps the pronoun
        if kind == "description":
            words = text.lower().split()
            m = (
                self._subject_before(row, head=words[-1])
                if len(words) <= 3 and words[0] in ("the", "this")
                else None
            )
            if m is not None:
                self._found_role = m.role
                return m.name, True
            if (
                self.last
                and len(words) <= 3
                and words[0] in ("the", "this")
                and (words[-1] in self.last[1].lower().replace("-", " ").split())
            ):
                return self.last[0], True
            return text, False
        n_words = len(text.split())
        if n_words == 1:
            full = self._full_name(text, row["speaker_start"])
            if full:
                return full, True
            if text.casefold() in self.people:
                return self.people[text.casefold()], True
            return text, False
        is_person = (
            text.casefold() in self.people
            or isinstance(row["role"], str)
            or all(w[:1].isupper() for w in text.split())
        )
        return text, is_person

    def _para(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def _subject_before(
        self, row, pronoun: str | None = None, head: str | None = None
    ) -> Mention | None:
        """The latest person named as a subject after the last quote, in this paragraph or
        the one before, that fits ``pronoun`` (not already called by the other one) or whose
        title or appositive holds ``head``."""
        pos = _pos(row.get("speaker_start"))
        if pos < 0 or not self.text:
            return None
        if self._mentions is None:
            self._mentions = subject_mentions(self.text, self.people, self.places, self.quoted)
        para = self._para(pos)
        for m in reversed(self._mentions):
            if m.start >= pos:
                continue
            if m.start <= self.last_pos or self._para(m.start) < para - 1:
                break
            if pronoun and self.pronoun.get(m.name, pronoun) != pronoun:
                continue
            if head and head not in m.role.lower().replace("-", " ").split():
                continue
            return m
        return None

    def _full_name(self, surname: str, before) -> str | None:
        """The last 'Firstname [Middle] Surname' written before ``before`` in the text."""
        if not self.text or before is None or pd.isna(before):
            return None
        best = None
        for m in _names_ending_in(surname).finditer(self.text, 0, int(before)):
            words = m.group(1).split()
            # a full stop after a word that is no initial ends a sentence: "Canada. Cruz"
            ends = [j for j, w in enumerate(words) if w.endswith(".") and len(w) > 2]
            words = words[ends[-1] + 1 :] if ends else words
            k = len(words)
            while k > 0 and not is_title(words[k - 1]):
                k -= 1
            if words[k:]:
                best = " ".join(words[k:] + [surname])
        return best


@functools.lru_cache(maxsize=4096)
def _names_ending_in(surname: str) -> re.Pattern:
    """'Firstname [Middle] Surname' for one surname (compiled once per surname and process)."""
    return re.compile(r"((?:[A-Z][\w'’.-]*[ \t]+){1,3})" + re.escape(surname) + r"\b")


def _pos(value) -> int:
    return -1 if value is None or pd.isna(value) else int(value)
