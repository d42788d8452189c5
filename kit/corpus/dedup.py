"""Exact and near-duplicate articles (syndicated copies), found with MinHash LSH.

Articles are visited from the earliest ``published`` to the latest (undated ones last; ties in
input order); the first of a group is the *original* and every later copy gets
``duplicate_of`` = the original's ``doc_id``.

- *Exact* copies have the same normalized text.
- *Near* copies share at least ``threshold`` of their word 5-grams (Jaccard similarity of the
  shingle sets, default 0.7: a syndicated story whose first lines were rewritten or that gained
  a footer scores 0.8-0.95; different stories on the same event score under 0.1). Candidates
  come from MinHash LSH (the bands datasketch chooses), so the work grows with the number of
  articles, not with the number of pairs; every candidate is then checked with the Jaccard similarity of the
  shingle sets themselves (sampled for long texts, see :func:`shingles`).
- Texts shorter than :data:`MIN_WORDS` words are only compared exactly.

:func:`find_duplicates` is the evidence (one row per copy, with its similarity);
:func:`mark_duplicates` fills ``duplicate_of``.
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np
import pandas as pd

from kit.corpus.shingling import compiled
from kit.errors import ParameterError
from kit.progress import progress_bar

SHINGLE_WORDS = 5
#: Texts with fewer words than this are only compared exactly (too short to call "near").
MIN_WORDS = 20
_MULT = np.uint64(0x9E3779B97F4A7C15)


def _order(articles: pd.DataFrame) -> np.ndarray:
    """Row positions from the earliest dated article to the latest, undated last."""
    published = (
        pd.to_datetime(articles["published"], utc=True, errors="coerce")
        if "published" in articles
        else pd.Series(pd.NaT, index=articles.index)
    )
    frame = pd.DataFrame(
        {
            "missing": published.isna().to_numpy(),
            "published": published.to_numpy(dtype="datetime64[ns]"),  # not Timestamp objects
            "position": np.arange(len(articles)),
        }
    )
    return frame.sort_values(["missing", "published", "position"], kind="stable")[
        "position"
    ].to_numpy()


_POSITION_WEIGHTS = np.random.default_rng(14042024).integers(
    1, 2**63, size=64, dtype=np.uint64
) | np.uint64(1)


def shingles(text: str, *, size: int = SHINGLE_WORDS, sample: int = 256) -> np.ndarray:
    """Return the sorted unique 32-bit hashes of the ``size``-grams of lower-cased words.

    Words are separated by whitespace (punctuation stays on words: copies share it too).
    Hashes are stable across runs and machines. When there are more than ``sample`` shingles,
    only those whose hash is divisible by 4 are kept: the Jaccard similarity of the kept sets
    estimates that of the full sets without bias, for a quarter of the work.

    Examples
    --------
    >>> len(shingles("one two three four five six"))
    2
    """
    return _counted_shingles(text, size=size, sample=sample)[1]


def _counted_shingles(
    text: str, *, size: int = SHINGLE_WORDS, sample: int = 256, encoded: bytes | None = None
):
    """(number of words, :func:`shingles`) of ``text`` (:mod:`kit.corpus.shingling`);
    ``encoded``: the text's UTF-8 bytes, when already at hand."""
    shingle_hashes, _ = compiled()
    data = np.frombuffer(_lower_utf8(text, encoded), dtype=np.uint8)
    return shingle_hashes(data, _POSITION_WEIGHTS, _MULT, size, sample)


_ASCII = bytes(range(128))


def _lower_utf8(text: str, encoded: bytes | None) -> bytes:
    """``text.lower().encode("utf-8")``. When lower-casing leaves every character of the text
    outside ASCII as it is (curly quotes, dashes, accented small letters: most news texts),
    that is the UTF-8 bytes with their ASCII letters lower-cased, found in C five times faster
    than ``str.lower`` (which looks every character up in the Unicode tables)."""
    encoded = text.encode("utf-8") if encoded is None else encoded
    if len(encoded) == len(text):  # ASCII
        return encoded.lower()
    others = encoded.translate(None, _ASCII).decode("utf-8")
    return encoded.lower() if others.lower() == others else text.lower().encode("utf-8")


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240414)  # fixed: same signatures on every run and machine
    multipliers = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return multipliers, offsets


def signature(shingle_set: np.ndarray, multipliers: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """MinHash signature: for each (multiplier, offset), the least multiply-shift hash.

    One pass per permutation instead of datasketch's per-value hashing (several times faster
    on news-length texts). Every value is under 2**32.
    """
    return compiled()[1](np.asarray(shingle_set, dtype=np.uint64), multipliers, offsets)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique arrays.

    Examples
    --------
    >>> jaccard(np.array([1, 2, 3]), np.array([2, 3, 4]))
    0.5
    """
    if len(a) == 0 and len(b) == 0:
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def sketch(text: str, *, num_perm: int = 64) -> tuple[bytes, bytes, bytes | None]:
    """What duplicate detection needs of one text: (SHA-1, shingle set, MinHash signature).

    The signature is None for texts too short to compare as near duplicates. Computing sketches
    is the costly part of :func:`find_duplicates`; ingest computes them in its worker processes.
    Shingle set and signature are the bytes of ``uint32`` arrays (their values are 32-bit
    hashes): half the memory of 64-bit values that an ingest keeps until duplicates are found,
    and bytes pass between processes several times faster than arrays.

    Examples
    --------
    >>> digest, shingle_set, minhash = sketch("too short")
    >>> len(digest), np.frombuffer(shingle_set, dtype=np.uint32).size, minhash is None
    (20, 1, True)
    """
    return counted_sketch(text, num_perm=num_perm)[1]


def counted_sketch(
    text: str, *, num_perm: int = 64, encoded: bytes | None = None
) -> tuple[int, tuple]:
    """The number of words of ``text`` and its :func:`sketch`, from one pass over the text
    (``encoded``: its UTF-8 bytes, when already at hand).

    Words are separated by ASCII whitespace: for a text that holds no other whitespace (every
    text :func:`kit.corpus.normalize.normalize_text` returns), the count is
    ``len(text.split())``, :func:`kit.corpus.normalize.count_words`.
    """
    encoded = text.encode("utf-8") if encoded is None else encoded
    digest = hashlib.sha1(encoded).digest()
    n_words, shingle_set = _counted_shingles(text, encoded=encoded)
    packed = shingle_set.astype(np.uint32).tobytes()
    if len(shingle_set) < MIN_WORDS - SHINGLE_WORDS + 1:
        return n_words, (digest, packed, None)
    minhash = signature(shingle_set, *_permutations(num_perm))
    return n_words, (digest, packed, minhash.astype(np.uint32).tobytes())


@functools.lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each LSH band: datasketch's choice for ``threshold``, ``num_perm``."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


class _BandIndex:
    """MinHash LSH banding (as datasketch's ``MinHashLSH``, on plain dicts): articles whose
    signatures agree on every value of at least one band are candidates. A bucket of one
    article holds its position itself, not a list (most buckets: a third of the memory)."""

    def __init__(self, threshold: float, num_perm: int):
        self.bands = _bands(threshold, num_perm)
        self.tables: list[dict[bytes, int | list[int]]] = [{} for _ in self.bands]

    def keys(self, minhash: bytes) -> list[bytes]:
        """The band keys of a signature (the bytes of its ``uint32`` values)."""
        return [minhash[4 * start : 4 * end] for start, end in self.bands]

    def lonely(self, signatures: list[bytes | None]) -> np.ndarray:
        """Whether each signature (None: no signature) is in no band bucket with another.

        Such an article is never a candidate and has none, so the index can leave it out:
        in a corpus of few copies, nearly every article. Found for all signatures at once by
        sorting a 64-bit hash of each band; a collision of two hashes only leaves an article
        in the index.
        """
        alone = np.ones(len(signatures), dtype=bool)
        present = [value for value in signatures if value is not None]
        if len(present) < 2:
            return alone
        given = np.flatnonzero([value is not None for value in signatures])
        values = np.frombuffer(b"".join(present), dtype=np.uint32)
        values = values.reshape(len(given), -1).astype(np.uint64)
        shared = np.zeros(len(given), dtype=bool)
        for start, end in self.bands:
            hashed = np.zeros(len(given), dtype=np.uint64)
            for column in range(start, end):  # uint64 wrap-around is intended
                hashed = hashed * _MULT + values[:, column]
            order = np.argsort(hashed, kind="stable")
            ranked = hashed[order]
            same = ranked[1:] == ranked[:-1]
            shared[order[1:][same]] = True
            shared[order[:-1][same]] = True
        alone[given] = ~shared
        return alone

    def query(self, keys: list[bytes]) -> set[int]:
        found: set[int] = set()
        for table, key in zip(self.tables, keys):
            bucket = table.get(key)
            if isinstance(bucket, int):
                found.add(bucket)
            elif bucket is not None:
                found.update(bucket)
        return found

    def insert(self, keys: list[bytes], position: int) -> None:
        for table, key in zip(self.tables, keys):
            bucket = table.get(key)
            if bucket is None:
                table[key] = position
            elif isinstance(bucket, int):
                table[key] = [bucket, position]
            else:
                bucket.append(position)


def find_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = 0.7,
    num_perm: int = 64,
    progress: bool = True,
    sketches: list | None = None,
) -> pd.DataFrame:
    """List every exact or near-duplicate article with the original it copies (the evidence).

    Parameters
    ----------
    articles : pandas.DataFrame
        With columns ``doc_id``, ``text`` (unless ``sketches`` are given) and (optionally)
        ``published``.
    threshold : float
        Minimum Jaccard similarity of word 5-gram sets for a near duplicate, in (0, 1].
    num_perm : int
        MinHash permutations (more: fewer missed candidates, slower).
    progress : bool
        Show a progress bar.
    sketches : list, optional
        :func:`sketch` of each row's text (same order and ``num_perm``), when already computed;
        None for a row whose text is blank (never a duplicate). The ``text`` column is then
        not read.

    Returns
    -------
    pandas.DataFrame
        One row per copy: ``doc_id``, ``duplicate_of`` (the original's doc_id), ``kind``
        ("exact" or "near") and ``similarity`` (Jaccard, 1.0 for exact copies).

    Raises
    ------
    ParameterError
        When ``threshold`` is not in (0, 1].

    Examples
    --------
    >>> body = " ".join(f"word{i}" for i in range(200))
    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [body, body, "Intro. " + body],
    ...                    "published": pd.to_datetime(["2024-04-15", "2024-04-14", None],
    ...                                                utc=True)})
    >>> find_duplicates(df)[["doc_id", "duplicate_of", "kind"]].values.tolist()
    [['a', 'b', 'exact'], ['c', 'b', 'near']]
    """
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ParameterError("threshold", threshold, "a number in (0, 1], e.g. 0.7")
    doc_ids = articles["doc_id"].tolist()
    if sketches is None:
        texts = articles["text"].fillna("").astype(str).tolist()
        sketches = [
            sketch(text, num_perm=num_perm) if text.strip() else None
            for text in progress_bar(texts, progress=progress, desc="sketches", unit="article")
        ]
    original: dict[int, int] = {}  # position -> position of its original
    rows = []
    exact_seen: dict[bytes, int] = {}
    lsh = _BandIndex(max(0.3, threshold - 0.15), num_perm)
    lonely = lsh.lonely([None if given is None else given[2] for given in sketches])
    sets: dict[int, np.ndarray] = {}
    order = _order(articles).tolist()  # positions as ints (the buckets hold ints)
    for pos in progress_bar(order, progress=progress, desc="duplicates", unit="article"):
        if sketches[pos] is None:  # a blank text
            continue
        key, packed, hashvalues = sketches[pos]
        if key in exact_seen:
            root = exact_seen[key]
            original[pos] = root
            rows.append((doc_ids[pos], doc_ids[root], "exact", 1.0))
            continue
        exact_seen[key] = pos
        if hashvalues is None or lonely[pos]:
            continue
        shingle_set = np.frombuffer(packed, dtype=np.uint32)
        keys = lsh.keys(hashvalues)
        best, best_sim = None, 0.0
        for candidate in lsh.query(keys):
            sim = jaccard(shingle_set, sets[candidate])
            if sim >= threshold and (
                sim > best_sim or (sim == best_sim and best is not None and candidate < best)
            ):
                best, best_sim = candidate, sim
        if best is not None:
            root = original.get(best, best)
            original[pos] = root
            rows.append((doc_ids[pos], doc_ids[root], "near", round(best_sim, 4)))
        lsh.insert(keys, pos)
        sets[pos] = shingle_set
    out = pd.DataFrame(rows, columns=["doc_id", "duplicate_of", "kind", "similarity"])
    return out.astype(
        {"doc_id": "string", "duplicate_of": "string", "kind": "string", "similarity": "float64"}
    )


def mark_duplicates(
    articles: pd.DataFrame, *, threshold: float = 0.7, num_perm: int = 64, progress: bool = True
) -> pd.DataFrame:
    """Return a copy of ``articles`` with ``duplicate_of`` set for exact and near copies.

    Parameters are those of :func:`find_duplicates`; originals get NA.

    Returns
    -------
    pandas.DataFrame
        ``articles`` with column ``duplicate_of`` (string).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Same words here.", "Same words here."]})
    >>> mark_duplicates(df)["duplicate_of"].tolist()
    [<NA>, 'a']
    """
    found = find_duplicates(articles, threshold=threshold, num_perm=num_perm, progress=progress)
    return with_duplicate_of(articles, found)


def with_duplicate_of(articles: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``articles`` whose ``duplicate_of`` comes from :func:`find_duplicates`.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> found = pd.DataFrame({"doc_id": ["b"], "duplicate_of": ["a"]})
    >>> with_duplicate_of(arts, found)["duplicate_of"].tolist()
    [<NA>, 'a']
    """
    out = articles.copy()
    mapping = dict(zip(found["doc_id"], found["duplicate_of"]))
    out["duplicate_of"] = pd.Series(
        [mapping.get(d) for d in out["doc_id"]], index=out.index, dtype="string"
    )
    return out
