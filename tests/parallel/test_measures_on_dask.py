"""Every public measure takes a Dask table and gives the pandas engine's result."""

from __future__ import annotations

import inspect

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import kit
from kit import overview, rhetoric, sentiment, terms, text
from tests.helpers import make_articles

#: Measures that split their own work into partitions (the rest gather the table first).
PARTITIONED = {
    "document_term_matrix",
    "score_sentences",
    "score_articles",
    "count_terms",
    "tf_idf",
    "keyness",
}

MEASURES = {
    "count_terms": lambda a: terms.count_terms(a, group_by="outlet", progress=False),
    "count_terms_whole_corpus": lambda a: terms.count_terms(a, ngram_range=(1, 2), progress=False),
    "tf_idf": lambda a: terms.tf_idf(a, group_by="outlet"),
    "tf_idf_per_article": lambda a: terms.tf_idf(a),
    "keyness": lambda a: terms.keyness(a, "outlet == 'MENAFN'"),
    "kwic_terms": lambda a: terms.kwic_terms(a, ["iran", "drones"]),
    "collocations": lambda a: terms.collocations(a, terms=["iran"]),
    "dispersion": lambda a: terms.dispersion(a, ["iran"]),
    "term_trends": lambda a: terms.term_trends(a, ["iran"]),
    "score_sentences": lambda a: sentiment.score_sentences(a, progress=False),
    "score_articles": lambda a: sentiment.score_articles(a, progress=False),
    "find_mentions": kit.find_mentions,
    "corpus_summary": overview.corpus_summary,
    "articles_per_period": overview.articles_per_period,
    "extract_quotes": rhetoric.extract_quotes,
    "find_agency": lambda a: rhetoric.find_agency(a, progress=False),
    "naming_evidence": rhetoric.naming_evidence,
    "escalation": lambda a: rhetoric.escalation(a, progress=False),
    "hedges": lambda a: rhetoric.hedges(a, progress=False),
    "frame_evidence": lambda a: rhetoric.frame_evidence(a, progress=False),
    "language_counts": text.language_counts,
    "sentences": text.sentences,
    "match_dictionary": lambda a: kit.dictionaries.match_dictionary(
        a, kit.dictionaries.load_dictionary(kit.config.LEXICONS_DIR / "hedges_boosters.yml")
    ),
}


@pytest.fixture(autouse=True)
def _strings_as_pandas():
    with dask.config.set({"dataframe.convert-string": False}):  # as kit reads tables
        yield


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_a_dask_table_gives_the_pandas_result(name, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = make_articles()
    want = MEASURES[name](arts)
    got = MEASURES[name](dd.from_pandas(arts, npartitions=3, sort=False))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    assert got.attrs.get("skipped") == want.attrs.get("skipped")  # articles left out, by language


def _public_measures():
    for package in (terms, sentiment, overview, rhetoric, text, kit.dictionaries):
        for name in getattr(package, "__all__", []):
            func = getattr(package, name)
            params = list(inspect.signature(func).parameters) if inspect.isfunction(func) else []
            if params[:1] == ["articles"]:
                yield f"{package.__name__}.{name}", func


@pytest.mark.parametrize("name, func", list(_public_measures()))
def test_every_public_measure_of_articles_accepts_a_dask_table(name, func):
    assert name.rsplit(".", 1)[1] in PARTITIONED or hasattr(func, "__wrapped__"), name
