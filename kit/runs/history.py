"""The runs kept in ``outputs/runs/``: list them (``kit runs list``) and remove old ones
(``kit runs remove RUN_ID...``) without touching anything outside that folder.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kit import config
from kit.errors import ParameterError
from kit.runs.provenance import isoformat


@dataclass
class RunInfo:
    """One run folder: its id, when it started, its status and the notebooks it ran.

    ``date`` is the UTC start (``2026-11-24T22:30:00.123456Z``); ``status`` is the
    manifest's (``ok`` or ``failed``), or ``incomplete`` when the folder has no readable
    ``manifest.json`` (a run stopped before its end); ``date`` is then the folder's
    modification time.
    """

    run_id: str
    path: Path
    date: str
    status: str
    notebooks: list[str]


def _runs_dir(runs_dir: str | Path | None) -> Path:
    return Path(runs_dir) if runs_dir else config.RUNS_DIR


def run_info(path: Path) -> RunInfo:
    """Describe the run folder ``path`` from its ``manifest.json``."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict):
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        return RunInfo(path.name, path, isoformat(mtime), "incomplete", [])
    return RunInfo(
        run_id=path.name,
        path=path,
        date=str(manifest.get("started", "")),
        status=str(manifest.get("status", "incomplete")),
        notebooks=[str(nb.get("name", "?")) for nb in manifest.get("notebooks", [])],
    )


def _is_run_folder(path: Path) -> bool:
    """A real folder (not a link to one elsewhere), not hidden."""
    return path.is_dir() and not path.is_symlink() and not path.name.startswith(".")


def list_runs(runs_dir: str | Path | None = None) -> list[RunInfo]:
    """Every run folder of ``runs_dir`` (default ``outputs/runs``), oldest first.

    Examples
    --------
    >>> list_runs("/nonexistent/runs")
    []
    """
    folder = _runs_dir(runs_dir)
    if not folder.is_dir():
        return []
    runs = [run_info(p) for p in folder.iterdir() if _is_run_folder(p)]
    return sorted(runs, key=lambda r: (r.date, r.run_id))


def remove_runs(run_ids: list[str], runs_dir: str | Path | None = None) -> list[Path]:
    """Delete the run folders ``run_ids`` of ``runs_dir``; return the folders removed.

    Every id is checked before anything is deleted: it must be the name of a folder directly
    inside ``runs_dir`` (no path, no ``..``), so nothing outside the runs folder (the corpus,
    the notebooks) can be removed.

    Raises
    ------
    ParameterError
        Naming the ids that are not run folders (then nothing is removed).
    """
    folder = _runs_dir(runs_dir)
    known = {r.run_id for r in list_runs(folder)}
    wrong = [i for i in run_ids if i not in known or Path(i).name != i]
    if wrong or not run_ids:
        raise ParameterError(
            "run_id",
            wrong or run_ids,
            f"ids of run folders in {folder} (kit runs list shows them)",
        )
    removed = []
    for run_id in dict.fromkeys(run_ids):
        path = folder / run_id
        shutil.rmtree(path)
        removed.append(path)
    return removed
