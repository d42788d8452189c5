"""Reporting cues: the reporting-verb lexicon, each form's stance, and its matches in a text."""

from __future__ import annotations

import bisect
import re

from kit.errors import LexiconError
from kit.lexicons import word_lists
from kit.rhetoric.common import as_dictionary
from kit.rhetoric.words import AUX_ADV

PROGRESSIVE_AUX = word_lists("attribution_words")["progressive_auxiliaries"]


def ing_form(form: str) -> str | None:
    """The -ing form of a cue's first word, from its past or third-person form.

    Parameters
    ----------
    form : str
        A cue of the lexicon ("demanded", "argues", "called for").

    Returns
    -------
    str or None
        The cue with its first word in -ing ("demanding", "arguing", "calling for"), or None
        when that word is in neither form (irregular verbs such as "said" are listed as such).

    Examples
    --------
    >>> ing_form("denied"), ing_form("agreed"), ing_form("writes"), ing_form("called for")
    ('denying', 'agreeing', 'writing', 'calling for')
    """
    first, *rest = form.split()
    if first.endswith(("ied", "ies")):
        stem = first[:-3] + "y"
    elif first.endswith("eed"):
        stem = first[:-1]
    elif first.endswith("ed") or re.search(r"(?:ss|sh|ch|x)es$", first):
        stem = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        stem = first[:-1]
        stem = stem[:-1] if stem.endswith("e") and not stem.endswith("ee") else stem
    else:
        return None
    return " ".join([stem + "ing", *rest]) if len(stem) > 2 else None


class Cues:
    """Reporting-verb lexicon: each form's stance, and the cue matches of one text."""

    def __init__(self, lexicon):
        d = as_dictionary(lexicon, "reporting_verbs")
        self.stance: dict[str, str] = {}
        for cat, forms in d.categories.items():
            for f in forms:
                form = " ".join(f.lower().split())
                if self.stance.get(form, cat) != cat:
                    raise LexiconError(
                        f"{d.source or d.name}: reporting cue {f!r} is listed "
                        f"under both {self.stance[form]!r} and {cat!r}; a cue "
                        "may have one stance only"
                    )
                self.stance[form] = cat
        #: a matched cue's lexicon form: "is demanding" -> "demanded"
        self.forms: dict[str, str] = {}
        for form in list(self.stance):
            ing = ing_form(form)
            if ing is not None:
                self.forms.setdefault(ing, ing if ing in self.stance else form)
        adv = "|".join(re.escape(w) for w in AUX_ADV)
        self.progressive = re.compile(
            r"(?:" + "|".join(re.escape(w) for w in PROGRESSIVE_AUX) + r")\s+"
            r"(?:(?:"
            + adv
            + r")\s+){0,2}("
            + "|".join(
                re.escape(f).replace(r"\ ", r"\s+")
                for f in sorted(self.forms, key=len, reverse=True)
            )
            + r")(?![\w'’-])",
            re.IGNORECASE,
        )
        #: ", promising to ...", ", calling for ...": a participial clause opened by a cue
        self.participle = re.compile(
            r",\s+(?:(?:also|perhaps|then|again|repeatedly)\s+)?("
            + "|".join(
                re.escape(f).replace(r"\ ", r"\s+")
                for f in sorted(self.forms, key=len, reverse=True)
            )
            + r")(?![\w'’-])",
        )
        # one regex per first word: a dict lookup per word instead of a 100-way alternation
        by_first: dict[str, list[str]] = {}
        for form in sorted(self.stance, key=len, reverse=True):
            by_first.setdefault(form.split()[0], []).append(form)
        self.by_first = {
            w: re.compile(
                "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r"(?![\w'’-])",
                re.IGNORECASE,
            )
            for w, forms in by_first.items()
        }
        #: the words a cue may start with, as one regex (a trie: one pass over the text)
        self.first_words = re.compile(
            r"(?<![\w'’-])" + _trie({*by_first, *PROGRESSIVE_AUX}) + r"(?![A-Za-z])",
            re.IGNORECASE,
        )
        self.matches: list[re.Match] = []
        self.starts: list[int] = []

    def prepare(self, text: str) -> None:
        """Find every cue of ``text`` once; :meth:`in_range` then serves windows of it."""
        found: list[re.Match] = []
        for w in self.first_words.finditer(text):
            if found and w.start() < found[-1].end():
                continue  # inside the previous cue ("is calling for")
            word = w.group(0).lower()
            rx = self.progressive if word in PROGRESSIVE_AUX else self.by_first.get(word)
            if rx is not None:
                m = rx.match(text, w.start())
                if m and not _in_name(text, m.start()):
                    found.append(m)
        self.matches, self.starts = found, [m.start() for m in found]

    def in_range(self, start: int, end: int) -> list[re.Match]:
        """Cue matches lying inside ``[start, end)`` of the prepared text."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.matches) and self.matches[i].end() <= end:
            out.append(self.matches[i])
            i += 1
        return out

    def base(self, cue: str) -> str:
        """The lexicon form of a matched cue ("is also demanding" -> "demanded")."""
        c = " ".join(cue.lower().split())
        if c in self.stance:
            return c
        m = self.progressive.fullmatch(c)
        return self.forms[" ".join(m.group(1).split())] if m else c

    def of(self, cue: str) -> str | None:
        return self.stance.get(self.base(cue))


def _trie(words) -> str:
    """A regex matching exactly ``words``, its alternatives nested by shared prefix (Python's
    regex engine tries the alternatives of a flat list one by one)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return emit(root)


_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\"“‘(—–-]|\n)\s*$")


def _in_name(text: str, start: int) -> bool:
    """A capitalised cue inside a sentence is part of a name ("the United States"), not a verb,
    unless its line is a headline in title case ("Lindsey Graham Says Clinton ...")."""
    if not text[start].isupper() or _OPENS_SENTENCE.search(text[max(0, start - 40) : start]):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = [
        w for w in text[line_start : line_end if line_end >= 0 else len(text)].split() if len(w) > 3
    ]
    return sum(w[0].isupper() for w in words) < 0.8 * len(words)
