"""kit.corpus.load: the pandas and Dask engines read the same table and select the same rows."""

from __future__ import annotations

import dask
import pandas as pd
import pytest

import kit.corpus.load as load
from kit.corpus import load_articles, open_corpus, select_articles
from kit.errors import IngestError, ParameterError, SchemaError
from kit.parallel import is_dask
from tests.helpers import make_articles


@pytest.fixture
def articles() -> pd.DataFrame:
    arts = make_articles()
    arts.loc[4, "duplicate_of"] = "syn2"
    return arts


@pytest.fixture
def table(tmp_path, articles):
    path = tmp_path / "articles.parquet"
    articles.to_parquet(path, index=False, row_group_size=2)
    return path


@pytest.fixture
def dataset(tmp_path, articles):
    """A folder of part files whose names sort differently as text (part.10 before part.5)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(len(articles)):
        articles.iloc[[i]].to_parquet(folder / f"part.{i + 5}.parquet", index=False)
    (folder / "_SUCCESS").write_text("")  # not a part file
    return folder


def computed(frame) -> pd.DataFrame:
    return frame.compute().reset_index(drop=True)


def test_dask_engine_has_the_schema_rows_and_order_of_pandas(table, articles):
    frame = load_articles(table, engine="dask")
    pandas = load_articles(table, engine="pandas")
    assert is_dask(frame) and not is_dask(pandas)
    assert frame.npartitions == 3  # one per row group
    pd.testing.assert_series_equal(frame.dtypes, pandas.dtypes)
    pd.testing.assert_frame_equal(computed(frame), pandas)
    pd.testing.assert_frame_equal(pandas, articles.reset_index(drop=True))
    assert pandas.attrs["source_path"] == str(table.resolve())


def test_a_dataset_folder_is_read_in_the_natural_order_of_its_parts(dataset, articles):
    assert [f.name for f in load.parquet_files(dataset)][:2] == ["part.5.parquet", "part.6.parquet"]
    pandas = load_articles(dataset, engine="pandas")
    frame = load_articles(dataset, engine="dask")
    assert frame.npartitions == len(articles)
    assert pandas["doc_id"].tolist() == articles["doc_id"].tolist()
    pd.testing.assert_frame_equal(computed(frame), pandas)
    pd.testing.assert_frame_equal(pandas, articles.reset_index(drop=True))


def test_a_folder_without_part_files_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="part file"):
        load_articles(tmp_path, engine="pandas")


def test_a_dask_table_off_the_data_model_fails_at_once(tmp_path, articles):
    path = tmp_path / "bad.parquet"
    articles.drop(columns=["outlet"]).to_parquet(path, index=False)
    with pytest.raises(SchemaError, match="outlet"):
        load_articles(path, engine="dask")


def test_auto_is_dask_above_the_size_only(table, monkeypatch):
    monkeypatch.delenv("KIT_SCHEDULER", raising=False)
    assert not is_dask(load_articles(table))
    assert load.choose_engine(table) == "pandas"
    monkeypatch.setattr(load, "DASK_MIN_BYTES", table.stat().st_size - 1)
    assert is_dask(load_articles(table))
    monkeypatch.undo()
    monkeypatch.setenv("KIT_SCHEDULER", "tcp://127.0.0.1:1")  # a cluster: measures split pandas
    assert load.choose_engine(table) == "pandas"
    assert load.choose_engine(table, "dask") == "dask"
    assert load.choose_engine(table, "pandas") == "pandas"


def test_kit_engine_chooses_the_engine_of_auto_only(table, monkeypatch):
    monkeypatch.setenv("KIT_ENGINE", "dask")
    assert is_dask(open_corpus(table)) and load.choose_engine(table) == "dask"
    assert not is_dask(load_articles(table, engine="pandas"))  # an engine given wins
    monkeypatch.setenv("KIT_ENGINE", "spark")
    with pytest.raises(ParameterError, match="KIT_ENGINE='spark'.*pandas"):
        load_articles(table)


@pytest.mark.parametrize("engine", ["spark", "", None])
def test_a_bad_engine_is_a_parameter_error(table, engine):
    for call in (load_articles, open_corpus):
        with pytest.raises(ParameterError, match="engine"):
            call(table, engine=engine)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"include_duplicates": True},
        {"outlets": "The Guardian"},
        {"outlets": ["MENAFN", "Tehran Times"], "languages": "en"},
        {"date_from": "2024-04-15", "date_to": "2024-04-16"},
        {"date_to": "2024-04-15", "include_duplicates": True},
    ],
)
def test_filters_select_the_same_rows_on_both_engines(table, filters):
    pandas = open_corpus(table, engine="pandas", **filters)
    frame = open_corpus(table, engine="dask", **filters)
    assert is_dask(frame)
    pd.testing.assert_frame_equal(computed(frame), pandas.reset_index(drop=True))
    assert len(pandas) == len(select_articles(load_articles(table, engine="pandas"), **filters))


def test_the_filters_count_the_expected_rows(table):
    frame = load_articles(table, engine="dask")
    assert len(computed(select_articles(frame))) == 5  # the duplicate is left out
    got = select_articles(
        frame, date_from="2024-04-15", date_to="2024-04-16", outlets="The Guardian"
    )
    assert computed(got)["doc_id"].tolist() == ["syn3"]  # syn4 is the duplicate


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"outlets": "Nowhere Times"}, "values present in the corpus"),
        ({"languages": ["en", "xx"]}, "values present in the corpus"),
        ({"date_from": "2030-01-01"}, "keeps at least one of the 6 articles"),
        ({"date_from": "2024-04-16", "date_to": "2024-04-15"}, "on or before"),
    ],
)
def test_bad_selections_fail_the_same_way_on_both_engines(table, filters, message):
    for engine in ("pandas", "dask"):
        arts = load_articles(table, engine=engine)
        with pytest.raises(ParameterError, match=message):
            select_articles(arts, **filters)


def test_string_columns_stay_pandas_strings_whatever_the_dask_setting(table):
    with dask.config.set({"dataframe.convert-string": True}):
        frame = load_articles(table, engine="dask")
        pd.testing.assert_series_equal(frame.dtypes, load_articles(table, engine="pandas").dtypes)
