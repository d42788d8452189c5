"""The raw manifest: what a processed corpus was built from, and what changed since."""

from __future__ import annotations

import os

import pytest

from kit.corpus import ingest, manifest
from kit.corpus.manifest import changes, read_manifest, write_manifest


@pytest.fixture
def built(tmp_path):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    for name in ("one", "two"):
        (raw / "a" / f"{name}.txt").write_text(
            f"{name.title()}\n\nDrones were launched ({name}).\n"
        )
    out = tmp_path / "processed" / "articles.parquet"
    ingest([raw], out=out, progress=False)
    return raw, out


def test_ingest_records_paths_sizes_and_hashes(built):
    raw, out = built
    recorded = read_manifest(out)
    assert recorded["sources"] == [str(raw.resolve())]
    assert sorted(recorded["files"]) == ["a/one.txt", "a/two.txt"]
    size, _, digest = recorded["files"]["a/one.txt"]
    assert size == (raw / "a" / "one.txt").stat().st_size and len(digest) == 64
    assert changes(out, raw) == []


def test_only_files_whose_size_or_mtime_changed_are_hashed_again(built, monkeypatch):
    raw, out = built
    hashed = []
    real = manifest.file_sha256
    monkeypatch.setattr(manifest, "file_sha256", lambda p: hashed.append(p.name) or real(p))
    assert changes(out, raw) == [] and hashed == []
    two = raw / "a" / "two.txt"
    st = two.stat()
    two.write_text(two.read_text().replace("two", "owt"))  # same size, new content
    os.utime(two, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old timestamp
    assert changes(out, raw) == []  # size and mtime agree: not hashed, so not seen
    os.utime(two, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert changes(out, raw) == ["edited a/two.txt"] and hashed == ["two.txt"]


def test_renames_removals_additions_and_other_sources(built, tmp_path):
    raw, out = built
    (raw / "a" / "one.txt").rename(raw / "a" / "uno.txt")
    (raw / "a" / "two.txt").unlink()
    (raw / "b.txt").write_text("Three\n\nHospitals ran short of fuel.\n")
    assert changes(out, raw) == [
        "renamed a/one.txt -> a/uno.txt",
        "added b.txt",
        "removed a/two.txt",
    ]
    assert "was built from" in changes(out, tmp_path)[0]
    write_manifest(out, raw)
    assert changes(out, raw) == []
    manifest.manifest_path_of(out).write_text("not json")
    assert "raw_manifest.json" in changes(out, raw)[0]
