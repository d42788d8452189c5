"""The README's "new reader in one decorated function" example runs as written."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import kit
from kit.corpus.readers import registry
from tests.helpers import ROOT


def _extending_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("<!-- section: extending -->")[1].split("<!-- /section: extending")[0]
    [block] = re.findall(r"```python\n(.*?)```", section, re.S)
    return block


@pytest.fixture
def example_namespace():
    namespace: dict = {}
    exec(compile(_extending_example(), "README.md (extending)", "exec"), namespace)
    yield namespace
    registry._READERS.pop("pipe_table", None)


def test_readme_reader_example(example_namespace, tmp_path):
    assert kit.get_reader("pipe_table").extensions == (".psv",)
    (tmp_path / "export.psv").write_text(
        "Drones over Israel|2024-04-14|Iran launched drones and missiles.\n"
        "broken line\n"
        "US stays out|2024-04-15|The US said it would not join a counter-strike.\n"
    )
    with pytest.warns(kit.IngestWarning, match="line 2 has 1 fields, expected 3"):
        articles = kit.read_articles(tmp_path)
    assert articles["title"].tolist() == ["Drones over Israel", "US stays out"]
    assert articles["record"].tolist() == [1, 3]
    assert articles["format"].unique().tolist() == ["pipe_table"]
    assert articles["published"].tolist() == [
        pd.Timestamp("2024-04-14", tz="UTC"),
        pd.Timestamp("2024-04-15", tz="UTC"),
    ]
