"""Parse publication dates from any export into UTC timestamps.

A date without a time zone is taken to be UTC (the exports we read give no zone; the original
string is always kept in ``published_raw``). Unknown or unparseable dates give ``NaT``, never an
error. Common numeric layouts are parsed by pandas directly; everything else (month names in other
languages such as "3. Januar 1993" or "1993 年 1 月 3 日") goes to ``dateparser``, which ships its
language data inside the package.
"""
from __future__ import annotations

import functools
import re
import warnings

import pandas as pd

_FAST_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",   # MENAFN: 4/14/2024 8:47:32 AM
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@functools.lru_cache(maxsize=65536)
def parse_date(raw: str | None, languages: tuple[str, ...] | None = None) -> pd.Timestamp:
    """Parse one date string to a UTC ``Timestamp`` (``NaT`` when unknown).

    Parameters
    ----------
    raw : str or None
        The date as written in the input.
    languages : tuple of str, optional
        ISO 639-1 codes to try for month and weekday names; all languages when None.

    Returns
    -------
    pandas.Timestamp
        Timezone-aware (UTC), or ``pd.NaT``.

    Examples
    --------
    >>> parse_date("4/14/2024 8:47:32 AM")
    Timestamp('2024-04-14 08:47:32+0000', tz='UTC')
    >>> parse_date("3. Januar 1993")
    Timestamp('1993-01-03 00:00:00+0000', tz='UTC')
    >>> parse_date("not a date") is pd.NaT
    True
    """
    if raw is None or (isinstance(raw, float) and raw != raw):
        return pd.NaT
    text = " ".join(str(raw).split())
    if not text:
        return pd.NaT
    for fmt in _FAST_FORMATS:
        try:
            return _to_utc(pd.to_datetime(text, format=fmt))
        except (ValueError, TypeError):
            continue
    cjk = _CJK_DATE.search(text)
    if cjk:
        y, m, d = map(int, cjk.groups())
        try:
            return pd.Timestamp(year=y, month=m, day=d, tz="UTC")
        except ValueError:
            return pd.NaT
    return _parse_with_dateparser(text, languages)


def _to_utc(ts) -> pd.Timestamp:
    if ts is pd.NaT or ts is None:
        return pd.NaT
    ts = pd.Timestamp(ts)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _parse_with_dateparser(text: str, languages) -> pd.Timestamp:
    import dateparser  # imported lazily: it takes a second to load its language data

    settings = {"TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["year"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(text, languages=list(languages) if languages else None,
                                      settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input; unknown is NaT
            parsed = None
    return _to_utc(parsed) if parsed is not None else pd.NaT
