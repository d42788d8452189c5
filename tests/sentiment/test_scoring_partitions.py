"""score_sentences over partitions: a Dask table and a cluster give the pandas engine's rows."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd
import pytest

from kit.parallel import connect, gather, is_dask
from kit.sentiment import score_articles, score_sentences
from tests.helpers import make_articles


@pytest.fixture(autouse=True)
def _strings_as_pandas():
    with dask.config.set({"dataframe.convert-string": False}):  # as kit reads tables
        yield


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    from bench.realistic import articles_frame

    table = pd.concat([make_articles(), articles_frame(60)], ignore_index=True)
    table.loc[3, "language"] = "fr"  # skipped the same way on every engine
    return table


@pytest.mark.parametrize("n", [1, 4])
def test_dask_partitions_in_process_give_the_pandas_rows(corpus, n, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    want = score_sentences(corpus, progress=False)
    frame = dd.from_pandas(corpus, npartitions=n, sort=False)
    got = score_sentences(frame, progress=False)
    assert is_dask(got) and got.npartitions == n  # the rows stay in the articles' partitions
    pd.testing.assert_frame_equal(gather(got).reset_index(drop=True), want)
    pd.testing.assert_frame_equal(
        score_articles(frame, progress=False), score_articles(corpus, progress=False)
    )


def test_a_local_cluster_scores_a_pandas_table_in_partitions(corpus, monkeypatch):
    from distributed import LocalCluster, get_task_stream

    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    want = score_sentences(corpus, progress=False)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.setenv("KIT_SCHEDULER", cluster.scheduler_address)
        monkeypatch.setattr("kit.parallel.cluster.PARTITION_ROWS", 15)
        try:
            with get_task_stream(connect()) as stream:
                got = score_sentences(corpus, progress=False)
        finally:
            connect().close()
    pd.testing.assert_frame_equal(got, want)
    scored = [t for t in stream.data if "_score_partition" in str(t["key"])]
    assert len(scored) == -(-len(corpus) // 15)  # one task per partition, run by the workers
    assert len({t["worker"] for t in scored}) >= 1
