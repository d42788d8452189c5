"""Factiva HTML exports ("Format for saving" pages), in both of Factiva's display formats.

Every article sits in a ``div`` whose class holds ``<lang>Article`` (``enArticle``,
``deArticle``...); its body paragraphs carry the class ``articleParagraph``. The metadata comes
in one of two layouts:

- **Article format** (unlabelled): ``div`` lines around the headline (``span.*Headline``) in a
  fixed order: section, headline, author (``div.author``), credit, word count
  ("877 words" / "877 Wörter" / "877 字"), date, optional time, source name, source code, then
  edition, page, language and the copyright line. The word-count line anchors the order, so the
  interface language does not matter.
- **Full article plus indexing** (labelled): table rows whose first cell is a Factiva code
  (``HD`` headline, ``BY`` byline, ``WC`` word count, ``PD`` date, ``SN`` source name,
  ``SC`` source code, ``SE`` section, ``LA`` language, ``CY`` copyright, ``LP``/``TD`` lead and
  text, ``NS``/``RE``/``IPD``/``PUB``/``AN``...). Only ``LP`` and ``TD`` become text.

Either way, nothing but the article paragraphs reaches ``text``.
"""

from __future__ import annotations

import re
from pathlib import Path

from kit.corpus.dates import export_date, looks_like_date
from kit.corpus.language import language_code
from kit.corpus.readers._fields import COPYRIGHT_LINE, with_extras
from kit.corpus.readers._markup import looks_like_html, norm_space, parse_html
from kit.corpus.readers._text_io import read_file_bytes
from kit.corpus.readers.registry import SkippedRecord, register_reader
from kit.errors import IngestError

_ARTICLE_CLASS = re.compile(r"(?:^|\s)[a-z]{2,4}(?:[-_]?[a-zA-Z]{2,4})?Article(?:\s|$)")
WORD_COUNT_LINE = re.compile(r"^\d[\d.,'\s]*\s*[^\d\s]{1,12}$")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|[AP]M))?$", re.I)
_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
DOC_ID_LINE = re.compile(r"^\S+\s+([A-Za-z0-9]{10,})$")
#: Factiva's field codes (labelled layout) -> field name.
CODES = {
    "HD": "title",
    "BY": "author",
    "WC": "length",
    "PD": "published",
    "ET": "time",
    "SN": "outlet",
    "SC": "source_code",
    "SE": "section",
    "ED": "edition",
    "PG": "page",
    "LA": "language",
    "CY": "copyright",
    "CR": "credit",
    "AN": "native_id",
    "NS": "subjects",
    "RE": "regions",
    "CO": "companies",
    "IN": "industries",
    "IPD": "descriptors",
    "IPC": "codes",
    "PUB": "publisher",
    "VOL": "volume",
    "CT": "contact",
    "RF": "reference",
    "ART": "caption",
    "CLM": "column",
}
_TEXT_CODES = ("LP", "TD")
EXTRA_FIELDS = ("edition", "length", "copyright", "source_code", "subjects", "regions")


def _articles(root):
    """The article blocks of a page: "..Article" divs, then the other article containers
    (``div id="article-..."``) whose paragraphs no such block holds."""
    found = [d for d in root.iter("div") if _ARTICLE_CLASS.search(d.get("class") or "")]
    if not found:  # older pages: the innermost div with class "article"
        found = [
            d
            for d in root.iter("div")
            if "article" in (d.get("class") or "").split()
            and not d.xpath(".//div[contains(concat(' ', @class, ' '), ' article ')]")
        ]
    tree = root.getroottree()
    covered = {
        tree.getpath(el) for d in found for el in (d, *d.iterancestors(), *d.iterdescendants())
    }
    for container in _containers(root):
        if tree.getpath(container) not in covered:
            found.append(next((c for c in container if c.tag == "div"), container))
    order = {tree.getpath(el): i for i, el in enumerate(root.iter())}
    return sorted(found, key=lambda el: order[tree.getpath(el)])


def _containers(root) -> list:
    """The page's article containers (``div id="article-<id>"``), one per article."""
    return [d for d in root.iter("div") if (d.get("id") or "").startswith("article-")]


def _paragraphs(nodes) -> list[str]:
    return [t for t in (norm_space(p.text_content()) for p in nodes) if t]


def _labelled(article) -> dict | None:
    rows: dict = {}
    for tr in article.iter("tr"):
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) >= 2:
            code = norm_space(cells[0].text_content())
            if code in CODES or code in _TEXT_CODES:
                rows.setdefault(code, cells[1])
    if "HD" not in rows and "TD" not in rows:
        return None
    fields = {CODES[c]: norm_space(cell.text_content()) for c, cell in rows.items() if c in CODES}
    body = []
    for code in _TEXT_CODES:
        if code in rows:
            paras = rows[code].xpath(".//p") or [rows[code]]
            body += _paragraphs(paras)
    fields["text"] = "\n\n".join(body)
    if fields.get("native_id"):
        match = DOC_ID_LINE.match(fields["native_id"])
        fields["native_id"] = match.group(1) if match else fields["native_id"]
    return fields


def _unlabelled(article) -> dict:
    """Fields of an article in Factiva's plain layout (no HD/LP labels): headline by class or id,
    the lines around it read in document order as byline, word count, date, outlet and body."""
    fields: dict[str, str] = {}
    headline = article.xpath(".//*[contains(@class, 'Headline')]") or article.xpath(
        ".//*[@id='hd']"
    )
    fields["title"] = norm_space(headline[0].text_content()) if headline else ""
    hd_div = headline[0] if headline else None
    while hd_div is not None and hd_div.getparent() is not article:
        hd_div = hd_div.getparent()
    lines, before = [], []
    seen_hd = hd_div is None
    for child in article:
        if child is hd_div:
            seen_hd = True
            continue
        if child.tag != "div":
            continue
        text = norm_space(child.text_content())
        if not text:
            continue
        if not seen_hd:
            before.append(text)
        elif "author" in (child.get("class") or ""):
            fields["author"] = text
        else:
            lines.append(text)
    if before:
        fields["section"] = " ".join(before)
    anchor = next((i for i, t in enumerate(lines) if WORD_COUNT_LINE.match(t)), None)
    if anchor is None:
        return fields
    header_lines(lines, anchor, fields)
    fields["text"] = "\n\n".join(
        _paragraphs(article.xpath(".//p[contains(concat(' ', @class, ' '), 'articleParagraph')]"))
    )
    trailer = [
        norm_space(p.text_content())
        for p in article
        if p.tag == "p" and "articleParagraph" not in (p.get("class") or "")
    ]
    doc_ids = [m.group(1) for m in (DOC_ID_LINE.match(t) for t in trailer if t) if m]
    if doc_ids:
        fields["native_id"] = doc_ids[-1]
    return fields


def header_lines(lines: list[str], anchor: int, fields: dict) -> None:
    """Read the plain layout's lines around the word count (``lines[anchor]``) into ``fields``:
    credit before it; then date (and time), outlet, source code, copyright, language, page and
    edition after it."""
    credit = lines[:anchor]
    if credit:
        fields["credit"] = "; ".join(credit)
    fields["length"] = lines[anchor]
    rest = lines[anchor + 1 :]
    if rest and looks_like_date(rest[0]):
        fields["published"] = rest.pop(0)
        if rest and _TIME.match(rest[0]):
            fields["published"] += " " + rest.pop(0)
    if rest and not COPYRIGHT_LINE.match(rest[0]):
        fields["outlet"] = rest.pop(0)
    if rest and _CODE.match(rest[0]):
        fields["source_code"] = rest.pop(0)
    copyright_ = [t for t in rest if COPYRIGHT_LINE.match(t)]
    rest = [t for t in rest if t not in copyright_]
    if copyright_:
        fields["copyright"] = " ".join(copyright_)
    if rest and language_code(rest[-1]):
        fields["language"] = rest.pop()
    pages = [t for t in rest if t.isdigit()]
    if pages:
        fields["page"] = pages[0]
    edition = [t for t in rest if not t.isdigit()]
    if edition:
        fields["edition"] = "; ".join(edition)


def _native_id_from_container(article) -> str | None:
    for el in (article, article.getparent()):
        if el is not None and (el.get("id") or "").startswith("article-"):
            return el.get("id")[len("article-") :]
    return None


def _sniff(head: bytes, path: Path) -> bool:
    low = head.lower()
    return looks_like_html(head) and (
        b"<title>factiva</title>" in low
        or b"dow jones factiva" in low
        or b"articleparagraph" in low
    )


def looks_like_factiva(data: bytes) -> bool:
    """True when a whole page's bytes look like a Factiva export (used by the web-page reader)."""
    low = data.lower()
    return b"articleparagraph" in low and (b"factiva" in low or b"headline" in low)


@register_reader("factiva_html", sniff=_sniff, priority=30)
def read_factiva_html(path: Path, **options):
    """Factiva HTML export, one article per ``<lang>Article`` block.

    Parameters
    ----------
    path : Path
        An ``.html`` page saved from Factiva's "Format for saving" view.
    **options
        ``source`` overrides the source name (default "Factiva").

    Yields
    ------
    dict or SkippedRecord
        ``title, text, published, published_raw, author, section, outlet, native_id,
        language, source`` plus ``edition, length, copyright, source_code, subjects, regions``
        when present.

    Raises
    ------
    IngestError
        When the page holds no Factiva article blocks.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "f.html")
    >>> _ = open(p, "w").write('<html><body><div class="article enArticle"><div id="hd">'
    ...     '<span class="enHeadline">Strikes</span></div><div>12 words</div>'
    ...     '<div>3 January 1993</div><div>The Daily</div><div>DLY</div><div>English</div>'
    ...     '<p class="articleParagraph">Drones were launched.</p></div></body></html>')
    >>> [(a["outlet"], a["title"], a["text"], str(a["published"])) for a in read_factiva_html(p)]
    [('The Daily', 'Strikes', 'Drones were launched.', '1993-01-03 00:00:00+00:00')]
    """
    source = options.get("source") or "Factiva"
    root = parse_html(read_file_bytes(Path(path), markup=True), path)
    articles = _articles(root)
    if not articles:
        raise IngestError(
            path,
            "no articles found: expected Factiva article blocks "
            "(div class '..Article' with 'articleParagraph' paragraphs)",
        )
    for record, article in enumerate(articles, start=1):
        fields = _labelled(article) or _unlabelled(article)
        title, text = norm_space(fields.get("title")), fields.get("text", "")
        if not text:
            yield SkippedRecord(
                record, f"article {record} ({title or 'no headline'}) has no paragraphs of text"
            )
            continue
        published = fields.get("published")
        if published and fields.get("time"):
            published = f"{published} {fields['time']}"
        item = {
            "title": title or None,
            "text": text,
            "published": export_date(published) or published,
            "published_raw": published,
            "author": fields.get("author") or fields.get("credit"),
            "section": fields.get("section"),
            "outlet": fields.get("outlet"),
            "native_id": fields.get("native_id") or _native_id_from_container(article),
            "language": language_code(fields.get("language")),
            "source": source,
        }
        yield with_extras(item, fields, EXTRA_FIELDS)
