"""Plain text: one article per ``.txt`` file, with optional YAML front matter.

::

    ---
    title: Iran launches drones at Israel
    date: 2024-04-14
    outlet: The Guardian
    url: https://example.org/story
    ---
    First paragraph.

    Second paragraph.

Front matter keys use the same names as table columns (``headline``, ``pubdate``,
``publication`` ... see :data:`kit.corpus.readers._fields.FIELD_ALIASES`); it is read with
YAML's safe loader, so it cannot run code. Without front matter, the first line is the title when
it is short (at most 200 characters), is followed by a blank line and does not end like a
sentence; otherwise the article has no title and the whole file is its text.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kit.corpus.limits import load_yaml_without_aliases
from kit.corpus.readers._fields import FIELD_ALIASES, canonical, map_columns
from kit.corpus.readers._text_io import read_text
from kit.corpus.readers.registry import register_reader
from kit.errors import IngestError

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SENTENCE_END = re.compile(r"[.!?:;,]['\"\u2019\u201d)]*\s*$")


@register_reader("plaintext", extensions=(".txt", ".text"))
def read_plaintext(path: Path, *, mapping: dict | None = None, **options):
    """Plain text, one article per file, optional YAML front matter (title, date, outlet ...).

    Parameters
    ----------
    path : Path
        A ``.txt`` file.
    mapping : dict, optional
        ``{article_field: front_matter_key}`` choices (see :func:`kit.corpus.readers._fields.map_columns`).
    **options
        Unused.

    Yields
    ------
    dict
        The article: ``text`` and, from the front matter or the first line, ``title``; other
        front-matter keys become their fields (or extra fields under their canonical name).

    Raises
    ------
    IngestError
        When the front matter is not a YAML mapping, or the file holds no text.
    """
    text = read_text(path)
    meta: dict = {}
    front = _FRONT.match(text)
    if front:
        meta = _front_matter(front.group(1) or "", path)
        text = text[front.end() :]
    record = {}
    if meta:
        chosen = map_columns(meta.keys(), mapping=mapping, path=path)
        record = {field: meta[column] for field, column in chosen.items()}
        known = set(chosen.values())
        record.update({canonical(k): v for k, v in meta.items() if k not in known})
    if text.strip() or "text" not in record:
        if "title" not in record:
            title, text = _title_line(text)
            if title:
                record["title"] = title
        record["text"] = text
    if not str(record.get("text") or "").strip() and not record.get("title"):
        raise IngestError(
            path, "the file holds no text" + (" after its front matter" if front else "")
        )
    yield record


def _front_matter(block: str, path) -> dict:
    try:
        meta = load_yaml_without_aliases(block)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise IngestError(
            path,
            f"the YAML front matter between the '---' lines is not valid "
            f"YAML{line}: {getattr(exc, 'problem', exc)}",
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise IngestError(
            path,
            "the YAML front matter must be 'key: value' lines (a mapping), "
            f"got a {type(meta).__name__}; known keys: "
            f"{sorted(FIELD_ALIASES)}",
        )
    return {str(k): v for k, v in meta.items()}


def _title_line(text: str) -> tuple[str | None, str]:
    first, _, rest = text.lstrip("\n").partition("\n")
    blank_next = rest.partition("\n")[0].strip() == "" and rest.strip() != ""
    if blank_next and 0 < len(first.strip()) <= 200 and not _SENTENCE_END.search(first):
        return first.strip(), rest
    return None, text
