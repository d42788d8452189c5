"""Project paths and defaults, all in one place.

Every path derives from the project root: the folder holding ``pyproject.toml`` above the
installed package (an editable install, the normal case), or the environment variable
``KIT_ROOT`` when set, or else the current working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

#: kit's version (the same as in pyproject.toml; a test checks it).
VERSION = "0.1.0"
PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """Return the project root folder (see module docstring)."""
    if os.environ.get("KIT_ROOT"):
        return Path(os.environ["KIT_ROOT"]).resolve()
    candidate = PACKAGE_DIR.parent
    if (candidate / "pyproject.toml").exists():
        return candidate
    return Path.cwd().resolve()


ROOT = project_root()
RAW_DIR = ROOT / "corpus" / "raw"
PROCESSED_DIR = ROOT / "corpus" / "processed"
ARTICLES_PATH = PROCESSED_DIR / "articles.parquet"
INGEST_REPORT_PATH = PROCESSED_DIR / "ingest_report.json"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUTS_DIR = ROOT / "outputs"
RUNS_DIR = OUTPUTS_DIR / "runs"
LEXICONS_DIR = PACKAGE_DIR / "lexicons"
ACTORS_PATH = LEXICONS_DIR / "actors.yml"

#: Languages whose lexicons ship with kit; other languages are not scored by English lexicons.
LEXICON_LANGUAGE = "en"


def project_path(path: str | Path) -> Path:
    """Resolve a file parameter: ``path`` when it exists, else under the project root.

    Notebooks run with ``notebooks/`` as their working directory, so a lexicon, actor table or
    dictionary named relative to the project root (``-p actors kit/lexicons/actors.yml``) is
    found either way. Every file parameter of kit goes through this function.

    Examples
    --------
    >>> project_path("kit/lexicons/actors.yml") == LEXICONS_DIR / "actors.yml"
    True
    """
    path = Path(path).expanduser()
    if path.exists():
        return path.resolve()
    if not path.is_absolute() and (ROOT / path).exists():
        return ROOT / path
    return path
