"""Saved web pages (trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import pytest

from kit.corpus.readers import SkippedRecord, detect_reader, get_reader
from kit.errors import IngestError
from tests.corpus.readers.synth_exports import (
    make_articles,
    mismatches,
    published_of,
    write_factiva_html,
    write_feed,
    write_webpage,
)

WEBPAGE = get_reader("webpage").read
RSS = get_reader("rss").read
BOILERPLATE = (
    "Home",
    "Sport",
    "Advertisement",
    "cheap flights",
    "Related",
    "market report",
    "Privacy",
    "Cookies",
)


@pytest.mark.parametrize("index", [0, 3, 5])
def test_webpage_main_text_and_metadata(tmp_path, index):
    article = make_articles(8, seed=51)[index]
    path = write_webpage(tmp_path / "page.html", article)
    assert detect_reader(path).name == "webpage"
    (record,) = list(WEBPAGE(path))
    assert record["title"] == article.title
    assert record["text"] == article.text  # paragraphs kept, headline not repeated
    for noise in BOILERPLATE:
        assert noise not in record["text"], noise
    assert record["outlet"] == article.outlet
    assert record["url"] == f"https://news.example.org/{article.native_id}"
    assert record["author"] == article.author
    assert published_of(record).date() == article.published.date()
    assert record["language"] == "en" and record["source"] == "Web"


def test_page_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match="no article text"):
        list(WEBPAGE(path))


def test_factiva_page_saved_as_html_is_not_flattened(tmp_path):
    articles = make_articles(12, seed=52)
    path = write_factiva_html(tmp_path / "saved.html", articles)
    # a browser-saved page can push the Factiva markers past what the sniffers see
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("<title>Factiva</title>", "<script>" + "var x = 1;" * 2000 + "</script>", 1)
        .replace("Dow Jones Factiva", "Dow Jones"),
        encoding="utf-8",
    )
    assert detect_reader(path).name == "webpage"
    assert mismatches(list(WEBPAGE(path)), articles) == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_one_article_per_entry(tmp_path, kind):
    articles = make_articles(300, seed=53)
    path = write_feed(tmp_path / f"feed.{kind}", articles, kind=kind)
    assert detect_reader(path).name == "rss"
    records = list(RSS(path))
    problems = mismatches(records, articles, outlet=False)
    if kind == "atom":  # the Atom writer names authorless entries "Staff"
        problems = [p for p in problems if not p.split(": ", 1)[1].startswith("author 'Staff'")]
    assert problems == []
    assert len(records) == 300
    for record, article in zip(records, articles):
        assert record["title"] == article.title and record["text"] == article.text
        assert record["url"] == f"https://example.org/a/{article.native_id}"
        assert published_of(record) == published_of(
            {"published": article.published.strftime("%Y-%m-%dT%H:%M:%SZ")}
        )
    expected_outlet = "Conflict Wire" if kind == "rss" else "Conflict Atom"
    assert {r["outlet"] for r in records} == {expected_outlet}
    if kind == "rss":
        assert records[0]["native_id"] == articles[0].native_id and records[0]["language"] == "en"
    else:
        assert records[0]["native_id"] == f"urn:x:{articles[0].native_id}"


def test_feed_entry_without_content_is_skipped(tmp_path):
    path = tmp_path / "f.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        "<item><link>https://example.org/x</link></item>"
        "<item><title>Kept</title><description>Text.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    first, second = RSS(path)
    assert isinstance(first, SkippedRecord) and first.record == 1
    assert second["title"] == "Kept" and second["text"] == "Text."


def _feed(path, descriptions: list[str]):
    items = "".join(
        f"<item><title>Entry {n}</title><description><![CDATA[{d}]]></description></item>"
        for n, d in enumerate(descriptions, 1)
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    return path


def test_a_feed_entry_whose_html_goes_past_the_parser_is_a_skipped_record(tmp_path):
    path = _feed(tmp_path / "f.rss", ["One.", "<b>" * 2_000 + "Two.", "Three."])
    first, second, third = RSS(path)
    assert isinstance(second, SkippedRecord) and second.record == 2
    assert "feed entry 2: the page goes past what the HTML parser reads" in second.reason
    assert (first["text"], third["text"]) == ("One.", "Three.")


def test_a_feed_with_more_tags_than_the_limit_is_refused_before_parsing(tmp_path):
    from kit.corpus.limits import MAX_FEED_TAGS

    path = _feed(tmp_path / "f.rss", ["<i>x</i>" * (MAX_FEED_TAGS // 2 + 10), "Two."])
    with pytest.raises(IngestError, match=f"kit reads feeds of up to {MAX_FEED_TAGS:,}"):
        list(RSS(path))


def test_not_a_feed_is_an_error(tmp_path):
    path = tmp_path / "x.rss"
    path.write_text("this is not xml at all", encoding="utf-8")
    with pytest.raises(IngestError, match="RSS or Atom"):
        list(RSS(path))
