"""A realistic corpus for the benchmarks: articles assembled from real news sentences.

The sentences come from the bundled corpus (the Wikinews demo articles and the MENAFN seed in
``corpus/raw/``) and, when the shared evaluation texts sit beside the project, from the PolNeAR
development articles. Each generated article draws consecutive runs of sentences from one source
article at a time (so quotes, speakers and their attributions stay together), in paragraphs of
three to five sentences, until it reaches about ``words`` words. Outlets are ``Outlet 1`` ...
``Outlet G``; dates are spread uniformly over a range. The result is deterministic for a seed.

Run ``python -m bench.realistic --n 10000 --out /tmp/corpus10k`` to write one JSON Lines file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from kit.config import ROOT
from kit.text.segmentation import split_sentences

_SHARED_TEXTS = ROOT.parent / "shared" / "eval" / "polnear_dev" / "text"


def _source_texts() -> list[str]:
    texts = []
    for line in (ROOT / "corpus/raw/wikinews/wikinews_middle_east.jsonl").open():
        texts.append(json.loads(line)["text"])
    texts.extend(p.read_text() for p in sorted((ROOT / "corpus/raw/menafn").glob("*.txt")))
    if _SHARED_TEXTS.is_dir():
        texts.extend(p.read_text(errors="replace") for p in sorted(_SHARED_TEXTS.glob("*.txt")))
    return texts


@lru_cache(maxsize=1)
def source_sentences() -> tuple[tuple[str, ...], ...]:
    """The real sentences, grouped by their source article (in order)."""
    out = []
    for text in _source_texts():
        sents = tuple(" ".join(text[s:e].split()) for s, e in split_sentences(text) if e - s > 20)
        if len(sents) >= 5:
            out.append(sents)
    return tuple(out)


def iter_articles(
    n: int,
    *,
    outlets: int = 8,
    words: int = 650,
    start: str = "2023-10-07",
    end: str = "2024-10-07",
    seed: int = 20240414,
) -> Iterator[dict]:
    """Yield ``n`` article records (``id``, ``title``, ``outlet``, ``published``, ``text``)."""
    rng = np.random.default_rng(seed)
    sources = source_sentences()
    t0, t1 = pd.Timestamp(start, tz="UTC").value, pd.Timestamp(end, tz="UTC").value
    for i in range(n):
        paragraphs, n_words = [], 0
        while n_words < words:
            src = sources[rng.integers(len(sources))]
            k = int(rng.integers(3, 6))
            at = int(rng.integers(max(len(src) - k, 1)))
            para = src[at : at + k]
            paragraphs.append(" ".join(para))
            n_words += sum(s.count(" ") + 1 for s in para)
        first = paragraphs[0]
        yield {
            "id": f"r{i:07d}",
            "title": first[: first.find(" ", 60) if len(first) > 60 else None],
            "outlet": f"Outlet {int(rng.integers(outlets)) + 1}",
            "published": pd.Timestamp(int(rng.integers(t0, t1)), tz="UTC").isoformat(),
            "text": "\n\n".join(paragraphs),
        }


def write_jsonl(folder: Path, n: int, **kwargs) -> Path:
    """Write ``n`` articles to ``folder/articles.jsonl`` (created) and return the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with path.open("w") as f:
        for record in iter_articles(n, **kwargs):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def ingested(folder: Path, n: int, **kwargs) -> Path:
    """Write ``n`` articles under ``folder/raw`` and ``kit ingest`` them (in a child process);
    return the articles table, ``folder/processed/articles.parquet``."""
    import subprocess
    import sys

    write_jsonl(folder / "raw", n, **kwargs)
    table = folder / "processed" / "articles.parquet"
    ingest = [sys.executable, "-m", "kit", "ingest", str(folder / "raw"), "--out", str(table)]
    subprocess.run([*ingest, "--no-progress"], check=True, stdout=subprocess.DEVNULL)
    return table


def articles_frame(n: int, **kwargs) -> pd.DataFrame:
    """The generated articles as a table with the columns the measures need."""
    df = pd.DataFrame(list(iter_articles(n, **kwargs))).rename(columns={"id": "doc_id"})
    df["published"] = pd.to_datetime(df["published"], utc=True)
    df["language"] = "en"
    return df


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--outlets", type=int, default=8, help="number of outlets")
    parser.add_argument("--words", type=int, default=650, help="words per article")
    parser.add_argument("--out", type=Path, required=True, help="folder for articles.jsonl")
    args = parser.parse_args(argv)
    path = write_jsonl(args.out, args.n, outlets=args.outlets, words=args.words)
    print(f"{args.n:,} articles -> {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
