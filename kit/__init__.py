"""kit: a research corpus kit for studying news coverage of armed conflict.

This module only re-exports the public API; see the submodules for the code.
"""
from kit import errors
from kit.actors import find_mentions, load_actors
from kit.corpus import IngestWarning, ingest, load_articles, read_articles
from kit.readers import get_reader, list_readers, register_reader
from kit.schema import ARTICLE_COLUMNS, validate_articles
from kit.selection import open_corpus, select_articles

__version__ = "0.1.0"

__all__ = ["errors", "find_mentions", "load_actors", "IngestWarning", "ingest", "load_articles", "read_articles",
           "get_reader", "list_readers", "register_reader", "ARTICLE_COLUMNS",
           "validate_articles", "open_corpus", "select_articles", "__version__"]
