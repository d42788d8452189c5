"""The normalization steps, one by one and as a pipeline."""

from __future__ import annotations

import pytest

from kit.corpus.normalize import (
    fix_mojibake,
    normalize_quotes,
    normalize_text,
    normalize_title,
    normalize_whitespace,
    remove_boilerplate,
    remove_invisible,
    unicode_nfc,
)


def test_nfc_composes_accents():
    assert unicode_nfc("Te\u0301he\u0301ran") == "T\u00e9h\u00e9ran"


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("Iran\u00e2\u20ac\u2122s", "Iran\u2019s"),  # UTF-8 read as Windows-1252
        ("\u00e2\u20ac\u0153We will respond\u00e2\u20ac\u009d", "\u201cWe will respond\u201d"),
        ("caf\u00c3\u00a9 in T\u00c3\u00a9h\u00c3\u00a9ran", "caf\u00e9 in T\u00e9h\u00e9ran"),
        ("AT&amp;T and &quot;allies&quot;", 'AT&T and "allies"'),
    ],
)
def test_mojibake_is_repaired(broken, fixed):
    assert fix_mojibake(broken) == fixed


def test_clean_text_is_left_alone():
    text = "\u201cNaturally,\u201d Salami said \u2014 in Tehran, caf\u00e9s stayed open."
    assert fix_mojibake(text) == text


def test_invisible_characters_are_removed():
    assert (
        remove_invisible("Gaza\u200b Strip\u00ad\x07\r\nnext\u2029para")
        == "Gaza Strip\nnext\n\npara"
    )


def test_whitespace_paragraphs_from_blank_lines_and_hard_wraps():
    text = "  First  paragraph\nwrapped here.\n\n\n\tSecond\u00a0one.  \n\n"
    assert normalize_whitespace(text) == "First paragraph wrapped here.\n\nSecond one."


def test_whitespace_one_paragraph_per_line_without_blank_lines():
    assert normalize_whitespace("One.\nTwo.\n  Three. ") == "One.\n\nTwo.\n\nThree."
    assert normalize_whitespace(" \n \n") == ""


@pytest.mark.parametrize(
    "notice",
    [
        "Copyright 2024 Reuters. All rights reserved.",
        "\u00a9 2024 Tehran Times",
        "(c) 2024 Agence France-Presse",
        "Copyright \u00a9 The Guardian News & Media Ltd",
        "All Rights Reserved.",
        "The views expressed in this article are those of the author.",
    ],
)
def test_boilerplate_paragraphs_are_removed(notice):
    text = f"Strikes hit the base.\n\n{notice}\n\nOfficials responded."
    assert remove_boilerplate(text) == "Strikes hit the base.\n\nOfficials responded."


def test_disclaimer_label_takes_its_paragraph_along():
    text = "Body.\n\nLegal Disclaimer:\n\nMENAFN provides the information as is."
    assert remove_boilerplate(text) == "Body."
    assert remove_boilerplate("Body.\n\nDisclaimer: opinions are the writer's.") == "Body."


def test_article_prose_about_copyright_is_kept():
    text = (
        "Copyright infringement claims against the broadcaster were dismissed.\n\n"
        "Disclaimers were issued by both sides after the strikes."
    )
    assert remove_boilerplate(text) == text


def test_menafn_furniture_only_for_menafn():
    text = "(MENAFN- Jordan Times) Talks resumed.\n\nMENAFN14042024000045015839ID1108092386"
    assert remove_boilerplate(text, source="MENAFN") == "Talks resumed."
    assert "MENAFN14042024" in remove_boilerplate(text, source="Reuters")


def test_quotes_get_direction_and_apostrophes_become_ascii():
    text = 'He said "we will respond" and didn\u2019t elaborate; "tens" of drones.'
    assert normalize_quotes(text) == (
        "He said \u201cwe will respond\u201d and didn't elaborate; \u201ctens\u201d of drones."
    )


def test_quotes_at_paragraph_starts_and_after_punctuation():
    text = '"We could have launched more."\n\n("Not now," she said.)\n\nIt was \u201chuge\u201d.'
    assert normalize_quotes(text) == (
        "\u201cWe could have launched more.\u201d\n\n"
        "(\u201cNot now,\u201d she said.)\n\n"
        "It was \u201chuge\u201d."
    )


def test_quotes_keep_single_marks_and_guillemets():
    text = "\u2018limited\u2019 strikes, \u00ab frappes \u00bb and \u201eAngriffe\u201c"
    assert normalize_quotes(text) == text
    assert normalize_quotes("the states\u2019 rights") == "the states\u2019 rights"
    assert normalize_quotes("``Never,'' he said") == "\u201cNever,\u201d he said"


def test_pipeline_end_to_end():
    raw = (
        "\ufeff\u00e2\u20ac\u0153We punished the aggressor,\u00e2\u20ac\u009d a commander "
        "said.\r\n\r\n\r\nIran\u00e2\u20ac\u2122s  operation\r\nwas limited.\r\n\r\n"
        "Copyright 2024 Tehran Times. All rights reserved."
    )
    assert normalize_text(raw) == (
        "\u201cWe punished the aggressor,\u201d a commander said.\n\nIran's operation was limited."
    )
    assert normalize_text(None) == "" and normalize_text("   ") == ""


def test_pipeline_options():
    raw = 'Body "quoted".\n\nAll rights reserved.'
    assert normalize_text(raw, boilerplate=False, quotes=False) == raw
    assert normalize_text(raw, steps=()) == "Body \u201cquoted\u201d."


def test_title():
    assert (
        normalize_title('  Iran\u00e2\u20ac\u2122s  "strikes"\n on Israel ')
        == "Iran's \u201cstrikes\u201d on Israel"
    )
    assert normalize_title(None) == ""


def _quotes_by_rule(text: str) -> str:
    """The quote rule written out mark by mark (the reference for :func:`normalize_quotes`)."""
    import re

    openers = set(" \n\t([{<\u2014\u2013-/\u2018\u201c")
    text = re.sub("(?<=[^\\W\\d_])[\u2019\u02bc](?=[^\\W_])", "'", text)

    def direction(match: re.Match) -> str:
        mark, start, end = match.group(0), match.start(), match.end()
        if mark in ("``", "''"):
            return "\u201c" if mark == "``" else "\u201d"
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return "\u201c" if before in openers and not after.isspace() else "\u201d"

    return re.sub("[\"\uff02\u201f]|``|''", direction, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('""x', "\u201c\u201dx"),  # the second mark follows a mark, not an opener
        ('"x', "\u201cx"),  # the start of the text opens
        ('x "', "x \u201d"),  # nothing after the mark: it closes
        ('(" a', "(\u201d a"),  # a space after the mark: it closes
        ("```a''", "\u201c`a\u201d"),
        ("\u2014\uff02Yes\u201f", "\u2014\u201cYes\u201d"),
    ],
)
def test_quote_marks_at_the_edges(text, expected):
    assert normalize_quotes(text) == expected == _quotes_by_rule(text)


def test_quotes_follow_the_rule_on_random_strings():
    import random

    rng = random.Random(13)
    marks = ['"', "'", "`", "\uff02", "\u201f", " ", "\n", "(", "a", "\u2019", "\u02bc", "\u201c"]
    marks += ["\u2018", "-", "1", "_", "\u00a0", "\u00e9"]
    for _ in range(20_000):
        text = "".join(rng.choice(marks) for _ in range(rng.randint(1, 10)))
        assert normalize_quotes(text) == _quotes_by_rule(text), repr(text)


def test_quotes_follow_the_rule_on_the_bundled_corpus():
    import json

    from tests.helpers import ROOT

    path = ROOT / "corpus/raw/wikinews/wikinews_middle_east.jsonl"
    if not path.exists():
        pytest.skip("the bundled Wikinews corpus is absent")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    assert texts and all(normalize_quotes(t) == _quotes_by_rule(t) for t in texts)


def test_every_character_the_fast_paths_skip_for_is_unprintable():
    # normalize_whitespace, collapse_whitespace and remove_invisible leave a text alone when
    # its paragraphs are printable: that holds only if what they change is unprintable
    import sys

    from kit.corpus.normalize import _INVISIBLE

    changed = [chr(c) for c in range(sys.maxunicode + 1) if c < 0xD800 or c > 0xDFFF]
    changed = [c for c in changed if (c.isspace() and c != " ") or _INVISIBLE.match(c)]
    assert len(changed) > 60
    assert not any(c.isprintable() for c in changed + ["\r", "\u2028", "\u2029"])


def test_whitespace_shortcuts_agree_with_splitting_on_random_strings():
    import random

    from kit.corpus.normalize import collapse_whitespace, count_words, normalize_whitespace

    rng = random.Random(7)
    pieces = ["a", "Iran", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u2028", "\x1f"]
    pieces += ["\u200b", "\r\n", "\u3000", "\u00e9"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert collapse_whitespace(text) == " ".join(text.split()), repr(text)
        assert count_words(text) == len(text.split()), repr(text)
        laid_out = normalize_whitespace(text)
        assert normalize_whitespace(laid_out) == laid_out, repr(text)
        assert collapse_whitespace(laid_out) == " ".join(text.split()), repr(text)
