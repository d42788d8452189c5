"""Ingest throughput and peak memory on a deterministic synthetic corpus.

Run: ``.venv/bin/python -m bench.bench_ingest [--quick] [--n N]``

Two corpora. The realistic one (:func:`bench.realistic.write_jsonl`: articles assembled from real
news sentences, about 4,500 characters each) is one JSON Lines file. The synthetic one: N articles of about 4,000 characters (English-like words drawn with a fixed seed,
curly quotes, paragraphs), 5% exact copies and 5% near copies (first 20 words rewritten, a
footer appended).
It is written twice - as one JSON Lines file and as one ``.txt`` file per article with YAML front
matter - and each is read by ``kit.read_articles`` (read, normalize, detect language,
deduplicate, validate); the realistic one is also written with ``kit.ingest`` (the table as part
files of ``KIT_PARTITION_ROWS`` articles, so the texts are never all in memory). The reference is ``pandas.read_json(lines=True)`` on the same JSONL: the
plain cost of parsing, with none of kit's work. Floors: 10,000 synthetic articles in 30 s or
less and under 2 GB peak memory for each layout (issue 2); 100,000 realistic articles in under
40 s and under 2.5 GB peak (issue 13, ``--n 100000``).
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from bench.common import print_table, run_isolated, size_arg
from bench.realistic import write_jsonl as write_realistic_jsonl

_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there would their we him been has when who "
    "will more no if out so said what up its about into than them can only other new some "
    "could time these two may then do first any my now such like our over man me even most "
    "made after also did many before must through back years where much your way well down "
    "should because each just those people how too little state good very make world still "
    "own see men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right used take "
    "three Iran Israel drones missiles strikes ministry officials government military "
    "ceasefire talks Gaza Tehran Washington president minister forces attack defence "
    "civilians killed injured region security council sanctions"
).split()


def make_articles(n: int, seed: int = 20240414) -> list[dict]:
    """Return ``n`` synthetic article dicts (deterministic for a given seed)."""
    rng = random.Random(seed)
    articles: list[dict] = []
    for i in range(n):
        kind = i % 20
        if kind == 1 and i > 1:  # exact copy of the previous article
            articles.append(dict(articles[-1], id=f"a{i}"))
            continue
        if kind == 2 and i > 2:  # near copy: new first line, appended footer
            base = articles[-2]
            words = base["text"].split(" ")
            words[:20] = "Updated: an earlier report, now with more details from officials".split()
            text = " ".join(words) + "\n\nThis story was distributed by a news agency."
            articles.append(dict(base, id=f"a{i}", text=text))
            continue
        paragraphs = []
        for _ in range(6):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(100, 125))]
            words[0] = words[0].capitalize()
            if rng.random() < 0.5:
                q = rng.randrange(10, 60)
                words[q] = "\u201c" + words[q]
                words[q + 8] += ",\u201d"
            paragraphs.append(" ".join(words) + ".")
        articles.append(
            {
                "id": f"a{i}",
                "headline": f"Report {i} on the conflict",
                "date": f"2024-04-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                "outlet": f"Outlet {i % 7}",
                "text": "\n\n".join(paragraphs),
            }
        )
    return articles


def write_jsonl(articles: list[dict], folder: Path) -> Path:
    path = folder / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def write_files(articles: list[dict], folder: Path) -> Path:
    root = folder / "files"
    root.mkdir()
    for article in articles:
        front = (
            f"---\ntitle: {article['headline']}\ndate: '{article['date']}'\n"
            f"outlet: {article['outlet']}\n---\n"
        )
        (root / f"{article['id']}.txt").write_text(front + article["text"], encoding="utf-8")
    return root


def _cpu_and_workers(start: float) -> tuple[float, float]:
    """CPU seconds of this process and its finished workers since ``start``; workers' peak MB."""
    import resource
    import time

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - start + children.ru_utime + children.ru_stime
    return cpu, children.ru_maxrss / 1024


def kit_read(src: str, jobs: int | None = None) -> tuple[int, float, float]:
    """Read ``src`` with kit (the contender); return (articles, CPU s, workers' peak MB)."""
    import time
    import warnings

    import kit

    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = kit.read_articles(src, jobs=jobs)
    return (len(articles), *_cpu_and_workers(start))


def kit_ingest(src: str, out: str) -> tuple[int, float, float]:
    """Ingest ``src`` into the table ``out`` with kit; return (articles, CPU s, workers' peak MB)."""
    import time
    import warnings

    import kit

    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = kit.ingest(src, out=out, progress=False)
    return (report["n_articles"], *_cpu_and_workers(start))


def pandas_read(src: str) -> tuple[int, float, float]:
    """Parse the JSONL with pandas only (the reference)."""
    import time

    import pandas as pd

    start = time.process_time()
    return (len(pd.read_json(src, lines=True)), *_cpu_and_workers(start))


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else list(path.rglob("*"))
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


def main(argv=None) -> None:
    n = size_arg(argv, __doc__, quick=1_000, full=10_000)
    articles = make_articles(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl, files = write_jsonl(articles, folder), write_files(articles, folder)
        del articles
        realistic = write_realistic_jsonl(folder / "realistic", n)
        contenders = [
            ("pandas.read_json (reference, parse only)", pandas_read, jsonl, ()),
            ("kit, realistic JSONL", kit_read, realistic, ()),
            ("kit ingest, realistic JSONL", kit_ingest, realistic, (str(folder / "out.parquet"),)),
            ("kit, JSONL", kit_read, jsonl, ()),
            ("kit, JSONL, jobs=1", kit_read, jsonl, (1,)),
            ("kit, one .txt per article", kit_read, files, ()),
            ("kit, one .txt per article, jobs=1", kit_read, files, (1,)),
        ]
        rows, reference = [], None
        for name, func, src, more in contenders:
            args = (str(src), *more)
            (count, cpu, worker_mb), seconds, peak = run_isolated(func, *args)
            reference = reference or seconds
            mb = _size_mb(src)
            rows.append(
                {
                    "contender": name,
                    "articles": count,
                    "seconds": seconds,
                    "CPU s": cpu,
                    "articles/s": count / seconds,
                    "MB/s": mb / seconds,
                    "peak MB": peak,
                    "worker peak MB": worker_mb,
                    "time vs reference": seconds / reference,
                }
            )
    print_table(
        rows, f"Ingest of {n:,} articles (synthetic: ~4,000 characters each, 10% copies; realistic)"
    )
    print(
        "floors: 10,000 synthetic articles in <= 30 s and < 2,000 MB peak for each kit layout; "
        "100,000 realistic articles in < 40 s and < 2,500 MB.\n"
        "seconds: wall clock, imports included. CPU s: CPU time of the contender and its "
        "workers (other load on the machine does not inflate it). peak MB: the main "
        "process; worker peak MB: the largest worker (default: one worker per CPU, at most "
        "4, for inputs over 8 MB; jobs=1: none)."
    )


if __name__ == "__main__":
    main()
