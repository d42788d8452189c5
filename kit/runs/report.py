"""The readable side of a run: each executed notebook as HTML, ``manifest.json``, and the
run's report, ``index.html`` (figures linked from ``figures/``) and ``report.html`` (the same
page with every figure inside it, to send as one file).

Notebook pages use nbconvert's JupyterLab look with its CSS inlined and images embedded, and
load no script from the network (see ``templates/notebook_offline.html.j2``): LaTeX in markdown
stays as written, since MathJax would come from a CDN. No file of a run folder holds a local
absolute path (:data:`PATHS_NOTE`): the executed notebooks (:func:`portable_notebook`), their
pages, ``manifest.json`` (:func:`write_manifest`), ``params.yaml`` and the report name the
run's files relative to the run folder, the project's relative to its root, and a file outside
the project by its name, so the run folder can be zipped and shared as it is.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re
import struct
import sys
import textwrap
from pathlib import Path
from string import Template

import nbformat
import pandas as pd

from kit import config
from kit.runs.captions import KEY_TABLES, figure_caption, method_note
from kit.runs.describe import describe_corpus
from kit.runs.outputs import FIGURE_DPI
from kit.runs.sections import Section, notebook_intro, notebook_sections

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Rows of a key table shown in the report (the CSV holds every row).
TABLE_ROWS = 8
#: Longest text of a key table's cell shown in the report (the CSV holds it whole).
CELL_CHARS = 240
#: Texts of a key table longer than this are shown as a block wide enough to be read.
LONG_TEXT = 60
#: A figure this many times taller than wide is shown in a box of its own that scrolls.
TALL_RATIO = 1.6


@functools.lru_cache(maxsize=1)
def _exporter():
    """One exporter per process: loading its templates costs more than a small conversion."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(TEMPLATES_DIR)],
        template_file="notebook_offline.html.j2",
        embed_images=True,
    )


#: What the paths of a shared run folder are relative to (written into its manifest).
PATHS_NOTE = (
    "The run's own files are named relative to the run folder ('.'), other files relative "
    "to the project root; a file outside the project by its name only (the corpus with its "
    "fingerprint, other files with their sha256), the home folder as '~'."
)
#: Notebook outputs holding binary data (base64), never rewritten.
_BINARY_OUTPUTS = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
)
#: Base64 images inside a page, never rewritten.
_DATA_URI = r"data:image/[\w.+-]+;base64,[A-Za-z0-9+/=]+"


def local_prefixes(run_dir: str | Path, paths=()) -> list[tuple[str, str]]:
    """``(prefix, replacement)`` pairs that turn the local absolute paths a run's files may
    show into relative ones (see :data:`PATHS_NOTE`), longest prefix first: the run folder
    (``.``), the folder of each of ``paths`` outside the project (the corpus, the notebooks,
    file parameters: their file name stays), the project, the Python installation when it is
    outside the project, and the home folder (``~``).

    Examples
    --------
    >>> dict(local_prefixes("/data/runs/r1"))["/data/runs/r1"]
    '.'
    """
    pairs = {str(Path(run_dir).resolve()): ".", str(Path(run_dir)): "."}
    for path in paths:
        folder = Path(path).expanduser().resolve().parent
        if folder != Path(folder.anchor) and not folder.is_relative_to(config.ROOT):
            pairs.setdefault(f"{folder}/", "")
    for prefix in {sys.prefix, sys.base_prefix}:
        if not Path(prefix).is_relative_to(config.ROOT) and prefix != "/":
            pairs.setdefault(f"{prefix}/", "")
    pairs.setdefault(f"{config.ROOT}/", "")
    pairs.setdefault(str(config.ROOT), ".")
    home = Path.home()
    if home != Path(home.anchor):
        pairs.setdefault(f"{home}/", "~/")
        pairs.setdefault(str(home), "~")
    return sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True)


@functools.lru_cache(maxsize=32)
def _pattern(prefixes: tuple[tuple[str, str], ...]) -> re.Pattern:
    """One pattern for every prefix (longest first), each starting a path (not inside a
    longer name) and, without a closing ``/``, ending one; base64 images are matched whole
    so that they are left alone."""
    paths = "|".join(
        re.escape(prefix) + ("" if prefix.endswith("/") else r"(?![\w-]|\.\w)")
        for prefix, _ in prefixes
    )
    return re.compile(rf"(?P<data>{_DATA_URI})|(?<![\w.-])(?P<path>{paths})")


def relative_paths(text: str, prefixes: list[tuple[str, str]]) -> str:
    """``text`` with every prefix of :func:`local_prefixes` replaced (base64 images left
    as they are).

    Examples
    --------
    >>> relative_paths("saved to /data/runs/r1/tables", local_prefixes("/data/runs/r1"))
    'saved to ./tables'
    """
    if not prefixes:
        return text
    replacement = dict(prefixes)
    return _pattern(tuple(prefixes)).sub(lambda m: m["data"] or replacement[m["path"]], text)


def portable(value, prefixes: list[tuple[str, str]]):
    """``value`` (a string, or mappings and lists of them, such as a manifest or a notebook)
    with :func:`relative_paths` applied to every string; binary notebook outputs
    (:data:`_BINARY_OUTPUTS`) are kept as they are.

    Examples
    --------
    >>> portable({"out": ["/data/runs/r1/a.csv"]}, local_prefixes("/data/runs/r1"))
    {'out': ['./a.csv']}
    """
    if isinstance(value, str):
        return relative_paths(value, prefixes)
    if isinstance(value, dict):
        return {k: v if k in _BINARY_OUTPUTS else portable(v, prefixes) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [portable(v, prefixes) for v in value]
    return value


def portable_notebook(notebook: str | Path, prefixes: list[tuple[str, str]]) -> Path:
    """Rewrite an executed notebook in place with :func:`portable`: papermill's injected
    parameters, its metadata (``input_path``, ``output_path``, the parameters) and every text
    output; the injected-parameters cell says what its paths are relative to."""
    notebook = Path(notebook)
    nb = nbformat.from_dict(portable(nbformat.read(notebook, as_version=4), prefixes))
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            note = textwrap.wrap(f"kit run: {PATHS_NOTE}", 90)
            cell.source = "".join(f"# {line}\n" for line in note) + cell.source
    nbformat.write(nb, notebook)
    return notebook


def notebook_html(notebook: str | Path, html_path: str | Path | None = None) -> Path:
    """Convert an executed notebook to a self-contained HTML page without local paths.

    Parameters
    ----------
    notebook : str or Path
        The ``.ipynb`` file (its folder is taken as the run folder).
    html_path : str or Path, optional
        Where to write; default beside the notebook with the ``.html`` suffix.

    Returns
    -------
    Path
        The HTML file written.
    """
    notebook = Path(notebook)
    html_path = Path(html_path) if html_path else notebook.with_suffix(".html")
    nb = nbformat.read(notebook, as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    passed = nb.metadata.get("papermill", {}).get("parameters", {})
    files = [v for v in passed.values() if isinstance(v, str) and v.startswith("/")]
    html_path.write_text(
        relative_paths(body, local_prefixes(notebook.parent, files)), encoding="utf-8"
    )
    return html_path


def manifest_files(manifest: dict) -> list[str]:
    """The local files a manifest names (the corpus, the notebooks run and their file
    parameters): the ``paths`` of :func:`local_prefixes` for a run's files."""
    notebooks = manifest.get("notebooks") or []
    return [
        p
        for p in [
            (manifest.get("corpus") or {}).get("path"),
            *(nb.get("input") for nb in notebooks),
            *(f.get("path") for nb in notebooks for f in nb.get("files") or []),
        ]
        if isinstance(p, str) and p
    ]


def write_manifest(manifest: dict, run_dir: str | Path) -> Path:
    """Write ``manifest.json`` (UTF-8, indented, keys in the given order) into ``run_dir``,
    every local path in it made relative (:func:`portable`, :data:`PATHS_NOTE`)."""
    path = Path(run_dir) / "manifest.json"
    shared = portable(manifest, local_prefixes(run_dir, manifest_files(manifest)))
    path.write_text(
        json.dumps(shared, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    return path


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown import markdown2html_mistune

    return markdown2html_mistune(text) if text.strip() else ""


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _error_text(error: dict | None) -> str:
    if not error:
        return ""
    where = (
        ""
        if error.get("cell_index") is None
        else f" in cell {error['cell_index'] + 1} of {_e(error.get('n_cells'))} "
        f"(In [{_e(error.get('execution_count'))}])"
    )
    lost = (
        f" (the Dask scheduler <code>{_e(error['scheduler_lost'])}</code> could not be reached "
        "after this failure: the cluster was lost)"
        if error.get("scheduler_lost")
        else ""
    )
    return f"{_e(error['ename'])}{where}: <code>{_e(error['evalue'])}</code>{lost}"


def _status_html(notebooks: list[dict]) -> str:
    rows = []
    for nb in notebooks:
        links = (
            f'<a href="{_e(nb["html"])}">{_e(nb["name"])}</a>' if nb.get("html") else _e(nb["name"])
        )
        links += f' (<a href="{_e(nb["output"])}">.ipynb</a>)'
        rows.append(
            [
                links,
                f'<span class="{_e(nb["status"])}">{_e(nb["status"])}</span>',
                _e(nb.get("duration_seconds", "")),
                _error_text(nb.get("error")),
            ]
        )
    return _table(["notebook", "status", "seconds", "error"], rows)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file, from its header; (0, 0) when it cannot be read."""
    try:
        with path.open("rb") as f:
            header = f.read(24)
    except OSError:
        return 0, 0
    if len(header) < 24 or not header.startswith(b"\x89PNG"):
        return 0, 0
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def _number(value: float) -> str:
    """A float of a key table, as a reader reads it: whole numbers without decimals, four
    significant digits, thousands with one decimal, very small or large ones in e-notation.

    Examples
    --------
    >>> [_number(v) for v in (324.0, 471.806452, 0.0509640, 23683.838, 1.51e-08)]
    ['324', '471.8', '0.05096', '23683.8', '1.51e-08']
    """
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if 1e-3 <= abs(value) < 1e3:
        return f"{value:.4g}"
    if 1e3 <= abs(value) < 1e6:
        return f"{value:.1f}"
    return f"{value:.3g}"


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` ready for ``to_html(escape=False)``: names and texts escaped, texts longer
    than :data:`CELL_CHARS` cut (with an ellipsis), those longer than :data:`LONG_TEXT` in a
    block wide enough to be read (evidence sentences)."""

    def cell(value):
        if not isinstance(value, str):
            return value
        if len(value) > CELL_CHARS:
            value = value[: CELL_CHARS - 1].rstrip() + "\u2026"
        return f'<span class="text">{_e(value)}</span>' if len(value) > LONG_TEXT else _e(value)

    text = table.select_dtypes(include=["object", "string"]).columns
    return table.assign(**{c: table[c].map(cell) for c in text}).rename(columns=_e)


def _when(timestamp: str) -> str:
    """A manifest time (``2026-11-24T22:30:00.123456Z``) to the second, for the page.

    Examples
    --------
    >>> _when("2026-11-24T22:30:00.123456Z")
    '2026-11-24 22:30:00 UTC'
    """
    try:
        return pd.Timestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return timestamp


def _stems(files: list[str], suffix: str) -> list[str]:
    return [Path(f).stem for f in files if f.endswith(suffix)]


class _Page:
    """The report of one run, built from its manifest and executed notebooks."""

    def __init__(self, manifest: dict, run_dir: Path, *, inline: bool):
        self.manifest, self.run_dir, self.inline = manifest, run_dir, inline
        self.toc: list[str] = []

    def figure(self, name: str, heading: str) -> str:
        png, svg = f"figures/{name}.png", f"figures/{name}.svg"
        caption = figure_caption(name, heading)
        src = png
        if self.inline and (self.run_dir / png).exists():
            data = base64.b64encode((self.run_dir / png).read_bytes()).decode("ascii")
            src = f"data:image/png;base64,{data}"
        files = f'<a href="{_e(png)}">PNG</a>' + (
            f' &middot; <a href="{_e(svg)}">SVG</a>' if (self.run_dir / svg).exists() else ""
        )
        width, height = _png_size(self.run_dir / png)
        tall = height > TALL_RATIO * width
        image = f'<img src="{_e(src)}" alt="{_e(caption)}" loading="lazy">'
        # As large as it was drawn (its inches at the screen's 96 pixels per inch), at most
        # the page's width.
        size = f' style="width: {round(width * 96 / FIGURE_DPI)}px"' if width else ""
        kind = ' class="tall"' if tall else ""
        return (
            f"<figure{kind}{size}>"
            + (f'<div class="frame">{image}</div>' if tall else image)
            + f"<figcaption>{_e(caption)}"
            + (" (a tall figure: scroll it, or open the PNG)" if tall else "")
            + f' <span class="files">{files}</span></figcaption></figure>'
        )

    def key_table(self, name: str) -> str:
        path = self.run_dir / "tables" / f"{name}.csv"
        try:
            table = pd.read_csv(path)
        except (OSError, ValueError, pd.errors.EmptyDataError):
            return ""
        n_rows = len(table)
        shown = _shown(table.head(TABLE_ROWS)).to_html(
            index=False, border=0, na_rep="", escape=False, float_format=_number
        )
        more = f"first {TABLE_ROWS} of {n_rows} rows" if n_rows > TABLE_ROWS else f"{n_rows} rows"
        return (
            f'<div class="key-table"><p class="table-title">{_e(KEY_TABLES[name])} '
            f'(<a href="tables/{_e(name)}.csv">{_e(name)}.csv</a>, {more})</p>'
            f'<div class="scroll">{shown}</div></div>'
        )

    def section(self, nb: dict, section: Section) -> str:
        anchor = f"{nb['name']}--{section.anchor}" if section.anchor else ""
        parts = []
        if section.title:
            level = min(section.level + 1, 6)
            link = (
                f' <a class="open" href="{_e(nb["html"])}#{_e(section.anchor)}">in the notebook</a>'
                if nb.get("html")
                else ""
            )
            parts.append(f'<h{level} id="{_e(anchor)}">{_e(section.title)}{link}</h{level}>')
            indent = "sub" if section.level > 2 else ""
            self.toc.append(
                f'<li class="{indent}"><a href="#{_e(anchor)}">{_e(section.title)}</a></li>'
            )
        parts.append(_markdown(section.text))
        if section.figures:
            parts.append(
                '<div class="figures">'
                + "".join(self.figure(f, section.title) for f in section.figures)
                + "</div>"
            )
        parts += [self.key_table(t) for t in section.tables if t in KEY_TABLES]
        if section.tables:
            links = ", ".join(
                f'<a href="tables/{_e(t)}.csv">{_e(t)}</a>'
                if (self.run_dir / "tables" / f"{t}.csv").exists()
                else f'<a href="tables/{_e(t)}.parquet/">{_e(t)}</a> (Parquet dataset)'
                for t in section.tables
            )
            parts.append(f'<p class="tables">Tables (CSV; Parquet beside them): {links}</p>')
        return "\n".join(p for p in parts if p)

    def notebook(self, nb: dict) -> str:
        output = self.run_dir / nb["output"]
        title, intro = notebook_intro(output) if output.exists() else (nb["name"], "")
        anchor = f"nb-{nb['name']}"
        self.toc.append(f'<li><a href="#{_e(anchor)}"><strong>{_e(title)}</strong></a></li>')
        opened = f'<a href="{_e(nb["output"])}">.ipynb</a>'
        if nb.get("html"):
            opened = f'<a href="{_e(nb["html"])}">the executed notebook</a> ({opened})'
        parts = [
            f'<section id="{_e(anchor)}"><h2>{_e(title)}</h2>',
            f'<p class="meta">Open {opened} &middot; status <span class="{_e(nb["status"])}">'
            f"{_e(nb['status'])}</span> {_error_text(nb.get('error'))}</p>",
            _markdown(intro),
        ]
        note = method_note(nb["name"])
        if note:
            text, readme = note
            sections = ", ".join(f"&ldquo;{_e(s)}&rdquo;" for s in readme)
            parts.append(
                f'<div class="method"><p><strong>Method.</strong> {text}</p><p>More in the '
                f"project's README, sections {sections}.</p></div>"
            )
        if output.exists():
            figures = _stems(nb.get("figures", []), ".png")
            saved = nb.get("tables", [])
            tables = list(dict.fromkeys(_stems(saved, ".csv") + _stems(saved, ".parquet")))
            for section in notebook_sections(output, figures, tables):
                parts.append(self.section(nb, section))
        parts.append("</section>")
        return "\n".join(p for p in parts if p)

    def corpus(self) -> str:
        corpus = self.manifest.get("corpus") or {}
        if not corpus.get("path"):
            return "<p>No corpus recorded.</p>"
        rows = [[_e(k), _e(v)] for k, v in describe_corpus(config.project_path(corpus["path"]))]
        rows.append(["file", f"<code>{_e(corpus['path'])}</code>"])
        if corpus.get("fingerprint"):
            rows.append(["fingerprint", f"<code>{_e(corpus['fingerprint'])}</code>"])
        if corpus.get("ingested_now"):
            rows.append(["ingested by this run", _e("; ".join(corpus.get("ingest_reasons", [])))])
        return _table(["", "the corpus as a whole (the notebooks' selection is below)"], rows)

    def render(self) -> str:
        m = self.manifest
        notebooks = [self.notebook(nb) for nb in m.get("notebooks", [])]
        params = m.get("parameters") or {}
        param_rows = [
            [_e(k), f"<code>{_e(json.dumps(v, ensure_ascii=False))}</code>"]
            for k, v in params.items()
        ]
        prefixes = local_prefixes(self.run_dir, manifest_files(m))
        page = Template((TEMPLATES_DIR / "index.html").read_text(encoding="utf-8")).substitute(
            title=_e(f"kit run {m.get('run_id', '')}"),
            status=_e(m.get("status", "")),
            started=_e(_when(m.get("started", ""))),
            finished=_e(_when(m.get("finished", ""))),
            duration=_e(m.get("duration_seconds", "")),
            engine=_engine_text(m),
            sharing=_sharing(self.inline),
            toc="\n".join(self.toc),
            notebooks_status=_status_html(m.get("notebooks", [])),
            corpus=self.corpus(),
            notebooks="\n".join(notebooks),
            parameters=_table(["parameter", "value"], param_rows)
            if param_rows
            else "<p>Every notebook ran with its defaults (besides corpus and output_dir).</p>",
            project=f"<p>{_project_text(m)}</p>" + _rerun_text(m),
            paths=_e(PATHS_NOTE),
            environment=f"<p>{_environment_text(m)}</p>",
        )
        return relative_paths(page, prefixes)


def _sharing(inline: bool) -> str:
    if inline:
        return (
            "This page holds every figure: it can be sent alone. Its links to tables and "
            "notebooks work inside the run folder."
        )
    return (
        "Every link of this page is relative: zip the whole run folder to share it (this page "
        'links into <code>figures/</code> and <code>tables/</code>). <a href="report.html">'
        "report.html</a> is this page with the figures inside it, to send as one file."
    )


def _engine_text(manifest: dict) -> str:
    """Where the notebooks' work ran (the manifest's ``engine``), and whether the cluster
    was lost."""
    engine = manifest.get("engine") or {}
    if engine.get("engine") != "dask":
        return "Engine: pandas, in each notebook's kernel (no Dask scheduler)."
    text = (
        f"Engine: Dask, scheduler <code>{_e(engine.get('scheduler'))}</code>"
        + (" (a LocalCluster started by this run)" if engine.get("local") else "")
        + f", {_e(engine.get('workers'))} workers at the start."
    )
    if engine.get("lost_in"):
        text += (
            ' <span class="failed">The scheduler could not be reached after '
            f"{_e(', '.join(engine['lost_in']))} failed: the cluster was lost.</span>"
        )
    return text


def _project_text(manifest: dict) -> str:
    project = manifest.get("project") or {}
    params_file = manifest.get("params_file")
    return (
        f"kit {_e(project.get('version', '?'))}, project commit "
        f"<code>{_e(project.get('commit') or 'unknown')}</code>"
        + (" with uncommitted changes" if project.get("dirty") else "")
        + "."
        + (
            f' <a href="{_e(params_file)}">{_e(params_file)}</a> holds every parameter value: '
            f"<code>kit run -f {_e(params_file)}</code> or <code>kit run --rerun "
            f"{_e(manifest.get('run_id', ''))}</code> repeats the run."
            if params_file
            else ""
        )
    )


def _rerun_text(manifest: dict) -> str:
    rerun = manifest.get("rerun")
    if not rerun:
        return ""
    tables = rerun["tables"]
    different = tables["different"] + tables["only_first"] + tables["only_second"]
    return (
        f"<p>This run repeats run <code>{_e(rerun['of'])}</code> "
        f"({'same' if rerun['same_corpus'] else 'changed'} corpus): "
        f"{len(tables['equal'])} tables equal"
        + (f"; differing or missing: {_e(', '.join(different))}" if different else "")
        + ".</p>"
    )


def _environment_text(manifest: dict) -> str:
    env = manifest.get("environment") or {}
    packages = env.get("packages") or {}
    return f"Python {_e(env.get('python', '?'))} on {_e(env.get('platform', '?'))}; " + ", ".join(
        f"{_e(k)} {_e(v)}" for k, v in packages.items()
    )


#: The two pages of a run's report.
INDEX_NAME, REPORT_NAME = "index.html", "report.html"


def write_index(manifest: dict, run_dir: str | Path) -> Path:
    """Write the report of a run from its manifest (see :func:`kit.runs.execute.run_notebooks`)
    and executed notebooks: ``index.html``, and ``report.html`` with the figures inlined.

    The page has a table of contents; a description of the corpus (articles, unique
    articles, outlets, dates, languages, formats, duplicates, what ingest skipped); each
    notebook's status, research question and method note, and per section its text, its
    figures with captions saying what they show (:mod:`kit.runs.captions`), the first rows of
    its key tables and links to every table it saved; the parameters and provenance. Links
    are relative and no local absolute path is written, so the run folder can be zipped.

    Returns
    -------
    Path
        The ``index.html`` written.
    """
    run_dir = Path(run_dir)
    for name, inline in ((INDEX_NAME, False), (REPORT_NAME, True)):
        (run_dir / name).write_text(
            _Page(manifest, run_dir, inline=inline).render(), encoding="utf-8"
        )
    return run_dir / INDEX_NAME
