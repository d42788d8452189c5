"""RSS and Atom feed files, one article per entry, parsed by feedparser from local bytes.

feedparser is given the file's bytes through a file object, never a name or URL, so it cannot
fetch anything; a feed that declares XML entities (the XXE / "billion laughs" vectors) is refused
before parsing (feedparser would drop external ones anyway). Entry HTML (summaries, content) is
reduced to text with the safe HTML parser; the entry's ``published`` (else ``updated``) string is
kept raw for the pipeline's date parser.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from kit.corpus.language import language_code
from kit.corpus.limits import MAX_FEED_TAGS
from kit.corpus.readers._markup import norm_space, parse_html, refuse_entities, text_with_breaks
from kit.corpus.readers._text_io import read_file_bytes
from kit.corpus.readers.registry import SkippedRecord, register_reader
from kit.errors import IngestError

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def html_to_text(fragment: str) -> str:
    """Reduce an HTML fragment to plain text, one paragraph per block, blank-line separated.

    Examples
    --------
    >>> html_to_text("<p>One <b>two</b>.</p><p>Three.</p>")
    'One two.\\n\\nThree.'
    >>> html_to_text("Intro<p>Para.</p>Outro")
    'Intro\\n\\nPara.\\n\\nOutro'
    >>> html_to_text("plain text")
    'plain text'
    """
    if "<" not in fragment:
        return norm_space(fragment)
    root = parse_html(f"<html><body>{fragment}</body></html>", "feed entry")
    text = text_with_breaks(root.find("body"), blocks=_BLOCKS)
    paras = [norm_space(p) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return html_to_text(content["value"])
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def _sniff(head: bytes, path: Path) -> bool:
    return bool(_FEED_ROOT.search(head[:4096]))


@register_reader("rss", extensions=(".rss", ".atom"), sniff=_sniff, priority=25)
def read_rss(path: Path, **options):
    """RSS 0.9x/1.0/2.0 or Atom feed file: one article per entry.

    Parameters
    ----------
    path : Path
        A feed saved to disk (``.rss``, ``.atom`` or ``.xml``).
    **options
        ``source`` overrides the source name (default "RSS").

    Yields
    ------
    dict or SkippedRecord
        ``title, text, published, published_raw, author, section (first category), url (entry
        link), native_id (entry id), outlet (feed title), language, source``; a
        ``SkippedRecord`` for an entry with neither title nor text.

    Raises
    ------
    IngestError
        When the file declares XML entities, holds more than
        :data:`~kit.corpus.limits.MAX_FEED_TAGS` tags, is not a feed, or has no entries.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "f.rss")
    >>> _ = open(p, "w").write('<rss version="2.0"><channel><title>Wire</title><item>'
    ...     '<title>Strikes</title><description>Drones launched.</description>'
    ...     '<pubDate>Mon, 15 Apr 2024 08:00:00 GMT</pubDate></item></channel></rss>')
    >>> [(a["outlet"], a["title"], a["text"]) for a in read_rss(Path(p))]
    [('Wire', 'Strikes', 'Drones launched.')]
    """
    import feedparser

    path = Path(path)
    data = read_file_bytes(path, markup=True)
    refuse_entities(data, path)
    n_tags = data.count(b"<")
    if n_tags > MAX_FEED_TAGS:
        raise IngestError(
            path,
            f"the feed holds {n_tags:,} tags; kit reads feeds of up to {MAX_FEED_TAGS:,} (a feed "
            "of 1,000 full articles has about 50,000); split it into smaller feeds",
        )
    # kit reduces entry HTML to text with its own safe parser and never renders it, so
    # feedparser's sanitizer (slow on heavy markup) is not needed
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(
            path,
            "not an RSS or Atom feed"
            + (f" ({reason})" if reason else "")
            + "; expected an <rss>, <feed> or <rdf:RDF> document",
        )
    if not parsed.entries:
        raise IngestError(path, "no articles found: the feed has no <item>/<entry> elements")
    feed = parsed.feed
    outlet = norm_space(feed.get("title")) or None
    language = language_code(feed.get("language"))
    source = options.get("source") or "RSS"
    for record, entry in enumerate(parsed.entries, start=1):
        title = norm_space(entry.get("title"))
        try:
            text = _entry_text(entry)
        except IngestError as exc:
            yield SkippedRecord(record, f"feed entry {record}: {exc.reason}")
            continue
        if not title and not text:
            yield SkippedRecord(record, f"feed entry {record} has neither title nor text")
            continue
        published = entry.get("published") or entry.get("updated") or entry.get("created")
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        yield {
            "title": title or None,
            "text": text,
            "published": published,
            "published_raw": published,
            "author": entry.get("author") or None,
            "section": tags[0] if tags else None,
            "url": entry.get("link") or None,
            "native_id": entry.get("id") or None,
            "outlet": outlet,
            "language": language,
            "source": source,
        }
