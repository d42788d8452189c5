"""Quote extraction: the seed article's required quotes, quote-mark forms, and gold-set scores."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from kit.errors import SchemaError
from kit.rhetoric import extract_quotes
from kit.rhetoric.evaluate import score_quotes
from tests.helpers import make_articles, seed_body

GOLD = Path(__file__).resolve().parents[1] / "data" / "rhetoric" / "gold_quotes.yml"


def _find(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        assert pos >= 0, f"gold span {needle!r} not in text"
    return pos, pos + len(needle)


def load_gold() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gold articles and their quotes with offsets computed from the labelled substrings."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    arts, quotes = [], []
    for art in data["articles"]:
        text = art["text"] if art["text"] is not None else seed_body()
        arts.append(
            {
                "doc_id": art["doc_id"],
                "split": art.get("split", "dev"),
                "text": text,
                "language": "en",
                "outlet": "gold",
                "n_words": len(text.split()),
            }
        )
        for q in art["quotes"]:
            if q.get("within"):
                w0, _ = _find(text, q["within"])
                s = text.index(q["content"], w0)
                e = s + len(q["content"])
            else:
                s, e = _find(text, q["content"], q.get("content_occurrence", 1))
            quotes.append(
                {
                    "doc_id": art["doc_id"],
                    "split": art.get("split", "dev"),
                    "kind": q["kind"],
                    "speaker": q["speaker"],
                    "cue": q["cue"],
                    "content_start": s,
                    "content_end": e,
                }
            )
    return pd.DataFrame(arts), pd.DataFrame(quotes)


@pytest.fixture(scope="module")
def seed_quotes() -> pd.DataFrame:
    return extract_quotes(make_articles().iloc[:1])


def _one(q, content_part):
    rows = q[q["content"].str.contains(content_part, regex=False)]
    assert len(rows) >= 1, f"no quote containing {content_part!r}"
    return rows.iloc[0]


def test_seed_first_direct_quote_attributed_by_salami_said(seed_quotes):
    row = _one(seed_quotes[seed_quotes["kind"] == "direct"], "Naturally, people living")
    assert (row["speaker"], row["cue"], row["attribution"]) == (
        "Hossein Salami",
        "said",
        "explicit",
    )
    text = seed_body()
    assert text[row["speaker_start"] : row["speaker_end"]] == "Salami"
    assert text[row["content_start"] : row["content_end"]] == row["content"]
    assert row["actor"] == "Iran"


def test_seed_standalone_quote_attributed_from_context(seed_quotes):
    row = _one(seed_quotes[seed_quotes["kind"] == "direct"], "We could have launched")
    assert row["speaker"] == "Hossein Salami"
    assert row["attribution"] == "context"
    assert row["content"].endswith("our dear commanders.")


def test_seed_scare_quoted_tens_is_mixed_and_salamis(seed_quotes):
    row = seed_quotes[seed_quotes["content"] == "tens"].squeeze()
    assert row["kind"] == "mixed" and row["speaker"] == "Hossein Salami"


def test_seed_indirect_statements(seed_quotes):
    indirect = seed_quotes[seed_quotes["kind"] == "indirect"]
    cues = dict(zip(indirect["cue"], indirect["content"]))
    assert cues["stated"].startswith("the initial assessment suggests")
    assert cues["noted"] == "Iran is still gathering additional information"
    assert cues["asserted"].startswith("the US and France offered air support")
    assert set(indirect["speaker"]) == {"Hossein Salami"}
    stated = indirect[indirect["cue"] == "stated"].squeeze()
    assert stated["role"] == "the head of the IRGC"
    noted = indirect[indirect["cue"] == "noted"].squeeze()
    assert noted["speaker_text"] == "he" and noted["speaker_kind"] == "pronoun"


def test_seed_embedded_quote_in_indirect_statement_is_mixed(seed_quotes):
    row = _one(seed_quotes[seed_quotes["kind"] == "mixed"], "a level of success")
    assert row["cue"] == "stated" and row["speaker"] == "Hossein Salami"


def test_seed_through_the_ingest_when_available(tmp_path):
    kit = pytest.importorskip("kit")
    from tests.helpers import SEED

    raw = tmp_path / "raw" / "menafn"
    raw.mkdir(parents=True)
    raw.joinpath(SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        arts = kit.read_articles(tmp_path / "raw")
    except (AttributeError, NotImplementedError, kit.errors.KitError) as exc:
        pytest.skip(f"kit.read_articles cannot read the seed yet: {exc}")
    if len(arts) != 1:
        pytest.skip(f"kit.read_articles gave {len(arts)} articles for the seed")
    q = extract_quotes(arts)
    kinds = q.groupby("kind").size().to_dict()
    assert kinds.get("direct") == 2 and kinds.get("mixed") == 2 and kinds.get("indirect") == 3
    quotes = q[q["kind"].isin(["direct", "mixed", "indirect"])]
    assert set(quotes["speaker"]) == {"Hossein Salami"}
    # the US officials' statements are speech acts with a noun-phrase content
    acts = q[q["kind"] == "speech_act"]
    assert set(acts["speaker"]) == {
        "Joe Biden",
        "Lloyd Austin",
        "Secretary of State Antony Blinken",
    }


@pytest.mark.parametrize("open_, close", [('"', '"'), ("“", "”")])
def test_straight_and_curly_marks_and_split_quote(open_, close):
    text = (
        f"{open_}We are ready,{close} Salami said, {open_}and we will respond.{close}\n\n"
        f"{open_}Nobody doubts it.{close}"
    )
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert q["kind"].tolist() == ["direct"] * 3
    assert q["content"].tolist() == ["We are ready,", "and we will respond.", "Nobody doubts it."]
    assert q["attribution"].tolist() == ["explicit", "split", "context"]
    assert set(q["speaker"]) == {"Hossein Salami"}  # full name from the actor table


def test_multi_paragraph_quote_with_repeated_opening_mark():
    text = "“First paragraph of the statement.\n\n“Second paragraph,” the spokesman said."
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert len(q) == 1
    assert q.loc[0, "content"].startswith("First paragraph") and q.loc[0, "content"].endswith(
        "Second paragraph,"
    )
    assert q.loc[0, "speaker"] == "the spokesman"


def test_non_english_articles_are_skipped_and_counted():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "language": ["en", "fr"],
            "text": ['"Oui," he said.', '"Oui," a-t-il dit.'],
        }
    )
    q = extract_quotes(arts)
    assert set(q["doc_id"]) == {"a"}
    assert q.attrs["skipped"] == {"fr": 1}


def test_missing_columns_raise_schema_error():
    with pytest.raises(SchemaError, match="text"):
        extract_quotes(pd.DataFrame({"doc_id": ["a"]}))


@pytest.mark.parametrize("split", ["dev", "heldout", "heldout2", "heldout3", "heldout4"])
def test_gold_set_precision_recall_f1(split, record_property):
    """'dev' articles were used while writing the rules; 'heldout' ones were not."""
    arts, gold = load_gold()
    arts, gold = arts[arts["split"] == split], gold[gold["split"] == split]
    pred = extract_quotes(arts)
    # the hand-labelled set codes speech only (direct, indirect, mixed; "according to" as
    # indirect): beliefs, evidence and speech acts with a noun-phrase content are not coded
    pred = pred[~pred["kind"].isin(["belief", "evidence", "speech_act"])]
    scores = score_quotes(pred, gold.reset_index(drop=True))
    print(
        f"\nquote extraction on the {split} gold set ({len(arts)} articles; a match is a "
        "content-span overlap/union >= 0.5):"
    )
    print(scores.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    for row in scores.itertuples():
        record_property(f"quotes_{split}_{row.scope}_f1", round(row.f1, 3))
    span = scores.set_index("scope")
    floor = {"dev": 0.95, "heldout": 0.85, "heldout2": 0.85, "heldout3": 0.85, "heldout4": 0.85}[
        split
    ]
    assert span.loc["span", "precision"] >= floor
    assert span.loc["span", "recall"] >= floor
    assert span.loc["span+kind", "f1"] >= floor
    assert span.loc["span", "speaker_accuracy"] >= floor


def _speakers(text: str) -> list:
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    return list(zip(q["speaker_text"], q["speaker"], q["cue"], q["stance"]))


def test_pronoun_takes_person_mentioned_after_the_last_quote():
    text = (
        '"We will respond," Netanyahu said.\n\nOpposition leader Yair Lapid accused the '
        'government of weakness. "Our enemies see weakness," he wrote.'
    )
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    assert q.loc[q["kind"] == "direct", "speaker"].tolist() == ["Benjamin Netanyahu", "Yair Lapid"]


def test_pronoun_never_resolves_to_a_country_or_institution():
    text = (
        '"We will respond," Salami said.\n\nIran rejected the claim. The Pentagon moved two '
        'destroyers. Saudi Arabia expressed concern. "Nobody wants war," he said.'
    )
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    # "Iran rejected the claim" is Iran's own speech act; the quotes are Salami's
    assert q.loc[q["kind"] == "direct", "speaker"].tolist() == ["Hossein Salami"] * 2


def test_pronoun_keeps_gender_and_description_takes_mentioned_title():
    text = (
        'Cameron said: "It was reckless." He warned that London would act, and she later '
        "confirmed that the talks would resume.\n\nGeneral Herzi Halevi, the army chief, "
        'visited the border. "We are ready," the chief said.'
    )
    got = {t: s for t, s, _, _ in _speakers(text)}
    assert got["He"] == "David Cameron" and pd.isna(got["she"])
    assert got["the chief"] == "Herzi Halevi"


def test_participial_saying_is_the_subjects_indirect_statement():
    text = "Israeli officials dismissed the statement, saying it changed nothing on the ground."
    assert _speakers(text) == [("Israeli officials", "Israeli officials", "saying", "neutral")]


def test_score_quotes_counts_a_missing_predicted_speaker_as_wrong():
    from kit.rhetoric.evaluate import score_quotes

    spans = {
        "doc_id": ["a", "a"],
        "kind": ["direct", "direct"],
        "content_start": [0, 20],
        "content_end": [10, 30],
    }
    gold = pd.DataFrame({**spans, "speaker": ["Ali Khamenei", "Salami"]})
    predicted = pd.DataFrame(
        {**spans, "speaker": pd.array([pd.NA, "Hossein Salami"], dtype="string")}
    )
    scores = score_quotes(predicted, gold)
    assert scores["f1"].eq(1.0).all()
    assert scores["speaker_accuracy"].eq(0.5).all()


# --- no invented speakers: names, dates and sentence ends ----------------------------------------


def _quotes(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}), progress=False)


def test_multi_word_country_is_never_split_into_speaker_and_cue():
    q = _quotes("Tensions rose, as the United States and European allies pressed for calm.")
    assert q.empty


def test_the_united_states_says_gives_one_statement_by_the_united_states():
    q = _quotes("The United States says it will send more aid to the region.")
    assert q[["speaker", "cue", "actor"]].values.tolist() == [
        ["The United States", "says", "United States"]
    ]


@pytest.mark.parametrize(
    "text, speaker, actor",
    [
        ("Saudi Arabia said it would host the talks.", "Saudi Arabia", "Saudi Arabia"),
        ("The Red Cross said that aid convoys were blocked.", "The Red Cross", "Red Cross"),
    ],
)
def test_multi_word_names_stay_whole(text, speaker, actor):
    q = _quotes(text)
    assert q[["speaker", "actor"]].values.tolist() == [[speaker, actor]]


def test_a_weekday_is_never_the_speaker():
    q = _quotes("World leaders on Monday urged both sides to stop the fighting.")
    assert q["speaker"].tolist() == ["World leaders"]


def test_speaker_never_crosses_a_sentence_end_or_a_line_break():
    for text in (
        "He arrived in Lebanon. Nadeem Ahmed Moonakal said the shelling had stopped.",
        "Fighting in Lebanon\nNadeem Ahmed Moonakal said the shelling had stopped.",
    ):
        q = _quotes(text)
        assert q["speaker_text"].tolist() == ["Nadeem Ahmed Moonakal"], text


def test_title_abbreviation_keeps_the_speaker():
    q = _quotes('"It was the least bad outcome," Mr. Morgan said.')
    assert q["speaker_text"].tolist() == ["Morgan"] and q["role"].tolist() == ["Mr."]


def test_two_apostrophes_are_a_quotation_mark():
    text = "''We are ready,'' Mr. King said."
    q = _quotes(text)
    assert q[["kind", "content"]].values.tolist() == [["direct", "We are ready,"]]
    assert text[q.loc[0, "content_start"] : q.loc[0, "content_end"]] == "We are ready,"


# --- kinds of attribution relation ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, content",
    [
        ("Polls show that Clinton leads in Ohio.", "evidence", "Clinton leads in Ohio"),
        ("A study found the policy reduced crime.", "evidence", "the policy reduced crime"),
        ("Officials believe the attack was planned.", "belief", "the attack was planned"),
        ("Trump wants to build a wall on the border.", "belief", "to build a wall on the border"),
        (
            "According to the ministry, 40 people were killed.",
            "according_to",
            "40 people were killed",
        ),
        ("Lawmakers called for a parliamentary session.", "speech_act", "a parliamentary session"),
        (
            "His lawyer said he would not answer questions.",
            "indirect",
            "he would not answer questions",
        ),
    ],
)
def test_kind_tells_attribution_relations_apart(text, kind, content):
    q = _quotes(text)
    assert q[["kind", "content"]].values.tolist() == [[kind, content]]


@pytest.mark.parametrize(
    "text, source",
    [
        ("According to exit polls, Romney had a ten-point lead in 2012.", "exit polls"),
        ("Romney had a ten-point lead in 2012, according to exit polls.", "exit polls"),
    ],
)
def test_according_to_takes_a_source_that_is_no_name(text, source):
    q = _quotes(text)
    assert q[["kind", "speaker_text", "content"]].values.tolist() == [
        ["according_to", source, "Romney had a ten-point lead in 2012"]
    ]


def test_quoted_fragment_attributed_after_it_is_mixed():
    text = "With thousands of systems, “there is no single point of failure,” Smith said."
    q = _quotes(text)
    assert q[["kind", "speaker", "cue", "content"]].values.tolist() == [
        ["mixed", "Smith", "said", "there is no single point of failure,"]
    ]


def test_transcript_lines_are_their_speakers_quotes():
    text = (
        'The debate went on.\n\n"WALLACE: Do you see them as equal?\n\n"PENCE: Well, no, I do not.'
    )
    q = _quotes(text)
    assert q[["speaker_text", "cue", "content"]].values.tolist() == [
        ["WALLACE", ":", "Do you see them as equal?"],
        ["PENCE", ":", "Well, no, I do not"],
    ]


def test_participle_before_a_quote_attributes_it_to_the_subject():
    q = _quotes('Trump attacked Clinton over Libya, saying, "She is trigger-happy and unstable."')
    direct = q[q["kind"] == "direct"]
    assert direct[["speaker", "cue", "content"]].values.tolist() == [
        ["Trump", "saying", "She is trigger-happy and unstable."]
    ]


def test_second_quote_after_a_participle_takes_it_as_cue():
    q = _quotes("“We can’t afford this anymore,” Trump said, adding later, “NATO is obsolete.”")
    assert q["cue"].tolist() == ["said", "adding"]


def test_a_question_put_by_someone_unnamed_is_an_attribution_without_source():
    q = _quotes("Asked about the plan, Smith said it would fail.")
    asked = q[q["cue"] == "Asked about"]
    assert asked[["kind", "speaker", "content"]].values.tolist() == [
        ["indirect", pd.NA, "the plan"]
    ]


@pytest.mark.parametrize(
    "text, cue, content",
    [
        (
            "Clinton says at a stop in Toledo, Ohio, that Trump never paid taxes.",
            "says",
            "Trump never paid taxes",
        ),
        (
            "Clinton embraced the approach, promising to exceed his goals.",
            "promising",
            "to exceed his goals",
        ),
        (
            "Trump is once again questioning the integrity of the voting system.",
            "is once again questioning",
            "the integrity of the voting system",
        ),
        (
            "Trump attacked Machado since the Monday night debate.",
            "attacked",
            "Machado",
        ),
    ],
)
def test_unquoted_attribution_forms(text, cue, content):
    q = _quotes(text)
    assert [cue, content] in q[["cue", "content"]].values.tolist()


def test_nouns_that_look_like_cues_are_no_attribution():
    for text in (
        "He entered each debate with a game plan and executed it.",
        "He might decide against his announced plans to host the show.",
    ):
        assert _quotes(text).empty, text


def test_belief_inside_reported_speech_is_part_of_it():
    q = _quotes("Bobby Scott said he plans to ramp up fundraising.")
    assert q[["kind", "cue"]].values.tolist() == [["indirect", "said"]]


def _relations(text: str) -> list:
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    return list(zip(q["speaker"], q["cue"], q["kind"], q["content"]))


def test_progressive_cue_of_speech():
    rows = _relations("Donald Trump is demanding that Obama pledge not to pardon his rival.")
    assert rows == [
        ("Donald Trump", "is demanding", "indirect", "Obama pledge not to pardon his rival")
    ]


def test_cognition_and_intention_cues():
    rows = _relations(
        "Environmental groups worry that the plan will fail.\n\n"
        "The governor vowed to veto the bill before the session ends."
    )
    assert [(sp, cue, kind) for sp, cue, kind, _ in rows] == [
        ("Environmental groups", "worry", "belief"),
        ("The governor", "vowed", "indirect"),
    ]


def test_name_colon_statement_line_and_newsroom_labels():
    text = (
        "Pat Caddell: Voters Are Worried About the Economy\n\n"
        "Correction: An earlier version of this article misspelled a name.\n\n"
        "The talks resumed on Monday."
    )
    rows = _relations(text)
    assert rows == [("Pat Caddell", ":", "indirect", "Voters Are Worried About the Economy")]


def test_speaker_with_a_long_appositive_role():
    text = (
        "Richard Roe, director of the Institute for Policy Integrity at New York University's "
        "law school, said the states were exaggerating the rule."
    )
    rows = _relations(text)
    assert rows == [("Richard Roe", "said", "indirect", "the states were exaggerating the rule")]


def test_possessive_statement_noun_with_a_that_clause():
    rows = _relations("Fact-checkers examined Donald Trump's claim that crime rose in every city.")
    assert rows == [("Donald Trump", "claim", "indirect", "crime rose in every city")]


def test_parenthetical_attribution_leaves_speaker_and_cue_out_of_the_content():
    rows = _relations("The museum, Mr. Obama said, would make visitors face uncomfortable truths.")
    assert [(cue, content) for _, cue, _, content in rows] == [
        ("said", "The museum"),
        ("said", "would make visitors face uncomfortable truths"),
    ]


def test_source_of_evidence_with_a_modifier_before_the_cue():
    rows = _relations(
        "A Quinnipiac University poll released in late August found that 74 percent of voters "
        "want the returns."
    )
    assert rows == [
        (
            "A Quinnipiac University poll",
            "found",
            "evidence",
            "74 percent of voters want the returns",
        )
    ]


def test_infinitive_after_the_object_is_the_content():
    rows = _relations("The FBI warned state officials to boost their election security.")
    assert rows == [("The FBI", "warned", "indirect", "to boost their election security")]


def test_clause_first_statement_with_a_time_phrase_after_the_speaker():
    rows = _relations(
        "The obsession is an insult to all Americans, top black lawmakers said Friday afternoon, "
        "as they brought their case."
    )
    assert rows == [
        ("top black lawmakers", "said", "indirect", "The obsession is an insult to all Americans")
    ]


def test_full_name_of_a_surname_never_spans_a_sentence_end():
    text = 'He was born in Canada. "We will win," Cruz said.'
    assert [s for _, s, _, _ in _speakers(text)] == ["Cruz"]


def test_worker_processes_give_the_rows_of_one_process(monkeypatch):
    from kit.rhetoric import quotes as module
    from tests.helpers import make_articles

    arts = pd.concat([make_articles()] * 6, ignore_index=True)
    arts["doc_id"] = [f"d{i}" for i in range(len(arts))]
    monkeypatch.setenv("KIT_JOBS", "1")
    serial = module.extract_quotes(arts, progress=False)
    monkeypatch.setattr(module, "PARALLEL_MIN_ARTICLES", 2)
    monkeypatch.setattr(module, "_CHUNK", 5)
    monkeypatch.setenv("KIT_JOBS", "2")
    pd.testing.assert_frame_equal(module.extract_quotes(arts, progress=False), serial)
    assert len(serial) > 0


def test_a_long_apposition_between_the_quote_and_its_cue():
    text = (
        'Intro.\n\n"The levy is fair to every household," Ruth Mendel, director of the city\'s '
        "budget office and a lecturer at the public policy school of the university, said of the "
        "plan."
    )
    q = extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}), progress=False)
    assert q[["kind", "speaker", "cue"]].values.tolist() == [["direct", "Ruth Mendel", "said"]]


def _quotes(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}), progress=False)


def test_context_quote_points_at_the_nearest_mention_before_it():
    text = (
        "“We will build the bridge,” Maria Lopez said on Monday.\n\n"
        "The plan costs more than expected. Lopez met the council, and she "
        "spoke for an hour.\n\n"
        "“Nobody can stop it now.”"
    )
    q = _quotes(text)
    row = _one(q, "Nobody can stop it")
    assert row["attribution"] == "context" and row["speaker"] == "Maria Lopez"
    assert (row["speaker_text"], row["speaker_kind"]) == ("she", "pronoun")
    assert text[row["speaker_start"] : row["speaker_end"]] == "she"
    assert text.rindex("she") == row["speaker_start"]


def test_context_quote_keeps_the_antecedent_without_a_later_mention():
    text = "“We will build the bridge,” Maria Lopez said.\n\n“Nobody can stop it now.”"
    row = _one(_quotes(text), "Nobody can stop it")
    assert row["speaker"] == "Maria Lopez" and row["speaker_text"] == "Maria Lopez"
    assert row["speaker_start"] == text.index("Maria Lopez")


def test_context_quote_ignores_mentions_inside_quotation_marks():
    text = (
        "“Ask Lopez about the bridge,” Tom Reed said.\n\n"
        "“Lopez knows the numbers.”\n\n"
        "“Everyone else is guessing.”"
    )
    row = _one(_quotes(text), "Everyone else")
    assert row["speaker"] == "Tom Reed" and row["speaker_text"] == "Tom Reed"


def test_relative_clause_attribution_points_at_the_relative_pronoun():
    text = "The mayor met the farmers, who said that the road was closed."
    row = _one(_quotes(text), "the road was closed")
    assert row["speaker_text"] == "who" and row["speaker_kind"] == "pronoun"
    assert text[row["speaker_start"] : row["speaker_end"]] == "who"
    assert row["speaker"] == "the farmers"


def test_quote_after_a_participle_clause_takes_the_main_cue():
    text = (
        "“The river is rising,” Ana Ruiz said, warning that the bridge may close. "
        "“We are ready for it.”"
    )
    row = _one(_quotes(text), "We are ready")
    assert row["attribution"] == "context" and row["cue"] == "said"


def test_present_tense_question_cue():
    row = _one(_quotes("“Will you stay in the race?” he asks."), "Will you stay")
    assert row["attribution"] == "explicit" and row["cue"] == "asks"
