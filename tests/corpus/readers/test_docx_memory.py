"""Memory bounded for .docx (issue 16): the main part is parsed as a stream, so a large
``document.xml`` (inside every archive limit) costs memory for its text, not for its XML."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from kit.corpus.readers.nexis_docx import docx_paragraphs
from kit.errors import IngestError
from tests.helpers import ROOT

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# Reads argv[1]'s paragraphs; prints their number and how much the peak RSS grew (MiB).
_MEASURE = """
import resource, sys
from pathlib import Path
from kit.corpus.readers.nexis_docx import docx_paragraphs
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
paras = docx_paragraphs(Path(sys.argv[1]))
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(len(paras), paras[0].text, grown // 1024)
"""


def _docx(path, body: bytes, *, filler_mib: int = 0):
    """A .docx whose body is ``body`` then ``filler_mib`` MiB of empty markup (stored)."""
    filler = b'<w:proofErr w:type="spellStart"/>' * 32768  # 1 MiB of elements, no text
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as fh,
    ):
        fh.write(f'<?xml version="1.0"?><w:document {_W}><w:body>'.encode() + body)
        for _ in range(filler_mib):
            fh.write(filler)
        fh.write(b"</w:body></w:document>")
    return path


def test_a_large_document_xml_is_read_in_bounded_memory(tmp_path):
    path = _docx(tmp_path / "big.docx", b"<w:p><w:r><w:t>Hello</w:t></w:r></w:p>", filler_mib=12)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    n, text, grown_mib = done.stdout.split()
    assert (n, text) == ("1", "Hello")
    # Parsed whole, these 12 MiB of XML took about 140 MiB more; streamed, a few MiB.
    assert int(grown_mib) < 60


def test_streaming_still_refuses_entities_in_any_encoding(tmp_path):
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml.encode("utf-16"))
    with pytest.raises(IngestError, match="declares XML entities"):
        docx_paragraphs(path)
