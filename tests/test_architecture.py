"""The layout promised in ARCHITECTURE.md: which part may import which, and one home per idea."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

KIT = ROOT / "kit"
BASE = {"errors", "config", "validate", "progress", "parallel"}
#: part of kit -> the parts it may import (besides itself). Mirrors ARCHITECTURE.md.
ALLOWED = {
    "errors": set(),
    "config": set(),
    "validate": {"errors"},
    "progress": set(),
    "parallel": {"errors", "progress"},
    "lexicons": BASE,
    "corpus": BASE,
    "text": BASE | {"lexicons"},
    "dictionaries": BASE | {"lexicons", "text"},
    "overview": BASE | {"lexicons", "text"},
    "terms": BASE | {"lexicons", "text"},
    "sentiment": BASE | {"lexicons", "text", "dictionaries"},
    "rhetoric": BASE | {"lexicons", "text", "dictionaries"},
    "plots": BASE,
    "runs": BASE | {"corpus", "text"},  # text.periods checks group_by and time_unit
    "cli": BASE | {"corpus", "runs", "rhetoric"},  # kit evaluate scores the rhetoric measures
    "__main__": {"cli"},
}


def _part(module: str) -> str:
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else "__init__"


def _imports() -> dict[str, set[tuple[str, str]]]:
    """part -> {(importing file, imported part)} over every module of kit."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(KIT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        module = ".".join(rel.with_suffix("").parts).removesuffix(".__init__")
        source = _part(module) if module != "kit" else "__init__"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.level == 0
                and (node.module == "kit" or node.module.startswith("kit."))
            ):
                targets = (
                    [f"kit.{a.name}" for a in node.names] if node.module == "kit" else [node.module]
                )
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("kit.")]
            for target in targets:
                part = _part(target)
                if part != source:
                    found.setdefault(source, set()).add((str(rel), part))
    return found


def test_every_part_imports_only_the_layers_below_it():
    imports = _imports()
    assert set(imports) - {"__init__"} <= set(ALLOWED), "a new part of kit needs its rule here"
    bad = sorted(
        (rel, part)
        for source, pairs in imports.items()
        if source != "__init__"
        for rel, part in pairs
        if part not in ALLOWED[source]
    )
    assert not bad, f"imports against ARCHITECTURE.md: {bad}"


def test_analyses_do_not_import_each_other():
    analyses = {"overview", "terms", "sentiment", "rhetoric", "dictionaries"}
    imports = _imports()
    crossing = sorted(
        (rel, part)
        for source in analyses - {"dictionaries"}
        for rel, part in imports.get(source, ())
        if part in analyses - {"dictionaries"}
    )
    assert not crossing


def test_package_root_holds_at_most_eight_modules():
    modules = sorted(p.name for p in KIT.glob("*.py"))
    assert len(modules) <= 8, modules


def test_architecture_document_names_every_part():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    parts = sorted(
        {p.name for p in KIT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        | {p.stem for p in KIT.glob("*.py") if not p.stem.startswith("__")}
    )
    missing = [p for p in parts if f"`{p}" not in text]
    assert not missing, f"ARCHITECTURE.md does not describe {missing}"


def test_progress_bars_come_from_one_helper():
    offenders = [
        str(p.relative_to(ROOT))
        for p in KIT.rglob("*.py")
        if p.name != "progress.py" and re.search(r"^\s*(from|import) tqdm", p.read_text(), re.M)
    ]
    assert not offenders


@pytest.mark.parametrize(
    "path",
    sorted((KIT / "lexicons").glob("*.yml")) + sorted((KIT / "lexicons").glob("*.txt")),
    ids=lambda p: p.name,
)
def test_every_bundled_word_list_names_its_source_and_licence(path: Path):
    header = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines()[:12] if line.startswith("#")
    ).lower()
    assert "source" in header and "licence" in header, f"{path.name} needs a source header"
