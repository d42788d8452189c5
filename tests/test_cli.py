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


def test_ingest_with_an_outlet_table_and_languages(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.csv").write_text(
        "outlet,text\nclarion.example,Drones were launched at Israel overnight.\n"
        "NY Times,Ceasefire talks resumed in Cairo on Monday.\n"
    )
    table = tmp_path / "outlets.yml"
    table.write_text("# source: mine\noutlets:\n  The Anytown Clarion: [clarion.example]\n")
    out = tmp_path / "a.parquet"
    args = ["ingest", str(raw), "--out", str(out), "--no-progress", "--outlets", str(table)]
    assert main([*args, "--languages", "en", "fr"]) == 0
    assert pd.read_parquet(out)["outlet"].tolist() == ["The Anytown Clarion", "NY Times"]
    assert "1 outlet name(s) not in the outlet table" in capsys.readouterr().out
    assert main([*args, "--languages", "xx"]) == 2
    assert "parameter languages=['xx']" in capsys.readouterr().err
    assert main([*args[:-1], str(tmp_path / "none.yml")]) == 2
    assert "no such file" in capsys.readouterr().err


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


def test_evaluate_frames_prints_auc_per_frame(tmp_path, capsys):
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "ID\ttext\tCO\tEC\n1\tCritics accused the government of lying.\tTrue\tFalse\n"
        "2\tPrices and costs rose; the economy paid billions.\tFalse\tTrue\n",
        encoding="utf-8",
    )
    assert main(["evaluate", "frames", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "conflict" in out and "economic" in out and "mean ROC AUC: 1.000" in out


def test_evaluate_attributions_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["evaluate", "attributions", str(tmp_path / "nope")]) == 2
    assert "kit evaluate: error" in capsys.readouterr().err


def test_version(capsys):
    from kit.config import VERSION

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"kit {VERSION}"


def test_run_help_lists_every_notebook_and_its_parameters(capsys):
    from kit.runs.notebooks import declared_parameters, discover_notebooks

    with pytest.raises(SystemExit) as exit_:
        main(["run", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "-p NAME VALUE" in out and "-f PARAMETERS_FILE" in out
    assert "every notebook:" in out
    for path in discover_notebooks():
        assert f"{path.stem}: " in out
        for name, p in declared_parameters(path).items():
            assert f"  {name} ({p['inferred_type_name']}, default {p['default']}): " in out
