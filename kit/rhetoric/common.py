"""Helpers shared by the rhetoric measures: language filter, lexicon paths, sentences, rates."""
from __future__ import annotations

import bisect
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from kit import config
from kit.dictionaries import Dictionary, load_dictionary
from kit.errors import ParameterError, SchemaError
from kit.text import split_sentences

#: Lexicons of the rhetoric analysis, by the name used in ``lexicon_overrides``.
LEXICONS = {name: config.LEXICONS_DIR / f"{name}.yml" for name in (
    "reporting_verbs", "hedges_boosters", "frames", "pronouns", "escalation", "agency")}
EVIDENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "category", "term", "matched",
                    "sentence"]
_AUTO_PROGRESS = 500


def lexicon_path(name: str, override: str | Path | None = None) -> Path:
    """Path of a rhetoric lexicon: ``override`` when given, else the bundled file."""
    if override:
        path = Path(override)
        if not path.exists():
            raise ParameterError(f"lexicon_overrides[{name!r}]", str(override),
                                 "the path of an existing lexicon file")
        return path
    if name not in LEXICONS:
        raise ParameterError("lexicon", name, f"one of {sorted(LEXICONS)}")
    return LEXICONS[name]


def as_dictionary(lexicon, name: str) -> Dictionary:
    """Accept a Dictionary, a path, or None (the bundled lexicon ``name``)."""
    if isinstance(lexicon, Dictionary):
        return lexicon
    return load_dictionary(lexicon_path(name, lexicon))


def require(articles: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    """Raise SchemaError when ``articles`` lacks one of ``columns``."""
    missing = [c for c in columns if c not in articles.columns]
    if missing:
        raise SchemaError(f"{what} needs the articles columns {list(columns)}; missing {missing}")


def english(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split articles into those English lexicons apply to and the skipped rest.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The English articles (a missing ``text`` read as ""), and a table
        ``language, n_articles`` of the skipped ones. Without a ``language`` column every
        article is treated as English.
    """
    if "text" in articles.columns and articles["text"].isna().any():
        articles = articles.assign(text=articles["text"].fillna(""))  # missing body = no words
    if "language" not in articles.columns:
        return articles, pd.DataFrame({"language": pd.Series(dtype="string"),
                                       "n_articles": pd.Series(dtype="int64")})
    lang = articles["language"].fillna("").astype(str)
    keep = lang.eq(config.LEXICON_LANGUAGE)
    skipped = (lang[~keep].replace("", "unknown").value_counts().rename_axis("language")
               .reset_index(name="n_articles"))
    return articles[keep], skipped


def group_labels(articles: pd.DataFrame, group_by: str) -> pd.Series:
    """doc_id -> the ``group_by`` value as a string ("(none)" when missing).

    Raises
    ------
    ParameterError
        When ``group_by`` is not a column of ``articles``.
    """
    if group_by not in articles.columns:
        raise ParameterError("group_by", group_by, "a column of the articles table ("
                             + ", ".join(map(str, articles.columns)) + ")")
    return articles.set_index("doc_id")[group_by].astype("string").fillna("(none)")


def skipped_counts(skipped: pd.DataFrame) -> dict[str, int]:
    """The skipped-language table of :func:`english` as a plain dict (fits DataFrame.attrs)."""
    return {str(k): int(v) for k, v in zip(skipped["language"], skipped["n_articles"])}


def progress_bar(iterable, total: int, progress: bool | None, desc: str):
    """tqdm bar; ``progress=None`` shows it only for large inputs."""
    show = total > _AUTO_PROGRESS if progress is None else progress
    return tqdm(iterable, total=total, desc=desc, disable=not show, leave=False)


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


def sentence_index(articles: pd.DataFrame, sentences: pd.DataFrame | None = None
                   ) -> dict[str, Sentences]:
    """doc_id -> :class:`Sentences`, from a :func:`kit.text.sentences` table when given.

    Passing the table computed once lets several measures share one sentence split.
    """
    if sentences is None:
        return {d: Sentences(t if isinstance(t, str) else "")
                for d, t in zip(articles["doc_id"], articles["text"])}
    require(sentences, ("doc_id", "start", "end"), "sentences")
    spans: dict = {}
    for d, s, e in zip(sentences["doc_id"], sentences["start"], sentences["end"]):
        spans.setdefault(d, []).append((int(s), int(e)))
    return {d: Sentences(spans=spans.get(d, [])) for d in articles["doc_id"]}


def add_sentences(evidence: pd.DataFrame, articles: pd.DataFrame,
                  sentences: pd.DataFrame | None = None) -> pd.DataFrame:
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


def rates(evidence: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = None,
          categories: list[str] | None = None) -> pd.DataFrame:
    """Turn evidence rows into counts and rates per 1,000 words, per article or per group.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Rows with ``doc_id`` and ``category`` (any evidence table of :mod:`kit.rhetoric`).
    articles : pandas.DataFrame
        The articles the evidence came from (``doc_id``, ``n_words`` and the ``group_by``
        column); articles without any match count as zero.
    group_by : str, optional
        None for one row per article and category; a column (e.g. "outlet") to pool articles.
    categories : list of str, optional
        Categories to report (default: those in ``evidence``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or the ``group_by`` column), ``category``, ``n``, ``n_words``,
        ``per_1000_words``, ``n_articles``; the group rate pools words (sum n / sum words).

    Raises
    ------
    ParameterError
        When ``group_by`` is not a column of ``articles``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "n_words": [500, 500]})
    >>> ev = pd.DataFrame({"doc_id": ["a"], "category": ["hedge"]})
    >>> rates(ev, arts, group_by="outlet")["per_1000_words"].item()
    1.0
    """
    key = group_by or "doc_id"
    if key not in articles.columns:
        raise ParameterError("group_by", group_by, f"a column of the articles table "
                             f"({', '.join(map(str, articles.columns))})")
    cats = list(categories) if categories is not None else sorted(
        evidence["category"].dropna().unique()) if len(evidence) else []
    arts = articles[["doc_id", "n_words"] + ([key] if key != "doc_id" else [])].copy()
    arts[key] = arts[key].astype("string").fillna("(none)")
    counts = evidence.groupby(["doc_id", "category"]).size().rename("n").reset_index()
    grid = arts.merge(pd.DataFrame({"category": pd.Series(cats, dtype="string")}), how="cross")
    grid = grid.merge(counts.astype({"doc_id": "string", "category": "string"}),
                      on=["doc_id", "category"], how="left")
    grid["n"] = grid["n"].fillna(0).astype("int64")
    table = grid.groupby([key, "category"], sort=True).agg(
        n=("n", "sum"), n_words=("n_words", "sum"), n_articles=("doc_id", "nunique")).reset_index()
    words = table["n_words"].where(table["n_words"] > 0)
    table["per_1000_words"] = (table["n"] / words * 1000).astype("float64")
    return table[[key, "category", "n", "n_words", "per_1000_words", "n_articles"]]


def match_lexicon(articles: pd.DataFrame, lexicon, name: str, *,
                  sentences: pd.DataFrame | None = None,
                  progress: bool | None = None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category, term, matched, negated, sentence``.
    """
    from kit.dictionaries import match_dictionary
    from kit.text import sentences as split

    require(articles, ("doc_id", "text"), name)
    arts, skipped = english(articles)
    dictionary = as_dictionary(lexicon, name)
    sents = split(arts[["doc_id", "text"]]) if sentences is None else sentences[
        sentences["doc_id"].isin(set(arts["doc_id"]))]
    found = match_dictionary(arts, dictionary, sentences=sents, progress=progress)
    found = found.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}),
                        on=["doc_id", "sent_id"], how="left")
    out = found[["doc_id", "sent_id", "start", "end", "category", "term", "matched", "negated",
                 "sentence"]].reset_index(drop=True)
    out.attrs["skipped"] = skipped_counts(skipped)
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
        raise ParameterError("lexicon_overrides", overrides,
                             f"a dict mapping lexicon names ({', '.join(LEXICONS)}) to files")
    unknown = sorted(set(overrides) - set(LEXICONS))
    if unknown:
        raise ParameterError("lexicon_overrides", overrides,
                             f"keys among {', '.join(LEXICONS)} (unknown: {', '.join(unknown)})")
    return {name: lexicon_path(name, overrides.get(name)) for name in LEXICONS}
