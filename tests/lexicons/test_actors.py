"""Actor mentions (kit.lexicons.actors): input checks and the matching rule."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import kit
from kit.errors import SchemaError
from kit.lexicons.actors import ACTOR_COLUMNS, MENTION_COLUMNS, load_actors
from tests.helpers import ROOT, make_articles


def test_find_mentions_without_text_names_the_column():
    with pytest.raises(SchemaError, match=r"find_mentions needs .*missing \['text'\]"):
        kit.find_mentions(make_articles().drop(columns=["text"]))


def test_find_mentions_on_an_empty_table_is_empty_with_the_columns():
    out = kit.find_mentions(make_articles().iloc[0:0])
    assert out.empty and list(out.columns) == [
        "doc_id",
        "actor",
        "alias",
        "alias_type",
        "kind",
        "start",
        "end",
        "matched",
    ]


def _reference_mentions(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The matching rule written plainly: one alternation of every alias, longest first,
    case-insensitive except for aliases in capitals, between word boundaries."""
    ordered = actors.assign(n=actors["alias"].str.len()).sort_values("n", ascending=False)
    parts, lookup = [], {}
    for row in ordered.itertuples(index=False):
        escaped = re.escape(row.alias).replace(r"\ ", r"\s+")
        parts.append(escaped if row.case_sensitive else f"(?i:{escaped})")
        key = row.alias if row.case_sensitive else row.alias.casefold()
        lookup[key] = (row.actor, row.alias, row.alias_type, row.kind)
    rule = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        for m in rule.finditer(text):
            matched = " ".join(m.group(0).split())
            info = lookup.get(matched) or lookup.get(matched.casefold())
            if info is not None:
                rows.append((doc_id, *info, m.start(), m.end(), m.group(0)))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return out.astype({"doc_id": "string", "start": "int64", "end": "int64"})


TRICKY = [
    "The US and the USA, but not us: the U.S. said so. Us too. UN, Un, un-named.",
    "Iranian forces; the Iranian regime and Iran's IRGC. The Zionist regime in Tel\nAviv.",
    "Kılıç and İran with the dotless i, a long ſ, and the Kelvin sign K: Iran again.",
    "ISRAEL, israel and Israel; IDF, idf. Hamas-led, al-Qassam, Israel Defense  Forces.",
    "",
]


def test_mentions_follow_the_plain_rule_on_the_bundled_corpus():
    if not (ROOT / "corpus" / "raw").is_dir():
        pytest.skip("the bundled corpus corpus/raw is not present")
    articles = kit.read_articles(ROOT / "corpus" / "raw", progress=False)
    actors = load_actors()
    found = kit.find_mentions(articles)
    assert len(found) > 1000
    pd.testing.assert_frame_equal(found, _reference_mentions(articles, actors))


def test_mentions_follow_the_plain_rule_on_cases_and_odd_letters():
    articles = pd.DataFrame({"doc_id": [f"t{i}" for i in range(len(TRICKY))], "text": TRICKY})
    actors = load_actors()
    found = kit.find_mentions(articles, actors)
    pd.testing.assert_frame_equal(found, _reference_mentions(articles, actors))
    first = found[found["doc_id"] == "t0"]["matched"].tolist()
    assert first == ["US", "USA", "U.S.", "UN"]  # "us", "Us", "Un", "un" are no actor
    assert "Tel\nAviv" in found["matched"].tolist()


def test_an_edited_table_with_odd_spacing_follows_the_same_rule():
    actors = pd.concat(
        [
            load_actors(),
            pd.DataFrame(
                [
                    ("Testland", "Red  Cross", "neutral", "name", False),
                    ("Testland", "TL", "neutral", "name", True),
                    ("Testland", "Testland", "loaded", "name", False),
                ],
                columns=ACTOR_COLUMNS,
            ),
        ],
        ignore_index=True,
    )
    texts = TRICKY + ["Red  Cross and Red Cross in TL, tl and Testland's TESTLAND."]
    articles = pd.DataFrame({"doc_id": [f"t{i}" for i in range(len(texts))], "text": texts})
    found = kit.find_mentions(articles, actors)
    pd.testing.assert_frame_equal(found, _reference_mentions(articles, actors))
    assert {"TL", "Testland", "TESTLAND"} <= set(found["matched"])


def test_a_table_without_aliases_finds_nothing():
    found = kit.find_mentions(make_articles(), load_actors().iloc[0:0])
    assert found.empty and list(found.columns) == MENTION_COLUMNS


def test_worker_processes_find_the_same_mentions(monkeypatch):
    from kit.lexicons import actors as module

    monkeypatch.setattr(module, "PARALLEL_MIN_CHARACTERS", 2)
    monkeypatch.setattr(module, "_CHUNK", 2)
    articles = make_articles()
    here = kit.find_mentions(articles, jobs=1)
    assert len(here) > 20
    pd.testing.assert_frame_equal(kit.find_mentions(articles, jobs=2), here)
