"""Overview of a corpus: volume over time and by outlet, length, duplicates, languages."""

from kit.overview.measures import (
    article_list,
    articles_per_day,
    articles_per_outlet,
    articles_per_period,
    corpus_summary,
    duplicate_pairs,
    duplicates_by_outlet,
    length_histogram,
    length_summary,
)
from kit.text.languages import language_counts

__all__ = [
    "article_list",
    "articles_per_day",
    "articles_per_outlet",
    "articles_per_period",
    "corpus_summary",
    "duplicate_pairs",
    "duplicates_by_outlet",
    "language_counts",
    "length_histogram",
    "length_summary",
]
