"""Reporting-verb stance and hedges/boosters/attitude markers."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.dictionaries import load_dictionary
from kit.rhetoric import LEXICONS, extract_quotes, hedges, quote_stance, rates
from kit.text import tokenize
from tests.helpers import make_articles


def test_reporting_verb_lexicon_stances():
    d = load_dictionary(LEXICONS["reporting_verbs"])
    stance = {form: cat for cat, forms in d.categories.items() for form in forms}
    assert {stance[v] for v in ("said", "told")} == {"neutral"}
    assert {stance[v] for v in ("claimed", "alleged", "insisted")} == {"distancing"}
    assert {stance[v] for v in ("confirmed", "revealed", "acknowledged")} == {"endorsing"}
    assert {stance[v] for v in ("warned", "vowed", "threatened")} == {"emotive"}


@pytest.mark.parametrize(
    "sentence, stance",
    [
        ("Officials claimed that the strikes were limited.", "distancing"),
        ("The army confirmed that two soldiers were wounded.", "endorsing"),
        ("Tehran warned that it would respond.", "emotive"),
        ("The minister said that talks would resume.", "neutral"),
    ],
)
def test_quote_stance_from_cue(sentence, stance):
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [sentence]}))
    assert q["stance"].tolist() == [stance]


def test_quote_stance_table_per_outlet():
    arts = make_articles()
    table = quote_stance(extract_quotes(arts), arts).set_index(["outlet", "stance"])
    # Tehran Times: "a commander said", "Officials claimed", "officials warned", "according to"
    assert table.loc[("Tehran Times", "distancing"), "n"] == 1
    assert table.loc[("Tehran Times", "emotive"), "n"] == 1
    shares = table.groupby(level="outlet")["share"].sum()
    assert shares.round(9).eq(1).all()


def test_custom_reporting_verb_lexicon(tmp_path):
    path = tmp_path / "verbs.yml"
    path.write_text("neutral: [said]\nsceptical: [maintained]\n", encoding="utf-8")
    q = extract_quotes(
        pd.DataFrame(
            {"doc_id": ["a"], "text": ["The army maintained that it hit only military targets."]}
        ),
        reporting_verbs=path,
    )
    assert q["stance"].tolist() == ["sceptical"]


def test_hedges_multiword_and_rates():
    text = (
        "The attack was possibly a warning. In fact, it could not be independently "
        "verified. Unfortunately, the damage appears to be extensive."
    )
    arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "language": ["en"], "text": [text]})
    ev = hedges(arts)
    got = list(zip(ev["category"], ev["matched"]))
    assert ("boosters", "In fact") in got
    assert ("hedges", "could not be independently verified") in got
    assert ("hedges", "appears to") in got and ("hedges", "possibly") in got
    assert ("attitude_markers", "Unfortunately") in got
    assert ("hedges", "could") not in got  # the longest pattern wins
    table = rates(ev, arts).set_index("category")
    assert table.loc["hedges", "n"] == 3
    assert table.loc["hedges", "n_tokens"] == len(tokenize(text)) == 21
    assert table.loc["hedges", "per_1k_tokens"] == pytest.approx(3 / 21 * 1000)
    for row in ev.itertuples():
        assert text[row.start : row.end] == row.matched and row.matched in row.sentence


def test_cue_with_two_stances_is_a_lexicon_error(tmp_path):
    from kit.errors import LexiconError

    path = tmp_path / "verbs.yml"
    path.write_text("neutral: [said, claimed]\ndistancing: [claimed]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="claimed"):
        extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), reporting_verbs=path)


@pytest.mark.parametrize("measure", ["quote_stance", "who_is_quoted"])
def test_unknown_group_by_names_the_columns(measure):
    import kit.rhetoric as r
    from kit.errors import ParameterError

    arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"]})
    quotes = pd.DataFrame(
        {
            "doc_id": ["a"],
            "kind": ["direct"],
            "speaker": ["S"],
            "actor": [None],
            "stance": ["neutral"],
            "attribution": ["explicit"],
            "cue_start": [0],
        }
    )
    with pytest.raises(ParameterError, match="group_by") as info:
        getattr(r, measure)(quotes, arts, group_by="medium")
    assert "outlet" in str(info.value)
