"""Sentence and article scores (kit.sentiment.scoring): VADER, dictionary tone, languages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from kit import sentiment
from kit.errors import ParameterError
from kit.text import language_counts

DATA = Path(__file__).resolve().parents[1] / "data" / "dictionaries"


def test_sentence_scores_are_vadersentiment_on_each_sentence(scored):
    arts, sents = scored
    texts = dict(zip(arts["doc_id"], arts["text"]))
    assert len(sents) > 20 and set(sents["doc_id"]) == set(arts["doc_id"])
    analyzer = SentimentIntensityAnalyzer()
    for row in sents.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text
        ref = analyzer.polarity_scores(row.text)
        assert (row.neg, row.neu, row.pos, row.compound) == (
            ref["neg"],
            ref["neu"],
            ref["pos"],
            ref["compound"],
        )
    assert sents["score"].equals(sents["compound"])


def test_non_english_articles_are_skipped_and_counted(scored):
    arts, _ = scored
    mixed = arts.copy()
    mixed.loc[mixed["doc_id"] == "syn1", "language"] = "fr"
    before = mixed.copy()
    sents = sentiment.score_sentences(mixed)
    pd.testing.assert_frame_equal(mixed, before)
    assert "syn1" not in set(sents["doc_id"])
    report = language_counts(mixed).set_index("language")
    assert report.loc["fr", "n_articles"] == 1 and not report.loc["fr", "lexicons_apply"]
    assert report.loc["en", "n_articles"] == 5 and report.loc["en", "lexicons_apply"]


def test_article_aggregates_by_hand():
    s = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "n_tokens": [10, 5, 5, 4],
            "score": [0.05, -0.05, 0.0, 0.6],
        }
    )
    out = sentiment.aggregate_articles(s).set_index("doc_id")
    assert out.loc["a", "n_sentences"] == 3 and out.loc["a", "n_tokens"] == 20
    assert out.loc["a", "mean_score"] == pytest.approx(0.0)
    assert out.loc["a", "weighted_score"] == pytest.approx((0.5 - 0.25) / 20)
    assert out.loc["a", "share_positive"] == pytest.approx(1 / 3)  # 0.05 counts as positive
    assert out.loc["a", "share_negative"] == pytest.approx(1 / 3)  # -0.05 counts as negative
    assert out.loc["b", "weighted_score"] == pytest.approx(0.6)


def test_document_level_scores_the_whole_text(scored):
    arts, sents = scored
    doc = sentiment.score_articles(arts, level="document").set_index("doc_id")
    ref = SentimentIntensityAnalyzer().polarity_scores(arts.loc[0, "text"])
    assert doc.loc["seed", "compound"] == ref["compound"]
    agg = sentiment.score_articles(arts, sentence_scores=sents)
    assert agg["n_sentences"].sum() == len(sents)
    with pytest.raises(ParameterError, match="level"):
        sentiment.score_articles(arts, level="paragraph")
    with pytest.raises(ParameterError, match="level"):
        sentiment.score_articles(arts, level="document", method=DATA / "tone.tsv")


def test_dictionary_tone_by_hand():
    arts = pd.DataFrame(
        {
            "doc_id": ["a"],
            "language": ["en"],
            "text": [
                "A terrible attack. Leaders welcomed the ceasefire. Not bad, not good. Good, good, bad."
            ],
        }
    )
    out = sentiment.score_sentences(arts, method=str(DATA / "tone.tsv"))
    # positive + neg_negative vs negative + neg_positive, (P - N) / (P + N)
    assert out["score"].tolist() == [-1.0, 1.0, 0.0, pytest.approx(1 / 3)]
    assert out["matches"].tolist()[:3] == [
        "negative: terrible; negative: attack",
        "positive: welcomed",
        "neg_negative: Not bad; neg_positive: not good",
    ]
    with pytest.raises(ParameterError, match="'positive' and 'negative' categories"):
        sentiment.score_sentences(arts, method=str(DATA / "mini.yml"))
    with pytest.raises(ParameterError, match="method='vadr'"):
        sentiment.score_sentences(arts, method="vadr")


def test_files_are_found_relative_to_the_project_root(tmp_path, monkeypatch, scored):
    arts, sents = scored
    monkeypatch.chdir(tmp_path)  # as in a notebook, whose working folder is notebooks/
    out = sentiment.score_sentences(arts.iloc[:1], method="tests/data/dictionaries/tone.tsv")
    assert len(out) == (sents["doc_id"] == "seed").sum()
    rows = sentiment.actor_sentences(arts, sents, actors="kit/lexicons/actors.yml")
    assert len(rows) == len(sentiment.actor_sentences(arts, sents))
