"""The measures read from one per-article matrix (kit.terms.matrix) against naive loops.

Counts, TF-IDF, keyness, dispersion and trends are computed on a small realistic sample
(real news sentences, :mod:`bench.realistic`) and compared with an independent reference: a
per-article Python loop over sentences and tokens (and scikit-learn's ``TfidfTransformer``).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

import kit.terms as T
from kit.terms.matrix import grouped, term_columns
from kit.text import TOKEN_RE, split_sentences
from kit.text.dtm import document_term_matrix
from kit.text.periods import period_start
from kit.text.stopwords import load_stopwords

STOP = load_stopwords("en")


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    from bench.realistic import articles_frame

    arts = articles_frame(40, words=250)
    arts.loc[3, "language"] = "de"  # stopwords apply to English articles only
    return arts


def naive_counts(text: str, *, n_max: int, stop: frozenset) -> Counter:
    """N-grams of one article: lower-cased tokens per sentence, none across a stopword."""
    grams: Counter = Counter()
    for s, e in split_sentences(text):
        toks = [None if t in stop else t for t in TOKEN_RE.findall(text[s:e].lower())]
        for n in range(1, n_max + 1):
            for i in range(len(toks) - n + 1):
                if None not in toks[i : i + n]:
                    grams[" ".join(toks[i : i + n])] += 1
    return grams


def per_article(arts: pd.DataFrame, *, n_max: int, stopwords: bool) -> list[Counter]:
    return [
        naive_counts(t, n_max=n_max, stop=STOP if stopwords and lang == "en" else frozenset())
        for t, lang in zip(arts["text"], arts["language"])
    ]


def test_count_terms_equals_a_loop_over_articles(sample):
    got = T.count_terms(sample, group_by="outlet", ngram_range=(1, 2), progress=False)
    docs = per_article(sample, n_max=2, stopwords=True)
    rows = []
    for outlet, idx in sample.groupby("outlet").indices.items():
        total = sum((docs[i] for i in idx), Counter())
        n_tokens = sum(len(TOKEN_RE.findall(sample["text"][i])) for i in idx)
        for term, n in total.items():
            df = sum(term in docs[i] for i in idx)
            rows.append((outlet, term, n, n / n_tokens * 1000, df, len(idx), n_tokens))
    cols = ["outlet", "term", "n", "per_1k_tokens", "doc_freq", "n_docs", "n_tokens"]
    ref = pd.DataFrame(rows, columns=cols).sort_values(
        ["outlet", "n", "term"], ascending=[True, False, True], ignore_index=True
    )
    pd.testing.assert_frame_equal(got, ref, check_dtype=False)


@pytest.mark.parametrize("group_by", ["doc_id", "outlet"])
def test_tf_idf_equals_sklearn_on_the_naive_counts(sample, group_by):
    docs = per_article(sample, n_max=2, stopwords=True)
    keys = sorted(set(sample[group_by]))
    sums = [sum((docs[i] for i in np.flatnonzero(sample[group_by] == k)), Counter()) for k in keys]
    dv = DictVectorizer()
    x = dv.fit_transform(sums)
    ref = TfidfTransformer().fit_transform(x).tocoo()
    names = dv.get_feature_names_out()
    expected = {(keys[r], names[c]): v for r, c, v in zip(ref.row, ref.col, ref.data)}
    got = T.tf_idf(sample, group_by=group_by, ngram_range=(1, 2))
    assert len(got) == len(expected)
    values = [expected[(k, t)] for k, t in zip(got[group_by], got["term"])]
    np.testing.assert_allclose(got["tf_idf"], values, rtol=1e-12)
    for _, part in got.groupby(group_by):  # sorted by weight, then term, within each group
        assert (np.diff(part["tf_idf"].to_numpy()) <= 0).all()


def test_keyness_counts_equal_a_loop_over_articles(sample):
    docs = per_article(sample, n_max=1, stopwords=True)
    target = (sample["outlet"] == "Outlet 1").to_numpy()
    reference = (sample["outlet"] == "Outlet 2").to_numpy()
    k = T.keyness(sample, target, reference, min_count=3).set_index("term")
    a = sum((d for d, t in zip(docs, target) if t), Counter())
    b = sum((d for d, r in zip(docs, reference) if r), Counter())
    kept = {t for t in a.keys() | b.keys() if a[t] + b[t] >= 3}
    assert set(k.index) == kept
    for term in kept:
        assert (k.loc[term, "n_target"], k.loc[term, "n_reference"]) == (a[term], b[term])
        df = sum(term in d for d, t in zip(docs, target) if t)
        assert k.loc[term, "doc_freq_target"] == df
    tokens = [len(TOKEN_RE.findall(t)) for t in sample["text"]]
    assert k.attrs["n_tokens_target"] == sum(n for n, t in zip(tokens, target) if t)
    assert k.attrs["n_docs_reference"] == reference.sum()


def test_dispersion_and_trends_equal_a_loop_over_articles(sample):
    terms = ["iran", "the", "united states", "zzz"]
    docs = per_article(sample, n_max=2, stopwords=False)
    d = T.dispersion(sample, terms, parts="outlet").set_index("term")
    for term in terms:
        per_outlet = Counter()
        for c, outlet in zip(docs, sample["outlet"]):
            per_outlet[outlet] += c[term]
        assert d.loc[term, "n"] == sum(per_outlet.values())
        assert d.loc[term, "range"] == sum(v > 0 for v in per_outlet.values())
    assert (d["n_parts"] == sample["outlet"].nunique()).all()

    tr = T.term_trends(sample, terms, time_unit="month", group_by="outlet")
    month = period_start(sample["published"], "month")
    expected = Counter()
    for c, m, outlet in zip(docs, month, sample["outlet"]):
        for term in terms:
            expected[(m, outlet, term)] += c[term]
    got = {(r.period, r.outlet, r.term): r.n for r in tr.itertuples()}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}
    assert tr["n_docs"].sum() == len(sample) * len(terms)


def test_grouped_rows_equal_the_matrix_counted_by_group(sample):
    per_doc = document_term_matrix(sample, ngram_range=(1, 2), progress=False)
    direct = document_term_matrix(sample, ngram_range=(1, 2), group_by="outlet", progress=False)
    summed = grouped(per_doc, sample, "outlet")
    assert (summed.matrix != direct.matrix).nnz == 0
    assert (summed.doc_freq != direct.doc_freq).nnz == 0
    pd.testing.assert_frame_equal(summed.rows, direct.rows)
    cols = term_columns(per_doc, ["iran", "nothing like this", per_doc.terms[-1]])
    assert cols.tolist() == [list(per_doc.terms).index("iran"), -1, len(per_doc.terms) - 1]
