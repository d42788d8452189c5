"""Shared helpers for readers: decode bytes to text, refuse binary files, collect file warnings.

Encoding detection is hand-written because the choice is narrow and must be explainable in the
ingest report: news exports are UTF-8 (with or without a BOM), UTF-16 with a BOM, or
Windows-1252 (old Windows tools). General detectors guess among dozens of encodings, are slow on
large files and cannot say "these 3 bytes on line 7 were broken"; this module can.
"""

from __future__ import annotations

import codecs
import contextvars
import re
from pathlib import Path

from kit.errors import IngestError

#: Magic numbers of binary formats people drop into a corpus folder by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document; export or copy its text into a .txt file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office file); unpack it or export the articles as text"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls); save it as .docx or .txt"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"SQLite format 3", "an SQLite database"),
)
# Control characters that do not occur in text (tab, newlines, form feed and ESC-free text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
#: How many leading bytes decide whether a file is binary before it is read whole.
_HEAD_BYTES = 8192

_warnings: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "kit_file_warnings", default=None
)


def collect_warnings() -> tuple[list, contextvars.Token]:
    """Start collecting the warnings readers note for one file; return (list, token)."""
    found: list = []
    return found, _warnings.set(found)


def stop_collecting(token: contextvars.Token) -> None:
    """Stop the collection started by :func:`collect_warnings`."""
    _warnings.reset(token)


def note(reason: str, record: int | None = None) -> None:
    """Record a non-fatal problem with the file being read (shown in the ingest report).

    Parameters
    ----------
    reason : str
        What is odd and what kit did about it.
    record : int, optional
        1-based record (line, row, article) the note is about.
    """
    found = _warnings.get()
    if found is not None:
        found.append((record, reason))


def binary_kind(data: bytes) -> str | None:
    """Return a description when ``data`` (a file's first bytes) is not text, else None.

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ...")[:5]
    'a PDF'
    >>> binary_kind("plain words".encode()) is None
    True
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:4096]
    if not head:
        return None
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = len(_CONTROL.findall(head.decode("latin-1")))
    if controls > max(2, len(head) // 100):
        return f"binary data ({controls} control bytes in the first {len(head)} bytes)"
    return None


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode a text file's bytes, detecting the encoding; return ``(text, encoding)``.

    UTF-8 (a BOM is removed) and UTF-16 with a BOM are decoded as such. Otherwise, when the bytes
    hold valid multi-byte UTF-8 sequences and only a few broken ones, the text is UTF-8 with
    damage: broken bytes become U+FFFD and a note names the lines. Otherwise the file is
    Windows-1252 (a note says so).

    Parameters
    ----------
    data : bytes
        The file's content.
    path : Path or str
        Used in messages only.

    Returns
    -------
    (str, str)
        The text and the encoding used ("utf-8", "utf-8-sig", "utf-16", "cp1252",
        "utf-8 (damaged)").

    Raises
    ------
    IngestError
        When the bytes are binary (see :func:`binary_kind`).

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    """
    kind = binary_kind(data)
    if kind:
        raise IngestError(path, f"this is {kind}, not text; kit cannot read it")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[3:], path, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(
                path,
                f"the file starts with a UTF-16 mark but byte {exc.start} "
                "is not valid UTF-16; save it as UTF-8",
            ) from None
    return _decode_utf8(data, path, "utf-8")


def _decode_utf8(data: bytes, path, name: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    n_good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if n_good > n_bad:
        lines = _bad_lines(text)
        note(
            f"{n_bad} byte sequence(s) are not valid UTF-8 (line(s) {_list(lines)}); "
            "they were replaced with \ufffd"
        )
        return text, "utf-8 (damaged)"
    if any(b in data for b in _CP1252_UNDEFINED):
        text = data.decode("cp1252", errors="replace")
        note(
            "the file is not UTF-8; read it as Windows-1252, but some bytes are undefined in "
            f"that encoding (line(s) {_list(_bad_lines(text))}) and were replaced with \ufffd"
        )
        return text, "cp1252"
    note("the file is not UTF-8; read it as Windows-1252 (Western European)")
    return data.decode("cp1252"), "cp1252"


def _bad_lines(text: str, limit: int = 5) -> list[int]:
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\ufffd" in line:
            lines.append(number)
            if len(lines) > limit:
                break
    return lines


def _list(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(map(str, numbers[:limit]))
    return shown + (", ..." if len(numbers) > limit else "")


def read_file_bytes(path: Path, *, markup: bool = False) -> bytes:
    """Read a text file's bytes, refusing a binary file from its first bytes, before the rest.

    A 1 GB file of NUL bytes (or an image with a ``.txt`` name) is refused after reading
    8 KiB, not after reading it all.

    Parameters
    ----------
    path : Path
        The file.
    markup : bool
        Also accept UTF-16 without a byte-order mark (HTML and XML declare their encoding).

    Raises
    ------
    IngestError
        When the first bytes are binary (see :func:`binary_kind`).
    """
    with open(path, "rb") as fh:
        head = fh.read(_HEAD_BYTES)
        kind = binary_kind(head)
        if kind and not (markup and utf16_without_bom(head)):
            raise IngestError(path, f"this is {kind}, not text; kit cannot read it")
        return head + fh.read()


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when every other byte of ``head`` is NUL (ASCII-range
    text in UTF-16 without a byte-order mark), else None.

    Examples
    --------
    >>> utf16_without_bom("<html>".encode("utf-16-le")), utf16_without_bom(b"<html>")
    ('utf-16-le', None)
    """
    if len(head) < 4:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) > 0.9 * len(odd) > 0 and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) > 0 and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def read_text(path: Path) -> str:
    """Read a text file with :func:`decode_bytes`; line ends become ``\\n``.

    Raises
    ------
    IngestError
        When the file is binary (found from its first bytes, see :func:`read_file_bytes`).
    """
    text, _ = decode_bytes(read_file_bytes(Path(path)), path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_bytes(head: bytes) -> bytes:
    """A file's first bytes as the sniffers match them: UTF-16 text (with or without a
    byte-order mark) re-encoded as UTF-8, anything else unchanged.

    Examples
    --------
    >>> sniff_bytes("<html>".encode("utf-16"))
    b'<html>'
    >>> sniff_bytes("<html>".encode("utf-16-be"))
    b'<html>'
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace").encode("utf-8")
    codec = utf16_without_bom(head)
    if codec:
        return head[: len(head) // 2 * 2].decode(codec, errors="replace").encode("utf-8")
    return head


def sniff_text(head: bytes) -> str:
    """Decode a file's first bytes for a sniffer (never raises; broken bytes are replaced)."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
