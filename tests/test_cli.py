"""`kit ingest`: defaults, options, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from kit.cli import main
from kit.corpus import IngestWarning
from tests.helpers import ROOT, SEED


def test_ingest_folder_to_given_outputs(tmp_path):
    out, report = tmp_path / "t" / "a.parquet", tmp_path / "r" / "report.json"
    assert (
        main(
            [
                "ingest",
                str(SEED.parent),
                "--out",
                str(out),
                "--report",
                str(report),
                "--no-progress",
            ]
        )
        == 0
    )
    assert pd.read_parquet(out)["native_id"].tolist() == ["1108092386"]
    assert json.loads(report.read_text())["n_articles"] == 1


def test_exit_code_1_when_nothing_loaded(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(IngestWarning, match="empty.txt"):
        assert (
            main(["ingest", str(tmp_path), "--out", str(tmp_path / "a.parquet"), "--no-progress"])
            == 1
        )
    assert not (tmp_path / "a.parquet").exists()
    report = json.loads((tmp_path / "ingest_report.json").read_text())
    assert report["skipped"][0]["reason"] == "the file is empty (0 bytes)"


def test_exit_code_2_for_usage_errors(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "missing"), "--no-progress"]) == 2
    assert "expected an existing file or folder" in capsys.readouterr().err


def test_console_script_defaults_in_a_fresh_project(tmp_path):
    """`python -m kit ingest` with no arguments: corpus/raw -> corpus/processed/."""
    raw = tmp_path / "corpus" / "raw" / "menafn"
    raw.mkdir(parents=True)
    shutil.copy(SEED, raw / SEED.name)
    env = dict(os.environ, KIT_ROOT=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "kit", "ingest"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    processed = tmp_path / "corpus" / "processed"
    articles = pd.read_parquet(processed / "articles.parquet")
    assert articles["title"].str.startswith("US reaffirms").all()
    report = json.loads((processed / "ingest_report.json").read_text())
    assert report["n_articles"] == 1 and report["articles_per_format"] == {"menafn": 1}
    assert "ingest" in done.stderr  # the progress bar
    assert report["out"] == "corpus/processed/articles.parquet"  # relative to the project root
    assert "1 articles (1 unique)" in done.stdout
