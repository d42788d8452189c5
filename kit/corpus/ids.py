"""Stable article ids.

A ``doc_id`` is 16 hex digits of the SHA-1 of the article's own content as the input gives it:
title, text, date string, native id and URL, with Unicode NFC and runs of whitespace collapsed.
It therefore does not depend on where the corpus lives, on file names, on the order files are
read, on the machine, or on kit's later cleaning steps (boilerplate and quote rules can improve
without renumbering a corpus): annotations keyed by ``doc_id`` survive a re-ingest, a renamed
folder and a move to another computer.

Two records with identical content (the same article saved twice) would get the same id; the
first in reading order (files sorted by path, records in file order) keeps it, each later one
gets the SHA-1 of that id plus its relative path and record number - stable as long as those
copies keep their names.
"""

from __future__ import annotations

import hashlib
import unicodedata

from kit.corpus.limits import clean_string
from kit.corpus.normalize import collapse_whitespace

ID_LENGTH = 16
_SEP = "\x1f"


def _canonical(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = clean_string(str(value))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return collapse_whitespace(text)


def content_id(*, title=None, text=None, published_raw=None, native_id=None, url=None) -> str:
    """Return the content-based id of one article.

    Examples
    --------
    >>> content_id(title="Strikes", text="Body  text.\\n") == content_id(title="Strikes",
    ...                                                                  text="Body text.")
    True
    >>> len(content_id(text="x"))
    16
    """
    key = _SEP.join(_canonical(v) for v in (title, text, published_raw, native_id, url))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def unique_ids(base_ids, paths, records) -> list[str]:
    """Make ids unique: repeated ids after the first get a hash of id, path and record.

    Parameters
    ----------
    base_ids, paths, records : sequences of equal length
        Content ids (in reading order), relative paths and 1-based record numbers.

    Returns
    -------
    list of str

    Examples
    --------
    >>> ids = unique_ids(["a", "a", "b"], ["x.txt", "y.txt", "z.txt"], [1, 1, 1])
    >>> ids[0], ids[2], ids[1] not in ("a", "b")
    ('a', 'b', True)
    """
    seen: set[str] = set(base_ids)
    used: set[str] = set()
    out = []
    for base, path, record in zip(base_ids, paths, records):
        doc_id = base
        if doc_id in used:
            salt = 0
            while doc_id in used or (doc_id != base and doc_id in seen):
                key = f"{base}{_SEP}{path}{_SEP}{record}{_SEP}{salt or ''}"
                doc_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]
                salt += 1
        used.add(doc_id)
        out.append(doc_id)
    return out
