"""Readers, one module per input format, found through a registry.

Importing this package registers every built-in reader. Add your own with
:func:`register_reader` (see :mod:`kit.readers.registry`).
"""
from kit.readers.registry import (SkippedRecord, Reader, detect_reader, get_reader,
                                  list_readers, register_reader, supported_extensions)
from kit.readers import builtin as _builtin  # noqa: F401  (registers the built-in readers)

__all__ = ["SkippedRecord", "Reader", "detect_reader", "get_reader", "list_readers",
           "register_reader", "supported_extensions"]
