"""File parameters resolve the same way everywhere (kit.config.project_path)."""

from __future__ import annotations

import pytest

import kit
import kit.rhetoric as rhetoric
import kit.sentiment as sentiment
from kit import config
from kit.dictionaries import load_dictionary
from kit.text.stopwords import read_stopword_file
from tests.helpers import make_articles


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Work from another folder, as a notebook kernel does (it runs in notebooks/)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_project_relative_path_is_found_from_any_folder(elsewhere):
    path = config.project_path("kit/lexicons/actors.yml")
    assert path == config.LEXICONS_DIR / "actors.yml" and path.is_absolute()
    assert config.project_path("no/such/file.yml").name == "file.yml"  # left for the caller


def test_every_file_parameter_uses_the_resolver(elsewhere):
    # the same `-p actors kit/lexicons/actors.yml` once failed in notebook 04 and worked in 03
    actors = kit.load_actors("kit/lexicons/actors.yml")
    assert "Iran" in set(actors["actor"])
    arts = make_articles()
    rows = sentiment.actor_sentences(
        arts, sentiment.score_sentences(arts), actors="kit/lexicons/actors.yml"
    )
    assert not rows.empty
    paths = rhetoric.check_overrides({"frames": "kit/lexicons/frames.yml"})
    assert paths["frames"] == config.LEXICONS_DIR / "frames.yml"
    assert load_dictionary("kit/lexicons/escalation.yml").categories
    assert "'s" in read_stopword_file("kit/lexicons/stopwords_en.txt")


def test_a_missing_override_names_the_parameter(elsewhere):
    with pytest.raises(kit.errors.ParameterError, match="lexicon_overrides\\['frames'\\]"):
        rhetoric.check_overrides({"frames": "missing.yml"})
