"""Publication dates to UTC; unknown dates are NaT, never errors, never 'today'."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kit.corpus.dates import parse_date
from kit.corpus.rows import published


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4/14/2024 8:47:32 AM", "2024-04-14 08:47:32"),  # MENAFN, no zone: UTC
        ("2024-04-14", "2024-04-14 00:00:00"),
        ("2024-04-14T08:47:32Z", "2024-04-14 08:47:32"),
        ("2024-04-14T11:47:32+03:00", "2024-04-14 08:47:32"),
        ("Sun, 14 Apr 2024 08:47:32 GMT", "2024-04-14 08:47:32"),  # RSS
        ("Sun, 14 Apr 2024 12:17:32 +0330", "2024-04-14 08:47:32"),
        ("April 14, 2024", "2024-04-14 00:00:00"),
        ("April 14, 2024 Sunday", "2024-04-14 00:00:00"),  # LexisNexis
        ("14 April 2024", "2024-04-14 00:00:00"),
        ("3. Januar 1993", "1993-01-03 00:00:00"),  # dateparser, German
        ("1993", "1993-01-01 00:00:00"),  # not today's month and day
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == pd.Timestamp(expected, tz="UTC")


@pytest.mark.parametrize(
    "raw", [None, "", "   ", "yesterday", "n/a", "not a date", "0001-01-01", float("nan")]
)
def test_unknown_dates_are_nat(raw):
    assert parse_date(raw) is pd.NaT


def test_languages_may_be_a_list():
    assert parse_date("3. Januar 1993", languages=["de"]) == pd.Timestamp("1993-01-03", tz="UTC")


def test_published_values_from_readers():
    assert published(dt.datetime(2024, 4, 14, 8, 47, 32)) == (
        pd.Timestamp("2024-04-14 08:47:32", tz="UTC"),
        "2024-04-14T08:47:32",
    )
    assert published(dt.date(2024, 4, 14))[0] == pd.Timestamp("2024-04-14", tz="UTC")
    aware = pd.Timestamp("2024-04-14 11:47:32", tz="Asia/Tehran")
    assert published(aware)[0] == pd.Timestamp("2024-04-14 08:17:32", tz="UTC")
    assert published(1713084452000)[0] == pd.Timestamp("2024-04-14 08:47:32", tz="UTC")
    assert published("sometime", "sometime in spring") == (pd.NaT, "sometime in spring")
    assert published(None) == (pd.NaT, None)
