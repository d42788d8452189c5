"""The speed table at real corpus sizes: kit beside its references, on one realistic corpus.

Run::

    python -m bench.bench_speed --n 10000          # or --n 100000; --quick: 2,000 articles

Steps, each in a fresh process (seconds and the peak resident memory of the largest process):

- the reference unit: one scikit-learn ``CountVectorizer(ngram_range=(1, 2))`` pass with kit's
  token pattern over the same texts;
- ``kit ingest`` of the generated JSON Lines file (``bench.realistic``);
- ``kit.terms.count_terms(group_by="outlet", ngram_range=[1, 2])`` in a fresh process on a copy
  of the table with no text-layer cache yet;
- ``kit run`` of every notebook, twice: the second run reuses the cached text layer;
- the slowest cells of the first run (papermill records each cell's duration).

Then the primitives' own benchmarks (document-term matrix, VADER) run at the same size.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import peak_of_command, print_table, run_isolated, size_arg
from bench.realistic import write_jsonl
from kit.config import ROOT

_KIT = [sys.executable, "-m", "kit"]


def _measured(args: list[str]) -> tuple[float, float]:
    """Run a command from the project root; return (seconds, peak RSS MB of its largest process)."""
    peak, seconds, _ = run_isolated(peak_of_command, args, str(ROOT))
    return seconds, peak


def reference_pass(path: str) -> int:
    from sklearn.feature_extraction.text import CountVectorizer

    from kit.text import TOKEN_PATTERN

    texts = pd.read_parquet(path, columns=["text"])["text"].tolist()
    matrix = CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2)).fit_transform(texts)
    return int(matrix.nnz)


def count_terms_by_outlet(path: str) -> int:
    import kit
    from kit.terms import count_terms

    table = count_terms(
        kit.load_articles(path), group_by="outlet", ngram_range=[1, 2], progress=False
    )
    return len(table)


def _slowest_cells(run_dir: Path, top: int = 8) -> list[dict]:
    cells = []
    for nb_path in sorted(run_dir.glob("*.ipynb")):
        for cell in json.loads(nb_path.read_text())["cells"]:
            seconds = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell["cell_type"] == "code" and seconds:
                source = "".join(cell["source"]).strip().splitlines()
                cells.append(
                    {
                        "notebook": nb_path.stem,
                        "seconds": seconds,
                        "cell": (source or [""])[-1][:60],
                    }
                )
    return sorted(cells, key=lambda c: -c["seconds"])[:top]


def main(argv=None) -> None:
    n = size_arg(argv, __doc__, quick=2_000, full=10_000)
    with tempfile.TemporaryDirectory(prefix="kit-bench-speed-") as tmp:
        folder = Path(tmp)
        write_jsonl(folder / "raw", n)
        table = folder / "processed" / "articles.parquet"
        rows = []
        ingest_s, ingest_mb = _measured(
            [*_KIT, "ingest", str(folder / "raw"), "--out", str(table), "--no-progress"]
        )
        _, unit_s, unit_mb = run_isolated(reference_pass, str(table))
        rows.append(
            {
                "step": "CountVectorizer(1,2) pass (unit)",
                "seconds": unit_s,
                "x unit": 1.0,
                "peak MB": unit_mb,
            }
        )
        rows.append(
            {
                "step": f"kit ingest ({n:,} articles)",
                "seconds": ingest_s,
                "x unit": ingest_s / unit_s,
                "peak MB": ingest_mb,
            }
        )
        cold = folder / "cold" / "articles.parquet"  # a copy: its text-layer cache is its own
        cold.parent.mkdir()
        if table.is_dir():  # a folder of part files
            shutil.copytree(table, cold)
        else:
            shutil.copy2(table, cold)
        _, ct_s, ct_mb = run_isolated(count_terms_by_outlet, str(cold))
        rows.append(
            {
                "step": "count_terms(outlet, 1-2 grams), cold",
                "seconds": ct_s,
                "x unit": ct_s / unit_s,
                "peak MB": ct_mb,
            }
        )
        run_ids = []
        for label in ("first", "second (cached text layer)"):
            run_id = f"bench-speed-{n}-{label.split()[0]}-{int(time.time())}"
            run_ids.append(run_id)
            seconds, peak = _measured(
                [*_KIT, "run", "-p", "corpus", str(table), "--run-id", run_id]
            )
            rows.append(
                {
                    "step": f"kit run, all notebooks, {label}",
                    "seconds": seconds,
                    "x unit": seconds / unit_s,
                    "peak MB": peak,
                }
            )
        print_table(
            rows,
            f"Speed on {n:,} realistic articles (x unit: multiples of one CountVectorizer(1,2) pass)",
        )
        runs = ROOT / "outputs" / "runs"
        print_table(_slowest_cells(runs / run_ids[0]), "Slowest cells of the first kit run")
        for run_id in run_ids:
            shutil.rmtree(runs / run_id, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "bench.bench_terms", "--n", str(n)], check=False, cwd=ROOT
    )
    sentences = ["--quick"] if n < 10_000 else []
    subprocess.run(
        [sys.executable, "-m", "bench.bench_sentiment", *sentences], check=False, cwd=ROOT
    )


if __name__ == "__main__":
    main(sys.argv[1:])
