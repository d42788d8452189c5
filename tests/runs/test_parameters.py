"""`kit run` checks every parameter once, before any notebook starts and before the run folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit import cli, config
from kit.errors import ParameterError, ParameterProblems
from kit.runs import execute as run
from kit.runs import parameters as checks
from tests.helpers import make_articles
from tests.runs.test_execute import _notebook

PARAMS = (
    'corpus: str = ""  # corpus\n'
    'output_dir: str = ""  # run folder\n'
    'date_from: str = ""  # first day\n'
    'date_to: str = ""  # last day\n'
    "outlets: list = []  # outlets\n"
    'group_by: str = "outlet"  # groups\n'
    'terms: list = ["iran"]  # terms\n'
    "confidence: float = 0.95  # level\n"
    'actors: str = ""  # actor table\n'
    "jobs: int = 0  # worker processes\n"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Two notebooks declaring the same parameters; the second would fail if it ran."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "a.ipynb", "x = 1", params=PARAMS)
    _notebook(notebooks / "b.ipynb", "raise ValueError('ran')", params=PARAMS)
    processed = tmp_path / "corpus" / "processed"
    processed.mkdir(parents=True)
    make_articles().to_parquet(processed / "articles.parquet", index=False)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", notebooks)
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "outputs" / "runs")
    monkeypatch.setattr(config, "ARTICLES_PATH", processed / "articles.parquet")
    return tmp_path


def _refused(project: Path, capsys, *args: str) -> str:
    """Run `kit run ARGS` (without ingest); assert it refused and made no run folder."""
    code = cli.main(["run", *args])
    err = capsys.readouterr().err
    assert code == 2, err
    runs = project / "outputs" / "runs"
    assert not runs.exists() or not any(runs.iterdir())
    return err


def test_bad_date_is_one_error_naming_the_parameter(project, capsys):
    err = _refused(project, capsys, "-p", "date_from", "2024-13-45")
    assert err.count("date_from") == 1 and "Traceback" not in err
    assert "2024-13-45" in err


def test_outlet_not_in_the_corpus_is_named_once(project, capsys):
    err = _refused(project, capsys, "-p", "outlets", "[Nonexistent]")
    assert err.count("Nonexistent") == 1
    assert "values present in the corpus" in err


def test_group_by_must_be_a_column_or_a_period(project, capsys):
    err = _refused(project, capsys, "-p", "group_by", "nonsense")
    assert err.count("nonsense") == 1 and "year" in err
    with pytest.raises(ParameterError, match="period of published"):
        checks.raise_problems(checks.corpus_problems({"group_by": "nonsense"}, _corpus(project)))
    for good in ("year", "quarter", "outlet", "source"):
        assert checks.corpus_problems({"group_by": good}, _corpus(project)) == []


def _corpus(project: Path) -> Path:
    return project / "corpus" / "processed" / "articles.parquet"


def test_bare_string_for_a_list_gets_the_hint(project, capsys):
    err = _refused(project, capsys, "-p", "terms", "iran")
    assert "'[iran]'" in err and err.count("terms=") == 1


def test_several_problems_are_each_printed_once(project, capsys):
    err = _refused(
        project, capsys, "-p", "terms", "iran", "-p", "confidence", "high", "-p", "group_by", "7"
    )
    assert "3 parameters cannot be used" in err
    for name in ("terms=", "confidence=", "group_by="):
        assert err.count(name) == 1


def test_value_and_corpus_problems_are_printed_together(project, capsys):
    err = _refused(project, capsys, "-p", "group_by", "nonsense", "-p", "jobs", "-1")
    assert "2 parameters cannot be used" in err
    assert err.count("group_by=") == 1 and err.count("jobs=") == 1


def test_unknown_names_types_and_corpus_problems_are_printed_together(project, capsys):
    err = _refused(
        project, capsys, "-p", "nope", "1", "-p", "terms", "iran", "-p", "outlets", "[Nowhere]"
    )
    assert "3 parameters cannot be used" in err
    for name in ("nope=", "terms=", "outlets="):
        assert err.count(name) == 1


def test_a_missing_corpus_is_reported_with_the_other_problems(project, capsys):
    missing = str(project / "missing.parquet")
    err = _refused(project, capsys, "-p", "corpus", missing, "-p", "jobs", "-1")
    assert "2 parameters cannot be used" in err and "corpus=" in err and "jobs=" in err


def test_missing_actor_file_is_refused(project, capsys):
    err = _refused(project, capsys, "-p", "actors", "no_such_actors.yml")
    assert "no_such_actors.yml" in err and "existing file" in err


def test_types_follow_the_declared_type_names():
    assert checks.type_problem("confidence", 1, "float") is None
    assert checks.type_problem("confidence", True, "float") is not None  # a bool is no number
    assert checks.type_problem("n", 2.5, "int") is not None
    assert checks.type_problem("flag", "yes", "bool") is not None
    assert checks.type_problem("anything", object(), "None") is None  # no annotation
    problem = checks.type_problem("outlets", "BBC News", "list")
    assert problem is not None and "'[BBC News]'" in str(problem)


def test_several_problems_raise_one_error_holding_each():
    a, b = ParameterError("a", 1, "x"), ParameterError("b", 2, "y")
    with pytest.raises(ParameterProblems) as info:
        checks.raise_problems([a, b])
    assert info.value.problems == [a, b] and info.value.name == "a"
    assert isinstance(info.value, ParameterError)
    checks.raise_problems([])  # nothing to raise


def test_good_parameters_pass_and_dates_stay_text(project):
    params = run.parse_parameters([["date_from", "2024-04-14"], ["group_by", "year"]])
    assert params == {"date_from": "2024-04-14", "group_by": "year"}
    assert checks.corpus_problems(params, _corpus(project)) == []
    assert run.parse_parameters([["date_from", "2024-13-45"]]) == {"date_from": "2024-13-45"}


def test_a_corpus_of_part_files_is_checked_like_one_file(tmp_path):
    arts = make_articles()
    folder = tmp_path / "articles.parquet"
    folder.mkdir()
    arts.iloc[:3].to_parquet(folder / "part-00000.parquet", index=False)
    arts.iloc[3:].to_parquet(folder / "part-00001.parquet", index=False)
    outlets = sorted(arts["outlet"].unique())
    assert checks.corpus_problems({"outlets": outlets, "group_by": "outlet"}, folder) == []
    (problem,) = checks.corpus_problems({"outlets": ["Nonexistent"]}, folder)
    assert problem.name == "outlets"
