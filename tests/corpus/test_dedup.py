"""Exact and near-duplicate detection, checked against an all-pairs reference."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pandas as pd
import pytest

from kit.corpus.dedup import find_duplicates, jaccard, mark_duplicates, shingles
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
    # fixed numbers: the same text gives the same shingles on every machine and run
    assert (
        shingles("one two three four five six").tolist()
        == shingles("ONE two\nthree  four five six").tolist()
    )
    assert len(shingles(" ".join(f"w{i}" for i in range(2000)))) < 2000 / 2


def test_jaccard():
    assert jaccard(np.array([1, 2]), np.array([3])) == 0.0
    assert jaccard(np.array([], dtype=np.uint64), np.array([], dtype=np.uint64)) == 1.0


@pytest.mark.parametrize("bad", [0, 1.5, "high"])
def test_threshold_is_checked(bad):
    with pytest.raises(ParameterError, match="threshold"):
        find_duplicates(table(["a"]), threshold=bad)


def test_lsh_bands_give_datasketch_candidates():
    from datasketch import LeanMinHash, MinHashLSH

    from kit.corpus.dedup import _BandIndex, sketch

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
    from kit.corpus.dedup import _BandIndex, sketch

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
