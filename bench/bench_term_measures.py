"""Benchmark: every measure of notebook 02 (kit.terms) against one CountVectorizer pass.

The unit is one scikit-learn ``CountVectorizer(token_pattern=kit.text.TOKEN_PATTERN,
ngram_range=(1, 2))`` ``fit_transform`` of the same texts in the same process: each measure's
time is given as a ratio to it, so figures of different machines (or of a busy one) compare.
The realistic corpus of :mod:`bench.realistic` is used. Two runs:

- **notebook**: the calls of ``notebooks/02_term_frequency.ipynb`` in its order, in one
  process, so later measures reuse the text layer (and matrices) the earlier ones built;
  the total is the notebook's cost.
- **cold**: each measure alone, with the in-memory caches emptied before it.

Run::

    python -m bench.bench_term_measures            # 10,000 articles
    python -m bench.bench_term_measures --quick    # 2,000 articles
"""

from __future__ import annotations

import time

from bench.common import print_table, size_arg

TERMS = ["iran", "israel", "zionist regime", "escalation"]


def _unit(texts) -> float:
    from sklearn.feature_extraction.text import CountVectorizer

    from kit.text import TOKEN_PATTERN

    start = time.perf_counter()
    CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2)).fit_transform(texts)
    return time.perf_counter() - start


def _clear_caches() -> None:
    from kit.text import dtm, layer

    layer.clear_memory_cache()
    clear_dtm = getattr(dtm, "clear_memory_cache", None)
    if clear_dtm is not None:
        clear_dtm()


def _steps(articles):
    """The measures of notebook 02, in its order, as (name, call) pairs."""
    import kit.terms as T

    state: dict = {}

    def keyness():
        state["cmp"] = T.compare_groups(
            articles, group_by="outlet", ngram_range=(1, 2), min_count=2
        )

    def key_kwic():
        cmp = state.get("cmp") or T.compare_groups(
            articles, group_by="outlet", ngram_range=(1, 2), min_count=2
        )
        T.kwic_terms(articles, T.key_terms(cmp.table, n=5), window=7, per_term=3, progress=False)

    return [
        ("count_terms", lambda: T.count_terms(articles, group_by="outlet", ngram_range=(1, 2))),
        ("tf_idf", lambda: T.tf_idf(articles, group_by="outlet", ngram_range=(1, 2))),
        ("keyness", keyness),
        ("kwic_terms (5+5 key terms)", key_kwic),
        ("collocations", lambda: T.collocations(articles, terms=TERMS, window=5, min_freq=2)),
        ("kwic_terms (terms)", lambda: T.kwic_terms(articles, TERMS, window=7, progress=False)),
        ("dispersion", lambda: T.dispersion(articles, TERMS, parts="doc_id")),
        ("term_positions", lambda: T.term_positions(articles, TERMS)),
        (
            "term_trends",
            lambda: T.term_trends(articles, TERMS, time_unit="week", group_by="outlet"),
        ),
    ]


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(argv=None) -> None:
    """Time the measures (see the module docstring) and print the ratios."""
    import os

    os.environ.setdefault("TQDM_DISABLE", "1")
    from bench.realistic import articles_frame

    n = size_arg(argv, __doc__ or "", quick=2_000, full=10_000)
    articles = articles_frame(n)
    texts = articles["text"].tolist()
    unit = _unit(texts)
    _clear_caches()
    rows, total = [], 0.0
    for name, call in _steps(articles):
        seconds = _timed(call)
        total += seconds
        rows.append({"measure": name, "seconds": seconds, "x unit": seconds / unit})
    rows.append({"measure": "notebook 02 (all)", "seconds": total, "x unit": total / unit})
    print_table(rows, f"notebook order, {n:,} articles; unit = CountVectorizer(1,2) {unit:.2f} s")
    cold = []
    for name, call in _steps(articles):
        _clear_caches()
        seconds = _timed(call)
        cold.append({"measure": name, "seconds": seconds, "x unit": seconds / unit})
    again = _unit(texts)
    print_table(cold, f"each alone, caches emptied; unit again {again:.2f} s")


if __name__ == "__main__":
    main()
