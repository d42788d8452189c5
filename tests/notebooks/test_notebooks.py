"""Every notebook in notebooks/ runs through papermill and follows the notebook conventions.

Notebooks are found by glob, so a new notebook is tested without touching this file. Each is
executed on two corpora: the six-article table of ``conftest.make_articles`` and the seed
article alone (a notebook must degrade gracefully on one article).
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from kit.runs.captions import FIGURE_CAPTIONS
from kit.runs.execute import COMMON_PARAMETERS, KERNEL_NAME, run_notebooks
from kit.runs.kernel import ensure_kernel
from kit.runs.notebooks import README_BEGIN, README_END, parameters_markdown
from tests.helpers import ROOT, committed_text, make_articles

NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
CORPORA = {"six_articles": lambda: make_articles(), "seed_only": lambda: make_articles().iloc[:1]}
# `name: type = literal  # help` -- the form papermill's inspect_notebook documents.
PARAMETER_LINE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*=\s*(?P<value>[^#]+?)"
    r"\s*#\s*(?P<help>\S.*)$"
)


def _parameters_cell(nb) -> int:
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"expected exactly one cell tagged 'parameters', found {len(tagged)}"
    return tagged[0]


def _execute(notebook: Path, out_dir: Path, corpus: Path, **extra):
    output = out_dir / f"executed_{notebook.name}"
    parameters = {"corpus": str(corpus), "output_dir": str(out_dir / "run"), **extra}
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        kernel_name=ensure_kernel(KERNEL_NAME),
        progress_bar=False,
        log_output=False,
        cwd=str(notebook.parent),
    )
    return nbformat.read(output, as_version=4)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """One `kit run` of every notebook per test corpus (papermill, with corpus and output_dir
    set), shared by the tests below so each notebook executes once per corpus."""
    results = {}
    for name, make in CORPORA.items():
        folder = tmp_path_factory.mktemp(name)
        make().to_parquet(folder / "articles.parquet", index=False)
        results[name] = run_notebooks(
            parameters={"corpus": str(folder / "articles.parquet")},
            notebooks_dir=NOTEBOOKS_DIR,
            runs_dir=folder / "runs",
            html=name == "six_articles",
            progress=False,
        )
    return results


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebook found in {NOTEBOOKS_DIR}"


@pytest.mark.slow
@pytest.mark.parametrize("corpus_name", list(CORPORA))
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom(notebook, corpus_name, runs):
    result = next(r for r in runs[corpus_name].notebooks if r.input == notebook)
    assert result.status == "ok", result.describe_error()
    executed = nbformat.read(result.output, as_version=4)
    ran = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in ran), "some code cells did not run"
    assert not [o for c in ran for o in c.outputs if o.output_type == "error"]
    # Saved figures are also shown inline, and everything saved comes in both formats.
    if result.figures:
        assert any("image/png" in o.get("data", {}) for c in ran for o in c.outputs), (
            "figures are saved but none is displayed inline"
        )
    assert result.tables, "the notebook saved no table under output_dir/tables"
    stems = {Path(t).with_suffix("").as_posix() for t in result.tables}
    assert {f"{s}{ext}" for s in stems for ext in (".csv", ".parquet")} == set(result.tables)
    figures = {Path(f).with_suffix("").as_posix() for f in result.figures}
    assert {f"{s}{ext}" for s in figures for ext in (".png", ".svg")} == set(result.figures)
    assert not result.overwrote, (
        f"tables/figures named like another notebook's: "
        f"{result.overwrote} (prefix names with the notebook's topic)"
    )
    if result.html is not None:
        page = result.html.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", page), (
            "the HTML page loads something from the network"
        )


@pytest.mark.slow
def test_evidence_sentences_display_in_full(runs):
    """Evidence tables show whole sentences in the notebooks and their HTML, never cut at
    pandas' default of 50 characters."""
    result = runs["six_articles"]
    checked = 0
    for nb in result.notebooks:
        executed = nbformat.read(nb.output, as_version=4)
        shown = "\n".join(
            o.get("data", {}).get("text/html", "")
            for c in executed.cells
            if c.cell_type == "code"
            for o in c.outputs
        )
        page = nb.html.read_text(encoding="utf-8")
        for table in nb.tables:
            if not table.endswith(".csv") or not ("evidence" in table or "examples" in table):
                continue
            frame = pd.read_csv(result.run_dir / table)
            column = "sentence" if "sentence" in frame else "text"
            texts = frame[column].dropna().tolist() if column in frame else []
            longest = max(texts, key=len, default="")
            if len(longest) <= 50:
                continue
            escaped = longest.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped in shown and escaped in page, f"{table}: sentence cut"
            checked += 1
    assert checked >= 3, "no evidence table was checked"


@pytest.mark.slow
def test_report_captions_every_figure_and_lists_every_notebook(runs):
    result = runs["six_articles"]
    page = (result.run_dir / "index.html").read_text(encoding="utf-8")
    figures = sorted((result.run_dir / "figures").glob("*.png"))
    assert figures
    for figure in figures:
        caption = html.escape(FIGURE_CAPTIONS[figure.stem])
        assert f"<figcaption>{caption} " in page, f"{figure.stem}: not captioned with what it shows"
    for nb in result.notebooks:
        assert f'href="#nb-{nb.name}"' in page, f"{nb.name} is not in the contents"
        assert f'href="{nb.name}.html#' in page, f"no section of {nb.name} links its page"
    assert "Method." in page and "outlets (" in page and "published" in page


@pytest.mark.slow
def test_two_runs_give_identical_tables(runs, tmp_path):
    """Same corpus, same parameters, a second run: every file under tables/ is identical."""
    first = runs["six_articles"]
    corpus = first.manifest["corpus"]["path"]
    second = run_notebooks(
        parameters={"corpus": corpus},
        notebooks_dir=NOTEBOOKS_DIR,
        runs_dir=tmp_path,
        html=False,
        progress=False,
    )
    assert second.ok, [nb.describe_error() for nb in second.failed]
    assert second.manifest["corpus"]["fingerprint"] == first.manifest["corpus"]["fingerprint"]
    tables = [
        sorted(p.relative_to(r.run_dir).as_posix() for p in (r.run_dir / "tables").rglob("*"))
        for r in (first, second)
    ]
    assert tables[0] and tables[0] == tables[1]
    different = [
        rel
        for rel in tables[0]
        if (first.run_dir / rel).read_bytes() != (second.run_dir / rel).read_bytes()
    ]
    assert not different, f"tables differ between two identical runs: {different}"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_bad_parameter_stops_at_first_code_cell(notebook, tmp_path):
    corpus = tmp_path / "articles.parquet"
    make_articles().to_parquet(corpus, index=False)
    with pytest.raises(PapermillExecutionError) as info:
        _execute(notebook, tmp_path, corpus, outlets=["No Such Outlet"])
    assert info.value.ename == "ParameterError"
    assert "No Such Outlet" in info.value.evalue and "The Guardian" in info.value.evalue
    executed = nbformat.read(tmp_path / f"executed_{notebook.name}", as_version=4)
    code = [
        c
        for c in executed.cells
        if c.cell_type == "code"
        and not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))
    ]
    assert any(o.output_type == "error" for o in code[0].outputs), (
        "the error should come from the first code cell after the parameters"
    )
    assert all(c.execution_count is None for c in code[1:]), "cells after the error ran"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_parameters_are_documented(notebook):
    nb = nbformat.read(notebook, as_version=4)
    cell = nb.cells[_parameters_cell(nb)]
    assert cell.cell_type == "code"
    for line in cell.source.splitlines():
        if not line.strip():
            continue
        match = PARAMETER_LINE.match(line)
        assert match, f"parameters cell line {line!r} is not `name: type = literal  # help`"
        assert "=" not in match["help"], (
            f"{line!r}: papermill skips a line holding more than one '=', "
            "so do not write '=' in the help comment"
        )
        ast.literal_eval(match["value"])  # literals only
    inspected = papermill.inspect_notebook(str(notebook))
    missing = [p for p in COMMON_PARAMETERS if p not in inspected]
    assert not missing, f"common parameters missing or not parsed by papermill: {missing}"
    for name, p in inspected.items():
        assert p["inferred_type_name"] not in ("None", ""), f"{name} has no type hint"
        assert p["help"].strip(), f"{name} has no help comment"


def test_clean_check_reads_what_git_committed(tmp_path, monkeypatch):
    """A notebook saved with outputs after its commit is judged by its commit; without git
    history (a new file, or no repository) the file itself is read."""
    import shutil
    import subprocess

    import tests.helpers

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    path = tmp_path / "nb.ipynb"
    path.write_text("committed", encoding="utf-8")
    subprocess.run([*git, "add", "nb.ipynb"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "nb"], check=True)
    path.write_text("saved in JupyterLab", encoding="utf-8")
    new = tmp_path / "new.ipynb"
    new.write_text("not committed", encoding="utf-8")
    monkeypatch.setattr(tests.helpers, "ROOT", tmp_path)
    assert committed_text(path) == "committed"
    assert committed_text(new) == "not committed"
    elsewhere = tmp_path.parent / f"{tmp_path.name}_outside.ipynb"
    elsewhere.write_text("outside", encoding="utf-8")
    assert committed_text(elsewhere) == "outside"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_committed_notebook_is_clean(notebook):
    """What git has committed is clean (the working copy may hold outputs from JupyterLab)."""
    nb = nbformat.reads(committed_text(notebook), as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"cell {i} has outputs (strip them: nbstripout)"
        assert cell.execution_count is None, f"cell {i} has an execution count"
        tree = ast.parse(
            "\n".join(
                line
                for line in cell.source.splitlines()
                if not line.lstrip().startswith(("%", "!"))
            )
        )
        defs = [
            n
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        ]
        assert not defs, f"cell {i} defines {defs[0].name}: code used twice belongs in kit/"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("#"), (
        "the first cell is a markdown title"
    )
    after = [c for c in nb.cells[_parameters_cell(nb) + 1 :] if c.cell_type == "code"]
    assert after and "open_corpus(" in after[0].source, (
        "the first code cell after the parameters opens the corpus with kit.open_corpus"
    )
    assert "papermill" not in nb.metadata, "executed-notebook metadata was committed"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_sets_jobs_display_and_kernel(notebook):
    """The notebook as it is now: its project kernel, and its first cell after the parameters
    applies ``jobs`` and shows evidence in full before anything else runs."""
    nb = nbformat.read(notebook, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == KERNEL_NAME, (
        f"the notebook should use the project's kernel {KERNEL_NAME!r} (the one in .venv)"
    )
    setup = next(c for c in nb.cells[_parameters_cell(nb) + 1 :] if c.cell_type == "code").source
    assert "kit.set_jobs(jobs)" in setup and setup.index("kit.set_jobs(jobs)") < setup.index(
        "open_corpus("
    ), "the first code cell after the parameters calls kit.set_jobs(jobs) before anything runs"
    assert 'pd.set_option("display.max_colwidth", None)' in setup, (
        "evidence sentences must display in full (pandas display.max_colwidth None)"
    )


def test_readme_documents_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_BEGIN in readme and README_END in readme
    block = readme[readme.index(README_BEGIN) + len(README_BEGIN) : readme.index(README_END)]
    assert block.strip() == parameters_markdown(NOTEBOOKS_DIR).strip(), (
        "the README's notebook parameters are out of date: run "
        "`.venv/bin/python -m kit.runs.notebooks --update-readme`"
    )
