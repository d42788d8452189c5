"""The actor table: who is who, how each actor is named, and where they are mentioned.

Shared by the sentiment and rhetoric analyses. The table is data (``kit/lexicons/actors.yml``);
see that file's header for the layout.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import yaml

from kit import config
from kit.errors import LexiconError
from kit.parallel import by_article, map_chunks
from kit.validate import require_columns

ALIAS_TYPES = ("neutral", "loaded", "people")
ACTOR_COLUMNS = ["actor", "alias", "alias_type", "kind", "case_sensitive"]
#: libyaml's safe loader when PyYAML has it (the same result, ten times faster on actors.yml).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WORD = re.compile(r"\w")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
#: Texts shorter than this in all (characters) are scanned in this process (starting workers
#: and building the scanner in each costs about as much as scanning 500 articles).
PARALLEL_MIN_CHARACTERS = 2_000_000
_CHUNK = 250  # articles per task sent to a worker
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
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
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


def _by_length(actors: pd.DataFrame) -> pd.DataFrame:
    return actors.assign(_len=actors["alias"].str.len()).sort_values("_len", ascending=False)


def _trie(aliases: list[str]) -> str:
    """A regex of lower-case aliases factored as a character trie (one branch per character).

    The branches of a node start with different characters, so at most one goes on, and the
    greedy optional tails make the longest alias win, as an alternation ordered longest first
    does; a space matches any run of whitespace.
    """
    root: dict = {}
    for alias in aliases:
        node = root
        for ch in alias:
            node = node.setdefault(ch, {})
        node[None] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if k == " " else re.escape(k)) + emit(node[k]) for k in node if k]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if None in node else body

    return emit(root)


class _AliasScanner:
    r"""Where aliases are mentioned in a text: non-overlapping, leftmost, longest alias first.

    The rule is one alternation of every alias, longest first, case-insensitive except for
    aliases in capitals, between ``(?<![\w])`` and ``(?![\w])`` (so "US" is not found in
    "USA", nor "Iran" in "Iranian"). That alternation is slow (every alias is tried at every
    word), so the lower-cased text is scanned with a character trie of every alias lower-cased
    (:func:`_trie`) instead; where it finds an alias in capitals, a trie of the capitals
    (matching case) and one of the other aliases give what the rule finds there. A text with
    a character that lower-casing does not map as case-insensitive matching does (the dotless
    i, the long s, ...) is scanned with the alternation, as is every text when an alias is
    spaced otherwise than by single spaces.
    """

    def __init__(self, actors: pd.DataFrame):
        self.lookup = {
            row.alias if row.case_sensitive else row.alias.casefold(): (
                row.actor,
                row.alias,
                row.alias_type,
                row.kind,
            )
            for row in _by_length(actors).itertuples(index=False)
        }
        self.actors = actors
        aliases = actors["alias"].tolist()
        capital = actors["case_sensitive"].astype(bool).tolist()
        lowered = [a.lower() for a in aliases]
        self.simple = bool(aliases) and all(
            a and a == " ".join(a.split()) and len(a) == len(lo) for a, lo in zip(aliases, lowered)
        )
        if self.simple:
            self.all = re.compile(rf"(?<![\w])(?:{_trie(lowered)})(?![\w])")
            self.capitals = {lo for lo, c in zip(lowered, capital) if c}
            self.exact = _bounded(_trie([a for a, c in zip(aliases, capital) if c]))
            self.other = _bounded(_trie([lo for lo, c in zip(lowered, capital) if not c]))
            self.keys = [(c, re.compile(f"(?i:{re.escape(c)})")) for c in set("".join(lowered))]
            self.safe: dict[str, bool] = {}
            self.ascii_safe = self._safe_chars(map(chr, range(128)))

    @functools.cached_property
    def rule(self) -> re.Pattern:
        parts = []
        for row in _by_length(self.actors).itertuples(index=False):
            escaped = re.escape(row.alias).replace(r"\ ", r"\s+")
            parts.append(escaped if row.case_sensitive else f"(?i:{escaped})")
        return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")

    def _safe_chars(self, chars) -> bool:
        """Whether, for each of ``chars``, matching it lower-cased is matching it ignoring case."""
        for c in set(chars).difference(self.safe):
            low = c.lower()
            self.safe[c] = (
                len(low) == 1
                and c.isspace() == low.isspace()
                and (_WORD.match(c) is None) == (_WORD.match(low) is None)
                and all((rx.fullmatch(c) is not None) == (k == low) for k, rx in self.keys)
            )
        return all(self.safe[c] for c in chars)

    def _longest_at(self, text: str, low: str, start: int) -> int | None:
        """End of the alias the rule finds at ``start``, None when there is none."""
        found = [rx.match(s, start) for rx, s in ((self.exact, text), (self.other, low)) if rx]
        return max((m.end() for m in found if m), default=None)

    def spans(self, text: str):
        """Yield ``(start, end)`` of every mention in ``text``."""
        low = text.lower()
        if not (
            self.simple
            and len(low) == len(text)
            and self.ascii_safe
            and self._safe_chars(_NOT_ASCII.findall(text))
        ):
            yield from (m.span() for m in self.rule.finditer(text))
            return
        search, pos = self.all.search, 0
        while (m := search(low, pos)) is not None:
            start, end = m.span()
            if " ".join(m.group(0).split()) in self.capitals:
                exact = self._longest_at(text, low, start)
                if exact is None:
                    pos = start + 1
                    continue
                end = exact
            yield start, end
            pos = end


@functools.lru_cache(maxsize=4)
def _scanner(rows: tuple[tuple, ...]) -> _AliasScanner:
    """The scanner of an actor table (its rows), built once per table and process."""
    return _AliasScanner(pd.DataFrame(list(rows), columns=ACTOR_COLUMNS))


def _bounded(regex: str) -> re.Pattern | None:
    return re.compile(rf"(?<![\w])(?:{regex})(?![\w])") if regex else None


@by_article
def find_mentions(
    articles: pd.DataFrame, actors: pd.DataFrame | None = None, *, jobs: int | None = None
) -> pd.DataFrame:
    """Find every mention of every actor alias in the articles' text.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``).
    actors : pandas.DataFrame, optional
        From :func:`load_actors`; the default table when None.
    jobs : int, optional
        Worker processes for large tables (:func:`kit.parallel.resolve_jobs`); texts of
        fewer than :data:`PARALLEL_MIN_CHARACTERS` characters in all are scanned here.

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
    table = tuple(actors[ACTOR_COLUMNS].itertuples(index=False, name=None))
    lookup = _scanner(table).lookup
    texts = articles["text"].tolist()
    rows = []
    for doc_id, text, spans in zip(articles["doc_id"], texts, _all_spans(table, texts, jobs)):
        for start, end in spans:
            found = text[start:end]
            matched = " ".join(found.split())
            info = lookup.get(matched) or lookup.get(matched.casefold())
            if info is not None:
                rows.append((doc_id, *info, start, end, found))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return out.astype({"doc_id": "string", "start": "int64", "end": "int64"})


def _spans_of(table: tuple[tuple, ...], texts: list) -> list[list[tuple[int, int]]]:
    """The mention spans of each text (none for a missing text)."""
    scanner = _scanner(table)
    return [list(scanner.spans(t)) if isinstance(t, str) else [] for t in texts]


def _all_spans(table: tuple[tuple, ...], texts: list, jobs: int | None) -> list:
    """:func:`_spans_of` every text, in chunks sent to worker processes when worth it."""
    characters = sum(len(t) for t in texts if isinstance(t, str))
    return map_chunks(
        functools.partial(_spans_of, table),
        texts,
        chunk_size=_CHUNK,
        parallel=characters >= PARALLEL_MIN_CHARACTERS,
        desc="actor mentions",
        progress=False,
        jobs=jobs,
        preload=("kit.lexicons.actors",),
    )
