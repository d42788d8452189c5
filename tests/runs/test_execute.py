"""`kit run` end to end on a tiny project, plus its parts (parameters, ingest-if-stale, run ids,
provenance, report)."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import kit.corpus
from kit import cli, config
from kit.corpus.manifest import write_manifest
from kit.errors import IngestError, ParameterError
from kit.runs import execute as run
from kit.runs import notebooks as kit_notebooks
from kit.runs import provenance
from tests.helpers import make_articles

PARAMS = 'corpus: str = ""  # corpus\noutput_dir: str = ""  # run folder\n'


def _notebook(path: Path, *cells: str, params: str = PARAMS) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), nbformat.v4.new_code_cell(params)]
    nb.cells[1].metadata["tags"] = ["parameters"]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _make_project(root: Path) -> dict:
    """A project with three notebooks (the second fails in its cell 3) and a processed corpus;
    returns the kit.config values pointing at it."""
    notebooks = root / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "a_ok.ipynb",
        "import pandas as pd\nimport kit.runs.outputs, kit.overview, kit.plots.overview",
        "arts = pd.read_parquet(corpus)\n"
        "words = arts[['doc_id', 'n_words']].assign(scaled=arts['n_words'] * scale)\n"
        "kit.runs.outputs.save_table(words, 'a_words', output_dir)",
        "fig = kit.plots.overview.plot_languages(kit.overview.language_counts(arts))\n"
        "kit.runs.outputs.save_figure(fig, 'a_languages', output_dir)\nfig",
        "import pathlib, kit.config\n"
        "print('read', corpus, 'lexicons', kit.config.LEXICONS_DIR, 'home', pathlib.Path.home())",
        params=PARAMS + "scale: int = 1  # multiplier\n",
    )
    _notebook(notebooks / "b_fail.ipynb", "x = 1", "raise ValueError('boom in b')", "y = 2")
    _notebook(
        notebooks / "c_ok.ipynb",
        "import pandas as pd\nimport kit.runs.outputs",
        "kit.runs.outputs.save_table(pd.read_parquet(corpus)[['doc_id']], 'c_ids', output_dir)",
    )
    processed = root / "corpus" / "processed"
    processed.mkdir(parents=True)
    (root / "corpus" / "raw").mkdir()
    make_articles().to_parquet(processed / "articles.parquet", index=False)
    write_manifest(processed / "articles.parquet", root / "corpus" / "raw")  # as kit ingest does
    return {
        "NOTEBOOKS_DIR": notebooks,
        "RUNS_DIR": root / "outputs" / "runs",
        "ARTICLES_PATH": processed / "articles.parquet",
        "RAW_DIR": root / "corpus" / "raw",
    }


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The project of :func:`_make_project`, with kit.config pointing at it."""
    for name, value in _make_project(tmp_path).items():
        monkeypatch.setattr(config, name, value)
    return tmp_path


@pytest.fixture(scope="module")
def failed_run(tmp_path_factory):
    """`kit run -p scale 2 --run-id first` on a project (once for the module); returns
    (exit code, stdout, stderr, run folder, articles path)."""
    import contextlib
    import io

    root = tmp_path_factory.mktemp("project")
    settings = _make_project(root)
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as mp,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        for name, value in settings.items():
            mp.setattr(config, name, value)
        code = cli.main(["run", "-p", "scale", "2", "--run-id", "first"])
    return (
        code,
        out.getvalue(),
        err.getvalue(),
        root / "outputs" / "runs" / "first",
        settings["ARTICLES_PATH"],
    )


def test_failing_notebook_is_named_and_does_not_stop_the_others(failed_run):
    code, out, err, run_dir, _ = failed_run
    assert code == 1
    assert "b_fail.ipynb failed in cell 4 of 5 (counting from 1" in err
    assert "raise ValueError('boom in b')): ValueError: boom in b" in err
    assert f"index.html: {run_dir / 'index.html'}" in out
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert [(n["name"], n["status"]) for n in manifest["notebooks"]] == [
        ("a_ok", "ok"),
        ("b_fail", "failed"),
        ("c_ok", "ok"),
    ]
    error = manifest["notebooks"][1]["error"]
    assert (error["cell_index"], error["n_cells"]) == (3, 5)  # 0-based, as committed
    assert (error["ename"], error["evalue"]) == ("ValueError", "boom in b")
    assert error["cell_first_line"] == "raise ValueError('boom in b')"
    # The failed notebook is kept, with its error output, and the cell after it never ran.
    kept = nbformat.read(run_dir / "b_fail.ipynb", as_version=4)
    outputs = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs]
    assert any(o.output_type == "error" and o.evalue == "boom in b" for o in outputs)
    assert (run_dir / "b_fail.html").exists()
    assert (run_dir / "tables" / "c_ids.csv").exists(), "the notebook after the failure ran"


def test_each_notebook_gets_only_the_parameters_it_declares(failed_run):
    *_, run_dir, articles = failed_run
    manifest = json.loads((run_dir / "manifest.json").read_text())
    passed = {n["name"]: n["parameters"] for n in manifest["notebooks"]}
    assert passed["a_ok"]["scale"] == 2 and "scale" not in passed["c_ok"]
    # as the manifest says: the run folder is ".", a corpus outside the project its file name
    assert all(p["output_dir"] == "." for p in passed.values())
    assert all(p["corpus"] == articles.name for p in passed.values())
    words = pd.read_csv(run_dir / "tables" / "a_words.csv")
    assert (words["scaled"] == 2 * words["n_words"]).all()


def test_manifest_records_provenance(failed_run):
    *_, run_dir, _ = failed_run
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["run_id"] == "first" and manifest["status"] == "failed"
    assert manifest["parameters"] == {"scale": 2}
    assert manifest["corpus"]["fingerprint"] == provenance.corpus_fingerprint(make_articles())
    assert manifest["corpus"]["n_articles"] == 6 and manifest["corpus"]["ingested_now"] is False
    packages = manifest["environment"]["packages"]
    assert packages["pandas"] == pd.__version__ and packages["papermill"] and packages["kit"]
    started = pd.Timestamp(manifest["started"])
    finished = pd.Timestamp(manifest["finished"])
    assert started <= finished and started.tzinfo is not None
    assert manifest["duration_seconds"] >= sum(n["duration_seconds"] for n in manifest["notebooks"])
    a_ok = manifest["notebooks"][0]
    assert a_ok["tables"] == ["tables/a_words.csv", "tables/a_words.parquet"]
    assert a_ok["figures"] == ["figures/a_languages.png", "figures/a_languages.svg"]
    assert 0 < a_ok["cells_seconds"] <= a_ok["duration_seconds"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.images, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("img", "script", "link") and (attrs.get("src") or attrs.get("href")):
            self.images.append(attrs.get("src") or attrs.get("href"))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("page", ["index.html", "report.html"])
def test_index_links_every_notebook_and_figure(failed_run, page):
    *_, run_dir, _ = failed_run
    parser = _parse(run_dir / page)
    for name in ("a_ok", "b_fail", "c_ok"):
        assert f"{name}.html" in parser.links and f"{name}.ipynb" in parser.links
    if page == "index.html":
        assert "figures/a_languages.png" in parser.images
    else:
        assert any(i.startswith("data:image/png;base64,") for i in parser.images)
        assert not any(i.startswith("figures/") for i in parser.images), "figure not inlined"
    assert "ValueError in cell 4 of 5" in (run_dir / page).read_text(encoding="utf-8")
    assert "manifest.json" in parser.links
    for target in parser.links + parser.images:
        assert "://" not in target, f"{page} links outside the run folder: {target}"
        if target.startswith("data:"):
            continue
        file, _, anchor = target.partition("#")
        assert (run_dir / file).exists(), f"{page} links a missing file: {target}"
        if anchor:
            ids = parser.ids if not file else _parse(run_dir / file).ids
            assert anchor in ids, f"{page} links a missing anchor: {target}"


def _text_of(path: Path) -> str:
    """A run folder's file as text, without its embedded images (base64, where any short
    string may occur by chance); '' for binary files."""
    if path.suffix in (".png", ".parquet"):
        return ""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                output.get("data", {}).pop("image/png", None)
        return json.dumps(nb, ensure_ascii=False)
    return re.sub(r"data:image/[\w.+-]+;base64,[A-Za-z0-9+/=]+", "", path.read_text("utf-8"))


def assert_no_local_path(run_dir: Path, *local: Path) -> set[str]:
    """Assert that no file of ``run_dir`` names the project root, the home folder, the run
    folder or any of ``local`` by its absolute path; return the suffixes of the files read."""
    paths = {str(p) for p in (config.ROOT, Path.home(), run_dir, *local)}
    files = [p for p in sorted(run_dir.rglob("*")) if p.is_file()]
    for file in files:
        text = _text_of(file)
        found = sorted(p for p in paths if p in text)
        assert not found, f"{file.relative_to(run_dir)} holds local paths {found}"
    return {p.suffix for p in files}


def test_no_file_of_a_run_holds_a_local_path(failed_run):
    *_, run_dir, articles = failed_run
    notebooks = articles.parent.parent.parent / "notebooks"
    read = assert_no_local_path(run_dir, articles.parent, notebooks)
    assert read >= {".ipynb", ".html", ".json", ".yaml", ".csv", ".svg"}
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert "relative to the project root" in manifest["paths"]
    a_ok = nbformat.read(run_dir / "a_ok.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in a_ok.cells for o in c.get("outputs", []))
    assert "read articles.parquet lexicons kit/lexicons home ~" in printed
    injected = next(c for c in a_ok.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert 'output_dir = "."' in injected.source and "relative to" in injected.source
    assert a_ok.metadata["papermill"]["output_path"] == "./a_ok.ipynb"
    assert "read articles.parquet" in (run_dir / "a_ok.html").read_text(encoding="utf-8")


def test_notebook_html_loads_nothing_from_the_network(failed_run):
    *_, run_dir, _ = failed_run
    parser = _Links()
    parser.feed((run_dir / "a_ok.html").read_text(encoding="utf-8"))
    remote = [t for t in parser.images if "://" in t]
    assert not remote
    assert any(t.startswith("data:image/png") for t in parser.images), "figure not embedded"


def test_unknown_parameter_stops_before_anything_runs(project):
    with pytest.raises(ParameterError, match="nope.*declared by the notebooks run"):
        run.run_notebooks(parameters={"nope": 1}, progress=False)
    with pytest.raises(ParameterError, match="output_dir"):
        run.run_notebooks(parameters={"output_dir": "/elsewhere"}, progress=False)
    with pytest.raises(ParameterError, match="scale"):  # declared, but not by c_ok
        run.run_notebooks(["c_ok"], parameters={"scale": 3}, progress=False)
    with pytest.raises(ParameterError, match="corpus"):
        run.run_notebooks(parameters={"corpus": str(project / "missing.parquet")}, progress=False)
    assert not (project / "outputs" / "runs").exists() or not any(
        (project / "outputs" / "runs").iterdir()
    )
    assert cli.main(["run", "-p", "nope", "1"]) == 2


def test_new_notebook_is_picked_up(project):
    assert [p.stem for p in kit_notebooks.discover_notebooks()] == ["a_ok", "b_fail", "c_ok"]
    _notebook(project / "notebooks" / "0_new.ipynb", "pass")
    assert [p.stem for p in kit_notebooks.discover_notebooks()][0] == "0_new"
    assert kit_notebooks.discover_notebooks(["c"]) == [project / "notebooks" / "c_ok.ipynb"]
    assert kit_notebooks.discover_notebooks(["a_ok.ipynb"]) == [
        project / "notebooks" / "a_ok.ipynb"
    ]
    with pytest.raises(ParameterError, match="a_ok"):
        kit_notebooks.discover_notebooks(["zzz"])


def test_ingests_only_when_the_corpus_is_missing_or_stale(project, monkeypatch):
    calls = []

    def fake_ingest(sources=None, *, out=None, report=None, progress=True):
        calls.append(sources)
        make_articles().iloc[:2].to_parquet(out, index=False)
        Path(report).write_text(json.dumps({"n_articles": 2}))
        write_manifest(out, sources)  # as kit ingest does
        return {"n_articles": 2}

    monkeypatch.setattr(kit.corpus, "ingest", fake_ingest)
    raw = project / "corpus" / "raw" / "menafn" / "a.txt"
    raw.parent.mkdir()
    raw.write_text("raw input")
    articles = config.ARTICLES_PATH
    # Added with a timestamp older than the corpus (unzip, cp -p): still a change.
    os.utime(raw, ns=(articles.stat().st_mtime_ns - 10**10,) * 2)
    assert run.ingest_reasons() == ["added menafn/a.txt"]
    assert run.needs_ingest()

    first = run.run_notebooks(["c_ok"], progress=False, html=False)
    assert first.ingested and len(calls) == 1
    assert first.manifest["corpus"]["n_articles"] == 2
    assert first.manifest["corpus"]["ingest_reasons"] == ["added menafn/a.txt"]
    assert first.manifest["corpus"]["ingest_report"].endswith("ingest_report.json")
    second = run.run_notebooks(["c_ok"], progress=False, html=False)
    assert not second.ingested and len(calls) == 1
    assert second.manifest["corpus"]["ingest_reasons"] == []
    assert second.run_dir != first.run_dir
    # Touched but not changed: not stale (the content hash decides, not the timestamp).
    os.utime(raw, ns=(articles.stat().st_mtime_ns + 10**9,) * 2)
    assert not run.needs_ingest()
    # An explicit corpus is never re-ingested, even when corpus/raw changed.
    raw.write_text("raw input, edited")
    third = run.run_notebooks(
        ["c_ok"], parameters={"corpus": str(articles)}, progress=False, html=False
    )
    assert not third.ingested and len(calls) == 1
    articles.unlink()
    assert run.ingest_reasons() == [f"there is no processed corpus at {articles}"]


def _raw_story(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{title} was reported on Sunday, officials said in a statement.\n")
    return path


def _ids_of_run(project: Path) -> list[str]:
    result = run.run_notebooks(["c_ok"], progress=False, html=False)
    assert result.ok
    return pd.read_csv(result.run_dir / "tables" / "c_ids.csv")["doc_id"].tolist()


def _change(kind: str, raw: Path, old_mtime: int) -> str:
    first = raw / "a" / "first.txt"
    if kind == "delete":
        first.unlink()
        return "removed a/first.txt"
    if kind == "add with an old mtime":
        added = _raw_story(raw / "b" / "third.txt", "Ceasefire talks resume in Cairo")
        os.utime(added, ns=(old_mtime, old_mtime))
        return "added b/third.txt"
    if kind == "rename":
        first.rename(raw / "a" / "renamed.txt")
        return "renamed a/first.txt -> a/renamed.txt"
    # edit: same size, and the old timestamp put back, as some tools do
    text = first.read_text()
    first.write_text(text.replace("Sunday", "Monday"))
    os.utime(first, ns=(old_mtime, old_mtime))
    return "edited a/first.txt"


@pytest.mark.parametrize("kind", ["delete", "add with an old mtime", "rename", "edit"])
def test_kit_run_uses_the_new_corpus_after_a_raw_file_changes(project, kind):
    raw = config.RAW_DIR
    config.ARTICLES_PATH.unlink()
    _raw_story(raw / "a" / "first.txt", "Drones launched at Israel")
    _raw_story(raw / "a" / "second.txt", "Hospitals short of fuel")
    old_mtime = (raw / "a" / "first.txt").stat().st_mtime_ns - 10**11
    before = _ids_of_run(project)
    assert len(before) == 2 and not run.needs_ingest()
    reason = _change(kind, raw, old_mtime)
    assert run.ingest_reasons() == [reason]
    after = _ids_of_run(project)
    corpus = pd.read_parquet(config.ARTICLES_PATH)
    assert after == corpus["doc_id"].tolist()
    assert sorted(corpus["path"]) == sorted(
        p.relative_to(raw).as_posix() for p in raw.rglob("*.txt")
    )
    if kind == "edit":
        assert "Monday" in corpus.set_index("path").loc["a/first.txt", "text"]
    assert not run.needs_ingest()


@pytest.mark.parametrize("stale_table_left", [False, True])
def test_ingest_that_reads_nothing_stops_the_run(project, monkeypatch, stale_table_left):
    monkeypatch.setattr(kit.corpus, "ingest", lambda *a, **k: {"n_articles": 0})
    if stale_table_left:  # an older table is kept by an ingest that loads nothing: not used
        raw = project / "corpus" / "raw" / "new.txt"
        raw.write_text("unreadable")
        os.utime(raw, ns=(config.ARTICLES_PATH.stat().st_mtime_ns + 10**9,) * 2)
    else:
        config.ARTICLES_PATH.unlink()
    with pytest.raises(IngestError, match="ingest read no article"):
        run.run_notebooks(progress=False)


def test_run_ids_are_unique_and_checked(tmp_path):
    first, _ = run.new_run_dir(tmp_path, None)
    second, _ = run.new_run_dir(tmp_path, None)
    assert first != second and len(first) == len("20261124T223000Z")
    assert run.new_run_dir(tmp_path, "mine")[0] == "mine"
    with pytest.raises(ParameterError, match="not used yet"):
        run.new_run_dir(tmp_path, "mine")
    with pytest.raises(ParameterError, match="letters, digits"):
        run.new_run_dir(tmp_path, "../escape")


def test_parse_parameters(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("date_from: 2024-04-15\noutlets: [The Guardian]\nlength_bins: 5\n")
    parsed = run.parse_parameters([["length_bins", "7"], ["include_duplicates", "true"]], params)
    assert parsed == {
        "date_from": "2024-04-15",
        "outlets": ["The Guardian"],
        "length_bins": 7,
        "include_duplicates": True,
    }
    params.write_text("- a\n- b\n")
    with pytest.raises(ParameterError, match="mapping"):
        run.parse_parameters(None, params)
    with pytest.raises(ParameterError, match="existing YAML file"):
        run.parse_parameters(None, tmp_path / "none.yaml")


def test_fingerprint_follows_content_not_file():
    arts = make_articles()
    assert provenance.corpus_fingerprint(arts) == provenance.corpus_fingerprint(
        arts.copy().reset_index(drop=True).set_axis(range(10, 16))
    )
    changed = arts.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"] + "."
    assert provenance.corpus_fingerprint(changed) != provenance.corpus_fingerprint(arts)
    assert provenance.corpus_fingerprint(arts.iloc[:5]) != provenance.corpus_fingerprint(arts)


def test_parameters_markdown_and_readme_update(project, tmp_path):
    text = kit_notebooks.parameters_markdown()
    assert "### `a_ok.ipynb`: a_ok" in text
    assert "| `scale` | int | `1` | multiplier |" in text
    assert text.index("a_ok.ipynb") < text.index("b_fail.ipynb") < text.index("c_ok.ipynb")
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# x\n{kit_notebooks.README_BEGIN}\nstale\n{kit_notebooks.README_END}\nafter\n"
    )
    assert kit_notebooks.update_readme(readme) is True
    assert "stale" not in readme.read_text() and "| `scale` |" in readme.read_text()
    assert readme.read_text().endswith(f"{kit_notebooks.README_END}\nafter\n")
    assert kit_notebooks.update_readme(readme) is False
    readme.write_text("no markers\n")
    with pytest.raises(ParameterError, match="markers"):
        kit_notebooks.update_readme(readme)


def test_manifest_records_every_effective_parameter_and_hashes(failed_run):
    import hashlib

    *_, run_dir, articles = failed_run
    manifest = json.loads((run_dir / "manifest.json").read_text())
    nbs = {n["name"]: n for n in manifest["notebooks"]}
    assert nbs["a_ok"]["effective_parameters"] == {
        "corpus": articles.name,
        "output_dir": ".",
        "scale": 2,
    }
    assert nbs["c_ok"]["effective_parameters"] == {"corpus": articles.name, "output_dir": "."}
    notebooks = articles.parent.parent.parent / "notebooks"
    for name, entry in nbs.items():
        digest = hashlib.sha256((notebooks / f"{name}.ipynb").read_bytes()).hexdigest()
        assert entry["sha256"] == f"sha256:{digest}"
        assert entry["files"] == []
    bundled = {Path(f["path"]).name: f["sha256"] for f in manifest["bundled_files"]}
    actors = config.LEXICONS_DIR / "actors.yml"
    assert bundled["actors.yml"] == provenance.sha256_file(actors)
    assert not any(name.endswith(".py") for name in bundled)
    project = manifest["project"]
    assert project["version"] == config.VERSION
    assert set(project) == {"version", "commit", "dirty"}
    assert project["commit"] is None or len(project["commit"]) == 40


def test_run_folder_holds_params_yaml_that_repeats_the_run(failed_run):
    *_, run_dir, _ = failed_run
    text = (run_dir / "params.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Parameters of kit run first: kit run -f params.yaml repeats it.")
    assert run.parse_parameters(parameters_file=run_dir / "params.yaml") == {"scale": 2}


def test_params_yaml_keeps_defaults_and_names_those_that_differ(tmp_path):
    effective = {
        Path("a.ipynb"): {"corpus": "x", "output_dir": "o", "group_by": "outlet", "n": 1},
        Path("b.ipynb"): {"corpus": "x", "output_dir": "o", "group_by": "year"},
    }
    revision = {"commit": None, "dirty": None}
    path = run.write_params_file(tmp_path, effective, {}, run_id="r", revision=revision)
    assert run.parse_parameters(parameters_file=path) == {"n": 1}
    assert "# Left to each notebook's default (they differ): group_by" in path.read_text()


def test_file_parameters_are_found_and_hashed(tmp_path):
    lexicon = tmp_path / "my_verbs.yml"
    lexicon.write_text("# source: mine\nverbs: [said]\n")
    values = {
        "corpus": str(tmp_path / "my_verbs.yml"),  # the corpus is fingerprinted, not listed
        "method": "vader",
        "actors": "kit/lexicons/actors.yml",  # relative to the project root
        "lexicon_overrides": {"reporting_verbs": str(lexicon)},
    }
    assert run.parameter_files(values) == [
        ("actors", config.LEXICONS_DIR / "actors.yml"),
        ("lexicon_overrides.reporting_verbs", lexicon.resolve()),
    ]


def test_project_revision_without_git_is_null(tmp_path, monkeypatch):
    import shutil

    assert provenance.project_revision(tmp_path) == {"commit": None, "dirty": None}
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert provenance.project_revision(config.ROOT) == {"commit": None, "dirty": None}


def test_project_revision_reads_the_commit(tmp_path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True, env=env)
    (tmp_path / "a.txt").write_text("a")
    subprocess.run([*git, "add", "a.txt"], check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "a"], check=True, env=env)
    head = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, env=env, capture_output=True, text=True
    ).stdout.strip()
    assert provenance.project_revision(tmp_path) == {"commit": head, "dirty": False}
    (tmp_path / "a.txt").write_text("b")
    assert provenance.project_revision(tmp_path)["dirty"] is True


def test_index_links_params_yaml_and_names_the_commit(failed_run):
    *_, run_dir, _ = failed_run
    parser = _Links()
    page = (run_dir / "index.html").read_text(encoding="utf-8")
    parser.feed(page)
    assert "params.yaml" in parser.links
    assert "kit run -f params.yaml" in page
    commit = json.loads((run_dir / "manifest.json").read_text())["project"]["commit"]
    assert (commit or "unknown") in page


def test_jobs_parameter_sets_kit_jobs_in_the_kernel(project, monkeypatch):
    monkeypatch.delenv("KIT_JOBS", raising=False)
    _notebook(
        project / "notebooks" / "d_jobs.ipynb",
        "import os\nimport pandas as pd\nimport kit\nimport kit.runs.outputs\nkit.set_jobs(jobs)",
        "table = pd.DataFrame({'env': [os.environ.get('KIT_JOBS', 'unset')],\n"
        "                      'resolved': [kit.parallel.resolve_jobs()]})\n"
        "kit.runs.outputs.save_table(table, 'd_jobs', output_dir)",
        params=PARAMS + "jobs: int = 0  # worker processes\n",
    )
    runs = project / "outputs" / "runs"
    assert cli.main(["run", "--notebooks", "d_jobs", "-p", "jobs", "2", "--run-id", "two"]) == 0
    assert cli.main(["run", "--notebooks", "d_jobs", "--run-id", "default"]) == 0
    two = pd.read_csv(runs / "two" / "tables" / "d_jobs.csv", dtype=str)
    default = pd.read_csv(runs / "default" / "tables" / "d_jobs.csv", dtype=str)
    assert two.iloc[0].tolist() == ["2", "2"]
    assert default.iloc[0].tolist() == ["unset", str(os.cpu_count())]
    with pytest.raises(ParameterError, match="jobs"):
        run.run_notebooks(["d_jobs"], parameters={"jobs": -1}, run_id="negative")
    assert not (runs / "negative").exists(), "a refused run left a run folder"


def test_rerun_repeats_a_run_and_compares_its_tables(project, capsys):
    runs = project / "outputs" / "runs"
    code = cli.main(["run", "--notebooks", "a_ok", "c_ok", "-p", "scale", "3", "--run-id", "base"])
    assert code == 0
    err = capsys.readouterr().err
    assert "1/2 a_ok" in err and "2/2 c_ok" in err and "cell" in err, "no per-cell progress"
    assert cli.main(["run", "--rerun", "base", "--run-id", "again"]) == 0
    out = capsys.readouterr().out
    assert "rerun of base: 2 of 2 tables equal" in out
    manifest = json.loads((runs / "again" / "manifest.json").read_text())
    assert [n["name"] for n in manifest["notebooks"]] == ["a_ok", "c_ok"]
    assert manifest["rerun"]["of"] == "base" and manifest["rerun"]["same_corpus"] is True
    assert manifest["rerun"]["tables"]["equal"] == ["a_words", "c_ids"]
    words = pd.read_csv(runs / "again" / "tables" / "a_words.csv")
    assert (words["scaled"] == 3 * words["n_words"]).all(), "params.yaml was not used"
    assert "repeats run <code>base</code>" in (runs / "again" / "index.html").read_text()


def test_compare_tables_finds_differences(tmp_path):
    from kit.runs.rerun import compare_tables

    for name, scale in (("first", 1), ("second", 2)):
        (tmp_path / name / "tables").mkdir(parents=True)
        table = make_articles()[["doc_id", "n_words"]]
        table.to_parquet(tmp_path / name / "tables" / "same.parquet", index=False)
        table.assign(n_words=table["n_words"] * scale).to_parquet(
            tmp_path / name / "tables" / "scaled.parquet", index=False
        )
        table.to_parquet(tmp_path / name / "tables" / f"only_{name}.parquet", index=False)
    assert compare_tables(tmp_path / "first", tmp_path / "second") == {
        "equal": ["same"],
        "different": ["scaled"],
        "only_first": ["only_first"],
        "only_second": ["only_second"],
    }


def test_rerun_of_an_unknown_run_is_refused(project, capsys):
    assert cli.main(["run", "--rerun", "nope"]) == 2
    assert "rerun='nope'" in capsys.readouterr().err
    assert cli.main(["run", "--rerun", "nope", "--notebooks", "a_ok"]) == 2


def test_a_run_folder_names_a_corpus_in_the_project_relative_to_it(
    project, tmp_path_factory, monkeypatch, capsys
):
    monkeypatch.setattr(config, "ROOT", project)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # runs from any working folder
    corpus = project / "corpus" / "processed" / "articles.parquet"
    argv = ["run", "--notebooks", "c_ok", "-p", "corpus", str(corpus), "--run-id", "inside"]
    assert cli.main(argv) == 0
    run_dir = project / "outputs" / "runs" / "inside"
    assert_no_local_path(run_dir, corpus)
    relative = corpus.relative_to(project).as_posix()
    assert run.parse_parameters(parameters_file=run_dir / "params.yaml")["corpus"] == relative
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["corpus"]["path"] == relative
    assert manifest["notebooks"][0]["input"] == "notebooks/c_ok.ipynb"
    assert cli.main(["run", "--rerun", "inside", "--run-id", "inside-again"]) == 0
    assert "rerun of inside: 1 of 1 tables equal" in capsys.readouterr().out


def test_rerun_of_a_corpus_outside_the_project_asks_for_its_path(project, tmp_path_factory, capsys):
    corpus = tmp_path_factory.mktemp("data") / "outside.parquet"
    make_articles().to_parquet(corpus, index=False)
    assert (
        cli.main(["run", "--notebooks", "c_ok", "-p", "corpus", str(corpus), "--run-id", "o"]) == 0
    )
    assert run.parse_parameters(parameters_file=project / "outputs/runs/o/params.yaml") == {
        "corpus": "outside.parquet"
    }
    assert cli.main(["run", "--rerun", "o", "--run-id", "o2"]) == 2
    assert "give its path with -p corpus PATH" in capsys.readouterr().err
    assert cli.main(["run", "--rerun", "o", "-p", "corpus", str(corpus), "--run-id", "o3"]) == 0
    assert "1 of 1 tables equal" in capsys.readouterr().out


# --- kit run --scheduler: the notebooks' work on a Dask cluster -------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def local_cluster():
    """A LocalCluster of two worker processes in this process; yields its address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def scheduler_pair():
    """A `dask scheduler` and a `dask worker` process on 127.0.0.1; yields the address."""
    import subprocess
    import sys

    from distributed import Client

    from tests.helpers import ROOT

    address = f"tcp://127.0.0.1:{_free_port()}"
    dask = f"{sys.prefix}/bin/dask"
    # a cluster runs the same environment as its client: here, this project on the path
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    host, port = address.removeprefix("tcp://").split(":")
    procs = [
        subprocess.Popen(
            [dask, "scheduler", "--host", host, "--port", port, "--no-dashboard"], **quiet
        ),
        subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            **quiet,
        ),
    ]
    try:
        with Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)


ENGINE_CELLS = (
    "import os\nimport dask.dataframe as dd\nimport pandas as pd\n"
    "import kit\nimport kit.runs.outputs",
    "info = kit.parallel.describe()\n"
    "parts = dd.from_pandas(pd.DataFrame({'n': range(12)}), npartitions=4)\n"
    "pids = kit.parallel.run_partitions(parts, lambda p: {os.getpid()}, lambda s: set().union(*s))\n"
    "table = pd.DataFrame({'env': [os.environ.get('KIT_SCHEDULER', 'unset')],\n"
    "                      'engine': [info['engine']], 'workers': [info['workers']],\n"
    "                      'on_cluster': [os.getpid() not in pids]})\n"
    "kit.runs.outputs.save_table(table, 'e_engine', output_dir)",
)


def _engine_notebook(project: Path) -> Path:
    return _notebook(
        project / "notebooks" / "e_engine.ipynb",
        *ENGINE_CELLS,
        params=PARAMS + "jobs: int = 0  # worker processes\n",
    )


def test_without_a_scheduler_the_manifest_records_pandas(failed_run):
    manifest = json.loads((failed_run[3] / "manifest.json").read_text())
    assert manifest["engine"] == {
        "engine": "pandas",
        "scheduler": None,
        "workers": 1,
        "local": False,
        "lost_in": [],
    }
    assert "Engine: pandas" in (failed_run[3] / "index.html").read_text()


@pytest.mark.parametrize("given_by", ["--scheduler", "KIT_SCHEDULER", "-f"])
def test_an_unreachable_scheduler_stops_the_run_before_its_folder(
    project, monkeypatch, capsys, given_by
):
    address = f"tcp://127.0.0.1:{_free_port()}"
    monkeypatch.setattr("kit.parallel.cluster._CONNECT_TIMEOUT", "2s")
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    argv = ["run", "--notebooks", "c_ok", "--run-id", "nowhere"]
    if given_by == "--scheduler":
        argv += ["--scheduler", address]
    elif given_by == "KIT_SCHEDULER":
        monkeypatch.setenv("KIT_SCHEDULER", address)
    else:
        (project / "params.yaml").write_text(f"scheduler: {address}\n")
        argv += ["-f", str(project / "params.yaml")]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and address in err and "cannot be reached" in err
    assert not (project / "outputs" / "runs").exists(), "a refused run left a run folder"


def test_kernels_work_on_the_given_scheduler_and_the_manifest_records_it(
    project, monkeypatch, local_cluster, capsys
):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    _engine_notebook(project)
    argv = ["run", "--notebooks", "e_engine", "--scheduler", local_cluster, "--run-id", "remote"]
    assert cli.main(argv) == 0
    assert f"engine: dask, scheduler {local_cluster}, 2 workers" in capsys.readouterr().out
    run_dir = project / "outputs" / "runs" / "remote"
    seen = pd.read_csv(run_dir / "tables" / "e_engine.csv").iloc[0].to_dict()
    assert seen == {"env": local_cluster, "engine": "dask", "workers": 2, "on_cluster": True}
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["engine"] == {
        "engine": "dask",
        "scheduler": local_cluster,
        "workers": 2,
        "local": False,
        "lost_in": [],
    }
    assert "scheduler" not in manifest["parameters"]
    assert (
        f"scheduler <code>{local_cluster}</code>, 2 workers" in (run_dir / "index.html").read_text()
    )
    assert "KIT_SCHEDULER" not in os.environ, "the run left KIT_SCHEDULER set"


def test_scheduler_local_starts_one_cluster_for_the_run_and_closes_it(project, monkeypatch):
    from kit.runs.execute import _scheduler_lost

    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    monkeypatch.delenv("KIT_JOBS", raising=False)
    _engine_notebook(project)
    (project / "notebooks" / "f_engine.ipynb").write_bytes(
        (project / "notebooks" / "e_engine.ipynb").read_bytes().replace(b"e_engine", b"f_engine")
    )
    argv = ["run", "--notebooks", "e_engine", "f_engine", "--scheduler", "local", "-p", "jobs", "2"]
    assert cli.main([*argv, "--run-id", "local"]) == 0
    run_dir = project / "outputs" / "runs" / "local"
    engine = json.loads((run_dir / "manifest.json").read_text())["engine"]
    assert engine["engine"] == "dask" and engine["local"] is True and engine["workers"] == 2
    for name in ("e_engine", "f_engine"):
        seen = pd.read_csv(run_dir / "tables" / f"{name}.csv").iloc[0].to_dict()
        assert seen == {
            "env": engine["scheduler"],
            "engine": "dask",
            "workers": 2,
            "on_cluster": True,
        }
    assert engine["scheduler"].startswith("tcp://127.0.0.1:")
    assert "KIT_JOBS" not in os.environ and "KIT_SCHEDULER" not in os.environ
    assert _scheduler_lost(engine["scheduler"]), "the run's LocalCluster was left running"


def test_a_notebook_whose_cluster_disappears_names_the_scheduler(
    project, monkeypatch, scheduler_pair, capsys
):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    _notebook(
        project / "notebooks" / "g_lost.ipynb",
        "import dask.dataframe as dd\nimport pandas as pd\nimport kit.parallel.cluster",
        "kit.parallel.cluster._CONNECT_TIMEOUT = '3s'  # give up soon once the cluster is gone\n"
        "kit.parallel.connect().shutdown()",
        "parts = dd.from_pandas(pd.DataFrame({'n': range(4)}), npartitions=2)\n"
        "kit.parallel.run_partitions(parts, len, sum)",
    )
    argv = [
        "run",
        "--notebooks",
        "g_lost",
        "c_ok",
        "--scheduler",
        scheduler_pair,
        "--run-id",
        "lost",
    ]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "g_lost.ipynb failed in cell 5" in err and "SchedulerError" in err
    assert f"the Dask scheduler {scheduler_pair} could not be reached after this failure" in err
    run_dir = project / "outputs" / "runs" / "lost"
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["engine"]["lost_in"] == ["g_lost"]
    g_lost, c_ok = manifest["notebooks"]
    assert g_lost["status"] == "failed" and g_lost["error"]["scheduler_lost"] == scheduler_pair
    assert scheduler_pair in g_lost["error"]["evalue"]
    assert c_ok["status"] == "ok" and c_ok["error"] is None
    page = (run_dir / "index.html").read_text()
    assert "could not be reached after g_lost failed: the cluster was lost" in page


def _sorted_table(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order whatever the engine: sorted by every column (floats rounded)."""
    keys = pd.DataFrame(
        {
            c: table[c].round(9) if pd.api.types.is_float_dtype(table[c]) else table[c]
            for c in table.columns
        }
    ).astype(str)
    order = keys.sort_values(list(keys.columns), kind="stable").index
    return table.loc[order].reset_index(drop=True)


def _tables_of(run_dir: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in sorted((run_dir / "tables").glob("*.parquet"))}


def _tasks_done(dask_scheduler=None) -> int:
    return sum(1 for _ in dask_scheduler.transition_log if _[2] == "memory")


#: The overview and the document-term matrix (the heaviest work a cluster takes over).
CLUSTER_NOTEBOOKS = ["01_corpus_overview", "02_term_frequency"]


@pytest.fixture(scope="module")
def bundled_corpus_runs(tmp_path_factory):
    """A copy of the bundled corpus and the tables of an in-process run of
    :data:`CLUSTER_NOTEBOOKS` on it; the runs folder is where later runs go."""
    root = tmp_path_factory.mktemp("bundled")
    corpus = root / "corpus" / "articles.parquet"
    kit.ingest(config.RAW_DIR, out=corpus, progress=False)
    runs = root / "runs"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("KIT_SCHEDULER", raising=False)
        result = run.run_notebooks(
            CLUSTER_NOTEBOOKS,
            parameters={"corpus": str(corpus)},
            runs_dir=runs,
            run_id="in-process",
            progress=False,
        )
    assert result.ok, [nb.describe_error() for nb in result.failed]
    return corpus, runs, _tables_of(result.run_dir)


@pytest.mark.parametrize("cluster", ["local_cluster", "scheduler_pair"])
def test_notebook_tables_on_a_cluster_equal_the_in_process_run(
    bundled_corpus_runs, cluster, request, monkeypatch
):
    corpus, runs, expected = bundled_corpus_runs
    address = request.getfixturevalue(cluster)
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    monkeypatch.setattr(config, "RUNS_DIR", runs)
    monkeypatch.setenv("KIT_PARTITION_ROWS", "40")  # the small corpus too goes out in partitions
    argv = ["run", "--notebooks", *CLUSTER_NOTEBOOKS, "-p", "corpus", str(corpus)]
    from distributed import Client

    with Client(address) as client:
        before = client.run_on_scheduler(_tasks_done)
        assert cli.main([*argv, "--scheduler", address, "--run-id", cluster]) == 0
        done = client.run_on_scheduler(_tasks_done) - before
    n_partitions = -(-len(pd.read_parquet(corpus, columns=["doc_id"])) // 40)
    assert done >= 2 * n_partitions, "the notebooks' measures did not run on the cluster"
    manifest = json.loads((runs / cluster / "manifest.json").read_text())
    assert manifest["engine"]["engine"] == "dask" and manifest["engine"]["scheduler"] == address
    got = _tables_of(runs / cluster)
    assert expected and sorted(got) == sorted(expected)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(
            _sorted_table(got[name]), _sorted_table(table), rtol=1e-9, atol=1e-9, obj=name
        )


@pytest.fixture(scope="module")
def partitioned_corpus_run(tmp_path_factory):
    """The bundled corpus as part files of 40 articles, and the tables of an in-process pandas
    run of every notebook on it."""
    root = tmp_path_factory.mktemp("partitioned")
    corpus = root / "corpus" / "articles.parquet"
    kit.ingest(config.RAW_DIR, out=corpus, partition_rows=40, progress=False)
    assert corpus.is_dir() and len(list(corpus.glob("*.parquet"))) > 1
    runs = root / "runs"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("KIT_SCHEDULER", raising=False)
        mp.setenv("KIT_ENGINE", "pandas")
        result = run.run_notebooks(
            parameters={"corpus": str(corpus)}, runs_dir=runs, run_id="pandas", progress=False
        )
    assert result.ok, [nb.describe_error() for nb in result.failed]
    return corpus, runs, _tables_of(result.run_dir)


def test_every_notebook_on_a_dask_corpus_and_cluster_gives_the_pandas_tables(
    partitioned_corpus_run, local_cluster, monkeypatch
):
    corpus, runs, expected = partitioned_corpus_run
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    monkeypatch.setattr(config, "RUNS_DIR", runs)
    monkeypatch.setenv("KIT_ENGINE", "dask")  # each notebook opens the part files as Dask
    argv = ["run", "-p", "corpus", str(corpus), "--scheduler", local_cluster, "--run-id", "dask"]
    assert cli.main(argv) == 0
    manifest = json.loads((runs / "dask" / "manifest.json").read_text())
    assert manifest["engine"]["engine"] == "dask"
    tables = runs / "dask" / "tables"
    # evidence stayed in partitions: written by the workers as Parquet datasets
    datasets = sorted(p.stem for p in tables.glob("*.parquet") if p.is_dir())
    assert {"sentiment_sentences", "rhetoric_quotes", "rhetoric_frames_evidence"} <= set(datasets)
    assert not any((tables / f"{name}.csv").exists() for name in datasets)
    rhetoric = next(nb for nb in manifest["notebooks"] if nb["name"] == "04_rhetoric")
    assert "tables/rhetoric_quotes.parquet" in rhetoric["tables"]
    assert 'href="tables/rhetoric_quotes.parquet/"' in (runs / "dask" / "index.html").read_text()
    got = _tables_of(runs / "dask")
    assert len(expected) > 50 and sorted(got) == sorted(expected)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(
            _sorted_table(got[name]), _sorted_table(table), rtol=1e-9, atol=1e-9, obj=name
        )
