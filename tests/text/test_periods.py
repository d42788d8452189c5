"""Periods of publication (kit.text.periods): one definition for trends, sentiment and groups."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.sentiment as sentiment
import kit.terms as terms
from kit.errors import ParameterError
from kit.text.dtm import group_keys
from kit.text.periods import TIME_UNITS, all_periods, period_start

STAMPS = pd.Series(pd.to_datetime(["2024-04-14 23:30", "2024-05-02 00:00", None], utc=True))


@pytest.mark.parametrize(
    "unit,first",
    [
        ("day", "2024-04-14"),
        ("week", "2024-04-08"),  # the Monday
        ("month", "2024-04-01"),
        ("quarter", "2024-04-01"),
        ("year", "2024-01-01"),
    ],
)
def test_period_starts_in_utc(unit, first):
    starts = period_start(STAMPS, unit)
    assert str(starts.dtype) == "datetime64[ns, UTC]"
    assert starts.iloc[0] == pd.Timestamp(first, tz="UTC") and pd.isna(starts.iloc[2])


def test_all_periods_are_consecutive_starts():
    got = all_periods(
        pd.Timestamp("2024-01-01", tz="UTC"), pd.Timestamp("2024-07-01", tz="UTC"), "quarter"
    )
    assert [d.strftime("%Y-%m-%d") for d in got] == ["2024-01-01", "2024-04-01", "2024-07-01"]


def test_unknown_unit_names_the_choices():
    with pytest.raises(ParameterError, match="time_unit='decade'.*'day', 'week', 'month'"):
        period_start(STAMPS, "decade")


@pytest.mark.parametrize("unit", list(TIME_UNITS))
def test_every_analysis_uses_the_same_periods(unit):
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "language": "en",
            "outlet": "X",
            "text": ["Iran fired drones.", "Iran waited."],
            "published": STAMPS.iloc[:2].to_numpy(),
        }
    )
    expected = period_start(arts["published"], unit).tolist()
    with_period = sentiment.add_period(pd.DataFrame({"doc_id": ["a", "b"]}), arts, time_unit=unit)
    assert with_period["period"].tolist() == expected
    assert group_keys(arts, unit)["group"].tolist() == expected
    trends = terms.term_trends(arts, "iran", time_unit=unit)
    assert set(trends.loc[trends["n"] > 0, "period"]) == set(expected)
