"""Benchmark: VADER sentence scoring, kit vs vaderSentiment's own per-sentence loop.

Run: ``.venv/bin/python -m bench.bench_sentiment [--quick] [--n N]``. Deterministic news-like
sentences are generated in code (200,000 by default, 20,000 with --quick). Each contender runs
in a fresh process (time and peak RSS from :func:`bench.common.run_isolated`); every contender's
four scores are compared with the reference for every sentence.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile

from bench.common import print_table, run_isolated

ACTORS = ["Iran", "Israel", "The United States", "Hamas", "Hezbollah", "The IRGC", "Washington",
          "Tehran", "The Israeli military", "The Pentagon", "Jordan", "The UN Secretary-General",
          "Saudi Arabia", "Egypt", "Qatar", "The European Union", "Russia", "China"]
VERBS = ["said", "warned", "condemned", "welcomed", "rejected", "denied", "claimed", "urged",
         "threatened", "praised", "criticised", "announced", "confirmed", "vowed", "called for"]
OBJECTS = ["the drone and missile attack", "a ceasefire", "the strikes on its territory",
           "further escalation", "restraint from all parties", "a diplomatic solution",
           "the killing of civilians", "a massive retaliation", "the humanitarian aid convoy",
           "the destruction of the consulate", "peace talks", "new sanctions",
           "the brutal aggression", "its right to self-defense", "a successful interception",
           "the terrible loss of life", "the hostage deal", "a wider regional war"]
TAILS = ["", ", officials said", ", according to state media", " on Sunday",
         ", calling it a grave mistake", ", but analysts were not convinced",
         " and promised a decisive response", ", a move welcomed by allies",
         " despite strong international criticism", ", warning it would not hesitate to act",
         " in a statement that was widely praised", ", adding that the situation remained tense",
         " after a night of heavy bombardment", ", though the damage was limited"]
QUOTES = ["\"We will not tolerate this,\" {a} said.", "\"This is a great victory,\" {a} said.",
          "{a} said it was \"deeply concerned\" by the developments.",
          "\"Nobody wants a war,\" a spokesperson for {a} said!",
          "Is this the end of the conflict? {a} did not say."]


def _mid(phrase: str) -> str:
    """A phrase moved inside a sentence: "The Pentagon" -> "the Pentagon"."""
    return "t" + phrase[1:] if phrase.startswith("The ") else phrase


def news_sentences(n: int, seed: int = 2024) -> list[str]:
    """Deterministic news-like sentences (a few percent repeated, like wire boilerplate)."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
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
    return [tuple(analyzer.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound"))
            for t in texts]


def run_kit_exact(path: str):
    from kit.vader import Vader
    scorer = Vader()
    return [scorer.scores(t) for t in _read(path)]


def run_kit_vader(path: str, workers: int, cache: bool):
    from kit.sentiment import vader
    frame = vader(_read(path), workers=workers, cache=cache, progress=False)
    return [tuple(r) for r in frame.itertuples(index=False)]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 sentences")
    parser.add_argument("--n", type=int, default=None, help="number of sentences")
    args = parser.parse_args(argv)
    n = args.n or (20_000 if args.quick else 200_000)
    texts = news_sentences(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "sentences.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(texts))
        rows = _measure(path, n)
    print_table(rows, f"VADER on {n:,} news-like sentences ({len(set(texts)) / n:.1%} distinct;"
                      " times include imports and reading the sentences)")


def _measure(path: str, n: int) -> list[dict]:
    contenders = [
        ("vaderSentiment 3.3.2 loop (reference)", run_reference, (path,)),
        ("kit.vader.Vader, 1 process, no cache", run_kit_exact, (path,)),
        ("kit.sentiment.vader, 1 process, cache", run_kit_vader, (path, 1, True)),
        ("kit.sentiment.vader, 2 workers, no cache", run_kit_vader, (path, 2, False)),
        ("kit.sentiment.vader, 2 workers, cache (default)", run_kit_vader, (path, 2, True)),
    ]
    rows, reference, base = [], None, None
    for name, func, args_ in contenders:
        result, seconds, peak = run_isolated(func, *args_)
        if reference is None:
            reference, base = result, seconds
        rows.append({"contender": name, "sentences": n, "seconds": seconds,
                     "sentences/s": n / seconds, "speed-up": base / seconds,
                     "peak RSS MB": peak, "identical": result == reference})
    return rows


if __name__ == "__main__":
    main()
