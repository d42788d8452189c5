"""Agency: passives with and without an agent, and nominalized harm that hides the agent.

No part-of-speech tagger can be downloaded (NLTK's tagger needs a data download), so passives
are found with a rule: a form of BE or GET, optional adverbs (and "being"/"been"), then a past
participle: a lower-case -ed word or a listed irregular participle, minus a list of -ed words
that are usually adjectives after BE ("was concerned", "is based in"). The word lists live in
``kit/lexicons/agency.yml``. An agent is a "by" phrase after the participle whose first words
are not time, manner or measure ("by Sunday", "by mistake", "by 20 percent").
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from kit.errors import LexiconError
from kit.lexicons import word_lists
from kit.parallel import PARALLEL_MIN_ARTICLES, by_article, by_partition, map_chunks
from kit.rhetoric.common import lexicon_path, rates, sentence_index
from kit.rhetoric.words import has_verb
from kit.text import RATE_COLUMN
from kit.text.languages import in_language
from kit.validate import require_columns

AGENCY_COLUMNS = [
    "doc_id",
    "sent_id",
    "start",
    "end",
    "category",
    "term",
    "matched",
    "agent",
    "sentence",
]
CATEGORIES = ("passive_agentful", "passive_agentless", "nominal_agentful", "nominal_agentless")
WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_WORDS = word_lists("agency_words")  # see kit/lexicons/agency_words.yml
ADVERBS = _WORDS["adverbs"]
AGENT_STOP = _WORDS["agent_stop"]
_KEYS = (
    "auxiliaries",
    "irregular_participles",
    "adjectival",
    "not_participles",
    "harm_nouns",
    "harm_phrases",
    "by_not_agent",
)


class AgencyLexicon:
    """The word lists of ``agency.yml``, validated and lower-cased."""

    def __init__(self, path: str | Path | None = None):
        path = lexicon_path("agency", path)
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise LexiconError(f"{path}: not valid YAML ({exc})") from None
        missing = [k for k in _KEYS if not isinstance((data or {}).get(k), (list, dict))]
        if missing:
            raise LexiconError(
                f"{path}: agency lexicon lacks the lists {missing}; expected "
                f"keys {list(_KEYS)} (see kit/lexicons/agency.yml)"
            )
        aux = data["auxiliaries"]
        if not isinstance(aux, dict) or set(aux) != {"be", "get"}:
            raise LexiconError(f"{path}: 'auxiliaries' must map 'be' and 'get' to word lists")
        low = {k: {str(w).lower() for w in data[k]} for k in _KEYS if k != "auxiliaries"}
        self.be = {str(w).lower() for w in aux["be"]}
        self.get = {str(w).lower() for w in aux["get"]}
        self.irregular = low["irregular_participles"]
        self.adjectival = low["adjectival"]
        self.not_participles = low["not_participles"]
        self.harm_nouns = low["harm_nouns"]
        self.harm_phrases = [p.split() for p in low["harm_phrases"]]
        self.harm_phrase_starts = {p[0] for p in self.harm_phrases if p}
        self.by_not_agent = [p.split() for p in low["by_not_agent"]]

    def participle(self, word: str) -> bool:
        """True for a past participle that can make a passive."""
        low = word.lower()
        if low in self.adjectival or low in self.not_participles:
            return False
        if low in self.irregular:
            return True
        return word.islower() and low.endswith("ed") and len(low) > 3

    def time_or_manner(self, words: list[str]) -> bool:
        low = [w.lower() for w in words]
        return not low or low[0].isdigit() or any(low[: len(p)] == p for p in self.by_not_agent)


@by_article
def find_agency(
    articles: pd.DataFrame,
    *,
    lexicon=None,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Find passives (with and without agent) and nominalized harm, as evidence rows.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``; only English articles are read, the others are
        counted in ``result.attrs["skipped"]`` (language -> articles)).
    lexicon : str or Path, optional
        An agency word-list file in the layout of ``kit/lexicons/agency.yml`` (the default).
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, shared between measures.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, start, end, category, term, matched, agent, sentence``: category is
        one of passive_agentful, passive_agentless, nominal_agentful, nominal_agentless;
        ``term`` the participle or harm noun; ``matched`` the text from auxiliary to participle
        (and through the "by" phrase); ``agent`` the agent's words or NA.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Two men were killed. She was concerned."]})
    >>> find_agency(arts)[["category", "matched"]].values.tolist()
    [['passive_agentless', 'were killed']]
    """
    require_columns(articles, ("doc_id", "text"), "find_agency")
    lex = lexicon if isinstance(lexicon, AgencyLexicon) else AgencyLexicon(lexicon)
    arts, skipped = in_language(articles)
    index = sentence_index(arts, sentences)
    items = [
        (d, t, index[d].spans) for d, t in zip(arts["doc_id"], arts["text"]) if isinstance(t, str)
    ]
    rows = map_chunks(
        _agency_of_articles,
        items,
        lex,
        chunk_size=200,
        parallel=len(items) >= PARALLEL_MIN_ARTICLES,
        desc="agency",
        progress=progress,
        preload=(__name__,),
    )
    out = pd.DataFrame(rows, columns=AGENCY_COLUMNS).astype(
        {
            "doc_id": "string",
            "sent_id": "int64",
            "start": "int64",
            "end": "int64",
            "category": "string",
            "term": "string",
            "matched": "string",
            "agent": "string",
            "sentence": "string",
        }
    )
    out = out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    out.attrs["skipped"] = skipped
    return out


def _agency_of_articles(items: list[tuple], lex: AgencyLexicon) -> list[tuple]:
    """Evidence rows of ``(doc_id, text, sentence spans)`` items: the work of one chunk."""
    rows = []
    for doc_id, text, spans in items:
        for sent_id, (s, e) in enumerate(spans):
            toks = [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text, s, e)]
            for start, end, cat, term, agent in _passives(toks, lex) + _nominals(toks, lex):
                rows.append(
                    (doc_id, sent_id, start, end, cat, term, text[start:end], agent, text[s:e])
                )
    return rows


def _agent(toks, k, lex: AgencyLexicon):
    """(end offset, agent words) of a 'by' phrase starting at token k, or None."""
    if k >= len(toks) or toks[k][0].lower() != "by":
        return None
    words: list[str] = []
    j = k + 1
    while (
        j < len(toks)
        and len(words) < 8
        and toks[j][0][0].isalnum()
        and (toks[j][0].lower() not in AGENT_STOP)
        and not has_verb([toks[j][0]])
        and (toks[j][0].lower() not in lex.be)
    ):
        words.append(toks[j])
        j += 1
    if not words or lex.time_or_manner([w[0] for w in words]):
        return None
    return words[-1][2], " ".join(w[0] for w in words)


def _passives(toks, lex: AgencyLexicon) -> list[tuple]:
    found, used = [], set()
    for i, (tok, start, _) in enumerate(toks):
        low = tok.lower()
        if i in used or (low not in lex.be and low not in lex.get):
            continue
        j = i + 1
        while j < len(toks) and (
            toks[j][0].lower() in ADVERBS
            or toks[j][0].lower() in ("being", "been")
            or (toks[j][0].endswith("ly") and toks[j][0].islower())
        ):
            used.add(j)
            j += 1
        if j >= len(toks) or not lex.participle(toks[j][0]):
            continue
        if low in lex.get and toks[j][0].lower() in ("rid", "used"):
            continue
        used.add(j)
        end = toks[j][2]
        agent = None
        # the "by" phrase may follow a short adverbial: "was killed on Sunday by a drone"
        for k in range(j + 1, min(j + 5, len(toks))):
            if toks[k][0] in ",;:.":
                break
            found_agent = _agent(toks, k, lex)
            if found_agent:
                end, agent = found_agent
                break
        cat = "passive_agentful" if agent else "passive_agentless"
        found.append((start, end, cat, toks[j][0].lower(), agent))
    return found


def _nominals(toks, lex: AgencyLexicon) -> list[tuple]:
    found: list[tuple] = []
    words = [t[0].lower() for t in toks]
    for i, low in enumerate(words):
        phrase = low in lex.harm_phrase_starts and next(
            (p for p in lex.harm_phrases if words[i : i + len(p)] == p), None
        )
        if phrase:
            found.append(
                (
                    toks[i][1],
                    toks[i + len(phrase) - 1][2],
                    "nominal_agentless",
                    " ".join(phrase),
                    None,
                )
            )
            continue
        if (
            low not in lex.harm_nouns
            or i + 1 >= len(toks)
            or words[i + 1] not in ("of", "on", "against")
        ):
            continue
        prev = toks[i - 1][0] if i > 0 else ""
        agent = None
        capitalised = prev[:1].isupper() and i > 1 and prev.lower() not in ("the", "a", "an")
        if prev.endswith(("'s", "’s", "s'", "s’")) or capitalised:
            agent = prev  # "Iran's attack on", "Israeli strikes on"
        end = toks[i + 1][2]
        j = i + 2
        # the phrase runs to the end of the prepositional object: punctuation, a verb or a
        # clause word ends it ("the attack on April 1 | resulted in ...")
        while (
            j < len(toks)
            and j < i + 10
            and toks[j][0] not in ",;:.()"
            and not (
                has_verb([toks[j][0]])
                or toks[j][0].lower() in AGENT_STOP - {"in", "at", "of"}
                or toks[j][0].lower() in lex.be
            )
        ):
            by = _agent(toks, j, lex)
            if by:
                end, agent = by
                break
            end = toks[j][2]
            j += 1
        if agent is None and j < len(toks):
            by = _agent(toks, j, lex)
            if by:
                end, agent = by
        cat = "nominal_agentful" if agent else "nominal_agentless"
        found.append((toks[i][1], end, cat, low, agent))
    return found


@by_partition("evidence", "articles")  # read by rates, partition by partition
def agency_rates(
    evidence: pd.DataFrame, articles: pd.DataFrame, *, group_by: str | None = None
) -> pd.DataFrame:
    """Passive and nominalization rates per article or group, with the agentless share.

    Parameters
    ----------
    evidence : pandas.DataFrame
        From :func:`find_agency`.
    articles : pandas.DataFrame
        The articles (``doc_id``, ``text`` and the ``group_by`` column).
    group_by : str, optional
        None: one row per article; else a column of ``articles`` such as "outlet".

    Returns
    -------
    pandas.DataFrame
        One row per article or group: ``n_tokens`` and, for each category, its count and rate
        per 1,000 tokens (``passive_agentless_per_1k_tokens`` ...), plus ``agentless_passive_share``
        (agentless / all passives; NA without passives).
    """
    table = rates(evidence, articles, group_by=group_by, categories=list(CATEGORIES))
    key = group_by or "doc_id"
    if table.empty:
        cols = [
            key,
            "n_tokens",
            *CATEGORIES,
            *(f"{c}_{RATE_COLUMN}" for c in CATEGORIES),
            "agentless_passive_share",
        ]
        return pd.DataFrame(columns=cols)
    n = table.pivot(index=key, columns="category", values="n")
    per = table.pivot(index=key, columns="category", values=RATE_COLUMN).add_suffix(
        f"_{RATE_COLUMN}"
    )
    words = table.groupby(key)["n_tokens"].first()
    out = pd.concat([words, n, per], axis=1)
    passives = out["passive_agentful"] + out["passive_agentless"]
    out["agentless_passive_share"] = out["passive_agentless"] / passives.where(passives > 0)
    return out.reset_index().rename_axis(columns=None)
