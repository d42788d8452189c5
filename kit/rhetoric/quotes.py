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
   attribution (``"...," he said, "..."``) share speaker and cue.
3. *Indirect* speech: ``SPEAKER [has/also...] CUE [that] CLAUSE``, ``CLAUSE, SPEAKER CUE.``,
   ``according to SPEAKER, CLAUSE`` and ``CLAUSE, according to SPEAKER``.
4. A direct quote without an attribution in its own sentence (a paragraph that is only a quote)
   takes the speaker of the closest preceding quote within two paragraphs ("context").
5. A short or lower-case quoted fragment inside a sentence is *mixed* when that sentence has an
   attribution, or when it follows an attributed statement in the same paragraph ("context");
   otherwise it is a scare quote (kept only with ``scare_quotes=True``, kind "scare").
6. Speakers are resolved (:func:`kit.rhetoric.speakers.resolve_rows`) and linked to actors.
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from kit.rhetoric.common import (Sentences, as_dictionary, english, progress_bar, require,
                                 sentence_index, skipped_counts)
from kit.actors import load_actors
from kit.rhetoric.speakers import (Speaker, has_verb, link_actors, person_names, resolve_rows,
                                   speaker_after, speaker_before)

QUOTE_COLUMNS = ["doc_id", "quote_id", "kind", "speaker", "speaker_text", "speaker_kind",
                 "speaker_start", "speaker_end", "role", "attribution", "cue", "cue_start",
                 "cue_end", "stance", "content", "content_start", "content_end", "sent_id",
                 "paragraph", "actor"]
OPENERS = "“„«‟"
CLOSERS = "”»"
MARKS = re.compile(r"[\"“”„«»‟]")
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "there"})
PARAGRAPH = re.compile(r"\n[ \t]*\n")
SENT_END = re.compile(r"[.!?](?=[\s\"”»’]*(?:\s[A-Z“\"‘(]|$))|\n[ \t]*\n")


class _Quote:
    """A quoted span found by the mark scanner: mark positions and paragraph."""

    def __init__(self, open_pos: int, para: int):
        self.open, self.para = open_pos, para
        self.close: int | None = None
        self.unclosed_end: int | None = None  # paragraph end, for a quote never closed


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in PARAGRAPH.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _mark_role(text: str, i: int) -> str:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/:") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-"):
        return "close"
    return "open" if ch in OPENERS else "close" if ch in CLOSERS else "either"


def scan_quotes(text: str) -> list[_Quote]:
    """Pair the quotation marks of ``text`` into quoted spans (see module rule 1)."""
    paras = _paragraphs(text)
    starts = [s for s, _ in paras]
    quotes: list[_Quote] = []
    current: _Quote | None = None
    cur_para = -1
    for m in MARKS.finditer(text):
        i = m.start()
        p = bisect.bisect_right(starts, i) - 1
        role = _mark_role(text, i)
        if current is not None and p != cur_para:
            if p == cur_para + 1 and role != "close" and not text[paras[p][0]:i].strip():
                cur_para = p  # the opening mark repeated at a continued quote's new paragraph
                continue
            current.unclosed_end = paras[cur_para][1]
            quotes.append(current)
            current = None
        if current is None:
            if role != "close":
                current, cur_para = _Quote(i, p), p
        elif role == "open" and not text[current.open + 1:i].strip():
            current, cur_para = _Quote(i, p), p
        else:
            current.close = i
            quotes.append(current)
            current = None
    if current is not None:
        current.unclosed_end = paras[cur_para][1]
        quotes.append(current)
    return quotes


class _Cues:
    """Reporting-verb lexicon: each form's stance, and the cue matches of one text."""

    def __init__(self, lexicon):
        d = as_dictionary(lexicon, "reporting_verbs")
        self.stance: dict[str, str] = {}
        for cat, forms in d.categories.items():
            for f in forms:
                self.stance.setdefault(" ".join(f.lower().split()), cat)
        # one regex per first word: a dict lookup per word instead of a 100-way alternation
        by_first: dict[str, list[str]] = {}
        for form in sorted(self.stance, key=len, reverse=True):
            by_first.setdefault(form.split()[0], []).append(form)
        self.by_first = {w: re.compile("|".join(
            re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r"(?![\w'’-])", re.IGNORECASE)
            for w, forms in by_first.items()}
        self.matches: list[re.Match] = []
        self.starts: list[int] = []

    def prepare(self, text: str) -> None:
        """Find every cue of ``text`` once; :meth:`in_range` then serves windows of it."""
        found = []
        for w in _CUE_WORD.finditer(text):
            rx = self.by_first.get(w.group(0).lower())
            if rx is not None:
                m = rx.match(text, w.start())
                if m:
                    found.append(m)
        self.matches, self.starts = found, [m.start() for m in found]

    def in_range(self, start: int, end: int) -> list[re.Match]:
        """Cue matches lying inside ``[start, end)`` of the prepared text."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.matches) and self.matches[i].end() <= end:
            out.append(self.matches[i])
            i += 1
        return out

    def of(self, cue: str) -> str | None:
        return self.stance.get(" ".join(cue.lower().split()))


_CUE_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+")


def extract_quotes(articles: pd.DataFrame, *, reporting_verbs=None, actors=None,
                   scare_quotes: bool = False, sentences: pd.DataFrame | None = None,
                   progress: bool | None = None) -> pd.DataFrame:
    """Extract direct, indirect and mixed quotations with speaker, cue and content spans.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles table (``doc_id``, ``text``; ``language`` when present: only English articles
        are read, the others are skipped and counted in ``result.attrs["skipped"]`` (language -> articles)).
    reporting_verbs : str, Path or Dictionary, optional
        Reporting-verb lexicon (default ``kit/lexicons/reporting_verbs.yml``).
    actors : pandas.DataFrame, optional
        Actor table for linking speakers (default :func:`kit.actors.load_actors`).
    scare_quotes : bool
        Also return unattributed quoted fragments, as kind "scare".
    sentences : pandas.DataFrame, optional
        :func:`kit.text.sentences` of the articles, shared between measures.
    progress : bool, optional
        Progress bar; None shows one for more than 500 articles.

    Returns
    -------
    pandas.DataFrame
        One row per quote: ``doc_id, quote_id, kind`` (direct, indirect, mixed[, scare]),
        ``speaker`` (resolved name), ``speaker_text, speaker_kind`` (name, pronoun,
        description), ``speaker_start, speaker_end`` (span of the speaker mention that
        attributes the quote; for "context" attribution, the antecedent's mention), ``role``
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
    [['direct', 'Salami', 'said', 'We are ready,']]
    """
    require(articles, ("doc_id", "text"), "extract_quotes")
    arts, skipped = english(articles)
    cues = _Cues(reporting_verbs)
    actors = load_actors() if actors is None else actors
    people = person_names(actors)
    rows: list[dict] = []
    index = sentence_index(arts, sentences)
    for doc_id, text in progress_bar(zip(arts["doc_id"], arts["text"]), len(arts), progress,
                                     "quotes"):
        if isinstance(text, str) and text:
            doc_rows = _extract_doc(str(doc_id), text, cues, scare_quotes, index[doc_id])
            resolve_rows(doc_rows, text, people)
            rows.extend(doc_rows)
    out = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "actor"])
    out["actor"] = link_actors(out, actors) if len(out) else pd.Series(dtype="string")
    out = out[QUOTE_COLUMNS].astype({
        "doc_id": "string", "quote_id": "int64", "kind": "string", "speaker": "string",
        "speaker_text": "string", "speaker_kind": "string", "speaker_start": "Int64",
        "speaker_end": "Int64", "role": "string", "attribution": "string", "cue": "string",
        "cue_start": "Int64", "cue_end": "Int64", "stance": "string", "content": "string",
        "content_start": "int64", "content_end": "int64", "sent_id": "int64",
        "paragraph": "int64", "actor": "string"})
    out.attrs["skipped"] = skipped_counts(skipped)
    return out.reset_index(drop=True)


def _row(doc_id, kind, speaker: Speaker | None, cue: tuple | None, content: tuple, text,
         attribution, cues: _Cues, sents: Sentences, para: int) -> dict:
    cs, ce = content
    return {
        "doc_id": doc_id, "kind": kind,
        "speaker": None, "speaker_text": speaker.text if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "role": speaker.role if speaker and speaker.role else None,
        "attribution": attribution if speaker else "none",
        "cue": text[cue[0]:cue[1]] if cue else None,
        "cue_start": cue[0] if cue else None, "cue_end": cue[1] if cue else None,
        "stance": cues.of(text[cue[0]:cue[1]]) if cue else None,
        "content": text[cs:ce], "content_start": cs, "content_end": ce,
        "sent_id": sents.index(cs), "paragraph": para}


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = SENT_END.search(text, pos, limit)
    return m.start() + (1 if text[m.start()] in ".!?" else 0) if m else limit


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;.—–-"):
        e -= 1
    return s, e


def _attribute_after(text, close, limit, cues: _Cues, content_end_char):
    """Attribution right after a closing mark: '," Salami said' or '," said Salami'."""
    end = _sentence_end(text, close + 1, limit)
    nxt = MARKS.search(text, close + 1, end)
    seg_end = nxt.start() if nxt else end
    m = next(iter(cues.in_range(close + 1, seg_end)), None)
    if not m or len(text[close + 1:m.start()].split()) > 9:
        return None
    sp = speaker_before(text, close + 1, m.start(), anchored=True)
    if sp is None and not text[close + 1:m.start()].strip(" \t,—–-"):
        sp = speaker_after(text, m.end(), seg_end)
    if sp is None:
        return None
    if content_end_char == ".":
        rest = text[max(sp.end, sp.role_end, m.end()):seg_end].strip()
        if rest not in ("", ".") and len(rest.split()) > 3:
            return None
    return sp, (m.start(), m.end()), seg_end


def _attribute_before(text, sent_start, open_pos, cues: _Cues):
    """Attribution right before an opening mark: 'Salami said: "' or 'Salami told reporters, "'."""
    best = None
    for m in cues.in_range(sent_start, open_pos):
        best = m
    if best is None:
        return None
    between = text[best.end():open_pos]
    if not re.fullmatch(r"(?:\s+[\w'’.-]+){0,3}\s*[:,]?\s*(?:that\s*)?", between):
        return None
    sp = speaker_before(text, sent_start, best.start())
    if sp is None:
        return None
    return sp, (best.start(), best.end())


def _extract_doc(doc_id: str, text: str, cues: _Cues, scare_quotes: bool,
                 sents: Sentences) -> list[dict]:
    cues.prepare(text)
    paras = _paragraphs(text)
    para_starts = [s for s, _ in paras]

    def para_of(pos):
        return bisect.bisect_right(para_starts, pos) - 1

    quoted: list[tuple[int, int]] = []  # mark spans, to keep cues inside quotes out
    rows: list[dict] = []
    used_cues: set[int] = set()
    fragments = []
    split_next: dict | None = None
    for q in scan_quotes(text):
        cs = q.open + 1
        ce = q.close if q.close is not None else q.unclosed_end
        while ce > cs and text[ce - 1].isspace():
            ce -= 1
        content = text[cs:ce].strip()
        if not content:
            continue
        quoted.append((q.open, (q.close + 1) if q.close is not None else ce))
        s_start, _ = sents.span(q.open)
        pre = text[max(s_start, quoted[-2][1] if len(quoted) > 1 else 0):q.open]
        para = para_of(q.open)
        first = content.lstrip("'‘(…. ")[:1]
        n_words = len(content.split())
        if split_next is not None and split_next["end"] >= q.open - 2:
            row = _row(doc_id, "direct", split_next["speaker"], split_next["cue"], (cs, ce),
                       text, "split", cues, sents, para)
            rows.append(row)
            split_next = None
            continue
        split_next = None
        lead = _attribute_before(text, s_start, q.open, cues) if pre.strip() else None
        starts_sentence = not pre.strip() or pre.rstrip().endswith(":")
        clause_like = (first.isupper() or first.isdigit()) and (
            n_words >= 3 or content[-1:] in ".!?,")
        if not (clause_like and (starts_sentence or lead)):
            fragments.append((q, cs, ce, para))
            continue
        speaker, cue, attribution = None, None, "none"
        if lead:
            speaker, cue = lead
            attribution = "explicit"
        elif q.close is not None:
            after = _attribute_after(text, q.close, paras[para_of(q.close)][1], cues,
                                     content.rstrip("”\"")[-1:])
            if after:
                speaker, cue, seg_end = after
                attribution = "explicit"
                tail = text[max(speaker.end, speaker.role_end, cue[1]):seg_end]
                if tail.strip() == "," or tail.rstrip().endswith(","):
                    split_next = {"speaker": speaker, "cue": cue, "end": seg_end}
        if cue:
            used_cues.add(cue[0])
        rows.append(_row(doc_id, "direct", speaker, cue, (cs, ce), text, attribution, cues,
                         sents, para))
    rows.extend(_indirect(doc_id, text, cues, sents, quoted, used_cues, para_of))
    rows.sort(key=lambda r: r["content_start"])
    _context(rows, text, sents)
    rows.extend(_mixed(doc_id, text, fragments, rows, cues, sents, scare_quotes))
    rows.sort(key=lambda r: (r["content_start"], r["kind"] != "indirect"))
    for i, r in enumerate(rows):
        r["quote_id"] = i
    return rows


def _inside(pos: int, spans) -> bool:
    return any(a < pos < b for a, b in spans)


def _indirect(doc_id, text, cues: _Cues, sents: Sentences, quoted, used_cues, para_of):
    rows = []
    for s_start, s_end in sents.spans:
        found_here, prev = [], None
        for m in cues.in_range(s_start, s_end):
            if m.start() in used_cues or _inside(m.start(), quoted):
                continue
            cue_text = " ".join(m.group(0).lower().split())
            if cue_text == "according to":
                # "X said A, according to Y": Y sources the report, A stays X's statement
                found = None if found_here else _according_to(text, m, s_start, s_end)
            else:
                found = _speech(text, m, s_start, s_end, cues, prev)
                prev = found[0] if found else speaker_before(text, s_start, m.start()) or prev
            if found is None:
                continue
            used_cues.add(m.start())
            found_here.append((m, *found))
        for i, (m, speaker, content) in enumerate(found_here):
            cs, ce = content
            for _, nxt_sp, _ in found_here[i + 1:]:
                if cs < nxt_sp.start < ce:  # "X said A, and Y said B": A ends before Y
                    cs, ce = _trim(text, cs, nxt_sp.start)
                    ce = cs + len(re.sub(r"[\s,]+(?:and|but|while|whereas)$", "", text[cs:ce]))
                    break
            rows.append(_row(doc_id, "indirect", speaker, (m.start(), m.end()), (cs, ce), text,
                             "explicit", cues, sents, para_of(cs)))
    return rows


def _according_to(text, m, s_start, s_end):
    sp = speaker_after(text, m.end(), s_end)
    if sp is None:
        return None
    sp_end = max(sp.end, sp.role_end)
    if not text[s_start:m.start()].strip():
        comma = text.find(",", sp_end, s_end)
        if comma < 0:
            return None
        content = _trim(text, comma + 1, s_end)
    else:
        content = _trim(text, s_start, m.start())
    return (sp, content) if content[1] - content[0] > 10 else None


# "..., the ministry said in a statement." : only a short adverbial follows the cue
_TRAILING_PP = re.compile(r"\s+(?:in|on|at|during|after|via|through|late|early|later|"
                          r"earlier|yesterday|today)\b[^,;:\"“”]{0,40}?[.!]?\s*")
_COORD = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$")


def _clause_limit(text, m, s_end, cues: _Cues) -> int:
    """End of the reported clause: before a coordinated cue ('... and said') or 'according to'."""
    for nxt in cues.in_range(m.end(), s_end):
        before = text[m.end():nxt.start()]
        coord = _COORD.search(before)
        if coord:
            return m.end() + coord.start()
        if nxt.group(0).lower().startswith("according") and before.rstrip().endswith(","):
            return m.end() + len(before.rstrip()) - 1
    return s_end


def _speech(text, m, s_start, s_end, cues: _Cues, prev: Speaker | None):
    stance = cues.of(m.group(0))
    sp = speaker_before(text, s_start, m.start())
    if sp is None and prev is not None and _COORD.search(text[s_start:m.start()]):
        sp = prev  # "X described A and said B"
    if sp is None:
        before = text[s_start:m.start()].rstrip()
        if before.endswith(","):  # "..., said Salami." (inverted, clause first)
            sp = speaker_after(text, m.end(), s_end)
            if sp is not None and not text[max(sp.end, sp.role_end):s_end].strip(" .\"”"):
                content = _trim(text, s_start, s_start + len(before) - 1)
                return (sp, content) if content[1] - content[0] > 10 else None
        return None
    limit = _clause_limit(text, m, s_end, cues)
    rest = text[m.end():limit]
    if text[s_start:sp.start].rstrip().endswith(",") and rest.lstrip().startswith(","):
        # parenthetical: "The strikes, the mission argued, were ..."
        return sp, _trim(text, s_start, s_end)
    that = re.match(r"((?:\s+[\w'’.-]+){0,6}?)\s+that\s", rest)
    if that and not re.search(r"[,;:]", that.group(1)) and not has_verb(that.group(1).split()):
        start = m.end() + that.end()
        return sp, _trim(text, start, limit)
    words = rest.split()
    if not words or not rest.strip(" .\"”") or _TRAILING_PP.fullmatch(rest):
        # "..., officials said." : the clause comes first
        first = min(sp.start, sp.role_start) if sp.role_start >= 0 else sp.start
        before = text[s_start:first].rstrip()
        if before.endswith(","):
            content = _trim(text, s_start, s_start + len(before) - 1)
            return (sp, content) if content[1] - content[0] > 10 else None
        return None
    bare = [w.strip(",.;:\"”“()") for w in words]
    lowered = [w.lower() for w in bare]
    if lowered[0] in ("on", "in", "at", "by", "for", "with", "about", "of", "as", "from") or (
            has_verb(bare[:1])):  # "member states have ...": the cue was a noun
        return None
    finite = has_verb(bare[1:]) or lowered[0] in SUBJECT_PRONOUNS
    to_clause = stance == "emotive" and any(w == "to" for w in lowered[:6])
    if lowered[0] == "to" and stance != "emotive":
        return None
    if not (finite or to_clause):
        return None
    return sp, _trim(text, m.end(), limit)


def _context(rows: list[dict], text: str, sents: Sentences) -> None:
    """Attribute unattributed direct quotes to the closest preceding speaker (rule 4)."""
    last = None
    for r in rows:
        if r["kind"] == "direct" and r["attribution"] == "none" and last is not None and (
                r["paragraph"] - last["paragraph"] <= 2):
            for k in ("speaker_text", "speaker_kind", "speaker_start", "speaker_end", "role",
                      "cue", "cue_start", "cue_end", "stance"):
                r[k] = last[k]
            r["attribution"] = "context"
        if r["attribution"] != "none":
            last = r


def _mixed(doc_id, text, fragments, rows, cues: _Cues, sents: Sentences, scare_quotes):
    out = []
    for q, cs, ce, para in fragments:
        s_idx = sents.index(q.open)
        holder = None
        for r in rows:
            if r["attribution"] == "none":
                continue
            r_sent = r["sent_id"]
            same = r["kind"] == "indirect" and r["content_start"] <= cs and ce <= r[
                "content_end"] + 2
            same = same or (r_sent == s_idx and r["paragraph"] == para)
            follows = r["paragraph"] == para and r_sent == s_idx - 1
            if same or follows:
                holder = (r, "explicit" if same else "context")
        if holder is None:
            s_start, s_end = sents.spans[s_idx] if sents.spans else (0, len(text))
            m = next(iter(cues.in_range(s_start, q.open)), None)
            sp = speaker_before(text, s_start, m.start()) if m else None
            if sp is not None:
                out.append(_row(doc_id, "mixed", sp, (m.start(), m.end()), (cs, ce), text,
                                "explicit", cues, sents, para))
            elif scare_quotes:
                out.append(_row(doc_id, "scare", None, None, (cs, ce), text, "none", cues,
                                sents, para))
            continue
        r, how = holder
        row = _row(doc_id, "mixed", None, None, (cs, ce), text, how, cues, sents, para)
        for k in ("speaker_text", "speaker_kind", "speaker_start", "speaker_end", "role", "cue",
                  "cue_start", "cue_end", "stance", "attribution"):
            row[k] = r[k]
        row["attribution"] = how if r["attribution"] != "context" else "context"
        out.append(row)
    return out
