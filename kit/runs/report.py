"""The readable side of a run: each executed notebook as HTML, ``manifest.json`` and
``index.html``.

Notebook pages use nbconvert's JupyterLab look with its CSS inlined and images embedded, and
load no script from the network (see ``templates/notebook_offline.html.j2``): LaTeX in markdown
stays as written, since MathJax would come from a CDN.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from string import Template

import nbformat

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


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


def notebook_html(notebook: str | Path, html_path: str | Path | None = None) -> Path:
    """Convert an executed notebook to a self-contained HTML page.

    Parameters
    ----------
    notebook : str or Path
        The ``.ipynb`` file.
    html_path : str or Path, optional
        Where to write; default beside the notebook with the ``.html`` suffix.

    Returns
    -------
    Path
        The HTML file written.
    """
    notebook = Path(notebook)
    html_path = Path(html_path) if html_path else notebook.with_suffix(".html")
    body, _ = _exporter().from_notebook_node(
        nbformat.read(notebook, as_version=4), resources={"metadata": {"name": notebook.stem}}
    )
    html_path.write_text(body, encoding="utf-8")
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


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _notebooks_html(notebooks: list[dict]) -> str:
    rows = []
    for nb in notebooks:
        links = (
            f'<a href="{_e(nb["html"])}">{_e(nb["name"])}</a>' if nb.get("html") else _e(nb["name"])
        )
        links += f' (<a href="{_e(nb["output"])}">.ipynb</a>)'
        error = nb.get("error")
        detail = (
            ""
            if not error
            else (
                f"{_e(error['ename'])}"
                + (
                    ""
                    if error.get("cell_index") is None
                    else f" in cell {error['cell_index'] + 1} of {_e(error.get('n_cells'))} "
                    f"(In [{_e(error.get('execution_count'))}])"
                )
                + f": <code>{_e(error['evalue'])}</code>"
            )
        )
        rows.append(
            [
                links,
                f'<span class="{_e(nb["status"])}">{_e(nb["status"])}</span>',
                _e(nb.get("duration_seconds", "")),
                detail,
            ]
        )
    return _table(["notebook", "status", "seconds", "error"], rows)


def _figures_html(notebooks: list[dict]) -> str:
    parts = []
    for nb in notebooks:
        pngs = [f for f in nb.get("figures", []) if f.endswith(".png")]
        if not pngs:
            continue
        parts.append(f'<h3>{_e(nb["name"])}</h3><div class="figures">')
        for png in pngs:
            svg = png[:-4] + ".svg"
            svg_link = f' &middot; <a href="{_e(svg)}">SVG</a>' if svg in nb["figures"] else ""
            parts.append(
                f'<figure><a href="{_e(png)}"><img src="{_e(png)}" alt="{_e(png)}" '
                f'loading="lazy"></a><figcaption>{_e(Path(png).stem)}{svg_link}'
                f"</figcaption></figure>"
            )
        parts.append("</div>")
    return "\n".join(parts) or "<p>No figure was saved.</p>"


def write_index(manifest: dict, run_dir: str | Path) -> Path:
    """Write ``index.html`` for a run from its manifest (see :func:`kit.runs.execute.run_notebooks`).

    The page links every executed notebook (HTML and ``.ipynb``), shows each notebook's
    status, duration and error, the corpus and parameters, and every PNG figure the notebooks
    saved (linked, with their SVG). All links are relative, so the run folder can be moved.

    Returns
    -------
    Path
        The ``index.html`` written.
    """
    corpus = manifest.get("corpus") or {}
    corpus_rows = [[_e(k), f"<code>{_e(v)}</code>"] for k, v in corpus.items()]
    params = manifest.get("parameters") or {}
    param_rows = [
        [_e(k), f"<code>{_e(json.dumps(v, ensure_ascii=False))}</code>"] for k, v in params.items()
    ]
    env = manifest.get("environment") or {}
    packages = env.get("packages") or {}
    env_text = (
        f"Python {_e(env.get('python', '?'))} on {_e(env.get('platform', '?'))}; "
        + ", ".join(f"{_e(k)} {_e(v)}" for k, v in packages.items())
    )
    project = manifest.get("project") or {}
    params_file = manifest.get("params_file")
    project_text = (
        f"kit {_e(project.get('version', '?'))}, project commit "
        f"<code>{_e(project.get('commit') or 'unknown')}</code>"
        + (" with uncommitted changes" if project.get("dirty") else "")
        + "."
        + (
            f' <a href="{_e(params_file)}">{_e(params_file)}</a> holds every parameter value: '
            f"<code>kit run -f {_e(params_file)}</code> repeats the run."
            if params_file
            else ""
        )
    )
    page = Template((TEMPLATES_DIR / "index.html").read_text(encoding="utf-8")).substitute(
        title=_e(f"kit run {manifest.get('run_id', '')}"),
        status=_e(manifest.get("status", "")),
        started=_e(manifest.get("started", "")),
        finished=_e(manifest.get("finished", "")),
        duration=_e(manifest.get("duration_seconds", "")),
        notebooks=_notebooks_html(manifest.get("notebooks", [])),
        corpus=_table(["item", "value"], corpus_rows)
        if corpus_rows
        else "<p>No corpus recorded.</p>",
        parameters=_table(["parameter", "value"], param_rows)
        if param_rows
        else "<p>Every notebook ran with its defaults (besides corpus and output_dir).</p>",
        figures=_figures_html(manifest.get("notebooks", [])),
        project=f"<p>{project_text}</p>",
        environment=f"<p>{env_text}</p>",
    )
    path = Path(run_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
