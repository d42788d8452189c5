"""What a processed corpus was built from: a manifest of its raw files, and what changed since.

:func:`kit.corpus.ingest` writes ``raw_manifest.json`` beside the articles table: the sources
and, for every file read, its relative path, size, modification time and SHA-256. Whether the
corpus is stale is decided by comparing that manifest with the files now there
(:func:`changes`), not by timestamps: a file added with an old timestamp (unzip, ``cp -p``),
removed, renamed or edited is a change. Only files whose size or modification time differ from
the manifest are hashed again, so checking a large unchanged corpus costs one ``stat`` per file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kit.corpus.atomic import Staged, stage
from kit.corpus.discover import discover, sources

MANIFEST_NAME = "raw_manifest.json"


def manifest_path_of(corpus: str | Path) -> Path:
    """Where the raw manifest of a processed corpus lives (beside its Parquet file or folder)."""
    return Path(corpus).with_name(MANIFEST_NAME)


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's content (hex), read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_sha256(path: str | Path) -> str:
    """The SHA-256 of an articles table: of the file, or of a folder of part files.

    A folder's digest covers the name and content of each ``.parquet`` part file in name order,
    so an added, removed, renamed or edited part changes it.
    """
    path = Path(path)
    if not path.is_dir():
        return file_sha256(path)
    digest = hashlib.sha256()
    for part in sorted(path.glob("*.parquet")):
        digest.update(f"{part.name}\0{file_sha256(part)}\n".encode())
    return digest.hexdigest()


def _source_names(src) -> list[str]:
    return [str(p.resolve()) for p in sources(src)]


def raw_manifest(src=None, previous: dict | None = None) -> dict:
    """Describe the files of ``src`` (default ``corpus/raw``) as :func:`kit.corpus.ingest` sees them.

    Parameters
    ----------
    src : str, Path or list of them, optional
        The ingest sources; a missing folder has no files.
    previous : dict, optional
        An earlier manifest: a file whose size and modification time it records unchanged keeps
        its recorded hash instead of being read again.

    Returns
    -------
    dict
        ``{"sources": [...], "files": {relative path: [size, mtime_ns, sha256]}}``.
    """
    known = (previous or {}).get("files", {})
    names = _source_names(src)
    files: dict[str, list] = {}
    if all(Path(name).exists() for name in names):
        for path, rel, size in discover(src)[0]:
            mtime = path.stat().st_mtime_ns
            old = known.get(rel)
            same = old is not None and old[0] == size and old[1] == mtime
            files[rel] = [size, mtime, old[2] if same else file_sha256(path)]
    return {"sources": names, "files": files}


def write_manifest(
    corpus: str | Path, src=None, *, staged: Staged | None = None, manifest: dict | None = None
) -> Path:
    """Write the manifest of ``src`` beside the processed corpus ``corpus``; return its path.

    With ``staged`` (a :class:`~kit.corpus.atomic.Staged`), it is only staged there and moved
    into place with the other outputs. ``manifest``: the manifest when already made
    (``raw_manifest(src, previous=read_manifest(corpus))``).
    """
    path = manifest_path_of(corpus)
    if manifest is None:
        manifest = raw_manifest(src, previous=read_manifest(corpus))
    text = json.dumps(manifest, indent=1) + "\n"
    stage(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), staged)
    return path


def read_manifest(corpus: str | Path) -> dict | None:
    """The manifest beside ``corpus``; None when there is none or it is unreadable."""
    try:
        data = json.loads(manifest_path_of(corpus).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


def changes(corpus: str | Path, src=None) -> list[str]:
    """Why the processed corpus ``corpus`` no longer matches the raw files of ``src``.

    Returns
    -------
    list of str
        Empty when the corpus is up to date; else one reason per change ("added a.txt",
        "removed b.txt", "renamed c.txt -> d.txt", "edited e.txt"), or why there is nothing to
        compare with (no corpus, no manifest, other sources).
    """
    if not Path(corpus).exists():
        return [f"there is no processed corpus at {corpus}"]
    previous = read_manifest(corpus)
    if previous is None:
        return [f"there is no {MANIFEST_NAME} saying which raw files the corpus was built from"]
    if previous.get("sources") != _source_names(src):
        return [f"the corpus was built from {previous.get('sources')}, not {_source_names(src)}"]
    old, new = previous["files"], raw_manifest(src, previous)["files"]
    removed = {rel: old[rel][2] for rel in old.keys() - new.keys()}
    added = {rel: new[rel][2] for rel in new.keys() - old.keys()}
    reasons = []
    for rel, digest in sorted(added.items()):
        source = next((r for r, d in sorted(removed.items()) if d == digest), None)
        if source is None:
            reasons.append(f"added {rel}")
        else:
            reasons.append(f"renamed {source} -> {rel}")
            del removed[source]
    reasons += [f"removed {rel}" for rel in sorted(removed)]
    reasons += [
        f"edited {rel}" for rel in sorted(old.keys() & new.keys()) if old[rel][2] != new[rel][2]
    ]
    return reasons
