"""Dispersion measures (kit.terms.dispersion) against Gries's worked example."""

from __future__ import annotations

import math

import numpy as np
import pytest

import kit.terms as T
from tests.helpers import articles_from, make_articles


# ---------------------------------------------------------------- dispersion
def test_dispersion_gries_2008_example():
    # Gries (2008): five parts of 9, 10, 10, 10, 11 words; "a" occurs 1, 2, 3, 4, 5 times.
    # DP = 0.18 (published). Juilland's D by hand on f_i / size_i, population sd.
    sizes, freqs = [9, 10, 10, 10, 11], [1, 2, 3, 4, 5]
    texts = [" ".join(["a"] * f + ["b"] * (s - f)) for s, f in zip(sizes, freqs)]
    d = T.dispersion(articles_from(texts), ["a", "b", "zzz"]).set_index("term")
    assert d.loc["a", "dp"] == pytest.approx(0.18)
    assert d.loc["a", "dp_norm"] == pytest.approx(0.18 / (1 - 9 / 50))
    rel = [f / s for f, s in zip(freqs, sizes)]
    mean = sum(rel) / 5
    sd = math.sqrt(sum((v - mean) ** 2 for v in rel) / 5)
    assert d.loc["a", "juilland_d"] == pytest.approx(1 - (sd / mean) / math.sqrt(4))
    assert d.loc["a", "juilland_d"] == pytest.approx(0.785, abs=1e-3)
    assert d.loc["a", ["n", "range", "n_parts"]].tolist() == [15, 5, 5]
    assert np.isnan(d.loc["zzz", "dp"]) and d.loc["zzz", "n"] == 0


def test_dispersion_even_and_concentrated():
    m = T.dispersion_measures([[5, 5, 5, 5], [20, 0, 0, 0]], [100, 100, 100, 100])
    assert m["dp"].tolist() == pytest.approx([0.0, 0.75])
    assert m["juilland_d"].tolist() == pytest.approx([1.0, 0.0])


def test_term_positions_offsets():
    arts = make_articles()
    pos = T.term_positions(arts, ["iran"])
    texts = dict(zip(arts["doc_id"], arts["text"]))
    starts = pos.attrs["doc_starts"]
    for r in pos.itertuples():
        assert texts[r.doc_id][r.start : r.end].lower() == "iran"
        assert r.position == starts[r.doc_index] + r.start
    assert pos["doc_id"].iloc[0] == "seed"  # earliest article first


def test_dispersion_of_an_empty_table_is_one_empty_row_per_term():
    out = T.dispersion(make_articles().iloc[0:0], ["strike", "drone"])
    assert out["term"].tolist() == ["strike", "drone"]
    assert out["n"].tolist() == [0, 0] and out["n_parts"].tolist() == [0, 0]
    assert out[["juilland_d", "dp", "dp_norm"]].isna().all().all()


def test_term_positions_without_text_names_the_column():
    from kit.errors import SchemaError

    with pytest.raises(SchemaError, match=r"term_positions needs .*missing \['text'\]"):
        T.term_positions(make_articles().drop(columns=["text"]), ["strike"])


def test_term_positions_equal_a_loop_over_the_laid_out_corpus():
    import re

    from bench.realistic import articles_frame
    from kit.terms.kwic import phrase_pattern

    arts = articles_frame(20, words=200).sample(frac=1, random_state=3)  # positions follow dates
    terms = ["iran", "united states", "said"]
    pos = T.term_positions(arts, terms)
    ordered = arts.sort_values(["published", "doc_id"])
    laid = "".join(ordered["text"])
    expected = []
    for t in terms:
        rx = re.compile(phrase_pattern(t), re.IGNORECASE)
        offset = 0
        for i, text in enumerate(ordered["text"]):
            expected += [(t, i, m.start(), offset + m.start()) for m in rx.finditer(text)]
            offset += len(text)
    got = list(zip(pos["term"], pos["doc_index"], pos["start"], pos["position"]))
    assert got == expected
    texts = ordered["text"].tolist()
    for r in pos.itertuples():
        assert (
            laid[r.position : r.position + r.end - r.start] == texts[r.doc_index][r.start : r.end]
        )
    assert pos.attrs["total_chars"] == len(laid)
