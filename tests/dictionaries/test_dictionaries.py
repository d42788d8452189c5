"""Tests of kit.dictionaries: the four file formats, pattern matching rules and scoring."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit import config
from kit.dictionaries import (
    MATCH_COLUMNS,
    build_dictionary,
    load_dictionary,
    match_dictionary,
    score_dictionary,
)
from kit.errors import LexiconError, ParameterError

DATA = Path(__file__).resolve().parents[1] / "data" / "dictionaries"
TEXT = (
    "Terrorism and nuclear\n weapons were discussed. It was NOT good, but the cease-fire "
    "was a success. Terror-related attack? Counterterrorism is not an attack word here."
)


def _arts(text=TEXT, language="en", doc_id="d1"):
    return pd.DataFrame({"doc_id": [doc_id], "text": [text], "language": [language]})


@pytest.mark.parametrize("name", ["mini.yml", "mini.dic", "mini.cat", "mini.lc3", "mini.tsv"])
def test_every_format_loads_the_same_dictionary(name):
    d = load_dictionary(DATA / name)
    cats = {c.lower(): sorted(p.lower() for p in ps) for c, ps in d.categories.items()}
    assert cats == {
        "threat": ["attack", "nuclear weapon*", "terror*"],
        "calm": ["cease?fire", "restraint"],
        "positive": ["good", "success*"],
        "neg_positive": ["no success*", "not good"],
    }
    assert {k.lower(): v.lower() for k, v in d.negations.items()} == {"neg_positive": "positive"}
    m = match_dictionary(_arts(), d)
    got = [(c.lower(), t) for c, t in zip(m["category"], m["matched"])]
    assert got == [
        ("threat", "Terrorism"),
        ("threat", "nuclear\n weapons"),
        ("neg_positive", "NOT good"),
        ("calm", "cease-fire"),
        ("positive", "success"),
        ("threat", "Terror-related"),
        ("threat", "attack"),
        ("threat", "attack"),
    ]
    assert m["negated"].tolist() == [False, False, True] + [False] * 5


def test_offsets_point_into_the_article_text(articles):
    d = load_dictionary(config.LEXICONS_DIR / "escalation.yml")
    m = match_dictionary(articles, d)
    texts = dict(zip(articles["doc_id"], articles["text"]))
    assert len(m) > 10
    assert all(
        texts[doc][s:e] == matched
        for doc, s, e, matched in zip(m["doc_id"], m["start"], m["end"], m["matched"])
    )


def test_offsets_and_sentence_ids_agree_with_kit_text_sentences():
    from kit.text import sentences

    d = load_dictionary(DATA / "mini.yml")
    arts = _arts()
    sents = sentences(arts)
    m = match_dictionary(arts, d, sentences=sents)
    for sid, s, e in zip(m["sent_id"], m["start"], m["end"]):
        row = sents[sents["sent_id"] == sid].iloc[0]
        assert row["start"] <= s < e <= row["end"]


def test_tsv_weights_and_zero_weight_rows():
    d = load_dictionary(DATA / "mini.tsv")
    assert d.weight("threat", "terror*") == 2.0 and d.weight("threat", "nuclear weapon*") == 3.0
    assert d.weight("calm", "restraint") == 1.0
    assert "ceasefire" not in d.categories["calm"]  # weight 0 = not in the category (NRC layout)
    m = match_dictionary(_arts(), d)
    assert m.loc[m["term"] == "nuclear weapon*", "weight"].tolist() == [3.0]


def test_liwc_words_in_several_categories_and_conditional_codes():
    d = load_dictionary(DATA / "liwc_multi.dic")
    m = match_dictionary(_arts("We like them; they like us, kind of."), d)
    assert m.groupby("matched")["category"].apply(sorted).to_dict() == {
        "We": ["funct", "pronoun", "social"],
        "they": ["funct", "pronoun", "social"],
        "like": ["funct", "funct", "social", "social"],
        "kind": ["funct", "social"],
    }


def test_nested_lexicoder_categories_and_weights():
    d = load_dictionary(DATA / "nested.cat")
    assert d.categories == {
        "NEGATIVE": ["ABANDON*"],
        "NEGATIVE.SUBCAT": ["HARM*"],
        "POSITIVE": ["ABILIT*"],
    }
    assert d.weight("NEGATIVE.SUBCAT", "HARM*") == 2.0


def test_yaml_subcategories_with_terms_of_their_own():
    d = load_dictionary(DATA / "nested_asyaml.yml")  # as quanteda's as.yaml() writes them
    assert d.categories == {
        "conflict": ["war", "conflict*"],
        "conflict.violence": ["attack*", "strike*"],
    }


def test_longest_match_wins_and_exact_beats_wildcard_within_a_category():
    d = build_dictionary(
        {"a": ["nuclear", "nuclear weapon*"], "b": ["weapons"], "c": ["terror*", "terrorism"]},
        name="t",
    )
    m = match_dictionary(_arts("Nuclear weapons and terrorism; weapons."), d)
    assert list(zip(m["category"], m["term"], m["matched"])) == [
        ("a", "nuclear weapon*", "Nuclear weapons"),
        ("c", "terrorism", "terrorism"),
        ("b", "weapons", "weapons"),
    ]


def test_wildcards_respect_word_boundaries():
    d = build_dictionary({"x": ["escalat*", "war"]}, name="t")
    m = match_dictionary(_arts("De-escalation, escalating, warfare, war-torn, war."), d)
    assert m["matched"].tolist() == ["escalating", "war"]


def test_patterns_are_tokenized_like_text():
    d = build_dictionary({"x": ["U.S. forces", "Iran's", "don’t"]}, name="t")
    m = match_dictionary(_arts("U.S. forces hit Iran’s base; they don't say."), d)
    assert m["matched"].tolist() == ["U.S. forces", "Iran’s", "don't"]


def test_matches_never_cross_sentences():
    d = load_dictionary(DATA / "mini.yml")
    m = match_dictionary(_arts("That was not. Good news followed."), d)
    assert m["category"].tolist() == ["positive"]


def test_negation_window_flags_negator_preceded_matches():
    d = build_dictionary({"threat": ["attack*"]}, name="t")
    arts = _arts("There was no major attack. They didn't attack. An attack came.")
    assert match_dictionary(arts, d)["negated"].tolist() == [False, False, False]
    assert match_dictionary(arts, d, negation_window=2)["negated"].tolist() == [True, True, False]


def test_other_languages_are_skipped_and_reported():
    d = load_dictionary(DATA / "mini.yml")
    arts = pd.concat([_arts(), _arts("Terror ist schlecht.", "de", "d2")], ignore_index=True)
    before = arts.copy()
    res = score_dictionary(arts, d)
    pd.testing.assert_frame_equal(arts, before)
    assert set(res.scores["doc_id"]) == {"d1"}
    assert res.skipped["doc_id"].tolist() == ["d2"]
    everywhere = build_dictionary(d.categories, name="all", language=None)
    assert "d2" in set(match_dictionary(arts, everywhere)["doc_id"])


def test_scores_by_hand():
    d = build_dictionary(
        {"esc": ["escalat*", "wider war"], "calm": ["restraint"]},
        name="t",
        weights={("esc", "wider war"): 2.5},
    )
    arts = _arts(
        "Escalation feared: a wider war looms. Leaders urged restraint and more restraint."
    )
    art = score_dictionary(arts, d).scores.set_index("category")
    # sentence 1: 6 words, 2 esc matches; sentence 2: 6 words, 2 calm matches
    assert art.loc["esc", ["count", "n_tokens"]].tolist() == [2, 12]
    assert art.loc["esc", "weighted"] == 3.5
    assert art.loc["esc", "per_1k_tokens"] == pytest.approx(2000 / 12)
    sent = score_dictionary(arts, d, level="sentence").scores
    assert len(sent) == 4
    assert sent.set_index(["sent_id", "category"])["count"].to_dict() == {
        (0, "esc"): 2,
        (0, "calm"): 0,
        (1, "esc"): 0,
        (1, "calm"): 2,
    }
    assert sent["n_tokens"].tolist() == [6, 6, 6, 6]
    with pytest.raises(ParameterError, match="level"):
        score_dictionary(arts, d, level="paragraph")


def test_escalation_lexicon_on_the_seed_article(articles):
    d = load_dictionary(config.LEXICONS_DIR / "escalation.yml")
    assert d.meta["source"] == "composed by the kit authors for this project"
    assert d.negations == {"neg_escalation": "escalation", "neg_deescalation": "deescalation"}
    m = match_dictionary(articles[articles["doc_id"] == "seed"], d)
    by_word = dict(zip(m["matched"].str.lower(), m["category"]))
    assert by_word["de-escalation"] == "deescalation"
    assert by_word["abstaining"] == "deescalation"
    assert by_word["retaliatory"] == "escalation"
    neg = match_dictionary(_arts("Iran said there would be no escalation."), d)
    assert neg[["category", "negated"]].values.tolist() == [["neg_escalation", True]]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.xyz", "x", "unknown dictionary extension '.xyz'"),
        ("bad.dic", "%\n1 posemo\n%\ngood 7\n", r"line 4: category number '7'.*declared: 1"),
        ("bad2.dic", "good 1\n", "not a LIWC .dic file"),
        ("bad.cat", "\tGOOD (1)\nPOS\n\tNICE (1)\n", "line 1: term 'GOOD \\(1\\)' comes before"),
        ("bad.lc3", "good\n+pos\nnice\n", "line 1: pattern 'good' comes before any category"),
        ("bad.tsv", "good\tpos\theavy\n", "line 1: weight 'heavy' is not a number"),
        ("bad2.tsv", "good\n", "line 1: 'good' has 1 tab-separated fields"),
        ("bad.yml", "pos: {a: 1}\n", "category 'pos.a' holds int"),
        ("bad2.yml", "pos: [good\n", "not valid YAML"),
        ("bad3.yml", "pos: ['*']\n", "pattern '\\*' has no word"),
    ],
)
def test_malformed_files_raise_lexicon_errors_naming_file_and_line(
    tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_dictionary(path)
    assert name in str(info.value)


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_dictionary(tmp_path / "nope.yml")
    with pytest.raises(LexiconError, match="accepted: yaml, liwc, wordstat, lexicoder, tsv"):
        load_dictionary(DATA / "mini.yml", format="json")
    assert load_dictionary(DATA / "mini.tsv", format="tsv").name == "mini"


def test_sentences_of_another_splitter_are_tokenized_on_their_own():
    d = load_dictionary(DATA / "mini.yml")
    arts = _arts()
    whole = pd.DataFrame({"doc_id": ["d1"], "sent_id": [0], "start": [0], "end": [len(TEXT)]})
    own = match_dictionary(arts, d, sentences=whole)
    shared = match_dictionary(arts, d)  # sentences and tokens of kit.text
    cols = ["category", "term", "start", "end", "matched", "negated"]
    pd.testing.assert_frame_equal(own[cols], shared[cols])
    assert set(own["sent_id"]) == {0} and shared["sent_id"].nunique() > 1
    halves = pd.DataFrame(
        {"doc_id": ["d1", "d1"], "sent_id": [0, 1], "start": [0, 17], "end": [17, 40]}
    )
    cut = match_dictionary(arts, d, sentences=halves)  # "nuclear\n weapons" cut at 17
    assert cut["matched"].tolist() == ["Terrorism"]


def test_a_span_counts_once_per_category_with_every_category_reported():
    d = build_dictionary(
        {"a": ["strike*", "air strike*"], "b": ["strikes", "strik?s"], "c": ["air"]}, name="t"
    )
    m = match_dictionary(_arts("Air strikes hit. Strikes again, air."), d)
    assert list(zip(m["category"], m["term"], m["matched"])) == [
        ("a", "air strike*", "Air strikes"),
        ("a", "strike*", "Strikes"),
        ("b", "strikes", "Strikes"),
        ("c", "air", "air"),
    ]
    scores = score_dictionary(_arts("Air strikes hit. Strikes again, air."), d).scores
    assert scores.set_index("category")["count"].to_dict() == {"a": 2, "b": 1, "c": 1}


def test_empty_and_textless_articles_give_empty_matches_and_zero_counts():
    d = load_dictionary(DATA / "mini.yml")
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [None, ""], "language": ["en", "en"]})
    for table in (arts, arts.iloc[:0]):
        m = match_dictionary(table, d)
        assert m.empty and list(m.columns) == MATCH_COLUMNS
        scores = score_dictionary(table, d).scores
        assert len(scores) == len(table) * len(d.categories) and scores["count"].sum() == 0
