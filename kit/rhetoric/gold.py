"""Readers of published gold sets: attribution relations in brat standoff, frame codings in TSV.

Both return an articles table (``doc_id, text, language``) that kit's measures read, and a gold
table that :mod:`kit.rhetoric.evaluate` scores them against.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from kit import config
from kit.errors import ParameterError
from kit.rhetoric.marks import normalise_marks

#: Gold frame columns of the Frermann et al. (2023) coding -> kit frame names.
FRAME_CODES = {"CO": "conflict", "HI": "human_interest", "MO": "morality", "EC": "economic"}

_OPEN = '"“”«»'


def _spans(field: str) -> list[tuple[int, int]]:
    """'115 290;300 310' -> [(115, 290), (300, 310)]."""
    out = []
    for piece in field.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def gold_kind(text: str, pieces: list[tuple[int, int]]) -> str:
    """Kind of a gold content span from its quotation marks.

    "direct" when at least 80% of its characters lie inside quotation marks, "mixed" when some
    do, else "indirect" (reported speech, evidence and belief without marks).
    """
    content = normalise_marks("".join(text[a:b] for a, b in pieces))
    marks = [i for i, ch in enumerate(content) if ch in _OPEN]
    if not marks:
        return "indirect"
    inside = 0
    for a, b in zip(marks[::2], marks[1::2]):
        inside += b - a + 1
    if len(marks) % 2:
        inside += len(content) - marks[-1]
    return "direct" if inside >= 0.8 * len(content.strip(" .,")) else "mixed"


def _read_ann(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, field = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(field))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""), ("", []))[1]
        cue = spans.get(ev.get("Cue", ""), ("", []))[1]
        out.append({"content": content[1], "source": source, "cue": cue})
    return out


def read_brat_attributions(gold_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a PolNeAR-style folder: ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``.

    Parameters
    ----------
    gold_dir : str or Path
        The folder (resolved with :func:`kit.config.project_path`). When an article has several
        annotators, the first file in name order is read.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The articles (``doc_id, text, language``) and one gold row per attribution:
        ``doc_id, kind`` (:func:`gold_kind`), ``content_start, content_end`` (bounds),
        ``content_spans, source_spans, cue_spans`` (lists of ``(start, end)`` pieces; empty when
        the relation has no source or cue).

    Raises
    ------
    ParameterError
        When the folder has no ``text/*.txt`` files.
    """
    root = config.project_path(gold_dir)
    texts = sorted((root / "text").glob("*.txt"))
    if not texts:
        raise ParameterError("gold_dir", str(gold_dir), "a folder with text/*.txt and .ann files")
    anns = sorted((root / "attributions").glob("*.ann"))
    articles, gold = [], []
    for path in texts:
        doc_id = path.stem
        text = path.read_text(encoding="utf-8")
        articles.append({"doc_id": doc_id, "text": text, "language": "en"})
        mine = [a for a in anns if re.fullmatch(re.escape(doc_id) + r"_[^_]+", a.stem)]
        if not mine:
            continue
        for rel in _read_ann(mine[0]):
            pieces = rel["content"]
            gold.append(
                {
                    "doc_id": doc_id,
                    "kind": gold_kind(text, pieces),
                    "content_start": min(a for a, _ in pieces),
                    "content_end": max(b for _, b in pieces),
                    "content_spans": pieces,
                    "source_spans": rel["source"],
                    "cue_spans": rel["cue"],
                }
            )
    gold_cols = ["doc_id", "kind", "content_start", "content_end"]
    gold_cols += ["content_spans", "source_spans", "cue_spans"]
    return pd.DataFrame(articles), pd.DataFrame(gold, columns=gold_cols)


def read_frame_gold(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a frame coding TSV (Frermann et al. 2023 layout: ``ID, source, date, text`` and one
    yes/no column per frame code, ``CO, HI, MO, EC``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The articles (``doc_id, outlet, date, text, language``) and the gold labels
        (``doc_id`` and one boolean column per kit frame of :data:`FRAME_CODES` present).

    Raises
    ------
    ParameterError
        When the file lacks ``ID``, ``text`` or every frame column.
    """
    resolved = config.project_path(path)
    table = pd.read_csv(resolved, sep="\t", dtype=str, keep_default_na=False)
    codes = [c for c in FRAME_CODES if c in table.columns]
    if "ID" not in table.columns or "text" not in table.columns or not codes:
        raise ParameterError(
            "gold", str(path), f"a TSV with ID, text and frame columns among {sorted(FRAME_CODES)}"
        )
    articles = pd.DataFrame(
        {
            "doc_id": table["ID"].astype(str),
            "outlet": table.get("source", pd.Series("", index=table.index)),
            "date": table.get("date", pd.Series("", index=table.index)),
            "text": table["text"],
            "language": "en",
        }
    )
    gold = pd.DataFrame({"doc_id": articles["doc_id"]})
    for code in codes:
        gold[FRAME_CODES[code]] = (
            table[code].str.strip(" ()").str.lower().isin({"true", "1", "yes"})
        )
    return articles, gold
