"""Document-term matrices (kit.text.dtm) against scikit-learn's CountVectorizer and hand counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

import kit
from kit.errors import ParameterError
from kit.text import TOKEN_PATTERN, tokenize
from kit.text.dtm import chosen_terms_matrix, document_term_matrix, group_keys
from kit.text.stopwords import load_stopwords, read_stopword_file
from tests.helpers import ROOT, make_articles


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3), (1, 3)])
@pytest.mark.parametrize("lower", [True, False])
def test_equals_countvectorizer(ngram_range, lower):
    arts = make_articles()
    m = document_term_matrix(
        arts, ngram_range=ngram_range, lower=lower, stopwords=None, within_sentences=False
    )
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=ngram_range, lowercase=lower)
    x = cv.fit_transform(arts["text"])
    assert list(m.terms) == list(cv.get_feature_names_out())
    assert (m.matrix != x).nnz == 0
    assert m.rows["n_tokens"].tolist() == [len(tokenize(t)) for t in arts["text"]]


@pytest.mark.parametrize("within", [True, False])
def test_batches_give_the_same_matrix(within):
    arts = make_articles()
    one = document_term_matrix(arts, ngram_range=(1, 3), batch_size=1000, within_sentences=within)
    small = document_term_matrix(arts, ngram_range=(1, 3), batch_size=2, within_sentences=within)
    assert list(one.terms) == list(small.terms)
    assert (one.matrix != small.matrix).nnz == 0


def test_ngrams_stay_within_sentences():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "language": "en",
            "text": ["Drones hit Gaza. Analysts said", "Gaza analysts"],
        }
    )
    m = document_term_matrix(arts, ngram_range=(1, 2))
    assert "gaza analysts" in m.terms
    col = list(m.terms).index("gaza analysts")
    assert m.matrix[:, col].toarray().ravel().tolist() == [0, 1]
    across = document_term_matrix(arts, ngram_range=(1, 2), within_sentences=False)
    col = list(across.terms).index("gaza analysts")
    assert across.matrix[:, col].toarray().ravel().tolist() == [1, 1]
    assert m.rows["n_tokens"].tolist() == across.rows["n_tokens"].tolist() == [5, 2]


def test_stopwords_english_only_and_ngrams_do_not_span_them():
    arts = pd.DataFrame(
        {
            "doc_id": ["en", "de"],
            "language": ["en", "de"],
            "text": ["The war of the drones", "the war of the drones"],
        }
    )
    m = document_term_matrix(arts, ngram_range=(1, 2))
    frame = m.to_frame()
    en = set(frame.loc[frame["doc_id"] == "en", "term"])
    de = set(frame.loc[frame["doc_id"] == "de", "term"])
    assert en == {"war", "drones"}  # no "war drones": it would span "of the"
    assert {"the", "of", "the war", "of the", "the drones"} <= de
    assert m.rows["n_tokens"].tolist() == [5, 5]  # denominators keep stopwords


def test_custom_stopword_collection_applies_to_every_language():
    arts = pd.DataFrame({"doc_id": ["a"], "language": ["fr"], "text": ["la guerre la paix"]})
    m = document_term_matrix(arts, stopwords=["la"])
    assert list(m.terms) == ["guerre", "paix"]


def test_filters_min_count_and_df():
    arts = pd.DataFrame(
        {
            "doc_id": list("abc"),
            "language": "en",
            "text": ["drones drones missiles", "drones jets", "jets tanks"],
        }
    )
    assert list(document_term_matrix(arts, min_count=2).terms) == ["drones", "jets"]
    assert list(document_term_matrix(arts, min_df=2).terms) == ["drones", "jets"]
    assert list(document_term_matrix(arts, max_df=1).terms) == ["missiles", "tanks"]
    assert list(document_term_matrix(arts, max_df=0.5).terms) == ["missiles", "tanks"]


def test_group_by_column_time_and_many_to_many():
    arts = make_articles()
    by_outlet = document_term_matrix(arts, group_by="outlet")
    per_doc = document_term_matrix(arts)
    assert by_outlet.rows["group"].tolist() == ["MENAFN", "Tehran Times", "The Guardian"]
    assert by_outlet.rows["n_docs"].tolist() == [1, 2, 3]
    assert by_outlet.matrix.sum() == per_doc.matrix.sum()
    col = list(by_outlet.terms).index("iran")
    assert by_outlet.matrix[:, col].toarray().ravel().tolist() == [8, 1, 1]
    assert by_outlet.doc_freq[:, col].toarray().ravel().tolist() == [1, 1, 1]
    by_month = document_term_matrix(arts, group_by="month")
    assert by_month.rows["n_docs"].tolist() == [6]
    mapping = pd.DataFrame({"doc_id": ["seed", "syn1", "seed"], "group": ["A", "A", "B"]})
    mm = document_term_matrix(arts, group_by=mapping)
    assert mm.rows["n_docs"].tolist() == [2, 1]
    assert mm.rows["n_tokens"].tolist()[1] == per_doc.rows["n_tokens"].iloc[0]


def test_group_keys_drops_missing_groups():
    arts = make_articles()
    arts.loc[1, "outlet"] = pd.NA
    pairs = group_keys(arts, "outlet")
    assert len(pairs) == 5 and 1 not in pairs["pos"].tolist()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ngram_range": (1, 4)},
        {"ngram_range": (2, 1)},
        {"ngram_range": "x"},
        {"min_count": 0},
        {"group_by": "nope"},
        {"min_df": -1},
        {"stopwords": "klingon"},
    ],
)
def test_bad_parameters(kwargs):
    with pytest.raises(ParameterError) as err:
        document_term_matrix(make_articles(), **kwargs)
    assert next(iter(kwargs)) in str(err.value)


def test_empty_corpus():
    arts = make_articles().iloc[:0]
    m = document_term_matrix(arts, ngram_range=(1, 2))
    assert m.matrix.shape == (0, 0) and len(m.terms) == 0


def test_stopword_list_has_provenance_and_is_extensible(tmp_path):
    from kit import config

    header = (config.LEXICONS_DIR / "stopwords_en.txt").read_text(encoding="utf-8")
    assert "Source:" in header and "Licence:" in header
    sw = load_stopwords("en", extra=["said"])
    assert {"the", "'s", "’s", "said"} <= sw and "iran" not in sw
    own = tmp_path / "mine.txt"
    own.write_text("# mine\nRegime\n", encoding="utf-8")
    assert read_stopword_file(own) == {"regime"}
    arts = pd.DataFrame({"doc_id": ["a"], "language": ["en"], "text": ["the regime fell"]})
    assert list(document_term_matrix(arts, stopwords=str(own)).terms) == ["fell", "the"]
    assert list(document_term_matrix(arts.assign(language="fr"), stopwords=str(own)).terms) == [
        "fell",
        "the",
    ]
    with pytest.raises(ParameterError):
        load_stopwords("de")


def test_counts_are_integers_and_sparse():
    m = document_term_matrix(make_articles(), ngram_range=(1, 2))
    assert m.matrix.dtype == np.int64 and m.matrix.format == "csr"
    assert m.matrix.shape == (6, len(m.terms))


def test_bad_group_by_fails_before_counting(monkeypatch):
    import kit.text.dtm

    monkeypatch.setattr(kit.text.dtm, "_level_matrix", lambda *a: pytest.fail("counted first"))
    with pytest.raises(ParameterError):
        document_term_matrix(make_articles(), group_by="no_such_column")


@pytest.fixture(scope="module")
def bundled():
    """The bundled corpus, read once for the tests of this module."""
    raw = ROOT / "corpus" / "raw"
    if not raw.is_dir():
        pytest.skip("the bundled corpus (corpus/raw) is not present")
    return kit.read_articles(raw, progress=False)


@pytest.mark.parametrize("lower", [True, False])
def test_equals_countvectorizer_on_the_bundled_corpus(lower, bundled):
    arts = bundled
    m = document_term_matrix(
        arts, ngram_range=(1, 2), lower=lower, stopwords=None, within_sentences=False
    )
    again = document_term_matrix(  # served from the same text layer
        arts, ngram_range=(1, 2), lower=lower, stopwords=None, within_sentences=False
    )
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), lowercase=lower)
    x = cv.fit_transform(arts["text"])
    for got in (m, again):
        assert list(got.terms) == list(cv.get_feature_names_out())
        assert (got.matrix != x).nnz == 0


@pytest.mark.parametrize("lower", [True, False])
def test_chosen_terms_are_the_columns_of_the_full_matrix(lower, bundled):
    arts = bundled
    full = document_term_matrix(arts, ngram_range=(1, 3), lower=lower, stopwords=None)
    totals = np.asarray(full.matrix.sum(axis=0)).ravel()
    rng = np.random.default_rng(0)
    # frequent and rare uni-, bi- and trigrams, plus terms that never occur
    picked = list(rng.choice(full.terms[totals > 2], 60, replace=False))
    picked += list(rng.choice(full.terms[totals == 1], 20, replace=False))
    picked += ["zzz never", "Iran" if not lower else "iran zzz"]
    chosen = chosen_terms_matrix(arts, picked, lower=lower)
    assert set(chosen.terms) == {t for t in picked if t in set(full.terms)}
    cols = np.searchsorted(full.terms, chosen.terms)
    assert (chosen.matrix != full.matrix[:, cols]).nnz == 0
    assert chosen.rows["n_tokens"].tolist() == full.rows["n_tokens"].tolist()
