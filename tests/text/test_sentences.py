"""The sentence splitter (kit.text.segmentation): a case table of news text."""

from __future__ import annotations

import pandas as pd
import pytest

from kit import text as T
from tests.helpers import make_articles

# (case name, text, expected sentences)
CASES = [
    (
        "plain",
        "Iran launched drones. Israel intercepted them.",
        ["Iran launched drones.", "Israel intercepted them."],
    ),
    ("us_midsentence", "The U.S. military said it helped.", ["The U.S. military said it helped."]),
    (
        "us_end_then_the",
        "Support came from the U.S. The strikes failed.",
        ["Support came from the U.S.", "The strikes failed."],
    ),
    (
        "us_then_name",
        "Officials in the U.S. Defense Department agreed.",
        ["Officials in the U.S. Defense Department agreed."],
    ),
    (
        "un_security_council",
        "The U.N. Security Council met on Sunday. It ended late.",
        ["The U.N. Security Council met on Sunday.", "It ended late."],
    ),
    (
        "gen",
        "Gen. Herzi Halevi spoke. He was brief.",
        ["Gen. Herzi Halevi spoke.", "He was brief."],
    ),
    (
        "lt_col",
        "Lt. Col. Peter Lerner said the drones were downed.",
        ["Lt. Col. Peter Lerner said the drones were downed."],
    ),
    (
        "dr",
        "Dr. Sara Cohen treated the girl. She survived.",
        ["Dr. Sara Cohen treated the girl.", "She survived."],
    ),
    (
        "mr_mrs",
        "Mr. Biden called Mrs. Harris. They spoke.",
        ["Mr. Biden called Mrs. Harris.", "They spoke."],
    ),
    (
        "sen_rep",
        "Sen. Chuck Schumer and Rep. Mike Johnson met.",
        ["Sen. Chuck Schumer and Rep. Mike Johnson met."],
    ),
    (
        "jan_day",
        "The attack came on Jan. 5. Few were hurt.",
        ["The attack came on Jan. 5.", "Few were hurt."],
    ),
    (
        "sept_oct",
        "Between Sept. 30 and Oct. 7 nothing happened.",
        ["Between Sept. 30 and Oct. 7 nothing happened."],
    ),
    (
        "month_sentence_end",
        "Talks resumed in Feb. The deal held.",
        ["Talks resumed in Feb.", "The deal held."],
    ),
    ("initial_middle", "George W. Bush visited Baghdad.", ["George W. Bush visited Baghdad."]),
    ("initials_two", "J. K. Rowling wrote. He read.", ["J. K. Rowling wrote.", "He read."]),
    (
        "decimal",
        "The rate rose 3.5 percent. It fell later.",
        ["The rate rose 3.5 percent.", "It fell later."],
    ),
    (
        "money",
        "Aid worth $1.2 billion was sent. More came.",
        ["Aid worth $1.2 billion was sent.", "More came."],
    ),
    (
        "number_start",
        "He said so. 300 drones were launched.",
        ["He said so.", "300 drones were launched."],
    ),
    ("no_number", "He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    (
        "quote_closes_after_stop",
        'He said, "We will respond." Then he left.',
        ['He said, "We will respond."', "Then he left."],
    ),
    (
        "curly_quote_closes",
        "“We will respond.” Then he left.",
        ["“We will respond.”", "Then he left."],
    ),
    (
        "quote_comma_said",
        '"We punished the aggressor," a commander said. It was late.',
        ['"We punished the aggressor," a commander said.', "It was late."],
    ),
    (
        "question_in_quote_lower",
        '"Why now?" he asked. Nobody knew.',
        ['"Why now?" he asked.', "Nobody knew."],
    ),
    ("exclamation", "Stop the war! The crowd chanted.", ["Stop the war!", "The crowd chanted."]),
    (
        "question",
        "Will Israel respond? Analysts doubt it.",
        ["Will Israel respond?", "Analysts doubt it."],
    ),
    ("ellipsis_capital", "He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    (
        "ellipsis_lower",
        "The U.S. ... and its allies agreed.",
        ["The U.S. ... and its allies agreed."],
    ),
    ("unicode_ellipsis", "Silence… Then sirens.", ["Silence…", "Then sirens."]),
    (
        "parenthesis_close",
        "The army responded (as expected.) Then calm returned.",
        ["The army responded (as expected.)", "Then calm returned."],
    ),
    (
        "headline_line",
        "Iran strikes Israel\nTehran launched drones on Saturday.",
        ["Iran strikes Israel", "Tehran launched drones on Saturday."],
    ),
    (
        "dateline_reuters",
        "GAZA CITY, April 14 (Reuters) - Israeli jets struck. Five died.",
        ["GAZA CITY, April 14 (Reuters) - Israeli jets struck.", "Five died."],
    ),
    (
        "dateline_ap_state",
        "ST. LOUIS, Mo. (AP) — Protesters marched. Police watched.",
        ["ST. LOUIS, Mo. (AP) — Protesters marched.", "Police watched."],
    ),
    (
        "dateline_own_line",
        "WASHINGTON\nThe Pentagon said it was ready.",
        ["WASHINGTON", "The Pentagon said it was ready."],
    ),
    (
        "paragraphs",
        "First paragraph ends here\n\nSecond one starts.",
        ["First paragraph ends here", "Second one starts."],
    ),
    (
        "wrapped_line_lower",
        "The drones were launched\nfrom several sites. Most fell.",
        ["The drones were launched\nfrom several sites.", "Most fell."],
    ),
    (
        "wrapped_line_comma",
        "Israel, the U.S.,\nBritain and France helped.",
        ["Israel, the U.S.,\nBritain and France helped."],
    ),
    (
        "am_pm",
        "Sirens sounded at 2 a.m. on Sunday. They stopped.",
        ["Sirens sounded at 2 a.m. on Sunday.", "They stopped."],
    ),
    (
        "pm_end",
        "It began at 11 p.m. The skies lit up.",
        ["It began at 11 p.m.", "The skies lit up."],
    ),
    (
        "inc_name",
        "Lockheed Martin Inc. Chief Executive spoke.",
        ["Lockheed Martin Inc. Chief Executive spoke."],
    ),
    (
        "inc_end",
        "Shares rose at Raytheon Inc. The market cheered.",
        ["Shares rose at Raytheon Inc.", "The market cheered."],
    ),
    (
        "eg_ie",
        "Some weapons, e.g. Shaheds, are cheap, i.e. mass-produced.",
        ["Some weapons, e.g. Shaheds, are cheap, i.e. mass-produced."],
    ),
    ("vs", "It was Iran vs. Israel. Again.", ["It was Iran vs. Israel.", "Again."]),
    (
        "list_number",
        "1. The first point\n2. The second point",
        ["1. The first point", "2. The second point"],
    ),
    (
        "url",
        "Read more at www.example.com. It is free.",
        ["Read more at www.example.com.", "It is free."],
    ),
    (
        "st_city",
        "He flew to St. Petersburg. It snowed.",
        ["He flew to St. Petersburg.", "It snowed."],
    ),
    (
        "lowercase_after_abbrev_dot",
        "The talks, i.e. the ones in Oman, failed.",
        ["The talks, i.e. the ones in Oman, failed."],
    ),
    ("multiple_spaces", "One.   Two.", ["One.", "Two."]),
    ("trailing_whitespace", "  Hello there.  \n", ["Hello there."]),
    ("no_terminal", "No full stop at the end", ["No full stop at the end"]),
    (
        "quote_opening_next",
        'He said it. "We will win," she replied.',
        ["He said it.", '"We will win," she replied.'],
    ),
    ("question_then_quote", "Why? “Because,” he said.", ["Why?", "“Because,” he said."]),
    (
        "prof_phd",
        "Prof. Ali Vaez, who has a Ph.D. in biology, disagreed.",
        ["Prof. Ali Vaez, who has a Ph.D. in biology, disagreed."],
    ),
    ("arabic_text", "هذا نص. وهذا نص آخر.", ["هذا نص.", "وهذا نص آخر."]),
    (
        "chinese",
        "伊朗发射了无人机。以色列拦截了大部分。",
        ["伊朗发射了无人机。", "以色列拦截了大部分。"],
    ),
    ("chinese_quote", "他说：「我们会回应。」然后离开。", ["他说：「我们会回应。」", "然后离开。"]),
    ("space_before_stop", "It ended . Then quiet .", ["It ended .", "Then quiet ."]),
    ("stop_alone", ". Then", [".", "Then"]),
    (
        "spaced_ellipsis",
        "He waited . . . Nothing came. Then . . . and then",
        ["He waited . . .", "Nothing came.", "Then . . . and then"],
    ),
    (
        "page_ref",
        "Troops left. (Reuters)(pg. 4) Map of Bosnia.",
        ["Troops left.", "(Reuters)(pg. 4) Map of Bosnia."],
    ),
    (
        "et_al",
        "As Smith et al. found, it works. Jones et al. The end.",
        ["As Smith et al. found, it works.", "Jones et al.", "The end."],
    ),
    ("empty", "", []),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_split_sentences_cases(name, text, expected):
    spans = T.split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_case_table_is_large_enough():
    assert len(CASES) >= 40


def test_spans_are_ordered_stripped_offsets():
    text = make_articles().loc[0, "text"]
    spans = T.split_sentences(text)
    assert len(spans) == 13
    assert all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()
    # every non-space character belongs to some sentence
    covered = sum(e - s for s, e in spans) + sum(
        len(text[e1:s2]) for (_, e1), (s2, _) in zip(spans, spans[1:])
    )
    assert covered == len(text.strip())


def test_sentences_table():
    arts = make_articles()
    sents = T.sentences(arts)
    assert list(sents.columns) == ["doc_id", "sent_id", "start", "end", "text"]
    assert str(sents["doc_id"].dtype) == "string"
    assert sents.groupby("doc_id")["sent_id"].apply(lambda s: list(s) == list(range(len(s)))).all()
    texts = dict(zip(arts["doc_id"], arts["text"]))
    for r in sents.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.text
    assert sents["doc_id"].value_counts().to_dict()["syn1"] == 3


def test_sentences_skips_missing_text_and_empty_table():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["One. Two.", None]})
    assert T.sentences(arts)["doc_id"].tolist() == ["a", "a"]
    empty = T.sentences(arts.iloc[:0])
    assert empty.empty and list(empty.columns) == ["doc_id", "sent_id", "start", "end", "text"]
