"""One canonical name per outlet: the outlet table and the matching of raw names to it.

Exports, feeds and researchers' files name the same outlet many ways ("NY Times", "The New York
Times", "nytimes.com", a file label such as "Files(The Guardian_ UK)"). The outlet table
(``kit/lexicons/outlets.yml``, or your own file in the same layout) maps each canonical name to
the other names that mean it; :func:`load_outlets` reads it (the one reader of that table) and
:func:`canonical_outlet` matches a raw name: exactly, then without a parenthetical place
("(London)"), an edition after " - ", trailing place, edition and domain words ("UK", "Online",
".com"), or a file-label wrapper ("Files(...)"). Names the table does not know are kept as
written, and the ingest report lists them (:func:`outlet_names`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

from kit import config
from kit.errors import LexiconError

#: The bundled outlet table.
OUTLETS_PATH = config.LEXICONS_DIR / "outlets.yml"
#: Words dropped from the end (and "files" from the start) of a raw name when it has no match.
_TRAILING = frozenset(
    "uk us usa gb london england com co org net online web website digital edition english "
    "international intl final late print newspaper files file docx pdf txt csv".split()
)
_LEADING = frozenset({"files", "file", "the"})
_PARENS = re.compile(r"\(([^()]*)\)")


def outlet_key(name) -> str:
    """The form names are compared in: lower case, no accents, punctuation and leading "the".

    Examples
    --------
    >>> outlet_key("The Guardian (London)"), outlet_key("guardian.co.uk")
    ('guardian london', 'guardian co uk')
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("www.", " ").replace("'", "")
    words = re.sub(r"[^a-z0-9+]+", " ", text).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _candidates(name: str) -> list[str]:
    """Keys to try for a raw name, most literal first."""
    forms = [name, _PARENS.sub(" ", name)]
    forms += _PARENS.findall(name)  # "Files(The Guardian_ UK)" -> "The Guardian_ UK"
    forms += [re.split(r"\s+[-\u2013\u2014|:]\s+", form)[0] for form in list(forms)]
    keys: list[str] = []
    for form in forms:
        words = outlet_key(form).split()
        for trimmed in (words, _trim(words)):
            key = " ".join(trimmed)
            if key and key not in keys:
                keys.append(key)
    return keys


def _trim(words: list[str]) -> list[str]:
    words = list(words)
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return words


def load_outlets(path: str | Path | None = None) -> dict[str, str]:
    """Read an outlet table: ``{name key: canonical name}`` for every canonical name and alias.

    Parameters
    ----------
    path : str or Path, optional
        A YAML file holding ``outlets: {canonical name: [other names, ...]}``; default the
        bundled table (:data:`OUTLETS_PATH`). Resolved with :func:`kit.config.project_path`.

    Returns
    -------
    dict
        Keys as made by :func:`outlet_key` (also in their trimmed form), canonical names as
        values.

    Raises
    ------
    LexiconError
        Naming the file when it is missing, not YAML, or not in that layout.

    Examples
    --------
    >>> load_outlets()["ny times"]
    'The New York Times'
    """
    resolved = config.project_path(path) if path else OUTLETS_PATH
    return dict(_load(str(resolved)))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> tuple[tuple[str, str], ...]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"outlet table {path}: no such file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LexiconError(f"outlet table {path} is not readable YAML: {exc}") from None
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, dict):
        raise LexiconError(
            f"outlet table {path}: expected a mapping 'outlets: {{canonical name: [other "
            "names]}}'"
        )
    table: dict[str, str] = {}
    for canonical, aliases in outlets.items():
        if aliases is None:
            aliases = []
        if not isinstance(aliases, list):
            raise LexiconError(
                f"outlet table {path}: the names of {canonical!r} must be a list, "
                f"got {type(aliases).__name__}"
            )
        for alias in [canonical, *aliases]:
            words = outlet_key(alias).split()
            for key in (" ".join(words), " ".join(_trim(words))):
                if key:
                    table.setdefault(key, str(canonical))
    return tuple(table.items())


def canonical_outlet(name, table: dict[str, str]) -> str | None:
    """The canonical name of a raw outlet name, or None when ``table`` does not know it.

    Examples
    --------
    >>> table = load_outlets()
    >>> [canonical_outlet(n, table) for n in ("NYT", "Guardian.com.", "Files(The Guardian_ UK)")]
    ['The New York Times', 'The Guardian', 'The Guardian']
    >>> canonical_outlet("The Anytown Clarion", table) is None
    True
    """
    if name is None or not str(name).strip():
        return None
    for key in _candidates(str(name)):
        if key in table:
            return table[key]
    return None


def outlet_names(raw_names, table: dict[str, str]) -> tuple[list[str | None], list[dict]]:
    """Canonical names for a column of raw outlet names, and the report of the matching.

    Parameters
    ----------
    raw_names : sequence of str
        The outlets as the inputs named them (None for none).
    table : dict
        From :func:`load_outlets`.

    Returns
    -------
    (list, list of dict)
        The outlet of each row (the canonical name, or the raw name when the table does not
        know it), and one entry per distinct raw name: ``name, outlet, mapped, n_articles``.
    """
    counts = Counter(n for n in raw_names if n is not None)
    found = {name: canonical_outlet(name, table) for name in counts}
    report = [
        {
            "name": name,
            "outlet": found[name] or name,
            "mapped": found[name] is not None,
            "n_articles": counts[name],
        }
        for name in sorted(counts)
    ]
    return [None if n is None else found[n] or n for n in raw_names], report
