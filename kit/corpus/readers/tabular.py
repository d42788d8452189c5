"""Tables of articles: JSON, JSON Lines, CSV, TSV and Parquet, one article per row/object.

Columns are mapped to article fields by name (``headline``/``title``, ``body``/``content``/
``article``/``text``, ``date``/``pubdate``/``published``, ``source``, ``outlet``/``publication``/
``journal``, ``url``/``link``, ``author``/``byline`` ...; see
:data:`kit.corpus.readers._fields.FIELD_ALIASES`). Pass ``mapping={"text": "story_html", ...}`` to
:func:`kit.read_articles` to choose columns yourself. Other columns are kept as extra columns.

A JSON file holds a list of objects, an object with such a list under ``articles``, ``data``,
``items``, ``records``, ``results``, ``documents`` or ``docs``, or a single article object.
Records are numbered from 1: the line for JSON Lines, the data row (header excluded) for CSV/TSV,
the position for JSON and Parquet.

A text cell holding a whole export document (a Nexis Uni / Lexis Advance, LexisNexis Academic or
Factiva document, as researchers paste them into a table) is parsed by that export's field logic
(:mod:`kit.corpus.readers._documents`): headline, outlet, date, byline, section and the trailer
go to their columns, only the body to ``text``; a Nexis cover page is a skipped record.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kit.corpus.readers._documents import merge_document, parse_cell
from kit.corpus.readers._fields import FIELD_ALIASES, extra_name, map_columns, require_text
from kit.corpus.readers._text_io import binary_kind, read_text
from kit.corpus.readers.registry import SkippedRecord, register_reader
from kit.errors import IngestError

_LIST_KEYS = ("articles", "data", "items", "records", "results", "documents", "docs", "response")
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles can be longer than csv's 128 kB


def _value(value):
    """Flatten one cell: NaN/None -> None, lists joined with '; ', {'name': x} -> x."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dict):
        for key in ("name", "title", "value", "text"):
            if key in value:
                return _value(value[key])
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple)):
        parts = [_value(v) for v in value]
        return "; ".join(str(p) for p in parts if p not in (None, ""))
    return value


def _with_document(record: dict, chosen: dict, mapping) -> dict | SkippedRecord:
    """Parse the text cell when it holds a whole export document (see :mod:`._documents`)."""
    text = record.get("text")
    parsed = parse_cell(text, record=record["record"]) if isinstance(text, str) else None
    if parsed is None or isinstance(parsed, SkippedRecord):
        return parsed or record
    return merge_document(record, parsed, chosen, set(mapping or ()))


def _records(rows, columns, chosen: dict, *, numbers=None, mapping=None):
    """Turn row dicts into article dicts using one column mapping (see :func:`map_columns`)."""
    used = set(chosen.values())
    extras = {c: extra_name(c) for c in columns if c not in used}
    for position, row in enumerate(rows, start=1):
        number = numbers[position - 1] if numbers else position
        record = {field: _value(row.get(column)) for field, column in chosen.items()}
        record.update({name: _value(row.get(c)) for c, name in extras.items()})
        record["record"] = number
        yield _with_document(record, chosen, mapping)


def _object_records(numbered: Iterable[tuple[int, object]], *, mapping, path):
    """Map (record number, JSON object) pairs; the keys may differ from one object to the next.

    A pair may instead hold a :class:`SkippedRecord`, passed on as it is.
    """
    cache: dict[tuple, dict] = {}
    for number, obj in numbered:
        if isinstance(obj, SkippedRecord):
            yield obj
            continue
        if not isinstance(obj, dict):
            yield SkippedRecord(
                number, f"expected a JSON object (an article), got a {type(obj).__name__}"
            )
            continue
        keys = tuple(obj)
        if keys not in cache:
            cache[keys] = map_columns(keys, mapping=mapping, path=path)
        chosen = cache[keys]
        if "text" not in chosen:
            yield SkippedRecord(
                number,
                f"no field holds the article text; fields found: "
                f"{list(keys)}; accepted names: "
                f"{list(FIELD_ALIASES['text'])}",
            )
            continue
        used = set(chosen.values())
        record = {field: _value(obj.get(column)) for field, column in chosen.items()}
        record.update({extra_name(k): _value(v) for k, v in obj.items() if k not in used})
        record["record"] = number
        yield _with_document(record, chosen, mapping)


def _json_error(path, exc: json.JSONDecodeError, what="the file") -> str:
    truncated = exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string")
    ending = " (the file ends early: is it truncated?)" if truncated else ""
    return f"{what} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}){ending}"


@register_reader("json", extensions=(".json",))
def read_json(path: Path, *, mapping: dict | None = None, **options):
    """JSON: a list of article objects (or {"articles": [...]}, or one article object)."""
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, _json_error(path, exc)) from None
    if isinstance(data, dict):
        inner = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        if inner is None and isinstance(data.get("response"), dict):
            inner = next(
                (
                    data["response"][k]
                    for k in _LIST_KEYS
                    if isinstance(data["response"].get(k), list)
                ),
                None,
            )
        data = inner if inner is not None else [data]
    if not isinstance(data, list):
        raise IngestError(
            path, f"expected a JSON list of article objects, got a {type(data).__name__}"
        )
    yield from _object_records(enumerate(data, start=1), mapping=mapping, path=path)


@register_reader("jsonl", extensions=(".jsonl", ".ndjson", ".jsonlines"))
def read_jsonl(path: Path, *, mapping: dict | None = None, **options):
    """JSON Lines: one article object per line (a bad line is skipped and reported).

    A UTF-8 file is read line by line, so memory does not grow with the file; other encodings
    are detected on the whole file (see :func:`kit.corpus.readers._text_io.decode_bytes`).
    """
    lines = _utf8_lines(path)
    if lines is None:
        lines = iter(read_text(path).split("\n"))
    yield from _object_records(_parsed_lines(lines, path), mapping=mapping, path=path)


def _parsed_lines(lines: Iterator[str], path: Path):
    """(line number, object or SkippedRecord) for each line that is not blank."""
    empty = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        empty = False
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                SkippedRecord(
                    number, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})"
                ),
            )
    if empty:
        raise IngestError(path, "the file is empty")


_CHUNK = 1 << 20


def _utf8_lines(path: Path) -> Iterator[str] | None:
    """The lines of a UTF-8 text file, read as they are needed; None when it is not UTF-8.

    The lines are those of ``read_text(path).split("\\n")``: a BOM is dropped and ``\\r\\n`` and
    ``\\r`` end lines too. The whole file is checked first (in chunks), so a file that turns
    out not to be UTF-8 is decoded by :func:`read_text` before any record is read.
    """
    with open(path, "rb") as fh:
        head = fh.read(_CHUNK)
        kind = binary_kind(head)
        if kind or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None  # read_text refuses it, or decodes UTF-16
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = fh.read(_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return _lines(path, skip=len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)


def _lines(path: Path, *, skip: int) -> Iterator[str]:
    """The lines of a UTF-8 file from byte ``skip`` on, ``\r\n`` and ``\r`` ending lines too.

    Read a chunk at a time and split at ``\n`` bytes (never inside a UTF-8 character): a
    buffered file's own line iteration copies each line longer than its buffer several times.
    """
    with open(path, "rb") as fh:
        fh.seek(skip)
        carry = ""  # the text after the last line break so far
        pending: list[bytes] = []  # the bytes of a line not yet ended
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            if b"\n" not in chunk:
                pending.append(chunk)
                continue
            *ended, rest = chunk.split(b"\n")
            if pending:
                ended[0] = b"".join([*pending, ended[0]])
            pending = [rest]
            for raw in ended:
                line = raw.decode("utf-8")
                if not carry and "\r" not in line:
                    yield line
                    continue
                *done, carry = _universal(carry + line + "\n").split("\n")
                yield from done
        *done, carry = _universal(carry + b"".join(pending).decode("utf-8")).split("\n")
        yield from done
        yield carry


def _universal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _delimiter(header_line: str, default: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts.get(default, 0) else default


def _read_delimited(path: Path, default: str, mapping):
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "the file is empty")
    delimiter = _delimiter(text.partition("\n")[0], default)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise IngestError(path, f"the header row cannot be read: {exc}") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    chosen = map_columns(header, mapping=mapping, path=path)
    require_text(chosen, header, path)
    rows, numbers, skipped = [], [], []
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            skipped.append(SkippedRecord(number, f"row {number} cannot be parsed: {exc}"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            skipped.append(
                SkippedRecord(
                    number,
                    f"row {number} has {len(row)} fields but the "
                    f"header has {len(header)} (delimiter "
                    f"{delimiter!r}; check quoting)",
                )
            )
            continue
        rows.append({h: (cell if cell.strip() else None) for h, cell in zip(header, row)})
        numbers.append(number)
    yield from skipped
    yield from _records(rows, header, chosen, numbers=numbers, mapping=mapping)


@register_reader("csv", extensions=(".csv",))
def read_csv(path: Path, *, mapping: dict | None = None, **options):
    """CSV with a header row (comma; semicolon-separated files are recognized too)."""
    yield from _read_delimited(path, ",", mapping)


@register_reader("tsv", extensions=(".tsv", ".tab"))
def read_tsv(path: Path, *, mapping: dict | None = None, **options):
    """TSV (tab-separated) with a header row."""
    yield from _read_delimited(path, "\t", mapping)


def _sniff_parquet(head: bytes, path: Path) -> bool:
    return head.startswith(b"PAR1")


@register_reader("parquet", extensions=(".parquet", ".pq"), sniff=_sniff_parquet, priority=5)
def read_parquet(path: Path, *, mapping: dict | None = None, **options):
    """Parquet table, one article per row (e.g. another kit corpus or a pandas export)."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError with technical messages
        raise IngestError(path, f"this is not a readable Parquet file ({exc})") from None
    columns = parquet.schema_arrow.names
    chosen = map_columns(columns, mapping=mapping, path=path)
    require_text(chosen, columns, path)
    number = 0
    for batch in parquet.iter_batches(batch_size=2048):
        rows = batch.to_pylist()
        numbers = list(range(number + 1, number + len(rows) + 1))
        number += len(rows)
        yield from _records(rows, columns, chosen, numbers=numbers, mapping=mapping)
