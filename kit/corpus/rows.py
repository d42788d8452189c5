"""One reader record -> one row of the articles table (clean, date, language, id, sketch).

:func:`make_row` is pure, so ingest can run it in worker processes (:class:`RowBuilder`) while
the readers, which may be a researcher's own functions, run in the main process.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from kit.corpus.dates import parse_date
from kit.corpus.dedup import counted_sketch, sketch
from kit.corpus.ids import content_id
from kit.corpus.language import (
    LOW_CONFIDENCE,
    SAMPLE_CHARS,
    detect,
    detect_language,
    detect_many,
    language_code,
)
from kit.corpus.limits import MAX_FIELD_CHARS, MAX_TEXT_CHARS, clean_string
from kit.corpus.normalize import normalize_text, normalize_title
from kit.parallel import resolve_jobs, worker_pool
from kit.validate import ARTICLE_COLUMNS

#: Inputs smaller than this (bytes) are cleaned in the main process: a pool would not pay off.
PARALLEL_MIN_BYTES = 8_000_000
_BATCH = 256
#: Batches in flight per worker: enough to keep the workers busy, few enough that the records
#: and rows waiting in this process stay a bounded amount of memory.
_IN_FLIGHT = 3
_NOT_LETTER = re.compile(r"[\W\d_]+")
READER_FIELDS = {
    "title",
    "text",
    "published",
    "published_raw",
    "author",
    "section",
    "url",
    "native_id",
    "source",
    "outlet",
    "language",
    "record",
}
_COMPUTED = {"doc_id", "n_words", "duplicate_of", "path", "format"}
#: The columns of every row :func:`make_row` makes, in their order (extra columns follow).
ROW_FIELDS = (
    "doc_id", "source", "outlet", "title", "published", "published_raw", "author", "section",
    "url", "native_id", "language", "text", "n_words", "path", "record", "format",
)  # fmt: skip


def _str(value) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = " ".join(clean_string(str(value)).split())
    return text or None


def _extra_value(value):
    if isinstance(value, (list, tuple)):
        return clean_string("; ".join(str(v) for v in value if v is not None))
    if isinstance(value, dict):
        return clean_string(json.dumps(value, ensure_ascii=False, default=str))
    return _str(value)


def _bounded(row: dict, record: int, warnings: list) -> None:
    """Cut every field but the text to :data:`~kit.corpus.limits.MAX_FIELD_CHARS`, warning."""
    for name, value in row.items():
        if name != "text" and isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            row[name] = value[:MAX_FIELD_CHARS]
            warnings.append(
                (
                    record,
                    f"field {name!r} is {len(value):,} characters long; kept its first "
                    f"{MAX_FIELD_CHARS:,} (a field other than the text is rarely over 1,000)",
                )
            )


def published(raw, raw_string=None) -> tuple[pd.Timestamp, str | None]:
    """Return (UTC timestamp or NaT, original string) for a reader's ``published`` value.

    Strings go to :func:`kit.corpus.dates.parse_date`; datetimes are converted (naive ones are UTC);
    numbers are Unix times in seconds or milliseconds.

    Examples
    --------
    >>> published("4/14/2024 8:47:32 AM")
    (Timestamp('2024-04-14 08:47:32+0000', tz='UTC'), '4/14/2024 8:47:32 AM')
    >>> published(1713084452)[0]
    Timestamp('2024-04-14 08:47:32+0000', tz='UTC')
    """
    if raw is None or raw is pd.NaT or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw)):
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
    text = clean_string(str(raw)).strip()
    return parse_date(text) if text else pd.NaT, _str(raw_string) or (text or None)


@functools.lru_cache(maxsize=256)
def _default_source(rel: str) -> str:
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else Path(rel).stem


def make_row(item: dict, fmt: str, rel: str, position: int, languages=None):
    """Turn one reader record into a row of the articles table.

    Parameters
    ----------
    item : dict
        What the reader yielded (see :mod:`kit.corpus.readers.registry`).
    fmt, rel : str
        Reader name and the file's relative path.
    position : int
        1-based position of the record among those the reader yielded (used when the reader
        gives no ``record``).
    languages : sequence of str, optional
        The languages detection may choose from (see :func:`kit.corpus.language.detect`).

    Returns
    -------
    (dict or None, tuple or None, tuple or None, list)
        The row (``doc_id`` not yet made unique), its duplicate-detection sketch, ``(record,
        reason)`` when the record is skipped (then the row is None), and warnings as
        ``(record, reason)``. Never raises: a record that cannot be cleaned is skipped with
        the reason (the library's message kept as a detail).
    """
    return _row(item, fmt, rel, position, languages, None)


def _row(item: dict, fmt: str, rel: str, position: int, languages, deferred: list | None):
    """:func:`make_row`; with ``deferred`` (a batch of :func:`_make_rows`), a language to detect
    is left to the caller: the row, its warnings, where the detection's warning goes and the
    text to detect are appended; and the row's text is given as its UTF-8 bytes."""
    record = item.get("record") if isinstance(item, dict) else None
    record = int(record) if isinstance(record, int) and record > 0 else position
    try:
        return _make_row(item, fmt, rel, record, languages, deferred)
    except Exception as exc:  # one odd record must not stop the ingest (nor kill a worker)
        reason = (
            "the record holds values kit cannot turn into an article (fields must be text, "
            f"numbers or dates); detail: {type(exc).__name__}: {clean_string(str(exc))[:300]}"
        )
        return None, None, (record, reason), []


def _make_row(item: dict, fmt: str, rel: str, record: int, languages, deferred: list | None):
    raw_text = item.get("text")
    if isinstance(raw_text, (list, tuple)):  # a reader may give the paragraphs
        raw_text = "\n\n".join(str(p) for p in raw_text if p is not None)
    raw_text = "" if raw_text is None or raw_text is pd.NA else clean_string(str(raw_text))
    if len(raw_text) > MAX_TEXT_CHARS:
        return (
            None,
            None,
            (
                record,
                f"the article text is {len(raw_text):,} characters long; "
                f"kit accepts at most {MAX_TEXT_CHARS:,} (a news article is "
                "rarely over 50,000): is this file one article, or several "
                "that the reader could not separate?",
            ),
            [],
        )
    source = _str(item.get("source")) or _default_source(rel)
    text = normalize_text(raw_text, source=source)
    title = normalize_title(_str(item.get("title")))
    if not text and not title:
        return None, None, (record, "the record has neither text nor a title"), []
    stamp, published_raw = published(item.get("published"), item.get("published_raw"))
    # one pass over the text counts its words (normalized: separated by spaces and line breaks
    # only, so this is count_words) and sketches it
    encoded = text.encode("utf-8")
    n_words, sketched = counted_sketch(text, encoded=encoded)
    warnings = []
    if stamp is pd.NaT and published_raw:
        warnings.append(
            (record, f"date {published_raw!r} not understood; published is left empty (NaT)")
        )
    row = {
        "doc_id": content_id(
            title=item.get("title"),
            text=raw_text,
            published_raw=published_raw,
            native_id=item.get("native_id"),
            url=item.get("url"),
        ),
        "source": source,
        "outlet": _str(item.get("outlet")) or source,
        "title": title or None,
        "published": stamp,
        "published_raw": published_raw,
        "author": _str(item.get("author")),
        "section": _str(item.get("section")),
        "url": _str(item.get("url")),
        "native_id": _str(item.get("native_id")),
        "language": language_code(item.get("language")),
        "text": text if deferred is None else encoded,
        "n_words": n_words,
        "path": rel,
        "record": record,
        "format": fmt,
    }
    if row["language"] is None:
        sample = f"{title}\n{text[:SAMPLE_CHARS]}"  # detection reads no further
        if deferred is None:
            _set_language(row, warnings, len(warnings), record, detect(sample, languages))
        else:
            deferred.append((row, warnings, len(warnings), record, sample))
    odd = suspicious(text)
    if odd:
        warnings.append((record, f"suspicious: {odd}"))
    for key, value in item.items():
        if key not in READER_FIELDS:
            key = clean_string(str(key))
            name = f"input_{key}" if key in _COMPUTED or key in ARTICLE_COLUMNS else key
            row[name] = _extra_value(value)
    _bounded(row, record, warnings)
    return row, sketched, None, warnings


def _set_language(row: dict, warnings: list, at: int, record: int, detected: tuple) -> None:
    """Set a detected language, with a warning (at position ``at``) when it is uncertain."""
    row["language"], probability = detected
    if probability is not None and probability < LOW_CONFIDENCE:
        warnings.insert(
            at,
            (
                record,
                f"language detected as {row['language']!r} with low confidence "
                f"({probability:.2f}); check it, or give the language in the input",
            ),
        )


def suspicious(text: str) -> str | None:
    """Say why an article text holds no words of any language, or None when it looks like text.

    Examples
    --------
    >>> suspicious("xxxxxxxx xxxxxxxx")
    "the article text is one repeated character ('x')"
    >>> suspicious("Drones were launched overnight.") is None
    True
    """
    head = text[:_SUSPICIOUS_HEAD]
    if _plainly_text(head):
        return None
    sample = "".join(head.split())
    if not sample:
        return None
    if len(set(sample)) <= 2:
        return f"the article text is one repeated character ({sample[0]!r})"
    letters = len(_NOT_LETTER.sub("", sample))
    if letters < len(sample) / 2:
        return (
            f"only {letters} of the first {len(sample)} characters of the text are letters "
            "(numbers, symbols or binary data read as text?)"
        )
    return None


_SUSPICIOUS_HEAD = 2000
_ASCII_SPACES = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.split() splits at, in ASCII
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def _plainly_text(head: str) -> bool:
    """Whether :func:`suspicious` would pass ``head`` (a text's first characters) for text,
    judged on its UTF-8 bytes, which the checks below count in C: its ASCII letters are at
    least three different ones and at least half of its characters other than ASCII spaces
    (so at least half of the characters :func:`suspicious` counts). False means: look
    closer."""
    data = head.encode("utf-8", "surrogatepass")
    letters = data.translate(None, _NOT_ASCII_LETTER)
    others = len(head) - (len(data) - len(data.translate(None, _ASCII_SPACES)))
    if 2 * len(letters) < others:
        return False
    for _ in range(2):  # remove the first letter twice: anything left is a third letter
        letters = letters.replace(letters[:1], b"")
    return bool(letters)


def _make_rows(batch: list, languages=None) -> list:
    """:func:`make_row` of each record of a batch, the languages detected all at once.

    Each row's ``text`` is given as UTF-8 bytes: the rows pass to the main process, which
    stores the texts as Arrow arrays, and bytes are unpickled and put into Arrow by copying,
    a string by decoding and encoding again (a third of the main process's work per row).
    """
    deferred: list = []
    results = [_row(item, fmt, rel, n, languages, deferred) for item, fmt, rel, n in batch]
    if deferred:
        languages_found = detect_many([sample for *_, sample in deferred], languages)
        for (row, warnings, at, record, _), detected in zip(deferred, languages_found):
            _set_language(row, warnings, at, record, detected)
    return results


class RowBuilder:
    """Run :func:`make_row` on every record, here or in worker processes, keeping the order.

    Results are delivered as soon as they (and all before them) are ready, and the number of
    batches waiting for a worker is bounded, so memory does not grow with the input.

    Parameters
    ----------
    deliver : callable
        ``deliver(rel, result)`` receives each :func:`make_row` result in reading order, the
        row's text as UTF-8 bytes (:func:`_make_rows`).
    jobs : int
        Worker processes; 1 (or a platform without ``fork``) cleans in this process, a batch
        of records at a time.
    languages : sequence of str, optional
        Passed to :func:`make_row`.
    immediate : bool
        Clean each record in this process as it comes and deliver it at once (for
        ``errors="raise"``: the first bad record raises before the reader reads on).
    """

    def __init__(self, deliver, *, jobs: int = 1, languages=None, immediate: bool = False):
        self.deliver = deliver
        self.languages = languages
        self.immediate = immediate
        self.jobs = jobs if sys.platform.startswith("linux") and not immediate else 1
        self.pool: ProcessPoolExecutor | None = None
        self.batch: list = []
        self.futures: deque[tuple[list[str], Future]] = deque()

    def add(self, item: dict, fmt: str, rel: str, position: int) -> None:
        if self.immediate:  # a batch of one: its text as UTF-8, as the workers give them
            self.deliver(rel, _make_rows([(item, fmt, rel, position)], self.languages)[0])
            return
        self.batch.append((item, fmt, rel, position))
        if len(self.batch) >= _BATCH:
            self._submit()

    def _submit(self) -> None:
        if self.jobs <= 1:
            batch, self.batch = self.batch, []
            for (_, _, rel, _), result in zip(batch, _make_rows(batch, self.languages)):
                self.deliver(rel, result)
            return
        if self.pool is None:
            # forked workers inherit the loaded modules, models and compiled loops
            detect_language("warm up the language model before forking the workers", self.languages)
            sketch("and compile the loops that sketch texts")
            self.pool = worker_pool(self.jobs, preload=("kit.corpus.rows",))
            if self.pool is None:  # no safe way to start workers here: clean in this process
                self.jobs = 1
                self._submit()
                return
        batch, self.batch = self.batch, []
        rels = [rel for _, _, rel, _ in batch]
        self.futures.append((rels, self.pool.submit(_make_rows, batch, self.languages)))
        del batch
        while self.futures and (
            self.futures[0][1].done() or len(self.futures) > _IN_FLIGHT * self.jobs
        ):
            self._deliver_first()

    def _deliver_first(self) -> None:
        rels, future = self.futures.popleft()
        for rel, result in zip(rels, future.result()):
            self.deliver(rel, result)

    def finish(self) -> None:
        """Deliver every pending result and stop the workers."""
        if self.batch:
            self._submit()
        try:
            while self.futures:
                self._deliver_first()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers without waiting for pending results."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.futures, self.batch, self.pool = deque(), [], None


def default_jobs(total_bytes: int) -> int:
    """Worker processes worth starting for ``total_bytes`` of input (:func:`resolve_jobs`)."""
    return 1 if total_bytes < PARALLEL_MIN_BYTES else resolve_jobs()
