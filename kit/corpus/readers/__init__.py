"""Readers, one module per input format, found through a registry.

Importing this package registers every built-in reader. Add your own with
:func:`register_reader` (see :mod:`kit.corpus.readers.registry`).
"""

from kit.corpus.readers import builtin as _builtin  # noqa: F401  (registers the built-in readers)
from kit.corpus.readers.registry import (
    Reader,
    SkippedRecord,
    detect_reader,
    get_reader,
    list_readers,
    register_reader,
    supported_extensions,
)

__all__ = [
    "Reader",
    "SkippedRecord",
    "detect_reader",
    "get_reader",
    "list_readers",
    "register_reader",
    "supported_extensions",
]
