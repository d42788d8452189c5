"""Term counts and TF-IDF (kit.terms.counts) against scikit-learn."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

import kit.terms as T
from kit.errors import ParameterError
from kit.text import TOKEN_PATTERN
from tests.helpers import articles_from, make_articles


# ---------------------------------------------------------------- counts and TF-IDF
def test_count_terms_rates_and_doc_freq():
    arts = articles_from(
        ["drones drones hit Iran", "Drones fell", "talks"], outlets=["A", "A", "B"]
    )
    c = T.count_terms(arts, group_by="outlet")
    row = c[(c["outlet"] == "A") & (c["term"] == "drones")].iloc[0]
    assert (row["n"], row["doc_freq"], row["n_docs"], row["n_tokens"]) == (3, 2, 2, 6)
    assert row["per_1k_tokens"] == pytest.approx(3 / 6 * 1_000)
    whole = T.count_terms(arts)
    assert "outlet" not in whole.columns and whole.iloc[0]["term"] == "drones"
    top = T.top_terms(c, n=1, group_by="outlet")
    assert top["term"].tolist() == ["drones", "talks"]


@pytest.mark.parametrize(
    "sublinear,smooth,norm",
    list(itertools.product([False, True], [False, True], ["l2", "l1", None])),
)
def test_tf_idf_equals_sklearn(sublinear, smooth, norm):
    arts = make_articles()
    counts = T.count_terms(arts, group_by="doc_id", stopwords=None)
    ours = T.bind_tf_idf(
        counts, sublinear_tf=sublinear, smooth_idf=smooth, norm=norm, n_documents=len(arts)
    )
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN)
    x = cv.fit_transform(arts["text"])
    ref = TfidfTransformer(norm=norm, smooth_idf=smooth, sublinear_tf=sublinear).fit_transform(x)
    col = {t: i for i, t in enumerate(cv.get_feature_names_out())}
    row = {d: i for i, d in enumerate(arts["doc_id"])}
    expected = [ref[row[d], col[t]] for d, t in zip(ours["doc_id"], ours["term"])]
    np.testing.assert_allclose(ours["tf_idf"], expected, rtol=1e-12)
    assert len(ours) == ref.nnz


def test_tf_idf_wrapper_sorted_and_bad_norm():
    out = T.tf_idf(make_articles())
    assert out.groupby("doc_id")["tf_idf"].apply(lambda s: s.is_monotonic_decreasing).all()
    with pytest.raises(ParameterError, match="norm"):
        T.bind_tf_idf(pd.DataFrame({"doc_id": ["a"], "term": ["x"], "n": [1]}), norm="l3")


@pytest.mark.parametrize("texts", ["empty", "all-NA"])
def test_empty_or_all_na_text_gives_empty_tables_of_the_documented_columns(texts):
    articles = make_articles()
    if texts == "empty":
        articles = articles.iloc[0:0]
    else:
        articles["text"] = pd.Series(pd.NA, index=articles.index, dtype="string")
    counts = T.count_terms(articles, progress=False)
    assert counts.empty
    assert list(counts.columns) == ["term", "n", "per_1k_tokens", "doc_freq", "n_docs", "n_tokens"]
    by_outlet = T.count_terms(articles, group_by="outlet", progress=False)
    assert by_outlet.empty and list(by_outlet.columns)[:2] == ["outlet", "term"]
    weights = T.tf_idf(articles)
    assert weights.empty and list(weights.columns)[-3:] == ["tf", "idf", "tf_idf"]
