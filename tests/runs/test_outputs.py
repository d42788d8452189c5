"""kit.save_table: both formats written whole, and no local path carried into a shared run."""

from __future__ import annotations

import pandas as pd

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
