"""Benchmark: kit's text layer and document-term matrix vs scikit-learn's CountVectorizer.

On realistic articles (:func:`bench.realistic.articles_frame`), in one process, back to back:

- ``CountVectorizer(token_pattern=kit.text.TOKEN_PATTERN, lowercase=True, ngram_range=...)``;
- kit's text layer (:func:`kit.text.text_layer`: sentences and tokens, built once per corpus,
  in worker processes), then read back from its disk cache as a second ``kit run`` would;
- ``document_term_matrix`` with CountVectorizer's settings (no stopwords, n-grams across
  sentences), served from the layer; the matrix must be identical (same terms, same counts);
- ``kit.terms.count_terms(articles, group_by="outlet", ngram_range=[1, 2])`` (kit's defaults:
  English stopwords, n-grams within sentences), served from the layer.

Run::

    python -m bench.bench_terms            # 10,000 articles
    python -m bench.bench_terms --quick    # 2,000 articles
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import print_table
from bench.realistic import articles_frame


def _seconds(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def run(n: int, ngram_range: tuple[int, int], jobs: int | None) -> list[dict]:
    """Time every contender once on ``n`` articles; raise SystemExit when the matrices differ."""
    from sklearn.feature_extraction.text import CountVectorizer

    import kit
    from kit.terms import count_terms
    from kit.text import TOKEN_PATTERN, text_layer
    from kit.text.dtm import document_term_matrix
    from kit.text.layer import clear_memory_cache
    from kit.validate import coerce_articles

    frame = articles_frame(n)
    texts = frame["text"].tolist()
    clear_memory_cache()
    cv = CountVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True, ngram_range=ngram_range)
    ref_s, x = _seconds(lambda: cv.fit_transform(texts))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.parquet"
        words = frame["text"].str.split().str.len()
        coerce_articles(frame.assign(n_words=words, record=1)).to_parquet(path, index=False)
        arts = kit.load_articles(path)
        build_s, _ = _seconds(lambda: text_layer(arts, jobs=jobs, progress=False))
        clear_memory_cache()  # a new process: the layer comes from the disk cache
        disk_s, _ = _seconds(lambda: text_layer(arts, progress=False))
        dtm_s, m = _seconds(
            lambda: document_term_matrix(
                arts,
                ngram_range=ngram_range,
                stopwords=None,
                within_sentences=False,
                progress=False,
            )
        )
        same = list(m.terms) == list(cv.get_feature_names_out()) and (m.matrix != x).nnz == 0
        if not same:
            raise SystemExit(f"kit's matrix differs from CountVectorizer's for {ngram_range}")
        counts_s, _ = _seconds(
            lambda: count_terms(
                arts, group_by="outlet", ngram_range=list(ngram_range), progress=False
            )
        )
    ngrams = f"{ngram_range[0]}-{ngram_range[1]}"
    rows = [
        ("sklearn CountVectorizer", ref_s),
        ("kit text layer: build (once per corpus)", build_s),
        ("kit text layer: from the disk cache", disk_s),
        ("kit document_term_matrix (from the layer)", dtm_s),
        ("kit layer build + document_term_matrix", build_s + dtm_s),
        ("kit count_terms by outlet (from the layer)", counts_s),
    ]
    return [
        {
            "ngrams": ngrams,
            "step": name,
            "articles": n,
            "seconds": seconds,
            "time vs sklearn": seconds / ref_s,
            "speed-up vs sklearn": ref_s / seconds,
            "terms": x.shape[1],
        }
        for name, seconds in rows
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 articles instead of 10,000")
    parser.add_argument(
        "--n", "--articles", dest="articles", type=int, default=None, help="number of articles"
    )
    parser.add_argument("--jobs", type=int, default=None, help="worker processes of the layer")
    parser.add_argument(
        "--ngrams", default="1-2", help="n-gram ranges to compare, e.g. 1-1,1-2 (default 1-2)"
    )
    args = parser.parse_args(argv)
    n = args.articles or (2_000 if args.quick else 10_000)
    rows = []
    for spec in args.ngrams.split(","):
        lo, hi = (int(v) for v in spec.split("-"))
        rows.extend(run(n, (lo, hi), args.jobs))
    print_table(
        rows,
        f"Text layer and document-term matrix, {n:,} realistic articles; CountVectorizer with "
        "kit's token pattern, lower-cased; identical matrices checked; one process, back to back",
    )


if __name__ == "__main__":
    main()
