"""kit: a research corpus kit for studying news coverage of armed conflict.

This module only re-exports the public API. The layers are packages (see ARCHITECTURE.md):
``kit.corpus`` (ingest and the articles table), ``kit.text`` (sentences, tokens, term counts),
the analyses ``kit.overview``, ``kit.terms``, ``kit.sentiment``, ``kit.dictionaries`` and
``kit.rhetoric``, ``kit.plots``, and ``kit.runs`` (notebook runs and their report).
"""

from kit import config, errors
from kit.corpus import (
    IngestWarning,
    ingest,
    load_articles,
    open_corpus,
    read_articles,
    select_articles,
)
from kit.corpus.readers import get_reader, list_readers, register_reader
from kit.lexicons.actors import find_mentions, load_actors
from kit.parallel import first_rows, set_jobs
from kit.runs.outputs import resolve_output_dir, save_figure, save_table
from kit.validate import ARTICLE_COLUMNS, validate_articles

__version__ = config.VERSION

__all__ = [
    "ARTICLE_COLUMNS",
    "IngestWarning",
    "__version__",
    "errors",
    "find_mentions",
    "first_rows",
    "get_reader",
    "ingest",
    "list_readers",
    "load_actors",
    "load_articles",
    "open_corpus",
    "read_articles",
    "register_reader",
    "resolve_output_dir",
    "save_figure",
    "save_table",
    "select_articles",
    "set_jobs",
    "validate_articles",
]
