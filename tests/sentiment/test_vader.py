"""kit.sentiment.vader_engine must give exactly vaderSentiment 3.3.2's polarity_scores on varied sentences."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from kit.sentiment import vader
from kit.sentiment import vader_engine as engine
from kit.sentiment.vader_engine import Vader, python_round
from kit.text import split_sentences
from tests.helpers import ROOT, SHARED, seed_body

SUBJECTS = [
    "The ceasefire",
    "Iran's attack",
    "the minister",
    "This war",
    "The talks",
    "He",
    "The response",
    "Diplomacy",
    "VADER",
    "the army",
    "They",
    "Our allies",
]
VERBS = [
    "was",
    "is",
    "seemed",
    "looked",
    "has been",
    "will be",
    "felt",
    "were",
    "isn't",
    "wasn't",
    "never was",
    "is not",
    "was never",
    "could be",
    "ain't",
]
MODIFIERS = [
    "very",
    "extremely",
    "kind of",
    "sort of",
    "kinda",
    "slightly",
    "barely",
    "hardly",
    "so",
    "this",
    "really",
    "VERY",
    "EXTREMELY",
    "at least",
    "least",
    "very least",
    "the least",
    "not",
    "no",
    "never",
    "without",
    "without a doubt",
    "more",
    "most",
    "less",
    "little",
    "uber",
    "friggin",
    "totally",
    "just enough",
    "no or",
    "nor",
    "despite",
    "almost",
    "somewhat",
    "considerably",
    "",
]
EXTRAS = [
    "but",
    "BUT",
    "But",
    "yet",
    "and",
    "or",
    "nor",
    "kind",
    "of",
    "the",
    "shit",
    "bomb",
    "bad ass",
    "badass",
    "kiss of death",
    "to die for",
    "yeah right",
    "bus stop",
    "cut the mustard",
    "in the red",
    "upper hand",
    "beating heart",
    "hand to mouth",
    ":)",
    ":(",
    ":D",
    ":-)",
    "<3",
    ":/",
    ";)",
    "(good)",
    '"great"',
    "good,",
    "bad.",
    "'no'",
    "lol",
    "sux",
    "n't",
    "don't",
    "can't",
    "doesn't",
    "never so",
    "never this",
]
EMOJI = [
    "\U0001f498",
    "\U0001f60a",
    "\U0001f622",
    "\U0001f620",
    "\U0001f44d",
    "\u2764",
    "\U0001f525",
    "\U0001f4a3",
]
ENDINGS = [
    ".",
    "!",
    "!!",
    "!!!",
    "!!!!!",
    "?",
    "??",
    "???",
    "????",
    "?!",
    "...",
    "",
    " :)",
    " \U0001f60a",
    "!?!?",
]


def generate_sentences(n: int, seed: int = 7) -> list[str]:
    """Deterministic varied sentences exercising every VADER rule."""
    rng = random.Random(seed)
    lexicon = sorted(Vader().lexicon)
    sentiment_words = [w for w in lexicon if w.isalpha()]
    out = []
    for k in range(n):
        words = [rng.choice(SUBJECTS), rng.choice(VERBS)]
        for _ in range(rng.randint(1, 9)):
            roll = rng.random()
            if roll < 0.35:
                words.append(rng.choice(MODIFIERS))
            elif roll < 0.75:
                w = rng.choice(sentiment_words)
                words.append(
                    w.upper()
                    if rng.random() < 0.15
                    else w.capitalize()
                    if rng.random() < 0.1
                    else w
                )
            elif roll < 0.92:
                words.append(rng.choice(EXTRAS))
            else:
                e = rng.choice(EMOJI)
                words.append(e if rng.random() < 0.5 else rng.choice(sentiment_words) + e)
        if k % 11 == 0:  # repeated values exercise vaderSentiment's list.index in the but rule
            w = rng.choice(sentiment_words)
            words += [w, w, "but", w, rng.choice(["good", "bad", w])]
        if k % 17 == 0:
            words = [w.upper() for w in words]
        sentence = " ".join(w for w in words if w) + rng.choice(ENDINGS)
        if k % 23 == 0:
            sentence = "  " + sentence.replace(" ", "\t", 2) + " \n"
        out.append(sentence)
    return out


def _reference(texts):
    analyzer = SentimentIntensityAnalyzer()
    return [
        tuple(analyzer.polarity_scores(t)[k] for k in ("neg", "neu", "pos", "compound"))
        for t in texts
    ]


def _seed_sentences():
    body = seed_body()
    return [body[s:e] for s, e in split_sentences(body)]


def _sentences(texts):
    return [text[s:e] for text in texts for s, e in split_sentences(text)]


def _wikinews_texts():
    path = ROOT / "corpus" / "raw" / "wikinews" / "wikinews_middle_east.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def _batch(texts):
    return [tuple(row) for row in Vader().score_texts(texts).tolist()]


EDGE_CASES = [
    "",
    " ",
    "!!!",
    "?",
    ":)",
    "\U0001f60a",
    "no",
    "No no no",
    "not",
    "but",
    "good but",
    "but good",
    "least good",
    "at least good",
    "very least good",
    "kind of",
    "kind of good",
    "The bomb!",
    "yeah right",
    "NOT BAD",
    "GOOD",
    "Good",
    "not so good",
    "never so good",
    "never this good",
    "without doubt good",
    "no or nor good",
    "no good",
    "a\U0001f60ab",
    "\U0001f60a\U0001f60a good",
    "good" + "!" * 10,
    "bad" + "?" * 10,
    "it's not bad at all, but it's not great",
    "I'm not SO happy",
    "He's not the least bit happy",
    "not",  # a negation ending one text must not reach the next
    "good",
    "very",
    "GOOD good",
    "kind",
    "of good",
    "the",
    "bomb",
    "but",
    "good good",
    "\U0001f60a",
    "\U0001f60a\U0001f60a",
    "x\U0001f60a \U0001f60a y\U0001f622",
    "  \U0001f60a",
    "\u00e9t\u00e9 :) \u00e0 GREAT",
]


@pytest.fixture(scope="module")
def generated():
    texts = generate_sentences(4000)
    return texts, _reference(texts)


def test_identical_on_thousands_of_generated_sentences(generated):
    texts, reference = generated
    assert len(set(texts)) > 3900
    assert _batch(texts) == reference
    fast = Vader()
    assert [fast.scores(t) for t in texts[:500]] == reference[:500]


def test_identical_on_every_seed_sentence_and_edge_cases():
    texts = _seed_sentences() + EDGE_CASES
    assert len(texts) > 40
    reference = _reference(texts)
    assert _batch(texts) == reference
    fast = Vader()
    assert [fast.scores(t) for t in texts] == reference


def test_identical_on_the_bundled_news_sentences_and_articles():
    articles = _wikinews_texts()
    texts = _sentences(articles) + articles[:5]
    assert len(texts) > 2000
    assert _batch(texts) == _reference(texts)


def test_identical_on_the_shared_evaluation_articles():
    folder = SHARED / "eval" / "polnear_dev" / "text"
    if not folder.is_dir():
        pytest.skip("the shared PolNeAR texts are not present (they live beside the project)")
    articles = [p.read_text(errors="replace") for p in sorted(folder.glob("*.txt"))]
    texts = _sentences(articles) + articles[:5]
    assert len(texts) > 2000
    assert _batch(texts) == _reference(texts)


def test_identical_when_the_token_table_starts_again(generated, monkeypatch):
    texts, reference = generated
    monkeypatch.setattr(engine, "_MAX_TOKENS", 200)
    fast = Vader()
    scores = [
        tuple(row) for k in range(0, 1000, 100) for row in fast.score_texts(texts[k : k + 100])
    ]
    assert len(fast._ids) < 2000
    assert scores == reference[:1000]


def test_generated_sentences_cover_the_rules(generated):
    """The generator is only useful if VADER's rules fire on it."""
    texts, scores = generated
    assert sum(s[3] > 0.05 for s in scores) > 800 and sum(s[3] < -0.05 for s in scores) > 800
    assert sum("but" in t.lower().split() for t in texts) > 400
    assert sum(any(e in t for e in EMOJI) for t in texts) > 300
    assert sum(t.count("!") >= 4 for t in texts) > 100


@pytest.mark.parametrize("digits", [3, 4])
def test_python_round_rounds_as_python_does_including_halves(digits):
    rng = random.Random(digits)
    values = [rng.uniform(-1, 1) for _ in range(50_000)]
    values += [k / 10 ** (digits + 1) + h for k in range(-2000, 2001) for h in (0.0, 5e-13, -5e-13)]
    values += [k / 2**s for s in range(1, 14) for k in range(-(2**s), 2**s + 1, 1)]
    assert sum(abs(v * 10**digits % 1 - 0.5) < 1e-9 for v in values) > 500  # near halves
    rounded = python_round(np.array(values), digits)
    assert rounded.tolist() == [round(v, digits) for v in values]


@pytest.mark.parametrize("cache, workers", [(True, 1), (False, 1), (True, 2)])
def test_vader_frame_in_input_order_with_cache_and_workers(cache, workers, monkeypatch):
    monkeypatch.setattr(engine, "_CHUNK", 50)  # several chunks, so workers really run
    texts = generate_sentences(300, seed=3) * 2
    out = vader(texts, cache=cache, workers=workers, progress=False)
    assert list(out.columns) == ["neg", "neu", "pos", "compound"]
    assert [tuple(r) for r in out.itertuples(index=False)] == _reference(texts)


def test_workers_start_from_a_plain_script_without_a_main_guard(tmp_path):
    # forkserver and spawn run the main script again in every worker: with no
    # `if __name__ == "__main__":` guard that used to end in an endless loop of errors
    script = tmp_path / "score.py"
    script.write_text(
        "import kit.sentiment as s\n"
        "texts = [f'Sentence {i} was good, not bad.' for i in range(25000)]\n"
        "print(len(s.vader(texts, workers=2, progress=False)))\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "25000"
