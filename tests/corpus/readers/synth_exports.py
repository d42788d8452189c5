"""Build database export files of every supported format from known articles.

The generators write files laid out like the real exports (LexisNexis .TXT, Nexis UK HTML,
Nexis Uni / Lexis Advance .docx, Factiva HTML in both display formats, RSS/Atom, saved web pages)
for any number of deterministic synthetic articles, from outlets other than the shared fixtures',
in the English, German or Chinese interface. Tests compare what the readers return with the
:class:`SynthArticle` s the file was made from; the reader benchmark uses them for 1,000-article
exports. Everything here is written by the kit authors; no export file is copied.

Example
-------
>>> arts = make_articles(3, seed=1)
>>> len(arts), arts[0].outlet != arts[1].outlet or arts[0].title != arts[1].title
(3, True)
"""

from __future__ import annotations

import datetime as dt
import html
import random
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

OUTLETS = [
    ("Al Jazeera English", "ALJAZ"),
    ("Haaretz", "HAARTZ"),
    ("Tehran Times", "TEHTIM"),
    ("The Jerusalem Post", "JPOST"),
    ("Süddeutsche Zeitung", "SDDZ"),
    ("South China Morning Post", "SCMP"),
    ("Le Monde diplomatique", "LMDIPL"),
    ("Kyiv Independent", "KYIVIN"),
]
SECTIONS = ["World", "Middle East", "Politics", "Opinion", "International", "Analysis"]
AUTHORS = [
    "Leila Ahmadi",
    "Yossi Ben-David",
    "Anna Kowalczyk",
    "Chen Wei",
    "Marta Schulz",
    "Omar Haddad",
    "Sophie Laurent",
    "Dmytro Shevchenko",
]
_SUBJECTS = [
    "Officials",
    "The ministry",
    "A spokesperson",
    "Diplomats",
    "Witnesses",
    "Analysts",
    "The army",
    "Aid agencies",
    "Residents",
    "The envoy",
]
_VERBS = ["said", "warned", "claimed", "reported", "confirmed", "denied", "stressed", "noted"]
_OBJECTS = [
    "the strikes on the northern border",
    "a ceasefire proposal",
    "drone attacks overnight",
    "the humanitarian corridor",
    "talks in Geneva",
    "the missile interceptions",
    "shelling near the airport",
    "new sanctions",
    "the prisoner exchange",
    "a convoy of aid trucks",
    "air defence systems",
    "the evacuation of civilians",
]
_TAILS = [
    "on Monday",
    "late on Tuesday",
    "according to state media",
    "in a statement",
    "despite international pressure",
    "as fighting continued",
    "after a night of explosions",
    "citing security sources",
    "amid calls for restraint",
    "in the capital",
]

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "zh": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
}
#: Interface strings per UI language (only what the generators print).
UI = {
    "en": dict(
        marker="{i} of {n} DOCUMENTS",
        byline="BYLINE",
        section="SECTION",
        length="LENGTH",
        words="words",
        load="LOAD-DATE",
        language="LANGUAGE",
        english="ENGLISH",
        pubtype="PUBLICATION-TYPE",
        newspaper="Newspaper",
        d_section="Section",
        d_length="Length",
        d_byline="Byline",
        d_body="Body",
        d_class="Classification",
        d_language="Language",
        d_load="Load-Date",
        d_end="End of Document",
        d_cover=("Date and Time", "Job Number", "Documents"),
        f_english="English",
        f_document="Document",
    ),
    "de": dict(
        marker="Dokument {i} von {n}",
        byline="AUTOR",
        section="RUBRIK",
        length="LÄNGE",
        words="Wörter",
        load="UPDATE",
        language="SPRACHE",
        english="ENGLISCH",
        pubtype="PUBLIKATIONSTYP",
        newspaper="Zeitung",
        d_section="Rubrik",
        d_length="Länge",
        d_byline="Autor",
        d_body="Text",
        d_class="Klassifikation",
        d_language="Sprache",
        d_load="Ladedatum",
        d_end="Ende des Dokuments",
        d_cover=("Datum und Uhrzeit", "Auftragsnummer", "Dokumente"),
        f_english="Englisch",
        f_document="Dokument",
    ),
    "zh": dict(
        marker="{i} of {n} DOCUMENTS",
        byline="BYLINE",
        section="SECTION",
        length="LENGTH",
        words="字",
        load="LOAD-DATE",
        language="LANGUAGE",
        english="ENGLISH",
        pubtype="PUBLICATION-TYPE",
        newspaper="报纸",
        d_section="版块",
        d_length="字数",
        d_byline="作者",
        d_body="正文",
        d_class="分类",
        d_language="语言",
        d_load="加载日期",
        d_end="文档结束",
        d_cover=("日期和时间", "作业编号", "文档"),
        f_english="英文",
        f_document="文件",
    ),
}


@dataclass
class SynthArticle:
    """What a synthetic export holds for one article (the readers' expected output)."""

    title: str
    outlet: str
    code: str
    published: dt.datetime
    author: str | None
    section: str | None
    paragraphs: list[str] = field(default_factory=list)
    native_id: str = ""

    @property
    def text(self) -> str:
        """The body as the readers return it: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)


def make_articles(n: int, *, seed: int = 0, start: dt.datetime | None = None) -> list[SynthArticle]:
    """Return ``n`` deterministic articles spread over outlets, authors, sections and days.

    Some bodies start a paragraph with an upper-case dateline and colon ("GENEVA: ..."), which
    must stay in the text; some articles have no author or section.
    """
    rng = random.Random(seed)
    start = start or dt.datetime(2024, 4, 1, 6, 0)
    out = []
    for i in range(n):
        outlet, code = OUTLETS[i % len(OUTLETS)]
        paras = []
        for k in range(rng.randint(3, 6)):
            sentences = [
                f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
                f"{rng.choice(_TAILS)}, item {i}-{k}-{rng.randint(100, 999)}."
                for _ in range(rng.randint(2, 4))
            ]
            paras.append(" ".join(sentences))
        if i % 5 == 0:
            paras[1] = "GENEVA: " + paras[1]
        title = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({i + 1})"
        out.append(
            SynthArticle(
                title=title,
                outlet=outlet,
                code=code,
                published=start + dt.timedelta(hours=7 * i, minutes=rng.randint(0, 59)),
                author=None if i % 7 == 3 else AUTHORS[(i * 3) % len(AUTHORS)],
                section=None if i % 6 == 4 else SECTIONS[i % len(SECTIONS)],
                paragraphs=paras,
                native_id=f"{code}{seed:04d}{i:06d}x",
            )
        )
    return out


def format_date(when: dt.datetime, ui: str, *, style: str = "lexis", time: bool = False) -> str:
    """A date as the given interface prints it (Lexis: with weekday; Factiva: day month year)."""
    if ui == "zh":
        text = f"{when.year} 年 {when.month} 月 {when.day} 日"
        if style == "lexis":
            text += f" {WEEKDAYS['zh'][when.weekday()]}"
    elif ui == "de":
        month = MONTHS["de"][when.month - 1]
        text = (
            f"{when.day}. {month} {when.year} {WEEKDAYS['de'][when.weekday()]}"
            if style == "lexis"
            else f"{when.day} {month} {when.year}"
        )
    else:
        month = MONTHS["en"][when.month - 1]
        text = (
            f"{month} {when.day}, {when.year} {WEEKDAYS['en'][when.weekday()]}"
            if style == "lexis"
            else f"{when.day} {month} {when.year}"
        )
    if time:
        text += f" {when:%H:%M} GMT"
    return text


def _words(a: SynthArticle) -> int:
    return sum(len(p.split()) for p in a.paragraphs)


# --- classic LexisNexis text and Nexis UK HTML ---------------------------------------------


def write_lexisnexis_txt(path: Path, articles: list[SynthArticle], *, ui: str = "en") -> Path:
    """Write a classic LexisNexis .TXT export (cover block, N of M DOCUMENTS, CRLF lines)."""
    u, n = UI[ui], len(articles)
    out = ["", f"Download Request: Selected Items: 1-{n}", "Terms: conflict", ""]
    for i, a in enumerate(articles, start=1):
        out += [
            "",
            " " * 31 + u["marker"].format(i=i, n=n),
            "",
            "",
            " " * 30 + a.outlet,
            "",
            " " * 28 + format_date(a.published, ui),
            " " * 35 + "Final Edition",
            "",
        ]
        out += textwrap.wrap(a.title, 76) + [""]
        if a.author:
            out += [f"{u['byline']}: {a.author}", ""]
        if a.section:
            out += [f"{u['section']}: {a.section}; Pg. {i % 30 + 1}", ""]
        out += [f"{u['length']}: {_words(a)} {u['words']}", ""]
        for p in a.paragraphs:
            out += textwrap.wrap(p, 76) + [""]
        out += [
            f"{u['load']}: {format_date(a.published, ui)}",
            "",
            f"{u['language']}: {u['english']}",
            "",
            "GRAPHIC: Photo of the scene, with a caption that runs onto",
            "a second line",
            "",
            f"{u['pubtype']}: {u['newspaper']}",
            "",
            "",
            " " * 22 + f"Copyright {a.published.year} {a.outlet}",
            " " * 30 + "All Rights Reserved",
            "",
        ]
    path.write_bytes(("\ufeff" + "\r\n".join(out) + "\r\n").encode("utf-8"))
    return path


def write_nexis_html(
    path: Path, articles: list[SynthArticle], *, ui: str = "en", seed: int = 0
) -> Path:
    """Write a Nexis UK HTML export; CSS class names are shuffled per file (seed)."""
    u, n = UI[ui], len(articles)
    names = [f"c{k}" for k in range(9)]
    random.Random(seed).shuffle(names)
    center, center_p, normal, left, left_p, head, label, body_p = names[:8]
    css = (
        f".{center} {{ text-align: center; }}\n.{center_p} {{ text-align: center; margin-top: 0em; }}\n"
        f".{normal} {{ font-family: Arial; font-size: 10pt; font-weight: normal; }}\n"
        f".{left} {{ text-align: left; }}\n.{left_p} {{ text-align: left; margin-top: 0em; }}\n"
        f".{head} {{ font-family: Arial; font-size: 14pt; font-weight: bold; }}\n"
        f".{label} {{ font-family: Arial; font-size: 10pt; font-weight: bold; }}\n"
        f".{body_p} {{ text-align: left; margin-top: 1em; }}\n"
    )
    e = html.escape

    def centred(text):
        return (
            f'<BR><DIV CLASS="{center}"><P CLASS="{center_p}"><SPAN CLASS="{normal}">{text}'
            f"</SPAN></P>\n</DIV>\n"
        )

    def labelled(lab, value):
        return (
            f'<BR><DIV CLASS="{left}"><P CLASS="{left_p}"><SPAN CLASS="{label}">{e(lab)}: '
            f'</SPAN><SPAN CLASS="{normal}">{e(value)}</SPAN></P>\n</DIV>\n'
        )

    parts = [
        f'<HTML>\n<HEAD>\n<STYLE TYPE="text/css"><!--\n{css}--></STYLE>\n'
        f"<!-- LXNComment 1:1 -->\n<TITLE>&nbsp;</TITLE>\n"
        f'<META TOPIC="null" DOCUMENTS="{n}" /></HEAD>\n<BODY>\n'
    ]
    for i, a in enumerate(articles, start=1):
        parts.append(
            f'<A NAME="DOC_ID_{i}_0"></A><!-- Hide XML section from browser\n'
            f"<DOC NUMBER={i}>\n<DOCFULL> -->\n"
        )
        parts.append(centred(e(u["marker"].format(i=i, n=n))))
        parts.append(centred(f'<IMG SRC="logo.gif" ALT="logo"><BR>{e(a.outlet)}'))
        parts.append(centred(e(format_date(a.published, ui, time=True))))
        parts.append(
            f'<BR><DIV CLASS="{left}"><P CLASS="{left_p}"><SPAN CLASS="{head}">'
            f"{e(a.title)}</SPAN></P>\n</DIV>\n"
        )
        if a.author:
            parts.append(labelled(u["byline"], a.author))
        if a.section:
            parts.append(labelled(u["section"], a.section))
        parts.append(labelled(u["length"], f"{_words(a)} {u['words']}"))
        parts.append(
            f'<BR><DIV CLASS="{left}">'
            + "".join(
                f'<P CLASS="{body_p}"><SPAN CLASS="{normal}">{e(p)}</SPAN></P>\n'
                for p in a.paragraphs
            )
            + "</DIV>\n"
        )
        parts.append(labelled(u["load"], format_date(a.published, ui)))
        parts.append(labelled(u["language"], u["english"]))
        parts.append(labelled(u["pubtype"], "Newswire"))
        parts.append(centred(f"Copyright {a.published.year} {e(a.outlet)}<BR>All Rights Reserved"))
        parts.append("<!-- Hide XML section from browser\n</DOCFULL>\n</DOC> -->\n")
    parts.append("</BODY>\n</HTML>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


# --- Nexis Uni / Lexis Advance .docx ---------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
    '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _run(text: str, *, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else "<w:rPr></w:rPr>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _p(
    *runs: str,
    outline: bool = False,
    center: bool = False,
    bookmark: str | None = None,
    sect: bool = False,
) -> str:
    ppr = "".join(
        [
            '<w:jc w:val="center"/>' if center else "",
            '<w:outlineLvl w:val="0"/>' if outline else "",
            '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>' if sect else "",
        ]
    )
    mark = (
        f'<w:bookmarkStart w:id="{abs(hash(bookmark)) % 99999}" w:name="{bookmark}"/>'
        if bookmark
        else ""
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{mark}{''.join(runs)}</w:p>"


def _label(label: str, value: str) -> str:
    return _p(_run(f"{label}:", bold=True), _run("\u00a0" + value))


def write_nexis_docx(
    path: Path,
    articles: list[SynthArticle],
    *,
    ui: str = "en",
    cover: bool = True,
    outline: bool = True,
    end_marker: str | None = None,
) -> Path:
    """Write a Nexis Uni (``cover=True``) or Lexis Advance (``cover=False``) .docx export.

    ``outline=False`` leaves out the headline's outline level (older exports);
    ``end_marker`` replaces the interface's "End of Document" words.
    """
    u = UI[ui]
    body: list[str] = []
    if cover:
        when, job, docs = u["d_cover"]
        body += [
            _p(_run(f"{when}: ", bold=True), _run("Friday, 5. July 2019 09:31:00 CEST")),
            _p(_run(f"{job}: ", bold=True), _run("00000042")),
            _p(_run(f"{docs} ({len(articles)})", bold=True)),
        ]
        for i, a in enumerate(articles, start=1):
            body += [
                _p(_run(f"{i}. {a.title}")),
                _p(_run("Client/Matter: ", bold=True), _run("-None-")),
            ]
        body.append(_p(sect=True))
    for i, a in enumerate(articles, start=1):
        body.append(_p(bookmark=f"Bookmark_{i}"))
        body.append(_p(_run(a.title, bold=True), outline=outline, center=True))
        body.append(_p(_run(a.outlet), center=True))
        body.append(_p(_run(format_date(a.published, ui, time=True)), center=True))
        body.append(
            _p(_run(f"Copyright {a.published.year} {a.outlet} All Rights Reserved"), center=True)
        )
        if a.section:
            body.append(_label(u["d_section"], f"{a.section}; Version:{i % 9 + 1}"))
        body.append(_label(u["d_length"], f"{_words(a)} {u['words']}"))
        if a.author:
            body.append(_label(u["d_byline"], a.author))
        body.append(_p(_run(u["d_body"], bold=True), bookmark=f"Body_{i}"))
        body.append(_p())
        body += [_p(_run(p)) for p in a.paragraphs]
        if i % 2:
            body.append(_p(_run(u["d_class"], bold=True), bookmark=f"Classification_{i}"))
            body.append(_label(u["d_language"], u["english"]))
            body.append(_label("Subject", "ARMED FORCES (90%); WAR & CONFLICT (88%)"))
        body.append(_label(u["d_load"], format_date(a.published, ui, style="factiva")))
        body.append(_p(_run(end_marker or u["d_end"], bold=True)))
        body.append(_p(sect=True))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return path


# --- Factiva HTML ----------------------------------------------------------------------------


def write_factiva_html(
    path: Path, articles: list[SynthArticle], *, ui: str = "en", layout: str = "article"
) -> Path:
    """Write a Factiva export page: ``layout="article"`` (unlabelled) or ``"indexed"`` (codes)."""
    u, e = UI[ui], html.escape
    parts = [
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        '<title>Factiva</title></head><body><div id="navcontainer"><h1>Dow Jones Factiva</h1>'
        '</div><div id="contentWrapper"><div id="contentLeft">'
    ]
    for a in articles:
        words = f"{_words(a)} {u['words']}"
        date = format_date(a.published, ui, style="factiva")
        paras = "".join(
            f'<p class="articleParagraph enarticleParagraph">{e(p)}  </p>\n' for p in a.paragraphs
        )
        parts.append(
            f'<div id="article-{a.native_id}" class="article"><div class="article enArticle">'
        )
        if layout == "article":
            parts.append("<p></p>")
            if a.section:
                parts.append(f"<div>{e(a.section)}</div>")
            parts.append(f'<div id="hd"><span class="enHeadline">{e(a.title)}  </span></div>')
            if a.author:
                parts.append(f'<div class="author">By {e(a.author)}  </div>')
            parts.append(
                f"<div>{e(words)}</div><div>{e(date)}</div><div>{a.published:%H:%M}"
                f"</div><div>{e(a.outlet)}</div><div>{a.code}</div><div>Final</div>"
                f"<div>{a.published.day}</div><div>{u['f_english']}</div>"
                f"<div>Copyright {a.published.year} {e(a.outlet)}.</div><p></p>"
            )
            parts.append(paras)
            parts.append(f"<p>{e(a.outlet)} (Full Text)</p><p>{u['f_document']} {a.native_id}</p>")
        else:
            rows = [("HD", f"<b>{e(a.title)}</b>")]
            if a.author:
                rows.append(("BY", e(a.author)))
            if a.section:
                rows.append(("SE", e(a.section)))
            rows += [
                ("WC", e(words)),
                ("PD", e(date)),
                ("ET", f"{a.published:%H:%M}"),
                ("SN", e(a.outlet)),
                ("SC", a.code),
                ("LA", u["f_english"]),
                ("CY", f"Copyright {a.published.year} {e(a.outlet)}."),
                ("LP", paras.split("\n", 1)[0]),
                ("TD", paras.split("\n", 1)[1]),
                ("NS", "gvio : Military Action | gcat : Political/General News"),
                ("RE", "isr : Israel | iran : Iran"),
                ("IPD", "conflict"),
                ("PUB", e(a.outlet)),
                ("AN", f"{u['f_document']} {a.native_id}"),
            ]
            parts.append(
                '<table border="0">'
                + "".join(
                    f'<tr><td class="index" valign="top"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>'
                    for code, value in rows
                )
                + "</table>"
            )
        parts.append("</div></div>\n")
    parts.append(
        '</div></div><table class="searchPreview"><tr><td class="label">Text</td>'
        "<td>conflict</td></tr></table></body></html>"
    )
    path.write_text("".join(parts), encoding="utf-8")
    return path


# --- feeds and web pages ---------------------------------------------------------------------


def write_feed(path: Path, articles: list[SynthArticle], *, kind: str = "rss") -> Path:
    """Write an RSS 2.0 (``kind="rss"``) or Atom (``"atom"``) feed, one entry per article."""
    e = html.escape
    if kind == "rss":
        items = "".join(
            f"<item><title>{e(a.title)}</title><link>https://example.org/a/{a.native_id}</link>"
            f"<guid>{a.native_id}</guid><pubDate>{a.published:%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
            f"<author>{e(a.author or '')}</author><category>{e(a.section or '')}</category>"
            f"<description>{e(''.join(f'<p>{p}</p>' for p in a.paragraphs))}</description></item>"
            for a in articles
        )
        text = (
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Conflict Wire</title><link>https://example.org/</link>"
            f"<language>en-gb</language>{items}</channel></rss>"
        )
    else:
        entries = "".join(
            f'<entry><title>{e(a.title)}</title><link href="https://example.org/a/{a.native_id}"/>'
            f"<id>urn:x:{a.native_id}</id><updated>{a.published:%Y-%m-%dT%H:%M:%SZ}</updated>"
            f"<author><name>{e(a.author or 'Staff')}</name></author>"
            + (f'<category term="{e(a.section)}"/>' if a.section else "")
            + f'<content type="html">{e("".join(f"<p>{p}</p>" for p in a.paragraphs))}</content>'
            f"</entry>"
            for a in articles
        )
        text = (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Conflict Atom</title><id>urn:x:feed</id>"
            f"<updated>2024-04-15T00:00:00Z</updated>{entries}</feed>"
        )
    path.write_text(text, encoding="utf-8")
    return path


def write_webpage(path: Path, article: SynthArticle) -> Path:
    """Write a news-site page: navigation, an advert, the article, related links, a footer."""
    e = html.escape
    related = "".join(
        f'<li><a href="/r{k}">Related: market report number {k}</a></li>' for k in range(6)
    )
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(article.title)} | {e(article.outlet)}</title>"
        f'<link rel="canonical" href="https://news.example.org/{article.native_id}">'
        f'<meta property="og:site_name" content="{e(article.outlet)}">'
        f'<meta name="author" content="{e(article.author or "")}">'
        f'<meta property="article:published_time" '
        f'content="{article.published:%Y-%m-%dT%H:%M:%S}Z">'
        f'<meta property="og:title" content="{e(article.title)}"></head><body>'
        f'<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        f'<li><a href="/sport">Sport</a></li></ul></nav></header>'
        f'<div class="advert">Advertisement: cheap flights to anywhere, book now</div>'
        f"<main><article><h1>{e(article.title)}</h1>"
        + "".join(f"<p>{e(p)}</p>" for p in article.paragraphs)
        + f'</article><aside class="related"><h2>Related articles</h2><ul>{related}</ul>'
        f"</aside></main><footer><p>Copyright {e(article.outlet)}. Privacy. Cookies.</p>"
        f"</footer></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


#: name -> (writer, file suffix) for every export format, used by the benchmark.
WRITERS = {
    "lexisnexis_txt": (write_lexisnexis_txt, ".TXT"),
    "nexis_html": (write_nexis_html, ".html"),
    "nexis_docx": (write_nexis_docx, ".docx"),
    "factiva_html": (write_factiva_html, ".html"),
    "rss": (write_feed, ".rss"),
}


def mismatches(records: list, articles: list[SynthArticle], *, outlet: bool = True) -> list[str]:
    """Describe every difference between reader output and the articles an export was made from.

    Compares count, title, outlet, author (a leading "By " is ignored), section (the reader's
    may carry a page suffix), publication day, and text exactly. Returns [] when all match.
    """
    problems = (
        []
        if len(records) == len(articles)
        else [f"{len(records)} records for {len(articles)} articles"]
    )
    for i, (got, want) in enumerate(zip(records, articles), start=1):
        if not isinstance(got, dict):
            problems.append(f"{i}: skipped ({got})")
            continue
        author = (got.get("author") or "").removeprefix("By ") or None
        checks = [
            ("title", got.get("title"), want.title),
            ("author", author, want.author),
            ("text", got.get("text"), want.text),
        ]
        if outlet:
            checks.append(("outlet", got.get("outlet"), want.outlet))
        section = got.get("section")
        if want.section and not (section or "").startswith(want.section):
            checks.append(("section", section, want.section))
        day = published_of(got)
        if day is not None and day == day and day.date() != want.published.date():
            checks.append(("published", got.get("published"), want.published.date()))
        elif day != day:
            checks.append(("published", got.get("published"), "a parsable date"))
        problems += [f"{i}: {name} {a!r:.80} != {b!r:.80}" for name, a, b in checks if a != b]
    return problems


def published_of(record: dict):
    """The record's publication time as a UTC Timestamp (readers give a Timestamp or a string)."""
    import pandas as pd

    from kit.corpus.dates import parse_date

    value = record.get("published")
    return value if isinstance(value, pd.Timestamp) else parse_date(value)
