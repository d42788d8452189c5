"""Write ingest outputs atomically and safely beside each other.

Each output is written to a temporary file of a unique name in its own folder, then moved over
the target with :func:`os.replace`, so a reader (or a second ingest into the same folder) never
sees half a file, and two ingests never share a temporary file. Temporaries a crash left behind
are removed by the next ingest. A folder that cannot be written (read-only, full disk) raises one
:class:`~kit.errors.IngestError` naming the path, with nothing half-written left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kit.errors import IngestError

#: Temporaries older than this (seconds) are left over from a crash and removed.
STALE_AFTER = 3600.0


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a unique temporary file beside ``path``, then move it to ``path``.

    Parameters
    ----------
    path : Path
        The file to (re)place.
    write : callable
        Writes the whole content to the path it is given.

    Raises
    ------
    IngestError
        When the folder cannot be written (permissions, full disk...), naming ``path``.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomically(target, lambda tmp: tmp.write_text("done"))
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('done', ['a.txt'])
    """
    path = Path(path)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise IngestError(
            path,
            f"cannot write the output here ({exc.strerror or exc}); choose a folder you can "
            "write to with free space (--out)",
        ) from None
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise


def remove_stale(path: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporaries of ``path`` (as :func:`write_atomically` names them) left by a crash.

    Only those not touched for ``older_than`` seconds are removed, so another ingest's file
    being written is left alone. Returns the files removed.
    """
    path = Path(path)
    removed: list[Path] = []
    if not path.parent.is_dir():
        return removed
    now = time.time()
    patterns = (f".{path.name}.*.tmp", f"{path.name}.tmp")  # the second: kit before 0.x
    for pattern in patterns:
        for tmp in path.parent.glob(pattern):
            try:
                if now - tmp.stat().st_mtime > older_than:
                    tmp.unlink()
                    removed.append(tmp)
            except OSError:
                continue
    return removed
