"""The project's promises: pinned environment, README commands, CI."""

from __future__ import annotations

import re
import tomllib

import yaml

from kit.validate import ARTICLE_COLUMN_DOCS, ARTICLE_COLUMNS
from tests.helpers import ROOT


def _pin(requirement: str) -> tuple[str, str]:
    name, _, version = requirement.partition("==")
    assert version, f"{requirement!r} is not pinned with =="
    name = name.split("[")[0]  # "dask[dataframe]": the extras do not change the pin
    return re.sub(r"[-_.]+", "-", name.strip().lower()), version.strip()


def test_environment_yml_pins_the_same_versions_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pyproject = dict(_pin(r) for r in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert dict(_pin(r) for r in pip) == pyproject
    assert "python=3.11" in env["dependencies"]


def test_lock_file_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = dict(
        _pin(line)
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    for name, version in (_pin(r) for r in project["dependencies"]):
        assert lock.get(name) == version, f"{name}: pyproject {version}, lock {lock.get(name)}"


def test_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    first_block = text.split("```")[1].strip().splitlines()
    assert first_block[0].startswith("make run") and first_block[1].startswith("make test")
    assert text.index("```") < text.index("\n## ")  # before any section


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"
    assert not any("pytest" in c or "|| true" in c for c in commands)
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\n\t.*python -m pytest", makefile, re.M)


def test_readme_data_model_lists_every_column():
    text = (ROOT / "README.md").read_text()
    section = text.split("<!-- section: data-model -->")[1].split("<!-- /section: data-model")[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, re.M))
    assert rows == ARTICLE_COLUMNS
    for column, meaning in ARTICLE_COLUMN_DOCS.items():
        assert meaning in section, column


def test_demo_corpus_ships_with_its_attribution_beside_it():
    import json

    raw = ROOT / "corpus" / "raw"
    demo = raw / "wikinews" / "wikinews_middle_east.jsonl"
    records = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 124
    assert {r["outlet"] for r in records} == {"Wikinews"}
    assert {r["license"] for r in records} == {"CC BY 2.5", "public domain"}
    assert all(r["url"].startswith("https://en.wikinews.org/wiki/") for r in records)
    attribution = (raw / "wikinews" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for required in (
        "Text from Wikinews, https://en.wikinews.org, licensed CC BY 2.5",
        "https://creativecommons.org/licenses/by/2.5/",
        "authors: Wikinews contributors",
        "before 25 September 2005 are in the public domain",
    ):
        assert required in attribution.replace("\n> ", " ")
    assert list((raw / "menafn").glob("menafn_*.txt")), "the MENAFN seed is kept"


def test_licence_and_citation_agree_with_the_package():
    from kit.config import VERSION

    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["license"] == "MIT"
    assert str(citation["version"]) == VERSION
    assert citation["title"].startswith("kit") and citation["authors"]
