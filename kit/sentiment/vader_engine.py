"""A faster, score-for-score identical VADER (vaderSentiment 3.3.2).

Why hand-written: vaderSentiment (Hutto & Gilbert 2014, the authors' implementation) spends most
of its time re-lower-casing the whole sentence several times for every sentiment word
(``_negation_check``, ``_special_idioms_check``, ``_but_check``) and rebuilding the text one
character at a time to replace emoji; that makes it quadratic in sentence length. This module
applies the same rules with the same floating-point operations, many texts at a time:

- each distinct token is read once (its stripped, lower-cased word, lexicon value, ALL CAPS,
  whether it is a booster, a negation or another rule word such as "no", "least", "kind")
  and kept in a token table;
- a sentiment word with no rule word among it and the three words before it, in a text
  without a word pair of an idiom, only has its lexicon value, raised for ALL CAPS: those are
  computed for all texts at once with NumPy; only the others go through the rules one by one;
- the "but" rule runs vaderSentiment's own loop on the texts that hold "but"; punctuation
  emphasis and the final scores are computed for all texts at once, adding in
  vaderSentiment's order (left to right) and rounding with Python's ``round``.

The lexicon, emoji lexicon and rule tables (boosters, negations, idioms) are read from the
installed vaderSentiment package, not copied, so the scores cannot drift from it;
``tests/sentiment/test_vader.py`` asserts equality of all four scores on thousands of sentences.

NLTK's port (``nltk.sentiment.vader``) is not used: it tokenizes and handles punctuation,
"but" and idioms differently and disagrees with the authors' code on a few percent of
sentences.
"""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np
import pandas as pd
from vaderSentiment import vaderSentiment as _vs

from kit.errors import ParameterError
from kit.parallel import map_chunks, resolve_jobs

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"  # string.punctuation, as vaderSentiment
_SO_THIS = ("so", "this")
# Words (besides boosters and negations) whose presence before a sentiment word can change it.
_RULE_WORDS = frozenset({"no", "least", "kind", "never", "without", "so", "this"})
_MAX_TOKENS = 200_000  # distinct tokens kept in the token table before it starts again


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
        # Every idiom and booster phrase contains one of these word pairs.
        pairs = {
            (a, b)
            for phrase in (*self.special, *self.boosters)
            for a, b in zip(phrase.split(), phrase.split()[1:])
        }
        self._pair_first = {a: n for n, a in enumerate(sorted({a for a, _ in pairs}), 1)}
        self._pair_second = {b: n for n, b in enumerate(sorted({b for _, b in pairs}), 1)}
        self._pairs = np.zeros((len(self._pair_first) + 1, len(self._pair_second) + 1), bool)
        for a, b in pairs:
            self._pairs[self._pair_first[a], self._pair_second[b]] = True
        self._clear_tokens()

    def _clear_tokens(self) -> None:
        self._ids: dict[str, int] = {}
        self._lower: list[str] = []
        self._base = np.zeros(0)  # lexicon value of a sentiment word, else 0
        self._scored = np.zeros(0, bool)  # in the lexicon and not a booster
        self._upper = np.zeros(0, bool)
        self._rule = np.zeros(0, bool)  # a booster, negation or one of _RULE_WORDS
        self._but = np.zeros(0, bool)
        self._first = np.zeros(0, np.int64)  # index in _pair_first (0: none)
        self._second = np.zeros(0, np.int64)

    def _add_tokens(self, tokens: list[str]) -> None:
        """Add the properties of new distinct tokens to the token table."""
        words = []
        for token in tokens:
            stripped = token.strip(_PUNCTUATION)
            words.append(token if len(stripped) <= 2 else stripped)
        lower = [w.lower() for w in words]
        lexicon, boosters = self.lexicon, self.boosters
        start = len(self._lower)
        self._ids.update(zip(tokens, range(start, start + len(tokens))))
        self._lower.extend(lower)
        columns = (
            ("_base", [lexicon.get(w, 0.0) for w in lower]),
            ("_scored", [w in lexicon and w not in boosters for w in lower]),
            ("_upper", [w.isupper() for w in words]),
            ("_rule", [w in boosters or self._negated(w) or w in _RULE_WORDS for w in lower]),
            ("_but", [w == "but" for w in lower]),
            ("_first", [self._pair_first.get(w, 0) for w in lower]),
            ("_second", [self._pair_second.get(w, 0) for w in lower]),
        )
        for name, values in columns:
            old = getattr(self, name)
            setattr(self, name, np.concatenate([old, np.array(values, dtype=old.dtype)]))

    def _token_ids(self, tokens: list[str]) -> np.ndarray:
        if len(self._ids) > _MAX_TOKENS:
            self._clear_tokens()
        ids = np.fromiter(map(self._ids.get, tokens, repeat(-1)), np.int64, len(tokens))
        missing = np.flatnonzero(ids < 0)
        if len(missing):
            self._add_tokens(list(dict.fromkeys(tokens[k] for k in missing.tolist())))
            ids[missing] = [self._ids[tokens[k]] for k in missing.tolist()]
        return ids

    def _replace_emoji(self, text: str) -> str:
        """vaderSentiment's emoji pass: each emoji becomes its description, after a space
        unless it starts the text or follows a space."""
        at = []
        for emoji in self.emoji_chars.intersection(text):
            k = text.find(emoji)
            while k >= 0:
                at.append(k)
                k = text.find(emoji, k + 1)
        parts, done = [], 0
        for k in sorted(at):
            parts.append(text[done:k])
            if k > 0 and text[k - 1] != " ":
                parts.append(" ")
            parts.append(self.emojis[text[k]])
            done = k + 1
        parts.append(text[done:])
        return "".join(parts)

    def _negated(self, word_lower: str) -> bool:
        return word_lower in self.negate or "n't" in word_lower

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Return ``(neg, neu, pos, compound)`` for one text, rounded as vaderSentiment does.

        For many texts :meth:`score_texts` is much faster.
        """
        neg, neu, pos, compound = self.score_texts([text])[0].tolist()
        return neg, neu, pos, compound

    def score_texts(self, texts: list[str]) -> np.ndarray:
        """Return an array of ``neg, neu, pos, compound`` rows, one per text.

        Parameters
        ----------
        texts : list of str
            The texts (usually sentences).

        Returns
        -------
        numpy.ndarray
            Shape ``(len(texts), 4)``, float64, rounded as vaderSentiment rounds.
        """
        emoji_chars = self.emoji_chars
        texts = [
            self._replace_emoji(t) if not t.isascii() and not emoji_chars.isdisjoint(t) else t
            for t in texts
        ]
        token_lists = [t.split() for t in texts]
        lengths = np.fromiter(map(len, token_lists), np.int64, len(texts))
        ids = self._token_ids(list(chain.from_iterable(token_lists)))
        sentence = np.repeat(np.arange(len(texts)), lengths)
        starts = np.cumsum(lengths) - lengths
        upper = self._upper[ids]
        n_upper = np.bincount(sentence[upper], minlength=len(texts))
        cap_diff = (n_upper > 0) & (n_upper < lengths)
        sentiments = self._plain_valences(ids, upper & cap_diff[sentence])
        self._apply_rules(sentiments, ids, sentence, starts, lengths, cap_diff)
        self._apply_but(sentiments, ids, sentence, starts, lengths)
        return self._final_scores(sentiments, sentence, lengths, texts)

    def _plain_valences(self, ids: np.ndarray, capital: np.ndarray) -> np.ndarray:
        """Each word's sentiment when no rule applies: its lexicon value, raised for ALL CAPS."""
        base = self._base[ids]
        c_incr = self.c_incr
        raised = np.where(base > 0, base + c_incr, base - c_incr)
        return np.where(self._scored[ids], np.where(capital, raised, base), 0.0)

    def _apply_rules(self, sentiments, ids, sentence, starts, lengths, cap_diff) -> None:
        """Score word by word the sentiment words a rule word or an idiom may change."""
        index = np.arange(len(ids))
        rule_counts = np.concatenate([[0], np.cumsum(self._rule[ids])])
        window_start = np.maximum(index - 3, starts[sentence])
        near_rule = rule_counts[index + 1] > rule_counts[window_start]
        pair = self._pairs[self._first[ids][:-1], self._second[ids][1:]]
        pair &= sentence[:-1] == sentence[1:]
        idiom = np.zeros(len(starts), bool)
        idiom[sentence[:-1][pair]] = True
        has_idiom = idiom[sentence]
        todo = np.flatnonzero(self._scored[ids] & (near_rule | has_idiom))
        if not len(todo):
            return
        ids_list, upper_list, lower_of = ids.tolist(), self._upper[ids].tolist(), self._lower
        starts_list, lengths_list, caps = starts.tolist(), lengths.tolist(), cap_diff.tolist()
        base = self._base[ids].tolist()
        values = []
        last, start, lower, upper = -1, 0, [], []
        for k, s, maybe_idiom in zip(
            todo.tolist(), sentence[todo].tolist(), has_idiom[todo].tolist()
        ):
            if s != last:
                start, stop = starts_list[s], starts_list[s] + lengths_list[s]
                lower = [lower_of[t] for t in ids_list[start:stop]]
                upper = upper_list[start:stop]
                last = s
            values.append(
                self._rule_valence(lower, upper, caps[s], maybe_idiom, k - start, base[k])
            )
        sentiments[todo] = values

    def _rule_valence(self, lower, upper, cap_diff, idiom, i, base):
        """The sentiment of word ``i``, following vaderSentiment's ``sentiment_valence``.

        ``idiom``: whether the sentence holds a word pair of an idiom or booster phrase.
        """
        last = len(lower) - 1
        if lower[i] == "kind" and i < last and lower[i + 1] == "of":
            return 0.0
        lexicon, boosters, n_scalar, c_incr = (
            self.lexicon,
            self.boosters,
            self.n_scalar,
            self.c_incr,
        )
        valence = base
        if lower[i] == "no" and i != last and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
        ):
            valence = base * n_scalar
        if cap_diff and upper[i]:
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
                if cap_diff and upper[i - k - 1]:
                    s = s + c_incr if valence > 0 else s - c_incr
            if k == 1 and s != 0:
                s = s * 0.95
            elif k == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = self._negation(valence, lower, k, i)
            if k == 2 and idiom:
                valence = self._idioms(valence, lower, i)
        if i > 1 and lower[i - 1] == "least" and lower[i - 1] not in lexicon:
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and lower[i - 1] == "least" and lower[i - 1] not in lexicon:
            valence = valence * n_scalar
        return valence

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

    def _apply_but(self, sentiments, ids, sentence, starts, lengths) -> None:
        """vaderSentiment's "but" rule on every text holding the word "but"."""
        buts = np.flatnonzero(self._but[ids])
        if not len(buts):
            return
        with_but, first = np.unique(sentence[buts], return_index=True)
        for s, k in zip(with_but.tolist(), buts[first].tolist()):
            a = int(starts[s])
            b = a + int(lengths[s])
            values = sentiments[a:b].tolist()
            _but_rule(values, k - a)
            sentiments[a:b] = values

    def _final_scores(self, sentiments, sentence, lengths, texts) -> np.ndarray:
        """vaderSentiment's ``score_valence`` for every text at once."""
        n = len(texts)
        nonzero = sentiments != 0
        per_text = np.bincount(sentence[nonzero], minlength=n)
        total = _ordered_sums(sentiments, nonzero, sentence, n)
        # Python's sum() may compensate rounding (3.12+): use it where the order can matter.
        several = np.flatnonzero(per_text > 2).tolist()
        if several:
            values, ends = sentiments[nonzero].tolist(), np.cumsum(per_text)
            total[several] = [sum(values[ends[s] - per_text[s] : ends[s]]) for s in several]
        pos_sum = _ordered_sums(sentiments + 1.0, sentiments > 0, sentence, n)
        neg_sum = _ordered_sums(sentiments - 1.0, sentiments < 0, sentence, n)
        neu_count = lengths - per_text
        marks = np.fromiter(map(str.count, texts, repeat("!")), np.int64, n)
        questions = np.fromiter(map(str.count, texts, repeat("?")), np.int64, n)
        qm = np.where(questions > 1, np.where(questions <= 3, questions * 0.18, 0.96), 0.0)
        amp = np.minimum(marks, 4) * 0.292 + qm
        total = np.where(total > 0, total + amp, np.where(total < 0, total - amp, total))
        compound = np.clip(total / np.sqrt(total * total + 15), -1.0, 1.0)
        more_pos = pos_sum > np.fabs(neg_sum)
        more_neg = pos_sum < np.fabs(neg_sum)
        pos_sum = np.where(more_pos, pos_sum + amp, pos_sum)
        neg_sum = np.where(more_neg, neg_sum - amp, neg_sum)
        denom = pos_sum + np.fabs(neg_sum) + neu_count
        empty = lengths == 0
        denom[empty] = 1.0
        out = np.stack(
            [
                np.fabs(neg_sum / denom),
                np.fabs(neu_count / denom),
                np.fabs(pos_sum / denom),
                compound,
            ],
            axis=1,
        )
        out[empty] = 0.0
        out[:, :3] = python_round(out[:, :3], 3)
        out[:, 3] = python_round(out[:, 3], 4)
        return out


def python_round(values: np.ndarray, digits: int) -> np.ndarray:
    """Python's ``round(value, digits)`` for every value (of magnitude below 1,000).

    Python rounds the exact binary value half to even; ``numpy.round`` rounds the value scaled
    by ``10**digits``, which can fall on the other side of a half. Scaling moves a value by
    far less than 1e-6 here, so only values that close to a half are left to Python.

    Examples
    --------
    >>> python_round(np.array([0.0625, 0.12345, -0.5]), 3).tolist()
    [0.062, 0.123, -0.5]
    """
    scale = 10.0**digits
    scaled = values * scale
    out = np.rint(scaled) / scale
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for k in zip(*np.nonzero(near_half)):
        out[k] = round(float(values[k]), digits)
    return out


def _ordered_sums(values: np.ndarray, mask: np.ndarray, sentence: np.ndarray, n: int):
    """Per text, the sum of ``values[mask]`` added left to right (as a Python loop adds)."""
    picked = np.flatnonzero(mask)
    owner = sentence[picked]
    counts = np.bincount(owner, minlength=n)
    rank = np.arange(len(picked)) - (np.cumsum(counts) - counts)[owner]
    out = np.zeros(n)
    order = np.argsort(rank, kind="stable")
    bounds = np.cumsum(np.bincount(rank, minlength=1))
    start = 0
    for stop in bounds.tolist():
        chosen = picked[order[start:stop]]
        out[sentence[chosen]] += values[chosen]
        start = stop
    return out


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


VADER_COLUMNS = ["neg", "neu", "pos", "compound"]
_PARALLEL_MIN = 20_000  # distinct texts below which worker processes do not pay off
_CHUNK = 5_000
_VADER: Vader | None = None


def _scorer() -> Vader:
    global _VADER
    if _VADER is None:
        _VADER = Vader()
    return _VADER


def _score_chunks(texts: list[str]) -> list[np.ndarray]:
    return [_score_chunk(texts)]


def _score_chunk(texts: list[str]) -> np.ndarray:
    return _scorer().score_texts(texts)


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
    if cache:
        codes, distinct = pd.factorize(np.array(texts, dtype=object))
        todo = distinct.tolist()
    else:
        todo = texts
    if workers is None:
        workers = resolve_jobs() if len(todo) > _PARALLEL_MIN else 1
    if not isinstance(workers, int) or workers < 1:
        raise ParameterError("workers", workers, "a positive integer or None")
    _scorer()  # built once here, so forked workers inherit it
    parts = map_chunks(
        _score_chunks,
        todo,
        chunk_size=_CHUNK,
        parallel=len(todo) > _CHUNK,  # one chunk: no workers
        desc="VADER",
        unit="sentence",
        progress=progress,
        jobs=workers,
        preload=(__name__,),
    )
    scores = np.concatenate(parts) if parts else np.zeros((0, 4))
    if cache:
        scores = scores[codes]
    return pd.DataFrame(scores, columns=VADER_COLUMNS)
