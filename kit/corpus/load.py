"""The processed corpus: load the articles table and select the articles an analysis runs on.

Notebooks call :func:`open_corpus` in their first code cell, so bad parameters stop the run
there with a :class:`kit.errors.ParameterError` naming the parameter.

Engines
-------
The table is a Parquet file or a Parquet dataset (a folder of part files, read in the natural
order of their names: ``part.2`` before ``part.10``; :func:`kit.corpus.ingest` writes a table of
more than ``KIT_PARTITION_ROWS`` articles as ``part-00000.parquet``, ...). ``engine="pandas"`` reads it whole into a
``pandas.DataFrame``; ``engine="dask"`` gives a ``dask.dataframe.DataFrame`` of the same schema
and ``doc_id`` order, one partition per row group of every part file, for corpora larger than
memory; ``engine="auto"`` (the default) is the engine named by ``KIT_ENGINE`` when that is set
(``pandas`` or ``dask``: so a whole ``kit run`` can be made to use one), else Dask when the table
takes more than :data:`DASK_MIN_BYTES` on disk, and pandas otherwise (the bundled corpus is
pandas). With a
cluster set (``KIT_SCHEDULER``, see :func:`kit.parallel.connect`), a pandas table stays pandas:
the measures split it into partitions for the cluster themselves (:func:`kit.parallel.partitions`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from kit import config
from kit.errors import IngestError, KitError, ParameterError
from kit.parallel import is_dask, pandas_strings
from kit.validate import check_choice, validate_articles

#: The engines of :func:`load_articles`.
ENGINES = ("auto", "pandas", "dask")
#: ``engine="auto"`` reads a table larger than this on disk (2 GB) with Dask.
DASK_MIN_BYTES = 2 * 1024**3
#: The environment variable that chooses the engine of ``engine="auto"``.
ENGINE_ENV = "KIT_ENGINE"


def _natural(path: Path) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path.name)]


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of a table: the file itself, or the part files of a dataset folder.

    Raises
    ------
    IngestError
        When the folder holds no ``.parquet`` file.
    """
    path = Path(path)
    if not path.is_dir():
        return [path]
    files = sorted((f for f in path.glob("*.parquet") if f.is_file()), key=_natural)
    if not files:
        raise IngestError(path, "this folder holds no .parquet part file of an articles table")
    return files


def choose_engine(path: str | Path, engine: str = "auto") -> str:
    """``"pandas"`` or ``"dask"``: the engine :func:`load_articles` reads ``path`` with.

    Raises
    ------
    ParameterError
        For an engine not in :data:`ENGINES`.

    Examples
    --------
    >>> choose_engine("corpus/processed/articles.parquet", "pandas")
    'pandas'
    """
    check_choice("engine", engine, ENGINES)
    if engine == "auto":
        engine = os.environ.get(ENGINE_ENV, "").strip() or "auto"
        check_choice(ENGINE_ENV, engine, ENGINES)
    if engine != "auto":
        return engine
    size = sum(f.stat().st_size for f in parquet_files(path) if f.exists())
    return "dask" if size > DASK_MIN_BYTES else "pandas"


def load_articles(path: str | Path | None = None, *, engine: str = "auto"):
    """Read a processed articles table (default: ``corpus/processed/articles.parquet``).

    Parameters
    ----------
    path : str or Path, optional
        A Parquet file, or a folder of Parquet part files (a dataset).
    engine : {"auto", "pandas", "dask"}
        See the module's documentation.

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        The validated articles table. A Dask table's schema is checked at once, each
        partition's rows when it is computed.

    Raises
    ------
    ParameterError
        For a bad ``engine``.
    IngestError
        When the file does not exist (run ``kit ingest`` first) or is not Parquet.
    SchemaError
        When it does not follow the data model.
    """
    check_choice("engine", engine, ENGINES)
    path = Path(path) if path else config.ARTICLES_PATH
    if not path.exists():
        raise IngestError(
            path,
            "no articles table here; run `kit ingest` (or `make run`) to build it from corpus/raw",
        )
    files = parquet_files(path)
    try:
        if choose_engine(path, engine) == "dask":
            return _read_dask(files)
        tables = [pd.read_parquet(f) for f in files]
    except KitError:
        raise
    except Exception as exc:  # pyarrow's errors are technical; say what the file should be
        raise IngestError(path, f"cannot be read as a Parquet articles table ({exc})") from None
    table = validate_articles(
        tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)
    )
    table.attrs["source_path"] = str(path.resolve())  # where kit.text.text_layer caches
    return table


def _read_dask(files: list[Path]):
    import dask.dataframe as dd

    with pandas_strings():
        frame = dd.read_parquet([str(f) for f in files], split_row_groups=True)
        validate_articles(frame._meta)
        return frame.map_partitions(validate_articles, meta=frame._meta)


def _as_list(name, value) -> list[str] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ParameterError(name, value, "a string, a list of strings, or None")


def _as_timestamp(name, value, *, end=False) -> pd.Timestamp | None:
    if value in (None, ""):
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ParameterError(name, value, "a date such as '2024-04-14', or None") from None
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if end and ts == ts.normalize() and len(str(value)) <= 10:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")  # a bare end date includes its day
    return ts


def select_articles(
    articles,
    *,
    date_from=None,
    date_to=None,
    outlets=None,
    languages=None,
    include_duplicates: bool = False,
):
    """Return the articles inside a date window, from given outlets and languages.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        An articles table (a Dask table is filtered partition by partition, lazily).
    date_from, date_to : str, optional
        Inclusive bounds ('2024-04-01'); a bare ``date_to`` includes that whole day. Articles
        without a date are kept only when no bound is given.
    outlets, languages : str or list of str, optional
        Keep only these outlets / ISO 639-1 languages.
    include_duplicates : bool
        Keep exact and near-duplicate copies (rows with ``duplicate_of`` set).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        The selected rows, in their original order (a table of the engine of ``articles``).

    Raises
    ------
    ParameterError
        For an unparseable date, an outlet or language not in the corpus, or a selection that
        leaves no article (for a Dask table, one pass over the filtered columns says so).

    Examples
    --------
    >>> from kit.validate import coerce_articles
    >>> arts = coerce_articles(pd.DataFrame({
    ...     "doc_id": ["a", "b"], "outlet": ["MENAFN", "Tehran Times"], "text": ["x", "y"],
    ...     "published": ["2024-04-14", "2024-04-16"], "n_words": 1, "record": 1}))
    >>> select_articles(arts, outlets="MENAFN")["doc_id"].tolist()
    ['a']
    >>> select_articles(arts, date_to="2024-04-14")["doc_id"].tolist()
    ['a']
    """
    start = _as_timestamp("date_from", date_from)
    stop = _as_timestamp("date_to", date_to, end=True)
    if start is not None and stop is not None and start > stop:
        raise ParameterError("date_from", date_from, f"a date on or before date_to={date_to!r}")
    wanted = {
        column: values
        for name, column, value in (
            ("outlets", "outlet", outlets),
            ("languages", "language", languages),
        )
        if (values := _as_list(name, value)) is not None
    }
    args = (start, stop, wanted, include_duplicates)
    if is_dask(articles):
        import dask

        selected = articles.map_partitions(_select, *args, meta=articles._meta)
        known_lazy = {c: articles[c].dropna().unique() for c in wanted}
        n_all, n_selected, known = dask.compute(articles.shape[0], selected.shape[0], known_lazy)
        known = {c: values.tolist() for c, values in known.items()}
    else:
        selected = _select(articles, *args)
        n_all, n_selected = len(articles), len(selected)
        known = {c: articles[c].dropna().unique().tolist() for c in wanted}
    for name, column in (("outlets", "outlet"), ("languages", "language")):
        if column in wanted:
            unknown = [w for w in wanted[column] if w not in known[column]]
            if unknown:
                present = sorted(known[column])
                raise ParameterError(name, unknown, f"values present in the corpus: {present}")
    if n_selected == 0:
        first, last = articles["published"].min(), articles["published"].max()
        if is_dask(articles):
            first, last = dask.compute(first, last)
        raise ParameterError(
            "date_from/date_to/outlets/languages",
            {
                "date_from": date_from,
                "date_to": date_to,
                "outlets": outlets,
                "languages": languages,
            },
            f"a selection that keeps at least one of the {n_all} articles "
            f"(published {first} to {last})",
        )
    return selected


def _select(
    articles: pd.DataFrame,
    start: pd.Timestamp | None,
    stop: pd.Timestamp | None,
    wanted: dict[str, list[str]],
    include_duplicates: bool,
) -> pd.DataFrame:
    """The rows of one (pandas) partition that :func:`select_articles` keeps."""
    keep = pd.Series(True, index=articles.index)
    if not include_duplicates:
        keep &= articles["duplicate_of"].isna()
    if start is not None:
        keep &= articles["published"].ge(start).fillna(False).astype(bool)
    if stop is not None:
        keep &= articles["published"].le(stop).fillna(False).astype(bool)
    for column, values in wanted.items():
        keep &= articles[column].isin(values).fillna(False).astype(bool)
    return articles[keep]


def open_corpus(corpus: str | Path | None = None, *, engine: str = "auto", **filters):
    """Load a processed corpus and select articles in one call (for notebooks).

    Parameters
    ----------
    corpus : str or Path, optional
        Path of an ``articles.parquet`` (or a folder of Parquet part files); the project's
        processed corpus when None or "".
    engine : {"auto", "pandas", "dask"}
        The engine of :func:`load_articles`.
    **filters
        Passed to :func:`select_articles`.

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        The selected articles (see :func:`select_articles`).

    Raises
    ------
    ParameterError
        When the corpus does not exist, or the engine or a filter is bad.
    """
    check_choice("engine", engine, ENGINES)
    path = Path(corpus) if corpus else config.ARTICLES_PATH
    if not path.exists():
        raise ParameterError(
            "corpus", str(path), "the path of an articles.parquet written by `kit ingest`"
        )
    return select_articles(load_articles(path, engine=engine), **filters)
