"""Write ingest outputs atomically and safely beside each other.

Each output is written to a temporary file of a unique name in its own folder, then moved over
the target with :func:`os.replace`, so a reader (or a second ingest into the same folder) never
sees half a file, and two ingests never share a temporary file. :class:`Staged` writes several
outputs this way and moves them into place in a chosen order. Temporaries a crash left behind
are removed by the next ingest. A folder that cannot be written (read-only, full disk) raises one
:class:`~kit.errors.IngestError` naming the path, with nothing half-written left behind.

An output may also be a folder (a table written as part files): it is written complete into a
temporary folder, then exchanged with the old output in one ``renameat2(RENAME_EXCHANGE)``
(Linux; elsewhere the old output is first moved aside, then the new one into place) and the old
one is removed, so a reader sees the old folder or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
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
    with Staged() as staged:
        staged.write(path, write)


class Staged:
    """Several outputs written to temporaries first, then moved into place in order.

    Used as a context manager: :meth:`write` stages each file; leaving the ``with`` block
    without an exception replaces the targets in the order they were staged (so the last one,
    e.g. a report describing the others, is replaced last); an exception removes every
    temporary and leaves the targets as they were.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Staged() as staged:
    ...     tmp = staged.write(folder / "table.txt", lambda t: t.write_text("rows"))
    ...     _ = staged.write(folder / "report.txt", lambda t: t.write_text(tmp.read_text()))
    >>> (folder / "report.txt").read_text()
    'rows'
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []
        self.scratch: list[Path] = []

    def write(self, path: Path, write: Callable[[Path], object], *, folder: bool = False) -> Path:
        """Write ``path``'s content with ``write(tmp)`` to a unique temporary; return it.

        Parameters
        ----------
        path : Path
            The output to (re)place.
        write : callable
            Writes the whole content to the temporary it is given.
        folder : bool
            The temporary (and so the output) is a folder ``write`` fills with files.

        Raises
        ------
        IngestError
            When the folder cannot be written (permissions, full disk...), naming ``path``.
        """
        path = Path(path)
        tmp = _temporary(path, folder=folder)
        self.staged.append((tmp, path))
        try:
            write(tmp)
        except OSError as exc:
            raise _unwritable(path, exc) from None
        return tmp

    def stage_file(self, path: Path, tmp: Path) -> None:
        """Stage ``tmp``, a file already written (inside a :meth:`scratch_folder`), as ``path``."""
        self.staged.append((Path(tmp), Path(path)))

    def scratch_folder(self, path: Path) -> Path:
        """A unique temporary folder beside ``path`` for work files, removed when the block ends.

        Raises
        ------
        IngestError
            When the folder cannot be created, naming ``path``.
        """
        tmp = _temporary(Path(path), folder=True)
        self.scratch.append(tmp)
        return tmp

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if kind is None:
                for i, (tmp, path) in enumerate(self.staged):
                    try:
                        _replace(tmp, path)
                    except OSError as error:
                        self._discard(self.staged[i:])
                        raise _unwritable(path, error) from None
            else:
                self._discard(self.staged)
        finally:
            for folder in self.scratch:
                _remove(folder)
            self.staged, self.scratch = [], []

    @staticmethod
    def _discard(staged: list[tuple[Path, Path]]) -> None:
        for tmp, _ in staged:
            _remove(tmp)


def _temporary(path: Path, *, folder: bool) -> Path:
    """A new file (or folder) of a unique name beside ``path``, as :func:`remove_stale` finds."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{path.name}."
        if folder:
            return Path(tempfile.mkdtemp(dir=path.parent, prefix=prefix, suffix=".tmp"))
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
        os.close(fd)
        return Path(name)
    except OSError as exc:
        raise _unwritable(path, exc) from None


def _remove(path: Path) -> None:
    """Remove a file or a folder; what is already gone is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one atomic step (Linux ``renameat2``); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # an old kernel or filesystem
        return False
    raise OSError(error, os.strerror(error), str(b))


def _replace(tmp: Path, path: Path) -> None:
    """Move ``tmp`` (a file or folder) to ``path``, replacing whatever ``path`` was."""
    if not tmp.is_dir() and not path.is_dir():
        os.replace(tmp, path)
        return
    if not os.path.lexists(path):
        os.rename(tmp, path)
        return
    if _exchange(tmp, path):
        _remove(tmp)  # now the old output
        return
    aside = _temporary(path, folder=True)
    os.rename(path, aside / path.name)
    os.rename(tmp, path)
    _remove(aside)


def stage(path: Path, write: Callable[[Path], object], staged: Staged | None = None) -> None:
    """Stage ``path`` in ``staged`` when given, else write it at once with
    :func:`write_atomically`."""
    if staged is None:
        write_atomically(path, write)
    else:
        staged.write(path, write)


def _unwritable(path: Path, exc: OSError) -> IngestError:
    return IngestError(
        path,
        f"cannot write the output here ({exc.strerror or exc}); choose a folder you can "
        "write to with free space (--out)",
    )


def remove_stale(path: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove temporaries of ``path`` (files or folders, as :class:`Staged` names them) left by a
    crash.

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
                    _remove(tmp)
                    removed.append(tmp)
            except OSError:
                continue
    return removed
