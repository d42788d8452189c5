"""Cleaning records in worker processes (kit.corpus.rows): workers die with their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT

SCRIPT = """
import sys, time
from kit.corpus.rows import RowBuilder
builder = RowBuilder(lambda rel, result: None, jobs=2)
for n in range(300):
    builder.add({"text": "A short article body."}, "json", "a.json", n + 1)
while builder.pool is None or len(builder.pool._processes) < 2:
    time.sleep(0.05)
print(*builder.pool._processes, flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state  # a zombie has exited


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_do_not_outlive_an_ingest_killed_with_sigkill():
    parent = subprocess.Popen(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []


def test_results_come_in_reading_order_while_workers_run():
    from kit.corpus.rows import _BATCH, _IN_FLIGHT, RowBuilder

    delivered, waiting = [], []
    builder = RowBuilder(lambda rel, result: delivered.append((rel, result)), jobs=2)
    n = _BATCH * _IN_FLIGHT * 2 * 3  # more batches than may wait at once
    for position in range(1, n + 1):
        builder.add({"text": f"Article number {position} of the test."}, "json", "a.json", position)
        waiting.append(len(builder.futures))
    assert max(waiting) <= _IN_FLIGHT * builder.jobs + 1
    assert delivered  # results arrive before the end of the input
    builder.finish()
    assert [result[0]["record"] for _, result in delivered] == list(range(1, n + 1))
    assert [result[0]["text"] for _, result in delivered][:2] == [
        b"Article number 1 of the test.",  # texts come from the workers as UTF-8
        b"Article number 2 of the test.",
    ]


def test_a_batch_of_records_gives_the_rows_of_one_at_a_time():
    import numpy as np

    from kit.corpus.rows import _make_rows, make_row

    items = [
        {"title": "Iran strikes back", "text": "Short."},
        # warnings of the date, the uncertain language and the text, in that order
        {"title": "Iran strikes back", "text": "x" * 60, "published": "not a date"},
        {"text": "The ministry said the strikes would continue until the talks resume."},
        {"text": "Le ministère a déclaré que les frappes continueraient.", "language": "fr"},
        {"title": "Only a title"},
        {"text": "Drones " * 40, "published": "2024-04-14"},
    ]
    batch = [(item, "json", "a.json", n) for n, item in enumerate(items, 1)]
    one_by_one = [make_row(dict(item), fmt, rel, n) for item, fmt, rel, n in batch]
    together = _make_rows([(dict(item), fmt, rel, n) for item, fmt, rel, n in batch])
    assert "low confidence" in one_by_one[1][3][1][1] and len(one_by_one[1][3]) == 3
    for a, b in zip(one_by_one, together):
        if b[0] is not None:  # a batch's texts travel to the main process as UTF-8
            b[0]["text"] = b[0]["text"].decode("utf-8")
        assert a[0] == b[0] and a[2] == b[2] and a[3] == b[3]
        assert (a[1] is None) == (b[1] is None)
        assert a[1] is None or (a[1][0] == b[1][0] and np.array_equal(a[1][1], b[1][1]))


def test_text_passed_by_the_byte_check_is_never_suspicious():
    import random

    from kit.corpus.rows import _plainly_text, suspicious

    rng = random.Random(3)
    pieces = ["a", "b", "c", "Iran", "1", "42", "?", "#", " ", "\n", "\u00a0", "\u201c", "\u00e9"]
    passed = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        if _plainly_text(text):
            passed += 1
            assert suspicious(text) is None, repr(text)
    assert passed > 1_000
