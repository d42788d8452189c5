"""Worker processes: the one ``jobs`` setting and the one safe way to start workers.

``jobs`` (a function argument, a notebook parameter, ``kit run -p jobs N``) wins; otherwise the
environment variable ``KIT_JOBS``; otherwise every core. Ingest, the text layer and VADER
scoring all ask :func:`resolve_jobs`.

Workers must start from a plain script without an ``if __name__ == "__main__":`` guard, from
``python -``, from a notebook kernel and from pytest. The ``spawn`` and ``forkserver`` start
methods re-run a script's main module in every worker (an unguarded script then starts workers
again, without end), and ``fork`` can deadlock a process where other threads hold locks. So
:func:`start_method` forks when no other thread runs (a script, ``python -``), uses forkserver
where threads run but the main module is not a script file (a notebook kernel, pytest), and
otherwise keeps the work in this process with a warning.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from typing import Any

from kit.errors import ParameterError
from kit.progress import progress_bar

JOBS_ENV = "KIT_JOBS"
#: Fewer articles than this are worked on in this process (starting workers costs more): the
#: one threshold of the text layer and the rhetoric rules (:func:`map_chunks`).
PARALLEL_MIN_ARTICLES = 400
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def resolve_jobs(jobs: int | None = None) -> int:
    """Return the number of worker processes to use.

    Parameters
    ----------
    jobs : int, optional
        A positive number of processes; None or 0 reads ``KIT_JOBS``, then uses every core.

    Raises
    ------
    ParameterError
        For a value (or ``KIT_JOBS``) that is not a whole number >= 0.

    Examples
    --------
    >>> resolve_jobs(3)
    3
    """
    name, value = "jobs", jobs  # type: tuple[str, object]
    if jobs is None or jobs == 0:
        name, value = JOBS_ENV, os.environ.get(JOBS_ENV, "").strip() or None
        if value is None:
            return os.cpu_count() or 1
    try:
        number = int(value)  # type: ignore[call-overload]
        valid = not isinstance(value, (bool, float)) and str(number) == str(value).strip()
    except (TypeError, ValueError):
        valid = False
    if not valid or number < 0:
        raise ParameterError(name, value, "a whole number of worker processes (0: every core)")
    return number or os.cpu_count() or 1


def set_jobs(jobs: int | None) -> int:
    """Make ``jobs`` the setting of this process (a notebook's ``jobs`` parameter).

    Ingest, the text layer and VADER scoring ask :func:`resolve_jobs` without an argument, so
    a positive ``jobs`` is written to ``KIT_JOBS`` of this process (and of the processes it
    starts); 0 or None leaves ``KIT_JOBS`` as it is (unset: every core).

    Parameters
    ----------
    jobs : int or None
        Worker processes; 0 or None: ``KIT_JOBS``, else every core.

    Returns
    -------
    int
        The number of worker processes the steps will use.

    Raises
    ------
    ParameterError
        For a value (or ``KIT_JOBS``) that is not a whole number >= 0.

    Examples
    --------
    >>> set_jobs(0) >= 1  # 0 changes nothing
    True
    """
    number = resolve_jobs(jobs)
    if jobs:
        os.environ[JOBS_ENV] = str(number)
    return number


def _other_threads() -> list[threading.Thread]:
    # tqdm's monitor thread only sleeps and wakes bars: it holds no lock a child could inherit
    return [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and t.name != "tqdm_monitor"
    ]


def _main_is_script() -> bool:
    """Whether spawn/forkserver workers would run the main module's file again."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    path = getattr(main, "__file__", None)
    return spec is None and isinstance(path, str) and os.path.isfile(path)


def start_method() -> str | None:
    """How worker processes start here: "fork", "forkserver", or None (stay in this process).

    Examples
    --------
    >>> start_method() in {"fork", "forkserver", None}
    True
    """
    methods = mp.get_all_start_methods()
    if "fork" in methods and not _other_threads():
        return "fork"
    if "forkserver" in methods and not _main_is_script():
        return "forkserver"
    return None


def worker_pool(jobs: int, *, preload: tuple[str, ...] = ()) -> ProcessPoolExecutor | None:
    """Return a pool of ``jobs`` worker processes, or None when the work should stay here.

    None for ``jobs <= 1``, in a daemonic process (a Dask worker: the cluster is the
    parallelism), and where no start method is safe (a warning says why). Workers die
    with this process, even when it is killed with SIGKILL (Linux).

    Parameters
    ----------
    jobs : int
        Worker processes.
    preload : tuple of str
        Modules a forkserver imports once before forking workers (the modules of the work).
    """
    if jobs <= 1 or mp.current_process().daemon:  # a daemonic process (a Dask worker) may not fork
        return None
    method = start_method()
    if method is None:
        warnings.warn(
            "kit runs this step in one process: this script runs other threads (so forking is "
            'unsafe) and its main module has no `if __name__ == "__main__":` guard kit can rely '
            "on. Set KIT_JOBS=1 to silence this, or call kit from a guarded main block.",
            RuntimeWarning,
            stacklevel=3,
        )
        return None
    context = mp.get_context(method)
    if method == "forkserver" and preload:
        context.set_forkserver_preload(list(preload))
    parent = os.getpid() if method == "fork" else None  # forkserver workers are its children
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=die_with_parent, initargs=(parent,)
    )


def die_with_parent(parent: int | None) -> None:
    """Ask Linux to kill this (worker) process when its parent dies, even by SIGKILL.

    Without it, workers of a run killed with ``kill -9`` live on, holding their memory.
    Elsewhere (no ``prctl``) this does nothing.

    Parameters
    ----------
    parent : int or None
        The parent's process id (a parent already gone before the request: exit at once);
        None to skip that check.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def map_chunks(
    func: Callable[..., list],
    items: Sequence,
    *args: Any,
    chunk_size: int,
    parallel: bool,
    desc: str,
    unit: str = "article",
    progress: bool = True,
    jobs: int | None = None,
    preload: tuple[str, ...] = (),
) -> list:
    """``func(chunk, *args)`` over consecutive chunks of ``items``, results joined in order.

    The chunks go to :func:`worker_pool` processes when ``parallel`` (the caller knows when the
    work outweighs starting workers), else they run in this process.

    Parameters
    ----------
    func : callable
        A module-level function (workers import it) returning a list per chunk.
    items : sequence
        The work, e.g. one tuple per article.
    *args
        Passed to every call (pickled once per chunk for the workers).
    chunk_size : int
        Items per call.
    parallel : bool
        Use worker processes (when :func:`worker_pool` gives some).
    desc, unit, progress
        The progress bar, advanced by items.
    jobs : int, optional
        Worker processes (:func:`resolve_jobs`).
    preload : tuple of str
        Modules a forkserver imports once (the module of ``func``).

    Returns
    -------
    list
        The lists of every chunk, concatenated.
    """
    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    workers = min(resolve_jobs(jobs), len(chunks)) if parallel else 1
    pool = worker_pool(workers, preload=preload)
    bar = progress_bar(total=len(items), progress=progress, desc=desc, unit=unit)
    out: list = []
    with pool or nullcontext():
        done = (
            pool.map(func, chunks, *([a] * len(chunks) for a in args))
            if pool
            else (func(chunk, *args) for chunk in chunks)
        )
        for chunk, result in zip(chunks, done):
            out.extend(result)
            bar.update(len(chunk))
    bar.close()
    return out
