"""Benchmark: VADER sentence scoring, kit vs vaderSentiment's own per-sentence loop.

Run: ``.venv/bin/python -m bench.bench_sentiment [--quick] [--n N]``. Deterministic news-like
sentences are generated in code (200,000 by default, 20,000 with --quick). Each contender runs
in a fresh process (time and peak RSS from :func:`bench.common.run_isolated`); every contender's
four scores are compared with the reference for every sentence.
"""

from __future__ import annotations

import os
import random
import tempfile

from bench.common import print_table, run_isolated, size_arg

DICTIONARY_SENTENCES = 10_000  # the alternation baseline needs minutes beyond this
ACTORS = [
    "Iran",
    "Israel",
    "The United States",
    "Hamas",
    "Hezbollah",
    "The IRGC",
    "Washington",
    "Tehran",
    "The Israeli military",
    "The Pentagon",
    "Jordan",
    "The UN Secretary-General",
    "Saudi Arabia",
    "Egypt",
    "Qatar",
    "The European Union",
    "Russia",
    "China",
]
VERBS = [
    "said",
    "warned",
    "condemned",
    "welcomed",
    "rejected",
    "denied",
    "claimed",
    "urged",
    "threatened",
    "praised",
    "criticised",
    "announced",
    "confirmed",
    "vowed",
    "called for",
]
OBJECTS = [
    "the drone and missile attack",
    "a ceasefire",
    "the strikes on its territory",
    "further escalation",
    "restraint from all parties",
    "a diplomatic solution",
    "the killing of civilians",
    "a massive retaliation",
    "the humanitarian aid convoy",
    "the destruction of the consulate",
    "peace talks",
    "new sanctions",
    "the brutal aggression",
    "its right to self-defense",
    "a successful interception",
    "the terrible loss of life",
    "the hostage deal",
    "a wider regional war",
]
TAILS = [
    "",
    ", officials said",
    ", according to state media",
    " on Sunday",
    ", calling it a grave mistake",
    ", but analysts were not convinced",
    " and promised a decisive response",
    ", a move welcomed by allies",
    " despite strong international criticism",
    ", warning it would not hesitate to act",
    " in a statement that was widely praised",
    ", adding that the situation remained tense",
    " after a night of heavy bombardment",
    ", though the damage was limited",
]
QUOTES = [
    '"We will not tolerate this," {a} said.',
    '"This is a great victory," {a} said.',
    '{a} said it was "deeply concerned" by the developments.',
    '"Nobody wants a war," a spokesperson for {a} said!',
    "Is this the end of the conflict? {a} did not say.",
]


def _mid(phrase: str) -> str:
    """A phrase moved inside a sentence: "The Pentagon" -> "the Pentagon"."""
    return "t" + phrase[1:] if phrase.startswith("The ") else phrase


def news_sentences(n: int, seed: int = 2024) -> list[str]:
    """Deterministic news-like sentences (a few percent repeated, like wire boilerplate)."""
    rng = random.Random(seed)
    out = []
    for _k in range(n):
        actor, other = rng.choice(ACTORS), rng.choice(ACTORS)
        if rng.random() < 0.15:
            s = rng.choice(QUOTES).format(a=actor)
            s = f"{s[:-1]} on day {rng.randint(1, 400)} of the war{s[-1]}"
        else:
            s = f"{actor} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}"
            if rng.random() < 0.6:
                s += f" as {_mid(other)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            if rng.random() < 0.5:
                s = f"On day {rng.randint(1, 400)}, {_mid(s)}"
            s += "."
        out.append(s)
    return out


def _read(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def run_reference(path: str):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    texts = _read(path)
    return [
        tuple(analyzer.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound"))
        for t in texts
    ]


def run_kit_exact(path: str):
    from kit.sentiment.vader_engine import Vader

    scorer = Vader()
    return [scorer.scores(t) for t in _read(path)]


def run_kit_vader(path: str, workers: int, cache: bool):
    from kit.sentiment import vader

    frame = vader(_read(path), workers=workers, cache=cache, progress=False)
    return [tuple(r) for r in frame.itertuples(index=False)]


def _articles(path: str):
    import pandas as pd

    texts = _read(path)
    bodies = [" ".join(texts[i : i + 20]) for i in range(0, len(texts), 20)]
    return pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(bodies))], "text": bodies, "language": "en"}
    )


def _big_dictionary():
    """About 7,000 patterns (VADER's lexicon words, 30% as prefix globs, plus word pairs)."""
    from kit.dictionaries import build_dictionary
    from kit.sentiment.vader_engine import Vader

    words = [w for w in sorted(Vader().lexicon) if w.isalpha()]
    rng = random.Random(1)
    cats = {"a": [], "b": []}
    for w in words:
        cats[rng.choice("ab")].append(w + ("*" if rng.random() < 0.3 else ""))
    cats["a"] += [f"{x} {y}" for x, y in zip(words[::7], words[3::7])]
    return build_dictionary(cats, name="big")


def _dictionary(which: str):
    from kit import config
    from kit.dictionaries import load_dictionary

    return (
        load_dictionary(config.LEXICONS_DIR / "escalation.yml")
        if which == "escalation"
        else _big_dictionary()
    )


def run_kit_dictionary(path: str, which: str):
    from kit.dictionaries import match_dictionary

    matches = match_dictionary(_articles(path), _dictionary(which), progress=False)
    return len(matches)


def run_regex_alternation(path: str, which: str):
    """Baseline: one case-insensitive alternation regex over each article, no sentences."""
    import re

    dictionary = _dictionary(which)
    patterns = sorted(
        {p for ps in dictionary.categories.values() for p in ps}, key=len, reverse=True
    )
    body = "|".join(
        re.escape(p).replace(r"\*", r"[\w'-]*").replace(r"\?", r"[\w'-]").replace(r"\ ", r"\s+")
        for p in patterns
    )
    rx = re.compile(r"(?<![\w'-])(?:" + body + r")(?![\w'-])", re.IGNORECASE)
    return sum(1 for text in _articles(path)["text"] for _ in rx.finditer(text))


def main(argv=None) -> None:
    n = size_arg(argv, __doc__, quick=20_000, full=200_000, what="sentences")
    texts = news_sentences(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "sentences.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(texts))
        rows = _measure(path, n)
        n_dict = min(n, DICTIONARY_SENTENCES)
        dict_path = os.path.join(tmp, "dictionary_sentences.txt")
        with open(dict_path, "w", encoding="utf-8") as f:
            f.write("\n".join(texts[:n_dict]))
        dict_rows = _measure_dictionaries(dict_path, n_dict)
    print_table(
        rows,
        f"VADER on {n:,} news-like sentences ({len(set(texts)) / n:.1%} distinct;"
        " times include imports and reading the sentences)",
    )
    print_table(
        dict_rows,
        f"Dictionary matching on the first {n_dict:,} sentences as "
        f"{n_dict // 20:,} articles (kit splits sentences, keeps offsets and "
        "categories, longest match wins; the baseline's alternation is "
        "leftmost-first, hence other counts)",
    )


def _measure_dictionaries(path: str, n: int) -> list[dict]:
    rows = []
    for which, label in (
        ("escalation", "escalation.yml, 109 patterns"),
        ("big", "synthetic, ~7,000 patterns"),
    ):
        base = None
        for name, func in (
            ("one alternation regex (baseline)", run_regex_alternation),
            ("kit.dictionaries.match_dictionary", run_kit_dictionary),
        ):
            found, seconds, peak = run_isolated(func, path, which)
            base = base or seconds
            rows.append(
                {
                    "dictionary": label,
                    "contender": name,
                    "matches": found,
                    "seconds": seconds,
                    "sentences/s": n / seconds,
                    "speed-up": base / seconds,
                    "peak RSS MB": peak,
                }
            )
    return rows


def _measure(path: str, n: int) -> list[dict]:
    contenders = [
        ("vaderSentiment 3.3.2 loop (reference)", run_reference, (path,)),
        ("kit.sentiment.vader_engine.Vader, 1 process, no cache", run_kit_exact, (path,)),
        ("kit.sentiment.vader, 1 process, cache", run_kit_vader, (path, 1, True)),
        ("kit.sentiment.vader, 2 workers, no cache", run_kit_vader, (path, 2, False)),
        ("kit.sentiment.vader, 2 workers, cache (default)", run_kit_vader, (path, 2, True)),
    ]
    rows, reference, base = [], None, None
    for name, func, args_ in contenders:
        result, seconds, peak = run_isolated(func, *args_)
        if reference is None:
            reference, base = result, seconds
        rows.append(
            {
                "contender": name,
                "sentences": n,
                "seconds": seconds,
                "sentences/s": n / seconds,
                "speed-up": base / seconds,
                "peak RSS MB": peak,
                "identical": result == reference,
            }
        )
    return rows


if __name__ == "__main__":
    main()
