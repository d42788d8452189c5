"""Sentences and tokens, shared by every analysis (one splitter, one tokenizer).

PLACEHOLDER implementation: the term-frequency work replaces the internals while keeping these
signatures.
"""
from __future__ import annotations

import re

import pandas as pd

_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences of ``text``."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one row per sentence: doc_id, sent_id, start, end, text."""
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        for i, (s, e) in enumerate(split_sentences(text)):
            rows.append((doc_id, i, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text"]).astype(
        {"doc_id": "string", "sent_id": "int64", "start": "int64", "end": "int64", "text": "string"})


def tokenize(text: str, *, lower: bool = False) -> list[str]:
    """Return the word tokens of ``text``."""
    tokens = _TOKEN.findall(text)
    return [t.lower() for t in tokens] if lower else tokens
