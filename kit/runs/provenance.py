"""Provenance of a run: what corpus, what software, when.

The corpus fingerprint identifies the *content* of an articles table (not the bytes of its
Parquet file, which change with the pyarrow version): the same rows, columns and values in the
same order give the same fingerprint on every machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
import re
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd

from kit.corpus.manifest import file_sha256

#: Packages recorded beside kit's own declared dependencies (the notebook machinery).
EXTRA_PACKAGES = ("ipykernel", "jupyter_client", "nbclient", "pyzmq")


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """Return a SHA-256 hex digest of an articles table's content.

    The digest covers the column names, their dtypes and every value, row by row in the
    table's order (ingest writes rows in a deterministic order). Values are hashed with
    :func:`pandas.util.hash_pandas_object` (the index is ignored), so equal tables read from
    different files give the same fingerprint.

    Parameters
    ----------
    articles : pandas.DataFrame
        An articles table (any DataFrame works).

    Returns
    -------
    str
        ``"sha256:<64 hex digits>"``.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["x", "y"], "n_words": [1, 2]})
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.copy().set_index("doc_id", drop=False))
    True
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.iloc[::-1])
    False
    """
    digest = hashlib.sha256()
    for column in articles.columns:
        digest.update(f"{column}\x1f{articles[column].dtype}\x1e".encode())
    if len(articles):
        rows = pd.util.hash_pandas_object(articles, index=False, categorize=False)
        digest.update(rows.to_numpy(dtype="uint64").tobytes())
    digest.update(str(len(articles)).encode())
    return "sha256:" + digest.hexdigest()


def file_fingerprint(path: str | Path) -> dict:
    """Fingerprint and row count of a processed corpus file (``articles.parquet``).

    Returns
    -------
    dict
        ``path`` (as given), ``fingerprint`` (:func:`corpus_fingerprint`), ``n_articles``.
    """
    from kit.corpus import load_articles

    articles = load_articles(path, engine="pandas")
    return {
        "path": str(path),
        "fingerprint": corpus_fingerprint(articles),
        "n_articles": len(articles),
    }


def _requirement_names(dist: str) -> list[str]:
    try:
        requires = metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for req in requires:
        if "extra ==" in req:
            continue
        names.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return names


def package_versions(packages: list[str] | None = None) -> dict[str, str]:
    """Return ``{distribution: version}`` of kit and its dependencies.

    Parameters
    ----------
    packages : list of str, optional
        Distributions to report; default kit, every dependency it declares, and
        :data:`EXTRA_PACKAGES`. A distribution that is not installed is reported as
        ``"not installed"``.

    Examples
    --------
    >>> package_versions(["pandas"])["pandas"] == pd.__version__
    True
    """
    if packages is None:
        packages = ["kit", *_requirement_names("kit"), *EXTRA_PACKAGES]
    versions = {}
    for name in sorted(set(packages), key=str.lower):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def environment() -> dict:
    """Return the interpreter, platform and package versions of this process.

    Returns
    -------
    dict
        ``python`` (version), ``implementation``, ``platform``, ``packages``
        (:func:`package_versions`).
    """
    return {
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "platform": platform.platform(),
        "packages": package_versions(),
    }


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC (one place to read the clock)."""
    return dt.datetime.now(dt.UTC)


def isoformat(moment: dt.datetime) -> str:
    """Format a UTC time as ``2026-11-24T22:30:00.123456Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha256_file(path: str | Path) -> str:
    """``"sha256:<hex>"`` of a file's bytes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> sha256_file(f.name)[:15]
    'sha256:ba7816bf'
    """
    return "sha256:" + file_sha256(path)


def project_revision(root: str | Path) -> dict:
    """The git commit of the project at ``root`` and whether its tree differs from it.

    Read with the ``git`` command (without taking git's optional locks, so nothing in the
    repository changes); both values are None when git is missing or ``root`` is no repository.

    Returns
    -------
    dict
        ``commit`` (40 hex digits or None) and ``dirty`` (True when tracked files are changed
        or untracked files not ignored exist; None when unknown).
    """
    import shutil
    import subprocess

    unknown: dict = {"commit": None, "dirty": None}
    git = shutil.which("git")
    if git is None:
        return unknown

    def read(*args: str) -> str | None:
        try:
            done = subprocess.run(
                [git, "--no-optional-locks", "-C", str(root), *args],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    commit = read("rev-parse", "HEAD")
    if commit is None:
        return unknown
    status = read("status", "--porcelain")
    return {"commit": commit.strip(), "dirty": None if status is None else bool(status.strip())}
