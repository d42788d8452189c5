"""The seed and synthetic articles scored once for the sentiment tests."""

from __future__ import annotations

import pytest

from kit import sentiment


@pytest.fixture(scope="module")
def scored():
    from tests.helpers import make_articles

    arts = make_articles()
    return arts, sentiment.score_sentences(arts)
