"""Helpers shared by the rhetoric measures: lexicon paths, sentence lookup, rates, matching."""

from __future__ import annotations

import bisect
from pathlib import Path

import numpy as np
import pandas as pd

from kit import config
from kit.dictionaries import Dictionary, load_dictionary
from kit.errors import ParameterError
from kit.parallel import accepts_dask, by_partition, gather, run_partitions, summed, table_schema
from kit.text import RATE_COLUMN, count_tokens, language_mask, rate, split_sentences, text_layer
from kit.text.languages import in_language
from kit.text.periods import group_values
from kit.validate import require_columns

#: Lexicons of the rhetoric analysis, by the name used in ``lexicon_overrides``.
LEXICONS = {
    name: config.LEXICONS_DIR / f"{name}.yml"
    for name in (
        "reporting_verbs",
        "hedges_boosters",
        "frames",
        "frame_questions",
        "pronouns",
        "escalation",
        "agency",
    )
}


def lexicon_path(name: str, override: str | Path | None = None) -> Path:
    """Path of a rhetoric lexicon: ``override`` when given, else the bundled file."""
    if override:
        path = config.project_path(override)
        if not path.exists():
            raise ParameterError(
                f"lexicon_overrides[{name!r}]",
                str(override),
                "the path of an existing lexicon file",
            )
        return path
    if name not in LEXICONS:
        raise ParameterError("lexicon", name, f"one of {sorted(LEXICONS)}")
    return LEXICONS[name]


def as_dictionary(lexicon, name: str) -> Dictionary:
    """Accept a Dictionary, a path, or None (the bundled lexicon ``name``)."""
    if isinstance(lexicon, Dictionary):
        return lexicon
    return load_dictionary(lexicon_path(name, lexicon))


def group_labels(articles: pd.DataFrame, group_by: str) -> pd.Series:
    """doc_id -> the ``group_by`` value as a string ("(none)" when missing).

    ``group_by`` is a column of ``articles`` or a period of ``published`` (``"year"``,
    ``"quarter"``, ``"month"``, ``"week"``; see :func:`kit.text.periods.group_values`).

    Raises
    ------
    ParameterError
        When ``group_by`` is neither a column of ``articles`` nor such a period.
    """
    values = group_values(articles, group_by)
    return pd.Series(
        values.astype("string").fillna("(none)").to_numpy(),
        index=articles["doc_id"].to_numpy(),
        name=group_by,
        dtype="string",
    )


class Sentences:
    """Sentence spans of one text, with lookup of the sentence holding an offset."""

    def __init__(self, text: str | None = None, *, spans: list[tuple[int, int]] | None = None):
        self.spans = list(spans) if spans is not None else split_sentences(text or "")
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        """Index of the sentence containing (or last starting before) ``pos``."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence containing ``pos``."""
        if not self.spans:
            return 0, 0
        return self.spans[self.index(pos)]


def sentence_index(
    articles: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> dict[str, Sentences]:
    """doc_id -> :class:`Sentences`, from a :func:`kit.text.sentences` table when given.

    Passing the table computed once lets several measures share one sentence split.
    """
    if sentences is None:  # the cached text layer's sentences (kit.text.split_sentences)
        layer = text_layer(articles, progress=False)
        ptr, starts, ends = layer.sent_ptr, layer.sent_start.tolist(), layer.sent_end.tolist()
        return {
            d: Sentences(spans=list(zip(starts[ptr[i] : ptr[i + 1]], ends[ptr[i] : ptr[i + 1]])))
            for i, d in enumerate(articles["doc_id"])
        }
    require_columns(sentences, ("doc_id", "start", "end"), "sentences")
    spans: dict = {}
    for d, s, e in zip(sentences["doc_id"], sentences["start"], sentences["end"]):
        spans.setdefault(d, []).append((int(s), int(e)))
    return {d: Sentences(spans=spans.get(d, [])) for d in articles["doc_id"]}


def add_sentences(
    evidence: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Add ``sent_id`` and ``sentence`` (text) to rows holding doc_id and start offsets."""
    texts = dict(zip(articles["doc_id"], articles["text"]))
    index = sentence_index(articles[articles["doc_id"].isin(set(evidence["doc_id"]))], sentences)
    ids, sents = [], []
    for doc_id, start in zip(evidence["doc_id"], evidence["start"]):
        sent = index[doc_id]
        i = sent.index(int(start))
        s, e = sent.spans[i] if sent.spans else (0, 0)
        ids.append(i)
        sents.append(texts[doc_id][s:e])
    out = evidence.copy()
    out["sent_id"] = pd.Series(ids, index=out.index, dtype="int64")
    out["sentence"] = pd.Series(sents, index=out.index, dtype="string")
    return out


@by_partition("evidence", "articles")  # counts per article come here, never texts or rows
def rates(
    evidence: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    group_by: str | None = None,
    categories: list[str] | None = None,
) -> pd.DataFrame:
    """Turn evidence rows into counts and rates per 1,000 tokens, per article or per group.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Rows with ``doc_id`` and ``category`` (any evidence table of :mod:`kit.rhetoric`).
    articles : pandas.DataFrame
        The articles the evidence came from (``doc_id``, ``text`` and the ``group_by``
        column); only those in kit's lexicon language count (the others are left out, as the
        measures skip them), and articles without any match count as zero.
    group_by : str, optional
        None for one row per article and category; a column (e.g. "outlet") to pool articles.
    categories : list of str, optional
        Categories to report (default: those in ``evidence``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or the ``group_by`` column), ``category``, ``n``, ``n_tokens`` (tokens of
        :func:`kit.text.tokenize`), ``per_1k_tokens``, ``n_articles``; the group rate pools
        tokens (sum n / sum tokens).

    Raises
    ------
    ParameterError
        When ``group_by`` is neither a column of ``articles`` nor a period of ``published``
        (:func:`kit.text.periods.group_values`).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...                      "text": ["may " * 500, "war " * 500]})
    >>> ev = pd.DataFrame({"doc_id": ["a"], "category": ["hedge"]})
    >>> rates(ev, arts, group_by="outlet")["per_1k_tokens"].item()
    1.0
    """
    key = group_by or "doc_id"
    group_values(table_schema(articles), key)  # a bad group_by, named with every column
    require_columns(articles, ["doc_id", "text"], "rates")
    require_columns(evidence, ["doc_id", "category"], "rates (evidence)")
    read = ["doc_id", "language", "published", key]  # of a Dask table, read here in one pass
    meta = gather(articles[[c for c in dict.fromkeys(read) if c in articles.columns]])
    groups, keep = group_values(meta, key), language_mask(meta)
    arts = pd.DataFrame({"doc_id": meta["doc_id"].to_numpy()[keep]})
    arts["n_tokens"] = token_counts(articles, in_language=True)
    if key != "doc_id":
        arts[key] = groups[keep].astype("string").fillna("(none)").to_numpy()
    counts = counts_by(evidence, ["doc_id", "category"]).reset_index()
    cats = list(categories) if categories is not None else sorted(counts["category"].unique())
    grid = arts.merge(pd.DataFrame({"category": pd.Series(cats, dtype="string")}), how="cross")
    grid = grid.merge(
        counts.astype({"doc_id": "string", "category": "string"}),
        on=["doc_id", "category"],
        how="left",
    )
    grid["n"] = grid["n"].fillna(0).astype("int64")
    table = (
        grid.groupby([key, "category"], sort=True)
        .agg(n=("n", "sum"), n_tokens=("n_tokens", "sum"), n_articles=("doc_id", "nunique"))
        .reset_index()
    )
    table[RATE_COLUMN] = rate(table["n"], table["n_tokens"])
    return table[[key, "category", "n", "n_tokens", RATE_COLUMN, "n_articles"]]


def token_counts(articles: pd.DataFrame, *, in_language: bool = False) -> np.ndarray:
    """:func:`kit.text.count_tokens` of each article (with ``in_language``, of each one in
    kit's lexicon language: :func:`kit.text.language_mask`), in order; of a Dask table, counted
    partition by partition, so no text comes here."""
    columns = ["text", *(["language"] if "language" in articles.columns else [])]
    return run_partitions(articles[columns], _token_counts, np.concatenate, in_language)


def _token_counts(part: pd.DataFrame, in_language: bool) -> np.ndarray:
    return count_tokens(part["text"][language_mask(part)] if in_language else part["text"])


def counts_by(table: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The number of rows (``n``) of each combination of values of ``keys`` in ``table``,
    rows missing one left out: what the summaries of evidence count, instead of its rows.

    Of a Dask table, each partition's counts come here (:func:`kit.parallel.run_partitions`).

    Examples
    --------
    >>> ev = pd.DataFrame({"doc_id": ["a", "a", "b"], "category": ["x", "x", None]})
    >>> counts_by(ev, ["doc_id", "category"]).to_dict()
    {('a', 'x'): 2}
    """
    return run_partitions(table[keys], _sizes, summed, keys).rename("n")


def _sizes(part: pd.DataFrame, keys: list[str]) -> pd.Series:
    return part.groupby(keys).size()


@accepts_dask
def match_lexicon(
    articles: pd.DataFrame,
    lexicon,
    name: str,
    *,
    sentences: pd.DataFrame | None = None,
    negation_window: int = 0,
    progress: bool = True,
) -> pd.DataFrame:
    """Evidence rows of a dictionary's matches, through :func:`kit.dictionaries.match_dictionary`.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (``doc_id``, ``text``, ``language``); non-English ones are skipped and
        counted in ``result.attrs["skipped"]`` (language -> articles).
    lexicon : str, Path, Dictionary or None
        The dictionary; None loads the bundled lexicon ``name``.
    name : str
        Bundled lexicon name (a key of :data:`LEXICONS`).
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, to share one sentence split between
        measures (computed when None).
    negation_window : int
        Mark a match ``negated`` when one of the ``negation_window`` words before it in its
        sentence is a negator (0: never).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category, term, matched, negated, sentence``.
    """
    from kit.dictionaries import match_dictionary
    from kit.text import sentences as split

    require_columns(articles, ("doc_id", "text"), name)
    arts, skipped = in_language(articles)
    dictionary = as_dictionary(lexicon, name)
    sents = (
        split(arts[["doc_id", "text"]], progress=progress)
        if sentences is None
        else sentences[sentences["doc_id"].isin(set(arts["doc_id"]))]
    )
    found = match_dictionary(
        arts, dictionary, sentences=sents, negation_window=negation_window, progress=progress
    )
    found = found.merge(
        sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}),
        on=["doc_id", "sent_id"],
        how="left",
    )
    out = found[
        ["doc_id", "sent_id", "start", "end", "category", "term", "matched", "negated", "sentence"]
    ].reset_index(drop=True)
    out.attrs["skipped"] = skipped
    return out


def check_overrides(overrides: dict | None) -> dict[str, Path]:
    """Validate a ``lexicon_overrides`` mapping (lexicon name -> file path).

    Returns
    -------
    dict
        Lexicon name -> Path for every rhetoric lexicon (the override or the bundled file).

    Raises
    ------
    ParameterError
        For an unknown lexicon name or a path that does not exist.

    Examples
    --------
    >>> sorted(check_overrides({}))[:2]
    ['agency', 'escalation']
    """
    overrides = overrides or {}
    if not isinstance(overrides, dict):
        raise ParameterError(
            "lexicon_overrides",
            overrides,
            f"a dict mapping lexicon names ({', '.join(LEXICONS)}) to files",
        )
    unknown = sorted(set(overrides) - set(LEXICONS))
    if unknown:
        raise ParameterError(
            "lexicon_overrides",
            overrides,
            f"keys among {', '.join(LEXICONS)} (unknown: {', '.join(unknown)})",
        )
    return {name: lexicon_path(name, overrides.get(name)) for name in LEXICONS}
