"""Rhetoric: attributions and who is quoted, reporting-verb stance, naming, hedges, agency,
frames, and their evaluation against gold sets.

Every measure returns evidence rows (doc_id, sent_id, start, end offsets into ``text``, the
sentence and a label); :func:`rates` turns evidence into rates per 1,000 tokens per article or
group. Every measure keeps only the articles its English lexicons apply to.
"""

from kit.rhetoric.agency import agency_rates, find_agency
from kit.rhetoric.common import LEXICONS, check_overrides, match_lexicon, rates
from kit.rhetoric.coreference import resolve_speakers
from kit.rhetoric.evaluate import (
    evaluate_attributions,
    evaluate_frames,
    gold_spans,
    match_attributions,
    match_quotes,
    score_attributions,
    score_frames,
    score_quotes,
)
from kit.rhetoric.frames import (
    FRAMES,
    THRESHOLDS,
    frame_coding,
    frame_evidence,
    frame_questions,
    frame_scores,
)
from kit.rhetoric.gold import read_brat_attributions, read_frame_gold
from kit.rhetoric.naming import escalation, naming_choices, naming_evidence, naming_table, pronouns
from kit.rhetoric.phrases import speaker_after, speaker_before
from kit.rhetoric.quotes import KINDS, QUOTE_COLUMNS, extract_quotes
from kit.rhetoric.stance import STANCES, hedges, quote_stance
from kit.rhetoric.who import who_is_quoted

__all__ = [
    "FRAMES",
    "KINDS",
    "LEXICONS",
    "QUOTE_COLUMNS",
    "STANCES",
    "THRESHOLDS",
    "agency_rates",
    "check_overrides",
    "escalation",
    "evaluate_attributions",
    "evaluate_frames",
    "extract_quotes",
    "find_agency",
    "frame_coding",
    "frame_evidence",
    "frame_questions",
    "frame_scores",
    "gold_spans",
    "hedges",
    "match_attributions",
    "match_lexicon",
    "match_quotes",
    "naming_choices",
    "naming_evidence",
    "naming_table",
    "pronouns",
    "quote_stance",
    "rates",
    "read_brat_attributions",
    "read_frame_gold",
    "resolve_speakers",
    "score_attributions",
    "score_frames",
    "score_quotes",
    "speaker_after",
    "speaker_before",
    "who_is_quoted",
]
