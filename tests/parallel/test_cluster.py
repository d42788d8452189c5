"""kit.parallel.cluster: the same partition function and combine on pandas, in-process Dask and a cluster."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import cloudpickle
import dask
import dask.dataframe as dd
import pandas as pd
import pytest

from kit.parallel.cluster import (
    SchedulerError,
    connect,
    describe,
    gather,
    is_dask,
    on_worker,
    pandas_strings,
    partitions,
    run_partitions,
)
from tests.helpers import ROOT

# the workers cannot import this test module: send its functions by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(autouse=True)
def _strings_as_pandas():
    with dask.config.set({"dataframe.convert-string": False}):  # as kit reads tables
        yield


def _lengths(part: pd.DataFrame) -> pd.Series:
    return part["text"].str.len().groupby(part["outlet"]).sum()


def _sum_series(parts) -> pd.Series:
    return pd.concat(parts).groupby(level=0).sum().sort_index()


@pytest.fixture
def table() -> pd.DataFrame:
    texts = [f"Article {i} " + "word " * (i % 7) for i in range(40)]
    return pd.DataFrame({"text": texts, "outlet": [f"O{i % 3}" for i in range(40)]})


def test_pandas_is_one_partition(table):
    calls = []
    out = run_partitions(table, lambda p: calls.append(len(p)) or len(p), sum)
    assert out == 40 and calls == [40]


def test_dask_partitions_combine_to_the_pandas_result_without_a_cluster(table, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    frame = dd.from_pandas(table, npartitions=4)
    assert is_dask(frame) and not is_dask(table)
    pd.testing.assert_series_equal(
        run_partitions(frame, _lengths, _sum_series), _sum_series([_lengths(table)])
    )


def test_without_a_cluster_a_pandas_table_stays_one_partition(table, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    assert partitions(table, rows=5) is table
    frame = dd.from_pandas(table, npartitions=2)
    assert partitions(frame, rows=5) is frame


def test_pandas_strings_keep_the_string_dtype():
    table = pd.DataFrame({"text": pd.array(["a", None], dtype="string")})
    with dask.config.set({"dataframe.convert-string": True}), pandas_strings():
        frame = dd.from_pandas(table, npartitions=1)
    assert frame.dtypes["text"] == table.dtypes["text"]
    pd.testing.assert_frame_equal(frame.compute(), table)


def _where(part: pd.DataFrame) -> bool:
    return on_worker()


def test_no_scheduler_is_the_pandas_engine(monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    assert connect() is None
    assert describe() == {"engine": "pandas", "scheduler": None, "workers": 1}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_named(monkeypatch):
    address = f"tcp://127.0.0.1:{_free_port()}"
    monkeypatch.setattr("kit.parallel.cluster._CONNECT_TIMEOUT", "2s")
    with pytest.raises(SchedulerError, match="127.0.0.1"):
        connect(address)


def test_a_local_cluster_of_two_processes_gives_the_same_result(table, monkeypatch):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.setenv("KIT_SCHEDULER", cluster.scheduler_address)
        monkeypatch.setattr("kit.parallel.cluster.COMBINE_FAN_IN", 2)  # combined in a tree
        frame = dd.from_pandas(table, npartitions=4)
        got = run_partitions(frame, _lengths, _sum_series)
        split = partitions(table, rows=15)  # a pandas table, split for the cluster
        from_split = run_partitions(split, _lengths, _sum_series)
        where = run_partitions(split, _where, all)
        info = describe()
        connect().close()
    pd.testing.assert_series_equal(got, _sum_series([_lengths(table)]))
    assert info["engine"] == "dask" and info["workers"] == 2
    assert is_dask(split) and split.npartitions == 3
    pd.testing.assert_frame_equal(split.compute(), table)
    pd.testing.assert_series_equal(from_split, got)
    assert where is True and not on_worker()


def test_a_dask_scheduler_and_worker_pair_on_localhost(table, monkeypatch):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    bin_dir = f"{sys.prefix}/bin"
    # a cluster runs the same environment as its client: here, this project on the path
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scheduler = subprocess.Popen(
        [
            f"{bin_dir}/dask",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    worker = subprocess.Popen(
        [
            f"{bin_dir}/dask",
            "worker",
            address,
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--no-dashboard",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        monkeypatch.setenv("KIT_SCHEDULER", address)
        client = connect()
        client.wait_for_workers(1, timeout=60)
        got = run_partitions(dd.from_pandas(table, npartitions=3), _lengths, _sum_series)
        client.close()
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            proc.wait(timeout=30)
    pd.testing.assert_series_equal(got, _sum_series([_lengths(table)]))


def _doc_rows(articles: pd.DataFrame, *, suffix: str) -> pd.DataFrame:
    out = pd.DataFrame({"doc_id": articles["doc_id"].to_numpy(), "tag": suffix})
    out.attrs["skipped"] = {"fr": int((articles["language"] == "fr").sum())}
    return out


def test_by_article_concatenates_partitions_and_sums_their_skips(monkeypatch):
    from kit.parallel import by_article

    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(7)],
            "language": ["en", "fr", "fr", "en", "fr", "en", "en"],
        }
    )
    measure = by_article(_doc_rows)
    want = measure(arts, suffix="x")
    got = gather(measure(dd.from_pandas(arts, npartitions=3, sort=False), suffix="x"))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    assert got.attrs["skipped"] == want.attrs["skipped"] == {"fr": 3}


def _counted_rows(articles: pd.DataFrame, *, log: str) -> pd.DataFrame:
    with open(log, "a") as calls:  # one line per partition measured, from any process
        calls.write(f"{len(articles)}\n")
    return _doc_rows(articles, suffix="x")


def test_evidence_on_a_cluster_is_computed_once_and_stays_on_the_workers(tmp_path, monkeypatch):
    from distributed import LocalCluster

    from kit.parallel import evidence_of

    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(9)], "language": ["en", "fr", "en"] * 3})
    log = tmp_path / "calls.txt"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.setenv("KIT_SCHEDULER", cluster.scheduler_address)
        evidence = evidence_of(
            dd.from_pandas(arts, npartitions=3, sort=False), _counted_rows, log=str(log)
        )
        held = sum(len(keys) for keys in connect().has_what().values())
        first, second = gather(evidence), gather(evidence)
        saved = tmp_path / "ev.parquet"
        evidence.to_parquet(saved, write_index=False)
        connect().close()
    assert held >= 3, "the partitions' rows are held by the workers"
    assert sorted(log.read_text().split()) == ["3", "3", "3"], "each partition measured once"
    want = _doc_rows(arts, suffix="x")
    for got in (first, second, pd.read_parquet(saved)):
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    assert first.attrs == {"skipped": {"fr": 3}}


def _rows_per_article(articles: pd.DataFrame, extra: pd.DataFrame, *, log: str) -> pd.DataFrame:
    with open(log, "a") as calls:  # the rows of ``extra`` each call is given
        calls.write(f"{len(extra)}\n")
    n = extra["doc_id"].value_counts()
    return pd.DataFrame({"doc_id": articles["doc_id"], "n": articles["doc_id"].map(n).fillna(0)})


def test_evidence_of_the_same_articles_is_read_partition_by_partition_on_a_cluster(
    tmp_path, monkeypatch
):
    from distributed import LocalCluster

    from kit.parallel import evidence_of

    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(9)]})
    rows = pd.DataFrame({"doc_id": [f"d{i}" for i in range(9) for _ in range(i % 3)]})
    want = _rows_per_article(arts, rows, log=str(tmp_path / "pandas.txt"))
    table = dd.from_pandas(arts, npartitions=3, sort=False)
    aligned = dd.from_pandas(rows, npartitions=3, sort=False)  # split where the articles are
    crossed = dd.from_pandas(rows.iloc[::-1], npartitions=3, sort=False)
    assert aligned.map_partitions(len).compute().tolist() == [3, 3, 3]
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        monkeypatch.setenv("KIT_SCHEDULER", cluster.scheduler_address)
        got = {}
        for name, extra in (("aligned", aligned), ("crossed", crossed)):
            log = tmp_path / f"{name}.txt"
            got[name] = gather(evidence_of(table, _rows_per_article, extra, log=str(log)))
        connect().close()
    for result in got.values():
        pd.testing.assert_frame_equal(result.reset_index(drop=True), want)
    assert (tmp_path / "aligned.txt").read_text().split() == ["3", "3", "3"]
    # crossed partitions hold other articles' rows: found out, then each call is given all 9
    assert (tmp_path / "crossed.txt").read_text().split().count("9") == 3


def test_first_rows_reads_past_a_short_first_partition(monkeypatch):
    from kit.parallel import by_article, first_rows

    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)], "language": ["fr"] + ["en"] * 6})
    evidence = by_article(_doc_rows)(dd.from_pandas(arts, npartitions=3, sort=False), suffix="x")
    shown = first_rows(evidence[evidence["doc_id"] != "d0"], 5)
    assert shown["doc_id"].tolist() == ["d1", "d2", "d3", "d4", "d5"]
    assert shown.attrs == {"skipped": {"fr": 1}}
    pd.testing.assert_frame_equal(first_rows(arts, 2), arts.head(2))


#: A plain script that starts a local cluster: no ``if __name__ == "__main__":`` guard.
_ON_A_LOCAL_CLUSTER = """
import os
import dask.dataframe as dd
import pandas as pd
from kit.parallel import connect, run_partitions
os.environ["KIT_SCHEDULER"] = "local"
table = dd.from_pandas(pd.DataFrame({"a": range(10)}), npartitions=3)
workers = run_partitions(table, lambda part: {os.getpid()}, lambda sets: set().union(*sets))
print(len(workers - {os.getpid()}), run_partitions(table, len, sum))
connect().close()
"""


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_a_local_cluster_starts_from_a_plain_script_and_from_stdin(how, tmp_path):
    script = tmp_path / "plain.py"
    script.write_text(_ON_A_LOCAL_CLUSTER, encoding="utf-8")
    env = {**os.environ, "KIT_JOBS": "2", "PYTHONPATH": str(ROOT)}
    args, given = (
        ([sys.executable, str(script)], None)
        if how == "script"
        else ([sys.executable, "-"], _ON_A_LOCAL_CLUSTER)
    )
    done = subprocess.run(
        args, input=given, capture_output=True, text=True, timeout=180, cwd=tmp_path, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    n_workers, rows = done.stdout.split()[-2:]
    assert int(n_workers) >= 1 and rows == "10"  # ran in worker processes, script not re-run
