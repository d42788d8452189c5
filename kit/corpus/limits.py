"""The limits of ingest, in one place: what kit refuses or cuts so one input cannot sink the rest.

Every input is untrusted: a hostile or broken file may hold a 1 MB "date", a YAML front matter
whose aliases expand to gigabytes, a file name that is not UTF-8, or strings that are not valid
Unicode. These limits keep each record bounded by the size of a real article.

Examples
--------
>>> clean_string("caf\\udce9") == "caf\\ufffd"
True
>>> shown_name("caf\\udce9.txt")
'caf\\\\xe9.txt'
"""

from __future__ import annotations

import re

import yaml

#: Longest article text accepted (characters); longer records are skipped with a reason.
MAX_TEXT_CHARS = 2_000_000
#: Longest value of any other field (title, author, extra columns...); longer ones are cut.
MAX_FIELD_CHARS = 100_000
#: Longest date string parsed; anything longer is not a date (published is left empty).
MAX_DATE_CHARS = 100
#: Most tags (``<``) a feed file may hold: feedparser's time grows with them (~0.1 ms each).
MAX_FEED_TAGS = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_string(text: str) -> str:
    """Replace lone surrogates (not valid Unicode, unwritable to Parquet) with U+FFFD."""
    if text.isascii():
        return text
    try:  # encoding stops at the first surrogate, several times faster than a regex scan
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def shown_name(name: str) -> str:
    """A file name as shown in the table and report: undecodable bytes as ``\\xNN`` escapes.

    File names that are not valid UTF-8 (as Windows zips leave them) come from the file
    system decoded with ``surrogateescape``; they are shown with their raw bytes escaped.
    """
    if not _SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class _NoAliasLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (the pure-Python one when absent); aliases are refused first."""


def load_yaml_without_aliases(block: str):
    """Load a YAML document of plain data, refusing anchors and aliases (``&a`` / ``*a``).

    Aliases let a few hundred bytes stand for gigabytes ("billion laughs"); front matter
    never needs them.

    Raises
    ------
    yaml.YAMLError
        When the document is not valid YAML or uses an alias (``problem`` says which).

    Examples
    --------
    >>> load_yaml_without_aliases("title: A")
    {'title': 'A'}
    """
    for event in yaml.parse(block, Loader=_NoAliasLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError(
                "YAML anchors and aliases (&name / *name) are not accepted in front matter"
            )
    return yaml.load(block, Loader=_NoAliasLoader)
