"""Sentiment by sentence (VADER or a dictionary), per article, over time and toward actors.

:mod:`kit.sentiment.scoring` scores sentences and articles; :mod:`kit.sentiment.groups`
summarises them by group, period and actor with bootstrap intervals, keeping the sentences as
evidence.
"""
from kit.sentiment.groups import (TIME_UNITS, actor_sentences, add_period, extreme_sentences,
                                  summarize)
from kit.sentiment.scoring import (NEGATIVE, POSITIVE, VADER_COLUMNS, aggregate_articles,
                                   dictionary_tone, language_report, score_articles,
                                   score_sentences, vader)

__all__ = ["TIME_UNITS", "actor_sentences", "add_period", "extreme_sentences", "summarize",
           "NEGATIVE", "POSITIVE", "VADER_COLUMNS", "aggregate_articles", "dictionary_tone",
           "language_report", "score_articles", "score_sentences", "vader"]
