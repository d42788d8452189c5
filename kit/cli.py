"""The ``kit`` command: ``kit ingest``, ``kit run``, ``kit runs`` and ``kit evaluate``.

Exit codes: 0 success, 1 nothing produced / a notebook failed, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.errors import KitError, ParameterError


class _RunHelp(argparse.Action):
    """``kit run -h``: the options, then every notebook and its parameters (read from the
    notebooks only when help is asked for, so other commands do not pay for it)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, **kw):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, **kw)

    def __call__(self, parser, namespace, values, option_string=None):
        from kit.runs.notebooks import parameters_text

        try:
            notebooks = parameters_text()
        except KitError as exc:
            notebooks = f"(no notebooks listed: {exc})"
        parser.epilog = (
            "Parameters are given as -p NAME VALUE (VALUE is YAML: -p outlets '[BBC News]')\n"
            "or in a YAML file (-f params.yaml); each notebook receives those it declares.\n\n"
            "notebooks and their parameters:\n\n" + notebooks
        )
        parser.print_help()
        parser.exit()


def _seconds(text: str) -> float:
    """A ``--lock-timeout`` value: a number of seconds, 0 or more."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more, got {text!r}")
    return seconds


def _parser() -> argparse.ArgumentParser:
    from kit.config import VERSION

    parser = argparse.ArgumentParser(prog="kit", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"kit {VERSION}")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser(
        "ingest", help="read raw articles into corpus/processed/articles.parquet"
    )
    ingest.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SRC",
        help="files or folders to read (default: corpus/raw)",
    )
    ingest.add_argument("--out", type=Path, help="articles table to write (Parquet)")
    ingest.add_argument("--report", type=Path, help="ingest report to write (JSON)")
    ingest.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    ingest.add_argument(
        "--outlets",
        type=Path,
        metavar="FILE",
        help="outlet table (YAML) giving outlets one name (default: kit/lexicons/outlets.yml)",
    )
    ingest.add_argument(
        "--languages",
        nargs="+",
        metavar="CODE",
        help="languages detection may choose from (ISO 639-1; default: see the README)",
    )
    ingest.add_argument(
        "--partition-rows",
        type=int,
        metavar="N",
        help="most articles per part file; a larger corpus is a folder of part files "
        "(default: KIT_PARTITION_ROWS, else 5000)",
    )
    ingest.add_argument(
        "--lock-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="wait up to this long while another ingest writes the same --out, then stop "
        "(0: stop at once; default: 60)",
    )

    run = sub.add_parser(
        "run",
        help="execute the notebooks into outputs/runs/<run-id>/",
        description="Execute the notebooks with papermill into outputs/runs/<run-id>/.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    run.add_argument(
        "-h",
        "--help",
        action=_RunHelp,
        help="show this help, the notebooks and their parameters, and exit",
    )
    run.add_argument(
        "--notebooks",
        nargs="+",
        metavar="NAME",
        help="notebook names or paths (default: every notebook in notebooks/)",
    )
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter (YAML value)",
    )
    run.add_argument("-f", "--parameters-file", type=Path, help="YAML file of parameters")
    run.add_argument("--run-id", help="name of the run folder (default: a timestamp)")
    run.add_argument(
        "--rerun",
        metavar="RUN_ID",
        help="repeat a run with the parameters of its params.yaml, into a new run folder, "
        "and say whether the tables are equal (-p values win)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the notebooks' work on this Dask scheduler (tcp://HOST:PORT), or 'local' for "
        "one LocalCluster of -p jobs processes on this machine (default: a 'scheduler' key of "
        "-f, else KIT_SCHEDULER, else each notebook in its own process)",
    )

    runs = sub.add_parser("runs", help="list or remove the run folders of outputs/runs/")
    runs_sub = runs.add_subparsers(dest="runs_command", required=True)
    runs_sub.add_parser("list", help="every run: id, date, status and notebooks")
    remove = runs_sub.add_parser(
        "remove", help="delete run folders of outputs/runs/ (never the corpus)"
    )
    remove.add_argument("run_ids", nargs="+", metavar="RUN_ID", help="ids shown by kit runs list")

    evaluate = sub.add_parser("evaluate", help="score kit's rhetoric measures against gold")
    evaluate.add_argument("measure", choices=["attributions", "frames"], help="what to score")
    evaluate.add_argument(
        "gold",
        type=Path,
        metavar="GOLD",
        help="attributions: folder of text/*.txt and attributions/*.ann (brat); "
        "frames: TSV with ID, text and CO/HI/MO/EC yes/no columns",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``kit`` command; return its exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "runs":
            return _runs(args)
        return _run(args)
    except KitError as exc:
        print(f"kit {args.command}: error: {exc}", file=sys.stderr)
        return 2


def _ingest(args: argparse.Namespace) -> int:
    """``kit ingest``: 0 when articles were loaded, 1 when none."""
    from kit.corpus import ingest

    report = ingest(
        args.sources or None,
        out=args.out,
        report=args.report,
        progress=not args.no_progress,
        outlets=args.outlets,
        languages=args.languages,
        lock_timeout=args.lock_timeout,
        partition_rows=args.partition_rows,
    )
    print(
        f"kit ingest: {report['n_articles']} articles ({report['n_unique']} unique), "
        f"{report['n_skipped_files']} files and {report['n_skipped_records']} records "
        f"skipped; {len(report['outlets_not_mapped'])} outlet name(s) not in the outlet "
        f"table; table: {report['out']}; report: {report['report']}"
    )
    return 0 if report["n_articles"] > 0 else 1


def _run(args: argparse.Namespace) -> int:
    """``kit run``: a line per notebook, failures with their cell on stderr, the report's path.

    Returns 0 when every notebook ran, 1 when one failed. Bad parameters raise
    :class:`~kit.errors.ParameterError` before anything runs.
    """
    from kit.runs.execute import parse_parameters, run_notebooks
    from kit.runs.rerun import rerun

    parameters = parse_parameters(args.parameter, args.parameters_file)
    if args.rerun:
        if args.notebooks:
            raise ParameterError(
                "notebooks", args.notebooks, "none with --rerun (it runs those of the run)"
            )
        result = rerun(
            args.rerun, parameters=parameters, run_id=args.run_id, scheduler=args.scheduler
        )
    else:
        result = run_notebooks(
            args.notebooks, run_id=args.run_id, parameters=parameters, scheduler=args.scheduler
        )
    engine = result.manifest["engine"]
    if engine["engine"] == "dask":
        print(f"engine: dask, scheduler {engine['scheduler']}, {engine['workers']} workers")
    for nb in result.notebooks:
        print(f"{nb.status:>6}  {nb.name}  ({nb.duration_seconds:.1f} s)")
    for nb in result.failed:
        print(
            f"kit run: {nb.describe_error()}\n  executed notebook kept: {nb.output}",
            file=sys.stderr,
        )
    timing = result.manifest["timing"]
    print(
        f"runner overhead: {timing['overhead_seconds']:.1f} s of "
        f"{result.manifest['duration_seconds']:.1f} s (cells: {timing['cells_seconds']:.1f} s)"
    )
    if "rerun" in result.manifest:
        _print_rerun(result.manifest["rerun"])
    print(f"index.html: {result.index_path}")
    return 0 if result.ok else 1


def _print_rerun(rerun: dict) -> None:
    tables = rerun["tables"]
    n_both = len(tables["equal"]) + len(tables["different"])
    print(
        f"rerun of {rerun['of']}: {len(tables['equal'])} of {n_both} tables equal"
        + ("" if rerun["same_corpus"] else " (the corpus changed since)")
    )
    for key, words in (
        ("different", "differ"),
        ("only_first", f"only in {rerun['of']}"),
        ("only_second", "only in this run"),
    ):
        if tables[key]:
            print(f"  {words}: {', '.join(tables[key])}")


def _runs(args: argparse.Namespace) -> int:
    """``kit runs list``: one line per run; ``kit runs remove RUN_ID...``: delete them. 0."""
    from kit.runs.history import list_runs, remove_runs

    if args.runs_command == "remove":
        for path in remove_runs(args.run_ids):
            print(f"removed {path}")
        return 0
    runs = list_runs()
    if not runs:
        print("no runs yet (kit run makes one)")
    width = max([len(r.run_id) for r in runs] + [6])
    for r in runs:
        date = r.date[:19].replace("T", " ")
        print(f"{r.run_id:<{width}}  {date:<19}  {r.status:<10}  {', '.join(r.notebooks)}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    """``kit evaluate attributions|frames GOLD``: print the scores table; 0 when scored."""
    from kit.rhetoric.evaluate import evaluate_attributions, evaluate_frames

    if args.measure == "attributions":
        table = evaluate_attributions(args.gold)
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print(f"share of speakers linked to an actor: {table.attrs['linked_share']:.3f}")
    else:
        table = evaluate_frames(args.gold)
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print(f"mean ROC AUC: {table['roc_auc'].mean():.3f}")
    return 0 if len(table) else 1


if __name__ == "__main__":
    raise SystemExit(main())
