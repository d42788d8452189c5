"""Atomic, concurrent-safe ingest outputs (issue 16): unique temporaries, no leftovers, clear
errors on read-only or full disks."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main
from kit.corpus import ingest
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
