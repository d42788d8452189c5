"""Overview measures (kit.overview), their figures, and notebook 01's parameter errors."""

from __future__ import annotations

import nbformat
import pandas as pd
import papermill
import pytest
from matplotlib.figure import Figure
from papermill.exceptions import PapermillExecutionError

from kit import overview
from kit.errors import ParameterError
from kit.overview.measures import EVIDENCE_COLUMNS
from kit.plots import overview as plots
from kit.runs.execute import KERNEL_NAME
from tests.helpers import ROOT, make_articles

NOTEBOOK = ROOT / "notebooks" / "01_corpus_overview.ipynb"


@pytest.fixture
def with_copies():
    """The six articles plus two duplicate copies: syn5 copies syn3, syn6 copies the seed."""
    arts = make_articles()
    copies = arts.iloc[[3, 0]].copy()
    copies["doc_id"] = ["syn5copy", "seedcopy"]
    copies["outlet"] = ["Tehran Times", "MENAFN"]
    copies["duplicate_of"] = ["syn3", "seed"]
    copies["language"] = ["fr", "fr"]  # hand-made, to give a second language
    return pd.concat([arts, copies], ignore_index=True)


def test_articles_per_day_fills_gaps_and_counts_by_outlet(articles):
    # Hand count (UTC days): 14th seed; 15th syn1, syn3; 16th syn2, syn4; 17th syn5.
    per_day = overview.articles_per_day(articles)
    assert per_day.values.tolist() == [
        ["2024-04-14", 1],
        ["2024-04-15", 2],
        ["2024-04-16", 2],
        ["2024-04-17", 1],
    ]
    by_outlet = overview.articles_per_day(articles, group_by="outlet")
    assert len(by_outlet) == 4 * 3 and by_outlet["n_articles"].sum() == 6
    guardian = by_outlet[by_outlet["outlet"] == "The Guardian"]["n_articles"].tolist()
    assert guardian == [0, 1, 1, 1]
    gap = articles[articles["doc_id"].isin(["seed", "syn5"])]
    assert overview.articles_per_day(gap)["n_articles"].tolist() == [1, 0, 0, 1]


def test_undated_articles_are_not_counted_per_day(articles):
    undated = articles.copy()
    undated.loc[0, "published"] = pd.NaT
    assert overview.articles_per_day(undated)["n_articles"].sum() == 5
    summary = dict(overview.corpus_summary(undated).values)
    assert summary["undated articles"] == "1"
    assert overview.articles_per_day(undated.iloc[:1]).empty


def test_articles_per_outlet(articles):
    table = overview.articles_per_outlet(articles)
    assert table["outlet"].tolist() == ["The Guardian", "Tehran Times", "MENAFN"]
    assert table["n_articles"].tolist() == [3, 2, 1]
    assert table["share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
    words = articles.groupby("outlet")["n_words"].median()
    assert table.set_index("outlet")["median_words"].to_dict() == pytest.approx(words.to_dict())
    assert str(table.loc[0, "last_published"]) == "2024-04-17 00:00:00+00:00"


def test_length_summary_and_histogram(articles):
    summary = overview.length_summary(articles).set_index("outlet")
    words = articles["n_words"]
    assert summary.loc["(all)", "n_articles"] == 6
    assert summary.loc["(all)", "median"] == words.median()
    assert summary.loc["(all)", "q1"] == words.quantile(0.25)
    assert summary.loc["(all)", "max"] == words.max() and summary.loc["(all)", "min"] == words.min()
    hist = overview.length_histogram(articles, bins=4)
    assert hist["n_articles"].sum() == 6 and len(hist) == 4
    assert hist["words_from"].iloc[0] == words.min() and hist["words_to"].iloc[-1] == words.max()
    assert overview.length_histogram(articles.iloc[:1])["n_articles"].tolist() == [1]
    with pytest.raises(ParameterError, match="bins"):
        overview.length_histogram(articles, bins=0)


def test_duplicates(with_copies):
    by_outlet = overview.duplicates_by_outlet(with_copies).set_index("outlet")
    assert by_outlet["n_duplicates"].to_dict() == {
        "MENAFN": 1,
        "Tehran Times": 1,
        "The Guardian": 0,
    }
    assert by_outlet.loc["MENAFN", "share_duplicates"] == 0.5
    pairs = overview.duplicate_pairs(with_copies)
    assert pairs[["doc_id", "duplicate_of", "original_outlet"]].values.tolist() == [
        ["seedcopy", "seed", "MENAFN"],
        ["syn5copy", "syn3", "The Guardian"],
    ]
    # A copy whose original is outside the selection keeps NA original fields.
    lonely = overview.duplicate_pairs(with_copies[with_copies["doc_id"] != "syn3"])
    assert lonely.set_index("doc_id").loc["syn5copy", "original_outlet"] is pd.NA


def test_language_counts_flag_lexicon_languages(with_copies):
    langs = overview.language_counts(with_copies)
    assert langs[["language", "n_articles", "lexicons_apply"]].values.tolist() == [
        ["en", 6, True],
        ["fr", 2, False],
    ]
    assert langs["share"].sum() == pytest.approx(1.0)


def test_article_list_is_the_evidence_of_the_counts(articles):
    evidence = overview.article_list(articles)
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    per_day = overview.articles_per_day(articles)
    assert (
        evidence.groupby("date").size().to_dict()
        == per_day[per_day["n_articles"] > 0].set_index("date")["n_articles"].to_dict()
    )
    assert evidence["doc_id"].tolist()[0] == "seed"


def test_measures_do_not_mutate_their_input(with_copies):
    before = with_copies.copy()
    for func in (
        overview.articles_per_day,
        overview.articles_per_outlet,
        overview.length_summary,
        overview.duplicates_by_outlet,
        overview.duplicate_pairs,
        overview.language_counts,
        overview.corpus_summary,
        overview.article_list,
    ):
        func(with_copies)
    pd.testing.assert_frame_equal(with_copies, before)


def test_figures(with_copies):
    figures = [
        plots.plot_articles_per_day(overview.articles_per_day(with_copies, group_by="outlet")),
        plots.plot_articles_per_outlet(overview.articles_per_outlet(with_copies)),
        plots.plot_length_distribution(with_copies),
        plots.plot_duplicates(overview.duplicates_by_outlet(with_copies)),
        plots.plot_languages(overview.language_counts(with_copies)),
    ]
    assert all(isinstance(f, Figure) for f in figures)
    day_bars = [p.get_height() for p in figures[0].axes[0].patches]
    assert sum(day_bars) == len(with_copies)  # stacked bars add up to every dated article
    assert [p.get_hatch() for p in figures[4].axes[0].patches] == [None, "//"]
    empty = plots.plot_articles_per_day(overview.articles_per_day(with_copies.iloc[:0]))
    assert empty.axes[0].texts[0].get_text() == "no dated articles"


@pytest.mark.slow
@pytest.mark.parametrize(
    "parameters, name, needle",
    [
        ({"date_from": "2025-01-01"}, "date_from/date_to/outlets/languages", "keeps at least one"),
        ({"corpus": "missing/articles.parquet"}, "corpus", "missing/articles.parquet"),
    ],
    ids=["empty-date-window", "missing-corpus"],
)
def test_notebook_stops_at_first_code_cell_on_bad_parameters(parameters, name, needle, tmp_path):
    corpus = tmp_path / "articles.parquet"
    make_articles().to_parquet(corpus, index=False)
    output = tmp_path / "out.ipynb"
    with pytest.raises(PapermillExecutionError) as info:
        papermill.execute_notebook(
            str(NOTEBOOK),
            str(output),
            parameters={"corpus": str(corpus), "output_dir": str(tmp_path), **parameters},
            kernel_name=KERNEL_NAME,
            progress_bar=False,
        )
    assert info.value.ename == "ParameterError"
    assert f"parameter {name}=" in info.value.evalue and needle in info.value.evalue
    executed = nbformat.read(output, as_version=4)
    first_code = next(
        i
        for i, c in enumerate(executed.cells)
        if c.cell_type == "code" and "open_corpus(" in c.source
    )
    assert info.value.exec_count == executed.cells[first_code].execution_count
    assert not (tmp_path / "tables").exists(), "nothing is saved after a parameter error"


def test_articles_per_period_chooses_the_unit_from_the_span(articles):
    long = articles.copy()
    long["published"] = pd.to_datetime(
        ["2004-11-13", "2010-01-01", "2010-06-30", "2015-05-05", "2023-02-23", "2023-02-23"],
        utc=True,
    )
    per = overview.articles_per_period(long, group_by="outlet")
    assert per.attrs["time_unit"] == "year"
    assert set(per["time_unit"]) == {"year"}
    n_outlets = long["outlet"].nunique()
    assert len(per) == 20 * n_outlets  # 2004..2023, every outlet in every year
    assert per["n_articles"].sum() == len(long)
    assert per.groupby("period")["n_articles"].sum()["2023-01-01"] == 2
    # a short span stays per day and matches articles_per_day
    short = overview.articles_per_period(articles)
    assert short.attrs["time_unit"] == "day"
    assert (
        short["n_articles"].tolist() == overview.articles_per_day(articles)["n_articles"].tolist()
    )
    with pytest.raises(ParameterError):
        overview.articles_per_period(articles, time_unit="fortnight")


def test_plot_articles_per_period_draws_one_bar_per_period(articles):
    long = articles.copy()
    long["published"] = pd.date_range("2004-01-01", "2023-12-31", periods=len(long), tz="UTC")
    per = overview.articles_per_period(long)
    fig = plots.plot_articles_per_period(per)
    ax = fig.axes[0]
    assert len(ax.patches) == 20  # one bar per year, not one per day of the span
    assert ax.get_xlabel() == "year (UTC)"
    assert ax.get_xticklabels()[0].get_text() == "2004"
    weekly = overview.articles_per_period(long, time_unit="week")
    assert len(plots.plot_articles_per_period(weekly).axes[0].get_xticklabels()) <= (
        plots.MAX_LABELS
    )


def test_plot_articles_per_period_groups_many_outlets_as_other(articles):
    many = pd.concat([articles] * 3, ignore_index=True)
    many["outlet"] = [f"outlet {i:02d}" for i in range(len(many))]
    fig = plots.plot_articles_per_period(
        overview.articles_per_period(many, group_by="outlet"), group_by="outlet"
    )
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == plots.MAX_GROUPS
    assert labels[-1] == "other"
