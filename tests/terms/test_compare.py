"""Group comparison and the notebook's parameter checks (kit.terms.compare, kit.terms.parameters)."""

from __future__ import annotations

import pytest

import kit.terms as T
from kit.errors import ParameterError
from tests.helpers import make_articles


# ---------------------------------------------------------------- notebook support
def test_compare_groups_default_target_and_one_group_message():
    arts = make_articles()
    res = T.compare_groups(arts, group_by="outlet", min_count=1)
    assert res.ok and res.target_label == "outlet == 'MENAFN'"
    assert res.table.attrs["n_docs_target"] == 1 and res.table.attrs["n_docs_reference"] == 5
    top = T.key_terms(res.table, n=2)
    assert len(top) == 4 and top[-1] in set(
        res.table.loc[res.table["direction"] == "reference", "term"]
    )
    one = T.compare_groups(arts.iloc[:1], group_by="outlet")
    assert not one.ok and "needs two groups" in one.message and T.key_terms(one.table) == []
    gone = T.compare_groups(arts, target="outlet == 'Nobody'")
    assert not gone.ok and "could not be computed" in gone.message
    with pytest.raises(ParameterError, match="group_by"):
        T.compare_groups(arts, group_by="nope")


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"terms": "iran"}, "terms"),
        ({"terms": ["a b c d"]}, "terms"),
        ({"ngram_range": [1, 5]}, "ngram_range"),
        ({"min_count": 0}, "min_count"),
        ({"group_by": "nope"}, "group_by"),
        ({"time_unit": "decade"}, "time_unit"),
        ({"target": 3}, "target"),
    ],
)
def test_check_parameters(kwargs, name):
    with pytest.raises(ParameterError) as err:
        T.check_parameters(make_articles(), **kwargs)
    assert err.value.name == name
    T.check_parameters(make_articles(), terms=["iran"], ngram_range=[1, 2], min_count=2)
