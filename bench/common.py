"""Timing and peak-memory measurement shared by the benchmarks.

Each contender runs in a fresh process (multiprocessing 'spawn'), so its peak resident memory
(``ru_maxrss``) is its own and not inherited from earlier contenders.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import subprocess
import time


def _child(func, args, kwargs, queue):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((result, seconds, peak_mb))


def run_isolated(func, *args, **kwargs):
    """Run ``func(*args, **kwargs)`` in a fresh process.

    ``func`` must be importable (module level). Returns ``(result, seconds, peak_rss_mb)``;
    the peak includes the interpreter and the imports ``func`` needs.
    """
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(func, args, kwargs, queue))
    proc.start()
    result = queue.get()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"benchmark process for {func.__name__} exited with {proc.exitcode}")
    return result


def peak_of_command(args: list[str], cwd: str) -> float:
    """Run a command; return the peak RSS MB of its largest process.

    Meant for :func:`run_isolated`: that fresh process imports only this module, so its children
    are the command's alone, and a child forked from it starts small.
    """
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def size_arg(argv, doc: str, *, quick: int, full: int, what: str = "articles") -> int:
    """Parse ``[--quick] [--n N]`` for a benchmark; return N (``quick`` or ``full`` by default)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{quick:,} {what} instead of {full:,}"
    )
    parser.add_argument("--n", type=int, default=None, help=f"number of {what}")
    args = parser.parse_args(argv)
    return args.n or (quick if args.quick else full)


def print_table(rows: list[dict], title: str) -> None:
    """Print ``rows`` (dicts with the same keys) as an aligned text table."""
    print(f"\n{title}")
    if not rows:
        return
    keys = list(rows[0])
    cells = [[f"{r[k]:.3g}" if isinstance(r[k], float) else str(r[k]) for k in keys] for r in rows]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    print("  ".join(k.ljust(w) for k, w in zip(keys, widths)))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths)))
