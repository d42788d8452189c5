"""The corpus a run read, described for its report: articles, outlets, dates, languages,
duplicates and what ingest skipped (from the articles table and its ingest report)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from kit.corpus.report import load_report

_COLUMNS = ["outlet", "published", "language", "duplicate_of", "format"]


def _counts(values: pd.Series, limit: int = 12) -> str:
    counts = values.fillna("(none)").value_counts()
    text = ", ".join(f"{name} ({n})" for name, n in counts.head(limit).items())
    return text + (f", and {len(counts) - limit} more" if len(counts) > limit else "")


def describe_corpus(corpus_path: str | Path) -> list[tuple[str, str]]:
    """``(item, value)`` rows describing a processed corpus as a whole, as plain text.

    Parameters
    ----------
    corpus_path : str or Path
        An ``articles.parquet`` written by ``kit ingest`` (its ``ingest_report.json``, when
        beside it, adds formats, duplicates found and skipped inputs).

    Returns
    -------
    list of (str, str)
        Empty when the table cannot be read.

    Examples
    --------
    >>> describe_corpus("/nonexistent/articles.parquet")
    []
    """
    path = Path(corpus_path)
    try:
        table = pd.read_parquet(path)
    except (OSError, ValueError):
        return []
    table = table[[c for c in _COLUMNS if c in table.columns]]
    rows = [("articles", str(len(table)))]
    if "duplicate_of" in table:
        copies = int(table["duplicate_of"].notna().sum())
        rows.append(("unique articles", f"{len(table) - copies} ({copies} duplicate copies)"))
    if "outlet" in table:
        rows.append((f"outlets ({table['outlet'].nunique()})", _counts(table["outlet"])))
    if "published" in table:
        dated = table["published"].dropna()
        span = f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no date"
        undated = len(table) - len(dated)
        rows.append(("published", span + (f" ({undated} undated)" if undated else "")))
    if "language" in table:
        rows.append(("languages", _counts(table["language"])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a stale report is flagged in its own row below
        report = load_report(path)
    if report is None:
        rows.append(("ingest report", "none beside the table (not written by kit ingest)"))
        return rows
    if report.get("articles_per_format"):
        formats = report["articles_per_format"]
        rows.append(("formats", ", ".join(f"{k} ({v})" for k, v in formats.items())))
    duplicates = report.get("duplicates") or {}
    if duplicates:
        rows.append(("duplicates found", ", ".join(f"{k}: {v}" for k, v in duplicates.items())))
    skipped = report.get("skipped") or []
    text = (
        f"{report.get('n_skipped_files', 0)} files and {report.get('n_skipped_records', 0)} records"
    )
    reasons = pd.Series([str(s.get("reason", "")) for s in skipped], dtype="string")
    if len(reasons):
        text += ": " + _counts(reasons, limit=5)
    rows.append(("skipped at ingest", text))
    if report.get("stale"):
        rows.append(("ingest report", str(report["stale"])))
    return rows
