"""The compiled loops of duplicate detection: word codes, shingle hashes, MinHash signatures.

Sketching every text is the largest part of an ingest's work. Array expressions spend it on a
dozen passes over each text's bytes (masks, positions, gathers, reductions); these loops make
one, with the same uint64 arithmetic (wrapping around), so the sketches are identical, about
3x faster. Numba compiles them at their first call in a process and caches the machine code
beside this module (or in the user's cache folder), so a later process loads them in a fraction
of a second; ingest compiles them before it forks its workers, which inherit them.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

_FULL = 0xFFFFFFFFFFFFFFFF


def _shingle_hashes(data, weights, multiplier, size, sample):  # pragma: no cover (compiled)
    """(number of words, sorted unique shingle hashes) of the lower-cased UTF-8 ``data``.

    A word is a run of bytes other than ASCII whitespace (9-13, 32); its code is the
    wrap-around sum of (byte + 1) times ``weights[min(position in the word, 63)]``. A shingle
    is ``size`` consecutive words (all of them when there are fewer), hashed with the
    polynomial ``h * multiplier + code`` and kept in its upper 32 bits. With more than
    ``sample`` shingles, only those divisible by 4 are kept (when at least ``sample // 8``
    are).
    """
    one = np.uint64(1)
    codes = np.empty(data.shape[0] // 2 + 1, dtype=np.uint64)
    n_words = 0
    code = np.uint64(0)
    position = 0
    for byte in data:
        if byte == 32 or (byte >= 9 and byte <= 13):
            if position:
                codes[n_words] = code
                n_words += 1
                position = 0
                code = np.uint64(0)
        else:
            code += (np.uint64(byte) + one) * weights[min(position, 63)]
            position += 1
    if position:
        codes[n_words] = code
        n_words += 1
    if n_words == 0:
        return 0, np.empty(0, dtype=np.uint64)
    size = min(size, n_words)
    n_shingles = n_words - size + 1
    hashes = np.empty(n_shingles, dtype=np.uint64)
    shift, four = np.uint64(32), np.uint64(4)
    divisible = 0
    for start in range(n_shingles):
        value = np.uint64(0)
        for offset in range(size):
            value = value * multiplier + codes[start + offset]
        value = value >> shift
        hashes[start] = value
        if value % four == 0:
            divisible += 1
    if sample and n_shingles > sample and divisible >= sample // 8:
        kept = np.empty(divisible, dtype=np.uint64)
        at = 0
        for value in hashes:
            if value % four == 0:
                kept[at] = value
                at += 1
        hashes = kept
    hashes.sort()
    unique = 0
    for at in range(hashes.shape[0]):
        if at == 0 or hashes[at] != hashes[unique - 1]:
            hashes[unique] = hashes[at]
            unique += 1
    return n_words, hashes[:unique]


def _min_hashes(shingle_set, multipliers, offsets):  # pragma: no cover (compiled)
    """For each (multiplier, offset): the least ``(s * multiplier + offset) >> 32`` over the
    shingle set (uint64 wrapping around): every value is under 2**32."""
    shift = np.uint64(32)
    signature = np.empty(multipliers.shape[0], dtype=np.uint64)
    for k in range(multipliers.shape[0]):
        least = np.uint64(_FULL)
        multiplier, offset = multipliers[k], offsets[k]
        for value in shingle_set:
            hashed = (value * multiplier + offset) >> shift
            if hashed < least:
                least = hashed
        signature[k] = least
    return signature


@functools.cache
def compiled() -> tuple[Any, Any]:
    """The compiled ``(shingle_hashes, min_hashes)``; Numba is imported at the first call."""
    import numba

    def jit(function):
        try:
            return numba.njit(cache=True, nogil=True)(function)
        except RuntimeError:  # no folder to cache in: compile in every process
            return numba.njit(nogil=True)(function)

    return jit(_shingle_hashes), jit(_min_hashes)
