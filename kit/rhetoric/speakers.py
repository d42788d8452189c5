"""Who is speaking: the noun phrase next to a reporting verb, its role, and whom it refers to.

No parser or NER model can be downloaded, so the speaker is read off the words around the cue
with small closed word lists (determiners, auxiliaries, titles, speaker nouns) instead of a
syntactic parse. This is hand-written because no installed library finds attribution speakers.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

import pandas as pd

from kit.lexicons.actors import find_mentions, load_actors
from kit.rhetoric.marks import PARAGRAPH

#: A word (hyphens, apostrophes, inner dots as in U.S. kept inside) or one punctuation mark.
TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*\.?(?<!\w\w\.)|[^\w\s]")

DETS = frozenset("the a an this that these those his her their its our".split())
PRONOUNS = frozenset("he she they we i it".split())
PERSON_PRONOUNS = frozenset({"he", "she"})
SPEAKER_DETS = frozenset("a an one another some several two three many most".split())
# Words that may stand between a speaker and the verb ("Salami has also stated").
AUX_ADV = frozenset("has have had also later earlier previously reportedly repeatedly further "
                    "then again once since separately similarly meanwhile".split())
# Words that cannot be inside a speaker noun phrase: they end it when walking away from the verb.
STOP = frozenset("""and or but nor that which who whom whose while when whenever as because after
before since if though although however yet so than where whereas with without in on at to from
into onto by about over under during despite against between among through via per is are was
were be been being am do does did will would shall should can could may might must not no never
there here what why how also meanwhile moreover furthermore thus therefore hence still already
just only even today yesterday tonight now then later earlier recently said says say
told""".split())
#: Heads of descriptions that can speak ("officials said", "the commander told").
SPEAKER_NOUNS = frozenset("""official officials spokesperson spokesman spokeswoman spokespeople
commander commanders general minister ministers ministry president premier chancellor leader
leaders analyst analysts diplomat diplomats source sources witness witnesses resident residents
people expert experts statement report reports army military police government administration
agency agencies authorities observers lawmaker lawmakers senator senators governor mayor envoy
ambassador secretary chief head officer officers soldier soldiers medic medics doctor doctors
survivor survivors activist activists group groups council office media outlet newspaper
broadcaster correspondent journalist journalists reporter reporters committee organization
organisation force forces guards corps movement militia militants fighters rebels negotiator
negotiators mediator mediators aide aides adviser advisers advisor advisors king prince mission
missions embassy embassies delegation delegations spokespersons traders investors""".split())
#: Capitalised words that are titles, not names ("US Defense Secretary Lloyd Austin").
TITLE_WORDS = frozenset("""president prime minister secretary defense defence foreign state
general gen. lt. col. maj. brig. commander chief spokesperson spokesman spokeswoman ambassador
senator sen. rep. representative king queen crown prince supreme leader mr mr. mrs mrs. ms ms.
dr dr. sheikh ayatollah admiral adm. colonel major lieutenant captain speaker deputy vice
interior national security advisor adviser chancellor premier envoy special pope cardinal
rabbi imam director head of for the""".split())


#: Finite verbs and auxiliaries: a clause, not a noun phrase or a role, holds one.
FINITE = frozenset("""is are was were will would could can may might must should shall has have
had did does do be been being isn't aren't wasn't weren't won't wouldn't can't couldn't
saw went came took made gave got knew thought found left felt kept began ran fell held brought
heard met paid sent stood understood won wrote led lost meant built fought shot struck spent
sought told said became chose drove flew grew rose spoke threw wore""".split())


def has_verb(words) -> bool:
    """True when the words hold an auxiliary, a modal or a lower-case -ed form."""
    return any(w.lower() in FINITE or (w.endswith("ed") and w.islower() and len(w) > 4)
               for w in words)


NP_PREPS = frozenset({"in", "of", "for", "at", "from", "to"})

#: Days and months: capitalised, but never part of a person's name.
CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())
#: Present-tense verbs after a subject ("Lapid warns"); past forms come from FINITE and -ed.
PRESENT_VERBS = frozenset("""says tells warns writes adds insists claims argues urges accuses
meets speaks visits calls vows""".split())
#: Words that make a capitalised run an institution or a place, not a person.
NOT_PERSON = SPEAKER_NOUNS | frozenset("""house union nations department court party assembly
parliament bank university airport news state states republic kingdom city strip sea gulf river
street square hospital company saudi arabia korea africa america emirates east west north south
lanka zealand coast heights arab islamic""".split())
_CAP_WORD = r"(?:[A-Z]|(?:al|el|ad|an|as|ash|at|az|bin|ibn|abu|bint)-[A-Z])\w*(?:[-'’.&]\w+)*"
#: A run of capitalised words separated by single spaces.
_CAP_RUN = re.compile(rf"(?<![\w'’.&-]){_CAP_WORD}(?: {_CAP_WORD})*")
_LEADING = STOP | DETS | CALENDAR  # dropped from the start of a capitalised run


def verb_like(tok: str) -> bool:
    """A lower-case finite verb form: an auxiliary, a listed irregular or present form, or -ed."""
    return tok.isalpha() and tok.islower() and (
        tok in FINITE or tok in PRESENT_VERBS or (tok.endswith("ed") and len(tok) > 4))


class Mention(NamedTuple):
    """A named person in subject position ("Opposition leader Yair Lapid accused ...")."""

    name: str
    start: int
    role: str


def subject_mentions(text: str, people: dict[str, str], places=frozenset(),
                     skip=()) -> list[Mention]:
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
    for found in _CAP_RUN.finditer(text):
        run = _tokens(text, found.start(), found.end())
        while run and run[0][0].lower() in _LEADING:
            run = run[1:]
        if not run or run[-1][0].lower().endswith(("'s", "’s")) or any(
                a < run[0][1] < b for a, b in skip):
            continue
        (s, e), title = _split_title(text, run)
        words = text[s:e].split()
        full = " ".join(words)
        cf = full.casefold()
        if cf in people:
            name = people[cf]
        elif cf in places:
            continue
        elif len(words) >= 2:
            if any(w.casefold() in places or w.lower() in NOT_PERSON or w.lower() in CALENDAR
                   or (w.isupper() and len(w) > 1) for w in words):
                continue
            name = full
        elif cf in surnames:
            name = surnames[cf]
        else:
            continue
        if len(name.split()) >= 2:
            surnames[name.split()[-1].casefold()] = name
        role = [text[title[0]:title[1]]] if title else []
        toks = _tokens(text, found.end(), min(len(text), found.end() + 200))
        n, k = len(toks), 0
        if k + 1 < n and toks[k][0] == "," and toks[k + 1][0].lower() in ("the", "a", "an"):
            c = next((c for c in range(k + 1, min(n, k + 14)) if toks[c][0] in ",.;:"), None)
            if c is None or toks[c][0] != "," or has_verb(t[0] for t in toks[k + 1:c]):
                continue
            role.append(text[toks[k + 1][1]:toks[c - 1][2]])
            k = c + 1
        while k < n and (toks[k][0].lower() in AUX_ADV or (
                toks[k][0].endswith("ly") and toks[k][0].islower() and len(toks[k][0]) > 3)):
            k += 1
        if k < n and verb_like(toks[k][0]):
            out.append(Mention(name, run[0][1], " ".join(role)))
    return out


class Speaker(NamedTuple):
    """A speaker mention: its span, an optional role span, and its kind."""

    text: str
    start: int
    end: int
    kind: str  # name | pronoun | description
    role: str = ""
    role_start: int = -1
    role_end: int = -1


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def _np_ok(tok: str) -> bool:
    return _is_word(tok) and tok.lower() not in STOP


def _classify(toks: list[tuple[str, int, int]]) -> str | None:
    """Kind of a candidate noun phrase, or None when it cannot be a speaker."""
    prep = next((j for j, t in enumerate(toks) if t[0].lower() in NP_PREPS and j > 0), None)
    head = toks[prep - 1][0] if prep is not None else toks[-1][0]
    low = head.lower()
    if len(toks) == 1 and low in PRONOUNS:
        return "pronoun"
    if low.endswith(("'s", "’s")) or low in DETS:
        return None
    if low in SPEAKER_NOUNS:
        return "description"
    if head.islower() and toks[0][0].lower() in SPEAKER_DETS and head.isalpha():
        return "description"  # "a shopkeeper in Haifa", "one resident"
    if _capitalised(head) or head[0].isdigit() and any(_capitalised(t[0]) for t in toks):
        return "name"
    return None


_PARTICLE = re.compile(r"^(?:al|el|ad|an|as|ash|at|az|bin|ibn|abu|bint)-[A-Z]")


def _capitalised(tok: str) -> bool:
    """A capitalised word, counting Arabic names written 'al-Awadi'."""
    return tok[:1].isupper() or bool(_PARTICLE.match(tok))


def _is_title(tok: str) -> bool:
    low = tok.lower()
    return low in TITLE_WORDS or any(part in TITLE_WORDS for part in low.split("-")) or (
        len(tok) > 1 and tok.isupper() and tok.isalpha())


def _split_title(text: str, toks) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Split 'US Defense Secretary Lloyd Austin' into the name span and the title span."""
    i = len(toks)
    while i > 0 and _capitalised(toks[i - 1][0]) and not _is_title(toks[i - 1][0]):
        i -= 1
    if i == len(toks) or i == 0:
        return (toks[0][1], toks[-1][2]), None
    title = toks[:i]
    if all(t[0].lower() in DETS for t in title):
        return (toks[0][1], toks[-1][2]), None
    return (toks[i][1], toks[-1][2]), (title[0][1], title[-1][2])


def _make(text: str, toks, role_span=None) -> Speaker | None:
    kind = _classify(toks)
    if kind is None:
        return None
    if kind == "name":
        (s, e), title = _split_title(text, toks)
        if role_span is None and title is not None:
            role_span = title
    else:
        s, e = toks[0][1], toks[-1][2]
    if role_span:
        return Speaker(text[s:e], s, e, kind, text[role_span[0]:role_span[1]], *role_span)
    return Speaker(text[s:e], s, e, kind)


def _collect_left(toks, i, limit=9):
    """Tokens of the noun phrase ending at index ``i`` (inclusive), walking left."""
    k = i
    while k >= 0 and i - k < limit:
        tok = toks[k][0]
        if not _np_ok(tok):
            # "officials in Baghdad", "spokesman for the ministry": a preposition after a
            # speaker noun stays inside the phrase
            left = toks[k - 1][0] if k > 0 else ""
            if not (tok.lower() in NP_PREPS and k < i and (left.lower() in SPEAKER_NOUNS or (
                    left.islower() and _np_ok(left)))):
                break
        k -= 1
    return toks[k + 1:i + 1], k


def speaker_before(text: str, seg_start: int, verb_start: int, *, anchored: bool = False
                   ) -> Speaker | None:
    """Return the speaker noun phrase that ends just before a reporting verb.

    Parameters
    ----------
    text : str
        The article text.
    seg_start, verb_start : int
        Search window: from ``seg_start`` (e.g. the sentence start) to the verb.
    anchored : bool
        Require the phrase to start at ``seg_start`` (ignoring punctuation and spaces).

    Returns
    -------
    Speaker or None
        Its text and span, kind (name, pronoun, description) and an appositive or title role.

    Examples
    --------
    >>> t = "Hossein Salami, the head of the IRGC, has stated that it worked."
    >>> sp = speaker_before(t, 0, t.index("stated"))
    >>> sp.text, sp.role
    ('Hossein Salami', 'the head of the IRGC')
    """
    toks = _tokens(text, seg_start, verb_start)
    i = len(toks) - 1
    while i >= 0 and (toks[i][0].lower() in AUX_ADV or (
            toks[i][0].endswith("ly") and toks[i][0].islower() and len(toks[i][0]) > 3)):
        i -= 1
    if i < 0:
        return None
    role_span = None
    if toks[i][0] == ",":
        # relative clause: "A shopkeeper, who asked not to be named, said"
        j = next((j for j in range(i - 1, -1, -1) if toks[j][0] == ","), None)
        if j is not None and j + 1 < i and (toks[j + 1][0].lower() in ("who", "which") or (
                toks[j + 1][0].endswith("ing") and toks[j + 1][0].islower())):
            i = j - 1  # "..., who asked not to be named," / "..., speaking on condition ...,"
    if i >= 0 and toks[i][0] == ",":
        # appositive: NAME , ROLE , verb
        role_toks, k = _collect_left(toks, i - 1, limit=12)
        if not role_toks or k < 1 or toks[k][0] != "," or has_verb(t[0] for t in role_toks) or not (
                role_toks[0][0].lower() in ("the", "a", "an") or role_toks[0][0].islower()):
            return None
        role_span = (role_toks[0][1], role_toks[-1][2])
        i = k - 1
    np_toks, k = _collect_left(toks, i)
    while np_toks and np_toks[0][0].lower() in STOP:
        np_toks = np_toks[1:]
    if not np_toks:
        return None
    if anchored and any(_is_word(t[0]) for t in toks[:k + 1]):
        return None
    sp = _make(text, np_toks, role_span)
    if sp is not None and role_span is not None and sp.kind != "name":
        return None
    return sp


def speaker_after(text: str, verb_end: int, seg_end: int) -> Speaker | None:
    """Return the speaker noun phrase right after a verb ('..., said Salami, the head of the IRGC').

    Examples
    --------
    >>> t = "It worked, said Hossein Salami, the head of the IRGC."
    >>> speaker_after(t, t.index("said") + 4, len(t)).text
    'Hossein Salami'
    """
    toks = _tokens(text, verb_end, seg_end)
    k = 0
    while k < len(toks) and k < 9 and (_np_ok(toks[k][0]) or (
            toks[k][0].lower() in NP_PREPS and 0 < k < len(toks) - 1
            and toks[k - 1][0].islower() and _np_ok(toks[k - 1][0])
            and _capitalised(toks[k + 1][0]))):
        k += 1
    np_toks = toks[:k]
    if not np_toks:
        return None
    role_span = None
    if k + 1 < len(toks) and toks[k][0] == "," and toks[k + 1][0].lower() in ("the", "a", "an"):
        j = k + 1
        while j < len(toks) and j - k < 12 and toks[j][0] not in (",", ".", ";", ":"):
            j += 1
        if not has_verb(t[0] for t in toks[k + 1:j]):
            role_span = (toks[k + 1][1], toks[j - 1][2])
    sp = _make(text, np_toks, role_span)
    return sp if sp is None or sp.kind == "name" or role_span is None else sp._replace(
        role="", role_start=-1, role_end=-1)


def person_names(actors: pd.DataFrame) -> dict[str, str]:
    """Case-folded person aliases of the actor table -> the fullest name of that person.

    "netanyahu" -> "Benjamin Netanyahu" when the table lists both for the same actor.
    """
    people = actors[actors["kind"] == "person"]
    names = list(zip(people["actor"], people["alias"]))
    out = {}
    for actor, alias in names:
        longer = [a for act, a in names if act == actor and a.endswith(" " + alias)]
        out[alias.casefold()] = max(longer, key=len) if longer else alias
    return out


def place_names(actors: pd.DataFrame) -> frozenset:
    """Case-folded aliases of kind "name" (countries, institutions): never a person."""
    return frozenset(a.casefold() for a in actors.loc[actors["kind"] != "person", "alias"])


def resolve_speakers(quotes: pd.DataFrame, *, actors: pd.DataFrame | None = None,
                     texts: dict | None = None) -> pd.DataFrame:
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
        resolve_rows([r for r in records if r["doc_id"] == doc_id], texts.get(doc_id, ""),
                     people, places)
    out = quotes.copy()
    out["speaker"] = pd.Series([r["speaker"] for r in records], index=out.index,
                               dtype="string")
    out["actor"] = link_actors(out, actors)
    return out


def resolve_rows(rows: list[dict], text: str, people: dict[str, str],
                 places: frozenset = frozenset()) -> None:
    """Set ``speaker`` on one article's quote rows (dicts, in text order), in place.

    ``places`` holds case-folded actor aliases of kind "name" (:func:`place_names`), which
    are never taken for the person a pronoun refers to.
    """
    quoted = [(r["content_start"], r["content_end"]) for r in rows
              if r.get("kind") in ("direct", "mixed") and r.get("content_start") is not None]
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
            if low in PERSON_PRONOUNS and self.last and self.pronoun.setdefault(
                    self.last[0], low) == low:
                return self.last[0], True
            return None, False  # unresolved: speaker_text keeps the pronoun
        if kind == "description":
            words = text.lower().split()
            m = self._subject_before(row, head=words[-1]) if len(words) <= 3 and words[0] in (
                "the", "this") else None
            if m is not None:
                self._found_role = m.role
                return m.name, True
            if self.last and len(words) <= 3 and words[0] in ("the", "this") and (
                    words[-1] in self.last[1].lower().replace("-", " ").split()):
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
        is_person = text.casefold() in self.people or isinstance(row["role"], str) or all(
            w[:1].isupper() for w in text.split())
        return text, is_person

    def _para(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def _subject_before(self, row, pronoun: str | None = None, head: str | None = None
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
        pattern = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,3})" + re.escape(surname) + r"\b")
        best = None
        for m in pattern.finditer(self.text, 0, int(before)):
            words = m.group(1).split()
            k = len(words)
            while k > 0 and not _is_title(words[k - 1]):
                k -= 1
            if words[k:]:
                best = " ".join(words[k:] + [surname])
        return best


def _pos(value) -> int:
    return -1 if value is None or pd.isna(value) else int(value)


def link_actors(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """One find_mentions call over all distinct speaker strings (speaker + role)."""
    probe = (quotes["speaker"].fillna("") + " " + quotes["role"].fillna("")).str.strip()
    texts = pd.unique(probe[probe != ""])
    if len(texts) == 0:
        return pd.Series(pd.NA, index=quotes.index, dtype="string")
    found = find_mentions(pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))],
                                        "text": list(texts)}), actors)
    found["length"] = found["end"] - found["start"]
    best = found.sort_values("length", ascending=False).drop_duplicates("doc_id")
    lookup = {texts[int(d)]: a for d, a in zip(best["doc_id"], best["actor"])}
    return probe.map(lookup).astype("string")
