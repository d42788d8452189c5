"""Exact and near-duplicate detection, checked against an all-pairs reference."""

from __future__ import annotations

import hashlib
import itertools
import random

import numpy as np
import pandas as pd
import pytest

from kit.corpus.dedup import (
    counted_sketch,
    find_duplicates,
    jaccard,
    mark_duplicates,
    shingles,
    sketch,
)
from kit.errors import ParameterError
from tests.helpers import seed_body

WORDS = (
    "iran israel drones missiles strikes ministry officials government military talks "
    "gaza tehran washington president minister forces attack defence civilians region "
    "security council sanctions said would could after before against over under new "
    "the of and to in a is that for it as was with be by on not"
).split()


def story(rng: random.Random, n_words: int = 300) -> str:
    paragraphs = []
    for _ in range(n_words // 50):
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(50)) + ".")
    return "\n\n".join(paragraphs)


def table(texts, published=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": texts,
            "published": pd.to_datetime(published or [None] * len(texts), utc=True),
        }
    )


def test_syndicated_copy_with_new_first_line_and_footer():
    body = seed_body()
    paragraphs = body.split("\n\n")
    paragraphs[0] = "WASHINGTON (Agency) - " + paragraphs[0].split(". ", 1)[1]
    syndicated = "\n\n".join(paragraphs) + "\n\nReporting by the agency; editing by a desk."
    other = story(random.Random(1))
    found = find_duplicates(table([body, other, syndicated, body]))
    assert found[["doc_id", "duplicate_of", "kind"]].values.tolist() == [
        ["d2", "d0", "near"],
        ["d3", "d0", "exact"],
    ]
    assert 0.7 <= found["similarity"].iloc[0] < 1


def test_earliest_publication_is_the_original():
    body = story(random.Random(2))
    df = table([body, body, body], ["2024-04-16", None, "2024-04-14"])
    marked = mark_duplicates(df)
    assert marked["duplicate_of"].tolist() == ["d2", "d2", pd.NA]
    assert df.columns.tolist() == ["doc_id", "text", "published"]  # input untouched


def test_ties_go_to_input_order_and_chains_point_to_the_root():
    rng = random.Random(3)
    base = story(rng, 400).split(" ")
    first = " ".join(base)
    second = " ".join(base[:-30] + ["extra"] * 30)  # close to first
    third = " ".join(base[:-60] + ["more"] * 60)  # close to second, a bit less to first
    found = find_duplicates(table([first, second, third]))
    assert found["duplicate_of"].tolist() == ["d0", "d0"]


def test_different_stories_are_not_duplicates():
    rng = random.Random(4)
    assert find_duplicates(table([story(rng) for _ in range(50)])).empty


def test_short_texts_are_compared_exactly_only():
    found = find_duplicates(
        table(["Strikes hit the base.", "Strikes hit the base!", "Strikes hit the base."])
    )
    assert found.values.tolist() == [["d2", "d0", "exact", 1.0]]


def test_empty_texts_are_never_duplicates():
    assert find_duplicates(table(["", "", "  "])).empty


def test_matches_all_pairs_reference():
    """LSH finds exactly the pairs an all-pairs Jaccard comparison finds."""
    rng = random.Random(5)
    texts = [story(rng) for _ in range(120)]
    for i in range(0, 120, 10):  # plant near copies with small edits
        words = texts[i].split(" ")
        words[rng.randrange(len(words))] = "changed"
        texts[i + 1] = " ".join(words[5:]) + " Appended footer line."
    df = table(texts)
    sets = [shingles(t) for t in texts]
    reference = {}
    for i, j in itertools.combinations(range(len(texts)), 2):
        if j not in reference and jaccard(sets[i], sets[j]) >= 0.7:
            reference[j] = reference.get(i, i)
    found = find_duplicates(df)
    assert dict(zip(found["doc_id"], found["duplicate_of"])) == {
        f"d{j}": f"d{i}" for j, i in reference.items()
    }
    assert len(reference) == 12


def test_shingles_are_stable_values():
    # fixed numbers: the same text gives the same shingles on every machine and run (these
    # were computed by the array implementation the compiled loops replaced)
    assert shingles("one two three four five six").tolist() == [478347635, 2076473881]
    assert (
        shingles("one two three four five six").tolist()
        == shingles("ONE two\nthree  four five six").tolist()
    )
    assert len(shingles(" ".join(f"w{i}" for i in range(2000)))) < 2000 / 2
    text = (
        "Drones were launched overnight and the ministry said the strikes would continue "
        "until the talks resume in Geneva next week, officials said."
    )
    assert sketch(text)[2][:16].hex() == "81cedd0cf7157a0949e95e0b07ad1d08"


_WEIGHTS = np.random.default_rng(14042024).integers(1, 2**63, size=64, dtype=np.uint64) | 1


def reference_shingles(text: str, size: int = 5, sample: int = 256) -> np.ndarray:
    """The definition of :func:`shingles` as array expressions, one word at a time."""
    codes = []
    for word in text.lower().encode("utf-8").split():  # ASCII whitespace, as the loops
        position = np.minimum(np.arange(len(word)), 63)
        byte_values = np.frombuffer(word, dtype=np.uint8).astype(np.uint64) + np.uint64(1)
        codes.append(np.sum(byte_values * _WEIGHTS[position], dtype=np.uint64))
    if not codes:
        return np.empty(0, dtype=np.uint64)
    size = min(size, len(codes))
    hashes = []
    for start in range(len(codes) - size + 1):
        value = np.uint64(0)
        with np.errstate(over="ignore"):  # uint64 wraps around, by definition
            for code in codes[start : start + size]:
                value = value * np.uint64(0x9E3779B97F4A7C15) + code
        hashes.append(value >> np.uint64(32))
    found = np.array(hashes, dtype=np.uint64)
    if sample and len(found) > sample and (found % 4 == 0).sum() >= sample // 8:
        found = found[found % 4 == 0]
    return np.unique(found)


def reference_signature(shingle_set: np.ndarray, num_perm: int = 64) -> np.ndarray:
    rng = np.random.default_rng(20240414)
    multipliers = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    hashed = (shingle_set[:, None] * multipliers + offsets) >> np.uint64(32)
    return hashed.min(axis=0)


def odd_texts(seed: int) -> list[str]:
    """Texts of every kind of whitespace and case, long and short."""
    rng = random.Random(seed)
    alphabet = list("abcXYZ \n\t\r\x0b\x0c\x1c\x85\u00a0\u2009\u3000é€İ\u212aΣÉ'\"-.09")
    texts = ["", " ", "one", "one two three four", " ".join(f"w{i}" for i in range(600))]
    texts += ["x" * 300 + " y", "Ünïcödé  İSTANBUL words", " ".join(["a", "b"] * 400)]
    texts += ["Curly “Quotes” at the Café — Œuvre", "ΣΟΦΟΣ σοφός ΈΝΑ Straße \u212aelvin"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(150)]
    texts += [" ".join(rng.choice("abcd") for _ in range(rng.randint(0, 1200))) for _ in range(30)]
    return texts


def test_compiled_shingles_and_signatures_equal_their_definition():
    texts = [seed_body(), story(random.Random(3), 600), *odd_texts(8)]
    for text in texts:
        for size, sample in ((5, 256), (3, 0), (1, 16)):
            expected = reference_shingles(text, size, sample).tolist()
            assert shingles(text, size=size, sample=sample).tolist() == expected, repr(text)
        digest, packed, minhash = sketch(text)
        assert digest == hashlib.sha1(text.encode("utf-8")).digest()
        shingle_set = reference_shingles(text)
        assert np.frombuffer(packed, dtype=np.uint32).tolist() == shingle_set.tolist()
        if len(shingle_set) >= 16:
            expected = reference_signature(shingle_set).tolist()
            assert np.frombuffer(minhash, dtype=np.uint32).tolist() == expected
        else:
            assert minhash is None


def test_counted_sketch_counts_the_words_of_normalized_texts():
    from kit.corpus.normalize import count_words, normalize_text

    texts = [seed_body(), *odd_texts(9)]
    for raw in texts:
        text = normalize_text(raw)
        n_words, sketched = counted_sketch(text)
        assert (n_words, sketched) == (count_words(text), sketch(text)), repr(raw)
    assert counted_sketch("Drones\u00a0were launched")[0] == 2  # not normalized: ASCII spaces


def test_jaccard():
    assert jaccard(np.array([1, 2]), np.array([3])) == 0.0
    assert jaccard(np.array([], dtype=np.uint64), np.array([], dtype=np.uint64)) == 1.0


@pytest.mark.parametrize("bad", [0, 1.5, "high"])
def test_threshold_is_checked(bad):
    with pytest.raises(ParameterError, match="threshold"):
        find_duplicates(table(["a"]), threshold=bad)


def test_lsh_bands_give_datasketch_candidates():
    from datasketch import LeanMinHash, MinHashLSH

    from kit.corpus.dedup import _BandIndex

    rng = random.Random(7)
    texts = [story(rng) for _ in range(60)]
    texts += [t.replace("the", "a", 3) for t in texts[:20]]  # near copies share most bands
    index, reference = _BandIndex(0.55, 64), MinHashLSH(threshold=0.55, num_perm=64)
    for position, text in enumerate(texts):
        minhash = sketch(text)[2]
        keys = index.keys(minhash)
        hashvalues = np.frombuffer(minhash, dtype=np.uint32)
        lean = LeanMinHash(seed=1, scheme="legacy", hashvalues=hashvalues)
        assert index.query(keys) == set(reference.query(lean))
        index.insert(keys, position)
        reference.insert(position, lean)
    assert any(j in index.query(index.keys(sketch(texts[60 + j])[2])) for j in range(20))


def test_articles_alone_in_every_band_are_those_sharing_no_band_key():
    from kit.corpus.dedup import _BandIndex

    rng = random.Random(11)
    texts = [story(rng) for _ in range(60)]
    texts += [t.replace("the", "a", 3) for t in texts[:20]] + [texts[30], "too short"]
    signatures = [sketch(text)[2] for text in texts] + [None]
    index = _BandIndex(0.55, 64)
    keys = [None if s is None else index.keys(s) for s in signatures]
    expected = [
        mine is None
        or not any(
            other is not None and j != i and any(a == b for a, b in zip(mine, other))
            for j, other in enumerate(keys)
        )
        for i, mine in enumerate(keys)
    ]
    alone = index.lonely(signatures).tolist()
    assert alone == expected
    assert alone[40:60] == [True] * 20 and not any(alone[60:80]) and not alone[30]
    assert alone[-2:] == [True, True]  # too short for a signature, no text
