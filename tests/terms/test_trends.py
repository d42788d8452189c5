"""Term trends per period (kit.terms.trends)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kit.terms as T
from kit.errors import ParameterError
from tests.helpers import articles_from, make_articles


# ---------------------------------------------------------------- trends
def test_trends_rates_and_zero_periods():
    arts = articles_from(
        ["Iran Iran talks", "quiet", "Iran"],
        outlets=["A", "B", "A"],
        dates=["2024-04-14", "2024-04-14", "2024-04-16"],
    )
    tr = T.term_trends(arts, ["iran"], time_unit="day", group_by="outlet")
    a = tr[tr["outlet"] == "A"].set_index(tr[tr["outlet"] == "A"]["period"].dt.day)
    assert a.loc[14, "n"] == 2 and a.loc[14, "per_1k_tokens"] == pytest.approx(2 / 3 * 1_000)
    assert a.loc[15, "n"] == 0 and np.isnan(a.loc[15, "per_1k_tokens"])
    assert a.loc[16, "per_1k_tokens"] == pytest.approx(1_000)
    week = T.term_trends(arts, "iran", time_unit="week")
    assert week["n"].tolist() == [2, 1]  # 14 April 2024 is a Sunday; 16 April the next week
    with pytest.raises(ParameterError, match="time_unit"):
        T.term_trends(arts, "iran", time_unit="decade")
    with pytest.raises(ParameterError, match="group_by"):
        T.term_trends(arts, "iran", group_by="nope")


def test_trends_follow_the_shared_periods_up_to_a_year():
    arts = make_articles()
    yearly = T.term_trends(arts, ["iran"], time_unit="year")
    assert yearly["period"].tolist() == [pd.Timestamp("2024-01-01", tz="UTC")]
    assert (
        yearly["n"].item() == T.count_terms(arts, stopwords=None).set_index("term").loc["iran", "n"]
    )


def test_case_sensitive_trends_keep_the_case_of_the_terms():
    arts = articles_from(
        ["Iran said no. iran is a word here.", "The United States and Iran."],
        dates=["2024-04-14", "2024-04-15"],
    )
    exact = T.term_trends(arts, ["Iran", "United States"], time_unit="day", lower=False)
    assert exact.groupby("term")["n"].sum().to_dict() == {"Iran": 2, "United States": 1}
    folded = T.term_trends(arts, ["Iran"], time_unit="day")
    assert folded["term"].unique().tolist() == ["iran"] and folded["n"].sum() == 3
