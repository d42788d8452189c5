"""Sentiment by sentence (VADER or a dictionary), per article, over time and toward actors.

:mod:`~kit.sentiment.vader_engine` is the VADER engine, :mod:`~kit.sentiment.scoring` scores sentences
and articles, :mod:`~kit.sentiment.groups` summarises them by group, period and actor with the
bootstrap intervals of :mod:`~kit.sentiment.stats`, keeping the sentences as evidence.
"""

from kit.sentiment.groups import actor_sentences, add_period, extreme_sentences, summarize
from kit.sentiment.scoring import (
    NEGATIVE,
    POSITIVE,
    aggregate_articles,
    dictionary_tone,
    score_articles,
    score_sentences,
)
from kit.sentiment.vader_engine import VADER_COLUMNS, vader

__all__ = [
    "NEGATIVE",
    "POSITIVE",
    "VADER_COLUMNS",
    "actor_sentences",
    "add_period",
    "aggregate_articles",
    "dictionary_tone",
    "extreme_sentences",
    "score_articles",
    "score_sentences",
    "summarize",
    "vader",
]
