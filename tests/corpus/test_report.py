"""The ingest report: read back beside a processed corpus and turned into tables."""

from __future__ import annotations

import json

import pytest

from kit.corpus import load_report, report_tables
from kit.errors import ParameterError


def test_ingest_report_loading(tmp_path):
    corpus = tmp_path / "articles.parquet"
    assert load_report(corpus) is None
    report = {
        "n_articles": 6,
        "sources": ["corpus/raw"],
        "skipped": [{"path": "menafn/broken.txt", "record": 2, "reason": "no body"}],
        "by_format": {"menafn": 1, "jsonl": 5},
    }
    (tmp_path / "ingest_report.json").write_text(json.dumps(report))
    tables = report_tables(load_report(corpus))
    assert set(tables) == {"summary", "skipped", "by_format"}
    assert dict(tables["summary"].values) == {"n_articles": "6", "sources": '["corpus/raw"]'}
    assert tables["skipped"].loc[0, "reason"] == "no body"
    assert dict(tables["by_format"].values) == {"menafn": "1", "jsonl": "5"}
    (tmp_path / "ingest_report.json").write_text("[1, 2]")
    with pytest.raises(ParameterError, match="JSON object"):
        load_report(corpus)
    (tmp_path / "ingest_report.json").write_text("{broken")
    with pytest.raises(ParameterError, match="ingest_report.json"):
        load_report(corpus)
