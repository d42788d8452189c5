"""The outlet table: one canonical name per outlet, the table overridable, the report."""

from __future__ import annotations

import pytest
import yaml

from kit import read_articles
from kit.corpus.outlets import OUTLETS_PATH, canonical_outlet, load_outlets, outlet_key
from kit.errors import LexiconError


@pytest.mark.parametrize(
    "raw, outlet",
    [
        ("NY Times", "The New York Times"),
        ("The New York Times", "The New York Times"),
        ("NYT", "The New York Times"),
        ("nytimes.com", "The New York Times"),
        ("The New York Times - International Edition", "The New York Times"),
        ("The Guardian (London)", "The Guardian"),
        ("Guardian.com", "The Guardian"),
        ("Guardian.com.", "The Guardian"),
        ("guardian.co.uk", "The Guardian"),
        ("Files(The Guardian_ UK)", "The Guardian"),
        ("Asharq Alawsat ", "Asharq Al-Awsat"),
        ("Agence France Presse -- English", "Agence France-Presse"),
        ("The Times (London)", "The Times"),
        ("MAIL ON SUNDAY (London)", "The Mail on Sunday"),
        ("Süddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("Sueddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("www.haaretz.com", "Haaretz"),
    ],
)
def test_raw_names_get_their_canonical_name(raw, outlet):
    assert canonical_outlet(raw, load_outlets()) == outlet


@pytest.mark.parametrize("raw", ["Jerusalem", "The Anytown Clarion", "", None])
def test_unknown_or_ambiguous_names_are_not_guessed(raw):
    assert canonical_outlet(raw, load_outlets()) is None


def test_the_bundled_table_is_large_and_unambiguous():
    outlets = yaml.safe_load(OUTLETS_PATH.read_text(encoding="utf-8"))["outlets"]
    assert len(outlets) >= 300
    owner: dict[str, str] = {}
    for canonical, aliases in outlets.items():
        for name in [canonical, *(aliases or [])]:
            key = outlet_key(name)
            assert owner.setdefault(key, canonical) == canonical, (name, owner[key], canonical)


def test_ingest_maps_outlets_and_reports_every_raw_name(tmp_path):
    (tmp_path / "a.csv").write_text(
        "outlet,title,text\n"
        "NY Times,Strikes,Drones were launched at Israel overnight.\n"
        "nytimes.com,Talks,Ceasefire talks resumed in Cairo on Monday.\n"
        "The Anytown Clarion,Fuel,Hospitals ran short of fuel on Tuesday.\n"
    )
    articles = read_articles(tmp_path, progress=False)
    assert articles["outlet"].tolist() == [
        "The New York Times",
        "The New York Times",
        "The Anytown Clarion",
    ]
    assert articles["outlet_raw"].tolist()[:2] == ["NY Times", "nytimes.com"]
    report = articles.attrs["ingest_report"]
    names = {o["name"]: (o["outlet"], o["mapped"], o["n_articles"]) for o in report["outlet_names"]}
    assert names == {
        "NY Times": ("The New York Times", True, 1),
        "nytimes.com": ("The New York Times", True, 1),
        "The Anytown Clarion": ("The Anytown Clarion", False, 1),
    }
    assert report["outlets_not_mapped"] == ["The Anytown Clarion"]
    raw = read_articles(tmp_path, outlets=False, progress=False)
    assert raw["outlet"].tolist()[:2] == ["NY Times", "nytimes.com"]


def test_a_table_of_ones_own_replaces_the_bundled_one(tmp_path):
    own = tmp_path / "my_outlets.yml"
    own.write_text("# source: mine\noutlets:\n  The Anytown Clarion: [Clarion, clarion.example]\n")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.csv").write_text(
        "outlet,text\nclarion.example,Drones were launched.\nNY Times,Talks resumed.\n"
    )
    articles = read_articles(tmp_path / "raw", outlets=own, progress=False)
    assert articles["outlet"].tolist() == ["The Anytown Clarion", "NY Times"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("outlets: [a, b]\n", "expected a mapping"),
        ("outlets:\n  X: just one name\n", "must be a list"),
        ("outlets: {X: [a\n", "not readable YAML"),
    ],
)
def test_a_broken_table_is_refused_with_its_path(tmp_path, content, message):
    path = tmp_path / "bad.yml"
    path.write_text(content)
    with pytest.raises(LexiconError, match=message) as caught:
        load_outlets(path)
    assert str(path) in str(caught.value)
    with pytest.raises(LexiconError, match="no such file"):
        load_outlets(tmp_path / "missing.yml")
