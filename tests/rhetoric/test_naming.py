"""Naming per outlet x actor, escalation and us/them pronouns."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.errors import ParameterError
from kit.rhetoric import (
    escalation,
    extract_quotes,
    naming_choices,
    naming_evidence,
    naming_table,
    pronouns,
    rates,
)
from tests.helpers import make_articles, seed_body


@pytest.fixture(scope="module")
def arts():
    return make_articles()


def test_seed_loaded_naming_of_israel(arts):
    ev = naming_evidence(arts)
    table = naming_table(ev, arts).set_index(["outlet", "actor"])
    israel = table.loc[("MENAFN", "Israel")]
    seed = seed_body()
    loaded = ("Zionist regime", "occupied lands", "Zionist officials", "occupying armies")
    assert israel["n_loaded"] == sum(seed.count(m) for m in loaded) == 6
    assert israel["loaded_share"] == pytest.approx(israel["n_loaded"] / israel["n_mentions"])
    assert "zionist regime" in israel["loaded_terms"]
    # Tehran Times names Israel "the Zionist regime" and "the regime in Tel Aviv"
    tt = table.loc[("Tehran Times", "Israel")]
    assert tt["n_loaded"] == 2 and tt["loaded_share"] == 1.0
    assert table.loc[("The Guardian", "Israel"), "n_loaded"] == 0


def test_naming_evidence_offsets_and_sentences(arts):
    ev = naming_evidence(arts)
    texts = dict(zip(arts["doc_id"], arts["text"]))
    for row in ev.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.matched
        assert row.matched in row.sentence


def test_naming_choices_shares_sum_to_one(arts):
    choices = naming_choices(naming_evidence(arts), arts)
    sums = choices.groupby(["outlet", "actor"])["share"].sum()
    assert sums.round(9).eq(1).all()


def test_unknown_group_by_raises(arts):
    with pytest.raises(ParameterError, match="group_by"):
        naming_table(naming_evidence(arts), arts, group_by="desk")


def test_pronouns_us_them_and_in_quote(arts):
    q = extract_quotes(arts)
    found = pronouns(arts, quotes=q)
    seed = found[found["doc_id"] == "seed"]
    # "the Zionist regime and the US" is the acronym, not the pronoun
    assert "US" not in set(seed["matched"])
    assert seed["category"].tolist() == ["us"] * 4 and seed["in_quote"].all()
    syn1 = found[found["doc_id"] == "syn1"]
    assert syn1["matched"].tolist() == ["We"] and syn1["in_quote"].item()


def test_pronoun_rates_per_1k_tokens():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "outlet": ["X", "Y"],
            "language": ["en", "en"],
            "text": ["They attacked us and we answered them.", "No pronoun."],
        }
    )
    table = rates(pronouns(arts), arts, group_by="outlet").set_index(["outlet", "category"])
    assert table.loc[("X", "us"), "n"] == 2 and table.loc[("X", "them"), "n"] == 2
    assert table.loc[("X", "us"), "n_tokens"] == 7  # tokens of the shared tokenizer
    assert table.loc[("X", "us"), "per_1k_tokens"] == pytest.approx(2 / 7 * 1000)
    assert table.loc[("Y", "them"), "n"] == 0


def test_escalation_evidence_on_seed(arts):
    ev = escalation(arts.iloc[:1])
    cats = ev.groupby("category").size()
    assert cats["escalation"] >= 5 and cats["deescalation"] >= 1
    row = ev[ev["matched"].str.lower() == "de-escalation"].iloc[0]
    assert row["category"] == "deescalation"
    assert seed_body()[row["start"] : row["end"]] == row["matched"]


def test_non_english_articles_skipped_visibly():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "language": ["en", "de"],
            "text": ["The Zionist regime.", "Das Zionist regime."],
        }
    )
    ev = naming_evidence(arts)
    assert set(ev["doc_id"]) == {"a"}
    assert ev.attrs["skipped"] == {"de": 1}
