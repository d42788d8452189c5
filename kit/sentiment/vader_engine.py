"""A faster, score-for-score identical VADER (vaderSentiment 3.3.2).

Why hand-written: vaderSentiment (Hutto & Gilbert 2014, the authors' implementation) spends most
of its time re-lower-casing the whole sentence several times for every sentiment word
(``_negation_check``, ``_special_idioms_check``, ``_but_check``) and rebuilding the text one
character at a time to replace emoji; that makes it quadratic in sentence length. This module
applies the same rules in the same order with the same floating-point operations, but lower-cases
once per sentence and skips the emoji pass for text without emoji. The lexicon, emoji lexicon
and rule tables (boosters, negations, idioms) are read from the installed vaderSentiment package,
not copied, so the scores cannot drift from it; ``tests/sentiment/test_vader.py`` asserts equality of all
four scores on thousands of sentences.

NLTK's port (``nltk.sentiment.vader``) is not used: it tokenizes and handles punctuation,
"but" and idioms differently and disagrees with the authors' code on a few percent of
sentences.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from vaderSentiment import vaderSentiment as _vs

from kit.errors import ParameterError
from kit.parallel import resolve_jobs, worker_pool
from kit.progress import progress_bar

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"  # string.punctuation, as vaderSentiment
_SO_THIS = ("so", "this")


class Vader:
    """VADER scorer returning exactly what ``SentimentIntensityAnalyzer.polarity_scores`` does.

    Examples
    --------
    >>> Vader().scores("The talks were NOT good, but the ceasefire held!")
    (0.2, 0.8, 0.0, -0.2488)
    """

    def __init__(self):
        analyzer = _vs.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = analyzer.lexicon
        # Only single characters are ever replaced by vaderSentiment (it tests each character).
        self.emojis = {k: v for k, v in analyzer.emojis.items() if len(k) == 1}
        self.emoji_chars = frozenset(self.emojis)
        self.boosters: dict[str, float] = _vs.BOOSTER_DICT
        self.special: dict[str, float] = _vs.SPECIAL_CASES
        self.negate = frozenset(_vs.NEGATE)
        self.n_scalar, self.c_incr = _vs.N_SCALAR, _vs.C_INCR

    def _replace_emoji(self, text: str) -> str:
        parts, prev_space = [], True
        for ch in text:
            desc = self.emojis.get(ch)
            if desc is not None:
                if not prev_space:
                    parts.append(" ")
                parts.append(desc)
                prev_space = False
            else:
                parts.append(ch)
                prev_space = ch == " "
        return "".join(parts)

    def _negated(self, word_lower: str) -> bool:
        return word_lower in self.negate or "n't" in word_lower

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Return ``(neg, neu, pos, compound)`` for one text, rounded as vaderSentiment does."""
        # Kept as one function on purpose: it follows polarity_scores and sentiment_valence of
        # vaderSentiment 3.3.2 rule by rule, so the two can be compared line by line.
        if not text.isascii() and not self.emoji_chars.isdisjoint(text):
            text = self._replace_emoji(text)
        text = text.strip()
        words = []
        for token in text.split():
            stripped = token.strip(_PUNCTUATION)
            words.append(token if len(stripped) <= 2 else stripped)
        if not words:
            return 0.0, 0.0, 0.0, 0.0
        lower = [w.lower() for w in words]
        n_caps = sum(1 for w in words if w.isupper())
        cap_diff = 0 < len(words) - n_caps < len(words)
        lexicon, boosters, n_scalar, c_incr = (
            self.lexicon,
            self.boosters,
            self.n_scalar,
            self.c_incr,
        )
        last = len(words) - 1
        sentiments: list[float] = []
        for i, lw in enumerate(lower):
            if lw in boosters or (lw == "kind" and i < last and lower[i + 1] == "of"):
                sentiments.append(0)
                continue
            base = lexicon.get(lw)
            if base is None:
                sentiments.append(0)
                continue
            valence = base
            if lw == "no" and i != last and lower[i + 1] in lexicon:
                valence = 0.0
            if (
                (i > 0 and lower[i - 1] == "no")
                or (i > 1 and lower[i - 2] == "no")
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
            ):
                valence = base * n_scalar
            if cap_diff and words[i].isupper():
                valence = valence + c_incr if valence > 0 else valence - c_incr
            for k in range(3):
                if i <= k:
                    break
                prev = lower[i - k - 1]
                if prev in lexicon:
                    continue
                s = 0.0
                if prev in boosters:
                    s = boosters[prev]
                    if valence < 0:
                        s *= -1
                    if cap_diff and words[i - k - 1].isupper():
                        s = s + c_incr if valence > 0 else s - c_incr
                if k == 1 and s != 0:
                    s = s * 0.95
                elif k == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation(valence, lower, k, i)
                if k == 2:
                    valence = self._idioms(valence, lower, i)
            if i > 1 and lower[i - 1] == "least" and lower[i - 1] not in lexicon:
                if lower[i - 2] != "at" and lower[i - 2] != "very":
                    valence = valence * n_scalar
            elif i > 0 and lower[i - 1] == "least" and lower[i - 1] not in lexicon:
                valence = valence * n_scalar
            sentiments.append(valence)
        if "but" in lower:
            _but_rule(sentiments, lower.index("but"))
        return _final_scores(sentiments, text)

    def _negation(self, valence, lower, k, i):
        n_scalar = self.n_scalar
        if k == 0:
            if self._negated(lower[i - 1]):
                valence = valence * n_scalar
        elif k == 1:
            if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                pass
            elif self._negated(lower[i - 2]):
                valence = valence * n_scalar
        else:
            # vaderSentiment's precedence: (never and so/this two back) or so/this one back
            if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                pass
            elif self._negated(lower[i - 3]):
                valence = valence * n_scalar
        return valence

    def _idioms(self, valence, lower, i):
        special, boosters = self.special, self.boosters
        w0, w1, w2, w3 = lower[i], lower[i - 1], lower[i - 2], lower[i - 3]
        two_one = f"{w2} {w1}"
        three_two_one = f"{w3} {w2} {w1}"
        three_two = f"{w3} {w2}"
        for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", two_one, three_two_one, three_two):
            if seq in special:
                valence = special[seq]
                break
        n = len(lower)
        if n - 1 > i:
            seq = f"{w0} {lower[i + 1]}"
            if seq in special:
                valence = special[seq]
        if n - 1 > i + 1:
            seq = f"{w0} {lower[i + 1]} {lower[i + 2]}"
            if seq in special:
                valence = special[seq]
        for seq in (three_two_one, three_two, two_one):
            if seq in boosters:
                valence = valence + boosters[seq]
        return valence


def _but_rule(sentiments: list, but_index: int) -> None:
    """Halve sentiment before the first "but", raise it by half after, in place.

    Reproduces vaderSentiment's loop exactly, including its use of ``list.index`` (the first
    position holding an *equal* value is the one rescaled), which matters when scores repeat.
    """
    for k in range(len(sentiments)):
        value = sentiments[k]
        j = sentiments.index(value)
        if j < but_index:
            sentiments[j] = value * 0.5
        elif j > but_index:
            sentiments[j] = value * 1.5


def _final_scores(sentiments: list, text: str) -> tuple[float, float, float, float]:
    total = float(sum(sentiments))
    ep = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm = 0.0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    amp = ep + qm
    if total > 0:
        total += amp
    elif total < 0:
        total -= amp
    compound = total / math.sqrt((total * total) + 15)
    compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
    pos_sum, neg_sum, neu_count = 0.0, 0.0, 0
    for s in sentiments:
        if s > 0:
            pos_sum += float(s) + 1
        if s < 0:
            neg_sum += float(s) - 1
        if s == 0:
            neu_count += 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amp
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amp
    denom = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / denom), 3),
        round(math.fabs(neu_count / denom), 3),
        round(math.fabs(pos_sum / denom), 3),
        round(compound, 4),
    )


VADER_COLUMNS = ["neg", "neu", "pos", "compound"]
_PARALLEL_MIN = 20_000  # distinct texts below which worker processes do not pay off
_CHUNK = 5_000
_VADER: Vader | None = None


def _scorer() -> Vader:
    global _VADER
    if _VADER is None:
        _VADER = Vader()
    return _VADER


def _score_chunk(texts: list[str]) -> list[tuple]:
    scorer = _scorer()
    return [scorer.scores(t) for t in texts]


def vader(
    texts, *, workers: int | None = None, cache: bool = True, progress: bool = True
) -> pd.DataFrame:
    """Score texts with VADER, identical to vaderSentiment 3.3.2's ``polarity_scores``.

    Parameters
    ----------
    texts : iterable of str
        Usually sentences (see :func:`score_sentences`).
    workers : int, optional
        Worker processes; None uses :func:`kit.parallel.resolve_jobs` (``KIT_JOBS``, else every
        core) when there are more than 20,000 distinct texts, else one.
    cache : bool
        Score each distinct text once (news repeats boilerplate sentences).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pandas.DataFrame
        ``neg, neu, pos, compound`` (floats), one row per input text, in input order.

    Examples
    --------
    >>> vader(["A terrible attack.", "Leaders welcomed the ceasefire."]).values.tolist()
    [[0.861, 0.139, 0.0, -0.7351], [0.0, 0.556, 0.444, 0.34]]
    """
    texts = ["" if t is None or t is pd.NA else str(t) for t in texts]
    todo = list(dict.fromkeys(texts)) if cache else texts
    if workers is None:
        workers = resolve_jobs() if len(todo) > _PARALLEL_MIN else 1
    if not isinstance(workers, int) or workers < 1:
        raise ParameterError("workers", workers, "a positive integer or None")
    chunks = [todo[i : i + _CHUNK] for i in range(0, len(todo), _CHUNK)]
    bar = progress_bar(total=len(todo), progress=progress, desc="VADER", unit="sentence")
    results: list[tuple] = []
    pool = worker_pool(workers, preload=(__name__,)) if len(chunks) > 1 else None
    if pool is not None:
        with pool:
            for part in pool.map(_score_chunk, chunks):
                results.extend(part)
                bar.update(len(part))
    else:
        for chunk in chunks:
            results.extend(_score_chunk(chunk))
            bar.update(len(chunk))
    bar.close()
    if cache:
        lookup = dict(zip(todo, results))
        results = [lookup[t] for t in texts]
    return pd.DataFrame(np.array(results, dtype="float64").reshape(-1, 4), columns=VADER_COLUMNS)
