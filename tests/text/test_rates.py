"""One rate across notebooks: terms, dictionaries and rhetoric give the same per_1k_tokens."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.rhetoric as rhetoric
import kit.terms as terms
from kit.dictionaries import build_dictionary, score_dictionary
from kit.text import count_tokens, rate, tokenize
from tests.helpers import make_articles

TEXT = "Drones hit Haifa. Iran's drones, said officials, were intercepted; U.S. drones too."


def test_count_tokens_is_the_tokenizer():
    texts = make_articles()["text"]
    assert count_tokens(texts).tolist() == [len(tokenize(t)) for t in texts]
    assert count_tokens([None, ""]).tolist() == [0, 0]


def test_the_same_matches_give_the_same_rate_in_every_analysis():
    arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "language": ["en"], "text": [TEXT]})
    n_tokens = len(tokenize(TEXT))
    expected = 3 / n_tokens * 1000
    counted = terms.count_terms(arts, stopwords=None).set_index("term")
    assert counted.loc["drones", "n_tokens"] == n_tokens
    assert counted.loc["drones", "per_1k_tokens"] == pytest.approx(expected)
    drones = build_dictionary({"drones": ["drones"]}, name="drones")
    scores = score_dictionary(arts, drones).scores
    assert scores["n_tokens"].item() == n_tokens
    assert scores["per_1k_tokens"].item() == pytest.approx(expected)
    evidence = rhetoric.match_lexicon(arts, drones, "drones")
    rates = rhetoric.rates(evidence, arts, group_by="outlet")
    assert rates["n_tokens"].item() == n_tokens
    assert rates["per_1k_tokens"].item() == pytest.approx(expected)


def test_rates_leave_out_articles_english_lexicons_skip():
    arts = pd.DataFrame(
        {
            "doc_id": ["en", "de"],
            "outlet": ["X", "X"],
            "language": ["en", "de"],
            "text": ["It may rain.", "Es regnet vielleicht sehr viel heute."],
        }
    )
    table = rhetoric.rates(rhetoric.hedges(arts), arts, group_by="outlet")
    assert table["n_articles"].unique().tolist() == [1]
    assert table["n_tokens"].unique().tolist() == [3]


def test_rate_of_no_tokens_is_nan():
    assert pd.isna(rate([1], [0])[0]) and rate([2], [4])[0] == 500
