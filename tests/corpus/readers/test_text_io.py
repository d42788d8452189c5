"""Reading text files (kit.corpus.readers._text_io): binary files are refused from their first
bytes, before being read whole (issue 16)."""

from __future__ import annotations

import tracemalloc

import pytest

from kit.corpus import IngestWarning, read_articles
from kit.corpus.readers._text_io import read_file_bytes
from kit.errors import IngestError

SIZE = 200 * 2**20  # a sparse file: no disk space used


@pytest.mark.parametrize("suffix", [".txt", ".html", ".rss", ".csv"])
def test_a_huge_binary_file_is_refused_without_reading_it_whole(tmp_path, suffix):
    path = tmp_path / f"sparse{suffix}"
    with open(path, "wb") as fh:
        fh.truncate(SIZE)
    tracemalloc.start()
    try:
        with pytest.warns(IngestWarning):
            articles = read_articles(path, progress=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert articles.empty
    [skip] = articles.attrs["ingest_report"]["skipped"]
    assert "binary data" in skip["reason"]
    assert peak < SIZE / 4


def test_markup_in_utf16_without_a_byte_order_mark_is_still_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes("<html><body><p>Text</p></body></html>".encode("utf-16-le"))
    assert read_file_bytes(path, markup=True).startswith(b"<\x00h\x00")
    with pytest.raises(IngestError, match="binary data"):
        read_file_bytes(path)
