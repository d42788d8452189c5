"""Where the work runs: in this process on pandas, or on a Dask cluster.

One code path from a laptop to a cluster: a measure that can run partition by partition is a
function over one pandas partition of the articles table plus an associative ``combine`` (sparse
count matrices summed, per-group sums and counts, evidence rows concatenated).
:func:`run_partitions` calls that function once on a pandas table, or on every partition of a
Dask DataFrame on the active cluster, and combines the results; no measure is written twice.

The cluster is the ``scheduler`` of :func:`connect`: an address (``tcp://host:8786``, what
``dask scheduler`` prints, or a dask-jobqueue / dask-gateway cluster's address), ``"local"`` for a
``LocalCluster`` of :func:`kit.parallel.resolve_jobs` worker processes on this machine, or the
environment variable ``KIT_SCHEDULER`` (``kit run --scheduler`` sets it for every notebook).
Without one, Dask DataFrames are computed in this process and pandas tables stay pandas.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ParamSpec, TypeVar

from kit.errors import KitError
from kit.parallel.workers import resolve_jobs

P = ParamSpec("P")
R = TypeVar("R")
SCHEDULER_ENV = "KIT_SCHEDULER"
#: Articles per partition when :func:`partitions` splits a pandas table for a cluster.
PARTITION_ROWS = 5_000
PARTITION_ROWS_ENV = "KIT_PARTITION_ROWS"
#: Partition results :func:`run_partitions` combines at once (a tree of combines above it).
COMBINE_FAN_IN = 16
_CONNECT_TIMEOUT = "20s"
_clients: dict[str, Any] = {}


class SchedulerError(KitError):
    """The Dask scheduler cannot be reached, or was lost during the work."""

    def __init__(self, scheduler: str, problem: str):
        self.scheduler = scheduler
        super().__init__(
            f"the Dask scheduler {scheduler!r} {problem}. Start one with `dask scheduler` and "
            "`dask worker ADDRESS`, give its address (tcp://HOST:PORT), or use `local` for a "
            "cluster on this machine."
        )


def is_dask(table: object) -> bool:
    """Whether ``table`` is a Dask DataFrame or Series (without importing Dask).

    Examples
    --------
    >>> import pandas as pd
    >>> is_dask(pd.DataFrame())
    False
    """
    return type(table).__module__.split(".")[0] == "dask"


def table_schema(table):
    """The columns and dtypes of ``table`` without computing it: a Dask table's empty ``_meta``,
    a pandas table itself (for checks of columns such as :func:`kit.validate.require_columns`).

    Examples
    --------
    >>> import pandas as pd
    >>> list(table_schema(pd.DataFrame({"a": [1]})))
    ['a']
    """
    return table._meta if is_dask(table) else table


@contextlib.contextmanager
def pandas_strings() -> Iterator[None]:
    """Keep pandas' string dtypes in the Dask tables made inside (no pyarrow conversion).

    Dask converts string columns to pyarrow strings by default, which changes dtypes (and
    results); kit's tables keep the dtypes of the pandas engine.
    """
    import dask

    with dask.config.set({"dataframe.convert-string": False}):
        yield


def on_worker() -> bool:
    """Whether this code runs in a task on a dask.distributed worker.

    Such a process starts no pool of its own (Dask's workers are the parallelism, and their
    processes may not have children).

    Examples
    --------
    >>> on_worker()
    False
    """
    if "distributed" not in sys.modules:
        return False
    from distributed import get_worker

    try:
        get_worker()
    except ValueError:
        return False
    return True


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Start worker processes without running a plain script's main module again.

    Dask's nannies spawn their workers, and a spawned process runs the file of ``__main__``
    (a script without an ``if __name__ == "__main__":`` guard would start the cluster again;
    ``python -`` has no file to run). Without ``__main__.__file__`` while they start, the
    workers import only what their tasks need.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if path is None or getattr(main, "__spec__", None) is not None:  # e.g. python -m, kernels
        yield
        return
    del main.__file__  # type: ignore[union-attr]
    try:
        yield
    finally:
        main.__file__ = path  # type: ignore[union-attr]


def connect(scheduler: str | None = None):
    """Return a ``dask.distributed.Client`` for ``scheduler`` (None: ``KIT_SCHEDULER``).

    Parameters
    ----------
    scheduler : str, optional
        ``"local"`` (a LocalCluster of worker processes sized by :func:`resolve_jobs`), or a
        scheduler address. Empty or None reads ``KIT_SCHEDULER``; unset there too: None.

    Returns
    -------
    distributed.Client or None
        One client per scheduler and process, reused by later calls.

    Raises
    ------
    SchedulerError
        When the scheduler cannot be reached.
    """
    scheduler = (scheduler or os.environ.get(SCHEDULER_ENV, "")).strip()
    if not scheduler:
        return None
    client = _clients.get(scheduler)
    if client is not None and client.status == "running":
        return client
    from distributed import Client, LocalCluster

    try:
        if scheduler == "local":
            jobs = resolve_jobs()
            with _main_not_rerun():
                cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(scheduler, f"cannot be reached ({exc})") from None
    _clients[scheduler] = client
    return client


def describe(client=None) -> dict[str, object]:
    """The engine of this process, for the run manifest: engine, scheduler and workers.

    Examples
    --------
    >>> describe(None)["engine"]
    'pandas'
    """
    client = client if client is not None else connect()
    if client is None:
        return {"engine": "pandas", "scheduler": None, "workers": 1}
    workers = client.scheduler_info().get("workers", {})
    return {"engine": "dask", "scheduler": client.scheduler.address, "workers": len(workers)}


def partitions(table, rows: int | None = None):
    """``table`` in partitions of at most ``rows`` articles when a cluster is connected.

    So a measure written for :func:`run_partitions` runs on the cluster for a pandas table too.

    Parameters
    ----------
    table : pandas.DataFrame or dask.dataframe.DataFrame
        A Dask table is returned as it is.
    rows : int, optional
        Most rows of a partition (default: ``KIT_PARTITION_ROWS``, else :data:`PARTITION_ROWS`).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
        A Dask DataFrame of the pandas table's rows in their order (dtypes kept) when
        :func:`connect` gives a cluster and the table has more than ``rows`` rows; else
        ``table`` itself (one partition).

    Examples
    --------
    >>> import pandas as pd
    >>> partitions(pd.DataFrame({"a": [1, 2]}), rows=1).shape  # no cluster: one partition
    (2, 1)
    """
    rows = rows or int(os.environ.get(PARTITION_ROWS_ENV, "") or PARTITION_ROWS)
    if is_dask(table) or len(table) <= rows or connect() is None:
        return table
    import dask.dataframe as dd

    with pandas_strings():
        return dd.from_pandas(table, chunksize=rows, sort=False)


def run_partitions(
    table,
    func: Callable[..., Any],
    combine: Callable[[Sequence[Any]], Any],
    /,
    *args,
    **kwargs,
):
    """Apply ``func`` to every partition of ``table`` and ``combine`` the results.

    Parameters
    ----------
    table : pandas.DataFrame or dask.dataframe.DataFrame
        A pandas table is one partition.
    func : callable
        ``func(partition, *args, **kwargs)`` on a pandas partition.
    combine : callable
        Takes the list of partition results (in partition order) and gives one of the same
        kind: it must be associative, since on a Dask table the results are combined in a
        tree, at most :data:`COMBINE_FAN_IN` at a time, on the workers where they lie.

    Returns
    -------
    object
        ``combine([func(p) for p in partitions])``, computed on the cluster of :func:`connect`
        when there is one: only the last combined result comes to this process.

    Raises
    ------
    SchedulerError
        When the cluster is lost during the work.

    Examples
    --------
    >>> import pandas as pd
    >>> run_partitions(pd.DataFrame({"a": [1, 2]}), len, sum)
    2
    """
    if not is_dask(table):
        return combine([func(table, *args, **kwargs)])
    import dask

    level = [dask.delayed(func)(part, *args, **kwargs) for part in table.to_delayed()]
    while len(level) > COMBINE_FAN_IN:  # partial results combined where they lie
        level = [
            dask.delayed(combine)(level[i : i + COMBINE_FAN_IN])
            for i in range(0, len(level), COMBINE_FAN_IN)
        ]
    result = dask.delayed(combine)(level)
    client = connect()
    if client is None:
        return result.compute(scheduler="sync")
    try:
        return client.compute(result).result()
    except (OSError, TimeoutError) as exc:
        raise _lost(client, exc) from None


def _lost(client, exc: Exception) -> SchedulerError:
    return SchedulerError(client.scheduler.address, f"was lost during the work ({exc})")


def gather(table):
    """A Dask table as one pandas DataFrame (string dtypes as pandas reads them, the ``attrs``
    of :func:`evidence_of`); a pandas table as it is."""
    if not is_dask(table):
        return table
    with pandas_strings():
        out = table.compute()
    out.attrs = dict(table._meta.attrs)
    return out


def first_rows(table, n: int = 20):
    """The first ``n`` rows of a pandas or Dask table, as pandas: how a notebook shows evidence
    that may be too large to hold (of a Dask table, only the first rows of each partition are
    computed).

    Examples
    --------
    >>> import pandas as pd
    >>> len(first_rows(pd.DataFrame({"a": range(50)}), 5))
    5
    """
    if not is_dask(table):
        return table.head(n)
    return gather(table.head(n, npartitions=-1, compute=False))


def accepts_dask(measure: Callable[P, R]) -> Callable[P, R]:
    """Let a function of tables (an articles table, evidence rows) take Dask tables too.

    Measures that run partition by partition (the document-term matrix and every measure built
    on it, sentence scoring) split their work themselves; the others gather every Dask table
    they are given into pandas first (:func:`gather`), which needs those tables to fit in memory.
    """
    return _gathering(measure, texts=True)


def without_texts(measure: Callable[P, R]) -> Callable[P, R]:
    """:func:`accepts_dask` for a function that reads no article texts: every column of its
    ``articles`` table but ``text`` (kept when an argument names it) is gathered; the texts
    stay in their partitions. Other tables (evidence rows) are gathered whole."""
    return _gathering(measure, texts=False)


def by_partition(*names: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """:func:`without_texts` for a summary that reads the tables ``names`` partition by
    partition itself (:func:`run_partitions`): those stay Dask tables, the others are gathered."""

    def decorate(measure: Callable[P, R]) -> Callable[P, R]:
        return _gathering(measure, texts=False, kept=names)

    return decorate


def _gathering(measure: Callable[P, R], *, texts: bool, kept: Sequence[str] = ()) -> Callable[P, R]:
    signature = inspect.signature(measure)

    @functools.wraps(measure)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not any(is_dask(v) for v in [*args, *kwargs.values()]):
            return measure(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        named = {v for v in [*args, *kwargs.values()] if isinstance(v, str)}
        for name, value in bound.arguments.items():
            if not is_dask(value) or name in kept:
                continue
            if not texts and name == "articles" and "text" in value.columns and "text" not in named:
                value = value.drop(columns="text")
            bound.arguments[name] = gather(value)
        return measure(*bound.args, **bound.kwargs)

    return wrapper


def by_article(measure: Callable[P, R]) -> Callable[P, R]:
    """Let an evidence measure (rows that each come from one article) take a Dask table:
    :func:`evidence_of`. A pandas table is one partition, as before (other Dask tables it is
    given are gathered)."""

    @functools.wraps(measure)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if args and is_dask(args[0]):
            return evidence_of(args[0], measure, *args[1:], **kwargs)
        return measure(*map(gather, args), **{k: gather(v) for k, v in kwargs.items()})

    return wrapper


def evidence_of(table, measure: Callable[..., Any], /, *args, **kwargs):
    """The evidence rows of ``measure`` over every partition of the Dask table ``table``.

    Parameters
    ----------
    table : dask.dataframe.DataFrame
        Articles in partitions.
    measure : callable
        ``measure(partition, *args, **kwargs)``: a pandas table of rows that each come from one
        article of the partition (its ``attrs["skipped"]``: articles left out, by language).
        Another Dask table among the arguments (sentences, sentence scores) is given
        partition by partition too, its partition ``i`` with partition ``i`` of ``table``,
        when it has as many partitions, a ``doc_id`` column and only rows of the articles of
        the partition of the same number (as an evidence table of ``table``, or of a
        selection of its rows, has); otherwise it is gathered and given whole.

    Returns
    -------
    dask.dataframe.DataFrame
        One partition of rows per partition of ``table``, in its order, computed once: on the
        cluster of :func:`connect` they stay on the workers (which spill them to disk when
        memory runs short), so evidence larger than this process never gathers here; without
        one, in this process. Its ``_meta.attrs`` holds the summed ``skipped`` counts
        (:func:`gather` gives them to the pandas table). Save it with ``kit.save_table`` (a
        Parquet dataset written by the workers), show it with :func:`first_rows`, or
        :func:`gather` it.

    Raises
    ------
    SchedulerError
        When the cluster is lost during the work.
    """
    import dask.dataframe as dd

    try:
        parts, shapes = _evidence_parts(table, measure, args, kwargs, aligned=True)
    except _NotAligned:
        parts, shapes = _evidence_parts(table, measure, args, kwargs, aligned=False)
    # the dtypes of a partition with rows: an empty one's may be less specific
    meta = next((empty for empty, n, _ in shapes if n), shapes[0][0])
    meta.attrs = _skipped([skipped for _, _, skipped in shapes])
    with pandas_strings():
        return dd.from_delayed(parts, meta=meta, verify_meta=False)


class _NotAligned(Exception):
    """A partition of a table given with articles holds rows of articles of another."""


def _evidence_parts(table, measure, args, kwargs, *, aligned: bool) -> tuple[list, list]:
    """The partitions of :func:`evidence_of` (futures on a cluster) and their :func:`_shape`.

    With ``aligned``, the Dask tables among ``args`` and ``kwargs`` that may be partitioned
    like ``table`` are given partition by partition (:func:`_aligned_call` checks them);
    without, every Dask table among them is gathered and given whole.
    """
    import dask

    given = {**dict(enumerate(args)), **kwargs}  # positions and names of the arguments
    parts_of = {
        key: value.to_delayed()
        for key, value in given.items()
        if aligned
        and is_dask(value)
        and value.npartitions == table.npartitions
        and "doc_id" in value.columns
    }
    whole = {k: v if k in parts_of else gather(v) for k, v in given.items()}
    tasks = []
    for n, part in enumerate(table.to_delayed()):
        values = {k: parts_of[k][n] if k in parts_of else v for k, v in whole.items()}
        tasks.append(
            dask.delayed(_aligned_call)(
                measure,
                list(parts_of),
                part,
                *[values[i] for i in range(len(args))],
                **{name: values[name] for name in kwargs},
            )
        )
    client = connect()
    if client is None:
        computed = dask.compute(*tasks, scheduler="sync")
        return [dask.delayed(part, pure=False) for part in computed], [
            _shape(part) for part in computed
        ]
    try:
        futures = client.compute(tasks)
        try:
            return futures, client.gather(client.map(_shape, futures))
        except _NotAligned:
            client.cancel(futures)
            raise
    except (OSError, TimeoutError) as exc:
        raise _lost(client, exc) from None


def _aligned_call(measure, checked: list, part, *args, **kwargs):
    """``measure(part, *args, **kwargs)``, once the arguments ``checked`` (positions in
    ``args``, names in ``kwargs``) hold rows of the articles of ``part`` only."""
    if checked:
        ids = set(part["doc_id"])
        for key in checked:
            extra = args[key] if isinstance(key, int) else kwargs[key]
            if not set(extra["doc_id"].unique()) <= ids:
                raise _NotAligned
    return measure(part, *args, **kwargs)


def _shape(part) -> tuple[Any, int, dict | None]:
    """A partition's evidence without its rows, its number of rows and its skipped counts."""
    return part.iloc[:0], len(part), part.attrs.get("skipped")


def _skipped(counts: Sequence[dict | None]) -> dict:
    """``{"skipped": summed counts by language}`` when a part reported any, else ``{}``."""
    if all(c is None for c in counts):
        return {}
    skipped: dict = {}
    for part in counts:
        for language, n in (part or {}).items():
            skipped[language] = skipped.get(language, 0) + n
    return {"skipped": skipped}


def summed(parts: Sequence[Any]) -> Any:
    """Partial sums or counts indexed by key (Series or DataFrames), added up key by key in
    order of first appearance: the associative combine of counts for :func:`run_partitions`."""
    import pandas as pd

    out = pd.concat(parts)
    return out.groupby(level=list(range(out.index.nlevels)), sort=False).sum()


def concat_evidence(parts: Sequence[Any]) -> Any:
    """Evidence tables of partitions as one table, their ``attrs["skipped"]`` counts summed.

    An empty partition adds no rows (nor its dtypes, which may be less specific).
    """
    import pandas as pd

    parts = list(parts)
    out = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    out.attrs = _skipped([p.attrs.get("skipped") for p in parts])
    return out
