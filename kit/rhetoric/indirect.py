"""Indirect speech: 'X said (that) ...', 'CLAUSE, X said', 'according to X, ...'."""

from __future__ import annotations

import re

from kit.lexicons import word_lists
from kit.rhetoric.common import Sentences
from kit.rhetoric.cues import Cues
from kit.rhetoric.phrases import Speaker, speaker_after, speaker_before, tokens
from kit.rhetoric.words import (
    CALENDAR,
    DETS,
    EVIDENCE_SOURCES,
    SPEAKER_NOUNS,
    STOP,
    SUBJECT_PRONOUNS,
    capitalised,
    has_verb,
    verb_like,
)

_KINDS = word_lists("attribution_words")
CLAUSE_CUES = _KINDS["clause_cues"]
BELIEF_CUES = _KINDS["belief_cues"]
INTENTION_CUES = _KINDS["intention_cues"]
EVIDENCE_CUES = _KINDS["evidence_cues"]
NOUN_CUES = _KINDS["noun_cues"]
NP_CUES = _KINDS["np_cues"]
NOT_CUES = _KINDS["not_cues"]
COLON_LABELS = _KINDS["colon_labels"]
STATEMENT_NOUNS = _KINDS["statement_nouns"]
SAY_CUES = _KINDS["say_cues"]
OBJECT_TO_CUES = _KINDS["object_to_cues"]
ADDRESSEE_CUES = _KINDS["addressee_cues"]
AUDIENCES = _KINDS["audiences"]


#: Kinds of relations without quotation marks (:func:`attribution_kind`).
UNQUOTED_KINDS = ("indirect", "according_to", "belief", "evidence", "speech_act")


def attribution_kind(cue: str | None) -> str:
    """Kind of a relation without quotation marks, from its cue: "according_to", "belief"
    (belief and intention: "officials believe", "X wants to"), "evidence" ("polls show", "a
    study found"), "speech_act" (a speech act whose content is a noun phrase: "X called for a
    ceasefire", "Y criticized the decision") or "indirect" (reported speech).

    Examples
    --------
    >>> attribution_kind("According to"), attribution_kind("shows"), attribution_kind("said")
    ('according_to', 'evidence', 'indirect')
    """
    c = " ".join((cue or "").lower().split())
    if c == "according to":
        return "according_to"
    if c in BELIEF_CUES:
        return "belief"
    if c in EVIDENCE_CUES:
        return "evidence"
    if c in NP_CUES:
        return "speech_act"
    return "indirect"


def _bare_clause(bare: list[str], lowered: list[str], cue: str, sp: Speaker) -> bool:
    """A clause without "that" after a cue of speech opens with a noun phrase: a determiner,
    a name or a number ("Officials say the talks failed", "polls show Clinton ahead").
    Evidence cues ("found", "shows") need a source of evidence ("polls", "a study")."""
    if len(bare) < 4:
        return False
    opens = lowered[0] in DETS or capitalised(bare[0]) or bare[0][:1].isdigit()
    opens = opens or lowered[0] in ("there", "many", "most", "some", "no", "all", "both")
    if not opens:
        return False
    if cue in EVIDENCE_CUES:
        # the head of "leaked documents from his tax return" is "documents"
        words = re.split(r"\s+(?:of|from|in|by|for|at)\s+", sp.text)[0].split()
        head = words[-1].lower() if words else ""
        return head in EVIDENCE_SOURCES
    return True


#: Participial cues ("..., saying it changed nothing") and the lexicon form giving their stance.
PARTICIPLES = {
    "saying": "said",
    "adding": "added",
    "warning": "warned",
    "insisting": "insisted",
    "noting": "noted",
    "stressing": "stressed",
    "arguing": "argued",
    "claiming": "claimed",
    "suggesting": "suggested",
    "emphasizing": "emphasized",
    "explaining": "explained",
    "asserting": "asserted",
    "acknowledging": "acknowledged",
    "contending": "contended",
    "predicting": "predicted",
}
#: Participles that may drop "that" ("..., suggesting the debate erased ..."); the others
#: ("warning", "noting") are nouns too.
_BARE_PARTICIPLES = ("saying", "suggesting", "arguing", "insisting", "claiming", "asserting")
_PARTICIPLE = re.compile(
    r",\s+((?:" + "|".join(_BARE_PARTICIPLES) + r")(?=\s)|(?:" + "|".join(PARTICIPLES) + r")"
    r"(?=\s+that\s))(?:\s+that)?\s+"
)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink ``[s, e)`` past spaces and edge punctuation."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;.—–-"):
        e -= 1
    return s, e


def _inside(pos: int, spans) -> bool:
    return any(a < pos < b for a, b in spans)


def find_indirect(
    text: str, cues: Cues, sents: Sentences, quoted, used_cues: set
) -> list[tuple[Speaker, tuple[int, int], tuple[int, int], str]]:
    """Relations without quotation marks of one text, as (speaker, cue span, content span,
    kind) (kinds of :func:`attribution_kind`).

    ``quoted`` holds the spans of quotation marks (cues inside them are the source's words,
    not attributions); ``used_cues`` the start offsets of cues already taken by direct quotes,
    and is updated with the cues used here.
    """
    rows = []
    acts: set[int] = set()  # cues whose content is a noun phrase
    for s_start, s_end in sents.spans:
        found_here: list[tuple] = []
        prev = None
        for m in cues.in_range(s_start, s_end):
            if m.start() in used_cues or _inside(m.start(), quoted):
                continue
            cue_text = cues.base(m.group(0))
            if cue_text == "according to":
                # "X said A, according to Y": Y sources the report, A stays X's statement
                found = None if found_here else _according_to(text, m, s_start, s_end)
            else:
                found = _speech(text, m, s_start, s_end, cues, prev)
                prev = found[0] if found else speaker_before(text, s_start, m.start()) or prev
            if found is None:
                continue
            used_cues.add(m.start())
            if len(found) > 2:
                acts.add(m.start())
            found_here.append((m, *found[:2]))
        for part in _PARTICIPLE.finditer(text, s_start, s_end):
            found = _participial(text, part, s_start, s_end, quoted, found_here)
            if found is not None:
                for k, (m, sp, (cs, ce)) in enumerate(found_here):
                    if cs < part.start() < ce:  # "X urged A, saying B": A ends at the comma
                        found_here[k] = (m, sp, trim(text, cs, part.start()))
                found_here.append(found)
        for part in cues.participle.finditer(text, s_start, s_end):
            if any(m.start() <= part.start(1) < c[1] for m, _, c in found_here):
                continue
            found = _participial_cue(text, part, s_start, s_end, quoted, found_here)
            if found is not None:
                used_cues.add(part.start(1))
                found_here.append(found)
        if not found_here:
            found = _colon_lead(text, s_start, s_end, quoted)
            if found is None:
                found = _noun_that(text, s_start, s_end, quoted)
            if found is None:
                found = _verb_that(text, s_start, s_end, quoted)
            if found is not None:
                found_here.append(found)
        for i, (m, speaker, content) in enumerate(found_here):
            cs, ce = content
            for _, nxt_sp, _ in found_here[i + 1 :]:
                joint = text[cs : nxt_sp.start]
                if cs < nxt_sp.start < ce and _JOINT.search(joint):
                    # "X said A, and Y said B": A ends before Y ("X said that Y described B":
                    # Y's words are inside what X said)
                    cs, ce = trim(text, cs, nxt_sp.start)
                    ce = cs + len(re.sub(r"[\s,]+(?:and|but|while|whereas)$", "", text[cs:ce]))
                    break
            kind = "speech_act" if m.start() in acts else attribution_kind(cues.base(m.group(0)))
            for piece in _around(text, speaker, m, cs, ce):
                rows.append((speaker, (m.start(), m.end()), piece, kind))
    return rows


_ASKED = re.compile(
    r"(?:When\s+(?=asked))?([Aa]sked(?:\s+(?:about|for|on))?)\s+(?=\S)([^,;\"“”]{8,200}?),\s+(?=\S)"
)


def find_asked(
    text: str, sents: Sentences, quoted
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Questions put to the subject of a sentence by someone unnamed ("Asked about the plan,
    Smith said ...", "Asked to describe the device, O'Neill said ..."), as (cue span, content
    span): the question is an attribution relation without a source."""
    rows = []
    for s_start, s_end in sents.spans:
        lead = len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip(" \"“'‘"))
        m = _ASKED.match(text, s_start + lead, s_end)
        if m is None or _inside(m.start(1), quoted):
            continue
        rows.append(((m.start(1), m.end(1)), trim(text, m.start(2), m.end(2))))
    return rows


def _around(text: str, speaker: Speaker, m, cs: int, ce: int) -> list[tuple[int, int]]:
    """The content pieces on either side of a parenthetical attribution ("The museum, Mr.
    Obama said, would ..."; "Hawaii, as an adviser pointed out, does not ..."): the speaker and
    cue are no part of the content (two rows sharing the cue make one relation)."""
    first = min(speaker.start, speaker.role_start) if speaker.role_start >= 0 else speaker.start
    comma = text.find(",", m.end(), ce)
    if not cs < first < m.end() < ce or comma < 0 or text[m.end() : comma].strip():
        return [(cs, ce)]
    left = trim(text, cs, first)
    left = (left[0], left[0] + len(re.sub(r"[\s,]+as$", "", text[left[0] : left[1]])))
    right = trim(text, comma + 1, ce)
    return [p for p in (left, right) if p[1] - p[0] > 1] or [(cs, ce)]


_JOINT = re.compile(r"(?:[,;](?:\s*(?:and|but|while|whereas))?|\s(?:but|while|whereas))\s*$")

# "X disclosed that ...": any finite verb before a that-clause, when no listed cue attributes
_VERB_THAT = re.compile(r"(?<![\w'’-])([a-z]{3,}(?:ed|s))\s+that\s+")


def _verb_that(text, s_start, s_end, quoted):
    """'SPEAKER VERB that CLAUSE' with a verb outside the cue lexicon ("she disclosed that")."""
    for m in _VERB_THAT.finditer(text, s_start, s_end):
        verb = m.group(1)
        if verb in NOT_CUES or _inside(m.start(), quoted):
            continue
        sp = speaker_before(text, s_start, m.start(1))
        if sp is None or (sp.kind == "pronoun" and sp.text.lower() == "it"):
            continue
        content = trim(text, m.end(), s_end)
        words = [w.strip(',.;:"”“()') for w in text[content[0] : content[1]].split()]
        if len(words) < 3 or not (has_verb(words[1:]) or words[0].lower() in SUBJECT_PRONOUNS):
            continue
        return re.compile(r"\w+").match(text, m.start(1)), sp, content
    return None


# "Pat Caddell: Voters Worried About ..." / "PENCE: Well, look ...": a line opened by a name
_COLON_LEAD = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}):[ \t]+(?=\S)")


def _colon_lead(text, s_start, s_end, quoted):
    """'NAME: CONTENT' at the start of a line, the headline and transcript form of a
    statement; the content runs to the end of the line. The lead must be a name, or a source
    of evidence ("Poll: Clinton ahead")."""
    line_start = text.rfind("\n", 0, s_start) + 1
    if text[line_start:s_start].strip() or _inside(s_start, quoted):
        return None
    m = _COLON_LEAD.match(text, s_start, s_end)
    if m is None or ". " in m.group(1) or " ".join(m.group(1).lower().split()) in COLON_LABELS:
        return None
    sp = speaker_before(text, s_start, m.end(1), anchored=True)
    head = m.group(1).split()[-1].lower()
    if sp is None or sp.end != m.end(1) or (sp.kind != "name" and head not in EVIDENCE_SOURCES):
        return None
    line_end = text.find("\n", m.end())
    content = trim(text, m.end(), len(text) if line_end < 0 else line_end)
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return re.compile(":").match(text, m.end(1)), sp, content


_NOUN_THAT = re.compile(
    r"(?<=[A-Za-z.])['’]s\s+(?:[a-z]+\s+)?(" + "|".join(STATEMENT_NOUNS) + r")\s+that\s+"
)


def _noun_that(text, s_start, s_end, quoted):
    """'NAME's NOUN that CLAUSE' ("Donald Trump's claim that ..."): a noun of statement or
    belief (``statement_nouns``) whose possessor is a name; the content is the clause."""
    for m in _NOUN_THAT.finditer(text, s_start, s_end):
        if _inside(m.start(), quoted):
            continue
        sp = speaker_before(text, s_start, m.start())
        if sp is None or sp.kind != "name" or sp.end != m.start():
            continue
        content = trim(text, m.end(), s_end)
        if len(text[content[0] : content[1]].split()) < 3:
            continue
        return re.compile(r"\w+").match(text, m.start(1)), sp, content
    return None


def _participial(text, part, s_start, s_end, quoted, found_here):
    """'SUBJECT VERB ..., saying CLAUSE': the clause is the subject's statement."""
    if _inside(part.start(1), quoted):
        return None
    content = trim(text, part.end(), s_end)
    words = [w.strip(',.;:"”“()') for w in text[content[0] : content[1]].split()]
    if len(words) < 2 or not (has_verb(words[1:]) or words[0].lower() in SUBJECT_PRONOUNS):
        return None
    sp = _participle_subject(text, part.start(), s_start, quoted, found_here)
    if sp is None:
        return None
    return re.compile(r"\w+").match(text, part.start(1)), sp, content


def _participle_subject(text, pos, s_start, quoted, found_here) -> Speaker | None:
    """The subject of a participial clause at ``pos``: the speaker of an earlier attribution of
    the sentence, else the subject before its first verb."""
    earlier = [sp for m, sp, _ in found_here if m.start() < pos]
    if earlier:
        return earlier[-1]
    return sentence_subject(text, s_start, pos, quoted)


_LEAD_PHRASE = re.compile(r"[^,\"“”]{0,40},\s+")


def sentence_subject(text: str, s_start: int, pos: int, quoted=()) -> Speaker | None:
    """The speaker that is the subject of a sentence, before its first verb and ``pos``;
    after a short opening phrase and its comma when needed ("In 1986, the court blocked ...").

    Examples
    --------
    >>> t = "In 1986, the court blocked the sale, citing a threat."
    >>> sentence_subject(t, 0, t.index("citing")).text
    'the court'
    """
    seg = max([s_start] + [b for a, b in quoted if s_start <= a and b <= pos])
    lead = _LEAD_PHRASE.match(text, seg, pos)
    for start in (seg, lead.end()) if lead else (seg,):
        verb = next(
            (
                m
                for m in re.finditer(r"[a-z]+\b", text[start:pos])
                if verb_like(m.group(0)) and not _inside(start + m.start(), quoted)
            ),
            None,
        )
        if verb is None:
            return None
        sp = speaker_before(text, start, start + verb.start(), anchored=True)
        if sp is not None:
            return sp
    return None


def _participial_cue(text, part, s_start, s_end, quoted, found_here):
    """'Clinton embraced the approach, promising to meet his goals': the -ing form of a cue
    opens a participial clause whose subject is the sentence's; its content runs to the
    clause end."""
    if _inside(part.start(1), quoted):
        return None
    stop = _CLAUSE_STOP.search(text, part.end(1), s_end)
    content = trim(text, part.end(1), stop.start() if stop else s_end)
    if len(text[content[0] : content[1]].split()) < 2 or _inside(content[0], quoted):
        return None
    sp = _participle_subject(text, part.start(), s_start, quoted, found_here)
    if sp is None:
        return None
    return re.compile(r"[^,]+").match(text, part.start(1), part.end(1)), sp, content


_CLAUSE_STOP = re.compile(r"[,;:—–]|\s--\s")


def _according_to(text, m, s_start, s_end):
    sp = speaker_after(text, m.end(), s_end) or _source_phrase(text, m.end(), s_end)
    if sp is None:
        return None
    sp_end = max(sp.end, sp.role_end)
    if not text[s_start : m.start()].strip():
        comma = text.find(",", sp_end, s_end)
        if comma < 0:
            return None
        content = trim(text, comma + 1, s_end)
    else:
        content = trim(text, s_start, m.start())
    return (sp, content) if content[1] - content[0] > 10 else None


_SOURCE_PHRASE = re.compile(r"\s*([^,;:()\"“”]{2,80}?)\s*(?=[,;]|[.!?]?[\"”’]*\s*$)")


def _source_phrase(text: str, start: int, s_end: int) -> Speaker | None:
    """The source after "according to" that is no person or organisation name ("exit polls",
    "conservative talk radio host Rush Limbaugh"): the words up to the next comma or the
    sentence end, up to eight and without a verb."""
    m = _SOURCE_PHRASE.match(text, start, s_end)
    if m is None:
        return None
    words = m.group(1).split()
    if not 0 < len(words) <= 8 or has_verb(words) or words[0].lower() in STOP - DETS:
        return None
    return Speaker(m.group(1), m.start(1), m.end(1), "description")


# "..., the ministry said in a statement." : only a short adverbial follows the cue
_TRAILING_PP = re.compile(
    r"\s+(?:in|on|at|during|after|via|through|late|early|later|"
    r"earlier|yesterday|today)\b[^,;:\"“”]{0,40}?[.!]?\s*"
)
_COORD = re.compile(r",?\s+(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$")
# "..., lawmakers said Friday afternoon, as they ...": a time phrase, then the sentence goes on
_TRAILING_TIME = re.compile(
    r"\s+(?:on\s+|last\s+|this\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*,\s"
)
_PAREN = re.compile(r"\s*\([^()]{0,200}\)")


def _closes(rest: str) -> bool:
    """Only a full stop, a short adverbial, a parenthesis or a time phrase and a comma follow
    the cue (or its speaker): the reported clause came before."""
    rest = _PAREN.sub("", rest, count=1)
    return (
        not rest.strip(' ."”')
        or bool(_TRAILING_PP.fullmatch(rest))
        or bool(_TRAILING_TIME.match(rest))
        or bool(_APPOSITION.fullmatch(rest))
    )


_AUDIENCE = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
    r"(?:[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,4}|me|us|him|her|them|([a-z]+))"
    r"(?![\w'’-])"
)


def _past_audience(rest: str) -> str:
    """What follows the audience named after an addressee cue ("told reporters in Paris." ->
    " in Paris."); ``rest`` itself when it opens with no audience."""
    m = _AUDIENCE.match(rest)
    if m is None or (m.group(1) is not None and m.group(1) not in AUDIENCES):
        return rest
    return rest[m.end() :]


# "..., said Brian Baker, a longtime adviser who oversees the campaign.": the speaker's role
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s[^;:\"“”]{3,200}")


def _clause_limit(text, m, s_end, cues: Cues) -> int:
    """End of the reported clause: before a coordinated cue ('... and said') or 'according to'."""
    for nxt in cues.in_range(m.end(), s_end):
        before = text[m.end() : nxt.start()]
        coord = _COORD.search(before)
        if coord:
            return m.end() + coord.start()
        if nxt.group(0).lower().startswith("according") and before.rstrip().endswith(","):
            return m.end() + len(before.rstrip()) - 1
    concessive = _CONCESSIVE.search(text, m.end(), s_end)
    return concessive.start() if concessive else s_end


# "He claimed that A, although B", "polls show A, but B": the concession or contrast is the
# writer's, not the source's
_CONCESSIVE = re.compile(r",\s+(?:although|though|even though|whereas|but)\s")


# "X attacked Machado since the debate, with jabs ...", "X cited the figure in a speech": the
# noun phrase ends before a time phrase, "in" a statement or speech, or a comma that opens a
# relative or adverbial clause
_NP_TAIL = re.compile(
    r",\s+(?:which|who|another|with|as|after|before|while)\b"
    r"|\s+in\s+(?:a|an|his|her|its|their|the)?\s*[\w-]*\s*"
    r"(?:tweets?|statements?|interviews?|speech|speeches|emails?|letters?)\b"
    r"|\s+(?:during|since|amid|overnight|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday))\b"
)


def _np_content(text, m, limit, sp: Speaker):
    """'X called for a ceasefire': the noun phrase after the cue, to the end of the clause."""
    cs, ce = trim(text, m.end(), limit)
    tail = _NP_TAIL.search(text, cs, ce)
    cs, ce = trim(text, cs, tail.start()) if tail else (cs, ce)
    words = text[cs:ce].split()
    # one word only when it is a name: "the union endorses Clinton"
    name = bool(words) and capitalised(words[0]) and words[0].lower() not in CALENDAR
    short = len(words) < 2 and not (name and len(words[0]) > 2)
    if short or has_verb(words[:1]) or (sp.kind == "pronoun" and sp.text.lower() == "it"):
        return None
    return sp, (cs, ce), "speech_act"


_PASSIVE = re.compile(r"(?<![\w'’-])(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$")
_BY = re.compile(r"\s+by\s+")


def _passive(text, m, s_start, s_end, aux_start):
    """'The senator has been endorsed by dozens of papers': the agent after "by" is the source,
    the passive subject the content (kind "speech_act")."""
    by = _BY.match(text, m.end())
    if by is None:
        return None
    subject = speaker_before(text, s_start, aux_start, anchored=True)
    if subject is None or subject.kind == "pronoun":
        return None
    sp = speaker_after(text, by.end(), s_end) or _source_phrase(text, by.end(), s_end)
    if sp is None:
        return None
    first = min(subject.start, subject.role_start) if subject.role_start >= 0 else subject.start
    return sp, (first, max(subject.end, subject.role_end)), "speech_act"


# after a cue that is a noun too, "that" + clause or an adverb before it make it a verb
_VERB_SIGN = re.compile(r"\s+that\s")
# ... and so does a clause opened by a determiner or a pronoun, with a modal or auxiliary in
# its next words: "Residents fear the dam will break"
_BARE_CLAUSE = re.compile(
    r"\s+(?:the|a|an|this|these|those|he|she|they|we|it|i|you)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:will|would|could|can|might|may|must|should|is|are|was|were|has|have|had)\s",
    re.IGNORECASE,
)


_MODIFIER_OPENERS = {"that", "who", "which", "by", "from", "of", "in", "at", "for", "with", "on"}


def _modified_subject(text, s_start, cue_start) -> Speaker | None:
    """The subject at a sentence's start whose head noun is followed by a modifier before the
    cue: "A Quinnipiac University poll released in late August found", "A 2014 study that
    appeared in the journal found". The head is a speaker noun or a source of evidence, the
    modifier opens with a participle, a relative pronoun or a preposition and holds no comma."""
    toks = tokens(text, s_start, cue_start)
    while toks and toks[0][0].lower() in STOP:
        toks = toks[1:]
    if not 3 <= len(toks) <= 22 or any(t[0] in ",;:()" for t in toks):
        return None
    for j, (word, _, end) in enumerate(toks[:7]):
        low = word.lower()
        if (low not in SPEAKER_NOUNS and low not in EVIDENCE_SOURCES) or j + 1 >= len(toks):
            continue
        nxt = toks[j + 1][0]
        if not (nxt.lower() in _MODIFIER_OPENERS or (nxt.endswith("ed") and nxt.islower())):
            return None
        if low in ("it", "they", "which"):
            return None
        start = toks[0][1]
        return Speaker(text[start:end], start, end, "description")
    return None


# "Clinton says at a stop in Toledo, Ohio, that ...": a place or time phrase before "that"
_PP_ASIDE = re.compile(
    r",?\s+(?:at|in|on|during|after|before|to|via|through|with)\s[^;:\"“”]{2,80}?,(?=\s+that\s)"
)


def _speech(text, m, s_start, s_end, cues: Cues, prev: Speaker | None):
    stance = cues.of(m.group(0))
    sp = speaker_before(text, s_start, m.start())
    if sp is not None and sp.kind == "description" and has_verb(sp.text.split()[-1:]):
        sp = None  # "his announced plans": no speaker
    if (
        sp is not None
        and sp.kind == "description"
        and m.group(0).lower() in NOUN_CUES
        and not _VERB_SIGN.match(text, m.end())
        and not _BARE_CLAUSE.match(text, m.end(), s_end)
        and not text[sp.end : m.start()].strip()
    ):
        sp = None  # "a game plan", "savings plans": the cue is a noun
    passive = _PASSIVE.search(text, s_start, m.start()) if sp is None else None
    if passive is not None:
        return _passive(text, m, s_start, s_end, passive.start())
    coordinated = sp is None and prev is not None and bool(_COORD.search(text[s_start : m.start()]))
    if coordinated:
        sp = prev  # "X described A and said B"
    if sp is None:
        sp = _modified_subject(text, s_start, m.start())
    if sp is None:
        before = text[s_start : m.start()].rstrip()
        if before.endswith(","):  # "..., said Salami." (inverted, clause first)
            sp = speaker_after(text, m.end(), s_end)
            after = text[sp.end : s_end] if sp is not None else ""
            if sp is not None and _closes(after):
                content = trim(text, s_start, s_start + len(before) - 1)
                return (sp, content) if content[1] - content[0] > 10 else None
        return None
    limit = _clause_limit(text, m, s_end, cues)
    rest = text[m.end() : limit]
    cue = cues.base(m.group(0))
    if cue in NP_CUES:
        return _np_content(text, m, limit, sp)
    first = min(sp.start, sp.role_start) if sp.role_start >= 0 else sp.start
    lead = re.sub(r"\s+as$", "", text[s_start:first].rstrip())
    if lead.endswith(",") and rest.lstrip().startswith(","):
        # parenthetical: "The strikes, the mission argued, were ..."
        return sp, trim(text, s_start, s_end)
    # "Several experts cautioned, as did the campaign itself, that ...": an aside before "that"
    aside = re.match(r",\s+as\s[^,;:]{3,60},(?=\s+that\s)", rest) or _PP_ASIDE.match(rest)
    rest = " " * aside.end() + rest[aside.end() :] if aside else rest
    that = re.match(r"((?:\s+[\w'’.-]+){0,6}?)\s+that\s", rest)
    if that and not re.search(r"[,;:]", that.group(1)) and not has_verb(that.group(1).split()):
        start = m.end() + that.end()
        return sp, trim(text, start, limit)
    words = rest.split()
    if not words or _closes(rest) or (cue in ADDRESSEE_CUES and _closes(_past_audience(rest))):
        # "..., officials said." : the clause comes first
        first = min(sp.start, sp.role_start) if sp.role_start >= 0 else sp.start
        before = re.sub(r",\s+as$", ",", text[s_start:first].rstrip())  # "A, as police said."
        if before.endswith(","):
            content = trim(text, s_start, s_start + len(before) - 1)
            return (sp, content) if content[1] - content[0] > 10 else None
        return None
    bare = [w.strip(',.;:"”“()') for w in words]
    lowered = [w.lower() for w in bare]
    if (
        not bare[0]
        or lowered[0]
        in (
            "on",
            "in",
            "at",
            "by",
            "for",
            "with",
            "about",
            "of",
            "as",
            "from",
        )
        or has_verb(bare[:1])
    ):  # "member states have ...": the cue was a noun
        return None
    finite = has_verb(bare[1:]) or lowered[0] in SUBJECT_PRONOUNS
    finite = finite or (cue in CLAUSE_CUES and _bare_clause(bare, lowered, cue, sp))
    finite = finite or (cue in SAY_CUES and len(bare) >= 3)
    intention = cue in INTENTION_CUES and lowered[0] == "to" and len(words) >= 2
    object_to = cue in OBJECT_TO_CUES or stance == "emotive"
    to_clause = intention or (object_to and "to" in lowered[:7])
    if lowered[0] == "to" and not to_clause:
        return None
    if (
        to_clause
        and not coordinated
        and lowered[0] != "to"
        and not has_verb(bare[: lowered.index("to")])
    ):
        # "the FBI warned state officials to boost security": the content is the infinitive
        to = re.search(r"(?<![\w'’-])to\s", rest)
        if to is not None:
            return sp, trim(text, m.end() + to.start(), limit)
    if not (finite or to_clause):
        # "X announced new sanctions": the cue's object is what was said
        return None if cue in SAY_CUES else _np_content(text, m, limit, sp)
    if intention and len(words) == 2:
        # "he declined to comment": a speech act that reports no content of its own
        return sp, trim(text, m.end(), limit), "speech_act"
    past = _past_audience(rest) if cue in ADDRESSEE_CUES else rest
    if past != rest and len(past.split()) >= 3:
        # "She told Congress (that) the plan was dead": the audience is no part of the content
        start = m.end() + len(rest) - len(past)
        that = re.match(r"\s*that\s", past)
        return sp, trim(text, start + (that.end() if that else 0), limit)
    return sp, trim(text, m.end(), limit)
