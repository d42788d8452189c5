"""Past one machine: the partitioned measures on a Dask LocalCluster with 2 and 1 workers.

Run::

    python -m bench.bench_scale --n 100000       # --quick: 10,000 articles
    python -m bench.bench_scale --corpus PATH --workers 2   # an ingested corpus, 2 workers only

A realistic corpus (``bench.realistic``) is ingested (``kit ingest`` in its own process: its
seconds and peak memory; part files of an eighth of the corpus, ``KIT_PARTITION_ROWS``), opened with ``engine="dask"`` and run through term counts by outlet,
keyness between two outlets, VADER by sentence and the rhetoric evidence (attribution
relations, frame indicators) on a ``LocalCluster`` of 2 and then 1 worker processes (one thread
each, at most ``--memory-limit`` each, 4 GiB by default: Dask spills what they hold to disk
beyond 60 % of it; the first cluster pays the workers' imports). Every step runs on the Dask
partitions where they lie: count matrices are summed by group as they combine; evidence rows
stay on the workers (``kit.parallel.evidence_of``) and are written by them as a Parquet dataset
(``kit.save_table``), as a notebook saves them; the texts never gather in the client.
Each row gives the seconds, the articles per second per worker and the peak resident memory of
the largest worker and of the client process (the cluster's own measure, ``Worker.monitor``,
and ``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.common import peak_of_command, print_table, run_isolated
from bench.realistic import write_jsonl
from kit.config import ROOT


def _peak_worker_mb(client) -> float:
    def peak(dask_worker=None) -> float:
        return max(dask_worker.monitor.quantities["memory"] or [0]) / 2**20

    return max(client.run(peak).values())


def measure(table: Path, workers: int, memory_limit: str, out: Path, only: list[str]) -> list[dict]:
    """Each measure on a LocalCluster of ``workers`` processes; rows of the table."""
    from distributed import Client, LocalCluster

    import kit
    from kit.parallel import connect
    from kit.rhetoric import extract_quotes, frame_evidence
    from kit.sentiment import score_sentences
    from kit.terms import count_terms, keyness

    def saved(name: str, evidence) -> int:
        kit.save_table(evidence, name, out)
        return len(evidence)  # rows counted where they lie

    rows = []
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_limit,
            dashboard_address=":0",
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
            "VADER by sentence": lambda: saved(
                "sentences", score_sentences(articles, progress=False)
            ),
            "frame indicators": lambda: saved("frames", frame_evidence(articles)),
            "attribution relations (quotes)": lambda: saved(
                "quotes", extract_quotes(articles, progress=False)
            ),
        }
        for name, step in steps.items():
            if only and not any(word in name for word in only):
                continue
            start = time.perf_counter()
            result = step()
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "step": name,
                    "workers": workers,
                    "seconds": seconds,
                    "articles/s/worker": n / seconds / workers,
                    "rows": result if isinstance(result, int) else len(result),
                    "largest worker MB": _peak_worker_mb(client),
                    "client MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                }
            )
            del result
            print(rows[-1], flush=True)  # a long bench that is stopped keeps what it measured
        connect().close()  # kit's own client of this cluster
        del os.environ["KIT_SCHEDULER"]
    return rows


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 articles, not 100,000")
    parser.add_argument("--n", type=int, default=None, help="number of articles generated")
    parser.add_argument("--corpus", type=Path, help="an ingested articles table (no ingest)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1], help="cluster sizes")
    parser.add_argument("--memory-limit", default="4GiB", help="of each worker (Dask's limit)")
    parser.add_argument("--steps", nargs="+", default=[], help="only the steps naming a word")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = _args(argv)
    with tempfile.TemporaryDirectory(prefix="kit-bench-scale-") as tmp:
        table = args.corpus
        if table is None:
            n = args.n or (10_000 if args.quick else 100_000)
            # part files of an eighth of the corpus (unless set): partitions for every worker
            os.environ.setdefault("KIT_PARTITION_ROWS", str(max(500, n // 8)))
            raw = write_jsonl(Path(tmp) / "raw", n)
            table = Path(tmp) / "processed" / "articles.parquet"
            ingest = [sys.executable, "-m", "kit", "ingest", str(raw), "--out", str(table)]
            ingest_mb, ingest_s, _ = run_isolated(
                peak_of_command, [*ingest, "--no-progress"], str(ROOT)
            )
            print(f"kit ingest: {ingest_s:.0f} s, largest process {ingest_mb:.0f} MB", flush=True)
        out = Path(tmp) / "run"
        rows = [
            row
            for workers in args.workers
            for row in measure(table, workers, args.memory_limit, out, args.steps)
        ]
    print_table(rows, f"{table}: realistic articles on a LocalCluster (Dask engine)")


if __name__ == "__main__":
    main(sys.argv[1:])
