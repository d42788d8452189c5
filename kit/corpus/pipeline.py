"""Ingest: read -> normalize -> deduplicate -> validate -> write Parquet; and load.

Every file under the sources is either read into the articles table or listed in the ingest
report with the reason (hidden files such as ``.DS_Store`` are listed as ignored); every record a
reader cannot use is listed with its record (line, row) number. One broken file never stops the
others unless ``errors="raise"``.

The rows are kept in parts of at most ``partition_rows`` articles (``KIT_PARTITION_ROWS``, else
:data:`kit.parallel.PARTITION_ROWS`): :func:`ingest` moves each full part to a work file beside
the table as soon as it is complete, and keeps in memory only what the whole table needs (ids,
dates, outlets and the duplicate-detection sketches, a few hundred bytes per article), so its
memory does not grow with the texts. Once every record is read, the ids are made unique, the
outlets named and the duplicates found over all sketches (exact across parts); then each part
is finished and written. A table of at most ``partition_rows`` articles is one Parquet file; a
larger one is a folder of part files ``part-00000.parquet``, ``part-00001.parquet``, ... of the
same schema, in ``doc_id`` order (:func:`kit.corpus.load_articles` reads both).
"""

from __future__ import annotations

import inspect
import os
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from kit import config
from kit.corpus.atomic import Staged, remove_stale
from kit.corpus.dedup import find_duplicates
from kit.corpus.discover import discover, sources
from kit.corpus.ids import unique_ids
from kit.corpus.language import check_languages
from kit.corpus.limits import clean_string, shown_name
from kit.corpus.lock import ingest_lock
from kit.corpus.manifest import (
    manifest_path_of,
    raw_manifest,
    read_manifest,
    table_sha256,
    write_manifest,
)
from kit.corpus.outlets import load_outlets, outlet_names
from kit.corpus.readers import SkippedRecord, detect_reader, get_reader, supported_extensions
from kit.corpus.readers._fields import check_mapping
from kit.corpus.readers._text_io import binary_kind, collect_warnings, stop_collecting
from kit.corpus.readers.registry import SNIFF_BYTES
from kit.corpus.report import build_report, report_path_of, shown_path, warn_skipped, write_report
from kit.corpus.rows import ROW_FIELDS, RowBuilder, default_jobs
from kit.errors import IngestError, KitError, ParameterError
from kit.parallel import PARTITION_ROWS
from kit.parallel.cluster import PARTITION_ROWS_ENV
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
    rows, report = _read(
        src,
        errors=errors,
        reader=reader,
        progress=progress,
        jobs=jobs,
        outlets=outlets,
        languages=languages,
        part_rows=_partition_rows(None),
        **options,
    )
    articles = rows.frame()
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
    partition_rows: int | None = None,
    **options,
) -> dict:
    """Read ``sources`` and write the articles table (Parquet) and the ingest report (JSON).

    Parameters
    ----------
    sources : str, Path or list of them, optional
        Files and folders to read; default ``corpus/raw``.
    out : str or Path, optional
        The table to write; default ``corpus/processed/articles.parquet``: a Parquet file, or,
        for more than ``partition_rows`` articles, a folder of that name holding the part files.
        It is replaced only once complete, and not written (an existing one is left alone)
        when no article was read.
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
    partition_rows : int, optional
        Most articles per part file (see the module's documentation); default the
        ``KIT_PARTITION_ROWS`` environment variable, else :data:`kit.parallel.PARTITION_ROWS`.

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
        When a source does not exist, or ``partition_rows`` (``KIT_PARTITION_ROWS``) is not a
        whole number of 1 or more.
    IngestError
        When another ingest into ``out`` still runs after ``lock_timeout`` seconds (naming the
        lock file and its process), or the output folder cannot be written.
    """
    out = Path(out) if out else config.ARTICLES_PATH
    report_path = Path(report) if report else report_path_of(out)
    part_rows = _partition_rows(partition_rows)
    with ingest_lock(out, timeout=lock_timeout):
        for path in (out, manifest_path_of(out), report_path):
            remove_stale(path)
        with Staged() as staged:
            rows, summary = _read(
                sources,
                errors="report",
                reader=reader,
                progress=progress,
                jobs=jobs,
                outlets=outlets,
                languages=languages,
                spool=staged.scratch_folder(out),
                part_rows=part_rows,
                **options,
            )
            _write(rows, summary, sources, out, report_path, staged)
    warn_skipped(summary)
    return summary


def _partition_rows(rows: int | None) -> int:
    """``partition_rows``, else ``KIT_PARTITION_ROWS``, else :data:`kit.parallel.PARTITION_ROWS`."""
    name, value = "partition_rows", rows  # type: tuple[str, object]
    if rows is None:
        name, value = PARTITION_ROWS_ENV, os.environ.get(PARTITION_ROWS_ENV, "").strip()
        if not value:
            return PARTITION_ROWS
    try:
        number = int(value)  # type: ignore[call-overload]
        valid = not isinstance(value, (bool, float)) and str(number) == str(value).strip()
    except (TypeError, ValueError):
        valid = False
    if not valid or number < 1:
        raise ParameterError(name, value, "a whole number of articles per part file, 1 or more")
    return number


def _write(rows: _Rows, summary: dict, sources, out: Path, report_path: Path, staged) -> None:
    """Stage the table, the raw manifest and the report (with the table's SHA-256) in
    ``staged``, which moves them into place in that order: an ingest killed in between leaves a
    report that :func:`kit.corpus.load_report` flags as stale, never one that silently
    disagrees. The table is written one finished part at a time."""
    summary["out"] = summary["table_sha256"] = None
    if rows.n:
        with ThreadPoolExecutor(max_workers=1) as hashing:  # hashlib releases the interpreter
            manifest = hashing.submit(raw_manifest, sources, read_manifest(out))
            if rows.n_parts == 1:
                part = next(rows.parts())
                table = staged.write(out, lambda tmp: part.to_parquet(tmp, index=False))
                del part
            else:
                table = staged.write(out, rows.write_parts, folder=True)
            summary["out"] = shown_path(out)
            summary["table_sha256"] = table_sha256(table)
            write_manifest(out, sources, staged=staged, manifest=manifest.result())
    summary["report"] = shown_path(report_path)
    write_report(summary, report_path, staged=staged)


# --------------------------------------------------------------------------- reading


def _read(
    src,
    *,
    errors,
    reader,
    progress,
    jobs=None,
    outlets=None,
    languages=None,
    spool: Path | None = None,
    part_rows: int = PARTITION_ROWS,
    **options,
) -> tuple[_Rows, dict]:
    """Read every record into :class:`_Rows` (parts in ``spool``, or in memory when None or
    the input is under :data:`SPOOL_ABOVE_BYTES`) and build the report."""
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
    state = _State(
        errors,
        jobs=jobs or default_jobs(total),
        languages=languages,
        rows=_Rows(part_rows, spool if total > SPOOL_ABOVE_BYTES else None),
    )
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
    state.outlet_names = state.rows.finish(table, progress=progress)
    report = build_report([shown_path(p) for p in sources(src)], state.rows.summary(), state)
    return state.rows, report


class _Columns:
    """The rows of one part, one list per column: a dict per row would take several times
    the memory. The texts are moved into Arrow arrays every :data:`_TEXT_CHUNK` rows (UTF-8
    takes half the memory of Python strings with curly quotes). :meth:`frame` is the
    ``pandas.DataFrame`` of the rows (the part's extra columns in the order they first appear,
    NA where a row has none), as built from the row dicts."""

    def __init__(self):
        self.fixed: dict[str, list] = {name: [] for name in ROW_FIELDS}
        self.texts: list[pa.Array] = []
        self.extras: dict[str, dict[int, object]] = {}  # column -> {row: value}
        self.n = 0

    def append(self, row: dict) -> None:
        """Add one row, its ``text`` as UTF-8 bytes."""
        for name, column in self.fixed.items():
            column.append(row.pop(name))
        for name, value in row.items():
            self.extras.setdefault(name, {})[self.n] = value
        self.n += 1
        if len(self.fixed["text"]) >= _TEXT_CHUNK:
            self._move_texts()

    def _move_texts(self) -> None:
        # one buffer of the exact size, joined: an Arrow builder would grow (and copy) it
        encoded = self.fixed["text"]
        ends = np.cumsum([len(text) for text in encoded], dtype=np.int64)
        offsets = pa.py_buffer(np.concatenate(([0], ends)))
        texts = pa.LargeStringArray.from_buffers(
            len(encoded), offsets, pa.py_buffer(b"".join(encoded))
        )
        texts.validate(full=True)  # UTF-8
        self.texts.append(texts)
        self.fixed["text"] = []

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


#: Inputs up to this size (bytes) keep their parts in memory until they are written (their
#: texts take about the input's size); larger ones spool them to disk, so memory does not grow
#: with the corpus.
SPOOL_ABOVE_BYTES = 1_000_000_000
_TEXT_CHUNK = 4096
_WRITERS = 2  # threads writing Parquet parts at the end of an ingest
#: The columns of every row that the whole table needs, kept in memory for every row.
_KEPT = ("doc_id", "path", "record", "outlet", "language", "format")


class _Rows:
    """The rows of one ingest, in parts of at most ``part_rows`` rows.

    Each full part is spooled: written to a Feather file in ``spool`` (or kept in memory when
    ``spool`` is None), so only the columns of :data:`_KEPT`, the dates and the sketches stay
    in memory for every row. :meth:`finish` then works on the whole table (unique ids,
    canonical outlets, duplicates over all sketches) and :meth:`parts` gives the finished
    parts of the articles table, one at a time, in reading order.
    """

    def __init__(self, part_rows: int, spool: Path | None):
        self.part_rows, self.spool = part_rows, spool
        self.current = _Columns()
        self.spooled: list[Path | pd.DataFrame | None] = []
        self.kept: dict[str, list] = {name: [] for name in _KEPT}
        self.published: list[pd.Series] = []
        self.sketches: list = []
        self.first: dict[str, int] = {}  # extra column -> first row that has it
        self.outlet_raw: dict[int, str] = {}
        self.duplicate_of: list[str | None] = []
        self.kinds: dict[str, int] = {}
        self.n = 0

    @property
    def n_parts(self) -> int:
        return len(self.spooled)

    def append(self, row: dict, sketch) -> None:
        """Add one row and its sketch (None for a blank text: never a duplicate)."""
        for name in row:
            if name not in _FIXED and name not in self.first:
                self.first[name] = self.n
        self.sketches.append(sketch)
        self.current.append(row)
        self.n += 1
        if self.current.n >= self.part_rows:
            self._spool()

    def _spool(self) -> None:
        columns, self.current = self.current, _Columns()
        for name, values in self.kept.items():
            values += columns.fixed[name]
        frame = columns.frame()
        frame["published"] = pd.to_datetime(frame["published"], utc=True)
        self.published.append(frame["published"].astype(ARTICLE_COLUMNS["published"]))
        if self.spool is None:
            self.spooled.append(frame)
            return
        path = self.spool / f"part-{len(self.spooled):05d}.arrow"
        frame.to_feather(path, compression="zstd")  # faster than lz4 here, and half the size
        self.spooled.append(path)

    def finish(self, table: dict, *, progress: bool) -> list[dict]:
        """Spool the last part, make the ids unique, give each row its canonical outlet (the
        raw name kept in ``outlet_raw``) and find the duplicates; return the outlets' report."""
        if self.current.n:
            self._spool()
        kept = self.kept
        kept["doc_id"] = unique_ids(kept["doc_id"], kept["path"], kept["record"])
        raw = kept["outlet"]
        names, report = outlet_names(raw, table)
        self.outlet_raw = {i: old for i, (name, old) in enumerate(zip(names, raw)) if name != old}
        kept["outlet"] = names
        if self.outlet_raw:  # a column each row got after its others, so it comes after them
            first = min(self.outlet_raw)
            order = [c for c in self.first if self.first[c] <= first]
            order += ["outlet_raw"] + [c for c in self.first if self.first[c] > first]
            self.first["outlet_raw"] = first
            self.first = {c: self.first[c] for c in order}
        if self.n:
            published = pd.concat(self.published, ignore_index=True)
            sketches, self.sketches = self.sketches, []
            found = find_duplicates(
                pd.DataFrame({"doc_id": kept["doc_id"], "published": published}),
                progress=progress,
                sketches=sketches,
            )
            del sketches
            mapping = dict(zip(found["doc_id"], found["duplicate_of"]))
            self.duplicate_of = [mapping.get(doc_id) for doc_id in kept["doc_id"]]
            self.kinds = dict(Counter(found["kind"]))
        return report

    def summary(self) -> pd.DataFrame:
        """The columns of the table the report counts (its ``attrs`` hold the duplicate kinds)."""
        if not self.n:
            frame = coerce_articles(pd.DataFrame(columns=list(ARTICLE_COLUMNS)))
        else:
            columns = {
                "published": pd.concat(self.published, ignore_index=True),
                "language": pd.Series(self.kept["language"], dtype="string"),
                "format": pd.Series(self.kept["format"], dtype="string"),
                "duplicate_of": pd.Series(self.duplicate_of, dtype="string"),
            }
            frame = pd.DataFrame(columns)
        frame.attrs = {"duplicate_kinds": dict(self.kinds)}
        return frame

    def parts(self):
        """The finished parts of the articles table, in order (each spooled part read once)."""
        start = 0
        for i, spooled in enumerate(self.spooled):
            self.spooled[i] = None
            if isinstance(spooled, Path):
                frame = pd.read_feather(spooled)
                spooled.unlink()
            elif spooled is None:
                raise RuntimeError("the parts of an ingest can be taken once only")
            else:
                frame = spooled
            part = self._finished(frame, start)
            start += len(part)
            del frame
            yield part

    def _finished(self, frame: pd.DataFrame, start: int) -> pd.DataFrame:
        """One spooled part as rows of the articles table (ids, outlets, duplicates set)."""
        stop = start + len(frame)
        data = {name: frame[name] for name in ROW_FIELDS}
        for name in ("doc_id", "outlet"):
            data[name] = pd.Series(self.kept[name][start:stop], index=frame.index)
        for name in self.first:
            if name == "outlet_raw" and self.outlet_raw:
                values = [self.outlet_raw.get(i) for i in range(start, stop)]
                data[name] = pd.Series(values, index=frame.index, dtype="object")
            elif name in frame:
                data[name] = frame[name]
            else:
                data[name] = pd.Series(None, index=frame.index, dtype="object")
        data["duplicate_of"] = pd.Series(
            self.duplicate_of[start:stop], index=frame.index, dtype="string"
        )
        articles = coerce_articles(pd.DataFrame(data))
        for column in self.first:
            articles[column] = articles[column].astype("string")
        return validate_articles(articles)

    def write_parts(self, folder: Path) -> None:
        """Write the finished parts as ``part-00000.parquet``, ... into ``folder``.

        Up to :data:`_WRITERS` parts are written in threads while the next one is made: Arrow
        encodes and compresses without holding the interpreter, so they share the cores.
        """
        with ThreadPoolExecutor(max_workers=_WRITERS) as writer:
            pending: deque[Future] = deque()
            for i, part in enumerate(self.parts()):
                if len(pending) == _WRITERS:
                    pending.popleft().result()
                path = folder / f"part-{i:05d}.parquet"
                pending.append(writer.submit(part.to_parquet, path, index=False))
                del part
            for written in pending:
                written.result()

    def frame(self) -> pd.DataFrame:
        """The whole articles table (in memory)."""
        if not self.n:
            return self.summary()
        parts = list(self.parts())
        articles = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        articles.attrs = {}
        return articles


_FIXED = frozenset(ROW_FIELDS)


class _State:
    """What one ingest has collected so far."""

    def __init__(self, errors: str, *, jobs: int, languages=None, rows: _Rows):
        self.errors = errors
        # with errors="raise", the first bad input must raise in reading order
        self.builder = RowBuilder(
            self.deliver, jobs=jobs, languages=languages, immediate=errors == "raise"
        )
        self.outlet_names: list[dict] = []
        self.n_items = 0
        self.rows = rows
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
        self.rows.append(row, sketch if row["text"].strip() else None)


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
