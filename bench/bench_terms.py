"""Benchmark: kit's tokenization + document-term matrix vs scikit-learn's CountVectorizer.

Both use kit's token pattern (``kit.text.TOKEN_PATTERN``) and lower-casing, no stopwords, and
n-grams across sentence boundaries (CountVectorizer's semantics; kit's default keeps n-grams
inside sentences, which costs a sentence split), on the same deterministic synthetic news-like
articles. Run::

    python -m bench.bench_terms            # 100,000 articles
    python -m bench.bench_terms --quick    # 10,000 articles
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import print_table, run_isolated

# the most frequent words come first (Zipf ranks), then news-like tokens of every kind
_FIXED = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "that",
    "Iran's",
    "U.S.",
    "drones",
    "missiles",
    "regime",
    "strikes",
    "ceasefire",
    "Gaza",
    "Tehran",
    "de-escalation",
    "3.5",
    "1,000",
    "Israel's",
    "www.example.org",
    "don't",
    "F-35s",
]


def make_corpus(n_articles: int, *, words_per_article: int = 150, seed: int = 0) -> pd.DataFrame:
    """Deterministic synthetic articles: Zipf-distributed words plus news-like tokens."""
    rng = np.random.default_rng(seed)
    syllables = np.array(
        [
            "ka",
            "ri",
            "to",
            "men",
            "sa",
            "lo",
            "vi",
            "dor",
            "qu",
            "an",
            "el",
            "is",
            "ra",
            "tun",
            "mo",
            "ja",
            "be",
            "ste",
            "nu",
            "gar",
            "ol",
            "pi",
        ]
    )
    made = ["".join(rng.choice(syllables, rng.integers(2, 5))) for _ in range(60_000)]
    vocab = np.array(_FIXED + [w.capitalize() if i % 7 == 0 else w for i, w in enumerate(made)])
    p = 1.0 / np.arange(1, len(vocab) + 1)
    p /= p.sum()
    ids = rng.choice(len(vocab), size=(n_articles, words_per_article), p=p)
    words = vocab[ids]
    words[:, 11::12] = np.char.add(words[:, 11::12], ".")
    words[:, 5::12] = np.char.add(words[:, 5::12], ",")
    texts = [" ".join(row) for row in words]
    return pd.DataFrame(
        {"doc_id": [f"doc{i}" for i in range(n_articles)], "text": texts, "language": "en"}
    )


def kit_dtm(path: str, ngram_range: tuple[int, int], repeats: int) -> dict:
    """Best of ``repeats`` runs (the machine may be shared; the minimum is the least noisy)."""
    from kit.text.dtm import document_term_matrix

    arts = pd.read_parquet(path)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        m = document_term_matrix(
            arts, ngram_range=ngram_range, stopwords=None, within_sentences=False
        )
        best = min(best, time.perf_counter() - start)
        result = {
            "seconds": best,
            "shape": m.matrix.shape,
            "nnz": m.matrix.nnz,
            "tokens": int(m.rows["n_tokens"].sum()),
        }
        del m
    return result


def sklearn_dtm(path: str, ngram_range: tuple[int, int], repeats: int) -> dict:
    """Best of ``repeats`` runs of CountVectorizer with kit's token pattern."""
    from sklearn.feature_extraction.text import CountVectorizer

    from kit.text import TOKEN_PATTERN

    texts = pd.read_parquet(path)["text"].tolist()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        cv = CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=ngram_range)
        x = cv.fit_transform(texts)
        best = min(best, time.perf_counter() - start)
        result = {"seconds": best, "shape": x.shape, "nnz": x.nnz}
        del cv, x
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 articles instead of 100,000")
    parser.add_argument("--articles", type=int, default=None, help="number of articles")
    parser.add_argument("--repeats", type=int, default=2, help="runs per contender (best kept)")
    args = parser.parse_args(argv)
    n = args.articles or (10_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "articles.parquet")
        make_corpus(n).to_parquet(path, index=False)
        rows = []
        for ngram in [(1, 1), (1, 2)]:
            ref, _, ref_mb = run_isolated(sklearn_dtm, path, ngram, args.repeats)
            ours, _, our_mb = run_isolated(kit_dtm, path, ngram, args.repeats)
            if ours["shape"] != ref["shape"] or ours["nnz"] != ref["nnz"]:
                raise SystemExit(f"matrices differ for {ngram}: {ours} vs {ref}")
            tokens = ours["tokens"]
            for name, res, mb in (
                ("sklearn CountVectorizer", ref, ref_mb),
                ("kit document_term_matrix", ours, our_mb),
            ):
                rows.append(
                    {
                        "ngrams": f"{ngram[0]}-{ngram[1]}",
                        "tool": name,
                        "articles": n,
                        "seconds": res["seconds"],
                        "articles/s": n / res["seconds"],
                        "tokens/s": tokens / res["seconds"],
                        "peak MB": mb,
                        "time vs sklearn": res["seconds"] / ref["seconds"],
                        "memory vs sklearn": mb / ref_mb,
                        "terms": res["shape"][1],
                    }
                )
    print_table(
        rows,
        f"Tokenization + document-term matrix, {n:,} synthetic articles "
        f"({tokens:,} tokens); same token pattern, lower-cased, no stopwords; "
        f"best of {args.repeats} runs; peak MB = whole process incl. the corpus",
    )


if __name__ == "__main__":
    main()
