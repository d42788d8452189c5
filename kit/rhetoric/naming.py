"""Naming and loaded language: how each actor is named, escalation vocabulary, us/them pronouns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.lexicons.actors import find_mentions, load_actors
from kit.parallel import by_article, by_partition, gather
from kit.rhetoric.common import add_sentences, counts_by, group_labels, match_lexicon
from kit.text.languages import in_language
from kit.validate import require_columns

NAMING_COLUMNS = [
    "doc_id",
    "sent_id",
    "start",
    "end",
    "actor",
    "alias",
    "alias_type",
    "kind",
    "matched",
    "sentence",
]


@by_article
def naming_evidence(
    articles: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every actor mention with its naming type (neutral or loaded) and its sentence.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table; only English articles are read (the actor table's aliases are
        English); others are counted in ``result.attrs["skipped"]`` (language -> articles).
    actors : pandas.DataFrame, optional
        From :func:`kit.lexicons.actors.load_actors` (default table when None).
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, shared between measures.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, actor, alias, alias_type, kind, matched, sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["The Zionist regime struck Iran."]})
    >>> naming_evidence(arts)[["actor", "alias_type", "matched"]].values.tolist()
    [['Israel', 'loaded', 'Zionist regime'], ['Iran', 'neutral', 'Iran']]
    """
    require_columns(articles, ("doc_id", "text"), "naming_evidence")
    arts, skipped = in_language(articles)
    found = find_mentions(arts, load_actors() if actors is None else actors)
    out = add_sentences(found, arts, sentences)[NAMING_COLUMNS].reset_index(drop=True)
    out.attrs["skipped"] = skipped
    return out


@by_partition("evidence")
def naming_table(
    evidence: pd.DataFrame, articles: pd.DataFrame, *, group_by: str = "outlet"
) -> pd.DataFrame:
    """Share of loaded naming per group and actor.

    Parameters
    ----------
    evidence : pandas.DataFrame
        From :func:`naming_evidence`.
    articles : pandas.DataFrame
        The articles (``doc_id`` and the ``group_by`` column).
    group_by : str
        Column of ``articles`` to group by ("outlet" by default).

    Returns
    -------
    pandas.DataFrame
        ``<group_by>, actor, n_mentions, n_loaded, n_neutral, n_articles, loaded_share,
        loaded_terms`` (the loaded aliases used, most frequent first).

    Notes
    -----
    Of a Dask table of evidence, the four columns read come here (the loaded terms are listed
    in the order the evidence first uses them, so its rows are needed), not the sentences.
    """
    ev = gather(evidence[["doc_id", "actor", "alias", "alias_type"]])
    ev = ev.assign(**{group_by: ev["doc_id"].map(group_labels(articles, group_by))})
    cols = [
        group_by,
        "actor",
        "n_mentions",
        "n_loaded",
        "n_neutral",
        "n_articles",
        "loaded_share",
        "loaded_terms",
    ]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    ev["loaded"] = ev["alias_type"].eq("loaded")
    table = (
        ev.groupby([group_by, "actor"])
        .agg(
            n_mentions=("loaded", "size"),
            n_loaded=("loaded", "sum"),
            n_articles=("doc_id", "nunique"),
        )
        .reset_index()
    )
    table["n_neutral"] = table["n_mentions"] - table["n_loaded"]
    table["loaded_share"] = (table["n_loaded"] / table["n_mentions"]).astype("float64")
    loaded = ev[ev["loaded"]]
    terms = (
        loaded.assign(term=loaded["alias"].str.lower())
        .groupby([group_by, "actor"])["term"]
        .agg(lambda s: "; ".join(s.value_counts().index))
        .rename("loaded_terms")
    )
    table = table.merge(terms.reset_index(), on=[group_by, "actor"], how="left")
    table["loaded_terms"] = table["loaded_terms"].fillna("").astype("string")
    return table[cols].sort_values(
        [group_by, "n_mentions"], ascending=[True, False], ignore_index=True
    )


@by_partition("evidence")  # counts per article come here, never the rows
def naming_choices(
    evidence: pd.DataFrame, articles: pd.DataFrame, *, group_by: str = "outlet"
) -> pd.DataFrame:
    """How each group names each actor: one row per group, actor and alias.

    Returns
    -------
    pandas.DataFrame
        ``<group_by>, actor, alias, alias_type, n, share`` (share of the actor's mentions in
        that group).
    """
    n = counts_by(evidence, ["doc_id", "actor", "alias", "alias_type"]).reset_index()
    n[group_by] = n["doc_id"].map(group_labels(articles, group_by))
    out = n.groupby([group_by, "actor", "alias", "alias_type"])["n"].sum().reset_index()
    out["share"] = out["n"] / out.groupby([group_by, "actor"])["n"].transform("sum")
    return out.sort_values(
        [group_by, "actor", "n"], ascending=[True, True, False], ignore_index=True
    )


@by_article
def escalation(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Escalation and de-escalation vocabulary, as evidence rows.

    Uses ``kit/lexicons/escalation.yml`` (shared with the sentiment analysis) unless
    ``lexicon`` is given. Returns the columns of :func:`kit.rhetoric.common.match_lexicon`;
    negated categories (``neg_escalation``: "no escalation") are kept as their own category.
    """
    return match_lexicon(articles, lexicon, "escalation", sentences=sentences, progress=progress)


@by_article  # quotes and sentences of the same articles are read partition by partition
def pronouns(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    quotes: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """In-group ("us") and out-group ("them") pronouns, as evidence rows.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table.
    lexicon : str, Path or Dictionary, optional
        Default ``kit/lexicons/pronouns.yml`` (categories us, them).
    quotes : pandas.DataFrame, optional
        From :func:`kit.rhetoric.extract_quotes`; when given, ``in_quote`` tells whether the
        pronoun stands inside a direct or mixed quote (the source's voice) or not.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        The evidence columns plus ``in_quote`` (bool; all False without ``quotes``). Matches
        written in capitals ("US") are dropped: they are the acronym, not the pronoun.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["We warned the US; they attacked us."]})
    >>> pronouns(arts)[["category", "matched"]].values.tolist()
    [['us', 'We'], ['them', 'they'], ['us', 'us']]
    """
    found = match_lexicon(articles, lexicon, "pronouns", sentences=sentences, progress=progress)
    caps = found["matched"].str.len().gt(1) & found["matched"].str.isupper()
    out = found[~caps.fillna(False)].reset_index(drop=True)
    in_quote = np.zeros(len(out), dtype=bool)
    if quotes is not None and len(quotes) and len(out):
        spans: dict = {}
        for d, s, e in quotes.loc[
            quotes["kind"].isin(["direct", "mixed"]), ["doc_id", "content_start", "content_end"]
        ].itertuples(index=False):
            spans.setdefault(d, []).append((s, e))
        for i, (d, start) in enumerate(zip(out["doc_id"], out["start"])):
            in_quote[i] = any(s <= start < e for s, e in spans.get(d, ()))
    out["in_quote"] = in_quote
    out.attrs["skipped"] = found.attrs.get("skipped")
    return out
