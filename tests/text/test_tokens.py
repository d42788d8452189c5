"""The one tokenizer (kit.text.tokens)."""

from __future__ import annotations

import pytest

from kit import text as T

TOKEN_CASES = [
    ("Iran's drones", ["Iran", "'s", "drones"]),
    ("Netanyahu’s office", ["Netanyahu", "’s", "office"]),
    ("the States' position", ["the", "States", "position"]),
    ("don't stop", ["don't", "stop"]),
    ("O'Brien's plan", ["O'Brien", "'s", "plan"]),
    ("IRAN'S DRONES, HE’S SURE", ["IRAN", "'S", "DRONES", "HE", "’S", "SURE"]),
    ("de-escalation and counter-strike", ["de-escalation", "and", "counter-strike"]),
    ("F-35s and MiG-29", ["F-35s", "and", "MiG-29"]),
    ("3.5 km, 1,000 troops at 10:30", ["3.5", "km", "1,000", "troops", "at", "10:30"]),
    ("The U.S. and U.K.", ["The", "U.S.", "and", "U.K."]),
    ("see https://example.org/a?b=1. Then", ["see", "https://example.org/a?b=1", "Then"]),
    ("(www.menafn.com)", ["www.menafn.com"]),
    ("mail press@example.com now", ["mail", "press@example.com", "now"]),
    ("«Guerre» à Gaza", ["Guerre", "à", "Gaza"]),
    ("حماس وإسرائيل", ["حماس", "وإسرائيل"]),
    ("", []),
]


@pytest.mark.parametrize("text,expected", TOKEN_CASES)
def test_tokenize_cases(text, expected):
    assert T.tokenize(text) == expected


def test_tokenize_lower_and_spans():
    assert T.tokenize("Iran's U.S.", lower=True) == ["iran", "'s", "u.s."]
    text = "Lloyd Austin's visit"
    spans = T.token_spans(text, lower=True)
    assert [t for _, _, t in spans] == ["lloyd", "austin", "'s", "visit"]
    assert all(text[s:e].lower() == t for s, e, t in spans)


def test_token_pattern_works_as_countvectorizer_pattern():
    from sklearn.feature_extraction.text import CountVectorizer

    docs = ["Iran's U.S. drones at 3.5 km", "de-escalation now"]
    cv = CountVectorizer(token_pattern=T.TOKEN_PATTERN, lowercase=False).fit(docs)
    assert sorted(cv.vocabulary_) == sorted(set(T.tokenize(docs[0]) + T.tokenize(docs[1])))


def test_case_does_not_change_where_tokens_split():
    """Lower-cased text (the document-term matrix, the text layer) splits like the original
    (counts of tokens, KWIC): on the bundled corpus and on all-caps text."""
    from tests.helpers import ROOT

    raw = ROOT / "corpus" / "raw" / "wikinews" / "wikinews_middle_east.jsonl"
    if not raw.exists():
        pytest.skip("the bundled corpus (corpus/raw) is not present")
    import json

    texts = [json.loads(line)["text"] for line in raw.open(encoding="utf-8")]
    for text in texts + [t.upper() for t in texts]:
        if len(text.lower()) == len(text):
            assert [t.lower() for t in T.tokenize(text)] == T.tokenize(text, lower=True)
