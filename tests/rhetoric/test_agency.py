"""Agency: passives (agent-ful / agentless), adjectival participles, nominalized harm."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.errors import LexiconError
from kit.rhetoric.agency import agency_rates, find_agency
from kit.text import tokenize
from tests.helpers import make_articles

# sentence, expected (category, participle-or-noun) list, in order
TRICKY = [
    ("The minister was concerned about the strikes.", []),
    ("Three soldiers got killed near the border.", [("passive_agentless", "killed")]),
    ("The base has been targeted twice this year.", [("passive_agentless", "targeted")]),
    ("Residents were being evacuated from the north.", [("passive_agentless", "evacuated")]),
    ("The damage was reported by officials.", [("passive_agentful", "reported")]),
    ("The company is based in Haifa.", []),
    ("The convoy was hit by a drone on Sunday.", [("passive_agentful", "hit")]),
    ("The building was destroyed by Sunday morning.", [("passive_agentless", "destroyed")]),
    ("Two people were badly hurt.", [("passive_agentless", "hurt")]),
    ("The army has killed dozens of fighters.", []),
    ("She was tired and worried.", []),
    ("The talks were not expected to resume.", [("passive_agentless", "expected")]),
    ("Several hundred people were there.", []),
    ("The airport was closed on Saturday by the authorities.", [("passive_agentful", "closed")]),
    ("The sky was red.", []),
    ("Israel was attacked.", [("passive_agentless", "attacked")]),
    ("The attack resulted in the deaths of seven advisers.", [("nominal_agentless", "deaths")]),
    ("Iran's attack on Israel failed.", [("nominal_agentful", "attack")]),
    (
        "The killing of civilians by soldiers was condemned.",
        [("nominal_agentful", "killing"), ("passive_agentless", "condemned")],
    ),
    ("There was a great loss of life.", [("nominal_agentless", "loss of life")]),
    ("He is determined to win and is interested in peace.", []),
    (
        "The villages were shelled by artillery and many houses were burnt.",
        [("passive_agentful", "shelled"), ("passive_agentless", "burnt")],
    ),
]


@pytest.mark.parametrize("sentence, expected", TRICKY)
def test_tricky_cases(sentence, expected):
    found = find_agency(pd.DataFrame({"doc_id": ["a"], "text": [sentence]}))
    assert list(zip(found["category"], found["term"])) == expected


def test_agent_text_and_offsets():
    text = "Before dawn, the convoy was hit by an Israeli drone near the border."
    found = find_agency(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    row = found.iloc[0]
    assert row["agent"] == "an Israeli drone"
    assert text[row["start"] : row["end"]] == row["matched"] == "was hit by an Israeli drone"


def test_seed_article_agency():
    arts = make_articles().iloc[:1]
    found = find_agency(arts)
    pairs = set(zip(found["category"], found["term"]))
    assert ("passive_agentful", "reiterated") in pairs  # "reiterated by US Defense Secretary..."
    assert ("nominal_agentless", "deaths") in pairs  # "resulted in the deaths of seven ..."
    reiter = found[found["term"] == "reiterated"].squeeze()
    assert reiter["agent"].startswith("US Defense Secretary Lloyd Austin")


def test_rates_per_article_and_group():
    arts = make_articles()
    found = find_agency(arts)
    per_doc = agency_rates(found, arts)
    syn4 = per_doc.set_index("doc_id").loc["syn4"]
    # "Several people were injured, and a girl was badly hurt, officials said."
    assert syn4["passive_agentless"] == 2 and syn4["agentless_passive_share"] == 1.0
    text = arts.set_index("doc_id").loc["syn4", "text"]
    assert syn4["n_tokens"] == len(tokenize(text))
    assert syn4["passive_agentless_per_1k_tokens"] == pytest.approx(2 / len(tokenize(text)) * 1000)
    per_outlet = agency_rates(found, arts, group_by="outlet").set_index("outlet")
    assert per_outlet["passive_agentless"].sum() == per_doc["passive_agentless"].sum()
    assert set(per_outlet.index) == {"MENAFN", "Tehran Times", "The Guardian"}


def test_bad_lexicon_raises(tmp_path):
    bad = tmp_path / "agency.yml"
    bad.write_text("auxiliaries: [was]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="agency.yml"):
        find_agency(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), lexicon=bad)


def test_shared_sentence_table_gives_the_same_evidence():
    from kit.rhetoric import extract_quotes, hedges, naming_evidence
    from kit.text import sentences

    arts = make_articles()
    sents = sentences(arts)
    for func in (find_agency, extract_quotes, hedges, naming_evidence):
        pd.testing.assert_frame_equal(func(arts), func(arts, sentences=sents))


def test_nominal_phrase_ends_at_the_verb_and_keeps_its_agent():
    text = (
        "The killing of civilians by soldiers was condemned. "
        "The attack on April 1 resulted in chaos."
    )
    found = find_agency(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    nominal = found[found["category"].str.startswith("nominal")]
    assert nominal["matched"].tolist() == ["killing of civilians by soldiers", "attack on April 1"]
    assert nominal["agent"].tolist()[0] == "soldiers" and pd.isna(nominal["agent"].tolist()[1])
