"""Readers of gold sets: brat standoff attributions and frame coding TSVs."""

from __future__ import annotations

import pytest

from kit.errors import ParameterError
from kit.rhetoric.gold import gold_kind, read_brat_attributions, read_frame_gold


def test_brat_folder_gives_articles_and_relations(tmp_path):
    text = 'The Post reports that it rained. "We got wet," she said.'
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    ann = (
        "T1\tSource 0 8\tThe Post\n"
        "T2\tCue 9 16\treports\n"
        "T3\tContent 17 32\tthat it rained.\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
        'T4\tContent 33 46;47 47\t"We got wet,"\n'
        "T5\tCue 51 55\tsaid\n"
        "E2\tAttribution-no-source:T5 Content:T4 Cue:T5\n"
    )
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_zz99.ann").write_text("", encoding="utf-8")
    articles, gold = read_brat_attributions(tmp_path)
    assert articles["doc_id"].tolist() == ["doc1"]
    assert gold["kind"].tolist() == ["indirect", "direct"]
    assert gold.loc[0, "source_spans"] == [(0, 8)] and gold.loc[1, "source_spans"] == []
    assert gold.loc[1, "content_spans"] == [(33, 46), (47, 47)]


def test_gold_kind_from_quotation_marks():
    text = "He said \u201cwe won\u201d and that ''it was close'' in the end."
    assert gold_kind(text, [(8, 16)]) == "direct"
    assert gold_kind(text, [(0, len(text))]) == "mixed"
    assert gold_kind("it rained", [(0, 9)]) == "indirect"


def test_frame_tsv(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("ID\tsource\ttext\tCO\tEC\n1\tX\tA war.\tTrue\tFalse)\n", encoding="utf-8")
    articles, gold = read_frame_gold(path)
    assert articles["text"].tolist() == ["A war."]
    assert gold[["conflict", "economic"]].values.tolist() == [[True, False]]


def test_frame_tsv_needs_frame_columns(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("ID\ttext\n1\tA war.\n", encoding="utf-8")
    with pytest.raises(ParameterError):
        read_frame_gold(path)
