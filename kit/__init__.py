"""kit: a research corpus kit for studying news coverage of armed conflict.

This module only re-exports the public API; the analyses live in ``kit.terms``,
``kit.sentiment``, ``kit.dictionaries`` and ``kit.rhetoric``, and runs in ``kit.run``.
"""
from kit import errors
from kit.actors import find_mentions, load_actors
from kit.corpus import IngestWarning, ingest, load_articles, read_articles
from kit.readers import get_reader, list_readers, register_reader
from kit.schema import ARTICLE_COLUMNS, validate_articles
from kit.selection import open_corpus, select_articles

__version__ = "0.1.0"

__all__ = ["ARTICLE_COLUMNS", "IngestWarning", "errors", "find_mentions", "get_reader", "ingest",
           "list_readers", "load_actors", "load_articles", "open_corpus", "read_articles",
           "register_reader", "select_articles", "validate_articles", "__version__"]
