"""Run every benchmark: ``python -m bench [--quick] [NAME ...]``.

Each ``bench/bench_<topic>.py`` module has a ``main(argv)``; this runs them in turn and
passes ``--quick`` through.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    quick = ["--quick"] if "--quick" in argv else []
    wanted = [a for a in argv if not a.startswith("-")]
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    for name in names:
        if wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"bench.{name}").main(quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
