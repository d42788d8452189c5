"""Web pages saved from news sites (.html), main text extracted with trafilatura.

trafilatura (a maintained extractor, evaluated against other boilerplate removers) keeps the
article's paragraphs and drops navigation, adverts, related-article lists, comments and footers.
It also reads the page's metadata: title, author, publication date, site name and canonical URL.
Everything runs on the saved file: nothing is fetched.

A page that is really a database export (Factiva, Nexis UK) saved with an ``.html`` name is
handed to that format's reader, so its many articles are not flattened into one.
"""

from __future__ import annotations

from pathlib import Path

from kit.corpus.language import language_code
from kit.corpus.readers._markup import norm_space, parse_html
from kit.corpus.readers._text_io import read_file_bytes
from kit.corpus.readers.registry import register_reader
from kit.errors import IngestError

#: Shortest main text (characters) accepted as an article: below it trafilatura has only found
#: scraps such as a navigation link.
MIN_TEXT_CHARS = 50
_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%d %H:%M:%S",
}


def extract_webpage(data: bytes, path) -> dict:
    """Extract one article from a saved web page's bytes.

    Parameters
    ----------
    data : bytes
        The page as saved.
    path : str or Path
        Named in errors.

    Returns
    -------
    dict
        ``title, text, published, published_raw, author, outlet, url, source`` ("Web"), and
        ``language`` when the page declares one. ``text`` has one paragraph per block,
        separated by blank lines, without the headline.

    Raises
    ------
    IngestError
        When no main text can be found.
    """
    import trafilatura
    from trafilatura.settings import use_config

    root = parse_html(data, path)
    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout (threads, Windows)
    result = trafilatura.bare_extraction(
        root,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=dict(_DATE_PARAMS),
        config=config,
    )
    doc = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    lines = [norm_space(line) for line in (doc.get("text") or "").split("\n")]
    lines = [line for line in lines if line]
    title = norm_space(doc.get("title"))
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if not lines:
        raise IngestError(
            path,
            "no article text found in this web page (trafilatura found no "
            "main content); expected an HTML page saved from a news site",
        )
    date = doc.get("date")
    return {
        "title": title or None,
        "text": "\n\n".join(lines),
        "published": date,
        "published_raw": date,
        "author": doc.get("author"),
        "outlet": doc.get("sitename") or doc.get("hostname"),
        "url": doc.get("url"),
        "section": ", ".join(doc.get("categories") or []) or None,
        "language": language_code(root.get("lang")),
        "source": "Web",
    }


def _sniff(head: bytes, path: Path) -> bool:
    low = head[:2048].lower()
    return path.suffix.lower() in (".html", ".htm", ".xhtml") and (
        b"<html" in low or b"<!doctype html" in low
    )


@register_reader("webpage", extensions=(".html", ".htm", ".xhtml"), sniff=_sniff, priority=1)
def read_webpage(path: Path, **options):
    """A web page saved from a news site: one article (main text, title, date, author, site).

    Parameters
    ----------
    path : Path
        An ``.html`` file saved from a browser or a crawler.
    **options
        Unused.

    Yields
    ------
    dict
        One article (see :func:`extract_webpage`); a Factiva or Nexis UK export saved under an
        ``.html`` name yields that export's articles instead.

    Raises
    ------
    IngestError
        When the page has no main text.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "page.html")
    >>> body = " ".join(["Officials said the strikes were limited and most drones fell."] * 4)
    >>> _ = open(p, "w").write(f"<html><head><title>Strikes</title></head><body><nav>Home"
    ...     f"</nav><article><h1>Strikes</h1><p>{body}</p><p>{body}</p></article></body></html>")
    >>> next(read_webpage(Path(p)))["title"]
    'Strikes'
    """
    from kit.corpus.readers.factiva_html import looks_like_factiva, read_factiva_html
    from kit.corpus.readers.nexis_html import looks_like_nexis, read_nexis_html

    path = Path(path)
    data = read_file_bytes(path, markup=True)
    if looks_like_factiva(data):
        yield from read_factiva_html(path, **options)
        return
    if looks_like_nexis(data):
        yield from read_nexis_html(path, **options)
        return
    yield extract_webpage(data, path)
