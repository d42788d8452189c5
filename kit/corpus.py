"""Ingest: read -> normalize -> deduplicate -> validate -> write Parquet; and load.

Every file under the sources is either read into the articles table or listed in the ingest
report with the reason (hidden files such as ``.DS_Store`` are listed as ignored); every record a
reader cannot use is listed with its record (line, row) number. One broken file never stops the
others unless ``errors="raise"``.
"""
from __future__ import annotations

import datetime as dt
import inspect
import json
import math
import os
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from kit import config
from kit.dates import parse_date
from kit.dedup import find_duplicates
from kit.errors import IngestError, KitError, ParameterError
from kit.ids import content_id, unique_ids
from kit.language import detect_language, language_code
from kit.normalize import normalize_text, normalize_title
from kit.readers import SkippedRecord, detect_reader, get_reader, supported_extensions
from kit.readers._text_io import binary_kind, collect_warnings, stop_collecting
from kit.readers.registry import SNIFF_BYTES
from kit.schema import ARTICLE_COLUMNS, coerce_articles, validate_articles

#: Longest article text accepted (characters); longer records are skipped with a reason.
MAX_CHARS = 2_000_000
_ERRORS = ("report", "raise")
_IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".gitkeep", ".gitignore"}
_READER_FIELDS = {"title", "text", "published", "published_raw", "author", "section", "url",
                  "native_id", "source", "outlet", "language", "record"}
_COMPUTED = {"doc_id", "n_words", "duplicate_of", "path", "format"}


class IngestWarning(UserWarning):
    """Some inputs were skipped; the ingest report lists them with reasons."""


def read_articles(src=None, *, errors: str = "report", reader: str | None = None,
                  progress: bool = False, **options) -> pd.DataFrame:
    """Read files or folders into a validated, normalized, deduplicated articles table.

    Parameters
    ----------
    src : str, Path or list of them, optional
        Files and/or folders (read recursively); default the project's ``corpus/raw``.
    errors : {"report", "raise"}
        "report": skip bad files and records, warn once with a summary, and keep the full
        report in ``df.attrs["ingest_report"]``. "raise": raise at the first bad input.
    reader : str, optional
        Use this reader (see :func:`kit.readers.list_readers`) for every file instead of
        detecting the format.
    progress : bool
        Show a progress bar.
    **options
        Passed to the readers that accept them, e.g. ``mapping={"text": "story"}`` for tables.

    Returns
    -------
    pandas.DataFrame
        The articles table (columns of :data:`kit.schema.ARTICLE_COLUMNS`, plus any extra
        columns the inputs had), in reading order (files sorted by path).

    Raises
    ------
    IngestError
        With ``errors="raise"``: naming the first bad file (and record) and why.
    ParameterError
        When a source does not exist or ``errors``/``reader`` is unknown.

    Examples
    --------
    >>> import kit
    >>> seed = kit.config.RAW_DIR / "menafn"
    >>> kit.read_articles(seed).loc[0, ["outlet", "native_id"]].tolist()
    ['MENAFN', '1108092386']
    """
    articles, report = _read(src, errors=errors, reader=reader, progress=progress, **options)
    _warn(report)
    articles.attrs["ingest_report"] = report
    return articles


def ingest(sources=None, *, out=None, report=None, progress: bool = True,
           reader: str | None = None, **options) -> dict:
    """Read ``sources`` and write the articles table (Parquet) and the ingest report (JSON).

    Parameters
    ----------
    sources : str, Path or list of them, optional
        Files and folders to read; default ``corpus/raw``.
    out : str or Path, optional
        Parquet file to write; default ``corpus/processed/articles.parquet``. It is not written
        (an existing one is left alone) when no article was read.
    report : str or Path, optional
        JSON report to write; default ``ingest_report.json`` beside ``out``.
    progress : bool
        Show progress bars.
    reader, **options
        As for :func:`read_articles`.

    Returns
    -------
    dict
        The report: ``n_articles``, ``n_unique``, ``articles_per_format``, ``files_per_format``,
        ``duplicates`` (exact/near), ``languages``, ``dates``, ``skipped`` (path, record,
        reason), ``warnings``, ``ignored``, ``out``, ``report``.

    Raises
    ------
    ParameterError
        When a source does not exist.
    """
    out = Path(out) if out else config.ARTICLES_PATH
    report_path = Path(report) if report else out.parent / config.INGEST_REPORT_PATH.name
    articles, summary = _read(sources, errors="report", reader=reader, progress=progress,
                              **options)
    summary["out"] = None
    if len(articles):
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        articles.to_parquet(tmp, index=False)
        os.replace(tmp, out)
        summary["out"] = str(out)
    summary["report"] = str(report_path)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    _warn(summary)
    return summary


def load_articles(path: str | Path | None = None) -> pd.DataFrame:
    """Read a processed articles table (default: ``corpus/processed/articles.parquet``).

    Returns
    -------
    pandas.DataFrame
        The validated articles table.

    Raises
    ------
    IngestError
        When the file does not exist (run ``kit ingest`` first) or is not Parquet.
    SchemaError
        When it does not follow the data model.
    """
    path = Path(path) if path else config.ARTICLES_PATH
    if not path.exists():
        raise IngestError(path, "no articles table here; run `kit ingest` (or `make run`) to "
                                "build it from corpus/raw")
    try:
        table = pd.read_parquet(path)
    except Exception as exc:  # pyarrow's errors are technical; say what the file should be
        raise IngestError(path, f"cannot be read as a Parquet articles table ({exc})") from None
    return validate_articles(table)


# --------------------------------------------------------------------------- reading


def _read(src, *, errors, reader, progress, **options) -> tuple[pd.DataFrame, dict]:
    if errors not in _ERRORS:
        raise ParameterError("errors", errors, "'report' or 'raise'")
    forced = get_reader(reader) if reader else None
    state = _State(errors)
    files = _discover(src, state)
    total = sum(size for _, _, size in files)
    with tqdm(total=total, unit="B", unit_scale=True, desc="ingest", disable=not progress) as bar:
        for path, rel, size in files:
            _read_file(path, rel, size, forced, options, state)
            bar.update(size)
            bar.set_postfix(articles=len(state.rows), refresh=False)
    articles = _table(state.rows, progress=progress)
    return articles, _report(src, articles, state)


class _State:
    """What one ingest has collected so far."""

    def __init__(self, errors: str):
        self.errors = errors
        self.rows: list[dict] = []
        self.skipped: list[dict] = []
        self.warnings: list[dict] = []
        self.ignored: list[dict] = []
        self.files_per_format: Counter = Counter()
        self.n_files = 0

    def skip(self, rel: str, reason: str, record: int | None = None, *, whole_file: bool):
        if self.errors == "raise":
            raise IngestError(rel, reason, record=record)
        self.skipped.append({"path": rel, "record": record, "reason": reason,
                             "kind": "file" if whole_file else "record"})


def _sources(src) -> list[Path]:
    if src is None or (isinstance(src, (list, tuple)) and not src):
        return [config.RAW_DIR]
    items = [src] if isinstance(src, (str, os.PathLike)) else list(src)
    paths = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise ParameterError("src", item, "a file or folder path, or a list of them")
        path = Path(item).expanduser()
        if not path.exists():
            raise ParameterError("src", str(item), "an existing file or folder")
        paths.append(path)
    return paths


def _relative_to(root: Path):
    """A function giving a file's path relative to corpus/raw when inside it, else to ``root``."""
    root = root.resolve()
    raw = config.RAW_DIR.resolve()
    base = raw if root == raw or raw in root.parents else root
    prefix = root.relative_to(base).as_posix() if base != root else ""

    def relative(path: Path) -> str:
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            return path.name
        return f"{prefix}/{rel}" if prefix and prefix != "." else rel
    return relative


def _discover(src, state: _State) -> list[tuple[Path, str, int]]:
    """Every file to read as (path, relative path, size), sorted; hidden ones are ignored."""
    found, seen = [], set()
    for source in _sources(src):
        source = source.resolve()
        if source.is_file():
            candidates, relative = [source], _relative_to(source.parent)
        else:
            relative, candidates = _relative_to(source), []
            for folder, dirs, names in os.walk(source):
                for name in sorted(d for d in dirs if d.startswith((".", "__"))):
                    state.ignored.append({"path": relative(Path(folder) / name),
                                          "reason": "hidden or system folder, not read"})
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                candidates.extend(Path(folder) / n for n in names)
        batch = []
        for path in candidates:
            rel = relative(path)
            if path.name.startswith((".", "~$")) or path.name.lower() in _IGNORED_NAMES:
                state.ignored.append({"path": rel, "reason": "hidden or system file, not read"})
                continue
            if path in seen:
                continue  # the same file named by two sources is read once
            seen.add(path)
            try:
                size = path.stat().st_size
            except OSError as exc:  # e.g. a broken symbolic link
                state.n_files += 1
                state.skip(rel, f"cannot be read: {exc.strerror or exc}", whole_file=True)
                continue
            batch.append((path, rel, size))
        found.extend(sorted(batch, key=lambda item: item[1]))
    return found


def _accepted_options(func, options: dict) -> dict:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return options
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return options
    names = {p.name for p in params}
    return {k: v for k, v in options.items() if k in names}


def _read_file(path: Path, rel: str, size: int, forced, options: dict, state: _State) -> None:
    state.n_files += 1
    if size == 0:
        state.skip(rel, "the file is empty (0 bytes)", whole_file=True)
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        state.skip(rel, f"cannot be opened: {exc.strerror or exc}", whole_file=True)
        return
    reader = forced or detect_reader(path, head)
    if reader is None:
        kind = binary_kind(head)
        reason = (f"this is {kind}; kit reads text formats only" if kind else
                  f"no reader for files like this (extension {path.suffix or '(none)'!r}); "
                  f"kit reads {', '.join(supported_extensions())} and formats it recognizes "
                  "by content. Rename the file if it is one of those, or add a reader "
                  "(see README, 'Extending kit')")
        state.skip(rel, reason, whole_file=True)
        return
    found, token = collect_warnings()
    n_before, n_skipped, position = len(state.rows), len(state.skipped), 0
    try:
        for position, item in enumerate(reader.read(path, **_accepted_options(reader.func,
                                                                              options)), 1):
            if isinstance(item, SkippedRecord):
                state.skip(rel, item.reason, item.record, whole_file=False)
            elif isinstance(item, dict):
                _add_row(item, reader.name, rel, position, state)
            else:
                state.skip(rel, f"the {reader.name} reader produced a {type(item).__name__}, "
                                "not an article", position, whole_file=False)
    except IngestError as exc:
        if state.errors == "raise":
            raise IngestError(rel, exc.reason, record=exc.record) from None
        _stop(state, rel, exc.reason, exc.record, position, n_before)
    except KitError as exc:
        _stop(state, rel, str(exc), None, position, n_before)
    except Exception as exc:  # a reader bug must not stop the ingest nor lose the file
        reason = f"the {reader.name} reader failed: {type(exc).__name__}: {exc}"
        if state.errors == "raise":
            raise IngestError(rel, reason) from exc
        _stop(state, rel, reason, None, position, n_before)
    finally:
        stop_collecting(token)
    for record, reason in found:
        state.warnings.append({"path": rel, "record": record, "reason": reason})
    n_new = len(state.rows) - n_before
    if n_new:
        state.files_per_format[reader.name] += 1
    elif len(state.skipped) == n_skipped:
        state.skip(rel, f"no articles found (read as {reader.name})", whole_file=True)


def _stop(state: _State, rel, reason, record, position, n_before) -> None:
    loaded = len(state.rows) - n_before
    if loaded:
        reason = f"reading stopped after {loaded} article(s): {reason}"
        record = record or position + 1
    state.skip(rel, reason, record, whole_file=not loaded)


# --------------------------------------------------------------------------- one record


def _str(value) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _extra_value(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return _str(value)


def _published(raw, raw_string) -> tuple[pd.Timestamp, str | None]:
    if raw is None or raw is pd.NaT or (isinstance(raw, float) and math.isnan(raw)):
        return pd.NaT, _str(raw_string)
    if isinstance(raw, (dt.datetime, dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(raw)
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        return stamp, _str(raw_string) or raw.isoformat()
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw)
        unit = "s" if 1e8 <= abs(number) < 1e11 else "ms" if 1e11 <= abs(number) < 1e14 else None
        stamp = pd.Timestamp(number, unit=unit, tz="UTC") if unit else pd.NaT
        return stamp, _str(raw_string) or _str(raw)
    text = str(raw).strip()
    return parse_date(text) if text else pd.NaT, _str(raw_string) or (text or None)


def _default_source(rel: str) -> str:
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else Path(rel).stem


def _add_row(item: dict, fmt: str, rel: str, position: int, state: _State) -> None:
    record = item.get("record")
    record = int(record) if isinstance(record, int) and record > 0 else position
    raw_text = item.get("text")
    raw_text = "" if raw_text is None or raw_text is pd.NA else str(raw_text)
    if len(raw_text) > MAX_CHARS:
        state.skip(rel, f"the article text is {len(raw_text):,} characters long; kit accepts "
                        f"at most {MAX_CHARS:,} (a news article is rarely over 50,000): is this "
                        "file one article, or several that the reader could not separate?",
                   record, whole_file=False)
        return
    source = _str(item.get("source")) or _default_source(rel)
    text = normalize_text(raw_text, source=source)
    title = normalize_title(_str(item.get("title")))
    if not text and not title:
        state.skip(rel, "the record has neither text nor a title", record, whole_file=False)
        return
    published, published_raw = _published(item.get("published"), item.get("published_raw"))
    if published is pd.NaT and published_raw:
        state.warnings.append({"path": rel, "record": record,
                               "reason": f"date {published_raw!r} not understood; published "
                                         "is left empty (NaT)"})
    language = language_code(item.get("language")) or detect_language(f"{title}\n{text}")
    row = {
        "doc_id": content_id(title=item.get("title"), text=raw_text,
                             published_raw=published_raw, native_id=item.get("native_id"),
                             url=item.get("url")),
        "source": source,
        "outlet": _str(item.get("outlet")) or source,
        "title": title or None,
        "published": published,
        "published_raw": published_raw,
        "author": _str(item.get("author")),
        "section": _str(item.get("section")),
        "url": _str(item.get("url")),
        "native_id": _str(item.get("native_id")),
        "language": language,
        "text": text,
        "n_words": len(text.split()),  # whitespace-separated words, as word processors count
        "path": rel,
        "record": record,
        "format": fmt,
    }
    for key, value in item.items():
        if key not in _READER_FIELDS:
            name = f"input_{key}" if key in _COMPUTED or key in ARTICLE_COLUMNS else str(key)
            row[name] = _extra_value(value)
    state.rows.append(row)


# --------------------------------------------------------------------------- table, report


def _table(rows: list[dict], *, progress: bool) -> pd.DataFrame:
    if not rows:
        return coerce_articles(pd.DataFrame(columns=list(ARTICLE_COLUMNS)))
    frame = pd.DataFrame(rows)
    frame["doc_id"] = unique_ids(frame["doc_id"].tolist(), frame["path"].tolist(),
                                 frame["record"].tolist())
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    duplicates = find_duplicates(frame, progress=progress)
    mapping = dict(zip(duplicates["doc_id"], duplicates["duplicate_of"]))
    frame["duplicate_of"] = [mapping.get(d) for d in frame["doc_id"]]
    frame.attrs["duplicate_kinds"] = dict(Counter(duplicates["kind"]))
    extras = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    articles = coerce_articles(frame)
    for column in extras:
        articles[column] = articles[column].astype("string")
    articles.attrs = {"duplicate_kinds": frame.attrs["duplicate_kinds"]}
    return validate_articles(articles)


def _report(src, articles: pd.DataFrame, state: _State) -> dict:
    kinds = articles.attrs.pop("duplicate_kinds", {})
    published = articles["published"]
    languages = articles["language"].fillna("unknown").value_counts()
    skipped_files = sum(1 for s in state.skipped if s["kind"] == "file")
    from kit import __version__

    return {
        "kit_version": __version__,
        "sources": [str(p) for p in _sources(src)],
        "n_files": state.n_files,
        "n_files_read": int(sum(state.files_per_format.values())),
        "n_articles": int(len(articles)),
        "n_unique": int(articles["duplicate_of"].isna().sum()),
        "articles_per_format": {k: int(v) for k, v in
                                articles["format"].value_counts().sort_index().items()},
        "files_per_format": dict(sorted(state.files_per_format.items())),
        "duplicates": {"exact": int(kinds.get("exact", 0)), "near": int(kinds.get("near", 0))},
        "languages": {k: int(v) for k, v in languages.items()},
        "dates": {"earliest": None if published.isna().all() else published.min().isoformat(),
                  "latest": None if published.isna().all() else published.max().isoformat(),
                  "n_undated": int(published.isna().sum()),
                  "assumption": "dates without a time zone are taken as UTC"},
        "n_skipped_files": skipped_files,
        "n_skipped_records": len(state.skipped) - skipped_files,
        "skipped": state.skipped,
        "warnings": state.warnings,
        "ignored": state.ignored,
    }


def _warn(report: dict) -> None:
    skipped = report["skipped"]
    if not skipped:
        return
    shown = "; ".join(f"{s['path']}" + (f" record {s['record']}" if s["record"] else "")
                      + f": {s['reason']}" for s in skipped[:5])
    more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    warnings.warn(f"{len(skipped)} input(s) skipped ({report['n_skipped_files']} file(s), "
                  f"{report['n_skipped_records']} record(s)); the ingest report lists them all: "
                  f"{shown}{more}", IngestWarning, stacklevel=3)
