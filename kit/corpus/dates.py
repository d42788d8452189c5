"""Parse publication dates from any export into UTC timestamps.

A date without a time zone is taken to be UTC (the exports we read give no zone; the original
string is always kept in ``published_raw``). Unknown or unparseable dates give ``NaT``, never an
error. ISO 8601, RFC 2822 and common English layouts are parsed directly (fast); everything else
(month names in other languages such as "3. Januar 1993" or "1993 年 1 月 3 日") goes to
``dateparser``, which ships its language data inside the package. Text without a digit
("yesterday"), or longer than :data:`kit.corpus.limits.MAX_DATE_CHARS`, is not a date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
import warnings

import pandas as pd

from kit.corpus.language import LANGUAGES
from kit.corpus.limits import MAX_DATE_CHARS

_FAST_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",  # MENAFN: 4/14/2024 8:47:32 AM
    "%B %d, %Y",  # April 14, 2024
    "%B %d, %Y %A",  # LexisNexis: April 14, 2024 Sunday
    "%A, %B %d, %Y",  # Sunday, April 14, 2024
    "%d %B %Y",  # 14 April 2024
    "%b %d, %Y",  # Apr 14, 2024
    "%d %b %Y",  # 14 Apr 2024
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
)
_UTC = dt.UTC
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_RFC2822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}")


def parse_date(raw, languages=None) -> pd.Timestamp:
    """Parse one date string to a UTC ``Timestamp`` (``NaT`` when unknown).

    ISO 8601, RFC 2822 (feeds, e-mail) and a few common English layouts are parsed directly;
    anything else (month names in other languages, "yesterday"...) goes to ``dateparser``.
    A date without a time zone is taken to be UTC.

    Parameters
    ----------
    raw : str or None
        The date as written in the input.
    languages : sequence of str, optional
        ISO 639-1 codes to try for month and weekday names; None: the languages language
        detection chooses from (:data:`kit.corpus.language.LANGUAGES`). Trying every language
        dateparser knows would load ~200 locales (seconds) for one odd string.

    Returns
    -------
    pandas.Timestamp
        Timezone-aware (UTC), or ``pd.NaT``.

    Examples
    --------
    >>> parse_date("4/14/2024 8:47:32 AM")
    Timestamp('2024-04-14 08:47:32+0000', tz='UTC')
    >>> parse_date("2024-04-14T10:47:32+02:00")
    Timestamp('2024-04-14 08:47:32+0000', tz='UTC')
    >>> parse_date("Sun, 14 Apr 2024 08:47:32 GMT")
    Timestamp('2024-04-14 08:47:32+0000', tz='UTC')
    >>> parse_date("3. Januar 1993")
    Timestamp('1993-01-03 00:00:00+0000', tz='UTC')
    >>> parse_date("not a date") is pd.NaT
    True
    """
    if raw is None or (isinstance(raw, float) and raw != raw):
        return pd.NaT
    if languages is not None and not isinstance(languages, tuple):
        languages = (languages,) if isinstance(languages, str) else tuple(languages)
    return _parse(str(raw), languages)


@functools.lru_cache(maxsize=65536)
def _parse(raw: str, languages: tuple[str, ...] | None) -> pd.Timestamp:
    text = " ".join(raw.split())
    if len(text) > MAX_DATE_CHARS:
        return pd.NaT  # not a date (and dateparser's time grows with its length)
    if not any(ch.isdigit() for ch in text):
        return pd.NaT  # "yesterday", "n/a": not a publication date (and not reproducible)
    try:
        return _to_utc(
            dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        )
    except ValueError:
        pass
    if _RFC2822.match(text):
        try:
            return _to_utc(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    for fmt in _FAST_FORMATS:
        try:
            return _to_utc(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    exported = export_date(text)
    if exported is not None:
        return exported
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
    try:
        if isinstance(ts, dt.datetime) and not isinstance(ts, pd.Timestamp):
            # the standard library converts a datetime 3x faster than pandas (the same result)
            ts = pd.Timestamp(ts.replace(tzinfo=_UTC) if ts.tzinfo is None else ts.astimezone(_UTC))
        else:
            ts = pd.Timestamp(ts)
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    except (ValueError, OverflowError):
        return pd.NaT
    return ts if 1678 <= ts.year <= 2261 else pd.NaT  # the articles table stores nanoseconds


def _parse_with_dateparser(text: str, languages) -> pd.Timestamp:
    import dateparser  # imported lazily: it takes a second to load its language data

    # Missing parts are filled from a fixed base, never from today, so "1993" is 1993-01-01 on
    # every run.
    settings = {
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_MONTH_OF_YEAR": "first",
        "REQUIRE_PARTS": ["year"],
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(
                text, languages=list(languages or LANGUAGES), settings=settings
            )
        except Exception:  # dateparser raises assorted errors on odd input; unknown is NaT
            parsed = None
    return _to_utc(parsed) if parsed is not None else pd.NaT


# --------------------------------------------------------------------------- export layouts

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def looks_like_date(text: str | None) -> bool:
    """True when ``text`` is a short line that reads as a date: a year plus a day or CJK date.

    A cheap classifier for header lines (outlet vs date vs edition); parsing happens later.

    Examples
    --------
    >>> looks_like_date("January 11, 2010 Monday"), looks_like_date("The Times (London)")
    (True, False)
    >>> [looks_like_date(t) for t in ("3. Januar 1993", "1993 年 1 月 3 日", "Sport 2000")]
    [True, True, False]
    """
    text = " ".join((text or "").split())
    if not text or len(text) > 60 or text.lower().startswith(("copyright", "©")):
        return False
    year = _YEAR.search(text)
    if not year:
        return False
    rest = text[: year.start()] + " " + text[year.end() :]
    return bool(_DAY.search(rest) or _CJK_DATE_PART.search(text))


_DAY = re.compile(r"(?<![\d:])(0?[1-9]|[12]\d|3[01])(?![\d:])")
_CJK_DATE_PART = re.compile(r"\d\s*[年月日]")
# Month names of the interfaces exports come in. Hand-written fast path: dateparser, which
# parse_date falls back to, needs ~20 ms per non-English date (20 s for a 1,000-article export).
_MONTH_NAMES = {
    1: "january jan januar janvier enero gennaio janeiro januari jänner",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari",
    3: "march mar märz maerz mars marzo março maart",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct oktober octobre octubre ottobre outubro okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro dez",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_TIME = (
    r"(?:,?\s+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::\d{2})?(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?))?"
    r"(?:\s+(?:GMT|UTC|Z))?)?"
)
_WORD = r"[^\W\d_]+"
_DATE_LAYOUTS = [
    re.compile(p + r"(?:,?\s+" + _WORD + r")?" + _TIME + r"\s*$")
    for p in (
        r"^(?:" + _WORD + r",?\s+)?(?P<mon>" + _WORD + r")\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})",
        r"^(?:"
        + _WORD
        + r",?\s+)?(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<mon>"
        + _WORD
        + r")\.?,?\s+(?:de\s+)?(?P<y>\d{4})",
        r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*星期.)?",
    )
]


def export_date(text: str | None):
    """Parse the date layouts of news exports quickly; None when the text is not one of them.

    Handles "July 1, 2019 Monday 9:20 AM GMT", "9 January 1993", "3. Januar 1993 Sonntag",
    "1993 年 1 月 3 日" and the like in English, German, French, Spanish, Italian, Portuguese
    and Dutch, with an optional time in GMT/UTC. :func:`parse_date` tries these layouts
    before falling back to ``dateparser``.

    Examples
    --------
    >>> export_date("July 1, 2019 Monday 9:20 PM GMT")
    Timestamp('2019-07-01 21:20:00+0000', tz='UTC')
    >>> export_date("3. Januar 1993 Sonntag") == export_date("1993 年 1 月 3 日")
    True
    >>> export_date("Friday, 5. July 2019 09:31:00 CEST") is None
    True
    """
    text = " ".join((text or "").split())
    for layout in _DATE_LAYOUTS:
        match = layout.match(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get((groups["mon"] or "").lower())
        if month is None:
            return None
        hour, minute = int(groups.get("H") or 0), int(groups.get("M") or 0)
        if groups.get("ap"):
            hour = hour % 12 + (12 if groups["ap"].lower().startswith("p") else 0)
        try:
            return pd.Timestamp(
                year=int(groups["y"]),
                month=month,
                day=int(groups["d"]),
                hour=hour,
                minute=minute,
                tz="UTC",
            )
        except ValueError:
            return None
    return None
