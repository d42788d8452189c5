"""One ingest at a time per output: a lock file beside the articles table.

:func:`kit.corpus.ingest` (and so ``kit ingest`` and the re-ingest of ``kit run``) holds an
exclusive :func:`fcntl.flock` on ``.<table name>.lock`` (e.g. ``.articles.parquet.lock``) in
the table's folder while it reads and writes. A second ingest into the same output waits for it
(up to ``timeout`` seconds: ``kit ingest --lock-timeout``, ``lock_timeout=`` in Python), then
refuses with an :class:`~kit.errors.IngestError` naming the output, the lock file and the
process holding it. The operating system releases the lock when the holder
exits or crashes (even by SIGKILL), so a lock file a crash left behind never blocks anything;
a finished ingest removes it. Worker processes forked while the lock is held do not keep it. Where :mod:`fcntl` does not exist (Windows), ingests are not locked.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kit.errors import IngestError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: Seconds a second ingest waits for the first by default before refusing.
LOCK_TIMEOUT = 60.0
_POLL = 0.1
_HELD: set[int] = set()  # descriptors of the locks this process holds


def lock_path_of(out: str | Path) -> Path:
    """The lock file of the articles table ``out`` (hidden, in the same folder).

    Examples
    --------
    >>> lock_path_of("corpus/processed/articles.parquet").as_posix()
    'corpus/processed/.articles.parquet.lock'
    """
    out = Path(out)
    return out.with_name(f".{out.name}.lock")


@contextlib.contextmanager
def ingest_lock(out: str | Path, *, timeout: float | None = None) -> Iterator[Path]:
    """Hold the lock of the articles table ``out`` for the duration of the ``with`` block.

    Parameters
    ----------
    out : str or Path
        The articles table (Parquet) an ingest writes.
    timeout : float, optional
        Seconds to wait for another process holding the lock; 0 refuses at once; default
        :data:`LOCK_TIMEOUT`.

    Yields
    ------
    Path
        The lock file.

    Raises
    ------
    IngestError
        When another process still holds the lock after ``timeout`` seconds (naming the lock
        file and that process), or the lock file cannot be created.
    """
    path = lock_path_of(out)
    if fcntl is None:  # pragma: no cover - Windows
        yield path
        return
    fd = _acquire(path, Path(out), LOCK_TIMEOUT if timeout is None else timeout)
    _HELD.add(fd)
    try:
        os.pwrite(fd, _holder().encode("utf-8"), 0)
        yield path
    finally:
        _HELD.discard(fd)
        with contextlib.suppress(OSError):
            path.unlink()  # while still held: a waiting ingest then takes a fresh file
        os.close(fd)  # releases the lock


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IngestError(
            path,
            f"cannot create the ingest lock here ({exc.strerror or exc}); choose a folder you "
            "can write to (--out)",
        ) from None


def _acquire(path: Path, out: Path, timeout: float) -> int:
    """Lock ``path`` (the file still at that path, not one its last holder removed)."""
    deadline = time.monotonic() + max(0.0, timeout)
    fd = _open(path)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                break
            time.sleep(_POLL)
            continue
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # the holder removed it on release: lock the new one
        fd = _open(path)
    try:
        holder = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
    except OSError:
        holder = ""
    finally:
        os.close(fd)
    raise IngestError(
        path,
        f"another ingest into {out} is running ({holder or 'process unknown'}); waited "
        f"{timeout:g} s. Wait for it to finish and try again (--lock-timeout or lock_timeout= "
        "waits longer), or write to another output (--out)",
    )


def _holder() -> str:
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    return f"process {os.getpid()} on {socket.gethostname()}, started {started}: {command[:200]}"


def _close_inherited() -> None:
    """In a forked child: drop the copies of the held locks (the parent keeps them)."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited)
