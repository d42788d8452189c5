"""A fuzz campaign over every input format: no crash, no hang, no silent loss, bounded memory.

Run: ``nice .venv/bin/python -m bench.fuzz [--per-format N] [--jobs J] [--formats NAME ...]``

Each format's samples (the shared fixtures' exports beside the project when present, the
bundled ``corpus/raw`` files, and small samples written here for web pages, feeds, tables, text
with front matter and .docx) are mutated: byte flips, truncation, duplicated chunks, NULs, lone
surrogates and odd UTF-8 put into the text, huge fields and dates, deep nesting, entity
declarations (UTF-8, UTF-16, after 64 KiB), YAML aliases, undecodable file names, and for .docx
hostile zip members (oversized, many, zip-slip, bad names, a huge ``document.xml``) as well as
mutations of the XML inside. Each mutant is read by :func:`kit.read_articles` in a forked child
process (with its own process group, killed after ``--timeout`` seconds), whose peak resident
memory is taken from ``wait4``. A mutant is

- a **crash** when an exception leaves ``read_articles``, the child dies, or a traceback is
  printed;
- a **hang** when it takes longer than the timeout (wall clock; the CPU time is shown too, as a
  shared machine stretches the wall clock);
- a **silent loss** when the report's totals do not match the table, the file is neither
  loaded nor reported, or (for mutations that should not remove records) fewer records are
  loaded or reported than the un-mutated sample had, with no whole-file skip;
- **expanded** when an entity's replacement text reached the table.

The table gives, per format, the mutants, each kind of failure and the peak RSS (which includes
the parent's imports, inherited at fork). Failing mutants are kept in a temporary folder, named
in the list of failures.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import print_table
from kit.config import ROOT

FIXTURES = ROOT.parent / "shared" / "fixtures"
MARKER = "KITFUZZENTITYEXPANDED"
_ODD = [
    b"\x00",
    b"\x00\x00\x00\x00",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate (CESU)
    b"\xe9",
    b"\xc0\xaf",  # an overlong encoding
    b"\xf4\x90\x80\x80",  # past U+10FFFF
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\x1b[2J",
    b"\\ud800",  # a lone surrogate as a JSON escape
    b"\\udfff\\ud800",
    "\u202e\u200b\ufeff".encode(),
]


# --------------------------------------------------------------------------- samples


@dataclass
class Sample:
    """One un-mutated input: its format, file name, bytes and the articles it yields."""

    fmt: str
    name: str
    data: bytes
    count: int = 0


def _synth_samples() -> Iterator[tuple[str, str, bytes]]:
    from tests.corpus.readers.synth_exports import (
        make_articles,
        write_factiva_html,
        write_feed,
        write_lexisnexis_txt,
        write_nexis_docx,
        write_nexis_html,
        write_webpage,
    )

    articles = make_articles(6, seed=16)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for fmt, path in [
            ("factiva_html", write_factiva_html(base / "factiva.html", articles)),
            ("nexis_html", write_nexis_html(base / "nexis.html", articles)),
            ("lexisnexis_txt", write_lexisnexis_txt(base / "lexis.txt", articles)),
            ("nexis_docx", write_nexis_docx(base / "nexis.docx", articles)),
            ("rss", write_feed(base / "feed.rss", articles)),
            ("rss", write_feed(base / "feed.atom", articles, kind="atom")),
            ("webpage", write_webpage(base / "page.html", articles[0])),
        ]:
            yield fmt, path.name, path.read_bytes()
    rows = [
        {
            "title": a.title,
            "text": a.text,
            "date": a.published.isoformat(),
            "author": a.author or "",
            "outlet": a.outlet,
        }
        for a in articles
    ]
    yield "json", "articles.json", json.dumps(rows, ensure_ascii=False).encode()
    yield "jsonl", "articles.jsonl", "".join(json.dumps(r) + "\n" for r in rows).encode()
    buffer = io.StringIO()
    table = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    table.writeheader()
    table.writerows(rows)
    yield "csv", "articles.csv", buffer.getvalue().encode()
    first = articles[0]
    yield (
        "plaintext",
        "article.txt",
        (
            f"---\ntitle: {first.title}\ndate: {first.published.isoformat()}\n"
            f"author: {first.author}\nsection: World\n---\n{first.text}\n"
        ).encode(),
    )


def _file_samples() -> Iterator[tuple[str, str, bytes]]:
    for pattern in ("factiva/*", "nexis_html/*", "lexisnexis/*.*", "lexis_docx/*"):
        for path in sorted(FIXTURES.glob(pattern)):
            if path.is_file():
                yield "", path.name, path.read_bytes()
    for path in sorted((ROOT / "corpus" / "raw" / "menafn").glob("*.txt")):
        yield "", path.name, path.read_bytes()
    wikinews = ROOT / "corpus" / "raw" / "wikinews" / "wikinews_middle_east.jsonl"
    if wikinews.exists():
        yield "", "wikinews.jsonl", b"".join(wikinews.read_bytes().splitlines(True)[:20])


def load_samples(folder: Path) -> list[Sample]:
    """Every sample with its format (the reader it is read by) and its article count."""
    import kit

    samples = []
    for fmt, name, data in [*_file_samples(), *_synth_samples()]:
        path = folder / name
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = kit.read_articles(path, progress=False)
        path.unlink()
        if not len(articles):
            print(f"sample {name} yields no article; left out", file=sys.stderr)
            continue
        samples.append(Sample(fmt or str(articles["format"].iloc[0]), name, data, len(articles)))
    return samples


# --------------------------------------------------------------------------- mutations


@dataclass
class Mutant:
    """A mutated input: its bytes, file name, the mutation and whether records should survive."""

    fmt: str
    sample: Sample
    mutation: str
    data: bytes
    name: str
    keeps_records: bool
    number: int = 0


Mutation = Callable[[Sample, random.Random], tuple[bytes, bool, str]]


def _text_spots(data: bytes) -> list[int]:
    """Offsets just after a word inside running text (the article text, not the structure)."""
    spots: list[int] = []
    for word in (b" the ", b" and ", b" of "):
        start = 0
        while len(spots) < 400:
            at = data.find(word, start)
            if at < 0:
                break
            spots.append(at + len(word))
            start = at + 1
    return sorted(spots)


def _in_text(data: bytes, rng: random.Random, put: bytes) -> bytes:
    spots = _text_spots(data) or [len(data) // 2]
    at = rng.choice(spots)
    return data[:at] + put + data[at:]


def flip(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    data = bytearray(s.data)
    n = rng.randint(1, 30)
    for _ in range(n):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), False, f"{n} bytes flipped"


def truncate(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    at = rng.randrange(1, len(s.data))
    return s.data[:at], False, f"cut at byte {at}"


def duplicate(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    size = rng.randint(16, min(20_000, len(s.data)))
    start = rng.randrange(0, len(s.data) - size + 1)
    at = rng.randrange(len(s.data))
    chunk = s.data[start : start + size] * rng.choice([1, 2, 50])
    return s.data[:at] + chunk + s.data[at:], False, f"{size}-byte chunk duplicated"


def odd_text(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    data = s.data
    picks = [rng.choice(_ODD) for _ in range(rng.randint(1, 5))]
    for put in picks:
        data = _in_text(data, rng, put)
    return data, True, "odd bytes in the text: " + ", ".join(repr(p) for p in picks)


def huge_field(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    size = rng.choice([150_000, 1_000_000, 2_500_000])
    kind = rng.choice(["words", "digits", "one-word", "markup"])
    unit = {
        "words": b"strike ",
        "digits": b"1234567890",
        "one-word": b"x",
        "markup": b"<b>",
    }[kind]
    return _in_text(s.data, rng, unit * (size // len(unit))), True, f"{size:,} bytes of {kind}"


def huge_date(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    big = (b"12 April 2024 " * rng.choice([10, 1_000, 70_000]))[:1_000_000]
    data, count, most = s.data, 0, max(1, 6_000_000 // len(big))
    for pattern in (b"2024-", b"2013", b"1993", b"2024"):
        at = data.find(pattern)
        while at >= 0 and count < min(50, most):
            data = data[:at] + big + data[at:]
            count += 1
            at = data.find(pattern, at + len(big) + len(pattern))
        if count:
            break
    return data, True, f"{len(big):,}-byte date strings x{count}"


def nesting(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    depth = rng.choice([1_000, 100_000])
    opener = rng.choice([b"<div>", b"<b><i>", b"[", b'{"a":', b"- ", b"<![CDATA["])
    at = rng.choice(_text_spots(s.data) or [len(s.data) // 2])
    return s.data[:at] + opener * depth + s.data[at:], False, f"{opener!r} nested {depth}"


def _entities(kind: str) -> bytes:
    laughs = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else MARKER}">' for i in range(9)
    )
    if kind == "external":
        return b'<!DOCTYPE html [<!ENTITY l8 SYSTEM "file:///etc/passwd">]>'
    return f"<!DOCTYPE html [{laughs}]>".encode()


def entity(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    kind = rng.choice(["laughs", "external"])
    where = rng.choice(["start", "after 64 KiB", "utf-16", "utf-16 after 64 KiB"])
    declared = _entities(kind)
    body = s.data.replace(b" the ", b" &l8; ", 3)
    if "after" in where:
        declared = b"<!--" + b" " * 70_000 + b"-->" + declared
    data = declared + body
    if "utf-16" in where:
        data = data.decode("utf-8", "replace").encode("utf-16")
    return data, False, f"entity declarations ({kind}) at {where}"


def utf16(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    try:
        text = s.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return flip(s, rng)
    codec = rng.choice(["utf-16", "utf-16-le", "utf-32"])
    return text.encode(codec), codec == "utf-16", f"re-encoded as {codec}"


def yaml_alias(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    block = "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\n"
    data = s.data
    if data.startswith(b"---\n"):
        data = data[data.index(b"\n---\n", 4) + 5 :]
    return block.encode() + data, False, "YAML front matter with nested aliases"


def bad_name(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    return s.data, True, "file name not valid UTF-8"


_FRONT_MATTER = {
    "deep list": "tags: " + "[" * 20_000 + "]" * 20_000,
    "deep map": "meta: " + "{a: " * 20_000 + "b" + "}" * 20_000,
    "huge value": "author: " + "x" * 3_000_000,
    "huge int": "count: 1" + "0" * 5_000,
    "huge float": "count: 1e400",
    "surrogate": 'author: "\\ud800 Smith"\ntitle: "A \\udfff"',
    "python tag": "x: !!python/object/apply:os.system ['echo pwned']",
    "binary tag": "x: !!binary aGVsbG8=",
    "complex key": "? [a, b]\n: c\n1: one\nnull: none",
    "duplicate keys": "title: A\ntitle: B",
    "list": "- a\n- b",
    "scalar": "just words",
    "odd date": "date: 99999-99-99",
    "timestamp": "date: 2024-04-14 25:61:00",
    "merge key": "<<: {title: merged}",
    "tab": "title:\tTabbed\n\tauthor: x",
}


def front_matter(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    """A hostile YAML front matter block in a text file (the body is kept)."""
    kind = rng.choice(sorted(_FRONT_MATTER))
    data = s.data
    if data.startswith(b"---\n"):
        data = data[data.index(b"\n---\n", 4) + 5 :]
    return f"---\n{_FRONT_MATTER[kind]}\n---\n".encode() + data, True, f"front matter: {kind}"


_KEYS = [b"\\ud800", b"", b"k" * 200_000, b"text", b"a\\u0000b", b"\xe9", b"__proto__", b"0"]


def odd_key(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    """A field name (JSON key, CSV header) replaced by an odd one."""
    key = rng.choice(_KEYS)
    name = rng.choice([b"author", b"outlet", b"date", b"title"])
    quoted = b'"' + name + b'"'
    if quoted in s.data:
        data = s.data.replace(quoted, b'"' + key + b'"', rng.choice([1, 1000]))
    else:
        data = s.data.replace(name, key.replace(b"\\", b"\\\\"), 1)
    return data, True, f"field name {name.decode()!r} -> {key[:20]!r}"


GENERIC: list[Mutation] = [
    flip,
    flip,
    truncate,
    duplicate,
    odd_text,
    odd_text,
    huge_field,
    huge_date,
    nesting,
    entity,
    utf16,
    yaml_alias,
    bad_name,
]


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: Sequence[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def _document(members) -> int:
    return next(
        (i for i, (info, _) in enumerate(members) if info.filename == "word/document.xml"), -1
    )


def docx_inner(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    """A generic mutation of ``word/document.xml``, zipped again."""
    members = _members(s.data)
    at = _document(members)
    info, xml = members[at]
    inner = rng.choice([flip, truncate, duplicate, odd_text, odd_text, huge_field, nesting, entity])
    mutated, keeps, what = inner(Sample(s.fmt, "document.xml", xml, s.count), rng)
    plain = zipfile.ZipInfo("word/document.xml", info.date_time)
    plain.compress_type = zipfile.ZIP_DEFLATED
    members[at] = (plain, mutated)
    return _zip(members), keeps, f"document.xml: {what}"


def _stream_zip(members, big_name: str, chunks: Iterator[bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename != big_name:
                archive.writestr(info, data)
        with archive.open(big_name, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
    return buffer.getvalue()


_BUILT: dict[tuple[str, str], bytes] = {}


def docx_archive(s: Sample, rng: random.Random) -> tuple[bytes, bool, str]:
    """Hostile zip members: oversized, many, zip-slip, bad names, a huge document.xml."""
    kind = rng.choice(
        ["oversized", "many", "zip-slip", "absolute", "backslash", "bad bytes", "twice", "huge xml"]
    )
    if (s.name, kind) not in _BUILT:  # the large ones take seconds to build
        _BUILT[s.name, kind] = _hostile_zip(s, kind, rng)
    return _BUILT[s.name, kind], False, f"zip: {kind}"


def _hostile_zip(s: Sample, kind: str, rng: random.Random) -> bytes:
    members = _members(s.data)
    if kind == "oversized":
        zeros = b"\x00" * (1 << 20)
        data = _stream_zip(members, "word/media/big.bin", (zeros for _ in range(1100)))
    elif kind == "many":
        data = _zip(members + [(f"word/m{i}.xml", b"<a/>") for i in range(12_000)])
    elif kind in ("zip-slip", "absolute", "backslash"):
        name = {"zip-slip": "../../evil.xml", "absolute": "/etc/evil", "backslash": "..\\x.xml"}
        data = _zip(members + [(name[kind], b"<evil/>")])
    elif kind == "bad bytes":
        data = _bad_bytes(members)
    elif kind == "twice":
        at = _document(members)
        data = _zip(members + [("word/document.xml", members[at][1][: len(members[at][1]) // 2])])
    else:
        data = _huge_xml(members, rng)
    return data


def _bad_bytes(members) -> bytes:
    """An archive with a member name that is raw CP-1252 bytes (no UTF-8 flag)."""
    info = zipfile.ZipInfo("word/caf\u00e9.xml")
    data = _zip(members + [(info, b"<a/>")])
    return data.replace("caf\u00e9".encode(), b"caf\xe9\x00")


def _huge_xml(members, rng: random.Random) -> bytes:
    """A document.xml of ~220 MB that compresses ~60:1 (inside every archive limit)."""
    at = _document(members)
    xml = members[at][1]
    close = xml.rfind(b"</w:body>")
    head, tail = xml[:close], xml[close:]
    words = [b"strike", b"ceasefire", b"talks", b"border", b"aid", b"drone", b"city", b"port"]
    parts = [
        b"<w:p><w:r><w:t>"
        + b" ".join(rng.choice(words) + str(rng.randrange(100)).encode() for _ in range(600))
        + b"</w:t></w:r></w:p>"
        for _ in range(2)
    ]

    def chunks() -> Iterator[bytes]:
        yield head
        for _ in range(220_000_000 // len(parts[0])):
            yield rng.choice(parts)
        yield tail

    return _stream_zip(members, "word/document.xml", chunks())


def mutations_for(sample: Sample) -> list[Mutation]:
    """The mutations that apply to a sample's format."""
    if sample.data[:2] == b"PK":
        return [flip, truncate, docx_inner, docx_inner, docx_inner, docx_archive, bad_name]
    if sample.fmt == "plaintext":
        return [*GENERIC, front_matter, front_matter, front_matter]
    if sample.fmt in ("json", "jsonl", "csv"):
        return [*GENERIC, odd_key, odd_key]
    return GENERIC


def make_mutants(samples: list[Sample], per_format: int, seed: int) -> Iterator[Mutant]:
    """``per_format`` mutants of each format's samples in turn (deterministic for ``seed``)."""
    by_format: dict[str, list[Sample]] = {}
    for sample in samples:
        by_format.setdefault(sample.fmt, []).append(sample)
    for fmt, group in sorted(by_format.items()):
        rng = random.Random(f"{seed}-{fmt}")
        for number in range(per_format):
            sample = group[number % len(group)]
            mutation = rng.choice(mutations_for(sample))
            data, keeps, what = mutation(sample, rng)
            name = sample.name
            if mutation is bad_name:
                stem, dot, suffix = name.rpartition(".")
                name = os.fsdecode(stem.encode() + b"-caf\xe9" + dot.encode() + suffix.encode())
            yield Mutant(fmt, sample, what, data, name, keeps, number)


# --------------------------------------------------------------------------- running


@dataclass
class Outcome:
    """What one mutant did."""

    mutant: Mutant
    kind: str = "ok"  # ok, crash, hang, silent loss, expanded
    detail: str = ""
    seconds: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0
    folder: Path | None = None
    reasons: list[str] = field(default_factory=list)


def _child(path: Path, out_fd: int) -> None:
    """In the forked child: read ``path``, write a JSON summary to ``out_fd``."""
    import kit

    result: dict = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = kit.read_articles(path, progress=False)
        report = articles.attrs["ingest_report"]
        texts = articles[["title", "text"]].astype(str).to_numpy().ravel()
        result = {
            "rows": len(articles),
            "records": sorted(int(r) for r in articles["record"].dropna()),
            "report": {
                k: report[k] for k in ("n_articles", "n_skipped_files", "n_skipped_records")
            },
            "skipped": report["skipped"],
            "ignored": report["ignored"],
            "warnings": [w["reason"] for w in report["warnings"]],
            "expanded": any(_expanded(str(t)) for t in texts),
        }
    except BaseException:
        result = {"error": traceback.format_exc()[-3000:]}
    result["children_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    payload = json.dumps(result, default=str).encode()
    view = memoryview(payload)
    while view:
        view = view[os.write(out_fd, view) :]


def _expanded(text: str) -> bool:
    """True when an entity of :func:`entity` was replaced (its declaration holds one marker)."""
    return text.count(MARKER) > 1 or "root:x:0:0" in text


def _start(mutant: Mutant, base: Path) -> tuple[int, int, Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix=f"{mutant.fmt}-{mutant.number:04d}-", dir=base))
    path = folder / mutant.name
    path.write_bytes(mutant.data)
    read_fd, write_fd = os.pipe()
    stderr = folder / "stderr.txt"
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.setpgid(0, 0)
            os.close(read_fd)
            err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(err, 2)
            _child(path, write_fd)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd, folder, path


def _judge(outcome: Outcome, result: dict, stderr: str) -> None:
    mutant = outcome.mutant
    if "error" in result:
        outcome.kind, outcome.detail = "crash", result["error"].strip().splitlines()[-1]
        return
    if "Traceback (most recent call last)" in stderr:
        outcome.kind, outcome.detail = "crash", "traceback printed: " + stderr[-300:]
        return
    if result["expanded"]:
        outcome.kind, outcome.detail = "expanded", "an entity's text reached the table"
        return
    report, skipped = result["report"], result["skipped"]
    outcome.reasons = [s["reason"] for s in skipped]
    files = sum(1 for s in skipped if s["kind"] == "file")
    problems = []
    if report["n_articles"] != result["rows"]:
        problems.append(f"report says {report['n_articles']} articles, table has {result['rows']}")
    if report["n_skipped_files"] != files or report["n_skipped_records"] != len(skipped) - files:
        problems.append("skipped totals do not match the skipped list")
    if not result["rows"] and not skipped and not result["ignored"]:
        problems.append("the file is neither loaded nor reported")
    loaded, reported = set(result["records"]), {s["record"] for s in skipped if s["record"]}
    stopped = [s for s in skipped if "reading stopped after" in s["reason"]]
    both = loaded & reported - {s["record"] for s in stopped}
    if both:
        problems.append(f"records {sorted(both)[:5]} both loaded and skipped")
    for s in stopped:
        claimed = int(s["reason"].split("reading stopped after ", 1)[1].split()[0])
        if claimed != result["rows"]:
            problems.append(f"report says stopped after {claimed}, {result['rows']} loaded")
    covered = files or stopped
    accounted = result["rows"] + len(skipped) - files + _missing(result.get("warnings", []))
    if mutant.keeps_records and not covered and accounted < mutant.sample.count:
        problems.append(
            f"{accounted} records loaded or reported, the un-mutated sample has "
            f"{mutant.sample.count}"
        )
    if problems:
        outcome.kind, outcome.detail = "silent loss", "; ".join(problems)


_MISSING = re.compile(r"but (\d+) of them \(number|announces (\d+) documents, but (\d+) headlines")


def _missing(warnings: list[str]) -> int:
    """Documents an export's own numbering says are missing, as its readers warn."""
    total = 0
    for reason in warnings:
        for found in _MISSING.finditer(reason):
            gap, expected, seen = found.groups()
            total += int(gap) if gap else int(expected) - int(seen)
    return total


def run_campaign(
    mutants: Iterator[Mutant], *, jobs: int, timeout: float, base: Path, keep: Path
) -> list[Outcome]:
    """Run every mutant in a forked child, ``jobs`` at a time; keep the failing ones."""
    pending = iter(mutants)
    running: dict[int, tuple[Outcome, int, Path, float, bytearray]] = {}
    done: list[Outcome] = []
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < jobs:
            mutant = next(pending, None)
            if mutant is None:
                exhausted = True
                break
            pid, fd, folder, _ = _start(mutant, base)
            running[fd] = (Outcome(mutant), pid, folder, time.monotonic(), bytearray())
        if not running:
            break
        ready, _, _ = select.select(list(running), [], [], 1.0)
        for fd in ready:
            chunk = os.read(fd, 1 << 16)
            if chunk:
                running[fd][4].extend(chunk)
                continue
            outcome, pid, folder, started, buffer = running.pop(fd)
            os.close(fd)
            _, status, usage = os.wait4(pid, 0)
            outcome.seconds = time.monotonic() - started
            try:
                result = json.loads(bytes(buffer))
            except ValueError:
                result = {"error": f"the child died (wait status {status}) without a result"}
            outcome.peak_mb = max(usage.ru_maxrss, result.get("children_kb", 0)) / 1024
            outcome.cpu = usage.ru_utime + usage.ru_stime  # with its reaped workers
            stderr = (folder / "stderr.txt").read_text(errors="replace")
            _judge(outcome, result, stderr)
            done.append(_finish(outcome, folder, keep))
        now = time.monotonic()
        for fd in [fd for fd, entry in running.items() if now - entry[3] > timeout]:
            outcome, pid, folder, started, _ = running.pop(fd)
            os.close(fd)
            os.killpg(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            outcome.seconds = now - started
            outcome.peak_mb = usage.ru_maxrss / 1024
            outcome.cpu = usage.ru_utime + usage.ru_stime
            outcome.kind, outcome.detail = "hang", f"killed after {timeout:g} s"
            done.append(_finish(outcome, folder, keep))
    return done


def _finish(outcome: Outcome, folder: Path, keep: Path) -> Outcome:
    mutant = outcome.mutant
    tag = f"{mutant.fmt} #{mutant.number} {outcome.kind:<11} {outcome.seconds:6.1f} s"
    tag += f" ({outcome.cpu:5.1f} s CPU)"
    print(f"{tag} {outcome.peak_mb:7.0f} MB  {mutant.mutation[:70]}", flush=True)
    if outcome.kind == "ok":
        shutil.rmtree(folder, ignore_errors=True)
    else:
        target = keep / folder.name
        shutil.move(str(folder), target)
        outcome.folder = target
    return outcome


# --------------------------------------------------------------------------- table


def summarize(outcomes: list[Outcome]) -> list[dict]:
    """One row per format: mutants, crashes, hangs, silent losses, expanded, peak RSS."""
    rows = []
    for fmt in sorted({o.mutant.fmt for o in outcomes}):
        group = [o for o in outcomes if o.mutant.fmt == fmt]
        kinds = Counter(o.kind for o in group)
        rows.append(
            {
                "format": fmt,
                "mutants": len(group),
                "crashes": kinds["crash"],
                "hangs": kinds["hang"],
                "silent losses": kinds["silent loss"],
                "expanded": kinds["expanded"],
                "peak RSS MB (max)": round(max(o.peak_mb for o in group)),
                "slowest s": round(max(o.seconds for o in group), 1),
                "most CPU s": round(max(o.cpu for o in group), 1),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the campaign; print the table and the failures; 1 when something failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=150, help="mutants per format")
    parser.add_argument("--jobs", type=int, default=2, help="mutants read at once")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a hang")
    parser.add_argument("--seed", default="16", help="seed of the mutations")
    parser.add_argument("--formats", nargs="+", help="only these formats (reader names)")
    parser.add_argument("--reasons", action="store_true", help="also count the skip reasons")
    args = parser.parse_args(argv)

    keep = Path(tempfile.mkdtemp(prefix="kit-fuzz-failures-"))
    base = Path(tempfile.mkdtemp(prefix="kit-fuzz-"))
    started = time.monotonic()
    samples = load_samples(base)
    if args.formats:
        samples = [s for s in samples if s.fmt in args.formats]
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(samples)} samples: " + ", ".join(f"{s.name} ({s.fmt}, {s.count})" for s in samples)
    )
    outcomes = run_campaign(
        make_mutants(samples, args.per_format, args.seed),
        jobs=args.jobs,
        timeout=args.timeout,
        base=base,
        keep=keep,
    )
    shutil.rmtree(base, ignore_errors=True)
    print_table(summarize(outcomes), f"fuzz campaign (parent process {parent_mb:.0f} MB)")
    failures = [o for o in outcomes if o.kind != "ok"]
    print(f"\n{len(failures)} failure(s); {time.monotonic() - started:.0f} s in all")
    for o in failures:
        m = o.mutant
        print(f"- {m.fmt} #{m.number} [{o.kind}] {m.mutation} (from {m.sample.name}): {o.detail}")
        print(f"    {o.folder}")
    if args.reasons:
        reasons = Counter(r[:110] for o in outcomes for r in o.reasons)
        print("\nskip reasons:")
        for reason, n in reasons.most_common(40):
            print(f"{n:5d}  {reason}")
    if not failures:
        shutil.rmtree(keep, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
