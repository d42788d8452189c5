"""kit.save_table: both formats written whole, and no local path carried into a shared run."""

from __future__ import annotations

import pandas as pd

from kit.parallel import pandas_strings
from kit.runs.outputs import save_table


def test_tables_keep_their_attrs_but_not_the_corpus_path(tmp_path):
    table = pd.DataFrame({"term": ["iran", "israel"], "n": [3, 2]})
    table.attrs = {"source_path": str(tmp_path / "articles.parquet"), "time_unit": "day"}
    paths = save_table(table, "terms_counts", tmp_path)
    back = pd.read_parquet(paths["parquet"])
    pd.testing.assert_frame_equal(back, table)
    assert back.attrs == {"time_unit": "day"}
    assert str(tmp_path) not in paths["parquet"].read_bytes().decode("latin-1")
    assert table.attrs["source_path"]  # the caller's table is left as it was
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "terms_counts.csv",
        "terms_counts.parquet",
    ]


def _evidence(n: int = 7) -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(n)], "sent_id": range(n), "score": [0.5] * n}
    )


def test_a_dask_table_is_a_parquet_dataset_in_partition_order(tmp_path):
    import dask.dataframe as dd

    table = _evidence()
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "ev.csv").write_text("a stale table of an earlier run\n")
    with pandas_strings():  # as kit's Dask tables keep them
        lazy = dd.from_pandas(table, npartitions=3, sort=False)
    paths = save_table(lazy, "ev", tmp_path)
    assert sorted(paths) == ["parquet"] and paths["parquet"].is_dir()
    assert len(list(paths["parquet"].glob("*.parquet"))) == 3
    assert not (tmp_path / "tables" / "ev.csv").exists()  # no stale CSV beside the dataset
    pd.testing.assert_frame_equal(pd.read_parquet(paths["parquet"]), table)
    # a pandas table of the same name replaces the dataset with the two files
    paths = save_table(table.head(2), "ev", tmp_path)
    assert paths["parquet"].is_file() and len(pd.read_csv(paths["csv"])) == 2


def test_an_interrupted_dask_write_leaves_the_previous_table(tmp_path):
    import dask.dataframe as dd
    import pytest

    save_table(_evidence(), "ev", tmp_path)

    def broken(part):
        if part["sent_id"].iloc[0] > 2:
            raise RuntimeError("the cluster went away")
        return part

    with pandas_strings():
        table = dd.from_pandas(_evidence(), npartitions=3, sort=False).map_partitions(broken)
    with pytest.raises(RuntimeError, match="went away"):
        save_table(table, "ev", tmp_path)
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["ev.csv", "ev.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "tables" / "ev.parquet"), _evidence())
