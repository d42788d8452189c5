"""A dictionary compiled for token lookup, and the leftmost-longest search over a token stream.

The patterns make a trie over pattern words. Each distinct text word is resolved once against
exact words, ``prefix*`` globs and other globs (one regular expression for all of these), and
the trie is then walked for every token at once, one depth (pattern word) per step, with
NumPy: the cost grows with the tokens and the longest pattern, not with the number of
patterns. No library offers token-aligned multi-word glob lookup with offsets, hence this code.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
import pandas as pd

from kit.dictionaries.model import Dictionary, pattern_words
from kit.text.layer import concat_ranges

#: Columns of :meth:`Matcher.find`: the match's first token and the token after its last.
FOUND_COLUMNS = ["first", "stop", "category", "term", "weight", "negated"]


class Matcher:
    """A dictionary compiled for fast token lookup (build once, reuse across articles)."""

    def __init__(self, dictionary: Dictionary):
        self.dictionary = dictionary
        glob_ids: dict[str, int] = {}
        edges: dict[tuple[int, int], int] = {}
        entries: list[list[tuple]] = [[]]  # per trie node (0 is the root)
        for cat, patterns in dictionary.categories.items():
            negated = cat in dictionary.negations
            for pat in patterns:
                words = pattern_words(pat)
                node = 0
                for w in words:
                    gid = glob_ids.setdefault(w, len(glob_ids))
                    if (node, gid) not in edges:
                        edges[(node, gid)] = len(entries)
                        entries.append([])
                    node = edges[(node, gid)]
                literal = sum(len(w) - w.count("*") - w.count("?") for w in words)
                entries[node].append((cat, pat, dictionary.weight(cat, pat), literal, negated))
        self.n_globs = len(glob_ids)
        keys = np.fromiter((p * self.n_globs + g for p, g in edges), np.int64, len(edges))
        order = np.argsort(keys)
        self._edge_keys = keys[order]
        self._edge_child = np.fromiter(edges.values(), np.int64, len(edges))[order]
        counts = np.fromiter(map(len, entries), np.int64, len(entries))
        self._entry_ptr = np.concatenate([[0], np.cumsum(counts)])
        flat = list(chain.from_iterable(entries))
        self._entries = pd.DataFrame(flat, columns=["category", "term", "weight", "literal", "neg"])
        self.depth = max(
            (len(pattern_words(p)) for ps in dictionary.categories.values() for p in ps), default=0
        )
        self.exact: dict[str, set] = {}
        self.prefix: dict[str, set] = {}
        other: list[str] = []
        self._other_ids: list[int] = []
        for glob, gid in glob_ids.items():
            if "*" not in glob and "?" not in glob:
                self.exact.setdefault(glob, set()).add(gid)
            elif glob.endswith("*") and "*" not in glob[:-1] and "?" not in glob:
                self.prefix.setdefault(glob[:-1], set()).add(gid)
            else:
                rx = "".join(
                    r"[\w'-]*" if c == "*" else r"[\w'-]" if c == "?" else re.escape(c)
                    for c in glob
                )
                other.append(rf"(?:(?=({rx})\Z)|)")
                self._other_ids.append(gid)
        # one match per word: group k holds the word when the k-th other glob matches it whole
        self._other = re.compile("".join(other)) if other else None
        self._cache: dict[str, frozenset] = {}

    def globs_of(self, word: str) -> frozenset:
        """Ids of the pattern words matching one lower-case text word (cached)."""
        found = self._cache.get(word)
        if found is None:
            ids = set(self.exact.get(word, ()))
            if self.prefix:
                for k in range(len(word) + 1):
                    ids.update(self.prefix.get(word[:k], ()))
            if self._other is not None:
                hits = m.groups() if (m := self._other.match(word)) else ()
                ids.update(g for g, hit in zip(self._other_ids, hits) if hit is not None)
            found = self._cache[word] = frozenset(ids)
        return found

    def find(self, words, tok_word: np.ndarray, tok_unit: np.ndarray) -> pd.DataFrame:
        """Leftmost-longest matches in a token stream cut into units (sentences).

        Parameters
        ----------
        words : sequence of str
            The distinct lower-case words (curly apostrophes straightened).
        tok_word : numpy.ndarray
            Per token, its index in ``words``.
        tok_unit : numpy.ndarray
            Per token, its unit (non-decreasing); no match crosses from one unit to the next.

        Returns
        -------
        pandas.DataFrame
            :data:`FOUND_COLUMNS`, one row per match and category, in token order: a matched
            span counts once in every category holding a pattern that matches it, with that
            category's most specific pattern (most literal characters; the first on a tie);
            ``negated`` is the category's (a negated category).
        """
        sets = [tuple(self.globs_of(w)) for w in words]
        per_word = np.fromiter(map(len, sets), np.int64, len(sets))
        word_ptr = np.concatenate([[0], np.cumsum(per_word)])
        flat = np.fromiter(chain.from_iterable(sets), np.int64, int(word_ptr[-1]))
        tok_word = np.asarray(tok_word, np.int64)
        tok_unit = np.asarray(tok_unit, np.int64)
        n = len(tok_word)
        per_tok = per_word[tok_word] if n else np.zeros(0, np.int64)
        tok_ptr = np.concatenate([[0], np.cumsum(per_tok)])
        tok_gid = flat[concat_ranges(word_ptr[tok_word], per_tok)] if n else flat[:0]
        # states: (first token, trie node), kept in trie order (pattern words in frozenset
        # order, the order in which the categories of a span are reported)
        first = np.repeat(np.arange(n), per_tok)
        node = self._child(np.zeros(len(first), np.int64), tok_gid)
        ends = []
        for depth in range(1, self.depth + 1):
            keep = node >= 0
            first, node = first[keep], node[keep]
            if not len(first):
                break
            done = self._entry_ptr[node + 1] > self._entry_ptr[node]
            ends.append((first[done], np.full(int(done.sum()), depth), node[done]))
            nxt = first + depth
            go = nxt < n
            go[go] &= tok_unit[nxt[go]] == tok_unit[first[go]]
            first, node, nxt = first[go], node[go], nxt[go]
            fan = per_tok[nxt]
            pairs = concat_ranges(tok_ptr[nxt], fan)
            first, node = np.repeat(first, fan), self._child(np.repeat(node, fan), tok_gid[pairs])
        if not ends:
            return pd.DataFrame({c: [] for c in FOUND_COLUMNS})
        found = pd.DataFrame(
            {k: np.concatenate([e[i] for e in ends]) for i, k in enumerate(["first", "d", "node"])}
        )
        found["seq"] = np.arange(len(found))
        longest = found.groupby("first", sort=True)["d"].max()
        chosen = _leftmost(longest.index.to_numpy(), longest.to_numpy())
        found = found[found["first"].map(chosen).eq(found["d"])]
        return self._entries_of(found)

    def _child(self, parent: np.ndarray, gid: np.ndarray) -> np.ndarray:
        """The trie node reached from ``parent`` by pattern word ``gid`` (-1 when none)."""
        if not len(self._edge_keys):
            return np.full(len(parent), -1, np.int64)
        key = parent * self.n_globs + gid
        pos = np.searchsorted(self._edge_keys, key)
        pos = np.minimum(pos, len(self._edge_keys) - 1)
        return np.where(self._edge_keys[pos] == key, self._edge_child[pos], -1)

    def _entries_of(self, found: pd.DataFrame) -> pd.DataFrame:
        """The category rows of the matches ending at the trie nodes in ``found``."""
        counts = self._entry_ptr[found["node"].to_numpy() + 1] - self._entry_ptr[found["node"]]
        idx = concat_ranges(self._entry_ptr[found["node"].to_numpy()], counts)
        rows = self._entries.iloc[idx].reset_index(drop=True)
        rows["first"] = np.repeat(found["first"].to_numpy(), counts)
        rows["stop"] = rows["first"] + np.repeat(found["d"].to_numpy(), counts)
        rows["order"] = np.arange(len(rows))
        rows["seen"] = rows.groupby(["first", "category"], sort=False)["order"].transform("min")
        best = rows.sort_values(["first", "category", "literal", "order"], ascending=[1, 1, 0, 1])
        best = best.drop_duplicates(["first", "category"]).sort_values(["first", "seen"])
        return best.rename(columns={"neg": "negated"})[FOUND_COLUMNS].reset_index(drop=True)


def _leftmost(first: np.ndarray, length: np.ndarray) -> dict[int, int]:
    """Matches kept scanning left to right: a match's tokens cannot start another one.

    ``first`` (ascending) and ``length`` describe the longest match at each token; returns
    first token -> length of the kept ones.
    """
    # a match can only be covered when it starts inside the furthest reach before it
    reach = np.maximum.accumulate(first + length)
    covered = np.concatenate([[False], first[1:] < reach[:-1]])
    if not covered.any():
        return dict(zip(first.tolist(), length.tolist()))
    kept, stop = {}, -1
    for f, n in zip(first.tolist(), length.tolist()):
        if f >= stop:
            kept[f], stop = n, f + n
    return kept
