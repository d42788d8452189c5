"""``kit run``: execute the notebooks with papermill into ``outputs/runs/<run-id>/``.

A run ingests ``corpus/raw`` first when the processed corpus is missing or older than the
newest raw file, executes each notebook with the user's parameters (each notebook receives only
the parameters it declares, plus ``corpus`` and ``output_dir``), converts each executed notebook
to HTML, and writes ``params.yaml`` (every parameter value, for ``kit run -f``), ``manifest.json``
and the report, ``index.html`` and ``report.html`` (see :mod:`kit.runs.report`). A failing
notebook is kept, with its error, and does not stop the others.

With a Dask scheduler (``kit run --scheduler ADDRESS``, a ``scheduler`` parameter, or
``KIT_SCHEDULER``) every notebook's kernel gets ``KIT_SCHEDULER`` set to it, so the measures run
their partitions on that cluster (:mod:`kit.parallel.cluster`); ``local`` starts one
``LocalCluster`` for the whole run in this process. The scheduler is checked before the run
folder is made, and a notebook that fails while it cannot be reached says so.
"""

from __future__ import annotations

import os
import re
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit import config
from kit.corpus.manifest import changes
from kit.corpus.report import report_path_of
from kit.errors import IngestError, ParameterError
from kit.parallel import JOBS_ENV, SCHEDULER_ENV, connect, describe, resolve_jobs
from kit.runs import kernel, provenance, report
from kit.runs import parameters as checks
from kit.runs.notebooks import declared_parameters, discover_notebooks

#: Parameters ``kit run`` sets itself; a user value for them is refused.
RUNNER_PARAMETERS = ("output_dir",)
#: Parameters every notebook declares (see the README, section "Notebooks and runs").
COMMON_PARAMETERS = (
    "corpus",
    "date_from",
    "date_to",
    "outlets",
    "languages",
    "include_duplicates",
    "output_dir",
    "jobs",
)
KERNEL_NAME = kernel.KERNEL_NAME
#: The kernel's own start-up warnings (e.g. about its local TCP transport) are not the user's.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: The run-level setting read from the parameters (``-f``/``-p``), never passed to a notebook.
SCHEDULER_PARAMETER = "scheduler"
#: How long a scheduler is tried after a notebook failed, to tell whether it was lost.
_PROBE_TIMEOUT = "5s"


@dataclass
class NotebookResult:
    """What happened to one notebook of a run (paths are absolute; ``manifest.json`` holds
    them relative, :func:`kit.runs.report.write_manifest`)."""

    name: str
    input: Path
    output: Path
    html: Path | None
    status: str  # "ok" or "failed"
    parameters: dict
    duration_seconds: float
    cells_seconds: float
    html_seconds: float
    error: dict | None = None
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    overwrote: list[str] = field(default_factory=list)
    effective_parameters: dict = field(default_factory=dict)
    sha256: str = ""
    files: list[dict] = field(default_factory=list)

    def describe_error(self) -> str:
        """One line naming the notebook, the failing cell and the error ('' when ok)."""
        if not self.error:
            return ""
        e = self.error
        where = (
            ""
            if e["cell_index"] is None
            else (
                f" in cell {e['cell_index'] + 1} of {e['n_cells']} (counting from 1, markdown "
                f"included; In [{e['execution_count']}]: {e['cell_first_line']})"
            )
        )
        lost = (
            f" (the Dask scheduler {e['scheduler_lost']} could not be reached after this "
            "failure: the cluster was lost)"
            if e.get("scheduler_lost")
            else ""
        )
        return f"{self.input.name} failed{where}: {e['ename']}: {e['evalue']}{lost}"

    def to_manifest(self, run_dir: Path) -> dict:
        rel = lambda p: None if p is None else Path(p).relative_to(run_dir).as_posix()  # noqa: E731
        return {
            "name": self.name,
            "input": str(self.input),
            "output": rel(self.output),
            "html": rel(self.html),
            "status": self.status,
            "sha256": self.sha256,
            "parameters": self.parameters,
            "effective_parameters": self.effective_parameters,
            "files": self.files,
            "duration_seconds": round(self.duration_seconds, 3),
            "cells_seconds": round(self.cells_seconds, 3),
            "overhead_seconds": round(self.duration_seconds - self.cells_seconds, 3),
            "html_seconds": round(self.html_seconds, 3),
            "error": self.error,
            "figures": self.figures,
            "tables": self.tables,
            "overwrote": self.overwrote,
        }


@dataclass
class RunResult:
    """The outcome of :func:`run_notebooks`."""

    run_id: str
    run_dir: Path
    manifest_path: Path
    index_path: Path
    notebooks: list[NotebookResult]
    ingested: bool
    manifest: dict

    @property
    def ok(self) -> bool:
        """True when every notebook ran to the end."""
        return all(nb.status == "ok" for nb in self.notebooks)

    @property
    def failed(self) -> list[NotebookResult]:
        """The notebooks that stopped on an error."""
        return [nb for nb in self.notebooks if nb.status != "ok"]


def parse_parameters(pairs=None, parameters_file: str | Path | None = None) -> dict:
    """Merge a YAML parameters file and ``NAME VALUE`` pairs (pairs win).

    Values of pairs are parsed as YAML, so ``-p outlets '[The Guardian]'`` gives a list and
    ``-p include_duplicates true`` a boolean; a YAML date stays a string.

    Raises
    ------
    ParameterError
        When the file is missing, is not a YAML mapping, or a value is not valid YAML.

    Examples
    --------
    >>> parse_parameters([["outlets", "[The Guardian]"], ["date_from", "2024-04-15"]])
    {'outlets': ['The Guardian'], 'date_from': '2024-04-15'}
    """
    params: dict = {}
    if parameters_file:
        path = Path(parameters_file)
        if not path.exists():
            raise ParameterError("parameters_file", str(path), "an existing YAML file")
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)
        except yaml.YAMLError as exc:
            raise ParameterError("parameters_file", str(path), f"valid YAML ({exc})") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
            raise ParameterError(
                "parameters_file", str(path), "a YAML mapping of parameter names to values"
            )
        params.update({k: _plain(v) for k, v in loaded.items()})
    for name, value in pairs or []:
        try:
            params[name] = _plain(yaml.load(value, Loader=_TextDates))
        except yaml.YAMLError as exc:
            raise ParameterError(name, value, f"a YAML value ({exc})") from None
    return params


class _TextDates(yaml.SafeLoader):
    """YAML's safe loader with dates and times kept as their text: ``2024-13-45`` stays a
    string for the date checks to name, instead of failing inside YAML."""


def _date_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _date_text)


def _plain(value):
    """Dates and times go back to ISO strings (notebook parameters are text); YAML itself
    keeps them as text (:class:`_TextDates`)."""
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def ingest_reasons(
    articles_path: str | Path | None = None, raw_dir: str | Path | None = None
) -> list[str]:
    """Why the processed corpus must be ingested again; empty when it matches ``raw_dir``.

    The corpus's raw manifest (:mod:`kit.corpus.manifest`: paths, sizes, content hashes) is
    compared with the files now in ``raw_dir``, so a file added with an old timestamp, removed,
    renamed or edited is seen; timestamps only decide which files are hashed again.

    Examples
    --------
    >>> ingest_reasons("/nonexistent/articles.parquet")
    ['there is no processed corpus at /nonexistent/articles.parquet']
    """
    articles_path = Path(articles_path) if articles_path else config.ARTICLES_PATH
    return changes(articles_path, Path(raw_dir) if raw_dir else None)


def needs_ingest(
    articles_path: str | Path | None = None, raw_dir: str | Path | None = None
) -> bool:
    """True when the processed corpus is missing or does not match ``raw_dir`` (see
    :func:`ingest_reasons`).

    Examples
    --------
    >>> needs_ingest("/nonexistent/articles.parquet")
    True
    """
    return bool(ingest_reasons(articles_path, raw_dir))


def new_run_dir(runs_dir: Path, run_id: str | None) -> tuple[str, Path]:
    """Create and return a fresh run folder: ``run_id`` as given, or a UTC timestamp such as
    ``20261124T223000Z`` (with ``-2``, ``-3``... when that second is taken)."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    if run_id is not None:
        if not _RUN_ID.match(run_id):
            raise ParameterError("run_id", run_id, "letters, digits, '.', '_' and '-' only")
        try:
            (runs_dir / run_id).mkdir()
        except FileExistsError:
            raise ParameterError("run_id", run_id, f"a name not used yet in {runs_dir}") from None
        return run_id, runs_dir / run_id
    stamp = provenance.utc_now().strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        candidate = stamp if n == 1 else f"{stamp}-{n}"
        try:
            (runs_dir / candidate).mkdir()
            return candidate, runs_dir / candidate
        except FileExistsError:
            continue
    raise ParameterError("run_id", stamp, "a free run folder name")  # pragma: no cover


def _snapshot(run_dir: Path) -> dict[str, tuple[int, int]]:
    files = {}
    for sub in ("figures", "tables"):
        for p in (run_dir / sub).rglob("*"):
            if p.is_file():
                st = p.stat()
                files[p.relative_to(run_dir).as_posix()] = (st.st_mtime_ns, st.st_size)
    return files


def _tables(written: list[str]) -> list[str]:
    """The tables among the files a notebook wrote: a Parquet dataset's part files
    (``tables/<name>.parquet/part.0.parquet``, a Dask table) as the one dataset folder."""
    tables = (w.split("/")[:2] for w in written if w.startswith("tables/"))
    return sorted({"/".join(parts) for parts in tables})


def _plain_error(ename: str, evalue: str) -> dict:
    """An error record not tied to a cell (same keys as a cell error)."""
    return {
        "cell_index": None,
        "n_cells": None,
        "execution_count": None,
        "cell_first_line": "",
        "ename": ename,
        "evalue": evalue,
    }


def _error_of(exc, output: Path) -> dict:
    """Describe a papermill failure; ``cell_index`` counts cells of the notebook as committed
    (0-based, without papermill's injected-parameters and error cells)."""
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError):
        return _plain_error(type(exc).__name__, str(exc))
    import nbformat

    index, n_cells = exc.cell_index, None
    try:
        cells = [
            c
            for c in nbformat.read(output, as_version=4).cells
            if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
        ]
        injected = ["injected-parameters" in c.metadata.get("tags", []) for c in cells]
        index -= sum(injected[:index])
        n_cells = len(cells) - sum(injected)
    except Exception:
        pass
    first = next((line for line in exc.source.splitlines() if line.strip()), "")
    return {
        "cell_index": index,
        "n_cells": n_cells,
        "execution_count": exc.exec_count,
        "cell_first_line": first[:120],
        "ename": exc.ename,
        "evalue": exc.evalue,
    }


def _cells_seconds(output: Path) -> float:
    import nbformat

    try:
        nb = nbformat.read(output, as_version=4)
    except Exception:
        return 0.0
    return float(sum((c.metadata.get("papermill", {}).get("duration") or 0.0) for c in nb.cells))


def _make_portable(output: Path, run_dir: Path, files: list[Path]) -> dict | None:
    """Write the executed notebook's local paths relative (:mod:`kit.runs.report`); an error
    record when it cannot be rewritten."""
    try:
        report.portable_notebook(output, report.local_prefixes(run_dir, files))
    except Exception as exc:
        return _plain_error(type(exc).__name__, f"making its paths relative failed: {exc}")
    return None


def _convert_html(output: Path) -> tuple[Path | None, float, dict | None]:
    """HTML of an executed notebook: (path or None, seconds, error or None)."""
    t0 = time.perf_counter()
    try:
        return report.notebook_html(output), time.perf_counter() - t0, None
    except Exception as exc:
        return (
            None,
            time.perf_counter() - t0,
            _plain_error(type(exc).__name__, f"HTML conversion failed: {exc}"),
        )


def execute_one(
    notebook: Path,
    run_dir: Path,
    parameters: dict,
    *,
    kernel_name: str = KERNEL_NAME,
    html: bool = True,
    progress: bool | str = False,
) -> NotebookResult:
    """Execute one notebook into ``run_dir`` with papermill; never raises for a notebook error.

    The executed copy is ``run_dir/<name>.ipynb`` (kept with its error when it fails, its
    local paths made relative: :func:`kit.runs.report.portable_notebook`) and, when ``html``,
    ``run_dir/<name>.html``. The kernel's working folder is the notebook's own
    folder, as in JupyterLab. ``progress`` shows papermill's bar over the cells (a string
    labels it).
    """
    import papermill

    output = run_dir / notebook.name
    before = _snapshot(run_dir)
    start = time.perf_counter()
    error = None
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name,
            progress_bar={"desc": progress if isinstance(progress, str) else notebook.stem}
            if progress
            else False,
            log_output=False,
            cwd=str(notebook.parent),
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except Exception as exc:
        error = _error_of(exc, output)
    duration = time.perf_counter() - start
    if output.exists():
        rewrite_error = _make_portable(output, run_dir, [notebook, *local_files(parameters)])
        error = error or rewrite_error
    after = _snapshot(run_dir)
    written = sorted(k for k, v in after.items() if before.get(k) != v)
    html_path, html_seconds = None, 0.0
    if html and output.exists():
        html_path, html_seconds, html_error = _convert_html(output)
        error = error or html_error
    return NotebookResult(
        name=notebook.stem,
        input=notebook,
        output=output,
        html=html_path,
        status="failed" if error else "ok",
        parameters=parameters,
        duration_seconds=duration,
        cells_seconds=_cells_seconds(output),
        html_seconds=html_seconds,
        error=error,
        figures=[w for w in written if w.startswith("figures/")],
        tables=_tables(written),
        overwrote=[w for w in written if w in before],
    )


def run_notebooks(
    notebooks=None,
    *,
    parameters: dict | None = None,
    run_id: str | None = None,
    notebooks_dir: str | Path | None = None,
    runs_dir: str | Path | None = None,
    articles_path: str | Path | None = None,
    raw_dir: str | Path | None = None,
    ingest: bool = True,
    html: bool = True,
    kernel_name: str = KERNEL_NAME,
    progress: bool = True,
    scheduler: str | None = None,
) -> RunResult:
    """Run notebooks with papermill into a new run folder and write its report.

    Parameters
    ----------
    notebooks : list of str, optional
        Names or paths (see :func:`discover_notebooks`); default every notebook.
    parameters : dict, optional
        Notebook parameters. Each notebook receives those it declares; ``corpus`` defaults to
        the project's processed corpus and ``output_dir`` is always the run folder.
    run_id : str, optional
        Name of the run folder; default a UTC timestamp (``20261124T223000Z``).
    notebooks_dir, runs_dir, articles_path, raw_dir : str or Path, optional
        Defaults from :mod:`kit.config` (``notebooks/``, ``outputs/runs/``,
        ``corpus/processed/articles.parquet``, ``corpus/raw/``).
    ingest : bool
        Ingest ``raw_dir`` into ``articles_path`` first when :func:`needs_ingest` says so
        (ignored when ``parameters`` name a ``corpus``).
    html : bool
        Convert each executed notebook to HTML.
    kernel_name : str
        Jupyter kernel to execute with; the project's (:mod:`kit.runs.kernel`) is installed
        into this environment when missing.
    progress : bool
        Show a progress bar over the cells of each notebook (and over ingest).
    scheduler : str, optional
        The Dask scheduler the notebooks' kernels use (``KIT_SCHEDULER``): an address
        (``tcp://HOST:PORT``) or ``"local"`` (one ``LocalCluster`` of
        :func:`kit.parallel.resolve_jobs` processes for the whole run, closed at its end).
        Default: a ``scheduler`` key of ``parameters``, else ``KIT_SCHEDULER``; none of them:
        each kernel computes in its own process.

    Returns
    -------
    RunResult
        With ``run_dir``, ``manifest_path``, ``index_path``, per-notebook results and the
        manifest as a dict (parameters given, per notebook every effective parameter and the
        notebook's SHA-256 and file parameters' hashes, the project's version, git commit and
        dirty flag, corpus fingerprint, hashes of the bundled lexicons, environment, the
        engine (:func:`kit.parallel.describe`: engine, scheduler address, workers; ``lost_in``:
        the notebooks that failed while the scheduler could not be reached), timings,
        statuses).

    Raises
    ------
    ParameterError
        Before any notebook runs and before the run folder is made: for an unknown notebook,
        a parameter no selected notebook declares, a value for ``output_dir``, a value that
        does not fit a notebook's declared type or the corpus (:mod:`kit.runs.parameters`;
        several problems raise :class:`~kit.errors.ParameterProblems`), a missing corpus, or
        a used ``run_id``.
    SchedulerError
        Before the run folder is made, when the scheduler cannot be reached.
    IngestError
        When the corpus had to be ingested and ingest read no article.

    Examples
    --------
    >>> result = run_notebooks(["01_corpus_overview"], parameters={"date_from": "2024-04-14"})
    ... # doctest: +SKIP
    >>> result.ok, result.index_path  # doctest: +SKIP
    """
    started, t0 = provenance.utc_now(), time.perf_counter()
    paths = discover_notebooks(notebooks, notebooks_dir=notebooks_dir)
    parameters = dict(parameters or {})
    scheduler = _scheduler_of(scheduler, parameters)
    declared = {p: declared_parameters(p) for p in paths}
    problems = checks.name_problems(parameters, declared, RUNNER_PARAMETERS)
    problems += checks.type_problems(parameters, declared)
    if "corpus" in {p.name for p in problems}:  # no corpus to check the others against
        checks.raise_problems(problems)
    try:
        corpus_path, corpus, ingested = _prepare_corpus(
            parameters, articles_path, raw_dir, ingest=ingest, progress=progress
        )
    except ParameterError as exc:
        raise checks.combined([*problems, exc]) from None
    problems += checks.corpus_problems(checks.unflagged(parameters, problems), corpus_path)
    checks.raise_problems(problems)
    kernel_name = kernel.ensure_kernel(kernel_name)
    with _cluster(scheduler, parameters.get("jobs")) as engine:
        runs_dir = Path(runs_dir).resolve() if runs_dir else config.RUNS_DIR
        run_id, run_dir = new_run_dir(runs_dir, run_id)
        revision = provenance.project_revision(config.ROOT)
        passed = {
            path: _passed_parameters(declared[path], parameters, corpus_path, run_dir)
            for path in paths
        }
        effective = {path: effective_parameters(declared[path], passed[path]) for path in paths}
        write_params_file(run_dir, effective, parameters, run_id=run_id, revision=revision)
        results = _execute_all(
            paths,
            passed,
            run_dir,
            html=html,
            kernel_name=kernel_name,
            progress=progress,
            scheduler=engine["scheduler"],
        )
    engine["lost_in"] = [r.name for r in results if (r.error or {}).get("scheduler_lost")]
    for result in results:
        result.effective_parameters = effective[result.input]
        result.sha256 = provenance.sha256_file(result.input)
        result.files = [
            {"parameter": name, "path": str(path), "sha256": provenance.sha256_file(path)}
            for name, path in parameter_files(effective[result.input])
        ]
    total = time.perf_counter() - t0
    cells = sum(r.cells_seconds for r in results)
    manifest = {
        "run_id": run_id,
        "paths": report.PATHS_NOTE,
        "status": "ok" if all(r.status == "ok" for r in results) else "failed",
        "started": provenance.isoformat(started),
        "finished": provenance.isoformat(provenance.utc_now()),
        "duration_seconds": round(total, 3),
        "parameters": parameters,
        "project": {"version": config.VERSION, **revision},
        "params_file": PARAMS_FILE,
        "corpus": corpus,
        "bundled_files": bundled_files(),
        "kernel": kernel_name,
        "engine": engine,
        "environment": provenance.environment(),
        "timing": {
            "notebooks_seconds": round(sum(r.duration_seconds for r in results), 3),
            "cells_seconds": round(cells, 3),
            "html_seconds": round(sum(r.html_seconds for r in results), 3),
            "overhead_seconds": round(total - cells, 3),
        },
        "notebooks": [r.to_manifest(run_dir) for r in results],
    }
    manifest_path = report.write_manifest(manifest, run_dir)
    index_path = report.write_index(manifest, run_dir)
    return RunResult(
        run_id=run_id,
        run_dir=run_dir,
        manifest_path=manifest_path,
        index_path=index_path,
        notebooks=results,
        ingested=ingested,
        manifest=manifest,
    )


def _scheduler_of(scheduler: str | None, parameters: dict) -> str | None:
    """The run's scheduler: ``scheduler``, else a ``scheduler`` key of ``parameters`` (taken
    out of them, since no notebook declares it), else ``KIT_SCHEDULER``; None for none."""
    given = parameters.pop(SCHEDULER_PARAMETER, None)
    value = scheduler or given or os.environ.get(SCHEDULER_ENV, "")
    if not isinstance(value, str):
        raise ParameterError(
            SCHEDULER_PARAMETER, value, "a Dask scheduler address (tcp://HOST:PORT) or local"
        )
    return value.strip() or None


@contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    """Set (None: remove) environment variables of this process, which the notebooks'
    kernels inherit, and put back the previous values afterwards."""
    previous = {name: os.environ.get(name) for name in values}

    def apply(settings: dict[str, str | None]) -> None:
        for name, value in settings.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    apply(values)
    try:
        yield
    finally:
        apply(previous)


@contextmanager
def _cluster(scheduler: str | None, jobs: int | None) -> Iterator[dict]:
    """Connect to ``scheduler`` (``local``: start one LocalCluster of ``jobs`` processes, see
    :func:`kit.parallel.resolve_jobs`) and yield the engine (:func:`kit.parallel.describe`)
    while the kernels started meanwhile get its address in ``KIT_SCHEDULER``; the client, and
    a local cluster, are closed afterwards.

    Raises
    ------
    SchedulerError
        When the scheduler cannot be reached.
    """
    if scheduler is None:
        with _environment(**{SCHEDULER_ENV: None}):
            yield {**describe(None), "local": False}
        return
    local = scheduler == "local"
    if local:
        with _environment(**{JOBS_ENV: str(resolve_jobs(jobs))}):
            client = connect(scheduler)
    else:
        client = connect(scheduler)
    try:
        address = client.scheduler.address if local else scheduler
        engine = {**describe(client), "scheduler": address, "local": local}
        if not engine["workers"]:
            warnings.warn(
                f"the Dask scheduler {address!r} has no worker yet: the notebooks' Dask work "
                f"waits until one joins (dask worker {address})",
                stacklevel=3,
            )
        with _environment(**{SCHEDULER_ENV: address}):
            yield engine
    finally:
        cluster = client.cluster if local else None
        client.close()
        if cluster is not None:
            cluster.close()


def _scheduler_lost(address: str) -> bool:
    """True when the Dask scheduler at ``address`` cannot be reached any more."""
    from distributed import Client

    try:
        Client(address, timeout=_PROBE_TIMEOUT, set_as_default=False).close()
    except (OSError, TimeoutError):
        return True
    return False


def _prepare_corpus(
    parameters: dict, articles_path, raw_dir, *, ingest: bool, progress: bool
) -> tuple[Path, dict, bool]:
    """The corpus the run reads (ingested first when stale), its fingerprint, and whether
    this run ingested it. ``parameters["corpus"]`` is made absolute in place."""
    ingested, summary, reasons = False, {}, []
    if parameters.get("corpus"):
        # Absolute, since the kernel runs in the notebook's folder (as in JupyterLab).
        corpus_path = config.project_path(parameters["corpus"]).resolve()
        parameters["corpus"] = str(corpus_path)
    else:
        corpus_path = Path(articles_path) if articles_path else config.ARTICLES_PATH
        reasons = ingest_reasons(corpus_path, raw_dir) if ingest else []
        if reasons:
            from kit.corpus import ingest as ingest_corpus

            sources = [Path(raw_dir)] if raw_dir else None
            summary = ingest_corpus(
                sources, out=corpus_path, report=report_path_of(corpus_path), progress=progress
            )
            ingested = True
    report_path = report_path_of(corpus_path)
    if ingested and (summary["n_articles"] == 0 or not corpus_path.exists()):
        raise IngestError(
            report_path,
            "ingest read no article, so there is nothing to run the notebooks on; "
            "the report lists every file and why it was skipped",
        )
    if not corpus_path.exists():
        raise ParameterError(
            "corpus", str(corpus_path), "the path of an articles.parquet written by `kit ingest`"
        )
    corpus = provenance.file_fingerprint(corpus_path)
    corpus.update(
        ingested_now=ingested,
        ingest_reasons=reasons if ingested else [],
        ingest_report=str(report_path) if report_path.exists() else None,
    )
    return corpus_path, corpus, ingested


def _passed_parameters(declared: dict, parameters: dict, corpus_path: Path, run_dir: Path) -> dict:
    """What one notebook receives: ``corpus`` and ``output_dir`` always (the runner's contract
    with every notebook, harmless if unused); the user's other parameters only where declared."""
    return {
        "corpus": str(corpus_path),
        **{k: v for k, v in parameters.items() if k in declared},
        "output_dir": str(run_dir),
    }


def _literal(source: str):
    """The value of a parameter default as papermill reads it (source text); the text itself
    when it is not a Python literal."""
    import ast

    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError):
        return source


def effective_parameters(declared: dict, passed: dict) -> dict:
    """Every parameter a notebook declares with the value it runs with: its default (from the
    parameters cell) unless ``passed`` sets it.

    Examples
    --------
    >>> declared = {"scale": {"default": "1"}, "terms": {"default": '["iran"]'}}
    >>> effective_parameters(declared, {"scale": 2, "corpus": "a.parquet"})
    {'scale': 2, 'terms': ['iran'], 'corpus': 'a.parquet'}
    """
    values = {name: _literal(p["default"]) for name, p in declared.items()}
    values.update(passed)
    return values


#: Parameters that are no resource file of a measure (the corpus is fingerprinted instead).
_NOT_FILES = ("corpus", "output_dir")


def parameter_files(values: dict) -> list[tuple[str, Path]]:
    """``(parameter, path)`` of every parameter value (or list item, or mapping value) naming
    an existing file, resolved with :func:`kit.config.project_path`: the lexicons, actor tables
    and dictionaries a notebook was given. ``corpus`` and ``output_dir`` are left out."""
    found: list[tuple[str, Path]] = []

    def visit(name: str, value) -> None:
        if isinstance(value, str) and value.strip():
            path = config.project_path(value)
            if path.is_file():
                found.append((name, path))
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(name, item)
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(f"{name}.{key}", item)

    for name, value in values.items():
        if name not in _NOT_FILES:
            visit(name, value)
    return found


def local_files(values: dict) -> list[Path]:
    """The local files a notebook's parameter ``values`` name: the corpus and every file
    parameter (:func:`parameter_files`); their folders are written relative in a run folder
    (:func:`kit.runs.report.local_prefixes`)."""
    corpus = [Path(values["corpus"])] if values.get("corpus") else []
    return corpus + [path for _, path in parameter_files(values)]


def bundled_files() -> list[dict]:
    """``path`` and ``sha256`` of every data file shipped in ``kit/lexicons/`` (the word lists,
    lexicons, actor and outlet tables the measures read when no file parameter replaces them)."""
    return [
        {"path": str(path), "sha256": provenance.sha256_file(path)}
        for path in sorted(config.LEXICONS_DIR.iterdir())
        if path.is_file() and path.suffix != ".py"
    ]


#: The parameters file of a run folder: ``kit run -f <run folder>/params.yaml`` repeats the run.
PARAMS_FILE = "params.yaml"


def write_params_file(
    run_dir: Path,
    effective: dict[Path, dict],
    parameters: dict,
    *,
    run_id: str,
    revision: dict,
) -> Path:
    """Write ``params.yaml``: every effective parameter with one value across the notebooks
    run (``output_dir`` left out, ``corpus`` only when it was given), so that
    ``kit run -f params.yaml`` repeats the run even after the notebooks' defaults change.
    Parameters whose defaults differ between notebooks are named in a comment. File paths are
    written as in the manifest (:data:`kit.runs.report.PATHS_NOTE`): relative to the project
    root, which ``kit run`` resolves them from, or, outside the project, by file name only."""
    values: dict = {}
    differing: set[str] = set()
    for params in effective.values():
        for name, value in params.items():
            if name == "output_dir" or (name == "corpus" and "corpus" not in parameters):
                continue
            if name in values and values[name] != value:
                differing.add(name)
            values.setdefault(name, value)
    kept = {k: v for k, v in values.items() if k not in differing}
    header = [
        f"# Parameters of kit run {run_id}: kit run -f {PARAMS_FILE} repeats it.",
        f"# Notebooks: {', '.join(p.stem for p in effective)}",
        f"# Project commit: {revision.get('commit')} (uncommitted changes: {revision.get('dirty')})",
        "# Paths are relative to the project root; a file outside it is named by its file name "
        "only: give its path with -p NAME PATH.",
    ]
    if differing:
        header.append(
            "# Left to each notebook's default (they differ): " + ", ".join(sorted(differing))
        )
    path = run_dir / PARAMS_FILE
    files = [f for params in effective.values() for f in local_files(params)]
    kept = report.portable(kept, report.local_prefixes(run_dir, files))
    body = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, default_flow_style=None)
    path.write_text("\n".join(header) + "\n" + body, encoding="utf-8")
    return path


def _execute_all(
    paths: list[Path],
    passed: dict[Path, dict],
    run_dir: Path,
    *,
    html: bool,
    kernel_name: str,
    progress: bool,
    scheduler: str | None = None,
) -> list[NotebookResult]:
    """Execute every notebook in turn (with a bar over its cells when ``progress``); HTML
    conversion overlaps the next notebook. A notebook that failed while ``scheduler`` cannot
    be reached has ``scheduler_lost`` in its error."""
    results = []
    # HTML conversion (CPU in this process) overlaps the next notebook (CPU in its kernel).
    with ThreadPoolExecutor(max_workers=1) as converter:
        pending = []
        for number, path in enumerate(paths, 1):
            label = f"{number}/{len(paths)} {path.stem}" if progress else False
            result = execute_one(
                path, run_dir, passed[path], kernel_name=kernel_name, html=False, progress=label
            )
            if result.error is not None and scheduler and _scheduler_lost(scheduler):
                result.error["scheduler_lost"] = scheduler
            results.append(result)
            if html and result.output.exists():
                pending.append((result, converter.submit(_convert_html, result.output)))
        for result, future in pending:
            result.html, result.html_seconds, html_error = future.result()
            if result.error is None and html_error is not None:
                result.error, result.status = html_error, "failed"
    return results
