"""Find the input files of an ingest: walk the sources, skip hidden files, name paths.

Paths in the articles table are relative: to ``corpus/raw`` for files inside it, else to the
folder given as a source (or the file's own folder when a file is given), so a corpus can move.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kit import config
from kit.corpus.limits import shown_name
from kit.errors import ParameterError

#: File names never read (system and version-control furniture, a source's documentation);
#: listed as ignored.
IGNORED_NAMES = {
    ".ds_store",
    "thumbs.db",
    "desktop.ini",
    ".gitkeep",
    ".gitignore",
    # documentation kept beside a source's files (its licence and attribution)
    "readme.md",
    "attribution.md",
    "license",
    "license.md",
    "licence",
    "licence.md",
}
_NOT_REGULAR = (
    "not a regular file (a pipe, socket or device), not read; kit reads files and folders"
)


def sources(src) -> list[Path]:
    """Return the ingest sources named by ``src`` as paths (default: ``corpus/raw``).

    Parameters
    ----------
    src : str, Path, list of them, or None
        Files and folders; None or an empty list means ``corpus/raw``.

    Returns
    -------
    list of Path
        One per source, with ``~`` expanded.

    Raises
    ------
    ParameterError
        When an item is not a path or does not exist.
    """
    if src is None or (isinstance(src, (list, tuple)) and not src):
        return [config.RAW_DIR]
    if isinstance(src, (str, os.PathLike)):
        items = [src]
    elif isinstance(src, (list, tuple, set, frozenset)):
        items = list(src)
    else:
        raise ParameterError("src", src, "a file or folder path, or a list of them")
    paths = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise ParameterError("src", item, "a file or folder path, or a list of them")
        path = Path(item).expanduser()
        if not path.exists():
            raise ParameterError("src", str(item), "an existing file or folder")
        paths.append(path)
    return paths


def relative_to(root: Path):
    """A function giving a file's path relative to corpus/raw when inside it, else to ``root``."""
    root = root.resolve()
    raw = config.RAW_DIR.resolve()
    base = raw if root == raw or raw in root.parents else root
    prefix = root.relative_to(base).as_posix() if base != root else ""

    def relative(path: Path) -> str:
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            return shown_name(path.name)
        return shown_name(f"{prefix}/{rel}" if prefix and prefix != "." else rel)

    return relative


def discover(src) -> tuple[list[tuple[Path, str, int]], list[dict], list[dict]]:
    """Find every file under the sources.

    Parameters
    ----------
    src : str, Path, list of them, or None
        Files and folders (folders are walked recursively); None: ``corpus/raw``.

    Returns
    -------
    (list, list, list)
        Files to read as ``(path, relative path, size)``, sorted by relative path within each
        source; ignored hidden/system files and folders as ``{"path", "reason"}``; files that
        cannot even be looked at (a broken link) as ``{"path", "reason"}``.

    Raises
    ------
    ParameterError
        When a source does not exist.
    """
    found, seen, ignored, unreadable = [], set(), [], []
    for source in sources(src):
        source = source.resolve()
        if not source.is_file() and not source.is_dir():
            unreadable.append({"path": shown_name(str(source)), "reason": _NOT_REGULAR})
            continue
        if source.is_file():
            candidates, relative = [source], relative_to(source.parent)
        else:
            relative, candidates = relative_to(source), []
            for folder, dirs, names in os.walk(source):
                for name in sorted(d for d in dirs if d.startswith((".", "__"))):
                    ignored.append(
                        {
                            "path": relative(Path(folder) / name),
                            "reason": "hidden or system folder, not read",
                        }
                    )
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                candidates.extend(Path(folder) / n for n in names)
        batch = []
        for path in candidates:
            rel = relative(path)
            if path.name.startswith((".", "~$")) or path.name.lower() in IGNORED_NAMES:
                ignored.append({"path": rel, "reason": "hidden or system file, not read"})
                continue
            if path in seen:
                continue  # the same file named by two sources is read once
            seen.add(path)
            try:
                info = path.stat()
            except OSError as exc:  # e.g. a broken symbolic link
                unreadable.append({"path": rel, "reason": f"cannot be read: {exc.strerror or exc}"})
                continue
            if not stat.S_ISREG(info.st_mode):
                unreadable.append({"path": rel, "reason": _NOT_REGULAR})
                continue
            size = info.st_size
            batch.append((path, rel, size))
        found.extend(sorted(batch, key=lambda item: item[1]))
    return found, ignored, unreadable
