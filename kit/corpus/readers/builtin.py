"""Import every reader module in this package so that each registers itself.

A module dropped into ``kit/corpus/readers/`` is picked up without editing any list; helper modules
whose names start with an underscore are not imported here.
"""

import importlib
import pkgutil

import kit.corpus.readers as _package

_NOT_READERS = {"registry", "builtin"}

for _info in pkgutil.iter_modules(_package.__path__):
    if not _info.name.startswith("_") and _info.name not in _NOT_READERS:
        importlib.import_module(f"kit.corpus.readers.{_info.name}")
