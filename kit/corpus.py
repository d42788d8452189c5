"""Ingest: read -> normalize -> deduplicate -> validate -> write Parquet; and load.

PLACEHOLDER: the foundation work fills these in with the signatures below.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import config
from kit.schema import validate_articles


def read_articles(src, *, errors: str = "report", **options) -> pd.DataFrame:
    """Read files or folders into a validated articles table."""
    raise NotImplementedError


def ingest(sources=None, *, out=None, report=None, progress: bool = True) -> dict:
    """Read ``sources`` (default corpus/raw), write the Parquet table and the JSON report;
    return the report as a dict (with key ``n_articles``)."""
    raise NotImplementedError


def load_articles(path: str | Path | None = None) -> pd.DataFrame:
    """Read a processed articles table (default: corpus/processed/articles.parquet)."""
    path = Path(path) if path else config.ARTICLES_PATH
    return validate_articles(pd.read_parquet(path))
