"""Hostile inputs: zip bombs, escaping archive paths, XML external entities, network access."""

from __future__ import annotations

import socket
import threading
import zipfile

import pytest
from lxml import etree
from lxml import html as lxml_html

from kit.corpus.readers import get_reader
from kit.corpus.readers._archive import open_zip
from kit.corpus.readers._markup import html_parser, parse_html, xml_parser
from kit.errors import IngestError
from tests.corpus.readers.synth_exports import make_articles, write_nexis_docx

DOCX = get_reader("nexis_docx").read
SECRET = "kit-secret-token-7731"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def listener():
    """A local TCP server that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    hits.append(conn.recv(1024) or b"(connected)")
                except OSError:
                    hits.append(b"(connected)")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    server.close()


def _valid_docx(tmp_path, name="ok.docx"):
    return write_nexis_docx(tmp_path / name, make_articles(2, seed=61), cover=False)


def _with_member(src, dst, name, data, *, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compress) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr(name, data)
    return dst


def test_valid_docx_still_reads(tmp_path):
    assert len(list(DOCX(_valid_docx(tmp_path)))) == 2


def test_zip_bomb_member_is_refused_before_decompressing(tmp_path):
    bomb = _with_member(
        _valid_docx(tmp_path),
        tmp_path / "bomb.docx",
        "word/media/pad.bin",
        b"\0" * (40 * 1024 * 1024),
    )
    assert zipfile.ZipFile(bomb).getinfo("word/media/pad.bin").compress_size < 100_000
    with pytest.raises(IngestError, match="zip bomb") as info:
        list(DOCX(bomb))
    assert "bomb.docx" in str(info.value) and "pad.bin" in str(info.value)


def test_oversized_member_and_archive_are_refused(tmp_path):
    path = _valid_docx(tmp_path)
    with pytest.raises(IngestError, match="more than the 1000 allowed"):
        open_zip(path, max_member=1000)
    with pytest.raises(IngestError, match="unpacks to .* more than the 2000 allowed"):
        open_zip(path, max_total=2000)
    with pytest.raises(IngestError, match="members, more than"):
        open_zip(path, max_members=2)


@pytest.mark.parametrize(
    "name",
    ["../../evil.xml", "word/../../evil.xml", "/etc/evil.xml", "..\\evil.xml", "C:/evil.xml"],
)
def test_member_paths_escaping_the_archive_are_refused(tmp_path, name):
    bad = _with_member(_valid_docx(tmp_path), tmp_path / "escape.docx", name, b"<x/>")
    with pytest.raises(IngestError, match="escapes the archive"):
        list(DOCX(bad))
    assert not (tmp_path.parent / "evil.xml").exists()


def test_not_a_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("I am not a Word file", encoding="utf-8")
    with pytest.raises(IngestError, match="not a readable zip/.docx archive"):
        list(DOCX(path))


def test_docx_with_external_entity_is_refused(tmp_path, secret_file):
    src = _valid_docx(tmp_path)
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    evil = xml.replace(
        "<w:document",
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_file}">]><w:document',
        1,
    )
    evil = evil.replace('Body_1"/>', 'Body_1"/><w:r><w:t>&xxe;</w:t></w:r>', 1)
    out = tmp_path / "xxe.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, evil if info.filename == "word/document.xml" else zin.read(info))
    with pytest.raises(IngestError, match="declares XML entities") as info:
        list(DOCX(out))
    assert SECRET not in str(info.value)


def test_parser_itself_never_expands_entities(secret_file):
    # defence in depth: even if the entity check were bypassed, nothing is expanded
    doc = (
        f'<!DOCTYPE r [<!ENTITY ext SYSTEM "file://{secret_file}"><!ENTITY int "boom">]>'
        f"<r>&ext;&int;</r>"
    ).encode()
    root = etree.fromstring(doc, parser=xml_parser())
    assert SECRET not in etree.tostring(root, encoding="unicode")
    assert "boom" not in "".join(root.itertext())
    page = lxml_html.document_fromstring(
        doc.decode().replace("<r>", "<html><body><p>").replace("</r>", "</p></body></html>"),
        parser=html_parser(),
    )
    assert SECRET not in page.text_content() and "boom" not in page.text_content()


@pytest.mark.parametrize("reader", ["nexis_html", "factiva_html", "webpage"])
def test_html_with_external_entity_is_refused(tmp_path, secret_file, reader):
    path = tmp_path / "xxe.html"
    path.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
        f"<html><head><title>Factiva</title></head><body><p>1 of 1 DOCUMENTS</p>"
        f"<p>&xxe;</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="declares XML entities"):
        list(get_reader(reader).read(path))


@pytest.mark.parametrize("reader", ["nexis_html", "factiva_html", "webpage"])
@pytest.mark.parametrize("layout", ["utf-16", "utf-16-le", "after-64k"])
def test_entity_refusal_cannot_be_sidestepped(tmp_path, secret_file, reader, layout):
    padding = "<!-- " + "x" * 70_000 + " -->" if layout == "after-64k" else ""
    page = (
        f'{padding}<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
        f"<html><head><title>Factiva</title></head><body><p>1 of 1 DOCUMENTS</p>"
        f"<p>&xxe;</p></body></html>"
    )
    path = tmp_path / "xxe.html"
    path.write_bytes(page.encode("utf-8" if layout == "after-64k" else layout))
    with pytest.raises(IngestError, match="declares XML entities"):
        list(get_reader(reader).read(path))


def test_feed_in_utf16_with_entity_is_refused(tmp_path, secret_file):
    path = tmp_path / "xxe.rss"
    path.write_bytes(
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
        f'"file://{secret_file}">]><rss version="2.0"><channel><title>&xxe;</title>'
        f"<item><title>&xxe;</title><description>x</description></item></channel>"
        f"</rss>".encode("utf-16")
    )
    with pytest.raises(IngestError, match="declares XML entities"):
        list(get_reader("rss").read(path))


def test_feed_with_external_entity_is_refused(tmp_path, secret_file):
    path = tmp_path / "xxe.rss"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
        f'"file://{secret_file}">]><rss version="2.0"><channel><title>&xxe;</title>'
        f"<item><title>&xxe;</title><description>x</description></item></channel>"
        f"</rss>",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="declares XML entities"):
        list(get_reader("rss").read(path))


def test_parsers_do_not_touch_the_network(tmp_path, listener):
    url, hits = listener
    xml = f'<!DOCTYPE r SYSTEM "{url}/evil.dtd"><r>x</r>'.encode()
    etree.fromstring(xml, parser=xml_parser())
    parse_html(
        f'<!DOCTYPE html SYSTEM "{url}/evil.dtd"><html><body><p>x</p></body></html>'.encode(),
        "page.html",
    )
    page = tmp_path / "page.html"
    body = " ".join(["Officials said the strikes were limited and most drones fell."] * 5)
    page.write_text(
        f'<html><head><link rel="stylesheet" href="{url}/s.css">'
        f'<link rel="canonical" href="{url}/canonical"><title>T</title></head><body>'
        f'<img src="{url}/i.png"><article><p>{body}</p><p>{body}</p></article>'
        f'<iframe src="{url}/frame"></iframe></body></html>',
        encoding="utf-8",
    )
    assert list(get_reader("webpage").read(page))[0]["url"] == f"{url}/canonical"
    feed = tmp_path / "feed.rss"  # a file whose content is a URL must not be fetched
    feed.write_text(f"{url}/feed.xml", encoding="utf-8")
    with pytest.raises(IngestError):
        list(get_reader("rss").read(feed))
    remote = tmp_path / "remote.rss"
    remote.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{url}/rss.dtd">'
        f'<rss version="2.0"><channel><title>W</title><item><title>T</title>'
        f'<link>{url}/item</link><description>&lt;img src="{url}/x.png"&gt;'
        f"Text</description></item></channel></rss>",
        encoding="utf-8",
    )
    assert list(get_reader("rss").read(remote))[0]["text"] == "Text"
    threading.Event().wait(0.5)
    assert hits == []
