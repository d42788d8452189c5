"""Save tables and figures under a run's output folder.

Tables go to ``<output_dir>/tables/<name>.csv`` and ``.parquet`` (a Dask table: a Parquet
dataset folder ``<name>.parquet/``); figures to
``<output_dir>/figures/<name>.png`` and ``.svg``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kit import config
from kit.corpus.atomic import Staged, write_atomically
from kit.parallel import is_dask


def save_table(table, name: str, output_dir: str | Path) -> dict[str, Path]:
    """Write ``table`` as CSV and Parquet (each atomically); return the paths written.

    The table's ``attrs`` go into the Parquet metadata, except ``source_path`` (the local file
    a corpus was loaded from), so a shared run folder holds no local path.

    A Dask table (evidence of a corpus too large to hold, :func:`kit.parallel.evidence_of`) is
    written by the workers where its partitions lie, as a Parquet dataset: a folder
    ``<name>.parquet/`` of part files in partition order (``pandas.read_parquet`` reads it whole,
    ``dask.dataframe.read_parquet`` in partitions), swapped in whole; no CSV is written for it
    (one left by an earlier run is removed, so no stale table stays beside it).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> paths = save_table(pd.DataFrame({"a": [1]}), "demo", tempfile.mkdtemp())
    >>> sorted(paths)
    ['csv', 'parquet']
    """
    folder = Path(output_dir) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"csv": folder / f"{name}.csv", "parquet": folder / f"{name}.parquet"}
    if is_dask(table):
        with Staged() as staged:
            staged.write(
                paths["parquet"],
                lambda tmp: table.to_parquet(tmp, write_index=False, write_metadata_file=False),
                folder=True,
            )
        paths["csv"].unlink(missing_ok=True)
        return {"parquet": paths["parquet"]}
    table = table.copy(deep=False)
    table.attrs = {k: v for k, v in table.attrs.items() if k != "source_path"}
    if paths["parquet"].is_dir():  # a dataset of an earlier run on Dask
        shutil.rmtree(paths["parquet"])
    write_atomically(paths["csv"], lambda tmp: table.to_csv(tmp, index=False))
    write_atomically(paths["parquet"], lambda tmp: table.to_parquet(tmp, index=False))
    return paths


#: Resolution of the PNG figures (the report shows them at their size in inches).
FIGURE_DPI = 150


def save_figure(fig, name: str, output_dir: str | Path) -> dict[str, Path]:
    """Write a matplotlib figure as PNG (:data:`FIGURE_DPI`) and SVG; return the paths
    written."""
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"png": folder / f"{name}.png", "svg": folder / f"{name}.svg"}
    fig.savefig(paths["png"], dpi=FIGURE_DPI, bbox_inches="tight")
    fig.savefig(paths["svg"], bbox_inches="tight", metadata={"Date": None})
    return paths


def resolve_output_dir(output_dir: str | Path | None) -> Path:
    """Return the folder a notebook writes to, created if needed.

    ``""``/None (interactive use in JupyterLab) means ``outputs/lab/``; ``kit run`` passes its
    run folder.
    """
    folder = Path(output_dir) if output_dir else config.OUTPUTS_DIR / "lab"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
