"""Quotations: direct, indirect and mixed, with speaker, cue and content spans.

Hand-written rules over quotation marks, a reporting-verb lexicon and the words around each cue:
no quotation extractor that works without a downloaded parser model exists for Python, and
textacy's ``direct_quotations`` needs spaCy models, which cannot be downloaded here.

Rules, in order, for each English article:

1. Quotation marks (straight or curly double marks, by context) are paired within a paragraph;
   a quote left open at a paragraph's end continues when the next paragraph opens with a mark.
2. A quoted span that starts a sentence, follows a colon, or follows a reporting cue is a
   *direct* quote; it is attributed by the words after it (``"...," Salami said``,
   ``"...," said Salami``) or before it (``Salami said: "..."``). Quotes split by their
   attribution (``"...," he said, "..."``) share speaker and cue. A participle before the mark
   (``..., saying, "..."``) attributes it to the sentence's subject; a transcript line
   (``"WALLACE: ...``) to its label.
3. *Indirect* speech: ``SPEAKER [has/also...] CUE [that] CLAUSE``, ``CLAUSE, SPEAKER CUE.``,
   ``according to SPEAKER, CLAUSE``, ``CLAUSE, according to SPEAKER`` and the participle
   ``SUBJECT VERB ..., saying CLAUSE`` (``adding/warning/noting... that``, and the -ing form of
   any cue: ``..., promising to ...``); the audience of ``told`` is no part of the content
   (``..., the minister told reporters.``); in the passive ``A was criticized by X`` the agent X
   is the source of A; ``Asked about X, ...`` is a question without a source.
4. A direct quote without an attribution in its own sentence (a paragraph that is only a quote)
   takes the speaker and cue of the closest preceding attribution within two paragraphs
   ("context"; a participle clause of that attribution, ``X said, warning that ...``, is passed
   over for its main cue).
5. A short or lower-case quoted fragment inside a sentence is *mixed* when that sentence has an
   attribution, or when it follows an attributed statement in the same paragraph ("context");
   otherwise it is a scare quote (kept only with ``scare_quotes=True``, kind "scare").
6. Speakers are resolved (:func:`kit.rhetoric.coreference.resolve_rows`) and linked to actors;
   the speaker span is then the mention the attribution rests on: the relative pronoun of
   ``Smith, who said ...``, and for a quote attributed from context the speaker's nearest
   mention before it (name, surname, he or she), as PolNeAR and PARC annotate sources.
"""

from __future__ import annotations

import bisect
import functools
import re

import pandas as pd

from kit.lexicons.actors import load_actors
from kit.parallel import PARALLEL_MIN_ARTICLES, by_article, map_chunks
from kit.rhetoric.common import Sentences, sentence_index
from kit.rhetoric.coreference import resolve_rows
from kit.rhetoric.cues import Cues
from kit.rhetoric.indirect import (
    COLON_LABELS,
    PARTICIPLES,
    UNQUOTED_KINDS,
    find_asked,
    find_indirect,
    trim,
)
from kit.rhetoric.linking import link_actors, person_names, place_names
from kit.rhetoric.marks import MARKS, normalise_marks, paragraphs, scan_quotes
from kit.rhetoric.phrases import ABBREVIATIONS, Speaker, speaker_after, speaker_before
from kit.text.languages import in_language
from kit.validate import require_columns

#: The kinds of attribution relation: with quotation marks (direct, mixed) and without.
KINDS = ("direct", "mixed", *UNQUOTED_KINDS)
QUOTE_COLUMNS = [
    "doc_id",
    "quote_id",
    "kind",
    "speaker",
    "speaker_text",
    "speaker_kind",
    "speaker_start",
    "speaker_end",
    "role",
    "attribution",
    "cue",
    "cue_start",
    "cue_end",
    "stance",
    "content",
    "content_start",
    "content_end",
    "sent_id",
    "paragraph",
    "actor",
]
SENT_END = re.compile(r"[.!?](?=[\s\"”»’]*(?:\s[A-Z“\"‘(]|$))|\n[ \t]*\n")


@by_article
def extract_quotes(
    articles: pd.DataFrame,
    *,
    reporting_verbs=None,
    actors=None,
    scare_quotes: bool = False,
    sentences: pd.DataFrame | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Extract direct, indirect and mixed quotations with speaker, cue and content spans.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``; ``language`` when present: only English articles
        are read; the others are counted in ``result.attrs["skipped"]``, language -> articles).
    reporting_verbs : str, Path or Dictionary, optional
        Reporting-verb lexicon (default ``kit/lexicons/reporting_verbs.yml``).
    actors : pandas.DataFrame, optional
        Actor table for linking speakers (default :func:`kit.lexicons.actors.load_actors`).
    scare_quotes : bool
        Also return unattributed quoted fragments, as kind "scare".
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, shared between measures.
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        One row per attribution: ``doc_id, quote_id, kind`` (direct and mixed quotations;
        without marks: indirect speech, according_to, belief (and intention), evidence
        ("polls show"); scare with ``scare_quotes``: keep ``kind in ("direct", "mixed")`` for
        quotations only),
        ``speaker`` (resolved name), ``speaker_text, speaker_kind`` (name, pronoun,
        description), ``speaker_start, speaker_end`` (span of the mention the attribution rests
        on: the relative pronoun of "Smith, who said"; for "context" attribution, the speaker's
        nearest mention before the quote; ``speaker_text`` is that mention), ``role``
        (apposition or title), ``attribution`` (explicit, split, context, none), ``cue,
        cue_start, cue_end, stance``, ``content, content_start, content_end`` (inside the
        marks for direct and mixed quotes), ``sent_id, paragraph`` (of the content start),
        ``actor``. Offsets index the article's ``text``; missing spans are NA.

    Raises
    ------
    SchemaError
        When ``articles`` lacks ``doc_id`` or ``text``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ['"We are ready," Salami said.']})
    >>> extract_quotes(arts)[["kind", "speaker", "cue", "content"]].values.tolist()
    [['direct', 'Hossein Salami', 'said', 'We are ready,']]
    """
    require_columns(articles, ("doc_id", "text"), "extract_quotes")
    arts, skipped = in_language(articles)
    cues = Cues(reporting_verbs)
    actors = load_actors() if actors is None else actors
    people, places = person_names(actors), place_names(actors)
    index = sentence_index(arts, sentences)
    items = [
        (str(d), t, index[d])
        for d, t in zip(arts["doc_id"], arts["text"])
        if isinstance(t, str) and t
    ]
    rules = (cues, scare_quotes, people, places)
    rows = map_chunks(
        _extract_docs,
        items,
        rules,
        chunk_size=_CHUNK,
        parallel=len(items) >= PARALLEL_MIN_ARTICLES,
        desc="quotes",
        progress=progress,
        preload=(__name__,),
    )
    out = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "actor"])
    out["actor"] = link_actors(out, actors) if len(out) else pd.Series(dtype="string")
    out = out[QUOTE_COLUMNS].astype(
        {
            "doc_id": "string",
            "quote_id": "int64",
            "kind": "string",
            "speaker": "string",
            "speaker_text": "string",
            "speaker_kind": "string",
            "speaker_start": "Int64",
            "speaker_end": "Int64",
            "role": "string",
            "attribution": "string",
            "cue": "string",
            "cue_start": "Int64",
            "cue_end": "Int64",
            "stance": "string",
            "content": "string",
            "content_start": "int64",
            "content_end": "int64",
            "sent_id": "int64",
            "paragraph": "int64",
            "actor": "string",
        }
    )
    out.attrs["skipped"] = skipped
    return out.reset_index(drop=True)


#: Articles per task sent to a worker.
_CHUNK = 200


def _extract_docs(items, rules) -> list[dict]:
    """The quote rows of ``(doc_id, text, Sentences)`` items (one task of a worker)."""
    cues, scare_quotes, people, places = rules
    rows: list[dict] = []
    for doc_id, text, spans in items:
        work = normalise_marks(text)
        doc_rows = _extract_doc(doc_id, work, cues, scare_quotes, spans)
        resolve_rows(doc_rows, work, people, places)
        _evidence(doc_rows, work)
        if work != text:
            _restore_strings(doc_rows, text)
        rows.extend(doc_rows)
    return rows


def _evidence(rows: list[dict], text: str) -> None:
    """Point each resolved speaker's span at the mention its attribution rests on: the relative
    pronoun of "Smith, who said ...", and for a quote attributed from context the speaker's
    nearest mention before it (name, surname or pronoun) rather than the antecedent's."""
    quoted = [
        (r["content_start"], r["content_end"]) for r in rows if r["kind"] in ("direct", "mixed")
    ]
    for r in rows:
        span = r.pop("relative", None)
        kind = "pronoun"
        if r["attribution"] == "context" and isinstance(r["speaker"], str) and r["speaker"]:
            found = _nearest_mention(text, r, quoted)
            span, kind = found if found else (span, kind)
        if span is not None:
            r["speaker_start"], r["speaker_end"] = span
            r["speaker_text"], r["speaker_kind"] = text[span[0] : span[1]], kind


def _nearest_mention(text: str, row: dict, quoted) -> tuple[tuple[int, int], str] | None:
    """The last mention of ``row``'s resolved speaker between its antecedent and its content,
    outside quotation marks: ((start, end), kind) or None."""
    start, stop = row["speaker_end"], row["content_start"]
    if start is None or start >= stop:
        return None
    name = row["speaker"]
    words = name.split()
    alts = [re.escape(name)] + ([re.escape(words[-1])] if len(words) > 1 else [])
    pattern = _mention_pattern("|".join(alts))
    for m in reversed(list(pattern.finditer(text, start, stop))):
        if not any(a <= m.start() < b for a, b in quoted):
            return (m.start(), m.end()), (
                "pronoun" if m.group(0).lower() in ("he", "she") else "name"
            )
    return None


@functools.lru_cache(maxsize=4096)
def _mention_pattern(names: str) -> re.Pattern:
    """A whole-word match of one of ``names`` (regex alternatives) or of "he" / "she"."""
    return re.compile(r"(?<![\w'’-])(?:" + names + r"|[Hh]e|[Ss]he)(?![\w'’-])")


def _restore_strings(rows: list[dict], text: str) -> None:
    """Take the content and cue strings from the original text (marks were normalised)."""
    for r in rows:
        r["content"] = text[r["content_start"] : r["content_end"]]
        if r["cue_start"] is not None:
            r["cue"] = text[r["cue_start"] : r["cue_end"]]


def _row(
    doc_id,
    kind,
    speaker: Speaker | None,
    cue: tuple | None,
    content: tuple,
    text,
    attribution,
    cues: Cues,
    sents: Sentences,
    para: int,
) -> dict:
    cs, ce = content
    return {
        "doc_id": doc_id,
        "kind": kind,
        "speaker": None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "relative": speaker.relative if speaker else None,
        "role": speaker.role if speaker and speaker.role else None,
        "attribution": attribution if speaker else "none",
        "cue": text[cue[0] : cue[1]] if cue else None,
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        "stance": _stance(cues, text[cue[0] : cue[1]]) if cue else None,
        "content": text[cs:ce],
        "content_start": cs,
        "content_end": ce,
        "sent_id": sents.index(cs),
        "paragraph": para,
    }


def _stance(cues: Cues, cue: str) -> str | None:
    return cues.of(cue) or cues.of(PARTICIPLES.get(cue.lower(), ""))


def _sentence_end(text: str, pos: int, limit: int) -> int:
    for m in SENT_END.finditer(text, pos, limit):
        if text[m.start()] == ".":
            word = _LAST_WORD.search(text, max(pos, m.start() - 20), m.start())
            if word and (word.group(0).lower() in ABBREVIATIONS or len(word.group(0)) == 1):
                continue  # "Mr. Morgan", "John F. Kerry"
        return m.start() + (1 if text[m.start()] in ".!?" else 0)
    return limit


_LAST_WORD = re.compile(r"\w+$")


def _attribute_after(text, close, limit, cues: Cues, content_end_char):
    """Attribution right after a closing mark: '," Salami said' or '," said Salami'."""
    end = _sentence_end(text, close + 1, limit)
    nxt = MARKS.search(text, close + 1, end)
    seg_end = nxt.start() if nxt else end
    m = next(iter(cues.in_range(close + 1, seg_end)), None)
    between = text[close + 1 : m.start()] if m else ""
    # '," Leonard Burman, director of ... and a professor at ..., said': a long apposition
    if not m or len(between.split()) > (30 if between.count(",") >= 2 else 9):
        return None
    sp = speaker_before(text, close + 1, m.start(), anchored=True)
    if sp is None and not text[close + 1 : m.start()].strip(" \t,—–-"):
        sp = speaker_after(text, m.end(), seg_end)
    if sp is None:
        return None
    if content_end_char == ".":
        rest = text[max(sp.end, sp.role_end, m.end()) : seg_end].strip()
        if rest not in ("", ".") and len(rest.split()) > 3:
            return None
    return sp, (m.start(), m.end()), seg_end


def _attribute_before(text, sent_start, open_pos, cues: Cues):
    """Attribution right before an opening mark: 'Salami said: "' or 'Salami told reporters, "'."""
    best = None
    for m in cues.in_range(sent_start, open_pos):
        best = m
    if best is None:
        return None
    between = text[best.end() : open_pos]
    if not re.fullmatch(r"(?:\s+[\w'’.-]+){0,3}\s*[:,]?\s*(?:that\s*)?", between):
        return None
    sp = speaker_before(text, sent_start, best.start())
    if sp is None:
        return None
    return sp, (best.start(), best.end())


def _extract_doc(
    doc_id: str, text: str, cues: Cues, scare_quotes: bool, sents: Sentences
) -> list[dict]:
    cues.prepare(text)
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]

    def para_of(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos) - 1

    def row(kind, speaker, cue, span, attribution, para) -> dict:
        return _row(doc_id, kind, speaker, cue, span, text, attribution, cues, sents, para)

    rows, quoted, used_cues, fragments = _direct_quotes(text, cues, sents, paras, para_of, row)
    for speaker, cue, span, kind in find_indirect(text, cues, sents, quoted, used_cues):
        rows.append(row(kind, speaker, cue, span, "explicit", para_of(span[0])))
    for cue, span in find_asked(text, sents, quoted):
        rows.append(row("indirect", None, cue, span, "none", para_of(span[0])))
    rows = _outermost(rows)
    rows.sort(key=lambda r: r["content_start"])
    _context(rows, text, sents)
    rows.extend(_mixed(doc_id, text, fragments, rows, cues, sents, scare_quotes))
    rows.sort(key=lambda r: (r["content_start"], r["kind"] not in UNQUOTED_KINDS))
    for i, r in enumerate(rows):
        r["quote_id"] = i
    return rows


def _direct_quotes(text: str, cues: Cues, sents: Sentences, paras, para_of, row):
    """Quotation marks read in order: direct quotes with their speaker (before or after, or
    split around the cue), the spans inside marks, the cues used, and the fragments left for
    mixed quotes."""
    quoted: list[tuple[int, int]] = []  # mark spans, to keep cues inside quotes out
    rows: list[dict] = []
    used_cues: set[int] = set()
    fragments = []
    split_next: dict | None = None
    for q in scan_quotes(text):
        cs = q.open + 1
        ce = q.close if q.close is not None else (q.unclosed_end or len(text))
        while ce > cs and text[ce - 1].isspace():
            ce -= 1
        content = text[cs:ce].strip()
        if not content:
            continue
        quoted.append((q.open, (q.close + 1) if q.close is not None else ce))
        s_start, _ = sents.span(q.open)
        pre = text[max(s_start, quoted[-2][1] if len(quoted) > 1 else 0) : q.open]
        para = para_of(q.open)
        first = content.lstrip("'‘(…. [")[:1]
        if split_next is not None and split_next["end"] >= q.open - 2:
            # '"...," Trump said, adding later, "..."': the participle is the second quote's cue
            part = _LEAD_PARTICIPLE.search(text, split_next["cue"][1], q.open)
            cue = (part.start(1), part.end(1)) if part else split_next["cue"]
            rows.append(row("direct", split_next["speaker"], cue, (cs, ce), "split", para))
            split_next = None
            continue
        split_next = None
        label = _TRANSCRIPT_LABEL.match(text, cs, ce)
        if label and label.group(1).lower() not in COLON_LABELS:
            # transcript lines, each its speaker's: '"WALLACE: Do you ... \n\n"PENCE: Well, ...'
            lines = [label, *_TRANSCRIPT_LINE.finditer(text, label.end(), ce)]
            for i, line in enumerate(lines):
                name = Speaker(line.group(1), line.start(1), line.end(1), "name")
                colon = (line.end(1), line.end(1) + 1)
                end = lines[i + 1].start() if i + 1 < len(lines) else ce
                used_cues.add(colon[0])
                span = trim(text, line.end(), end)
                rows.append(row("direct", name, colon, span, "explicit", para_of(span[0])))
            continue
        lead = _attribute_before(text, s_start, q.open, cues) if pre.strip() else None
        if lead is None and pre.strip():
            lead = _participle_before(text, s_start, q.open)
        starts_sentence = not pre.strip() or pre.rstrip().endswith(":")
        clause_like = (first.isupper() or first.isdigit()) and (
            len(content.split()) >= 3 or content[-1:] in ".!?,"
        )
        if not (clause_like and (starts_sentence or lead)):
            fragments.append((q, cs, ce, para))
            continue
        speaker, cue, attribution = None, None, "none"
        if lead:
            speaker, cue = lead
            attribution = "explicit"
        elif q.close is not None:
            after = _attribute_after(
                text, q.close, paras[para_of(q.close)][1], cues, content.rstrip('”"')[-1:]
            )
            if after:
                speaker, cue, seg_end = after
                attribution = "explicit"
                tail = text[max(speaker.end, speaker.role_end, cue[1]) : seg_end]
                if tail.strip() == "," or tail.rstrip().endswith(","):
                    split_next = {"speaker": speaker, "cue": cue, "end": seg_end}
        if cue:
            used_cues.add(cue[0])
        rows.append(row("direct", speaker, cue, (cs, ce), attribution, para))
    return rows, quoted, used_cues, fragments


_LABEL = r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[ \t]+(?=\S)"
_TRANSCRIPT_LABEL = re.compile(_LABEL)
_TRANSCRIPT_LINE = re.compile(r"(?<=\n)[\"“]?" + _LABEL)


def _outermost(rows: list[dict]) -> list[dict]:
    """Drop relations without marks whose cue lies inside another relation's content: in "X
    said he plans to ...", the plan is part of what X said (each word belongs to at most one
    relation, as in PARC and PolNeAR)."""

    def inside(r: dict) -> bool:
        return any(
            o is not r
            and o["content_start"] <= r["cue_start"] < o["content_end"]
            and r["content_end"] <= o["content_end"] + 2
            for o in rows
        )

    return [
        r
        for r in rows
        if r["kind"] not in UNQUOTED_KINDS or r["cue_start"] is None or not inside(r)
    ]


#: The fields a quote takes over from the quote it is attributed to.
_SPEAKER_FIELDS = (
    "speaker_text",
    "speaker_kind",
    "speaker_start",
    "speaker_end",
    "relative",
    "role",
    "cue",
    "cue_start",
    "cue_end",
    "stance",
)


def _context(rows: list[dict], text: str, sents: Sentences) -> None:
    """Attribute unattributed direct quotes to the closest preceding speaker (rule 4)."""
    last = None
    for r in rows:
        if (
            r["kind"] == "direct"
            and r["attribution"] == "none"
            and last is not None
            and (r["paragraph"] - last["paragraph"] <= 2)
        ):
            for k in _SPEAKER_FIELDS:
                r[k] = last[k]
            r["attribution"] = "context"
        if r["attribution"] != "none" and not _participle_of(r, last):
            last = r


def _participle_of(row: dict, last: dict | None) -> bool:
    """``row`` is the participle clause of ``last``'s attribution ('"...," X said, emphasizing
    that ...'): a quote that follows takes ``last``'s cue, not the participle."""
    return (
        last is not None
        and row["speaker_start"] is not None
        and row["speaker_start"] == last["speaker_start"]
        and isinstance(row["cue"], str)
        and row["cue"].endswith("ing")
    )


_VERB = re.compile(r"(?<![\w'’-])(?:has|have|had|[a-z]{3,}(?:ed|es|s))\b")


_LEAD_PARTICIPLE = re.compile(
    r"\s(" + "|".join([*PARTICIPLES, "asking"]) + r")(?:\s+(?:her|him|them|later))?\s*[,:]?\s*$"
)


def _participle_before(text: str, s_start: int, open_pos: int):
    """'Trump attacked Clinton ..., saying, "She is ..."': a participle right before the mark
    attributes the quote to the subject of its sentence; returns (speaker, cue span) or None."""
    m = _LEAD_PARTICIPLE.search(text, s_start, open_pos)
    if m is None:
        return None
    _verb, sp = _subject_verb(text, s_start, m.start(1))
    return (sp, (m.start(1), m.end(1))) if sp is not None else None


def _subject_verb(text: str, s_start: int, limit: int):
    """The verb after a sentence's subject, before a quoted fragment, when the lexicon has no
    cue there: "Reid has gone after Trump as a "human leech"", "Trump likened the refugees to
    a "vicious snake"". A quoted fragment in a clause whose subject is a speaker is that
    speaker's wording; returns (verb match, speaker) or (None, None)."""
    lead = re.match(r"[^,\"“”]{0,40},\s+", text[s_start:limit])
    for start in (s_start, s_start + lead.end()) if lead else (s_start,):
        for m in _VERB.finditer(text, start, limit):
            sp = speaker_before(text, start, m.start(), anchored=True)
            if sp is not None and not (sp.kind == "pronoun" and sp.text.lower() == "it"):
                return m, sp
            break
    return None, None


def _mixed(doc_id, text, fragments, rows, cues: Cues, sents: Sentences, scare_quotes):
    out = []
    for q, cs, ce, para in fragments:
        s_idx = sents.index(q.open)
        holder = None
        for r in rows:
            if r["attribution"] == "none":
                continue
            r_sent = r["sent_id"]
            same = (
                r["kind"] in UNQUOTED_KINDS
                and r["content_start"] <= cs
                and ce <= r["content_end"] + 2
            )
            same = same or (r_sent == s_idx and r["paragraph"] == para)
            follows = r["paragraph"] == para and r_sent == s_idx - 1
            if same or follows:
                holder = (r, "explicit" if same else "context")
        if holder is None:
            s_start, _s_end = sents.spans[s_idx] if sents.spans else (0, len(text))
            m = next(iter(cues.in_range(s_start, q.open)), None)
            sp = speaker_before(text, s_start, m.start()) if m else None
            cue = (m.start(), m.end()) if m else None
            if sp is None or m is None:
                m, sp = _subject_verb(text, s_start, q.open)
                cue = (m.start(), m.end()) if m else None
            if (sp is None or cue is None) and q.close is not None:
                # 'With thousands of systems, "there is no single point of failure," he said.'
                line_end = text.find("\n", q.close)
                after = _attribute_after(
                    text, q.close, line_end if line_end >= 0 else len(text), cues, ""
                )
                sp, cue = (after[0], after[1]) if after else (None, None)
            if sp is not None and cue is not None:
                out.append(
                    _row(
                        doc_id,
                        "mixed",
                        sp,
                        cue,
                        (cs, ce),
                        text,
                        "explicit",
                        cues,
                        sents,
                        para,
                    )
                )
            elif scare_quotes:
                out.append(
                    _row(doc_id, "scare", None, None, (cs, ce), text, "none", cues, sents, para)
                )
            continue
        r, how = holder
        row = _row(doc_id, "mixed", None, None, (cs, ce), text, how, cues, sents, para)
        for k in _SPEAKER_FIELDS:
            row[k] = r[k]
        row["attribution"] = how if r["attribution"] != "context" else "context"
        out.append(row)
    return out
