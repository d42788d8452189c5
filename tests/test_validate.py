"""One set of checks (kit.validate): missing columns and bad choices name what is accepted."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.rhetoric as rhetoric
import kit.sentiment as sentiment
import kit.terms as terms
from kit.errors import ParameterError, SchemaError
from kit.validate import check_choice, check_column, require_columns

NO_TEXT = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "language": ["en"]})


@pytest.mark.parametrize(
    "measure",
    [
        lambda a: terms.count_terms(a),
        lambda a: terms.tf_idf(a),
        lambda a: terms.keyness(a, "outlet == 'X'"),
        lambda a: terms.kwic(a, "iran"),
        lambda a: terms.collocations(a),
        lambda a: terms.term_trends(a, "iran"),
        lambda a: sentiment.score_sentences(a),
        lambda a: rhetoric.extract_quotes(a),
        lambda a: rhetoric.hedges(a),
        lambda a: rhetoric.find_agency(a),
        lambda a: rhetoric.naming_evidence(a),
    ],
    ids=[
        "count_terms",
        "tf_idf",
        "keyness",
        "kwic",
        "collocations",
        "term_trends",
        "score_sentences",
        "extract_quotes",
        "hedges",
        "find_agency",
        "naming_evidence",
    ],
)
def test_a_table_without_text_is_a_schema_error_naming_it(measure):
    with pytest.raises(SchemaError, match=r"missing \[.*'text'"):
        measure(NO_TEXT)


def test_require_columns_lists_what_is_missing_and_what_is_there():
    with pytest.raises(SchemaError) as err:
        require_columns(NO_TEXT, ["doc_id", "text", "published"], "demo")
    message = str(err.value)
    assert "missing ['text', 'published']" in message and "'outlet'" in message
    with pytest.raises(SchemaError, match="needs a pandas or Dask DataFrame"):
        require_columns([1, 2], ["doc_id"], "demo")


def test_check_choice_and_check_column():
    check_choice("count_by", "actor", ("actor", "speaker"))
    with pytest.raises(ParameterError) as err:
        check_choice("count_by", ["actor"], ("actor", "speaker"))  # unhashable: not a choice
    assert err.value.name == "count_by"
    with pytest.raises(ParameterError, match="group_by='journal'.*outlet"):
        check_column(NO_TEXT, "group_by", "journal")


@pytest.mark.parametrize(
    "call",
    [
        lambda a: terms.top_terms(terms.count_terms(a), group_by="nope"),
        lambda a: rhetoric.rates(rhetoric.hedges(a), a, group_by="nope"),
        lambda a: sentiment.summarize(sentiment.score_sentences(a), a, group_by="nope"),
        lambda a: terms.term_trends(a, "war", group_by="nope"),
    ],
    ids=["top_terms", "rhetoric.rates", "sentiment.summarize", "term_trends"],
)
def test_group_by_is_checked_the_same_way_everywhere(call):
    arts = NO_TEXT.assign(text="The war may end.", published=pd.Timestamp("2024-04-14", tz="UTC"))
    with pytest.raises(ParameterError) as err:
        call(arts)
    assert err.value.name == "group_by" and err.value.value == "nope"
