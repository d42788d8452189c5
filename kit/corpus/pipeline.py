"""Ingest: read -> normalize -> deduplicate -> validate -> write Parquet; and load.

Every file under the sources is either read into the articles table or listed in the ingest
report with the reason (hidden files such as ``.DS_Store`` are listed as ignored); every record a
reader cannot use is listed with its record (line, row) number. One broken file never stops the
others unless ``errors="raise"``.
"""

from __future__ import annotations

import inspect
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa

from kit import config
from kit.corpus.atomic import Staged, remove_stale
from kit.corpus.dedup import find_duplicates, with_duplicate_of
from kit.corpus.discover import discover, sources
from kit.corpus.ids import unique_ids
from kit.corpus.language import check_languages
from kit.corpus.limits import clean_string, shown_name
from kit.corpus.lock import ingest_lock
from kit.corpus.manifest import file_sha256, manifest_path_of, write_manifest
from kit.corpus.outlets import load_outlets, outlet_names
from kit.corpus.readers import SkippedRecord, detect_reader, get_reader, supported_extensions
from kit.corpus.readers._fields import check_mapping
from kit.corpus.readers._text_io import binary_kind, collect_warnings, stop_collecting
from kit.corpus.readers.registry import SNIFF_BYTES
from kit.corpus.report import build_report, report_path_of, shown_path, warn_skipped, write_report
from kit.corpus.rows import ROW_FIELDS, RowBuilder, default_jobs
from kit.errors import IngestError, KitError, ParameterError
from kit.progress import progress_bar
from kit.validate import ARTICLE_COLUMNS, coerce_articles, validate_articles

_ERRORS = ("report", "raise")


def read_articles(
    src=None,
    *,
    errors: str = "report",
    reader: str | None = None,
    progress: bool = True,
    jobs: int | None = None,
    outlets=None,
    languages=None,
    **options,
) -> pd.DataFrame:
    """Read files or folders into a validated, normalized, deduplicated articles table.

    Parameters
    ----------
    src : str, Path or list of them, optional
        Files and/or folders (read recursively); default the project's ``corpus/raw``.
    errors : {"report", "raise"}
        "report": skip bad files and records, warn once with a summary, and keep the full
        report in ``df.attrs["ingest_report"]``. "raise": raise at the first bad input.
    reader : str, optional
        Use this reader (see :func:`kit.corpus.readers.list_readers`) for every file instead of
        detecting the format.
    progress : bool
        Show a progress bar.
    jobs : int, optional
        Worker processes that clean the records (the readers run in this process). Default:
        one per CPU (at most 4) for inputs over 8 MB, else none; always none with
        ``errors="raise"``.
    outlets : str, Path or False, optional
        The outlet table that gives each outlet one canonical name (see
        :mod:`kit.corpus.outlets`); default the bundled ``kit/lexicons/outlets.yml``; False
        keeps the names as the inputs wrote them. A renamed outlet keeps its raw name in
        ``outlet_raw``.
    languages : sequence of str, optional
        ISO 639-1 codes language detection may choose from (default
        :data:`kit.corpus.language.LANGUAGES`); an input's own language field is kept as is.
    **options
        Passed to the readers that accept them, e.g. ``mapping={"text": "story"}`` for tables.

    Returns
    -------
    pandas.DataFrame
        The articles table (columns of :data:`kit.validate.ARTICLE_COLUMNS`, plus any extra
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
    articles, report = _read(
        src,
        errors=errors,
        reader=reader,
        progress=progress,
        jobs=jobs,
        outlets=outlets,
        languages=languages,
        **options,
    )
    warn_skipped(report)
    articles.attrs["ingest_report"] = report
    return articles


def ingest(
    sources=None,
    *,
    out=None,
    report=None,
    progress: bool = True,
    reader: str | None = None,
    jobs: int | None = None,
    outlets=None,
    languages=None,
    lock_timeout: float | None = None,
    **options,
) -> dict:
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
    reader, jobs, outlets, languages, **options
        As for :func:`read_articles`.
    lock_timeout : float, optional
        Seconds to wait while another ingest into the same ``out`` runs (see
        :mod:`kit.corpus.lock`) before refusing; 0 refuses at once; default 60
        (:data:`kit.corpus.lock.LOCK_TIMEOUT`).

    The raw files read are recorded beside ``out`` (``raw_manifest.json``, see
    :mod:`kit.corpus.manifest`) so ``kit run`` knows when the corpus is stale. The report
    records the table's SHA-256 (``table_sha256``) and is moved into place last.

    Returns
    -------
    dict
        The report: ``n_articles``, ``n_unique``, ``articles_per_format``, ``files_per_format``,
        ``duplicates`` (exact/near), ``languages``, ``dates``, ``outlet_names`` (each raw
        outlet name, its canonical name and whether the outlet table knew it), ``skipped``
        (path, record, reason), ``warnings``, ``ignored``, ``out``, ``report``,
        ``table_sha256``.

    Raises
    ------
    ParameterError
        When a source does not exist.
    IngestError
        When another ingest into ``out`` still runs after ``lock_timeout`` seconds (naming the
        lock file and its process), or the output folder cannot be written.
    """
    out = Path(out) if out else config.ARTICLES_PATH
    report_path = Path(report) if report else report_path_of(out)
    with ingest_lock(out, timeout=lock_timeout):
        articles, summary = _read(
            sources,
            errors="report",
            reader=reader,
            progress=progress,
            jobs=jobs,
            outlets=outlets,
            languages=languages,
            **options,
        )
        _write(articles, summary, sources, out, report_path)
    warn_skipped(summary)
    return summary


def _write(articles: pd.DataFrame, summary: dict, sources, out: Path, report_path: Path) -> None:
    """Stage the table, the raw manifest and the report (with the table's SHA-256), then move
    them into place in that order: an ingest killed in between leaves a report that
    :func:`kit.corpus.load_report` flags as stale, never one that silently disagrees."""
    for path in (out, manifest_path_of(out), report_path):
        remove_stale(path)
    summary["out"] = summary["table_sha256"] = None
    with Staged() as staged:
        if len(articles):
            table = staged.write(out, lambda tmp: articles.to_parquet(tmp, index=False))
            summary["out"] = shown_path(out)
            summary["table_sha256"] = file_sha256(table)
            write_manifest(out, sources, staged=staged)
        summary["report"] = shown_path(report_path)
        write_report(summary, report_path, staged=staged)


# --------------------------------------------------------------------------- reading


def _read(
    src, *, errors, reader, progress, jobs=None, outlets=None, languages=None, **options
) -> tuple[pd.DataFrame, dict]:
    if errors not in _ERRORS:
        raise ParameterError("errors", errors, "'report' or 'raise'")
    table = {} if outlets is False else load_outlets(outlets)
    languages = check_languages(languages)
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ParameterError("jobs", jobs, "a whole number of worker processes, 1 or more")
    check_mapping(options.get("mapping"))
    forced = get_reader(reader) if reader else None
    files, ignored, unreadable = discover(src)
    total = sum(size for _, _, size in files)
    if errors == "raise":
        jobs = 1  # the first bad input must raise in reading order
    state = _State(errors, jobs=jobs or default_jobs(total), languages=languages)
    state.ignored = ignored
    for entry in unreadable:
        state.n_files += 1
        state.skip(entry["path"], entry["reason"], whole_file=True)
    with progress_bar(
        total=total, progress=progress, desc="ingest", unit="B", unit_scale=True
    ) as bar:
        try:
            for path, rel, size in files:
                _read_file(path, rel, size, forced, options, state)
                bar.update(size)
                bar.set_postfix(records=state.n_items, refresh=False)
        except BaseException:
            state.builder.close()
            raise
        state.builder.finish()
    state.outlet_names = _canonical_outlets(state.rows, table)
    sketches, state.sketches = state.sketches, []
    articles = _table(state.rows, sketches, progress=progress)
    return articles, build_report([shown_path(p) for p in sources(src)], articles, state)


def _canonical_outlets(rows: _Columns, table: dict) -> list[dict]:
    """Give each row its canonical outlet (raw name kept in ``outlet_raw``); return the report."""
    raw = rows.fixed["outlet"]
    names, report = outlet_names(raw, table)
    renamed = {i: before for i, (name, before) in enumerate(zip(names, raw)) if name != before}
    rows.fixed["outlet"] = names
    if renamed:
        rows.add_last("outlet_raw", renamed)
    return report


class _Columns:
    """The rows delivered so far, one list per column: a dict per row would take several times
    the memory. The texts are moved into Arrow arrays every :data:`_TEXT_CHUNK` rows (UTF-8
    takes half the memory of Python strings with curly quotes). :meth:`frame` is the
    ``pandas.DataFrame`` of the rows (the extra columns in the order they first appear, NA where
    a row has none), as built from the row dicts."""

    def __init__(self):
        self.fixed: dict[str, list] = {name: [] for name in ROW_FIELDS}
        self.texts: list[pa.Array] = []
        self.extras: dict[str, dict[int, object]] = {}  # column -> {row: value}
        self.first: dict[str, int] = {}  # extra column -> first row that has it
        self.n = 0

    def append(self, row: dict) -> None:
        for name, column in self.fixed.items():
            column.append(row.pop(name))
        for name, value in row.items():
            if name not in self.extras:
                self.extras[name], self.first[name] = {}, self.n
            self.extras[name][self.n] = value
        self.n += 1
        if len(self.fixed["text"]) >= _TEXT_CHUNK:
            self._move_texts()

    def _move_texts(self) -> None:
        self.texts.append(pa.array(self.fixed["text"], type=pa.large_string()))
        self.fixed["text"] = []

    def add_last(self, name: str, values: dict[int, object]) -> None:
        """Add a column each row got after its others (so it comes after them)."""
        first = min(values)
        order = [c for c in self.extras if self.first[c] <= first]
        order += [name] + [c for c in self.extras if self.first[c] > first]
        self.extras[name], self.first[name] = values, first
        self.extras = {c: self.extras[c] for c in order}

    def frame(self) -> pd.DataFrame:
        """The table of the rows; the lists are handed over (and emptied) as it is built."""
        self._move_texts()
        texts, self.texts = pa.chunked_array(self.texts, type=pa.large_string()), []
        data: dict[str, pd.Series] = {}
        for name in list(self.fixed):
            values = self.fixed.pop(name)
            data[name] = pd.Series(pd.arrays.ArrowStringArray(texts) if name == "text" else values)
        for name in list(self.extras):
            extra = self.extras.pop(name)
            data[name] = pd.Series([extra.get(i) for i in range(self.n)])
        return pd.DataFrame(data)


_TEXT_CHUNK = 4096


class _State:
    """What one ingest has collected so far."""

    def __init__(self, errors: str, *, jobs: int, languages=None):
        self.errors = errors
        self.builder = RowBuilder(self.deliver, jobs=jobs, languages=languages)
        self.outlet_names: list[dict] = []
        self.n_items = 0
        self.sketches: list = []
        self.rows = _Columns()
        self.skipped: list[dict] = []
        self.warnings: list[dict] = []
        self.ignored: list[dict] = []
        self.files_per_format: Counter = Counter()
        self.n_files = 0

    def skip(self, rel: str, reason: str, record: int | None = None, *, whole_file: bool):
        if self.errors == "raise":
            raise IngestError(rel, reason, record=record)
        self.skipped.append(
            {
                "path": rel,
                "record": record,
                "reason": reason,
                "kind": "file" if whole_file else "record",
            }
        )

    def deliver(self, rel: str, result) -> None:
        """Take one :func:`kit.corpus.rows.make_row` result."""
        row, sketch, skipped, warnings = result
        for record, message in warnings:
            self.warnings.append({"path": rel, "record": record, "reason": message})
        if row is None:
            self.skip(rel, skipped[1], skipped[0], whole_file=False)
            return
        self.rows.append(row)
        self.sketches.append(sketch)


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
    if shown_name(path.name) != path.name:
        state.warnings.append({"path": rel, "record": None, "reason": _UNDECODABLE_NAME})
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
        reason = (
            f"this is {kind}; kit reads text formats only"
            if kind
            else f"no reader for files like this (extension {path.suffix or '(none)'!r}); "
            f"kit reads {', '.join(supported_extensions())} and formats it recognizes "
            "by content. Rename the file if it is one of those, or add a reader "
            "(see README, 'Extending kit')"
        )
        state.skip(rel, reason, whole_file=True)
        return
    found, token = collect_warnings()
    n_before, n_skipped, position = state.n_items, len(state.skipped), 0
    try:
        for position, item in enumerate(
            reader.read(path, **_accepted_options(reader.func, options)), 1
        ):
            if isinstance(item, SkippedRecord):
                state.skip(rel, item.reason, item.record, whole_file=False)
            elif isinstance(item, dict):
                state.n_items += 1
                state.builder.add(item, reader.name, rel, position)
            else:
                state.skip(
                    rel,
                    f"the {reader.name} reader produced a {type(item).__name__}, not an article",
                    position,
                    whole_file=False,
                )
    except IngestError as exc:
        if state.errors == "raise":
            raise IngestError(rel, exc.reason, record=exc.record) from None
        _stop(state, rel, exc.reason, exc.record, position, n_before)
    except KitError as exc:
        _stop(state, rel, clean_string(str(exc)), None, position, n_before)
    except Exception as exc:  # a reader bug must not stop the ingest nor lose the file
        reason = _failure_reason(reader.name, exc)
        if state.errors == "raise":
            raise IngestError(rel, reason) from exc
        _stop(state, rel, reason, None, position, n_before)
    finally:
        stop_collecting(token)
    for record, reason in found:
        state.warnings.append({"path": rel, "record": record, "reason": reason})
    if state.n_items > n_before:
        state.files_per_format[reader.name] += 1
    elif len(state.skipped) == n_skipped:
        state.skip(rel, f"no articles found (read as {reader.name})", whole_file=True)


_UNDECODABLE_NAME = (
    "the file name is not valid UTF-8 (e.g. from a Windows zip); it is shown with its "
    "undecodable bytes as \\xNN escapes"
)


def _failure_reason(reader: str, exc: Exception) -> str:
    """Say what is wrong with a file its reader failed on; the library's message as detail."""
    detail = clean_string(f"{type(exc).__name__}: {exc}")[:300]
    if isinstance(exc, MemoryError):
        what = "the file is too large to read in memory; split it into smaller exports"
    elif isinstance(exc, (UnicodeError, ValueError, LookupError)):
        what = (
            f"the file does not hold what a {reader} file should (damaged, cut short, or in "
            "another format or encoding); export it again, or name the right reader"
        )
    else:
        what = (
            f"the file could not be read as {reader} (damaged, cut short, or in another "
            "format); export it again, or name the right reader"
        )
    return f"{what}; detail: {detail}"


def _stop(state: _State, rel, reason, record, position, n_before) -> None:
    loaded = state.n_items - n_before
    if loaded:
        reason = f"reading stopped after {loaded} article(s): {reason}"
        record = record or position + 1
    state.skip(rel, reason, record, whole_file=not loaded)


# --------------------------------------------------------------------------- table


def _table(rows: _Columns, sketches: list, *, progress: bool) -> pd.DataFrame:
    if not rows.n:
        return coerce_articles(pd.DataFrame(columns=list(ARTICLE_COLUMNS)))
    frame = rows.frame()
    frame["doc_id"] = unique_ids(
        frame["doc_id"].tolist(), frame["path"].tolist(), frame["record"].tolist()
    )
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    duplicates = find_duplicates(frame, progress=progress, sketches=sketches)
    frame = with_duplicate_of(frame, duplicates)
    extras = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    articles = coerce_articles(frame)
    for column in extras:
        articles[column] = articles[column].astype("string")
    articles.attrs = {"duplicate_kinds": dict(Counter(duplicates["kind"]))}
    return validate_articles(articles)
