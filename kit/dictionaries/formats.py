"""Readers for the dictionary formats researchers already have.

quanteda YAML (``.yml``/``.yaml``), LIWC (``.dic``), WordStat (``.cat``, the layout the Lexicoder
Sentiment Dictionary is also distributed in), Lexicoder 3 (``.lc3``) and a plain tab-separated
file (``.tsv``: term, category, optional weight). Each reader returns a
:class:`~kit.dictionaries.model.Dictionary`; errors name the file, the line and what would be
accepted. The formats are simple line formats with no maintained Python reader, hence the
hand-written parsers.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kit import config
from kit.dictionaries.model import Dictionary, build_dictionary, stem
from kit.errors import LexiconError

FORMATS = {
    "yaml": (".yml", ".yaml"),
    "liwc": (".dic",),
    "wordstat": (".cat",),
    "lexicoder": (".lc3",),
    "tsv": (".tsv", ".tab", ".txt"),
}
_HEADER_FIELD = re.compile(r"^#\s*(source|licen[cs]e|description|name|language)\s*:\s*(.*)$", re.I)


def load_dictionary(
    path, *, format: str | None = None, language: str | None = config.LEXICON_LANGUAGE
) -> Dictionary:
    """Load a dictionary file into a :class:`Dictionary`.

    Parameters
    ----------
    path : str or Path
        The dictionary file.
    format : {"yaml", "liwc", "wordstat", "lexicoder", "tsv"}, optional
        Overrides the format given by the file extension (.yml/.yaml, .dic, .cat, .lc3,
        .tsv/.txt).
    language : str or None
        Language of the patterns (default "en"); a ``# language: xx`` header line in the file
        overrides it. None applies the dictionary to articles in any language.

    Returns
    -------
    Dictionary
        name, categories (category -> patterns), weights, negations, language, source, meta.

    Raises
    ------
    LexiconError
        When the file is missing, its format is unknown, or a line is malformed (the message
        names the file, the line and what is accepted).

    Examples
    --------
    >>> from kit import config
    >>> d = load_dictionary(config.LEXICONS_DIR / "escalation.yml")
    >>> sorted(d.categories)[:2]
    ['deescalation', 'escalation']
    """
    path = config.project_path(path)
    if format is None:
        suffix = path.suffix.lower()
        format = next((f for f, exts in FORMATS.items() if suffix in exts), None)
        if format is None:
            raise LexiconError(
                f"{path}: unknown dictionary extension {suffix!r}; accepted: "
                ".yml/.yaml (quanteda YAML), .dic (LIWC), .cat (WordStat), "
                ".lc3 (Lexicoder 3), .tsv/.txt (term, category, weight), or pass "
                "format="
            )
    if format not in FORMATS:
        raise LexiconError(
            f"{path}: unknown dictionary format {format!r}; accepted: {', '.join(FORMATS)}"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"{path}: dictionary file not found") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "save the dictionary as UTF-8"
        ) from None
    meta = _header(text)
    language = meta.pop("language", language) or None
    parsed = {"yaml": _yaml, "liwc": _liwc, "wordstat": _wordstat, "lexicoder": _lc3, "tsv": _tsv}[
        format
    ](text, path)
    categories, weights, where = parsed
    return build_dictionary(
        categories,
        name=meta.get("name") or stem(path),
        source=str(path),
        weights=weights,
        language=language,
        meta=meta,
        where=where,
    )


def _header(text: str) -> dict:
    """``# source: ...`` / ``# licence: ...`` lines at the top of the file."""
    meta, key = {}, None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER_FIELD.match(line)
        if m:
            key = m.group(1).lower().replace("license", "licence")
            meta[key] = m.group(2).strip()
        elif key and line.startswith("#  ") and line[1:].strip():  # continuation line
            meta[key] += " " + line[1:].strip()
        else:
            key = None
    return meta


def _yaml(text: str, path: Path):
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise LexiconError(
            f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)}); "
            "expected quanteda YAML: category: [pattern, ...]"
        ) from None
    if not isinstance(data, dict):
        raise LexiconError(
            f"{path}: expected a mapping of categories to lists of patterns "
            "(quanteda YAML), got " + type(data).__name__
        )
    categories: dict[str, list[str]] = {}

    def walk(node, prefix):
        for key, value in node.items():
            # quanteda's as.yaml() writes the terms of a category that also has
            # subcategories under the key "__"
            name = prefix if key == "__" and prefix else f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                walk(value, name)
            elif isinstance(value, str):
                categories[name] = [value]
            elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
                categories[name] = [str(v) for v in value]
            else:
                raise LexiconError(
                    f"{path}: category {name!r} holds {type(value).__name__}; "
                    "accepted: a list of patterns, one pattern, or nested "
                    "categories"
                )

    walk(data, "")
    return categories, {}, {}


def _liwc(text: str, path: Path):
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(
            f"{path}: not a LIWC .dic file; expected a category block between "
            "two lines holding only '%' (e.g. '1<TAB>posemo'), then term lines "
            "('good*<TAB>1')"
        )
    codes: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            raise LexiconError(
                f"{path}, line {i + 1}: category line {lines[i]!r} must be '<number> <name>'"
            )
        codes[parts[0].lstrip("0") or "0"] = parts[1]
    categories: dict[str, list[str]] = {name: [] for name in codes.values()}
    where = {}
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line or line.startswith("#"):
            continue
        if "\t" in line:
            term, rest = line.split("\t", 1)
        else:  # space-separated: the term is the words before the first code
            m = re.match(r"^(.*?)\s+(?=[(\d])(.*)$", line)
            if not m:
                raise LexiconError(
                    f"{path}, line {i + 1}: term line {line!r} has no category "
                    "number; expected '<term><TAB><number>...'"
                )
            term, rest = m.groups()
        # LIWC2007 conditional codes "(02 134)125/464" give 125 or 464 depending on the
        # previous word; without that context the term is counted in both.
        # LIWC2007's "<of>" tags are dropped the same way.
        rest = re.sub(r"\([^)]*\)|<[^>]*>", " ", rest).replace("/", " ")
        nums = rest.split()
        if not nums:
            raise LexiconError(
                f"{path}, line {i + 1}: term {term.strip()!r} has no category number"
            )
        for num in nums:
            key = num.lstrip("0") or "0"
            if not num.isdigit() or key not in codes:
                raise LexiconError(
                    f"{path}, line {i + 1}: category number {num!r} for term "
                    f"{term.strip()!r} is not declared in the '%' block "
                    f"(declared: {', '.join(sorted(codes, key=int))})"
                )
            categories[codes[key]].append(term.strip())
            where[(codes[key], term.strip())] = f"line {i + 1}"
    return categories, {}, where


_CAT_TERM = re.compile(r"^(.*?)\s*\((-?\d+(?:\.\d+)?)\)\s*$")


def _wordstat(text: str, path: Path):
    rows = []
    for i, raw in enumerate(text.splitlines()):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body = raw.expandtabs(4)
        rows.append((i + 1, len(body) - len(body.lstrip()), raw.strip()))
    categories: dict[str, list[str]] = {}
    weights: dict = {}
    where: dict = {}
    stack: list[tuple[int, str]] = []  # (indent, category name)
    # WordStat marks every term with "(n)"; without any, a line is a category when the next
    # line is indented deeper.
    marked = any(_CAT_TERM.match(content) for *_, content in rows)
    for k, (lineno, indent, content) in enumerate(rows):
        nxt = rows[k + 1][1] if k + 1 < len(rows) else -1
        while stack and stack[-1][0] >= indent:
            stack.pop()
        m = _CAT_TERM.match(content)
        if (marked and not m) or (not marked and nxt > indent):
            name = ".".join([s[1] for s in stack] + [content])
            stack.append((indent, content))
            categories.setdefault(name, [])
            continue
        if not stack:
            raise LexiconError(
                f"{path}, line {lineno}: term {content!r} comes before any "
                "category; expected a category name on its own line, then its "
                "terms indented below it (e.g. '\\tGOOD* (1)')"
            )
        cat = ".".join(s[1] for s in stack)
        term, weight = (m.group(1), float(m.group(2))) if m else (content, 1.0)
        term = term.replace("_", " ").strip()  # WordStat writes phrases as WORD_WORD
        categories[cat].append(term)
        weights[(cat, " ".join(term.split()))] = weight
        where[(cat, term)] = f"line {lineno}"
    return categories, weights, where


def _lc3(text: str, path: Path):
    """Lexicoder 3: "+category" lines, each followed by its patterns, one per line."""
    categories: dict[str, list[str]] = {}
    where, current = {}, None
    for i, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line:
            continue
        if line.startswith("+"):
            current = line[1:].strip()
            categories.setdefault(current, [])
        elif current is None:
            raise LexiconError(
                f"{path}, line {i + 1}: pattern {line!r} comes before any "
                "category; a Lexicoder .lc3 file starts categories with a line "
                "'+name'"
            )
        else:
            categories[current].append(line)
            where[(current, line)] = f"line {i + 1}"
    return categories, {}, where


def _tsv(text: str, path: Path):
    categories: dict[str, list[str]] = {}
    weights, where = {}, {}
    first = True
    for i, line in enumerate(text.splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if first and parts[0].lower() in ("term", "word", "pattern"):
            first = False
            continue  # header row
        first = False
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise LexiconError(
                f"{path}, line {i + 1}: {line!r} has {len(parts)} tab-separated "
                "fields; expected term<TAB>category[<TAB>weight]"
            )
        weight = 1.0
        if len(parts) == 3 and parts[2]:
            try:
                weight = float(parts[2])
            except ValueError:
                raise LexiconError(
                    f"{path}, line {i + 1}: weight {parts[2]!r} is not a number"
                ) from None
        if weight == 0:
            continue  # a zero weight means "not in this category" (NRC's word-level layout)
        term, cat = parts[0], parts[1]
        categories.setdefault(cat, []).append(term)
        weights[(cat, " ".join(term.split()))] = weight
        where[(cat, term)] = f"line {i + 1}"
    return categories, weights, where
