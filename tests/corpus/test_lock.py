"""One ingest at a time per output (issue 16): a second ingest, or a ``kit run`` that
re-ingests, waits for the first or refuses naming the lock and the process holding it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys

import pandas as pd
import pytest

from kit.cli import main
from kit.corpus import ingest
from kit.corpus.lock import lock_path_of
from kit.errors import IngestError
from kit.runs.execute import _prepare_corpus
from tests.helpers import ROOT, SEED

# Holds the lock of argv[1] until stdin closes or argv[2] seconds passed, then, still holding
# it, writes "<argv[1]>.done"; with argv[3] == "fork", first forks a child that sleeps (as an
# ingest's worker processes would) and prints its pid.
_HOLD = """
import os, sys, select, time
from kit.corpus.lock import ingest_lock
with ingest_lock(sys.argv[1], timeout=0):
    if sys.argv[3] == "fork":
        child = os.fork()
        if child == 0:
            time.sleep(float(sys.argv[2]))
            os._exit(0)
        print(child, flush=True)
    print("held", flush=True)
    select.select([sys.stdin], [], [], float(sys.argv[2]))
    open(sys.argv[1] + ".done", "w").close()
"""


@pytest.fixture
def holder(tmp_path):
    """Start another process holding the lock of ``out``; return (process, out, child pid)."""
    out = tmp_path / "processed" / "articles.parquet"
    started, children = [], []

    def start(seconds: float = 30.0, fork: bool = False):
        proc = subprocess.Popen(
            [sys.executable, "-c", _HOLD, str(out), str(seconds), "fork" if fork else "-"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        assert proc.stdout is not None
        child = int(proc.stdout.readline()) if fork else None
        if child:
            children.append(child)
        assert proc.stdout.readline().strip() == "held"
        return proc, out, child

    yield start
    for child in children:  # first: it holds the holder's output open
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def test_a_second_ingest_refuses_naming_the_lock_and_the_holder(holder):
    proc, out, _ = holder()
    with pytest.raises(IngestError) as info:
        ingest(SEED, out=out, progress=False, lock_timeout=0.3)
    message = str(info.value)
    assert ".articles.parquet.lock" in message and f"process {proc.pid}" in message
    assert f"another ingest into {out} is running" in message and "waited 0.3 s" in message
    assert not out.exists()


def test_a_second_ingest_waits_for_the_first_to_finish(holder, monkeypatch):
    _, out, _ = holder(seconds=2.0)  # lets go after two seconds
    first_done = []
    to_parquet = pd.DataFrame.to_parquet

    def probing(self, path, *args, **kwargs):
        first_done.append(out.with_name(out.name + ".done").exists())
        return to_parquet(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", probing)
    summary = ingest(SEED, out=out, progress=False, lock_timeout=60)
    assert first_done == [True]  # the first had finished before this one wrote
    assert summary["n_articles"] == 1 and out.exists()
    assert not lock_path_of(out).exists()  # a finished ingest removes its lock file


def test_the_lock_of_a_killed_ingest_is_released_by_the_system(holder):
    proc, out, _ = holder()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert lock_path_of(out).exists()  # left behind by the crash, but not held
    assert ingest(SEED, out=out, progress=False, lock_timeout=0)["n_articles"] == 1


def test_ingest_holds_the_lock_while_it_writes(tmp_path, monkeypatch):
    out = tmp_path / "articles.parquet"
    seen = []
    to_parquet = pd.DataFrame.to_parquet

    def probing(self, path, *args, **kwargs):
        fd = os.open(lock_path_of(out), os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append("free")
        except BlockingIOError:
            seen.append("held")
        finally:
            os.close(fd)
        return to_parquet(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", probing)
    ingest(SEED, out=out, progress=False)
    assert seen == ["held"]


def test_a_killed_ingest_s_forked_workers_do_not_keep_its_lock(holder):
    proc, out, child = holder(fork=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    os.kill(child, 0)  # the orphaned child still runs (it sleeps 30 s)
    # a few seconds for the child to be scheduled past fork (where it lets go of the lock's
    # file) on a busy machine: far less than the 30 s it would hold the lock otherwise
    assert ingest(SEED, out=out, progress=False, lock_timeout=5)["n_articles"] == 1


def test_kit_run_reingesting_a_locked_corpus_refuses(holder, monkeypatch):
    monkeypatch.setattr("kit.corpus.lock.LOCK_TIMEOUT", 0.2)
    _, out, _ = holder()
    with pytest.raises(IngestError, match=r"\.articles\.parquet\.lock: another ingest"):
        _prepare_corpus({}, out, SEED.parent, ingest=True, progress=False)


def test_cli_says_one_line_and_exits_2_when_the_output_is_locked(holder, capsys, monkeypatch):
    monkeypatch.setattr("kit.corpus.lock.LOCK_TIMEOUT", 0.2)
    proc, out, _ = holder()
    assert main(["ingest", str(SEED), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"process {proc.pid}" in err


def _kit_ingest(out, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kit", "ingest", str(SEED), "--out", str(out), "--no-progress"]
        + list(options),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_lock_timeout_0_refuses_at_once_naming_the_output_and_the_holder(holder):
    proc, out, _ = holder()
    done = _kit_ingest(out, "--lock-timeout", "0")
    assert done.returncode == 2
    err = done.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert f"another ingest into {out} is running" in err and f"process {proc.pid}" in err
    assert "waited 0 s" in err and not out.exists()


def test_lock_timeout_waits_for_the_other_ingest_then_writes(holder):
    _, out, _ = holder(seconds=2.0)
    done = _kit_ingest(out, "--lock-timeout", "120")
    assert done.returncode == 0, done.stderr
    assert out.with_name(out.name + ".done").exists() and out.exists()


@pytest.mark.parametrize("value", ["-1", "soon", "nan"])
def test_lock_timeout_must_be_seconds_0_or_more(value, capsys):
    with pytest.raises(SystemExit) as info:
        main(["ingest", str(SEED), "--lock-timeout", value])
    assert info.value.code == 2
    assert "--lock-timeout: expected a number of seconds, 0 or more" in capsys.readouterr().err
