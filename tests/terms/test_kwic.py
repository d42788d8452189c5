"""Keyword in context (kit.terms.kwic)."""

from __future__ import annotations

import pandas as pd
import pytest

import kit.terms as T
from kit.errors import ParameterError
from tests.helpers import make_articles


# ---------------------------------------------------------------- KWIC
def test_kwic_word_phrase_regex_offsets():
    text = "Iran's drones hit. The drones, said Iran, were many. Air  support\nfollowed."
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    k = T.kwic(arts, "drones", window=1)
    assert k["start"].tolist() == [text.index("drones"), text.index("drones", 10)]
    for r in k.itertuples():
        assert text[r.start : r.end] == r.match
    assert k["left"].tolist() == ["'s", "The"] and k["sent_id"].tolist() == [0, 1]
    phrase = T.kwic(arts, "air support")
    assert phrase["match"].tolist() == ["Air  support"]
    assert phrase["sent_id"].tolist() == [2]
    poss = T.kwic(arts, "iran 's")
    assert poss["match"].tolist() == ["Iran's"]
    assert T.kwic(arts, "iran")["match"].tolist() == ["Iran", "Iran"]
    rx = T.kwic(arts, r"dr\w+s|hit", regex=True, window=0)
    assert rx["match"].tolist() == ["drones", "hit", "drones"]
    assert (rx["left"] == "").all()
    assert T.kwic(arts, "drone*")["match"].tolist() == ["drones", "drones"]
    assert T.kwic(arts, "Drones", case_sensitive=True).empty


def test_kwic_has_no_cap_and_validates():
    arts = pd.DataFrame({"doc_id": ["a"], "text": [" ".join(["war"] * 1500)]})
    assert len(T.kwic(arts, "war", window=2)) == 1500
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "(", regex=True)
    with pytest.raises(ParameterError, match="pattern"):
        T.kwic(arts, "  ")
    with pytest.raises(ParameterError, match="window"):
        T.kwic(arts, "war", window=-1)


def test_kwic_terms_per_term():
    lines = T.kwic_terms(make_articles(), ["zionist regime", "iran"], per_term=2)
    assert lines["term"].tolist() == ["zionist regime"] * 2 + ["iran"] * 2


def naive_kwic(articles: pd.DataFrame, term: str, window: int) -> list[tuple]:
    """KWIC of one term by a loop over articles, tokens and sentences found afresh."""
    import bisect
    import re

    from kit.terms.kwic import phrase_pattern
    from kit.text import TOKEN_RE, split_sentences

    rx = re.compile(phrase_pattern(term), re.IGNORECASE)
    out = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        spans = [t.span() for t in TOKEN_RE.finditer(text)]
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        sents = [s for s, _ in split_sentences(text)]
        for m in rx.finditer(text):
            s, e = m.span()
            before = [t for t in range(len(spans)) if ends[t] <= s][-window:] if window else []
            after = [t for t in range(len(spans)) if starts[t] >= e][:window] if window else []
            left = text[starts[before[0]] : s] if before else ""
            right = text[e : ends[after[-1]]] if after else ""
            sent = max(bisect.bisect_right(sents, s) - 1, 0)
            out.append(
                (
                    term,
                    doc_id,
                    sent,
                    s,
                    e,
                    " ".join(left.split()),
                    text[s:e],
                    " ".join(right.split()),
                )
            )
    return out


@pytest.mark.parametrize("window", [0, 1, 7])
def test_kwic_terms_in_one_pass_equal_a_loop_per_term(window):
    from bench.realistic import articles_frame

    arts = articles_frame(25, words=300)
    terms = ["iran", "israel's", "the united states", "said", "iran 's", "missile*", "zzz"]
    got = T.kwic_terms(arts, terms, window=window, progress=False)
    expected = [row for t in terms for row in naive_kwic(arts, t, window)]
    assert [tuple(r) for r in got.itertuples(index=False)] == expected
    first = T.kwic_terms(arts, terms, window=window, per_term=2, progress=False)
    keep = pd.Series([r[0] for r in expected]).groupby([r[0] for r in expected]).cumcount() < 2
    assert [tuple(r) for r in first.itertuples(index=False)] == [
        r for r, k in zip(expected, keep) if k
    ]
    assert got["term"].tolist()[:1] == ["iran"]
    single = T.kwic(arts, "the united states", window=window, progress=False)
    assert [tuple(r) for r in single.itertuples(index=False)] == [
        r[1:] for r in expected if r[0] == "the united states"
    ]


def test_the_lower_cased_fast_path_finds_what_ignorecase_finds():
    import re

    from kit.terms.kwic import _CASE_EXTRAS, compile_pattern, phrase_pattern

    cases = re._casefix._EXTRA_CASES  # type: ignore[attr-defined]
    extras = {chr(c) for c in cases} | {chr(c) for cs in cases.values() for c in cs}
    assert all(_CASE_EXTRAS.search(c) for c in extras if not c.isascii())
    texts = [
        "IRAN'S drones; Iran’s allies. iRaN-backed, Irán, İran and Iran.",
        "Kılıç said: ıran. Σ ΜΟΣ ſaid SAID Said.",
        "The \u212aelvin sign and KING IRAN's STS'S.",
    ]
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": texts})
    for term in ["iran", "iran 's", "said", "king", "ıran", "İran", "sts"]:
        matcher = compile_pattern(term, False, False)
        rx = re.compile(phrase_pattern(term), re.IGNORECASE)
        expected = [(d, m.span()) for d, t in enumerate(texts) for m in rx.finditer(t)]
        got = T.kwic(arts, term, window=1, progress=False)
        pos = {d: i for i, d in enumerate(arts["doc_id"])}
        assert [(pos[d], (s, e)) for d, s, e in zip(got["doc_id"], got["start"], got["end"])] == (
            expected
        ), term
        assert (matcher.lowered is None) == (term in {"ıran", "İran"})
