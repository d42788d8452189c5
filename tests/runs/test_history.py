"""`kit runs list` and `kit runs remove`: the run folders, and only them."""

from __future__ import annotations

import json

import pytest

from kit import cli, config
from kit.errors import ParameterError
from kit.runs import history


@pytest.fixture
def runs(tmp_path, monkeypatch):
    """A project with two finished runs, one stopped before its manifest, and a corpus."""
    runs_dir = tmp_path / "outputs" / "runs"
    for run_id, started, status in (
        ("second", "2026-11-25T10:00:00.000000Z", "failed"),
        ("first", "2026-11-24T22:30:00.000000Z", "ok"),
    ):
        (runs_dir / run_id).mkdir(parents=True)
        manifest = {"started": started, "status": status, "notebooks": [{"name": "01_a"}]}
        (runs_dir / run_id / "manifest.json").write_text(json.dumps(manifest))
    (runs_dir / "stopped").mkdir()
    corpus = tmp_path / "corpus" / "processed"
    corpus.mkdir(parents=True)
    (corpus / "articles.parquet").write_bytes(b"keep me")
    monkeypatch.setattr(config, "RUNS_DIR", runs_dir)
    return tmp_path


def test_list_gives_id_date_status_and_notebooks(runs):
    listed = history.list_runs()
    assert [r.run_id for r in listed if r.status != "incomplete"] == ["first", "second"]
    first = next(r for r in listed if r.run_id == "first")
    assert (first.date, first.status, first.notebooks) == (
        "2026-11-24T22:30:00.000000Z",
        "ok",
        ["01_a"],
    )
    stopped = next(r for r in listed if r.run_id == "stopped")
    assert stopped.status == "incomplete" and stopped.date.endswith("Z")
    assert history.list_runs(runs / "nowhere") == []


def test_cli_lists_runs(runs, capsys):
    assert cli.main(["runs", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    first = next(line for line in out if line.startswith("first "))
    assert "2026-11-24 22:30:00" in first and "ok" in first and "01_a" in first
    assert any(line.startswith("stopped ") and "incomplete" in line for line in out)


def test_remove_deletes_only_the_run_folders_named(runs, capsys):
    assert cli.main(["runs", "remove", "first", "stopped"]) == 0
    assert [r.run_id for r in history.list_runs()] == ["second"]
    assert "removed" in capsys.readouterr().out
    assert (runs / "corpus" / "processed" / "articles.parquet").read_bytes() == b"keep me"


@pytest.mark.parametrize(
    "bad", ["nope", "../../corpus", "..", "first/../../corpus", "", "manifest.json"]
)
def test_remove_refuses_what_is_not_a_run_folder_and_removes_nothing(runs, bad, capsys):
    (runs / "outputs" / "runs" / "manifest.json").write_text("{}")  # a file, not a run
    with pytest.raises(ParameterError, match="run folders"):
        history.remove_runs(["first", bad])
    assert cli.main(["runs", "remove", "second", bad]) == 2
    assert "kit runs: error" in capsys.readouterr().err
    assert {r.run_id for r in history.list_runs()} == {"first", "second", "stopped"}
    assert (runs / "corpus" / "processed" / "articles.parquet").exists()


def test_remove_refuses_a_link_to_a_folder_elsewhere(runs):
    (runs / "outputs" / "runs" / "corpus").symlink_to(runs / "corpus")
    with pytest.raises(ParameterError):
        history.remove_runs(["corpus"])
    assert (runs / "corpus" / "processed" / "articles.parquet").exists()
