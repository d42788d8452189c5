"""Safe HTML/XML parsing shared by the readers.

Every parser here is built with entity expansion and network access switched off and without
lxml's ``huge_tree`` option, so a hostile file cannot read local files (XXE), call out to the
network, or blow up memory through nested entities. Inputs that declare XML entities are refused
outright: no export format kit reads needs them.

It also holds the few text helpers every export reader needs (whitespace, language names,
"does this line look like a date").
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from lxml import etree, html

from kit.corpus.readers._text_io import utf16_without_bom
from kit.errors import IngestError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_ENTITY_DECL_TEXT = re.compile(r"<!ENTITY", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|table|meta|title)[\s>/]", re.I)


def looks_like_html(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) contains an HTML tag.

    Examples
    --------
    >>> looks_like_html(b"<HTML><BODY>"), looks_like_html(b"Terms: (DATE(>=2009-12-01))")
    (True, False)
    """
    return bool(_HTML_TAG.search(head))


def norm_space(text: str | None) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space and strip.

    Examples
    --------
    >>> norm_space("  a\\xa0 b\\n c ")
    'a b c'
    """
    return " ".join((text or "").split())


def decode_markup(data: bytes) -> str:
    """Decode an HTML/XML file's bytes to text.

    Tries, in order: a byte-order mark, UTF-16 without one (every other byte NUL), strict
    UTF-8, the charset the file declares, and Windows-1252 (which accepts any byte). Exports
    often declare UTF-8 while holding Latin-1 bytes (Factiva pages saved from a browser), so a
    declaration alone is not trusted.

    Examples
    --------
    >>> decode_markup('<p>Wörter</p>'.encode('latin-1'))
    '<p>Wörter</p>'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    utf16 = utf16_without_bom(data[:8192])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if declared:
        name = declared.group(1).decode("ascii", "ignore")
        try:
            if codecs.lookup(name).name not in ("utf-8",):
                return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace")


def declares_entities(data: bytes | str) -> bool:
    """True when ``data`` declares XML entities anywhere, in any encoding kit or lxml reads.

    Bytes holding NULs (UTF-16 or UTF-32, with or without a byte-order mark) are checked with
    their NULs removed too, which turns the ASCII declaration back into its bytes.

    Examples
    --------
    >>> declares_entities('<!DOCTYPE x [<!ENTITY a "b">]>'.encode("utf-16"))
    True
    >>> declares_entities(b"<p>&amp;</p>")
    False
    """
    if isinstance(data, str):
        return bool(_ENTITY_DECL_TEXT.search(data))
    if _ENTITY_DECL.search(data):
        return True
    return b"\x00" in data and bool(_ENTITY_DECL.search(data.replace(b"\x00", b"")))


def refuse_entities(data: bytes | str, path) -> None:
    """Raise :class:`IngestError` when ``data`` declares XML entities (XXE, billion laughs)."""
    if declares_entities(data):
        raise _entities_refused(path)


def _entities_refused(path) -> IngestError:
    return IngestError(
        path,
        "the file declares XML entities (<!ENTITY ...>), which kit refuses "
        "to expand for safety; export the file again without a DTD",
    )


def html_parser() -> html.HTMLParser:
    """Return an lxml HTML parser that never touches the network."""
    return html.HTMLParser(
        no_network=True,
        huge_tree=False,
        remove_comments=False,
        remove_pis=True,
        recover=True,
        collect_ids=False,
    )


#: lxml options of every XML parse: no entity expansion, DTD loading or network access.
_SAFE_XML = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_pis=True,
)


def xml_parser() -> etree.XMLParser:
    """Return an lxml XML parser with entity expansion, DTD loading and network access off."""
    return etree.XMLParser(**_SAFE_XML)


def parse_html(data: bytes | str, path) -> html.HtmlElement:
    """Parse an HTML document safely.

    Parameters
    ----------
    data : bytes or str
        The file's content; bytes are decoded with :func:`decode_markup`.
    path : str or Path
        Named in errors.

    Returns
    -------
    lxml.html.HtmlElement
        The document's root element.

    Raises
    ------
    IngestError
        When the file declares XML entities, holds no parsable markup, or goes past the
        parser's limits (so that part of it would be lost).
    """
    refuse_entities(data, path)
    text = decode_markup(data) if isinstance(data, bytes) else data
    refuse_entities(text, path)  # checked again once decoded, whatever the encoding
    parser = html_parser()
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"not a readable HTML document ({exc})") from None
    limit = next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit is not None:  # the parser stopped there: what follows would be lost unnoticed
        raise IngestError(
            path,
            f"the page goes past what the HTML parser reads at line {limit.line} (tags nested "
            "too deep, e.g. thousands of <b> without </b>, or a huge text run), so the rest "
            f"of it cannot be read; save or export the page again; detail: {limit.message}",
        )
    return root


def parse_xml(data: bytes, path, *, what: str = "XML") -> etree._Element:
    """Parse an XML document safely (see module docstring).

    Raises
    ------
    IngestError
        When the document declares entities or is not well-formed.
    """
    refuse_entities(data, path)
    try:
        return etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise IngestError(path, f"{what} is not well-formed ({exc})") from None


def iterparse_xml(stream, path, *, what: str = "XML") -> Iterator[tuple[str, etree._Element]]:
    """Parse an XML stream piece by piece: yield lxml's ``("start" | "end", element)`` events.

    The parser is :func:`xml_parser`'s (no entity expansion, DTD loading or network), and a
    document whose DTD declares entities is refused before its first element is yielded,
    whatever its encoding. The caller frees what it has used (``element.clear()``), so memory
    stays bounded by the largest element it keeps, not by the document.

    Raises
    ------
    IngestError
        When the document declares entities or is not well-formed.

    Examples
    --------
    >>> import io
    >>> [(e, el.tag) for e, el in iterparse_xml(io.BytesIO(b"<a><b/></a>"), "t")]
    [('start', 'a'), ('start', 'b'), ('end', 'b'), ('end', 'a')]
    """
    events = etree.iterparse(stream, events=("start", "end"), **_SAFE_XML)
    checked = False
    try:
        for event, element in events:
            if not checked:
                dtd = element.getroottree().docinfo.internalDTD
                if dtd is not None and any(True for _ in dtd.iterentities()):
                    raise _entities_refused(path)
                checked = True
            yield event, element
    except etree.XMLSyntaxError as exc:
        raise IngestError(path, f"{what} is not well-formed ({exc})") from None


def text_with_breaks(element, *, blocks: tuple[str, ...] = ()) -> str:
    """Text of ``element``: ``<br>`` becomes a line break, scripts and styles are dropped.

    Elements whose tag is in ``blocks`` (e.g. ``("p", "div")``) are set apart by blank lines.

    Examples
    --------
    >>> root = parse_html(b"<div>a<br>b<p>c</p>d<script>x</script></div>", "t")
    >>> text_with_breaks(root.find(".//div"))
    'a\\nbcd'
    >>> text_with_breaks(root.find(".//div"), blocks=("p",))
    'a\\nb\\n\\nc\\n\\nd'
    """
    parts: list[str] = []

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("script", "style"):
            return
        if tag == "br":
            parts.append("\n")
        if tag in blocks:
            parts.append("\n\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in blocks:
            parts.append("\n\n")

    walk(element)
    return "".join(parts)


def _css_rules(css: str):
    r"""Yield ``(selector, body)`` of each ``selector { body }`` rule, in linear time.

    A regular expression such as ``([^{}]+)\{([^}]*)\}`` takes quadratic time on an unclosed
    ``<style>``; splitting at the closing braces does not.
    """
    chunks = css.split("}")
    for chunk in chunks[:-1]:  # the last chunk has no closing brace
        selector, brace, body = chunk.partition("{")
        if brace and selector.strip():
            yield selector, body


def css_classes(root) -> dict[str, dict[str, str]]:
    """Map CSS class names to their declarations, from the document's ``<style>`` elements.

    Examples
    --------
    >>> root = parse_html(b"<style>.c1 { text-align: center; }</style><p class='c1'>x</p>", "t")
    >>> css_classes(root)["c1"]["text-align"]
    'center'
    """
    rules: dict[str, dict[str, str]] = {}
    for style in root.iter("style"):
        for selector, body in _css_rules(style.text_content() or ""):
            decls = {
                k.strip().lower(): v.strip().lower()
                for k, _, v in (d.partition(":") for d in body.split(";"))
                if k.strip()
            }
            for name in re.findall(r"\.([A-Za-z0-9_\-]+)", selector):
                rules.setdefault(name, {}).update(decls)
    return rules
