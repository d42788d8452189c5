"""The ingest report: what an ingest loaded and skipped, written beside the articles table.

:func:`kit.corpus.ingest` writes it (``ingest_report.json``); the overview notebook and
``kit run`` read it back with :func:`load_report`. The report records the SHA-256 of the table
its ingest wrote (``table_sha256``), and is moved into place after the table, so a report whose
ingest was interrupted, or a table replaced since, is flagged: :func:`load_report` adds
``stale`` (why) and warns.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd

from kit import config
from kit.corpus.atomic import Staged, stage
from kit.corpus.manifest import table_sha256
from kit.errors import ParameterError

REPORT_NAME = "ingest_report.json"


class IngestWarning(UserWarning):
    """Some inputs were skipped; the ingest report lists them with reasons."""


def build_report(sources: list[str], articles: pd.DataFrame, state) -> dict:
    """The report of one ingest: counts per format, language and date, every skip and warning."""
    kinds = articles.attrs.pop("duplicate_kinds", {})
    published = articles["published"]
    languages = articles["language"].fillna("unknown").value_counts()
    skipped_files = sum(1 for s in state.skipped if s["kind"] == "file")
    return {
        "kit_version": config.VERSION,
        "sources": sources,
        "n_files": state.n_files,
        "n_files_read": int(sum(state.files_per_format.values())),
        "n_articles": len(articles),
        "n_unique": int(articles["duplicate_of"].isna().sum()),
        "articles_per_format": {
            k: int(v) for k, v in articles["format"].value_counts().sort_index().items()
        },
        "files_per_format": dict(sorted(state.files_per_format.items())),
        "duplicates": {"exact": int(kinds.get("exact", 0)), "near": int(kinds.get("near", 0))},
        "languages": {k: int(v) for k, v in languages.items()},
        "dates": {
            "earliest": None if published.isna().all() else published.min().isoformat(),
            "latest": None if published.isna().all() else published.max().isoformat(),
            "n_undated": int(published.isna().sum()),
            "assumption": "dates without a time zone are taken as UTC",
        },
        "outlet_names": state.outlet_names,
        "outlets_not_mapped": [o["name"] for o in state.outlet_names if not o["mapped"]],
        "n_skipped_files": skipped_files,
        "n_skipped_records": len(state.skipped) - skipped_files,
        "skipped": sorted(state.skipped, key=_by_place),
        "warnings": sorted(state.warnings, key=_by_place),
        "ignored": state.ignored,
    }


def _by_place(entry: dict) -> tuple:
    return entry["path"], entry["record"] or 0


def shown_path(path: Path) -> str:
    """A source as shown in the report: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(config.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def warn_skipped(report: dict) -> None:
    """Warn once (:class:`IngestWarning`) with a summary of the skipped inputs, if any."""
    skipped = report["skipped"]
    if not skipped:
        return
    shown = "; ".join(
        f"{s['path']}" + (f" record {s['record']}" if s["record"] else "") + f": {s['reason']}"
        for s in skipped[:5]
    )
    more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    warnings.warn(
        f"{len(skipped)} input(s) skipped ({report['n_skipped_files']} file(s), "
        f"{report['n_skipped_records']} record(s)); the ingest report lists them all: "
        f"{shown}{more}",
        IngestWarning,
        stacklevel=3,
    )


def write_report(report: dict, path: Path, *, staged: Staged | None = None) -> None:
    """Write ``report`` as JSON to ``path`` atomically (a reader never sees half a file).

    With ``staged`` (a :class:`~kit.corpus.atomic.Staged`), it is only staged there and moved
    into place with the other outputs.
    """
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    stage(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"), staged)


def report_path_of(corpus: str | Path | None = None) -> Path:
    """Return where the ingest report of a processed corpus lives (beside its Parquet file or
    folder)."""
    path = Path(corpus) if corpus else config.ARTICLES_PATH
    return path.with_name(REPORT_NAME)


def load_report(corpus: str | Path | None = None) -> dict | None:
    """Read the ``ingest_report.json`` beside a processed corpus; None when there is none.

    Parameters
    ----------
    corpus : str or Path, optional
        The ``articles.parquet`` path; the project's processed corpus when None or "".

    Raises
    ------
    ParameterError
        When the report exists but is not a JSON object.
    """
    path = report_path_of(corpus)
    if not path.exists():
        return None
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParameterError("corpus", str(path), f"an ingest report in JSON ({exc})") from None
    if not isinstance(report, dict):
        raise ParameterError("corpus", str(path), "an ingest report holding a JSON object")
    stale = stale_reason(report, Path(corpus) if corpus else config.ARTICLES_PATH)
    if stale:
        report["stale"] = stale
        warnings.warn(f"{path}: {stale}", IngestWarning, stacklevel=2)
    return report


def stale_reason(report: dict, table: Path) -> str | None:
    """Why ``report`` does not describe the articles table ``table``; None when it does.

    The report records the SHA-256 of the table its ingest wrote (``table_sha256``, None when
    it wrote none; of its part files when it is a folder, see
    :func:`kit.corpus.manifest.table_sha256`); a table of other content means an ingest was interrupted between the two,
    or the table was replaced by hand. Reports written before kit recorded it are not checked.
    """
    if "table_sha256" not in report:
        return None
    expected = report["table_sha256"]
    found = table_sha256(table) if table.exists() else None
    if found == expected:
        return None
    if found is None:
        return f"the report describes a table that is not there ({table.name}); run kit ingest"
    if expected is None:
        return (
            f"the report's ingest read no article and wrote no table, so {table.name} is from "
            "an earlier ingest that this report does not describe; run kit ingest"
        )
    return (
        f"the report does not describe {table.name} (its SHA-256 differs from the one the "
        "report records: an ingest was interrupted, or the table was replaced); run kit ingest"
    )


def report_tables(report: dict | None) -> dict[str, pd.DataFrame]:
    """Turn an ingest report into tables, whatever its exact layout.

    Scalar entries become one ``summary`` table (``item, value`` as strings); each entry
    holding a list of records (e.g. skipped files with reasons) becomes a table of its own,
    named after its key; nested objects of scalars become ``key, value`` tables.

    Examples
    --------
    >>> t = report_tables({"n_articles": 2,
    ...                           "skipped": [{"path": "a.txt", "reason": "empty"}]})
    >>> sorted(t), t["skipped"]["reason"].tolist()
    (['skipped', 'summary'], ['empty'])
    """
    if not report:
        return {}
    tables, scalars = {}, {}
    for key, value in report.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables[key] = pd.DataFrame(value).convert_dtypes()
        elif (
            isinstance(value, dict)
            and value
            and not any(isinstance(v, (dict, list)) for v in value.values())
        ):
            tables[key] = pd.DataFrame(
                {"item": list(value), "value": [str(v) for v in value.values()]}, dtype="string"
            )
        elif isinstance(value, (list, dict)):
            scalars[key] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        else:
            scalars[key] = "" if value is None else str(value)
    if scalars:
        tables = {
            "summary": pd.DataFrame(
                {"item": list(scalars), "value": list(scalars.values())}, dtype="string"
            )
        } | tables
    return tables
