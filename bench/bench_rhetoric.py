"""Rhetoric pass throughput and peak memory on deterministic synthetic news articles.

Run: ``.venv/bin/python -m bench.bench_rhetoric [--quick] [--n N]``

The corpus: N articles (default 10,000; 1,000 with --quick) of about 350 words, assembled with a
fixed seed from news-like sentences that hold direct quotes (curly and straight marks, split and
multi-paragraph), indirect speech, "according to", scare quotes, passives with and without
agents, harm nouns, loaded and neutral actor names, hedges and boosters, in 7 outlets.

Contenders, each in a fresh process reading the same Parquet file (times include imports):
the reference is the bare minimum any such analysis does, with none of kit's attribution or
evidence: a regex pairing quotation marks plus scikit-learn's ``CountVectorizer`` counting the
single-word entries of the same lexicons. Then each kit measure alone, and the whole rhetoric
pass (quotes, who-is-quoted, stance, naming, hedges, escalation, pronouns, agency, frames).
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from bench.common import print_table, run_isolated, size_arg

_SPEAKERS = [
    "Hossein Salami, the head of the IRGC,",
    "Israeli military spokesman Daniel Hagari",
    "US Defense Secretary Lloyd Austin",
    "a senior official",
    "Foreign Minister Hossein Amir-Abdollahian",
    "the army",
    "UN Secretary-General Antonio Guterres",
    "witnesses in the city",
    "Hamas",
    "the Pentagon",
]
_VERBS = ["said", "told reporters", "claimed", "warned", "confirmed", "insisted", "stated"]
_CLAUSES = [
    "the attack was a response to the strike on the consulate",
    "the region could face a wider war if the strikes continue",
    "most of the drones were intercepted by air defences",
    "the Zionist regime would pay a heavy price for its aggression",
    "talks on a ceasefire might resume later this week",
    "several civilians were killed and dozens were wounded",
    "the regime in Tehran is clearly responsible for the escalation",
    "the economic cost of the conflict is rising and oil prices have jumped",
]
_QUOTES = [
    "We will respond at a time of our choosing",
    "Nobody wants a regional war",
    "This was a massive and reckless attack",
    "Our forces are fully prepared",
    "The matter can be deemed concluded",
    "They will regret this decision",
]
_NARRATION = [
    "The deaths of seven advisers prompted the retaliation.",
    "A girl was badly hurt near the base, officials said.",
    "The convoy was hit by a drone on Sunday.",
    "Residents were being evacuated from the north.",
    "According to the ministry, the damage was limited.",
    "Families mourned the victims as funerals were held across the country.",
    "Markets fell as investors feared sanctions and higher oil prices.",
    'Critics called the operation a "symbolic" show of force.',
    "Israel said it would take all necessary measures.",
    "The attack on the embassy was condemned by world leaders.",
]


def make_articles(n: int, seed: int = 20240414):
    """Return a deterministic synthetic articles table of ``n`` rows."""
    import pandas as pd

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        paragraphs = []
        for _ in range(rng.randint(5, 8)):
            pick = rng.random()
            sp, verb = rng.choice(_SPEAKERS), rng.choice(_VERBS)
            if pick < 0.25:
                o, c = rng.choice([("\u201c", "\u201d"), ('"', '"')])
                text = f"{o}{rng.choice(_QUOTES)},{c} {sp.rstrip(',')} {verb}."
                if rng.random() < 0.3:
                    text = (
                        f"{o}{rng.choice(_QUOTES)},{c} {sp.rstrip(',')} said, "
                        f"{o}and {rng.choice(_QUOTES).lower()}.{c}"
                    )
            elif pick < 0.55:
                text = f"{sp} {verb} that {rng.choice(_CLAUSES)}."
            else:
                text = " ".join(rng.sample(_NARRATION, 3))
            paragraphs.append(text + " " + " ".join(rng.sample(_NARRATION, 2)))
        text = "\n\n".join(paragraphs)
        rows.append(
            {
                "doc_id": f"b{i}",
                "outlet": f"Outlet {i % 7}",
                "language": "en",
                "text": text,
                "n_words": len(text.split()),
            }
        )
    return pd.DataFrame(rows).astype(
        {"doc_id": "string", "outlet": "string", "language": "string", "text": "string"}
    )


def _load(path):
    import pandas as pd

    return pd.read_parquet(path)


def run_reference(path: str) -> int:
    """Regex quote pairs + CountVectorizer over the lexicons' single words (no attribution)."""
    import re

    from sklearn.feature_extraction.text import CountVectorizer

    from kit.dictionaries import load_dictionary
    from kit.rhetoric import LEXICONS

    arts = _load(path)
    vocab: set[str] = set()
    for name in ("hedges_boosters", "escalation", "pronouns", "frames"):
        for patterns in load_dictionary(LEXICONS[name]).categories.values():
            vocab.update(p for p in patterns if " " not in p and "*" not in p)
    counts = CountVectorizer(vocabulary=sorted(vocab)).fit_transform(arts["text"])
    pairs = re.compile(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]")
    n_quotes = sum(len(pairs.findall(t)) for t in arts["text"])
    return int(counts.sum()) + n_quotes


def run_quotes(path: str) -> int:
    from kit.rhetoric import extract_quotes

    return len(extract_quotes(_load(path), progress=False))


def run_naming(path: str) -> int:
    from kit.rhetoric import naming_evidence

    return len(naming_evidence(_load(path)))


def run_dictionaries(path: str) -> int:
    from kit.rhetoric import escalation, frame_evidence, hedges, pronouns

    arts = _load(path)
    return sum(len(f(arts, progress=False)) for f in (hedges, escalation, pronouns, frame_evidence))


def run_agency(path: str) -> int:
    from kit.rhetoric import find_agency

    return len(find_agency(_load(path), progress=False))


def run_all(path: str) -> int:
    """The whole rhetoric pass of notebook 04, tables and evidence, without figures."""
    import kit.rhetoric as r
    from kit.text import sentences

    arts = _load(path)
    sents = sentences(arts)
    quotes = r.extract_quotes(arts, sentences=sents, progress=False)
    tables = [quotes, r.who_is_quoted(quotes, arts), r.quote_stance(quotes, arts)]
    naming = r.naming_evidence(arts, sentences=sents)
    tables += [naming, r.naming_table(naming, arts), r.naming_choices(naming, arts)]
    for ev in (
        r.hedges(arts, sentences=sents, progress=False),
        r.escalation(arts, sentences=sents, progress=False),
        r.pronouns(arts, quotes=quotes, sentences=sents, progress=False),
    ):
        tables += [ev, r.rates(ev, arts), r.rates(ev, arts, group_by="outlet")]
    agency = r.find_agency(arts, sentences=sents, progress=False)
    tables += [
        agency,
        r.agency_rates(agency, arts),
        r.agency_rates(agency, arts, group_by="outlet"),
    ]
    frames = r.frame_evidence(arts, sentences=sents, progress=False)
    tables += [
        frames,
        r.frame_scores(frames, arts),
        r.frame_scores(frames, arts, group_by="outlet"),
    ]
    return sum(len(t) for t in tables)


def main(argv=None) -> None:
    n = size_arg(argv, __doc__, quick=1_000, full=10_000)
    arts = make_articles(n)
    words = int(arts["n_words"].sum())
    contenders = [
        ("regex quote pairs + CountVectorizer (reference)", run_reference),
        ("kit extract_quotes", run_quotes),
        ("kit naming_evidence", run_naming),
        ("kit hedges+escalation+pronouns+frames", run_dictionaries),
        ("kit find_agency", run_agency),
        ("kit whole rhetoric pass", run_all),
    ]
    rows, base = [], None
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "articles.parquet")
        arts.to_parquet(path, index=False)
        for name, func in contenders:
            result, seconds, peak = run_isolated(func, path)
            base = base or seconds
            rows.append(
                {
                    "contender": name,
                    "articles": n,
                    "seconds": seconds,
                    "articles/s": n / seconds,
                    "time vs reference": seconds / base,
                    "peak RSS MB": peak,
                    "rows out": result,
                }
            )
    print_table(
        rows,
        f"Rhetoric on {n:,} synthetic articles ({words:,} words; times include "
        "imports and reading the Parquet file)",
    )


if __name__ == "__main__":
    main()
