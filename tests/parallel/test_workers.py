"""kit.parallel.workers: one jobs setting, and workers that start from every place researchers call kit."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from kit.errors import ParameterError
from kit.parallel import map_chunks, resolve_jobs, start_method, worker_pool

# Starts two workers, has them report their process ids, and prints how many differ from ours.
_WORK = (
    "import os\n"
    "from kit.parallel import worker_pool\n"
    "pool = worker_pool(2)\n"
    "pids = {pool.submit(os.getpid).result(60) for _ in range(8)}\n"
    "pool.shutdown()\n"
    "print(len(pids - {os.getpid()}))\n"
)


def test_jobs_argument_then_environment_then_every_core(monkeypatch):
    monkeypatch.delenv("KIT_JOBS", raising=False)
    assert resolve_jobs() == (os.cpu_count() or 1)
    monkeypatch.setenv("KIT_JOBS", "3")
    assert resolve_jobs() == 3 and resolve_jobs(0) == 3
    assert resolve_jobs(5) == 5


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_a_bad_kit_jobs_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("KIT_JOBS", value)
    with pytest.raises(ParameterError, match="KIT_JOBS"):
        resolve_jobs()


@pytest.mark.parametrize("value", [-2, 1.5, "x", True])
def test_a_bad_jobs_argument_names_it(value):
    with pytest.raises(ParameterError, match="jobs"):
        resolve_jobs(value)


def test_one_job_means_no_pool():
    assert worker_pool(1) is None


def test_workers_start_under_pytest():
    pool = worker_pool(2)
    assert pool is not None, start_method()
    with pool:
        pids = {pool.submit(os.getpid).result(60) for _ in range(8)}
    assert pids and os.getpid() not in pids


def test_map_chunks_keeps_the_order_in_workers_and_in_this_process():
    items = [f"w{i}" for i in range(23)]
    kwargs = dict(chunk_size=4, desc="test", progress=False)
    in_workers = map_chunks(_pid_and_upper, items, "!", parallel=True, jobs=2, **kwargs)
    here = map_chunks(_pid_and_upper, items, "!", parallel=False, jobs=2, **kwargs)
    expected = [w.upper() + "!" for w in items]
    assert [w for _, w in in_workers] == [w for _, w in here] == expected
    assert {pid for pid, _ in here} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in in_workers}


def _pid_and_upper(chunk: list[str], suffix: str) -> list[tuple[int, str]]:
    return [(os.getpid(), w.upper() + suffix) for w in chunk]


def _run(args, tmp_path, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path, **kwargs)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_workers_start_from_a_script_without_a_main_guard(tmp_path):
    script = tmp_path / "work.py"
    script.write_text(_WORK, encoding="utf-8")
    assert _run([sys.executable, str(script)], tmp_path).stdout.strip() in {"1", "2"}


def test_workers_start_from_standard_input(tmp_path):
    done = _run([sys.executable, "-"], tmp_path, input=_WORK)
    assert done.stdout.strip() in {"1", "2"}


def test_a_threaded_unguarded_script_stays_in_one_process_and_says_so(tmp_path):
    script = tmp_path / "threaded.py"
    script.write_text(
        "import threading, time, warnings\n"
        "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
        "from kit.parallel import worker_pool\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    pool = worker_pool(2)\n"
        "print(pool is None, any('one process' in str(w.message) for w in caught))\n",
        encoding="utf-8",
    )
    assert _run([sys.executable, str(script)], tmp_path).stdout.split() == ["True", "True"]


def test_workers_start_from_a_notebook_kernel(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(_WORK)]
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = nb.cells[0].outputs
    assert [o.get("text", "").strip() for o in outputs if o.output_type == "stream"][-1] in {
        "1",
        "2",
    }
