"""Atomic, concurrent-safe ingest outputs (issue 16): unique temporaries, no leftovers, clear
errors on read-only or full disks."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main
from kit.corpus import atomic, ingest, load_articles
from kit.corpus.atomic import remove_stale, write_atomically
from kit.errors import IngestError
from tests.helpers import SEED


def test_two_ingests_into_one_folder_never_share_a_temporary(tmp_path, monkeypatch):
    written = []
    to_parquet = pd.DataFrame.to_parquet

    def recording(self, path, *args, **kwargs):
        written.append(path)
        return to_parquet(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", recording)
    out = tmp_path / "processed" / "articles.parquet"
    for _ in range(2):
        ingest(SEED, out=out, progress=False)
    assert len(written) == 2 and written[0] != written[1]
    assert all(os.fspath(p).endswith(".tmp") and p.parent == out.parent for p in written)
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "articles.parquet",
        "ingest_report.json",
        "raw_manifest.json",
    ]


def test_stale_temporaries_are_removed_fresh_ones_kept(tmp_path):
    out = tmp_path / "articles.parquet"
    old = [tmp_path / ".articles.parquet.k2j3.tmp", tmp_path / "articles.parquet.tmp"]
    fresh = tmp_path / ".articles.parquet.abcd.tmp"  # another ingest writing right now
    for path in [*old, fresh]:
        path.write_bytes(b"partial")
    long_ago = time.time() - 7200
    for path in old:
        os.utime(path, (long_ago, long_ago))
    ingest(SEED, out=out, progress=False)
    assert not any(p.exists() for p in old) and fresh.exists()
    assert remove_stale(out) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_leaves_nothing_and_names_the_path(tmp_path, code):
    target = tmp_path / "report.json"

    def failing(tmp):
        tmp.write_text("half")
        raise OSError(code, os.strerror(code))

    with pytest.raises(IngestError, match=r"report\.json: cannot write the output here") as info:
        write_atomically(target, failing)
    assert os.strerror(code) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_cli_on_a_full_disk_says_one_line_and_exits_2(tmp_path, monkeypatch, capsys):
    def full(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PAR1 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    out = tmp_path / "out" / "articles.parquet"
    assert main(["ingest", str(SEED), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "articles.parquet" in err and "No space left" in err
    assert not out.exists() and list(out.parent.iterdir()) == []


def _jsonl(folder: Path, n: int) -> Path:
    path = folder / "raw" / "a.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"title": f"Story {i}", "text": f"Body of story {i}, with words of its own."})
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_a_folder_table_replaces_a_file_and_a_file_replaces_a_folder(
    tmp_path, monkeypatch, exchange
):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    out = tmp_path / "out" / "articles.parquet"
    ingest(_jsonl(tmp_path, 3), out=out, progress=False, partition_rows=2)
    assert out.is_dir() and len(load_articles(out)) == 3
    ingest(_jsonl(tmp_path, 2), out=out, progress=False, partition_rows=2)
    assert out.is_file() and len(load_articles(out)) == 2
    ingest(_jsonl(tmp_path, 5), out=out, progress=False, partition_rows=2)
    assert len(load_articles(out)) == 5
    assert _listing(out.parent) == [
        "articles.parquet",
        *(f"articles.parquet/part-0000{i}.parquet" for i in range(3)),
        "ingest_report.json",
        "raw_manifest.json",
    ]


def test_an_ingest_failing_between_parts_leaves_the_previous_folder_intact(tmp_path, monkeypatch):
    out = tmp_path / "out" / "articles.parquet"
    ingest(_jsonl(tmp_path, 3), out=out, progress=False, partition_rows=2)
    before = {p: p.read_bytes() for p in sorted(out.parent.rglob("*")) if p.is_file()}
    calls = []
    to_parquet = pd.DataFrame.to_parquet

    def failing_second(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return to_parquet(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_second)
    with pytest.raises(IngestError, match="No space left"):
        ingest(_jsonl(tmp_path, 6), out=out, progress=False, partition_rows=2)
    assert {p: p.read_bytes() for p in sorted(out.parent.rglob("*")) if p.is_file()} == before


def test_stale_temporary_folders_are_removed(tmp_path):
    out = tmp_path / "articles.parquet"
    stale = tmp_path / ".articles.parquet.x1y2.tmp"
    (stale / "spool").mkdir(parents=True)
    (stale / "spool" / "part-00000.arrow").write_bytes(b"partial")
    long_ago = time.time() - 7200
    os.utime(stale, (long_ago, long_ago))
    assert remove_stale(out) == [stale] and not stale.exists()
