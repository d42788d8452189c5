"""Benchmark: VADER sentence scoring, kit vs vaderSentiment's own per-sentence loop.

Run: ``.venv/bin/python -m bench.bench_sentiment [--quick] [--n N]``. Two sets of N distinct
sentences (100,000 by default, 25,000 with --quick), generated deterministically in code:
short sentences like VADER's ground truth (tweet and review snippets with emoticons, emoji,
ALL CAPS, "but", negations and boosters, and short clauses of the real news sentences of
:mod:`bench.realistic`), and news-like sentences. Contenders: the vaderSentiment loop, kit in
one process (``workers=1``) and kit with its default settings (``workers=None``: every core,
or ``KIT_JOBS``, above 20,000 distinct texts). Each runs in a fresh process (peak RSS from
:func:`bench.common.run_isolated`); the scoring time starts after the imports and reading the
sentences, the time with imports is the whole process. Every contender's four scores are
compared with the reference for every sentence.
"""

from __future__ import annotations

import os
import random
import tempfile
import time

from bench.common import print_table, run_isolated, size_arg

DICTIONARY_SENTENCES = 10_000  # the alternation baseline needs minutes beyond this
TARGETS = [
    "the movie",
    "this phone",
    "the food",
    "the service",
    "my day",
    "the game",
    "this book",
    "the ending",
    "the hotel",
    "customer support",
    "the update",
    "the speech",
    "the new album",
    "the debate",
    "the weather",
    "the staff",
    "the trailer",
    "this place",
]
OPINIONS = [
    "great",
    "good",
    "bad",
    "terrible",
    "awful",
    "amazing",
    "nice",
    "horrible",
    "happy",
    "sad",
    "best",
    "worst",
    "disappointing",
    "excellent",
    "boring",
    "fun",
    "funny",
    "brilliant",
    "pathetic",
    "lovely",
    "ugly",
    "wonderful",
    "poor",
    "fine",
    "cool",
    "okay",
    "weird",
    "perfect",
    "useless",
    "annoying",
]
DEGREES = [
    "",
    "",
    "",
    "very ",
    "really ",
    "so ",
    "not ",
    "not very ",
    "kind of ",
    "extremely ",
    "pretty ",
    "totally ",
    "never ",
    "barely ",
    "not so ",
    "the least ",
    "somewhat ",
    "VERY ",
]
FEELINGS = ["love", "hate", "like", "don't like", "can't stand", "enjoyed", "miss", "LOVE"]
ENDS = [
    ".",
    ".",
    "!",
    "!!",
    "!!!",
    "?",
    "??",
    " :)",
    " :(",
    " :D",
    " <3",
    " lol",
    "",
    " \U0001f60a",
    " \U0001f621",
    " \U0001f44d",
    "!! \U0001f602",
]
SHORT_FORMS = [
    "{T} was {d}{o}{e}",
    "{T} is {d}{o} but {t} was {d2}{o2}{e}",
    "I {f} {t}{e}",
    "{O}!!! {t} is {d}{o}{e}",
    "honestly {t} was {d}{o} and {t2} {d2}{o2}{e}",
    "{t} is {d}{o}, {d2}{o2} even{e}",
    "why is {t} so {o}{e}",
    "no {o} news about {t} today{e}",
    "{T} made me feel {d}{o}{e}",
]
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


def short_sentences(n: int, seed: int = 13) -> list[str]:
    """``n`` distinct short sentences: tweet and review snippets and short real news clauses."""
    from bench.realistic import source_sentences

    rng = random.Random(seed)
    clauses = sorted(
        {
            c.strip()
            for sents in source_sentences()
            for s in sents
            for c in s.replace(";", ",").split(",")
            if 3 <= len(c.split()) <= 15
        }
    )
    out: dict[str, None] = {}
    while len(out) < n:
        if rng.random() < 0.3:
            s = rng.choice(clauses)
            s = s + rng.choice(ENDS) if s[-1:].isalnum() else s
        else:
            t, t2 = rng.sample(TARGETS, 2)
            s = rng.choice(SHORT_FORMS).format(
                T=t.capitalize(),
                t=t,
                t2=t2,
                d=rng.choice(DEGREES),
                d2=rng.choice(DEGREES),
                o=rng.choice(OPINIONS),
                o2=rng.choice(OPINIONS),
                O=rng.choice(OPINIONS).upper(),
                f=rng.choice(FEELINGS),
                e=rng.choice(ENDS),
            )
            if rng.random() < 0.05:
                s = s.upper()
        out[s] = None
    return list(out)


def distinct_news_sentences(n: int) -> list[str]:
    """``n`` distinct news-like sentences (:func:`news_sentences` without its repeats)."""
    out = dict.fromkeys(news_sentences(n))
    extra = 1
    while len(out) < n:
        out.update(dict.fromkeys(news_sentences(n - len(out), seed=2024 + extra)))
        extra += 1
    return list(out)[:n]


def _read(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def run_reference(path: str):
    """vaderSentiment's scores and the seconds of scoring alone (after imports and reading)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = _read(path)
    start = time.perf_counter()
    analyzer = SentimentIntensityAnalyzer()
    scores = [
        tuple(analyzer.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound"))
        for t in texts
    ]
    return scores, time.perf_counter() - start


def run_kit_vader(path: str, workers: int | None):
    """kit's scores and the seconds of scoring alone (after imports and reading)."""
    from kit.sentiment import vader

    texts = _read(path)
    start = time.perf_counter()
    frame = vader(texts, workers=workers, progress=False)
    seconds = time.perf_counter() - start
    return [tuple(r) for r in frame.itertuples(index=False)], seconds


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
    n = size_arg(argv, __doc__, quick=25_000, full=100_000, what="sentences per set")
    sets = (
        ("short sentences", short_sentences(n)),
        ("news sentences", distinct_news_sentences(n)),
    )
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for label, texts in sets:
            path = os.path.join(tmp, "sentences.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(texts))
            rows += _measure(path, label, texts)
        news = sets[1][1]
        n_dict = min(n, DICTIONARY_SENTENCES)
        dict_path = os.path.join(tmp, "dictionary_sentences.txt")
        with open(dict_path, "w", encoding="utf-8") as f:
            f.write("\n".join(news[:n_dict]))
        dict_rows = _measure_dictionaries(dict_path, n_dict)
    from kit.parallel import resolve_jobs

    print_table(
        rows,
        f"VADER on {n:,} distinct sentences per set (default settings: {resolve_jobs()} "
        "workers here; scoring seconds start after imports and reading the sentences, "
        "the others include them)",
    )
    print_table(
        dict_rows,
        f"Dictionary matching on the first {n_dict:,} news sentences as "
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


def _measure(path: str, label: str, texts: list[str]) -> list[dict]:
    contenders = [
        ("vaderSentiment 3.3.2 loop (reference)", run_reference, (path,)),
        ("kit.sentiment.vader, 1 process", run_kit_vader, (path, 1)),
        ("kit.sentiment.vader, default settings", run_kit_vader, (path, None)),
    ]
    words = sum(len(t.split()) for t in texts) / len(texts)
    rows, reference, base, base_total = [], None, 0.0, 0.0
    for name, func, args_ in contenders:
        (result, seconds), total, peak = run_isolated(func, *args_)
        if reference is None:
            reference, base, base_total = result, seconds, total
        rows.append(
            {
                "sentences": f"{label} ({words:.0f} words)",
                "contender": name,
                "scoring s": seconds,
                "sentences/s": len(texts) / seconds,
                "speed-up": base / seconds,
                "s with imports": total,
                "speed-up with imports": base_total / total,
                "peak RSS MB": peak,
                "identical": result == reference,
            }
        )
    return rows


if __name__ == "__main__":
    main()
