"""The MENAFN plain-text reader."""

from __future__ import annotations

from kit.corpus.readers import detect_reader
from kit.corpus.readers.menafn import read_menafn, sniff_menafn
from tests.helpers import SEED

SECOND = """Iran warns of wider response
Date
4/15/2024 1:05:00 PM
(MENAFN- Tehran Times) Iran warned on Monday that any counter-strike would meet a wider response.
Officials said the operation had ended.
MENAFN15042024000045015839ID1108099999
Legal Disclaimer:
MENAFN provides the information "as is" without warranty of any kind.
"""


def test_seed_is_claimed_by_content_over_the_txt_extension():
    assert detect_reader(SEED).name == "menafn"
    assert sniff_menafn(SEED.read_bytes()[:8192], SEED)


def test_plain_text_is_not_claimed(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("A headline\n\nA date line\n4/14/2024\nBody.")
    assert not sniff_menafn(path.read_bytes(), path)
    assert detect_reader(path).name == "plaintext"


def test_seed_record():
    [record] = list(read_menafn(SEED))
    assert record["title"].startswith("US reaffirms abstaining")
    assert record["published"] == record["published_raw"] == "4/14/2024 8:47:32 AM"
    assert record["native_id"] == "1108092386"
    assert record["source"] == record["outlet"] == "MENAFN"
    assert record["text"].startswith("In a recent telephone conversation")
    assert record["text"].endswith("martyr our dear commanders.\u201d")


def test_several_articles_per_file_and_syndicated_outlet(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n" + SECOND, encoding="utf-8")
    first, second = list(read_menafn(path))
    assert first["native_id"] == "1108092386" and "Legal Disclaimer" not in first["text"]
    assert second["title"] == "Iran warns of wider response"
    assert second["outlet"] == "Tehran Times" and second["source"] == "MENAFN"
    assert second["native_id"] == "1108099999"
    assert second["text"] == (
        "Iran warned on Monday that any counter-strike would meet a wider "
        "response.\n\nOfficials said the operation had ended."
    )


def test_windows_line_ends_and_encoding(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("cp1252"))
    assert detect_reader(path).name == "menafn"
    [record] = list(read_menafn(path))
    assert record["native_id"] == "1108092386"
    assert "\u201ca level of success" in record["text"]
