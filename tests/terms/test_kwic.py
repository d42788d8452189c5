"""Keyword in context (kit.terms.kwic)."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.terms as T
from kit.errors import ParameterError
from tests.helpers import make_articles


# ---------------------------------------------------------------- KWIC
def test_kwic_word_phrase_regex_offsets():
    text = "Iran's drones hit. The drones, said Iran, were many. Air  support\nfollowed."
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    k = T.kwic(arts, "drones", window=1)
    assert k["start"].tolist() == [text.index("drones"), text.index("drones", 10)]
    for r in k.itertuples():
        assert text[r.start : r.end] == r.match
    assert k["left"].tolist() == ["'s", "The"] and k["sent_id"].tolist() == [0, 1]
    phrase = T.kwic(arts, "air support")
    assert phrase["match"].tolist() == ["Air  support"]
    assert phrase["sent_id"].tolist() == [2]
    poss = T.kwic(arts, "iran 's")
    assert poss["match"].tolist() == ["Iran's"]
    assert T.kwic(arts, "iran")["match"].tolist() == ["Iran", "Iran"]
    rx = T.kwic(arts, r"dr\w+s|hit", regex=True, window=0)
    assert rx["match"].tolist() == ["drones", "hit", "drones"]
    assert (rx["left"] == "").all()
    assert T.kwic(arts, "drone*")["match"].tolist() == ["drones", "drones"]
    assert T.kwic(arts, "Drones", case_sensitive=True).empty


def test_kwic_has_no_cap_and_validates():
    arts = pd.DataFrame({"doc_id": ["a"], "text": [" ".join(["war"] * 1500)]})
    assert len(T.kwic(arts, "war", window=2)) == 1500
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "(", regex=True)
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "  ")
    with pytest.raises(ParameterError, match="window"):
        T.kwic(arts, "war", window=-1)


def test_kwic_terms_per_term():
    lines = T.kwic_terms(make_articles(), ["zionist regime", "iran"], per_term=2)
    assert lines["term"].tolist() == ["zionist regime"] * 2 + ["iran"] * 2
