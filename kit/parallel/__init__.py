"""Where work runs: worker processes on this machine, or a Dask cluster.

``workers``: the one ``jobs`` setting (:func:`resolve_jobs`: argument, then ``KIT_JOBS``, then
every core), the one safe way to start worker processes (:func:`worker_pool`) and
:func:`map_chunks` (a function over chunks of items, in those workers when worth it).
``cluster``: the Dask engine (:func:`connect` to a scheduler, :func:`run_partitions`: one
partition function and an associative combine, on pandas or on a cluster; :func:`partitions`
splits a pandas table for a connected cluster; :func:`evidence_of`: evidence rows of a Dask table
as a Dask table, kept on the cluster).
"""

from kit.parallel.cluster import (
    PARTITION_ROWS,
    SCHEDULER_ENV,
    SchedulerError,
    accepts_dask,
    by_article,
    by_partition,
    concat_evidence,
    connect,
    describe,
    evidence_of,
    first_rows,
    gather,
    is_dask,
    on_worker,
    pandas_strings,
    partitions,
    run_partitions,
    summed,
    table_schema,
    without_texts,
)
from kit.parallel.workers import (
    JOBS_ENV,
    PARALLEL_MIN_ARTICLES,
    die_with_parent,
    map_chunks,
    resolve_jobs,
    set_jobs,
    start_method,
    worker_pool,
)

__all__ = [
    "JOBS_ENV",
    "PARALLEL_MIN_ARTICLES",
    "PARTITION_ROWS",
    "SCHEDULER_ENV",
    "SchedulerError",
    "accepts_dask",
    "by_article",
    "by_partition",
    "concat_evidence",
    "connect",
    "describe",
    "die_with_parent",
    "evidence_of",
    "first_rows",
    "gather",
    "is_dask",
    "map_chunks",
    "on_worker",
    "pandas_strings",
    "partitions",
    "resolve_jobs",
    "run_partitions",
    "set_jobs",
    "start_method",
    "summed",
    "table_schema",
    "without_texts",
    "worker_pool",
]
