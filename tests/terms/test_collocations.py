"""Collocations (kit.terms.collocations) against NLTK's association measures."""

from __future__ import annotations

import numpy as np
import pytest

import kit.terms as T
from kit.errors import ParameterError
from tests.helpers import articles_from, make_articles


# ---------------------------------------------------------------- collocations
@pytest.mark.parametrize("window,stop", [(2, None), (3, None), (2, "en"), (4, "en")])
def test_collocations_match_nltk(window, stop):
    from nltk.collocations import BigramAssocMeasures as M
    from nltk.collocations import BigramCollocationFinder

    from kit.terms.collocations import sentence_tokens
    from kit.text.stopwords import load_stopwords

    arts = make_articles()
    ours = T.collocations(arts, window=window, min_freq=2, stopwords=stop)
    words = []
    for _, g in sentence_tokens(arts).groupby(["doc_id", "sent_id"], sort=False):
        words += g["token"].tolist() + [None] * (window - 1)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    finder.apply_freq_filter(2)
    if stop:
        sw = load_stopwords("en")
        finder.apply_word_filter(lambda w: w in sw)
    got = ours.set_index(["w1", "w2"])
    for col, measure in [
        ("pmi", M.pmi),
        ("likelihood_ratio", M.likelihood_ratio),
        ("t_score", M.student_t),
        ("chi_sq", M.chi_sq),
        ("dice", M.dice),
    ]:
        ref = dict(finder.score_ngrams(measure))
        assert set(ref) == set(got.index)
        for pair, score in ref.items():
            assert got.loc[pair, col] == pytest.approx(score)


def test_collocations_never_cross_sentences_and_node_filter():
    arts = articles_from(["We saw air. Support came. Air support helped. Air support."])
    out = T.collocations(arts, min_freq=1, stopwords=None)
    pairs = set(zip(out["w1"], out["w2"]))
    assert ("air", "support") in pairs and ("saw", "air") in pairs
    assert out.set_index(["w1", "w2"]).loc[("air", "support"), "n"] == 2  # not 3
    assert ("came", "air") not in pairs and ("helped", "air") not in pairs
    node = T.collocations(arts, terms=["helped"], min_freq=1, stopwords=None)
    assert set(zip(node["w1"], node["w2"])) == {("support", "helped")}
    with pytest.raises(ParameterError, match="window"):
        T.collocations(arts, window=1)


def test_collocations_of_node_words_match_nltk_on_realistic_articles():
    from nltk.collocations import BigramAssocMeasures as M
    from nltk.collocations import BigramCollocationFinder

    from bench.realistic import articles_frame
    from kit.text import TOKEN_RE, split_sentences
    from kit.text.stopwords import load_stopwords

    arts = articles_frame(30, words=300)
    window, nodes = 5, {"iran", "israel", "said"}
    words = []
    for text in arts["text"]:
        for s, e in split_sentences(text):
            words += [t.lower() for t in TOKEN_RE.findall(text, s, e)] + [None] * (window - 1)
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    finder.apply_freq_filter(2)
    sw = load_stopwords("en")
    finder.apply_word_filter(lambda w: w in sw)
    finder.apply_ngram_filter(lambda a, b: a not in nodes and b not in nodes)
    ours = T.collocations(arts, terms=sorted(nodes), window=window, min_freq=2, progress=False)
    ref = dict(finder.score_ngrams(M.likelihood_ratio))
    assert len(ref) > 50 and set(zip(ours["w1"], ours["w2"])) == set(ref)
    got = ours.set_index(["w1", "w2"])
    for col, measure in [
        ("pmi", M.pmi),
        ("t_score", M.student_t),
        ("chi_sq", M.chi_sq),
        ("dice", M.dice),
    ]:
        for pair, score in finder.score_ngrams(measure):
            assert got.loc[pair, col] == pytest.approx(score, rel=1e-12)
    assert got["likelihood_ratio"].to_dict() == pytest.approx(ref, rel=1e-12)
    assert (np.diff(ours["likelihood_ratio"].to_numpy()) <= 0).all()
