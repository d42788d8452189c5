"""Benchmark: the measures of the sentiment notebook, each against VADER scoring in one run.

On realistic articles (:func:`bench.realistic.articles_frame`), in one process, back to back:
the shared text layer, ``score_sentences`` (VADER), ``score_articles`` from those scores,
``find_mentions`` and ``actor_sentences`` (the actor table), ``match_dictionary`` and
``score_dictionary`` (``escalation.yml``). Each time is also given as a ratio to
``score_sentences``'s. Mentions are compared with a reference: a plain scan with one regular
expression, the alternation of every alias longest first, over a subset of the articles
(``--reference``); its mentions must be kit's.

Run::

    python -m bench.bench_sentiment_measures                  # 10,000 articles
    python -m bench.bench_sentiment_measures --n 2000 --reference 500
"""

from __future__ import annotations

import argparse
import re
import time

from bench.common import print_table
from bench.realistic import articles_frame


def _seconds(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def _alternation_scan(texts: list[str], actors) -> list[list[tuple[int, int]]]:
    """The reference: one alternation of every alias, longest first, over each text."""
    ordered = actors.assign(n=actors["alias"].str.len()).sort_values("n", ascending=False)
    parts = [
        re.escape(a).replace(r"\ ", r"\s+")
        if capitals
        else f"(?i:{re.escape(a)})".replace(r"\ ", r"\s+")
        for a, capitals in zip(ordered["alias"], ordered["case_sensitive"])
    ]
    rx = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")
    return [[m.span() for m in rx.finditer(t)] for t in texts]


def run(n: int, reference: int) -> list[dict]:
    """Time every step once on ``n`` articles; raise SystemExit when mentions differ."""
    from kit import config
    from kit.dictionaries import load_dictionary, match_dictionary, score_dictionary
    from kit.lexicons.actors import find_mentions, load_actors
    from kit.sentiment import actor_sentences, score_articles, score_sentences
    from kit.text import text_layer

    arts = articles_frame(n)
    actors = load_actors()
    escalation = load_dictionary(config.LEXICONS_DIR / "escalation.yml")
    timed = {}
    timed["text layer (sentences, tokens; shared)"], _ = _seconds(
        lambda: text_layer(arts, progress=False)
    )
    vader_s, scores = _seconds(lambda: score_sentences(arts, progress=False))
    timed["score_sentences (VADER)"] = vader_s
    steps = {
        "score_articles (from the sentence scores)": lambda: score_articles(
            arts, sentence_scores=scores
        ),
        "find_mentions": lambda: find_mentions(arts, actors),
        "actor_sentences (mentions included)": lambda: actor_sentences(arts, scores, actors=actors),
        "match_dictionary (escalation)": lambda: match_dictionary(arts, escalation, progress=False),
        "score_dictionary (escalation, article)": lambda: score_dictionary(
            arts, escalation, progress=False
        ),
    }
    for name, func in steps.items():
        timed[name], _ = _seconds(func)
    subset = arts.head(reference)
    kit_s, found = _seconds(lambda: find_mentions(subset, actors))
    ref_s, spans = _seconds(lambda: _alternation_scan(subset["text"].tolist(), actors))
    by_doc = found.groupby("doc_id", sort=False)[["start", "end"]]
    kit_spans = {d: list(map(tuple, g.to_numpy().tolist())) for d, g in by_doc}
    for doc_id, ref in zip(subset["doc_id"], spans):
        if kit_spans.get(doc_id, []) != ref:
            raise SystemExit(f"find_mentions differs from the alternation scan in {doc_id}")
    rows = [
        {"step": name, "articles": n, "seconds": s, "vs score_sentences": s / vader_s}
        for name, s in timed.items()
    ]
    rows.append(
        {
            "step": f"find_mentions on {len(subset):,} articles",
            "articles": len(subset),
            "seconds": kit_s,
            "vs score_sentences": kit_s / vader_s,
        }
    )
    rows.append(
        {
            "step": f"reference alternation scan on {len(subset):,} articles",
            "articles": len(subset),
            "seconds": ref_s,
            "vs score_sentences": ref_s / vader_s,
        }
    )
    return rows


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument(
        "--reference", type=int, default=1_000, help="articles scanned by the reference"
    )
    args = parser.parse_args(argv)
    rows = run(args.n, args.reference)
    print_table(rows, f"sentiment measures on {args.n:,} realistic articles")
    kit_row, ref_row = rows[-2], rows[-1]
    print(f"\nfind_mentions is {ref_row['seconds'] / kit_row['seconds']:.1f}x the reference scan")


if __name__ == "__main__":
    main()
