"""The :class:`Dictionary` structure every dictionary format loads into.

A dictionary maps categories to patterns. A pattern is one or more words separated by spaces
(multi-word patterns), matched case-insensitively against whole tokens; inside a word ``*``
stands for any run of word characters (``terror*`` matches terror, terrorism, terror-related)
and ``?`` for exactly one character (``cease?fire`` matches cease-fire). A *negated category*
holds patterns that spell out a negation of another category's words, as the Lexicoder
Sentiment Dictionary's ``neg_positive`` ("not good") negates ``positive``; matches in it are
flagged ``negated``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kit import config
from kit import text as ktext
from kit.errors import LexiconError

#: A word of a pattern holding a glob: word and glob characters, hyphens/apostrophes inside.
_GLOB_WORD = re.compile(r"[\w*?]+(?:[-'’][\w*?]+)*")
#: Prefix marking a negated category: ``neg_positive`` negates ``positive``.
NEGATED_PREFIX = "neg_"


@dataclass(frozen=True)
class Dictionary:
    """A loaded dictionary: categories of patterns with weights.

    Attributes
    ----------
    name : str
        Short name (the file stem unless the file gives one).
    categories : dict[str, list[str]]
        Category -> patterns, in file order. Nested categories are joined with ``.``
        ("emotion.anger").
    weights : dict[tuple[str, str], float]
        (category, pattern) -> weight; 1.0 unless the file gives one.
    negations : dict[str, str]
        Negated category -> the category it negates (``{"neg_positive": "positive"}``).
    language : str or None
        ISO 639-1 language of the patterns; articles in other languages are not matched.
        None applies the dictionary to every language.
    source : str
        The file it was loaded from ("" when built in code).
    meta : dict
        Header fields the file carries (source, licence, description...).
    """

    name: str
    categories: dict[str, list[str]]
    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    negations: dict[str, str] = field(default_factory=dict)
    language: str | None = config.LEXICON_LANGUAGE
    source: str = ""
    meta: dict = field(default_factory=dict)

    def weight(self, category: str, pattern: str) -> float:
        """Return the weight of ``pattern`` in ``category`` (1.0 by default)."""
        return self.weights.get((category, pattern), 1.0)

    def __len__(self) -> int:
        return sum(len(p) for p in self.categories.values())


def pattern_words(pattern: str) -> tuple[str, ...]:
    """Split a pattern into lower-case tokens the way :func:`kit.text.tokenize` splits text.

    Words with a glob character (``*``, ``?``) stay whole; curly apostrophes become straight
    ones; other punctuation follows the tokenizer ("U.S." stays one token, "Iran's" gives
    "iran" and "'s").

    Examples
    --------
    >>> pattern_words("Terror* attack on the U.S.")
    ('terror*', 'attack', 'on', 'the', 'u.s.')
    """
    words = []
    for piece in pattern.lower().replace("’", "'").split():
        if "*" in piece or "?" in piece:
            words.extend(_GLOB_WORD.findall(piece))
        else:
            words.extend(ktext.tokenize(piece))
    return tuple(words)


def build_dictionary(
    categories: dict,
    *,
    name: str,
    source: str = "",
    weights=None,
    negations=None,
    language=config.LEXICON_LANGUAGE,
    meta=None,
    where=None,
) -> Dictionary:
    """Validate categories/patterns and infer negated categories; return a :class:`Dictionary`.

    ``where`` maps (category, pattern) to a location string ("line 12") used in error messages.
    Categories named ``neg_<other>`` whose ``<other>`` is also a category are negated
    categories unless ``negations`` is given.

    Raises
    ------
    LexiconError
        For an empty dictionary, an empty category name, or a pattern without any word.
    """
    where = where or {}
    label = source or name
    if not categories:
        raise LexiconError(
            f"{label}: no categories found; a dictionary needs at least one category with patterns"
        )
    clean: dict[str, list[str]] = {}
    for cat, patterns in categories.items():
        if not isinstance(cat, str) or not cat.strip():
            raise LexiconError(f"{label}: empty category name; categories must be non-empty text")
        seen = []
        for pat in patterns:
            words = pattern_words(pat) if isinstance(pat, str) else ()
            if not words or all(set(w) <= {"*", "?"} for w in words):
                loc = where.get((cat, pat), f"category {cat!r}")
                raise LexiconError(
                    f"{label}, {loc}: pattern {pat!r} has no word; patterns are "
                    "words, optionally with * or ? wildcards inside a word, "
                    "separated by spaces"
                )
            pat = " ".join(pat.split())
            if pat not in seen:
                seen.append(pat)
        clean[cat] = seen
    if negations is None:
        negations = {
            c: c[len(NEGATED_PREFIX) :]
            for c in clean
            if c.lower().startswith(NEGATED_PREFIX) and c[len(NEGATED_PREFIX) :] in clean
        }
    return Dictionary(
        name=name,
        categories=clean,
        weights=dict(weights or {}),
        negations=dict(negations),
        language=language,
        source=str(source),
        meta=dict(meta or {}),
    )


def stem(path: Path) -> str:
    """The dictionary name given by a file path."""
    return Path(path).stem
