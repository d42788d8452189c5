"""Past one machine: the partitioned measures on a Dask LocalCluster with 2 and 1 workers.

Run::

    python -m bench.bench_scale --n 100000       # --quick: 10,000 articles

A realistic corpus (``bench.realistic``) is ingested (``kit ingest`` in its own process: its
seconds and peak memory; part files of an eighth of the corpus, ``KIT_PARTITION_ROWS``), opened with ``engine="dask"`` and run through term counts by outlet,
keyness between two outlets, VADER by sentence and the rhetoric evidence (attribution
relations, frame indicators) on a ``LocalCluster`` of 2 and then 1 worker processes (one thread
each; the first cluster pays the workers' imports). Every step runs on the Dask partitions where they lie: count matrices are summed by
group as they combine, evidence rows are concatenated; the texts never gather in the client.
Each row gives the seconds, the articles per second per worker and the peak resident memory of
the largest worker and of the client process (the cluster's own measure, ``Worker.monitor``,
and ``ru_maxrss``).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.common import peak_of_command, print_table, run_isolated, size_arg
from bench.realistic import write_jsonl
from kit.config import ROOT


def _peak_worker_mb(client) -> float:
    def peak(dask_worker=None) -> float:
        return max(dask_worker.monitor.quantities["memory"] or [0]) / 2**20

    return max(client.run(peak).values())


def measure(table: Path, workers: int) -> list[dict]:
    """Each measure on a LocalCluster of ``workers`` processes; rows of the table."""
    from distributed import Client, LocalCluster

    import kit
    from kit.parallel import connect
    from kit.rhetoric import extract_quotes, frame_evidence
    from kit.sentiment import score_sentences
    from kit.terms import count_terms, keyness

    rows = []
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        os.environ["KIT_SCHEDULER"] = cluster.scheduler_address
        articles = kit.open_corpus(table, engine="dask")
        n = int(articles.shape[0].compute())
        steps = {
            "term counts by outlet (1-2 grams)": lambda: count_terms(
                articles, group_by="outlet", ngram_range=[1, 2], progress=False
            ),
            "keyness, Outlet 1 vs Outlet 2": lambda: keyness(
                articles, "outlet == 'Outlet 1'", "outlet == 'Outlet 2'"
            ),
            "VADER by sentence": lambda: score_sentences(articles, progress=False),
            "attribution relations (quotes)": lambda: extract_quotes(articles, progress=False),
            "frame indicators": lambda: frame_evidence(articles),
        }
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "step": name,
                    "workers": workers,
                    "seconds": seconds,
                    "articles/s/worker": n / seconds / workers,
                    "largest worker MB": _peak_worker_mb(client),
                    "client MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                }
            )
            print(rows[-1], flush=True)  # a long bench that is stopped keeps what it measured
        connect().close()  # kit's own client of this cluster
        del os.environ["KIT_SCHEDULER"]
    return rows


def main(argv=None) -> None:
    n = size_arg(argv, __doc__, quick=10_000, full=100_000)
    # part files of an eighth of the corpus (unless set): partitions for every worker
    os.environ.setdefault("KIT_PARTITION_ROWS", str(max(500, n // 8)))
    with tempfile.TemporaryDirectory(prefix="kit-bench-scale-") as tmp:
        raw = write_jsonl(Path(tmp) / "raw", n)
        table = Path(tmp) / "processed" / "articles.parquet"
        ingest = [sys.executable, "-m", "kit", "ingest", str(raw), "--out", str(table)]
        ingest_mb, ingest_s, _ = run_isolated(
            peak_of_command, [*ingest, "--no-progress"], str(ROOT)
        )
        print(f"kit ingest: {ingest_s:.0f} s, largest process {ingest_mb:.0f} MB", flush=True)
        rows = [row for workers in (2, 1) for row in measure(table, workers)]
    print_table(rows, f"{n:,} realistic articles on a LocalCluster (Dask engine)")


if __name__ == "__main__":
    main(sys.argv[1:])
