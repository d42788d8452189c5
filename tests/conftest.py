"""Fixtures shared by the whole test suite (helpers live in tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import make_articles


@pytest.fixture
def articles() -> pd.DataFrame:
    """The small articles table of :func:`make_articles`."""
    return make_articles()


@pytest.fixture
def corpus_path(tmp_path) -> Path:
    """A processed corpus (articles.parquet) holding :func:`make_articles`."""
    path = tmp_path / "articles.parquet"
    make_articles().to_parquet(path, index=False)
    return path
