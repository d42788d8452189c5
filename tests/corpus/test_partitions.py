"""Ingest in parts (issue 14): a large table is a folder of part files of the same schema and
order as the single file, written as the records are read, and duplicates are found across parts.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kit import config
from kit.corpus import ingest, load_articles, load_report, open_corpus, read_articles
from kit.corpus.manifest import changes, manifest_path_of, table_sha256
from kit.errors import ParameterError
from kit.validate import ARTICLE_COLUMNS

BODY = " ".join(f"word{i}" for i in range(120))


def _records() -> list[dict]:
    """Articles whose copies, extra fields and renamed outlets fall in different parts of 4."""
    records = []
    for i in range(14):
        records.append(
            {
                "title": f"Story {i}",
                "text": f"Story {i} opens here. " + " ".join(f"w{i}x{j}" for j in range(60)),
                "date": f"2024-04-{i + 1:02d}",
                "outlet": "NYT" if i % 5 == 0 else "Unknown Weekly",
            }
        )
    records[9]["mood"] = "calm"  # an extra field first seen in the third part
    records[2]["tag"] = "a"
    records[10] = dict(records[10], text=BODY, date="2024-04-20")  # read first, published last
    records[12] = dict(records[12], text=BODY, date="2024-04-02")  # its original
    records[13] = dict(records[13], text="Intro line. " + BODY)  # a near copy in the last part
    records[1]["text"] = records[6]["text"]  # an exact copy read before its part-2 twin
    return records


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "raw" / "a.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    return path


@pytest.fixture
def single(source, tmp_path):
    out = tmp_path / "single" / "articles.parquet"
    ingest(source, out=out, progress=False)
    return pd.read_parquet(out)


def test_a_table_over_partition_rows_is_a_folder_of_parts_equal_to_the_single_file(
    source, single, tmp_path
):
    out = tmp_path / "parts" / "articles.parquet"
    report = ingest(source, out=out, progress=False, partition_rows=4)
    parts = sorted(p.name for p in out.iterdir())
    assert parts == [f"part-{i:05d}.parquet" for i in range(4)]
    assert [pq.read_metadata(out / p).num_rows for p in parts] == [4, 4, 4, 2]
    schema = pq.read_schema(tmp_path / "single" / "articles.parquet")
    assert all(pq.read_schema(out / p).equals(schema, check_metadata=True) for p in parts)
    pd.testing.assert_frame_equal(load_articles(out, engine="pandas"), single)
    dask_table = load_articles(out, engine="dask").compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(dask_table, single)
    assert report["n_articles"] == 14 and report["duplicates"] == {"exact": 2, "near": 1}


def test_duplicates_are_found_across_parts(source, tmp_path):
    out = tmp_path / "articles.parquet"
    ingest(source, out=out, progress=False, partition_rows=4)
    table = load_articles(out).set_index("title")
    assert table.loc["Story 10", "duplicate_of"] == table.loc["Story 12", "doc_id"]
    assert table.loc["Story 13", "duplicate_of"] == table.loc["Story 12", "doc_id"]
    assert table.loc["Story 6", "duplicate_of"] == table.loc["Story 1", "doc_id"]
    # outlet_raw follows the extra fields first seen in or before the first renamed row
    assert list(table.columns[len(ARTICLE_COLUMNS) - 1 :]) == ["outlet_raw", "tag", "mood"]
    assert table["mood"].notna().sum() == 1 and table["outlet_raw"].eq("NYT").sum() == 3


def test_the_report_manifest_and_open_corpus_work_with_the_folder(source, tmp_path):
    out = tmp_path / "articles.parquet"
    summary = ingest(source, out=out, progress=False, partition_rows=5)
    assert out.is_dir() and manifest_path_of(out).is_file()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = load_report(out)
    assert report["table_sha256"] == summary["table_sha256"] == table_sha256(out)
    assert changes(out, source) == []
    assert len(open_corpus(out, include_duplicates=True)) == 14
    (out / "part-00001.parquet").unlink()
    with pytest.warns(UserWarning, match="does not describe"):
        assert "stale" in load_report(out)


def test_parts_are_spooled_as_they_fill_not_at_the_end(source, tmp_path, monkeypatch):
    from kit.corpus import pipeline

    spooled = []
    to_feather = pd.DataFrame.to_feather

    def recording(self, path, *args, **kwargs):
        spooled.append(len(self))
        return to_feather(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_feather", recording)
    kept = tmp_path / "kept" / "articles.parquet"
    ingest(source, out=kept, progress=False, partition_rows=3)
    assert spooled == []  # a small input keeps its parts in memory
    monkeypatch.setattr(pipeline, "SPOOL_ABOVE_BYTES", 0)
    out = tmp_path / "out" / "articles.parquet"
    ingest(source, out=out, progress=False, partition_rows=3)
    assert spooled == [3, 3, 3, 3, 2]
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "articles.parquet",
        "ingest_report.json",
        "raw_manifest.json",
    ]
    pd.testing.assert_frame_equal(load_articles(out), load_articles(kept))


def test_the_setting_comes_from_kit_partition_rows(source, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PARTITION_ROWS", "7")
    out = tmp_path / "articles.parquet"
    ingest(source, out=out, progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]


def test_the_bundled_corpus_stays_one_file(tmp_path):
    out = tmp_path / "articles.parquet"
    ingest(config.RAW_DIR, out=out, progress=False)
    assert out.is_file()


@pytest.mark.parametrize("value", [0, -1, 2.5, True, "many"])
def test_a_bad_partition_rows_is_a_parameter_error(source, tmp_path, value):
    with pytest.raises(ParameterError, match="partition_rows"):
        ingest(source, out=tmp_path / "a.parquet", progress=False, partition_rows=value)
    assert not (tmp_path / "a.parquet").exists()


def test_a_bad_kit_partition_rows_is_named(source, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PARTITION_ROWS", "lots")
    with pytest.raises(ParameterError, match="KIT_PARTITION_ROWS"):
        ingest(source, out=tmp_path / "a.parquet", progress=False)


def test_read_articles_does_not_depend_on_the_part_size(source, single, monkeypatch):
    monkeypatch.setenv("KIT_PARTITION_ROWS", "3")
    pd.testing.assert_frame_equal(read_articles(source, progress=False), single)


def test_kit_ingest_takes_partition_rows(source, tmp_path, capsys):
    from kit.cli import main

    out = tmp_path / "articles.parquet"
    assert (
        main(["ingest", str(source), "--out", str(out), "--no-progress", "--partition-rows", "5"])
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [f"part-0000{i}.parquet" for i in range(3)]
    assert main(["ingest", str(source), "--out", str(out), "--partition-rows", "0"]) == 2
    assert "partition_rows" in capsys.readouterr().err
