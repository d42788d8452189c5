"""Finding the input files: sources that are not regular files are reported (issue 16)."""

from __future__ import annotations

import os
import shutil

import pytest

from kit.corpus import IngestWarning, read_articles
from kit.corpus.discover import discover
from tests.helpers import SEED


def test_a_fifo_inside_a_folder_is_reported_not_opened(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    files, _, unreadable = discover(tmp_path)
    assert [rel for _, rel, _ in files] == ["seed.txt"]
    assert unreadable == [{"path": "pipe.txt", "reason": unreadable[0]["reason"]}]
    assert "not a regular file" in unreadable[0]["reason"]


@pytest.mark.parametrize("device", ["fifo", "/dev/zero"])
def test_a_source_that_is_a_device_or_fifo_is_reported(tmp_path, device):
    src = tmp_path / "pipe" if device == "fifo" else device
    if device == "fifo":
        os.mkfifo(src)
    with pytest.warns(IngestWarning, match="not a regular file"):
        articles = read_articles(src, progress=False)
    assert articles.empty
    [skip] = articles.attrs["ingest_report"]["skipped"]
    assert skip["kind"] == "file" and "pipe, socket or device" in skip["reason"]
