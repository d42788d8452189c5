"""Dictionaries (lexicons of categories and patterns): load, match, score.

Formats: quanteda YAML, LIWC ``.dic``, WordStat ``.cat``, Lexicoder 3 ``.lc3``, TSV (term,
category, weight). See :mod:`kit.dictionaries.model` for the pattern syntax (wildcards,
multi-word patterns, negated categories), :mod:`kit.dictionaries.matching` for the matching
rules and :mod:`kit.dictionaries.lookup` for the compiled lookup.
"""

from kit.dictionaries.formats import FORMATS, load_dictionary
from kit.dictionaries.lookup import Matcher
from kit.dictionaries.matching import (
    MATCH_COLUMNS,
    NEGATORS,
    DictionaryScores,
    match_dictionary,
    score_dictionary,
)
from kit.dictionaries.model import Dictionary, build_dictionary, pattern_words

__all__ = [
    "FORMATS",
    "MATCH_COLUMNS",
    "NEGATORS",
    "Dictionary",
    "DictionaryScores",
    "Matcher",
    "build_dictionary",
    "load_dictionary",
    "match_dictionary",
    "pattern_words",
    "score_dictionary",
]
