"""Actor mentions (kit.lexicons.actors): input checks."""

from __future__ import annotations

import pytest

import kit
from kit.errors import SchemaError
from tests.helpers import make_articles


def test_find_mentions_without_text_names_the_column():
    with pytest.raises(SchemaError, match=r"find_mentions needs .*missing \['text'\]"):
        kit.find_mentions(make_articles().drop(columns=["text"]))


def test_find_mentions_on_an_empty_table_is_empty_with_the_columns():
    out = kit.find_mentions(make_articles().iloc[0:0])
    assert out.empty and list(out.columns) == [
        "doc_id",
        "actor",
        "alias",
        "alias_type",
        "kind",
        "start",
        "end",
        "matched",
    ]
