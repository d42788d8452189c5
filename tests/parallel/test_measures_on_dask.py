"""Every public measure takes a Dask table and gives the pandas engine's result."""

from __future__ import annotations

import inspect

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import kit
from kit import overview, rhetoric, sentiment, terms, text
from kit.parallel import gather, is_dask
from tests.helpers import make_articles

#: Measures that split their own work into partitions, so a Dask table's texts never gather
#: (the rest gather the table first, or run article by article with ``by_article``).
PARTITIONED = {
    "document_term_matrix",
    "score_sentences",
    "score_articles",
    "count_terms",
    "tf_idf",
    "keyness",
    "kwic",
    "kwic_terms",
    "collocations",
    "dispersion",
    "term_positions",
    "term_trends",
    "articles_per_period",
    "articles_per_day",
    "duplicates_by_outlet",
    "extreme_sentences",
    "language_counts",
    "language_mask",
    "in_language",
    "compare_groups",
    "check_parameters",
}

#: Measures of evidence rows: on a Dask table they give a Dask table of rows, computed once and
#: kept in partitions (``kit.parallel.evidence_of``).
EVIDENCE = {
    "kwic",
    "sentences",
    "score_sentences",
    "find_mentions",
    "extract_quotes",
    "find_agency",
    "naming_evidence",
    "escalation",
    "hedges",
    "frame_evidence",
    "match_dictionary",
    "in_language",  # the articles in a language: a Dask table of them
    "pronouns",
}

MEASURES = {
    "count_terms": lambda a: terms.count_terms(a, group_by="outlet", progress=False),
    "count_terms_whole_corpus": lambda a: terms.count_terms(a, ngram_range=(1, 2), progress=False),
    "tf_idf": lambda a: terms.tf_idf(a, group_by="outlet"),
    "tf_idf_per_article": lambda a: terms.tf_idf(a),
    "keyness": lambda a: terms.keyness(a, "outlet == 'MENAFN'"),
    "compare_groups": lambda a: terms.compare_groups(a).table,
    "check_parameters": lambda a: pd.DataFrame({"ok": [terms.check_parameters(a) is None]}),
    "kwic": lambda a: terms.kwic(a, ["iran", "drones"], progress=False),
    "kwic_terms": lambda a: terms.kwic_terms(a, ["iran", "drones"]),
    "kwic_terms_per_term": lambda a: terms.kwic_terms(a, ["drones", "iran"], per_term=2),
    "collocations": lambda a: terms.collocations(a, terms=["iran"]),
    "collocations_all_pairs": lambda a: terms.collocations(a, window=3, min_freq=1, progress=False),
    "dispersion": lambda a: terms.dispersion(a, ["iran"]),
    "dispersion_by_outlet": lambda a: terms.dispersion(a, ["iran", "drones"], parts="outlet"),
    "term_positions": lambda a: terms.term_positions(a, ["iran", "drones"]),
    "term_trends": lambda a: terms.term_trends(a, ["iran"]),
    "term_trends_by_outlet": lambda a: terms.term_trends(
        a, ["iran", "drones"], time_unit="week", group_by="outlet"
    ),
    "score_sentences": lambda a: sentiment.score_sentences(a, progress=False),
    "score_articles": lambda a: sentiment.score_articles(a, progress=False),
    "find_mentions": kit.find_mentions,
    "corpus_summary": overview.corpus_summary,
    "articles_per_period": overview.articles_per_period,
    "articles_per_period_by_outlet": lambda a: overview.articles_per_period(a, group_by="outlet"),
    "articles_per_day": lambda a: overview.articles_per_day(a, group_by="outlet"),
    "articles_per_outlet": overview.articles_per_outlet,
    "article_list": overview.article_list,
    "length_summary": overview.length_summary,
    "length_histogram": overview.length_histogram,
    "duplicates_by_outlet": overview.duplicates_by_outlet,
    "duplicate_pairs": overview.duplicate_pairs,
    "extract_quotes": rhetoric.extract_quotes,
    "find_agency": lambda a: rhetoric.find_agency(a, progress=False),
    "naming_evidence": rhetoric.naming_evidence,
    "escalation": lambda a: rhetoric.escalation(a, progress=False),
    "hedges": lambda a: rhetoric.hedges(a, progress=False),
    "frame_evidence": lambda a: rhetoric.frame_evidence(a, progress=False),
    "language_counts": text.language_counts,
    "pronouns": lambda a: rhetoric.pronouns(a, quotes=rhetoric.extract_quotes(a), progress=False),
    "language_mask": lambda a: pd.DataFrame({"english": text.language_mask(a)}),
    "in_language": lambda a: text.in_language(a)[0].assign(skipped=str(text.in_language(a)[1])),
    "sentences": text.sentences,
    "match_dictionary": lambda a: kit.dictionaries.match_dictionary(
        a, kit.dictionaries.load_dictionary(kit.config.LEXICONS_DIR / "hedges_boosters.yml")
    ),
}


@pytest.fixture(autouse=True)
def _pandas_strings_and_a_combine_tree(monkeypatch):
    monkeypatch.setattr("kit.parallel.cluster.COMBINE_FAN_IN", 2)  # 3 partitions: a tree
    with dask.config.set({"dataframe.convert-string": False}):  # as kit reads tables
        yield


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_a_dask_table_gives_the_pandas_result(name, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = make_articles()
    want = MEASURES[name](arts)
    got = MEASURES[name](dd.from_pandas(arts, npartitions=3, sort=False))
    assert is_dask(got) == (_measure(name) in EVIDENCE), "evidence stays in partitions"
    got = gather(got)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    assert got.attrs.get("skipped") == want.attrs.get("skipped")  # articles left out, by language


def _measure(name: str) -> str:
    """The public function a MEASURES entry calls."""
    known = sorted(PARTITIONED | EVIDENCE, key=len, reverse=True)
    return next((f for f in known if name.startswith(f)), name)


def _empty_partition(arts: pd.DataFrame):
    """``arts`` without two articles, and as a Dask table whose middle partition is empty."""
    table = dd.from_pandas(arts, npartitions=3, sort=False)
    gone = arts["doc_id"].iloc[2:4].tolist()  # the second of three partitions of two rows
    table = table[~table["doc_id"].isin(gone)]
    assert 0 in table.map_partitions(len).compute().tolist()
    return arts[~arts["doc_id"].isin(gone)].reset_index(drop=True), table


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_an_empty_partition_gives_the_pandas_result(name, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts, table = _empty_partition(make_articles())
    want = MEASURES[name](arts)
    got = gather(MEASURES[name](table))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    assert got.attrs == want.attrs


@pytest.mark.parametrize("name", sorted(n for n in MEASURES if _measure(n) in PARTITIONED))
def test_a_partitioned_measure_gathers_no_texts(name, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)

    def computing(cls):
        compute = cls.compute

        def checked(self, *args, **kwargs):
            out = compute(self, *args, **kwargs)
            texts = out.columns if isinstance(out, pd.DataFrame) else [getattr(out, "name", None)]
            assert "text" not in texts, f"{name} gathered the texts"
            return out

        return checked

    for cls in (dd.DataFrame, dd.Series):
        monkeypatch.setattr(cls, "compute", computing(cls))
    MEASURES[name](dd.from_pandas(make_articles(), npartitions=3, sort=False))


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


def _evidence(arts):
    return {
        "sentences": sentiment.score_sentences(arts, progress=False),
        "quotes": rhetoric.extract_quotes(arts),
        "naming": rhetoric.naming_evidence(arts),
        "hedges": rhetoric.hedges(arts, progress=False),
        "agency": rhetoric.find_agency(arts, progress=False),
        "frames": rhetoric.frame_evidence(arts, progress=False),
        "questions": rhetoric.frame_questions(arts),
    }


#: The summaries of evidence rows (and of the articles they come from), as the notebooks call them.
SUMMARIES = {
    "aggregate_articles": lambda ev, a: sentiment.aggregate_articles(ev["sentences"]),
    "summarize": lambda ev, a: sentiment.summarize(ev["sentences"], a, n_resamples=50),
    "summarize_over_time": lambda ev, a: sentiment.summarize(
        ev["sentences"], a, time_unit="week", n_resamples=50
    ),
    "add_period": lambda ev, a: sentiment.add_period(ev["sentences"], a, time_unit="day"),
    "who_is_quoted": lambda ev, a: rhetoric.who_is_quoted(ev["quotes"], a),
    "quote_stance": lambda ev, a: rhetoric.quote_stance(ev["quotes"], a),
    "naming_table": lambda ev, a: rhetoric.naming_table(ev["naming"], a),
    "naming_choices": lambda ev, a: rhetoric.naming_choices(ev["naming"], a),
    "rates": lambda ev, a: rhetoric.rates(ev["hedges"], a, group_by="outlet"),
    "agency_rates": lambda ev, a: rhetoric.agency_rates(ev["agency"], a, group_by="outlet"),
    "frame_scores": lambda ev, a: rhetoric.frame_scores(ev["frames"], a, group_by="outlet"),
    "frame_coding": lambda ev, a: rhetoric.frame_coding(ev["questions"], a),
}


@pytest.fixture(scope="module")
def evidence_of_articles():
    arts = make_articles()
    return arts, _evidence(arts)


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_a_summary_of_dask_evidence_and_articles_gives_the_pandas_result(
    name, evidence_of_articles, monkeypatch
):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts, evidence = evidence_of_articles
    want = SUMMARIES[name](evidence, arts)
    lazy = {k: dd.from_pandas(v, npartitions=2, sort=False) for k, v in evidence.items()}
    got = SUMMARIES[name](lazy, dd.from_pandas(arts, npartitions=3, sort=False))
    assert isinstance(got, pd.DataFrame)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


#: Summaries made partition by partition: only sums or counts per article come back, never
#: the texts or the evidence rows.
SUMMARIES_BY_PARTITION = (
    "aggregate_articles",
    "summarize",
    "summarize_over_time",
    "rates",
    "agency_rates",
    "frame_scores",
    "who_is_quoted",
    "quote_stance",
    "naming_choices",
    "frame_coding",
)


@pytest.mark.parametrize("name", SUMMARIES_BY_PARTITION)
def test_a_summary_by_partition_brings_sums_per_article_not_the_rows(
    name, evidence_of_articles, monkeypatch
):
    from kit.parallel import cluster

    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts, evidence = evidence_of_articles
    assert all(len(rows) > len(arts) for rows in evidence.values())  # a gather would show
    gathered, real = [], cluster.gather

    def gather(table):
        out = real(table)
        gathered.append((list(out.columns) if out.ndim == 2 else [out.name], len(out)))
        return out

    monkeypatch.setattr(cluster, "gather", gather)
    lazy = {k: dd.from_pandas(v, npartitions=3, sort=False) for k, v in evidence.items()}
    got = SUMMARIES[name](lazy, dd.from_pandas(arts, npartitions=2, sort=False))
    pd.testing.assert_frame_equal(got, SUMMARIES[name](evidence, arts))
    # at most a value per article came here (a column of the articles, a list of categories)
    assert all(n <= len(arts) and "text" not in c for c, n in gathered), gathered


def test_actor_sentences_of_scores_partitioned_like_the_articles_stay_in_partitions(
    evidence_of_articles, monkeypatch
):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts, evidence = evidence_of_articles
    want = sentiment.actor_sentences(arts, evidence["sentences"])
    lazy_articles = dd.from_pandas(arts, npartitions=3, sort=False)
    scores = sentiment.score_sentences(lazy_articles, progress=False)
    got = sentiment.actor_sentences(lazy_articles, scores)
    assert is_dask(got) and got.npartitions == 3
    keys = ["doc_id", "sent_id", "actor"]
    pd.testing.assert_frame_equal(gather(got).sort_values(keys).reset_index(drop=True), want)
    # scores cut into as many partitions but not by article, or into others: given whole
    for parts in (3, 2):
        shuffled = dd.from_pandas(evidence["sentences"].iloc[::-1], npartitions=parts, sort=False)
        got = gather(sentiment.actor_sentences(lazy_articles, shuffled))
        pd.testing.assert_frame_equal(got.sort_values(keys).reset_index(drop=True), want)


def test_extreme_sentences_of_partitions_are_those_of_the_whole_table(evidence_of_articles):
    arts, evidence = evidence_of_articles
    rows = sentiment.actor_sentences(arts, evidence["sentences"])
    want = sentiment.extreme_sentences(rows, n=2)
    assert want["actor"].nunique() > 1 and set(want["direction"]) == {"positive", "negative"}
    for parts in (1, 4):
        got = sentiment.extreme_sentences(dd.from_pandas(rows, npartitions=parts), n=2)
        pd.testing.assert_frame_equal(got, want)


def test_every_public_summary_of_articles_accepts_dask_tables():
    for package in (sentiment, rhetoric):
        for name in package.__all__:
            func = getattr(package, name)
            if (
                inspect.isfunction(func)
                and "articles" in list(inspect.signature(func).parameters)[1:]
            ):
                assert hasattr(func, "__wrapped__") or name in PARTITIONED, name


def test_in_language_of_a_dask_table_keeps_its_partitions_and_counts_the_others():
    arts = make_articles()
    arts.loc[[1, 4], "language"] = ["de", None]
    want, skipped = text.in_language(arts)
    assert skipped == {"de": 1, "unknown": 1} and len(want) == len(arts) - 2
    kept, skipped = text.in_language(dd.from_pandas(arts, npartitions=3, sort=False))
    assert is_dask(kept) and kept.npartitions == 3 and skipped == {"de": 1, "unknown": 1}
    pd.testing.assert_frame_equal(gather(kept), want)
