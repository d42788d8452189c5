"""Periods of publication: the one definition of day, week, month, quarter and year in kit.

A period is labelled by its first instant as a UTC timestamp (``datetime64[ns, UTC]``, the
dtype of ``published``); weeks start on Monday. Trends, sentiment over time and group-by-period
all use :func:`period_start`.
"""

from __future__ import annotations

import pandas as pd

from kit.errors import ParameterError
from kit.parallel import accepts_dask, gather
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


#: Time units :func:`choose_time_unit` picks from, finest first.
AUTO_TIME_UNITS = ("day", "week", "month", "year")
#: Most periods :func:`choose_time_unit` accepts before it tries a coarser unit.
MAX_PERIODS = 60
#: Time units that name a period of ``published`` where a ``group_by`` column is accepted.
GROUP_PERIODS = ("year", "quarter", "month", "week", "day")


def n_periods(first: pd.Timestamp, last: pd.Timestamp, time_unit: str) -> int:
    """Number of ``time_unit`` periods from the one holding ``first`` to the one holding
    ``last`` (both included), computed without listing them.

    Examples
    --------
    >>> n_periods(pd.Timestamp("2004-11-13"), pd.Timestamp("2023-02-23"), "year")
    20
    >>> n_periods(pd.Timestamp("2024-04-14"), pd.Timestamp("2024-04-14"), "day")
    1
    """
    check_time_unit(time_unit)
    alias = TIME_UNITS[time_unit]
    start = pd.Timestamp(first).tz_localize(None) if pd.Timestamp(first).tzinfo else first
    end = pd.Timestamp(last).tz_localize(None) if pd.Timestamp(last).tzinfo else last
    return int((pd.Period(end, alias) - pd.Period(start, alias)).n) + 1


def choose_time_unit(
    first: pd.Timestamp, last: pd.Timestamp, *, max_periods: int = MAX_PERIODS
) -> str:
    """The finest unit of :data:`AUTO_TIME_UNITS` giving at most ``max_periods`` periods over
    ``first`` .. ``last`` (``"year"`` when none does).

    A figure drawn per chosen period has a bounded number of bars, whatever the time span.

    Examples
    --------
    >>> choose_time_unit(pd.Timestamp("2024-04-01"), pd.Timestamp("2024-04-30"))
    'day'
    >>> choose_time_unit(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-09-30"))
    'week'
    >>> choose_time_unit(pd.Timestamp("2020-01-01"), pd.Timestamp("2023-12-31"))
    'month'
    >>> choose_time_unit(pd.Timestamp("2004-11-13"), pd.Timestamp("2023-02-23"))
    'year'
    """
    for unit in AUTO_TIME_UNITS:
        if n_periods(first, last, unit) <= max_periods:
            return unit
    return AUTO_TIME_UNITS[-1]


def period_labels(published: pd.Series, time_unit: str) -> pd.Series:
    """Each time's period as a ``YYYY-MM-DD`` string of its first day (NA when undated).

    Examples
    --------
    >>> t = pd.Series(pd.to_datetime(["2024-04-14 08:47", None], utc=True))
    >>> period_labels(t, "year").tolist()
    ['2024-01-01', <NA>]
    """
    return period_start(published, time_unit).dt.strftime("%Y-%m-%d").astype("string")


def group_values(articles: pd.DataFrame, group_by: str) -> pd.Series:
    """The value each article has for a ``group_by`` parameter, aligned with ``articles``.

    ``group_by`` is a column of ``articles`` or, when no such column exists, one of
    :data:`GROUP_PERIODS` (``"year"``, ``"quarter"``, ``"month"``, ``"week"``, ``"day"``): the
    period of ``published`` as :func:`period_labels`. The one grouping of articles by period:
    the document-term matrix, sentiment summaries and rhetoric rates all use it. Of a Dask
    table, the one column read comes here (a pandas Series).

    Raises
    ------
    ParameterError
        When ``group_by`` is neither a column nor a period of ``published``.

    Examples
    --------
    >>> arts = pd.DataFrame({"outlet": ["A"],
    ...                      "published": pd.to_datetime(["2024-04-14"], utc=True)})
    >>> group_values(arts, "year").tolist()
    ['2024-01-01']
    >>> group_values(arts, "outlet").tolist()
    ['A']
    """
    if isinstance(group_by, str) and group_by in articles.columns:
        return gather(articles[group_by])  # of a Dask table, one column comes here
    if isinstance(group_by, str) and group_by in GROUP_PERIODS and "published" in articles:
        return period_labels(gather(articles["published"]), group_by)
    raise ParameterError(
        "group_by",
        group_by,
        "a column of the articles table ("
        + ", ".join(map(str, articles.columns))
        + ") or a period of published: "
        + ", ".join(GROUP_PERIODS),
    )


@accepts_dask
def resolve_time_unit(
    time_unit: str, published: pd.Series, *, max_periods: int = MAX_PERIODS
) -> str:
    """``time_unit`` itself, checked; for ``"auto"``, :func:`choose_time_unit` over the dated
    values of ``published`` (``"day"`` when none is dated).

    Examples
    --------
    >>> t = pd.Series(pd.to_datetime(["2004-11-13", "2023-02-23"], utc=True))
    >>> resolve_time_unit("auto", t), resolve_time_unit("month", t)
    ('year', 'month')
    """
    if time_unit != "auto":
        check_time_unit(time_unit)
        return time_unit
    dated = published.dropna()
    if dated.empty:
        return AUTO_TIME_UNITS[0]
    return choose_time_unit(dated.min(), dated.max(), max_periods=max_periods)
