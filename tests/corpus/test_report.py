"""The ingest report: read back beside a processed corpus and turned into tables."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import warnings

import pytest

from kit.corpus import IngestWarning, ingest, load_report, report_tables
from kit.errors import ParameterError
from tests.helpers import ROOT, SEED


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


# --------------------------------------------------------------------------- table and report tied

# Ingests argv[1] into argv[2], dying by SIGKILL as the report is moved into place.
_KILLED = """
import os, signal, sys
from kit.corpus import ingest
replace = os.replace
def dying(src, dst):
    if os.path.basename(dst) == "ingest_report.json":
        os.kill(os.getpid(), signal.SIGKILL)
    replace(src, dst)
os.replace = dying
ingest(sys.argv[1], out=sys.argv[2], progress=False)
"""


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_report_records_the_table_it_describes(tmp_path):
    out = tmp_path / "articles.parquet"
    summary = ingest(SEED, out=out, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = load_report(out)
    assert report["table_sha256"] == summary["table_sha256"] == _sha256(out)
    assert "stale" not in report


def test_a_kill_between_table_and_report_leaves_the_report_flagged_stale(tmp_path):
    out = tmp_path / "articles.parquet"
    before = ingest(SEED, out=out, progress=False)
    other = tmp_path / "raw" / "other.txt"
    other.parent.mkdir()
    other.write_text("Another story\n\nA different article about the talks in Oman.\n")
    done = subprocess.run(
        [sys.executable, "-c", _KILLED, str(other), str(out)], cwd=ROOT, timeout=120
    )
    assert done.returncode == -signal.SIGKILL
    assert _sha256(out) != before["table_sha256"]  # the new table is in place, the report old
    with pytest.warns(IngestWarning, match="does not describe articles.parquet"):
        report = load_report(out)
    assert report["n_articles"] == before["n_articles"] and "run kit ingest" in report["stale"]
    assert "stale" in dict(report_tables(report)["summary"].values)


def test_a_report_of_an_ingest_that_wrote_no_table_is_stale_beside_an_older_table(tmp_path):
    out = tmp_path / "articles.parquet"
    ingest(SEED, out=out, progress=False)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.warns(IngestWarning):
        assert ingest(empty, out=out, progress=False)["table_sha256"] is None
    with pytest.warns(IngestWarning, match="wrote no table"):
        assert "from an earlier ingest" in load_report(out)["stale"]
