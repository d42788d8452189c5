"""The actor table: who is who, how each actor is named, and where they are mentioned.

Shared by the sentiment and rhetoric analyses. The table is data (``kit/lexicons/actors.yml``);
see that file's header for the layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from kit import config
from kit.errors import LexiconError
from kit.validate import require_columns

ALIAS_TYPES = ("neutral", "loaded", "people")
ACTOR_COLUMNS = ["actor", "alias", "alias_type", "kind", "case_sensitive"]
MENTION_COLUMNS = ["doc_id", "actor", "alias", "alias_type", "kind", "start", "end", "matched"]


def load_actors(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate an actor table.

    Parameters
    ----------
    path : str or Path, optional
        A YAML file in the layout of ``kit/lexicons/actors.yml`` (the default).

    Returns
    -------
    pandas.DataFrame
        One row per alias: ``actor``, ``alias``, ``alias_type`` ("neutral" or "loaded"),
        ``kind`` ("name" or "person"), ``case_sensitive`` (bool).

    Raises
    ------
    LexiconError
        Naming the file and the entry that is malformed.

    Examples
    --------
    >>> actors = load_actors()
    >>> actors.query("alias == 'Zionist regime'")["actor"].item()
    'Israel'
    """
    path = config.project_path(path) if path else config.ACTORS_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"{path}: actor file not found") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise LexiconError(f"{path}: expected a mapping with a list under 'actors'")
    rows: list[tuple] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(data["actors"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("actor"), str):
            raise LexiconError(f"{path}: actor entry {i} needs an 'actor' name (a string)")
        unknown = set(entry) - {"actor", *ALIAS_TYPES}
        if unknown:
            raise LexiconError(
                f"{path}: actor {entry['actor']!r} has unknown keys {sorted(unknown)};"
                f" accepted: actor, {', '.join(ALIAS_TYPES)}"
            )
        for alias_type in ALIAS_TYPES:
            aliases = entry.get(alias_type) or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise LexiconError(
                    f"{path}: actor {entry['actor']!r}: {alias_type!r} must be a list of strings"
                )
            for alias in aliases:
                key = alias.casefold()
                if key in seen and seen[key] != entry["actor"]:
                    raise LexiconError(
                        f"{path}: alias {alias!r} is listed for both "
                        f"{seen[key]!r} and {entry['actor']!r}"
                    )
                seen[key] = entry["actor"]
                rows.append(
                    (
                        entry["actor"],
                        alias,
                        "loaded" if alias_type == "loaded" else "neutral",
                        "person" if alias_type == "people" else "name",
                        _is_acronym(alias),
                    )
                )
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _alias_pattern(actors: pd.DataFrame) -> tuple[re.Pattern, dict[str, tuple]]:
    """One alternation, longest alias first, so 'Zionist regime' wins over 'Zionist'."""
    lookup, parts = {}, []
    ordered = actors.assign(_len=actors["alias"].str.len()).sort_values("_len", ascending=False)
    for row in ordered.itertuples(index=False):
        escaped = re.escape(row.alias).replace(r"\ ", r"\s+")
        parts.append(escaped if row.case_sensitive else f"(?i:{escaped})")
        lookup[row.alias if row.case_sensitive else row.alias.casefold()] = (
            row.actor,
            row.alias,
            row.alias_type,
            row.kind,
        )
    # (?<![\w.]) / (?![\w]) keep "US" out of "USA" and "Iran" out of "Iranian"
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])"), lookup


def find_mentions(articles: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find every mention of every actor alias in the articles' text.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``).
    actors : pandas.DataFrame, optional
        From :func:`load_actors`; the default table when None.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, actor, alias, alias_type, kind, start, end, matched``: character offsets
        into ``text`` of each non-overlapping mention (longest alias wins).

    Raises
    ------
    SchemaError
        When ``doc_id`` or ``text`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["d1"], "text": ["The Zionist regime and the US."]})
    >>> find_mentions(arts)[["actor", "alias_type", "matched"]].values.tolist()
    [['Israel', 'loaded', 'Zionist regime'], ['United States', 'neutral', 'US']]
    """
    require_columns(articles, ["doc_id", "text"], "find_mentions")
    actors = load_actors() if actors is None else actors
    pattern, lookup = _alias_pattern(actors)
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        if not isinstance(text, str):
            continue
        for m in pattern.finditer(text):
            matched = " ".join(m.group(0).split())
            info = lookup.get(matched) or lookup.get(matched.casefold())
            if info is None:
                continue
            rows.append((doc_id, *info, m.start(), m.end(), m.group(0)))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return out.astype({"doc_id": "string", "start": "int64", "end": "int64"})
