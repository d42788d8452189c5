"""Periods of publication (kit.text.periods): one definition for trends, sentiment and groups."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.sentiment as sentiment
import kit.terms as terms
from kit.errors import ParameterError
from kit.text.dtm import group_keys
from kit.text.periods import TIME_UNITS, all_periods, period_labels, period_start

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
    # as a group, a period is labelled by the same start, written YYYY-MM-DD
    labels = [t.strftime("%Y-%m-%d") for t in expected]
    assert group_keys(arts, unit)["group"].tolist() == labels
    assert period_labels(arts["published"], unit).tolist() == labels
    trends = terms.term_trends(arts, "iran", time_unit=unit)
    assert set(trends.loc[trends["n"] > 0, "period"]) == set(expected)


def test_choose_time_unit_bounds_the_number_of_periods():
    from kit.text.periods import MAX_PERIODS, choose_time_unit, n_periods

    first = pd.Timestamp("2004-11-13", tz="UTC")
    for last, unit in [
        ("2004-12-31", "day"),
        ("2005-06-30", "week"),
        ("2008-01-01", "month"),
        ("2023-02-23", "year"),
    ]:
        chosen = choose_time_unit(first, pd.Timestamp(last, tz="UTC"))
        assert chosen == unit
        assert n_periods(first, pd.Timestamp(last, tz="UTC"), chosen) <= MAX_PERIODS
    # n_periods agrees with the listed periods
    last = pd.Timestamp("2023-02-23", tz="UTC")
    for unit in TIME_UNITS:
        starts = period_start(pd.Series([first, last]), unit)
        assert n_periods(first, last, unit) == len(all_periods(starts[0], starts[1], unit))


def test_resolve_time_unit_checks_and_chooses():
    from kit.text.periods import resolve_time_unit

    published = pd.Series(pd.to_datetime(["2024-04-01", "2024-04-20", None], utc=True))
    assert resolve_time_unit("auto", published) == "day"
    assert resolve_time_unit("quarter", published) == "quarter"
    assert resolve_time_unit("auto", published.iloc[2:]) == "day"
    with pytest.raises(ParameterError):
        resolve_time_unit("fortnight", published)


def test_group_values_accepts_columns_and_periods_of_published():
    from kit.text.periods import group_values

    arts = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "published": pd.to_datetime(["2024-04-14", "2023-11-02"], utc=True),
        }
    )
    assert group_values(arts, "outlet").tolist() == ["A", "B"]
    assert group_values(arts, "year").tolist() == ["2024-01-01", "2023-01-01"]
    assert group_values(arts, "quarter").tolist() == ["2024-04-01", "2023-10-01"]
    with pytest.raises(ParameterError, match="period of published"):
        group_values(arts, "nonsense")


def test_sentiment_and_rhetoric_group_by_a_period(make_dated):
    import kit.rhetoric as rhetoric

    arts = make_dated
    scored = sentiment.score_sentences(arts, progress=False)
    by_year = sentiment.summarize(scored, arts, group_by="year", n_resamples=50)
    years = sorted(set(arts["published"].dt.year))
    assert sorted(by_year["year"]) == [f"{y}-01-01" for y in years]
    assert by_year["n"].sum() == len(scored)
    ev = pd.DataFrame({"doc_id": arts["doc_id"].iloc[:1], "category": ["hedge"]})
    rates = rhetoric.rates(ev, arts, group_by="year")
    assert sorted(rates["year"]) == [f"{y}-01-01" for y in years]
    assert rates["n"].sum() == 1
    assert rates["n_articles"].sum() == len(arts)
    with pytest.raises(ParameterError):
        rhetoric.rates(ev, arts, group_by="nonsense")


@pytest.fixture
def make_dated():
    from tests.helpers import articles_from

    return articles_from(
        ["Iran said the talks were good.", "Israel said the strike was bad.", "A calm day."],
        dates=["2022-03-01", "2023-05-02", "2023-07-09"],
    )
