"""Map the field names of tables and front matter to the articles table's fields.

Used by the tabular readers (JSON, JSONL, CSV, TSV, Parquet) and by YAML front matter in .txt
files, so the same names work everywhere.
"""

from __future__ import annotations

import re

from kit.corpus.dates import looks_like_date
from kit.corpus.readers._markup import norm_space
from kit.errors import IngestError, ParameterError

#: article field -> accepted input names, in order of preference (compared after
#: lower-casing and turning spaces, dashes and dots into underscores).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "head", "heading", "hl", "header", "subject"),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "article_text",
        "body_text",
        "maintext",
        "main_text",
        "story",
        "txt",
    ),
    "published": (
        "published",
        "date",
        "pubdate",
        "pub_date",
        "publication_date",
        "published_at",
        "publish_date",
        "date_published",
        "datetime",
        "timestamp",
        "time",
        "created_at",
        "load_date",
        "dateline_date",
    ),
    "source": ("source", "database", "provider", "source_name"),
    "outlet": (
        "outlet",
        "publication",
        "journal",
        "newspaper",
        "publisher",
        "media",
        "medium",
        "paper",
        "site",
        "site_name",
        "domain",
        "pub",
    ),
    "url": ("url", "link", "href", "uri", "web_url", "article_url", "permalink"),
    "author": ("author", "authors", "byline", "by", "writer", "creator"),
    "section": ("section", "desk", "category", "rubric", "section_name"),
    "native_id": (
        "native_id",
        "id",
        "article_id",
        "doc_id",
        "guid",
        "uid",
        "document_id",
        "an",
        "accession_number",
    ),
    "language": ("language", "lang", "language_code", "locale"),
}

TEXT_FIELDS = FIELD_ALIASES["text"]


def canonical(name) -> str:
    """Lower-case a column name and turn spaces, dashes and dots into underscores."""
    return re.sub(r"[\s\-.]+", "_", str(name).strip().lower())


def extra_name(column) -> str:
    """Name of an unmapped column in the articles table: canonical, prefixed when it names a field.

    Examples
    --------
    >>> extra_name("Journal"), extra_name("source")
    ('journal', 'input_source')
    """
    name = canonical(column)
    return f"input_{name}" if name in FIELD_ALIASES or name in ("record", "published_raw") else name


def check_mapping(mapping) -> None:
    """Raise :class:`~kit.errors.ParameterError` unless ``mapping`` is None or a dict of names.

    Examples
    --------
    >>> check_mapping({"text": "story"}) is None
    True
    """
    if mapping is None:
        return
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ParameterError(
            "mapping",
            mapping,
            "a dict {article_field: input_column} of names, e.g. {'text': 'story'}",
        )


def map_columns(columns, *, mapping: dict | None = None, path="<input>") -> dict[str, str]:
    """Decide which input column feeds which article field.

    Parameters
    ----------
    columns : iterable of str
        The input's column (or key) names.
    mapping : dict, optional
        Explicit ``{article_field: input_column}`` choices; they win over the automatic ones.
    path : str or Path
        Used in messages.

    Returns
    -------
    dict
        ``{article_field: input_column}`` for every field found.

    Raises
    ------
    IngestError
        When ``mapping`` names an unknown field or a column that does not exist.
    ParameterError
        When ``mapping`` is not a dict of names.

    Examples
    --------
    >>> map_columns(["Headline", "Body", "pubDate"])
    {'title': 'Headline', 'text': 'Body', 'published': 'pubDate'}
    """
    check_mapping(mapping)
    columns = [str(c) for c in columns]
    by_canonical: dict[str, str] = {}
    for col in columns:
        by_canonical.setdefault(canonical(col), col)
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for field_name, column in (mapping or {}).items():
        if field_name not in FIELD_ALIASES and field_name != "published_raw":
            raise IngestError(
                path,
                f"mapping names the field {field_name!r}, which the articles "
                f"table does not have; fields: {sorted(FIELD_ALIASES)}",
            )
        if column not in columns:
            raise IngestError(
                path,
                f"mapping sends column {column!r} to {field_name!r}, but the "
                f"input has no such column; columns found: {columns}",
            )
        chosen[field_name] = column
        taken.add(column)
    for field_name, aliases in FIELD_ALIASES.items():
        if field_name in chosen:
            continue
        for alias in aliases:
            column = by_canonical.get(alias)
            if column is not None and column not in taken:
                chosen[field_name] = column
                taken.add(column)
                break
    return chosen


def require_text(chosen: dict, columns, path) -> None:
    """Raise a clear IngestError when no column holds the article text."""
    if "text" not in chosen:
        raise IngestError(
            path,
            f"no column holds the article text; columns found: "
            f"{[str(c) for c in columns]}; accepted names for the text: "
            f"{list(TEXT_FIELDS)} (or pass mapping={{'text': 'your_column'}})",
        )


#: A copyright notice line, in the interface languages the exports use.
COPYRIGHT_LINE = re.compile(r"^(?:copyright|©|\(c\)|all rights reserved|版权|版權|著作権)", re.I)


def masthead(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Split an export's masthead lines into ``(outlet, date, edition lines)``.

    The outlet is the first line that does not read as a date (:func:`looks_like_date`), the
    date the first other line that does; every remaining line is part of the edition.

    Examples
    --------
    >>> masthead(["The Times", "May 1, 2020 Friday", "Final Edition"])
    ('The Times', 'May 1, 2020 Friday', ['Final Edition'])
    """
    outlet = next((line for line in lines if not looks_like_date(line)), None)
    date = next((line for line in lines if line is not outlet and looks_like_date(line)), None)
    return outlet, date, [line for line in lines if line is not outlet and line is not date]


def put_field(fields: dict, label: str, value: str | None, names: dict) -> None:
    """Store a labelled line's ``value`` in ``fields``, appending to an earlier value ("; ").

    ``names`` maps labels to field names; another label is kept under its own name, lower-cased
    with dashes and spaces turned into underscores. Empty values are ignored.

    Examples
    --------
    >>> fields = {}
    >>> put_field(fields, "BYLINE", "A. Writer", {"BYLINE": "author"})
    >>> put_field(fields, "JOURNAL-CODE", "XY", {})
    >>> put_field(fields, "BYLINE", "B. Writer", {"BYLINE": "author"})
    >>> fields
    {'author': 'A. Writer; B. Writer', 'journal_code': 'XY'}
    """
    key = names.get(label, label.lower().replace("-", "_").replace(" ", "_"))
    if value:
        fields[key] = f"{fields[key]}; {value}" if key in fields else value


def with_extras(article: dict, fields: dict, keys, *, edition=(), copyright_=()) -> dict:
    """Add an export's extra header/trailer fields (``keys``) to ``article`` and return it.

    Parameters
    ----------
    article : dict
        The record being built; updated in place.
    fields : dict
        The export's labelled fields; ``edition`` and ``copyright`` are filled in here.
    keys : iterable of str
        The fields copied (whitespace collapsed) to ``article`` when present and non-empty.
    edition : sequence of str
        Masthead lines left over beside outlet and date; joined into ``edition`` unless a
        labelled edition exists.
    copyright_ : sequence of str
        Copyright notices, joined into ``copyright``.

    Returns
    -------
    dict
        ``article``.
    """
    if edition and "edition" not in fields:
        fields["edition"] = " ".join(edition)
    if copyright_:
        fields["copyright"] = " ".join(copyright_)
    for key in keys:
        if fields.get(key):
            article[key] = norm_space(fields[key])
    return article


#: Header and trailer fields every Lexis export (classic text, Nexis Uni / Lexis Advance) may
#: carry besides the article columns; kept as extra columns.
EXPORT_EXTRA_FIELDS = (
    "edition",
    "length",
    "dateline",
    "highlight",
    "load_date",
    "publication_type",
    "copyright",
)
