"""Speaker noun phrases: the words next to a reporting verb that name who speaks, and their role.

Hand-written rules over :mod:`kit.rhetoric.words`: no installed library finds attribution
speakers, and no parser can be downloaded.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kit.lexicons import word_lists
from kit.rhetoric.words import (
    AUX_ADV,
    DETS,
    EVIDENCE_SOURCES,
    NP_PREPS,
    PRONOUNS,
    SPEAKER_DETS,
    SPEAKER_NOUNS,
    STOP,
    capitalised,
    has_verb,
    is_title,
    time_phrase_start,
)

_ABBR = word_lists("abbreviations")
ABBREVIATIONS = _ABBR["titles"] | _ABBR["before_number"] | _ABBR["maybe_final"]
_TITLE_ABBR = "|".join(
    sorted((re.escape(a) for a in _ABBR["titles"] if "." not in a), key=len)[::-1]
)

#: A title with its full stop ("Mr.", "Gen."), a word (hyphens, apostrophes, inner dots as in
#: U.S. kept inside) or one punctuation mark.
TOKEN = re.compile(
    rf"(?i:(?<![\w.])(?:{_TITLE_ABBR})\.)(?=\s)|\w+(?:[-'’.&]\w+)*\.?(?<!\w\w\.)|[^\w\s]"
)


class Speaker(NamedTuple):
    """A speaker mention: its span, an optional role span, its kind, and the span of the relative
    pronoun the attribution rests on ("an architect who said": "who"), when there is one."""

    text: str
    start: int
    end: int
    kind: str  # name | pronoun | description
    role: str = ""
    role_start: int = -1
    role_end: int = -1
    relative: tuple[int, int] | None = None


def tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The :data:`TOKEN` tokens of ``text[start:end]`` as (token, start, end).

    The tokens of the whole text are found once and windows served from them; where a window's
    edge cuts a token (or ends right after a full stop, which may then end no abbreviation),
    the words at that edge are tokenized again inside the window, so the result equals a scan
    of the window.
    """
    if text is not _whole.text:
        found = TOKEN.finditer(text)
        _whole.text, _whole.toks = text, [(m.group(0), m.start(), m.end()) for m in found]
        _whole.starts = [t[1] for t in _whole.toks]
    toks, starts = _whole.toks, _whole.starts
    i = bisect.bisect_left(starts, start)
    head: list[tuple[str, int, int]] = []
    if i and toks[i - 1][2] > start:
        # tokens never span a space: the window's own scan meets the whole text's at one
        space = _SPACE.search(text, start, end)
        stop = space.start() if space else end
        for m in TOKEN.finditer(text, start, end):
            if m.start() >= stop:
                break
            head.append((m.group(0), m.start(), m.end()))
        if stop >= end:
            return head
        i = bisect.bisect_left(starts, stop)
    j = bisect.bisect_left(starts, end, i)
    if j > i and (toks[j - 1][2] > end or (toks[j - 1][2] == end and text[end - 1] == ".")):
        j -= 1
        tail = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, toks[j][1], end)]
        return head + toks[i:j] + tail
    return head + toks[i:j] if head else toks[i:j]


_SPACE = re.compile(r"\s")


class _Whole:
    """The tokens of the last text :func:`tokens` read."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.toks: list[tuple[str, int, int]] = []
        self.starts: list[int] = []


_whole = _Whole()


def _breaks(text: str, start: int, end: int):
    """Sentence ends inside a window ("Lebanon. Nadeem"), as (end of the mark, start of the next
    word); a full stop after an abbreviation ("Gen.", "U.S.") is none."""
    for m in _SENT_BREAK.finditer(text, start, end):
        word = m.group(1)
        if m.group(2) == "." and (
            word.lower() in ABBREVIATIONS or len(word) == 1 or not word[1:].islower()
        ):
            continue
        yield m.start(2) + 1, m.end()


def _line_start(text: str, start: int, end: int) -> int:
    """Start of the last line (or sentence) of ``text[start:end]``: a speaker never spans a line
    break or a sentence end."""
    cut = text.rfind("\n", start, end)
    found = start if cut < 0 else cut + 1
    for _, nxt in _breaks(text, found, end):
        found = nxt
    return found


def _line_end(text: str, start: int, end: int) -> int:
    cut = text.find("\n", start, end)
    end = end if cut < 0 else cut
    return next((stop for stop, _ in _breaks(text, start, end)), end)


_SENT_BREAK = re.compile(r"(\w+)([.!?])[\"”’]?\s+(?=[A-Z“\"])")


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
    titled = capitalised(head) and len(toks) > 1 and is_title(toks[-2][0])  # "Mr. King"
    if (low in SPEAKER_NOUNS and not titled) or (low in EVIDENCE_SOURCES and head.islower()):
        return "description"  # "officials", "Instant polls"
    if head.islower() and _AGENT_PLURAL.search(head):
        return "description"  # "environmentalists worry", "Many economists expect"
    if head.islower() and head.isalpha() and len(head) > 1:
        first = toks[0][0]
        if first.lower() in SPEAKER_DETS or first.lower() in DETS or _possessive(first, toks):
            return "description"  # "a shopkeeper in Haifa", "his lawyer", "Clinton's team"
    if capitalised(head) or (head[0].isdigit() and any(capitalised(t[0]) for t in toks)):
        return "name"
    return None


#: Plural nouns of people by their suffix: "economists", "researchers", "residents".
_AGENT_PLURAL = re.compile(r"^[a-z]{3,}(?:ists|ers|ors|ians|ants|ents)$")


def _possessive(first: str, toks) -> bool:
    """The phrase opens with a possessive name ("Connecticut's tax commissioner")."""
    return any(t[0].endswith(("'s", "’s")) and capitalised(t[0]) for t in toks[:-1]) and (
        capitalised(first)
    )


def split_title(text: str, toks) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Split 'US Defense Secretary Lloyd Austin' into the name span and the title span."""
    i = len(toks)
    while i > 0 and capitalised(toks[i - 1][0]) and not is_title(toks[i - 1][0]):
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
        (s, e), title = split_title(text, toks)
        if role_span is None and title is not None:
            role_span = title
    else:
        s, e = toks[0][1], toks[-1][2]
    if role_span:
        return Speaker(text[s:e], s, e, kind, text[role_span[0] : role_span[1]], *role_span)
    return Speaker(text[s:e], s, e, kind)


def _joins(tok: str) -> bool:
    """A word that may stand on either side of "and" inside a speaker ("Clinton and Trump",
    "developers and supporters")."""
    return (capitalised(tok) and tok.lower() not in STOP) or tok.lower() in SPEAKER_NOUNS


def _collect_left(toks, i, limit=9):
    """Tokens of the noun phrase ending at index ``i`` (inclusive), walking left."""
    k = i
    while k >= 0 and i - k < limit:
        tok = toks[k][0]
        if not _np_ok(tok):
            # "officials in Baghdad", "spokesman for the ministry": a preposition after a
            # speaker noun stays inside the phrase
            left = toks[k - 1][0] if k > 0 else ""
            right = toks[k + 1][0] if k < i else ""
            if not (
                tok.lower() in NP_PREPS
                and k < i
                and (
                    left.lower() in SPEAKER_NOUNS
                    or (left.islower() and _np_ok(left))
                    # "Mr. Morgan of the Sierra Club"
                    or (tok.lower() == "of" and capitalised(left) and capitalised(right))
                )
            ) and not (tok.lower() == "and" and k < i and _joins(left) and _joins(right)):
                break
        k -= 1
    return toks[k + 1 : i + 1], k


def speaker_before(
    text: str, seg_start: int, verb_start: int, *, anchored: bool = False
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
    seg_start = max(seg_start, _line_start(text, seg_start, verb_start))
    toks = tokens(text, seg_start, verb_start)
    i = len(toks) - 1
    while i >= 0 and (
        toks[i][0].lower() in AUX_ADV
        or (toks[i][0].endswith("ly") and toks[i][0].islower() and len(toks[i][0]) > 3)
    ):
        i -= 1
    if i >= 0:
        # "World leaders on Monday urged": the time phrase is no part of the speaker
        t = time_phrase_start([tok[0] for tok in toks[: i + 1]], i)
        i = i if t is None else t - 1
    relative = toks[i][0].lower() in ("who", "which") if i >= 1 else False
    # "a super PAC that intends to ...": "that" after a noun opens a relative clause too
    relative = relative or (i >= 1 and toks[i][0].lower() == "that" and _np_ok(toks[i - 1][0]))
    if relative and not anchored:
        # "an architect who said ...": the relative pronoun's antecedent speaks
        ante = i - 1 if toks[i - 1][0] != "," else i - 2
        np_toks, _ = _collect_left(toks, ante) if ante >= 0 else ([], 0)
        while np_toks and np_toks[0][0].lower() in STOP:
            np_toks = np_toks[1:]
        # "defend not paying an architect who said": the phrase opens at its determiner
        det = [j for j, t in enumerate(np_toks) if t[0].lower() in SPEAKER_DETS | DETS]
        np_toks = np_toks[det[-1] :] if det and det[-1] < len(np_toks) - 1 else np_toks
        sp = _make(text, np_toks) if np_toks else None
        return sp._replace(relative=(toks[i][1], toks[i][2])) if sp else None
    if i >= 0 and toks[i][0] == ")":
        # "Sen. David Perdue (R-Ga.) said": the parenthesis is no part of the name
        paren = next((p for p in range(i - 1, max(-1, i - 12), -1) if toks[p][0] == "("), None)
        if paren is not None:
            i = paren - 1
    if i < 0:
        return None
    role_span = None
    if toks[i][0] == ",":
        # relative clause: "A shopkeeper, who asked not to be named, said"
        j = next((j for j in range(i - 1, -1, -1) if toks[j][0] == ","), None)
        if (
            j is not None
            and j + 1 < i
            and (
                toks[j + 1][0].lower() in ("who", "which")
                or (toks[j + 1][0].endswith(("ing", "ed")) and toks[j + 1][0].islower())
            )
        ):
            # "..., who asked not to be named,", "..., speaking on condition ...,", "The report,
            # released Monday,"
            i = j - 1
    if i >= 0 and toks[i][0] == ",":
        # appositive: NAME , ROLE , verb
        role_toks, k = _collect_left(toks, i - 1, limit=12)
        if not role_toks or k < 1 or toks[k][0] != ",":
            role_toks, k = _long_role(toks, i)
        if not role_toks or k < 1 or toks[k][0] != "," or has_verb(_before_who(role_toks)):
            return None
        age = len(role_toks) == 1 and role_toks[0][0].isdigit()  # "Mr. King, 82, said"
        if not (age or role_toks[0][0].lower() in ("the", "a", "an") or role_toks[0][0].islower()):
            return _name_after_role(text, toks, role_toks, k, anchored)
        role_span = (role_toks[0][1], role_toks[-1][2])
        i = k - 1
    np_toks, k = _collect_left(toks, i)
    while np_toks and np_toks[0][0].lower() in STOP:
        np_toks = np_toks[1:]
    if not np_toks:
        return None
    if anchored and any(_is_word(t[0]) for t in toks[: k + 1]):
        return None
    sp = _make(text, np_toks, role_span)
    if sp is not None and role_span is not None and sp.kind != "name":
        return None
    return sp


def _before_who(role_toks) -> list[str]:
    """The words of a role before its relative clause ("a former aide who accompanied her"):
    only they must hold no verb."""
    words = [t[0] for t in role_toks]
    return words[: words.index("who")] if "who" in words[1:] else words


def _long_role(toks, i: int, limit: int = 30):
    """A long role between two commas before a name ("Richard Revesz, director of the
    Institute for Policy Integrity at New York University's law school, said"): lower-case
    role words, names and prepositions, no verb; returns the role tokens and the index of the
    comma before them (([], -1) when there is none)."""
    k = i - 1
    while k >= 0 and i - k <= limit and toks[k][0] != ",":
        tok = toks[k][0]
        # "and" may join role words: "an adviser on tax and budget issues and a professor"
        if tok in (";", ":", "(", ")", "—", "–") or tok.lower() in ("or", "but"):
            return [], -1
        k -= 1
    role = toks[k + 1 : i]
    if k < 1 or toks[k][0] != "," or not role or not role[0][0][:1].islower():
        return [], -1
    return role, k


def _name_after_role(text: str, toks, name_toks, k: int, anchored: bool) -> Speaker | None:
    """'A lawyer for the outlets, David Schulz, said': the name in apposition to a description,
    or 'Senator Dianne Feinstein, Democrat of California, said': a capitalised role."""
    if not all(
        capitalised(t[0]) or t[0] in (".", "-") or t[0].lower() in NP_PREPS for t in name_toks
    ):
        return None
    before, j = _collect_left(toks, k - 1)
    if not before or (anchored and any(_is_word(t[0]) for t in toks[: j + 1])):
        return None
    lead = _make(text, before)
    if lead is None:
        return None
    if lead.kind == "description":
        sp = _make(text, name_toks, (before[0][1], before[-1][2]))
        return sp if sp is not None and sp.kind == "name" else None
    if lead.kind == "name" and any(t[0].islower() for t in name_toks):
        return lead._replace(
            role=text[name_toks[0][1] : name_toks[-1][2]],
            role_start=name_toks[0][1],
            role_end=name_toks[-1][2],
        )
    return None


def speaker_after(text: str, verb_end: int, seg_end: int) -> Speaker | None:
    """Return the speaker noun phrase right after a verb ('..., said Salami, the head of the IRGC').

    Examples
    --------
    >>> t = "It worked, said Hossein Salami, the head of the IRGC."
    >>> speaker_after(t, t.index("said") + 4, len(t)).text
    'Hossein Salami'
    """
    toks = tokens(text, verb_end, _line_end(text, verb_end, seg_end))
    k = 0
    while (
        k < len(toks)
        and k < 9
        and (
            _np_ok(toks[k][0])
            or (
                toks[k][0].lower() in NP_PREPS
                and 0 < k < len(toks) - 1
                and toks[k - 1][0].islower()
                and _np_ok(toks[k - 1][0])
                and capitalised(toks[k + 1][0])
            )
        )
    ):
        k += 1
    np_toks = toks[:k]
    if not np_toks:
        return None
    role_span = None
    if k + 1 < len(toks) and toks[k][0] == "," and toks[k + 1][0].lower() in ("the", "a", "an"):
        j = k + 1
        while j < len(toks) and j - k < 12 and toks[j][0] not in (",", ".", ";", ":"):
            j += 1
        if not has_verb(t[0] for t in toks[k + 1 : j]):
            role_span = (toks[k + 1][1], toks[j - 1][2])
    sp = _make(text, np_toks, role_span)
    return (
        sp
        if sp is None or sp.kind == "name" or role_span is None
        else sp._replace(role="", role_start=-1, role_end=-1)
    )
