"""Mutated samples of every reader's format (issue 16): reading never raises out of
``read_articles``, never loses a file silently, and stays fast.

A small campaign that runs with the suite (a few examples per reader); raise ``max_examples``
for a larger one.
"""

from __future__ import annotations

import csv
import json
import tempfile
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.corpus import read_articles
from tests.corpus.readers.synth_exports import (
    make_articles,
    write_factiva_html,
    write_feed,
    write_lexisnexis_txt,
    write_nexis_docx,
    write_nexis_html,
    write_webpage,
)
from tests.helpers import SEED

_ARTICLES = make_articles(3, seed=7)


def _sample(name: str, folder: Path) -> Path:
    """Write a valid sample of one format; return its path."""
    if name == "menafn":
        return Path(SEED)
    if name == "plaintext":
        path = folder / "a.txt"
        path.write_text("---\ntitle: Strikes\ndate: 2024-04-14\n---\nDrones hit the port.\n")
        return path
    if name == "json":
        path = folder / "a.json"
        path.write_text(json.dumps([{"title": a.title, "text": a.text} for a in _ARTICLES]))
        return path
    if name == "csv":
        path = folder / "a.csv"
        with open(path, "w", newline="") as fh:
            table = csv.writer(fh)
            table.writerow(["title", "text", "date"])
            table.writerows([a.title, a.text, a.published.isoformat()] for a in _ARTICLES)
        return path
    writers = {
        "lexisnexis_txt": (write_lexisnexis_txt, "a.txt"),
        "nexis_html": (write_nexis_html, "a.html"),
        "factiva_html": (write_factiva_html, "b.html"),
        "nexis_docx": (write_nexis_docx, "a.docx"),
        "rss": (write_feed, "a.rss"),
    }
    if name == "webpage":
        return write_webpage(folder / "page.html", _ARTICLES[0])
    writer, file_name = writers[name]
    return writer(folder / file_name, _ARTICLES)


FORMATS = [
    "menafn",
    "plaintext",
    "json",
    "csv",
    "lexisnexis_txt",
    "nexis_html",
    "factiva_html",
    "nexis_docx",
    "rss",
    "webpage",
]

# a mutation: (position as a fraction of the file, bytes removed there, bytes put in their place)
MUTATIONS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.integers(0, 64),
        st.binary(max_size=16)
        | st.sampled_from(
            [b"\x00", b"\xff\xfe", b"\xe9", b"<", b"}", b"---\n", b"&a", b'"\\ud800"', b"\r"]
        ),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(data: bytes, mutations) -> bytes:
    for where, cut, put in mutations:
        at = int(where * len(data))
        data = data[:at] + put + data[at + cut :]
    return data


@pytest.mark.parametrize("name", FORMATS)
@settings(
    max_examples=5,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations=MUTATIONS)
def test_mutated_samples_are_read_or_reported(name, mutations):
    with tempfile.TemporaryDirectory() as folder:
        sample = _sample(name, Path(folder))
        path = Path(folder) / f"mutant{sample.suffix}"
        path.write_bytes(_mutate(sample.read_bytes(), mutations))
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = read_articles(path, progress=False)
        assert time.perf_counter() - started < 20
    report = articles.attrs["ingest_report"]
    assert len(articles) or any(s["path"] == path.name for s in report["skipped"])
    loaded = set(articles["record"].tolist())
    skipped = {s["record"] for s in report["skipped"] if s["record"]}
    assert loaded.isdisjoint(skipped)  # a record is loaded or skipped, not both
