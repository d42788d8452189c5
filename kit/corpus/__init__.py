"""The corpus: raw files read into one articles table (ingest), then loaded and selected.

``readers/`` parse the formats, :mod:`~kit.corpus.rows` builds a normalized row per article,
:mod:`~kit.corpus.pipeline` runs the ingest, :mod:`~kit.corpus.report` is its report and
:mod:`~kit.corpus.load` opens the processed table for the notebooks.
"""

from kit.corpus.load import load_articles, open_corpus, select_articles
from kit.corpus.pipeline import ingest, read_articles
from kit.corpus.report import REPORT_NAME, IngestWarning, load_report, report_tables

__all__ = [
    "REPORT_NAME",
    "IngestWarning",
    "ingest",
    "load_articles",
    "load_report",
    "open_corpus",
    "read_articles",
    "report_tables",
    "select_articles",
]
