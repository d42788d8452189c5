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

from lxml import etree, html

from kit.errors import IngestError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_SPACE = re.compile(r"\s+")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


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
    return _SPACE.sub(" ", (text or "").replace("\xa0", " ")).strip()


def decode_markup(data: bytes) -> str:
    """Decode an HTML/XML file's bytes to text.

    Tries, in order: a byte-order mark, strict UTF-8, the charset the file declares, and
    Windows-1252 (which accepts any byte). Exports often declare UTF-8 while holding Latin-1
    bytes (Factiva pages saved from a browser), so a declaration alone is not trusted.

    Examples
    --------
    >>> decode_markup('<p>Wörter</p>'.encode('latin-1'))
    '<p>Wörter</p>'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
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


def refuse_entities(data: bytes, path) -> None:
    """Raise :class:`IngestError` when ``data`` declares XML entities (XXE, billion laughs)."""
    if _ENTITY_DECL.search(data):
        raise IngestError(path, "the file declares XML entities (<!ENTITY ...>), which kit refuses "
                                "to expand for safety; export the file again without a DTD")


def html_parser() -> html.HTMLParser:
    """Return an lxml HTML parser that never touches the network."""
    return html.HTMLParser(no_network=True, huge_tree=False, remove_comments=False,
                           remove_pis=True, recover=True, collect_ids=False)


def xml_parser() -> etree.XMLParser:
    """Return an lxml XML parser with entity expansion, DTD loading and network access off."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_pis=True)


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
        When the file declares XML entities or holds no parsable markup.
    """
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    refuse_entities(raw[:65536], path)
    text = decode_markup(data) if isinstance(data, bytes) else data
    try:
        root = html.document_fromstring(text, parser=html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"not a readable HTML document ({exc})") from None
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
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", style.text_content() or ""):
            decls = {k.strip().lower(): v.strip().lower()
                     for k, _, v in (d.partition(":") for d in body.split(";")) if k.strip()}
            for name in re.findall(r"\.([A-Za-z0-9_\-]+)", selector):
                rules.setdefault(name, {}).update(decls)
    return rules


#: A copyright notice line, in the interface languages the exports use.
COPYRIGHT_LINE = re.compile(r"^(?:copyright|©|\(c\)|版权|版權|著作権)", re.I)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def looks_like_date(text: str | None) -> bool:
    """True when ``text`` is a short line that reads as a date: a year plus a day or CJK date.

    A cheap classifier for header lines (outlet vs date vs edition); parsing happens later.

    Examples
    --------
    >>> looks_like_date("January 11, 2010 Monday"), looks_like_date("The Times (London)")
    (True, False)
    >>> [looks_like_date(t) for t in ("3. Januar 1993", "1993 年 1 月 3 日", "Sport 2000")]
    [True, True, False]
    """
    text = norm_space(text)
    if not text or len(text) > 60 or text.lower().startswith(("copyright", "©")):
        return False
    year = _YEAR.search(text)
    if not year:
        return False
    rest = text[:year.start()] + " " + text[year.end():]
    return bool(_DAY.search(rest) or _CJK_DATE.search(text))


_DAY = re.compile(r"(?<![\d:])(0?[1-9]|[12]\d|3[01])(?![\d:])")
_CJK_DATE = re.compile(r"\d\s*[年月日]")
# Month names of the interfaces exports come in. Hand-written fast path: dateparser, which
# kit.corpus.dates falls back to, needs ~20 ms per non-English date (20 s for a 1,000-article export).
_MONTH_NAMES = {
    1: "january jan januar janvier enero gennaio janeiro januari jänner",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari",
    3: "march mar märz maerz mars marzo março maart",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct oktober octobre octubre ottobre outubro okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro dez",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_TIME = (r"(?:,?\s+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::\d{2})?(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?))?"
         r"(?:\s+(?:GMT|UTC|Z))?)?")
_WORD = r"[^\W\d_]+"
_DATE_LAYOUTS = [re.compile(p + r"(?:,?\s+" + _WORD + r")?" + _TIME + r"\s*$") for p in (
    r"^(?:" + _WORD + r",?\s+)?(?P<mon>" + _WORD + r")\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})",
    r"^(?:" + _WORD + r",?\s+)?(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<mon>" + _WORD
    + r")\.?,?\s+(?:de\s+)?(?P<y>\d{4})",
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*星期.)?",
)]


def export_date(text: str | None):
    """Parse the date layouts of news exports quickly; None when the text is not one of them.

    Handles "July 1, 2019 Monday 9:20 AM GMT", "9 January 1993", "3. Januar 1993 Sonntag",
    "1993 年 1 月 3 日" and the like in English, German, French, Spanish, Italian, Portuguese
    and Dutch, with an optional time in GMT/UTC. Anything else is left to
    :func:`kit.corpus.dates.parse_date` (the caller passes the raw string on).

    Examples
    --------
    >>> export_date("July 1, 2019 Monday 9:20 PM GMT")
    Timestamp('2019-07-01 21:20:00+0000', tz='UTC')
    >>> export_date("3. Januar 1993 Sonntag") == export_date("1993 年 1 月 3 日")
    True
    >>> export_date("Friday, 5. July 2019 09:31:00 CEST") is None
    True
    """
    import pandas as pd

    text = norm_space(text)
    for layout in _DATE_LAYOUTS:
        match = layout.match(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _MONTHS.get((groups["mon"] or "").lower())
        if month is None:
            return None
        hour, minute = int(groups.get("H") or 0), int(groups.get("M") or 0)
        if groups.get("ap"):
            hour = hour % 12 + (12 if groups["ap"].lower().startswith("p") else 0)
        try:
            return pd.Timestamp(year=int(groups["y"]), month=month, day=int(groups["d"]),
                                hour=hour, minute=minute, tz="UTC")
        except ValueError:
            return None
    return None


def masthead(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Split an export's masthead lines into ``(outlet, date, edition lines)``.

    The outlet is the first line that does not read as a date (:func:`looks_like_date`), the
    date the first other line that does; every remaining line is part of the edition.

    Examples
    --------
    >>> masthead(["The Times", "May 1, 2020 Friday", "Final Edition"])
    ('The Times', 'May 1, 2020 Friday', ['Final Edition'])
    """
    outlet = next((line for line in lines if not looks_like_date(line)), None)
    date = next((line for line in lines if line is not outlet and looks_like_date(line)), None)
    return outlet, date, [line for line in lines if line is not outlet and line is not date]


def put_field(fields: dict, label: str, value: str | None, names: dict) -> None:
    """Store a labelled line's ``value`` in ``fields``, appending to an earlier value ("; ").

    ``names`` maps labels to field names; another label is kept under its own name, lower-cased
    with dashes and spaces turned into underscores. Empty values are ignored.

    Examples
    --------
    >>> fields = {}
    >>> put_field(fields, "BYLINE", "A. Writer", {"BYLINE": "author"})
    >>> put_field(fields, "JOURNAL-CODE", "XY", {})
    >>> put_field(fields, "BYLINE", "B. Writer", {"BYLINE": "author"})
    >>> fields
    {'author': 'A. Writer; B. Writer', 'journal_code': 'XY'}
    """
    key = names.get(label, label.lower().replace("-", "_").replace(" ", "_"))
    if value:
        fields[key] = f"{fields[key]}; {value}" if key in fields else value


def with_extras(article: dict, fields: dict, keys, *, edition=(), copyright_=()) -> dict:
    """Add an export's extra header/trailer fields (``keys``) to ``article`` and return it.

    Parameters
    ----------
    article : dict
        The record being built; updated in place.
    fields : dict
        The export's labelled fields; ``edition`` and ``copyright`` are filled in here.
    keys : iterable of str
        The fields copied (whitespace collapsed) to ``article`` when present and non-empty.
    edition : sequence of str
        Masthead lines left over beside outlet and date; joined into ``edition`` unless a
        labelled edition exists.
    copyright_ : sequence of str
        Copyright notices, joined into ``copyright``.

    Returns
    -------
    dict
        ``article``.
    """
    if edition and "edition" not in fields:
        fields["edition"] = " ".join(edition)
    if copyright_:
        fields["copyright"] = " ".join(copyright_)
    for key in keys:
        if fields.get(key):
            article[key] = norm_space(fields[key])
    return article
