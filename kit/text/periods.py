"""Periods of publication: the one definition of day, week, month, quarter and year in kit.

A period is labelled by its first instant as a UTC timestamp (``datetime64[ns, UTC]``, the
dtype of ``published``); weeks start on Monday. Trends, sentiment over time and group-by-period
all use :func:`period_start`.
"""

from __future__ import annotations

import pandas as pd

from kit.validate import check_choice

#: time unit -> pandas period alias.
TIME_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
#: time unit -> frequency of consecutive period starts (for filling empty periods).
PERIOD_STARTS = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}


def check_time_unit(time_unit) -> None:
    """Raise ParameterError unless ``time_unit`` is one of :data:`TIME_UNITS`."""
    check_choice("time_unit", time_unit, TIME_UNITS)


def period_start(published: pd.Series, time_unit: str) -> pd.Series:
    """Start of the ``time_unit`` period holding each time (UTC; NaT stays NaT).

    Examples
    --------
    >>> t = pd.Series(pd.to_datetime(["2024-04-14 08:47", "2024-05-02 00:00"], utc=True))
    >>> period_start(t, "month").tolist()
    [Timestamp('2024-04-01 00:00:00+0000', tz='UTC'), Timestamp('2024-05-01 00:00:00+0000', tz='UTC')]
    >>> str(period_start(t, "week").iloc[0].date())  # the Monday
    '2024-04-08'
    """
    check_time_unit(time_unit)
    utc = pd.to_datetime(published, utc=True)
    naive = utc.dt.tz_localize(None)
    return (
        naive.dt.to_period(TIME_UNITS[time_unit])
        .dt.start_time.dt.tz_localize("UTC")
        .astype("datetime64[ns, UTC]")
    )


def all_periods(first: pd.Timestamp, last: pd.Timestamp, time_unit: str) -> pd.DatetimeIndex:
    """Every period start from ``first`` to ``last`` (both period starts), UTC."""
    check_time_unit(time_unit)
    return pd.date_range(first, last, freq=PERIOD_STARTS[time_unit], tz="UTC")
