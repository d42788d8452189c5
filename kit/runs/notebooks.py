"""The notebooks folder: which notebooks exist, which parameters they declare, and the README's
generated table of those parameters (``python -m kit.runs.notebooks --update-readme``).
"""

from __future__ import annotations

from pathlib import Path

from kit import config
from kit.errors import ParameterError


def discover_notebooks(notebooks=None, *, notebooks_dir: str | Path | None = None) -> list[Path]:
    """Return the notebooks to run, in order.

    Parameters
    ----------
    notebooks : list of str, optional
        Names (``01_corpus_overview``, with or without ``.ipynb``, or a unique prefix such as
        ``01``) or paths. Default: every ``*.ipynb`` in ``notebooks_dir``, sorted by name.
    notebooks_dir : str or Path, optional
        Default :data:`kit.config.NOTEBOOKS_DIR`.

    Raises
    ------
    ParameterError
        For a name that matches no notebook or several, or an empty folder.
    """
    folder = Path(notebooks_dir) if notebooks_dir else config.NOTEBOOKS_DIR
    available = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not notebooks:
        if not available:
            raise ParameterError("notebooks_dir", str(folder), "a folder holding .ipynb notebooks")
        return available
    chosen = []
    for name in notebooks:
        path = Path(name)
        if path.suffix == ".ipynb" and path.exists():
            chosen.append(path)
            continue
        stem = path.name.removesuffix(".ipynb")
        matches = [p for p in available if p.stem == stem] or [
            p for p in available if p.stem.startswith(stem)
        ]
        if len(matches) != 1:
            raise ParameterError(
                "notebooks",
                name,
                "a notebook path, or one of the names "
                f"{[p.stem for p in available]} (or a unique prefix)",
            )
        chosen.append(matches[0])
    return chosen


def declared_parameters(notebook: str | Path) -> dict[str, dict]:
    """Parameters a notebook declares (papermill's ``inspect_notebook``): name -> ``name,
    inferred_type_name, default, help``."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def parameters_text(notebooks_dir: str | Path | None = None, *, width: int = 100) -> str:
    """Plain text listing the notebooks and their parameters (for ``kit run --help``).

    The parameters every notebook declares come first, once (with the first notebook's help);
    then one paragraph per notebook, ``name: title``, with its own parameters, one per line:
    ``name (type, default value): help``, wrapped to ``width`` columns, in the order its
    parameters cell declares them.
    """
    import textwrap

    def entry(name: str, p: dict) -> str:
        text = f"{name} ({p['inferred_type_name']}, default {p['default']}): {p['help']}"
        return textwrap.fill(text, width=width, initial_indent="  ", subsequent_indent="      ")

    declared = {
        path: declared_parameters(path) for path in discover_notebooks(notebooks_dir=notebooks_dir)
    }
    shared = [
        n for n in next(iter(declared.values()), {}) if all(n in d for d in declared.values())
    ]
    blocks = []
    if len(declared) > 1 and shared:
        first = next(iter(declared.values()))
        blocks.append("\n".join(["every notebook:", *(entry(n, first[n]) for n in shared)]))
    else:
        shared = []
    for path, params in declared.items():
        own = [entry(n, p) for n, p in params.items() if n not in shared]
        blocks.append(
            "\n".join([f"{path.stem}: {_title(path)}", *(own or ["  (no other parameters)"])])
        )
    return "\n\n".join(blocks)


README_BEGIN = (
    "<!-- generated: notebook-parameters (python -m kit.runs.notebooks --update-readme) -->"
)
README_END = "<!-- /generated: notebook-parameters -->"


def _title(notebook: Path) -> str:
    import nbformat

    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().splitlines()[0].lstrip("#").strip()
    return notebook.stem


def parameters_markdown(notebooks_dir: str | Path | None = None) -> str:
    """Markdown documenting every notebook's parameters, read with papermill.

    One ``###`` heading per notebook (file name and title), then a table
    ``parameter | type | default | meaning`` in the order the parameters cell declares them.
    """
    blocks = []
    for path in discover_notebooks(notebooks_dir=notebooks_dir):
        rows = ["| parameter | type | default | meaning |", "| --- | --- | --- | --- |"]
        for name, p in declared_parameters(path).items():
            cells = [f"`{name}`", p["inferred_type_name"], f"`{p['default']}`", p["help"]]
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        blocks.append(f"### `{path.name}`: {_title(path)}\n\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def update_readme(readme: str | Path | None = None, *, notebooks_dir=None) -> bool:
    """Rewrite the generated parameter tables inside the README; True when it changed."""
    readme = Path(readme) if readme else config.ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise ParameterError(
            "readme",
            str(readme),
            f"a README holding the markers {README_BEGIN!r} ... {README_END!r}",
        )
    new = text[: start + len(README_BEGIN)] + "\n" + parameters_markdown(notebooks_dir) + text[end:]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--update-readme"]:
        print("README updated" if update_readme() else "README already up to date")
    else:
        sys.exit("usage: python -m kit.runs.notebooks --update-readme")
