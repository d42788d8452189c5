"""The reader registry: one decorated function per input format.

A reader is a generator ``func(path, **options)`` that yields, for each article in the file, a
``dict`` of raw fields (any of ``title, text, published, author, section, url, native_id,
source, outlet, language`` plus extra keys, which are kept) or a :class:`SkippedRecord` for a
record it cannot use. It raises :class:`kit.errors.IngestError` when the whole file is unusable.
Normalization, dates, ids and deduplication happen later, in ``kit.corpus.pipeline``.

Example
-------
>>> from kit.corpus.readers import register_reader
>>> @register_reader("shouty", extensions=(".shout",))
... def read_shouty(path, **options):
...     yield {"title": path.stem.upper(), "text": path.read_text().upper()}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kit.corpus.readers._text_io import sniff_bytes
from kit.errors import ReaderError

#: How many leading bytes of a file the sniffers see.
SNIFF_BYTES = 8192


class SkippedRecord(NamedTuple):
    """A record a reader could not turn into an article, with the reason."""

    record: int
    reason: str


@dataclass(frozen=True)
class Reader:
    """A registered reader (see module docstring)."""

    name: str
    func: Callable[..., Iterator[dict | SkippedRecord]]
    extensions: tuple[str, ...] = ()
    sniff: Callable[[bytes, Path], bool] | None = None
    priority: int = 0
    description: str = field(default="", compare=False)

    def read(self, path: Path, **options) -> Iterator[dict | SkippedRecord]:
        """Yield the raw records of ``path``."""
        return self.func(Path(path), **options)


_READERS: dict[str, Reader] = {}


def register_reader(
    name: str, *, extensions=(), sniff=None, priority: int = 0, replace: bool = False
):
    """Register a reader function under ``name`` (use as a decorator).

    Parameters
    ----------
    name : str
        Unique reader name; stored in the ``format`` column.
    extensions : tuple of str
        Lower-case file extensions (with the dot) this reader claims, e.g. ``(".txt",)``.
    sniff : callable, optional
        ``sniff(head: bytes, path) -> bool``: True when the file's first bytes look like this
        format. Sniffing wins over extensions, so a MENAFN ``.txt`` is not read as plain text.
    priority : int
        Higher runs first among sniffers, and wins ties among readers claiming an extension.
    replace : bool
        Allow replacing an existing reader of the same name.

    Raises
    ------
    ReaderError
        When ``name`` is taken and ``replace`` is False.
    """

    def decorator(func):
        if name in _READERS and not replace and _READERS[name].func is not func:
            raise ReaderError(
                f"a reader named {name!r} is already registered; pass replace=True to override it"
            )
        summary = (func.__doc__ or "").strip().partition("\n")[0]
        _READERS[name] = Reader(
            name, func, tuple(e.lower() for e in extensions), sniff, priority, summary
        )
        return func

    return decorator


def get_reader(name: str) -> Reader:
    """Return the reader registered as ``name``.

    Raises
    ------
    ReaderError
        Naming the readers that exist.
    """
    try:
        return _READERS[name]
    except KeyError:
        raise ReaderError(f"no reader named {name!r}; known readers: {sorted(_READERS)}") from None


def list_readers() -> list[Reader]:
    """Return every registered reader, highest priority first."""
    return sorted(_READERS.values(), key=lambda r: (-r.priority, r.name))


def detect_reader(path: Path, head: bytes | None = None) -> Reader | None:
    """Choose the reader for ``path`` by content sniffing, then by extension.

    Sniffers see UTF-16 text as UTF-8 (:func:`~kit.corpus.readers._text_io.sniff_bytes`), so an
    export saved as UTF-16 is still recognized.

    Parameters
    ----------
    path : Path
        The input file.
    head : bytes, optional
        Its first bytes; read from the file when not given.

    Returns
    -------
    Reader or None
        None when no reader recognizes the file.
    """
    path = Path(path)
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    head = sniff_bytes(head)
    for reader in list_readers():
        if reader.sniff is not None:
            try:
                if reader.sniff(head, path):
                    return reader
            except Exception:  # a sniffer that trips on odd bytes just does not claim the file
                continue
    suffix = path.suffix.lower()
    for reader in list_readers():
        if suffix in reader.extensions:
            return reader
    return None


def supported_extensions() -> list[str]:
    """Return every extension some reader claims."""
    return sorted({e for r in _READERS.values() for e in r.extensions})
