"""``kit run --rerun RUN_ID``: run a previous run's notebooks again with the parameters of its
``params.yaml``, into a new run folder, and say whether the tables came out equal."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kit import config
from kit.errors import ParameterError
from kit.runs import report
from kit.runs.execute import PARAMS_FILE, RunResult, parse_parameters, run_notebooks
from kit.runs.history import list_runs


def compare_tables(first: str | Path, second: str | Path) -> dict[str, list[str]]:
    """Compare the tables (``tables/*.parquet``) of two run folders by content.

    Returns
    -------
    dict
        ``equal`` and ``different`` (names in both folders), ``only_first`` and
        ``only_second``, each a sorted list of table names.
    """
    names = [
        {p.stem for p in (Path(folder) / "tables").glob("*.parquet")} for folder in (first, second)
    ]
    result: dict[str, list[str]] = {"equal": [], "different": []}
    for name in sorted(names[0] & names[1]):
        a, b = (pd.read_parquet(Path(f) / "tables" / f"{name}.parquet") for f in (first, second))
        result["equal" if a.equals(b) else "different"].append(name)
    result["only_first"] = sorted(names[0] - names[1])
    result["only_second"] = sorted(names[1] - names[0])
    return result


def rerun(
    previous_id: str,
    *,
    parameters: dict | None = None,
    runs_dir: str | Path | None = None,
    **options,
) -> RunResult:
    """Repeat the run ``previous_id`` of ``runs_dir`` into a new run folder and compare its tables.

    Parameters
    ----------
    previous_id : str
        The id of a run folder of ``runs_dir`` (``kit runs list``) holding ``params.yaml``.
    parameters : dict, optional
        Values that replace those of its ``params.yaml``.
    runs_dir : str or Path, optional
        Default ``outputs/runs``.
    **options
        Passed on to :func:`kit.runs.execute.run_notebooks` (``run_id``, ``progress``, ...).

    Returns
    -------
    RunResult
        Its manifest (rewritten) holds ``rerun``: the run repeated, whether the corpus had the
        same fingerprint, and the table comparison of :func:`compare_tables`.

    Raises
    ------
    ParameterError
        When ``previous_id`` is not a run folder or has no ``params.yaml``, or its corpus is
        not found (one outside the project is named by its file name only: give its path).
    """
    folder = Path(runs_dir) if runs_dir else config.RUNS_DIR
    runs = {r.run_id: r for r in list_runs(folder)}
    if previous_id not in runs or Path(previous_id).name != previous_id:
        raise ParameterError(
            "rerun", previous_id, f"the id of a run folder in {folder} (kit runs list)"
        )
    previous = runs[previous_id].path
    if not (previous / PARAMS_FILE).is_file():
        raise ParameterError("rerun", previous_id, f"a run folder holding {PARAMS_FILE}")
    values = parse_parameters(parameters_file=previous / PARAMS_FILE)
    corpus = values.get("corpus")
    values.update(parameters or {})
    recorded = "corpus" not in (parameters or {}) and isinstance(corpus, str) and corpus
    if recorded and not config.project_path(str(corpus)).exists():
        raise ParameterError(
            "corpus",
            corpus,
            f"the corpus of run {previous_id}: outside the project, {PARAMS_FILE} names it by "
            "its file name only, so give its path with -p corpus PATH (its fingerprint in "
            "manifest.json is compared)",
        )
    result = run_notebooks(
        runs[previous_id].notebooks or None, parameters=values, runs_dir=folder, **options
    )
    try:
        old = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    fingerprint = (old.get("corpus") or {}).get("fingerprint")
    result.manifest["rerun"] = {
        "of": previous_id,
        "same_corpus": fingerprint == (result.manifest.get("corpus") or {}).get("fingerprint"),
        "tables": compare_tables(previous, result.run_dir),
    }
    report.write_manifest(result.manifest, result.run_dir)
    report.write_index(result.manifest, result.run_dir)
    return result
