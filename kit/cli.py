"""The ``kit`` command: ``kit ingest`` and ``kit run``.

Exit codes: 0 success, 1 nothing produced / a notebook failed, 2 usage errors.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.errors import KitError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read raw articles into corpus/processed/articles.parquet")
    ingest.add_argument("sources", nargs="*", type=Path, metavar="SRC",
                        help="files or folders to read (default: corpus/raw)")
    ingest.add_argument("--out", type=Path, help="articles table to write (Parquet)")
    ingest.add_argument("--report", type=Path, help="ingest report to write (JSON)")
    ingest.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    run = sub.add_parser("run", help="execute the notebooks into outputs/runs/<run-id>/")
    run.add_argument("--notebooks", nargs="+", metavar="NAME",
                     help="notebook names or paths (default: every notebook in notebooks/)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                     metavar=("NAME", "VALUE"), help="set a notebook parameter (YAML value)")
    run.add_argument("-f", "--parameters-file", type=Path, help="YAML file of parameters")
    run.add_argument("--run-id", help="name of the run folder (default: a timestamp)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``kit`` command; return its exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            from kit.corpus.pipeline import ingest

            report = ingest(args.sources or None, out=args.out, report=args.report,
                            progress=not args.no_progress)
            print(f"kit ingest: {report['n_articles']} articles ({report['n_unique']} unique), "
                  f"{report['n_skipped_files']} files and {report['n_skipped_records']} records "
                  f"skipped; table: {report['out']}; report: {report['report']}")
            return 0 if report["n_articles"] > 0 else 1
        from kit.runs.execute import run_command

        return run_command(notebooks=args.notebooks, parameters=args.parameter,
                           parameters_file=args.parameters_file, run_id=args.run_id)
    except KitError as exc:
        print(f"kit {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
