"""The document-term matrix over partitions: Dask tables, split pandas tables and a LocalCluster
give the pandas engine's matrix exactly (terms, counts, rows, document frequencies)."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

import kit
from kit.errors import ParameterError
from kit.parallel import connect, is_dask, partitions
from kit.text.dtm import combine_counts, document_term_matrix, partition_counts
from tests.helpers import ROOT, make_articles

SETTINGS = [
    {},
    {"ngram_range": (1, 3), "min_count": 2},
    {"ngram_range": (1, 2), "group_by": "outlet", "min_df": 2, "max_df": 0.5},
    {"group_by": "month", "lower": False, "stopwords": None},
]


@pytest.fixture(autouse=True)
def _strings_as_pandas():
    with dask.config.set({"dataframe.convert-string": False}):  # as kit reads tables
        yield


@pytest.fixture(scope="module", params=["bundled", "realistic"])
def corpus(request) -> pd.DataFrame:
    if request.param == "realistic":
        from bench.realistic import articles_frame

        return articles_frame(300)
    try:
        return kit.load_articles(engine="pandas")
    except kit.errors.IngestError:  # not ingested here: read its raw files
        raw = ROOT / "corpus" / "raw"
        if not raw.is_dir():
            pytest.skip("the bundled corpus (corpus/raw) is not present")
        return kit.read_articles(raw, progress=False)


def assert_same(got, want):
    assert list(got.terms) == list(want.terms)
    assert got.matrix.shape == want.matrix.shape and (got.matrix != want.matrix).nnz == 0
    assert got.matrix.dtype == want.matrix.dtype and got.matrix.format == "csr"
    pd.testing.assert_frame_equal(got.rows, want.rows)
    assert got.key == want.key
    if want.group_doc_freq is None:
        assert got.group_doc_freq is None
    else:
        assert (got.group_doc_freq != want.group_doc_freq).nnz == 0


def _split(table: pd.DataFrame, n: int):
    return dd.from_pandas(table, npartitions=n, sort=False)


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("n", [1, 3, 7])
def test_dask_partitions_in_process_equal_the_pandas_engine(corpus, settings, n, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    want = document_term_matrix(corpus, progress=False, **settings)
    frame = _split(corpus, n)
    assert frame.npartitions == n
    assert_same(document_term_matrix(frame, progress=False, **settings), want)


def test_filters_apply_to_the_combined_counts():
    # "jets" is in one article of each half: kept by min_df=2 only when the halves are combined
    arts = pd.DataFrame(
        {
            "doc_id": list("abcd"),
            "language": "en",
            "text": ["drones jets", "tanks", "jets", "drones drones"],
        }
    )
    frame = _split(arts, 2)
    got = document_term_matrix(frame, min_df=2, progress=False)
    assert list(got.terms) == ["drones", "jets"]
    assert got.matrix.toarray().tolist() == [[1, 1], [0, 0], [0, 1], [2, 0]]
    assert list(document_term_matrix(frame, min_count=3, progress=False).terms) == ["drones"]


def test_combine_is_associative():
    arts = make_articles()
    parts = [
        partition_counts(arts.iloc[i : i + 2], ngram_range=(1, 2), group_by="outlet")
        for i in (0, 2, 4)
    ]
    flat = combine_counts(parts)
    nested = combine_counts([combine_counts(parts[:2]), parts[2]])
    whole = partition_counts(arts, ngram_range=(1, 2), group_by="outlet")
    for got in (flat, nested):
        assert_same(got.dtm, whole.dtm)
        assert got.total.tolist() == whole.total.tolist() and got.df.tolist() == whole.df.tolist()
        assert got.n_articles == whole.n_articles == 6


def test_groups_of_a_mapping_and_of_a_series_follow_their_articles(monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = make_articles()
    mapping = pd.DataFrame({"doc_id": ["seed", "syn1", "seed", "syn5"], "group": list("AABB")})
    want = document_term_matrix(arts, group_by=mapping, progress=False)
    assert_same(document_term_matrix(_split(arts, 3), group_by=mapping, progress=False), want)
    with pytest.raises(ParameterError, match="group_by"):
        document_term_matrix(_split(arts, 3), group_by=arts["outlet"], progress=False)
    with pytest.raises(ParameterError, match="group_by"):
        document_term_matrix(_split(arts, 3), group_by="no_such_column", progress=False)


def test_an_empty_partition_changes_nothing(monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = make_articles()
    split = _split(arts, 3)
    first = split.partitions[0].compute()["doc_id"].tolist()
    frame = split.map_partitions(lambda p: p[~p["doc_id"].isin(first)], meta=arts.head(0))
    kept = arts[~arts["doc_id"].isin(first)]
    assert frame.partitions[0].compute().empty and len(kept) == 4
    for group_by in (None, "outlet"):
        assert_same(
            document_term_matrix(frame, group_by=group_by, progress=False),
            document_term_matrix(kept, group_by=group_by, progress=False),
        )


@pytest.fixture(scope="module")
def cluster_address():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("settings", [SETTINGS[1], SETTINGS[2]])
def test_a_local_cluster_of_two_processes_gives_the_pandas_matrix(
    corpus, settings, cluster_address, monkeypatch
):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    want = document_term_matrix(corpus, progress=False, **settings)
    monkeypatch.setenv("KIT_SCHEDULER", cluster_address)
    monkeypatch.setattr("kit.parallel.cluster.PARTITION_ROWS", 40)
    try:
        assert connect() is not None
        split = partitions(corpus)  # a pandas table is split for the cluster
        assert is_dask(split) and split.npartitions == -(-len(corpus) // 40)
        assert_same(document_term_matrix(corpus, progress=False, **settings), want)
        for n in (1, 3, 7):
            assert_same(document_term_matrix(_split(corpus, n), progress=False, **settings), want)
    finally:
        connect().close()


def test_a_series_group_by_travels_with_the_split_rows(cluster_address, monkeypatch):
    arts = make_articles()
    groups = pd.Series(["x", "y", None, "x", "y", "y"], index=arts.index)
    want = document_term_matrix(arts, group_by=groups, progress=False)
    monkeypatch.setenv("KIT_SCHEDULER", cluster_address)
    monkeypatch.setattr("kit.parallel.cluster.PARTITION_ROWS", 2)
    try:
        assert is_dask(partitions(arts))
        assert_same(document_term_matrix(arts, group_by=groups, progress=False), want)
    finally:
        connect().close()
