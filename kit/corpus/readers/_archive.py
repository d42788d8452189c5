"""Safe reading of zip containers (.docx exports) without extracting anything to disk.

A .docx is a zip archive. Before any member is read, the archive's directory is checked:
member names may not be absolute or climb out of the archive (``..``), no member may be larger
than :data:`MAX_MEMBER_BYTES`, all together no larger than :data:`MAX_TOTAL_BYTES`, and none may
compress better than :data:`MAX_RATIO` (the signature of a zip bomb). Reads are also capped while
decompressing, so a directory that lies about sizes cannot get past the limits either.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from kit.errors import IngestError

#: Largest uncompressed member (bytes); a 1,000-article Nexis export's document.xml is ~30 MB.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: Largest total uncompressed size of all members (bytes).
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: Largest compression ratio (uncompressed / compressed) for members above RATIO_FLOOR bytes.
MAX_RATIO = 200
#: Members smaller than this are not ratio-checked (tiny XML parts compress very well).
RATIO_FLOOR = 1024 * 1024
#: Most members an archive may have.
MAX_MEMBERS = 10_000


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = name.replace("\\", "/").split("/")
    return ".." in parts or posixpath.isabs(name)


class SafeZip:
    """A zip archive whose directory passed the safety checks (see module docstring).

    Use :func:`open_zip`; read members with :meth:`read`, or stream them with :meth:`open`.
    """

    def __init__(self, path: Path, archive: zipfile.ZipFile, max_member: int):
        self.path, self._zip, self._max_member = path, archive, max_member
        self.names = [i.filename for i in archive.infolist()]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._zip.close()

    def read(self, name: str) -> bytes:
        """Return member ``name``'s bytes, refusing to decompress past the size limit.

        Raises
        ------
        IngestError
            When the member is missing or grows past the limit while decompressing.
        """
        with self.open(name) as stream:
            return b"".join(iter(lambda: stream.read(1 << 20), b""))

    def open(self, name: str) -> _Capped:
        """Open member ``name`` as a stream of bytes (``read(n)``), for parsing it piece by
        piece; reading past its declared or allowed size raises :class:`IngestError`.

        Raises
        ------
        IngestError
            When the member is missing (at once) or grows past the limit (while reading).
        """
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise IngestError(
                self.path, f"the archive has no member {name!r}; members: {self.names[:10]}"
            ) from None
        limit = min(self._max_member, max(info.file_size, 0))
        return _Capped(self._zip.open(info), limit, self.path, name)


class _Capped:
    """A member's decompressing stream that refuses to yield more than ``limit`` bytes."""

    def __init__(self, stream, limit: int, path: Path, name: str):
        self._stream, self._limit, self._path, self._name = stream, limit, path, name
        self._total = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:  # all: at most one byte past the limit, to notice it
            size = max(self._limit - self._total, 0) + 1
        chunk = self._stream.read(size)
        self._total += len(chunk)
        if self._total > self._limit:
            raise IngestError(
                self._path,
                f"archive member {self._name!r} decompresses to more "
                f"than its declared or allowed size ({self._limit} bytes)",
            )
        return chunk

    def __enter__(self) -> _Capped:
        return self

    def __exit__(self, *exc) -> None:
        self._stream.close()


def open_zip(
    path,
    *,
    max_member: int = MAX_MEMBER_BYTES,
    max_total: int = MAX_TOTAL_BYTES,
    max_ratio: float = MAX_RATIO,
    max_members: int = MAX_MEMBERS,
) -> SafeZip:
    """Open a zip archive after checking its directory for bombs and escaping paths.

    Parameters
    ----------
    path : str or Path
        The archive (e.g. a .docx export).
    max_member, max_total : int
        Byte limits for one member and for all members, uncompressed.
    max_ratio : float
        Highest compression ratio allowed for members larger than :data:`RATIO_FLOOR`.
    max_members : int
        Highest number of members.

    Returns
    -------
    SafeZip
        A context manager; ``.names`` lists the members, ``.read(name)`` returns bytes.

    Raises
    ------
    IngestError
        Naming the file and the rule it breaks: not a zip, too many members, a member path
        that escapes the archive, an oversized member or archive, or a zip-bomb ratio.

    Examples
    --------
    >>> import io, zipfile, tempfile, os
    >>> tmp = os.path.join(tempfile.mkdtemp(), "ok.docx")
    >>> with zipfile.ZipFile(tmp, "w") as z: z.writestr("word/document.xml", "<w/>")
    >>> with open_zip(tmp) as archive: archive.read("word/document.xml")
    b'<w/>'
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(
            path,
            f"not a readable zip/.docx archive ({exc}); expected a Word "
            ".docx file as exported by the database",
        ) from None
    try:
        infos = archive.infolist()
        if len(infos) > max_members:
            raise IngestError(
                path, f"the archive has {len(infos)} members, more than the {max_members} allowed"
            )
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise IngestError(
                    path,
                    f"archive member path {info.filename!r} escapes the "
                    "archive (absolute or '..'); refusing the file",
                )
            if info.file_size > max_member:
                raise IngestError(
                    path,
                    f"archive member {info.filename!r} is "
                    f"{info.file_size} bytes uncompressed, more than the "
                    f"{max_member} allowed",
                )
            if info.file_size > RATIO_FLOOR:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > max_ratio:
                    raise IngestError(
                        path,
                        f"archive member {info.filename!r} has a compression "
                        f"ratio of {ratio:.0f}:1 (limit {max_ratio:.0f}:1), "
                        "typical of a zip bomb; refusing the file",
                    )
            total += info.file_size
        if total > max_total:
            raise IngestError(
                path, f"the archive unpacks to {total} bytes, more than the {max_total} allowed"
            )
    except BaseException:
        archive.close()
        raise
    return SafeZip(path, archive, max_member)
