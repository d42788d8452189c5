"""Bundled word lists (kit.lexicons): data files read by the rule-based modules."""

from __future__ import annotations

import pytest

from kit.errors import LexiconError
from kit.lexicons import bundled, word_lists
from kit.rhetoric import words
from kit.text import segmentation


def test_word_lists_are_sets_of_lower_case_words():
    for name in ("speaker_words", "abbreviations", "agency_words"):
        lists = word_lists(name)
        assert lists and all(isinstance(v, frozenset) and v for v in lists.values())
        assert all(w == w.lower() for v in lists.values() for w in v), name


def test_rules_read_their_lists_from_the_data_files():
    speaker = word_lists("speaker_words")
    assert speaker["speaker_nouns"] == words.SPEAKER_NOUNS and "spokesman" in words.SPEAKER_NOUNS
    assert speaker["not_person"] | speaker["speaker_nouns"] <= words.NOT_PERSON
    assert word_lists("abbreviations")["titles"] == segmentation._TITLES


def test_unknown_or_malformed_lists_are_lexicon_errors(tmp_path, monkeypatch):
    with pytest.raises(LexiconError, match="kit ships no lexicon 'nope.yml'.*actors.yml"):
        bundled("nope.yml")
    from kit import config

    (tmp_path / "broken.yml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(config, "LEXICONS_DIR", tmp_path)
    word_lists.cache_clear()
    try:
        with pytest.raises(LexiconError, match="broken.yml: expected a mapping"):
            word_lists("broken")
    finally:
        word_lists.cache_clear()
