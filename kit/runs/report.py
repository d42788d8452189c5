"""The readable side of a run: each executed notebook as HTML, ``manifest.json``, and the
run's report, ``index.html`` (figures linked from ``figures/``) and ``report.html`` (the same
page with every figure inside it, to send as one file).

Notebook pages use nbconvert's JupyterLab look with its CSS inlined and images embedded, and
load no script from the network (see ``templates/notebook_offline.html.j2``): LaTeX in markdown
stays as written, since MathJax would come from a CDN. No page holds a local absolute path:
paths under the run folder, the project, the corpus's folder or the home folder are written
relative to them, so the run folder can be zipped and shared as it is.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import sys
from pathlib import Path
from string import Template

import nbformat
import pandas as pd

from kit import config
from kit.runs.captions import KEY_TABLES, figure_caption, method_note
from kit.runs.describe import describe_corpus
from kit.runs.sections import Section, notebook_intro, notebook_sections

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Rows of a key table shown in the report (the CSV holds every row).
TABLE_ROWS = 8


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


def local_prefixes(run_dir: str | Path, paths=()) -> list[tuple[str, str]]:
    """``(prefix, replacement)`` pairs that turn the local absolute paths a run's pages may
    show into relative ones, longest prefix first: the run folder (``.``), the folder of each
    of ``paths`` (e.g. the corpus: its file name stays), the project, the Python installation
    and the home folder (``~``).

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
    for prefix in {str(config.ROOT), sys.prefix, sys.base_prefix}:
        pairs.setdefault(f"{prefix}/", "")
    pairs.setdefault(str(config.ROOT), ".")
    pairs.setdefault(f"{Path.home()}/", "~/")
    return sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True)


def relative_paths(text: str, prefixes: list[tuple[str, str]]) -> str:
    """``text`` with every prefix of :func:`local_prefixes` replaced.

    Examples
    --------
    >>> relative_paths("saved to /data/runs/r1/tables", local_prefixes("/data/runs/r1"))
    'saved to ./tables'
    """
    for prefix, replacement in prefixes:
        text = text.replace(prefix, replacement)
    return text


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


def write_manifest(manifest: dict, run_dir: str | Path) -> Path:
    """Write ``manifest.json`` (UTF-8, indented, keys in the given order) into ``run_dir``."""
    path = Path(run_dir) / "manifest.json"
    path.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
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
        return (
            f'<figure><img src="{_e(src)}" alt="{_e(caption)}" loading="lazy">'
            f'<figcaption>{_e(caption)} <span class="files">{files}</span></figcaption></figure>'
        )

    def key_table(self, name: str) -> str:
        path = self.run_dir / "tables" / f"{name}.csv"
        try:
            table = pd.read_csv(path)
        except (OSError, ValueError, pd.errors.EmptyDataError):
            return ""
        n_rows = len(table)
        shown = table.head(TABLE_ROWS).to_html(index=False, border=0, na_rep="", escape=True)
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
            links = ", ".join(f'<a href="tables/{_e(t)}.csv">{_e(t)}</a>' for t in section.tables)
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
            tables = _stems(nb.get("tables", []), ".csv")
            for section in notebook_sections(output, figures, tables):
                parts.append(self.section(nb, section))
        parts.append("</section>")
        return "\n".join(p for p in parts if p)

    def corpus(self) -> str:
        corpus = self.manifest.get("corpus") or {}
        if not corpus.get("path"):
            return "<p>No corpus recorded.</p>"
        rows = [[_e(k), _e(v)] for k, v in describe_corpus(corpus["path"])]
        prefixes = local_prefixes(self.run_dir, [corpus["path"]])
        rows.append(["file", f"<code>{_e(relative_paths(str(corpus['path']), prefixes))}</code>"])
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
        prefixes = local_prefixes(self.run_dir, [(m.get("corpus") or {}).get("path", "/")])
        page = Template((TEMPLATES_DIR / "index.html").read_text(encoding="utf-8")).substitute(
            title=_e(f"kit run {m.get('run_id', '')}"),
            status=_e(m.get("status", "")),
            started=_e(m.get("started", "")),
            finished=_e(m.get("finished", "")),
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
