"""The sections of an executed notebook, for the run report: each markdown heading with its
text and the figures and tables the code cells below it saved."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

_SAVED = re.compile(r"save_(figure|table)\(\s*[\w.\[\]'\"]+\s*,\s*f?(['\"])(?P<name>[^'\"]+)\2")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass
class Section:
    """One heading of a notebook: its level, title, anchor in the notebook's HTML page, the
    markdown below it, and the names of the figures and tables saved in its cells."""

    level: int
    title: str
    anchor: str
    text: str = ""
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def html_anchor(title: str) -> str:
    """The ``id`` nbconvert gives a heading (spaces become ``-``).

    Examples
    --------
    >>> html_anchor("Articles over time")
    'Articles-over-time'
    """
    return re.sub(r"\s+", "-", title.strip())


def _names(source: str, kind: str, saved: list[str]) -> list[str]:
    """Names saved by ``save_<kind>`` in ``source``: literal names, and for f-string names
    (``overview_ingest_{name}``) every saved name matching them."""
    found = []
    for match in _SAVED.finditer(source):
        if match[1] != kind:
            continue
        pattern = re.sub(r"\{[^}]*\}", "*", match["name"])
        found += [n for n in saved if fnmatch.fnmatchcase(n, pattern) and n not in found]
    return found


def notebook_sections(notebook: str | Path, figures: list[str], tables: list[str]) -> list[Section]:
    """Split an executed notebook into sections at its markdown headings (the title excluded).

    Parameters
    ----------
    notebook : str or Path
        The executed ``.ipynb``.
    figures, tables : list of str
        Names (without folder and suffix) of the figures and tables the run wrote; a section
        lists those its code cells saved.

    Returns
    -------
    list of Section
        In notebook order; a first untitled section (``level`` 0) holds what was saved before
        the first heading, when anything was.
    """
    nb = nbformat.read(notebook, as_version=4)
    sections = [Section(0, "", "")]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            heading = _HEADING.match(lines[0]) if lines else None
            if heading and len(heading[1]) == 1:
                continue  # the notebook's title: see notebook_intro
            if heading:
                title = heading[2]
                sections.append(Section(len(heading[1]), title, html_anchor(title)))
                lines = lines[1:]
            sections[-1].text = (sections[-1].text + "\n\n" + "\n".join(lines)).strip()
        elif cell.cell_type == "code":
            sections[-1].figures += _names(cell.source, "figure", figures)
            sections[-1].tables += _names(cell.source, "table", tables)
    return [s for s in sections if s.level or s.figures or s.tables]


def notebook_intro(notebook: str | Path) -> tuple[str, str]:
    """``(title, text)`` of a notebook's first markdown cell (its ``#`` title and the text
    below it); the file's stem and "" when it has none."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            heading = _HEADING.match(lines[0]) if lines else None
            if heading and len(heading[1]) == 1:
                return heading[2], "\n".join(lines[1:]).strip()
            break
    return Path(notebook).stem, ""
