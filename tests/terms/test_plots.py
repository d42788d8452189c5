"""Figures of the term-frequency analysis (kit.plots.terms)."""

from __future__ import annotations

import kit.terms as T
from tests.helpers import make_articles


# ---------------------------------------------------------------- plots
def test_plots_return_figures():
    from matplotlib.figure import Figure

    import kit.plots.terms as P

    arts = make_articles()
    figs = [
        P.plot_top_terms(T.count_terms(arts, group_by="outlet"), group_by="outlet"),
        P.plot_keyness(T.keyness(arts, "outlet == 'MENAFN'")),
        P.plot_dispersion(T.term_positions(arts, ["iran", "said"])),
        P.plot_trends(T.term_trends(arts, ["iran"], group_by="outlet"), group_by="outlet"),
        P.plot_collocations(T.collocations(arts)),
        P.plot_collocations(T.collocations(arts, min_freq=99)),
    ]
    assert all(isinstance(f, Figure) for f in figs)


def test_top_terms_draw_at_most_a_dozen_groups_the_largest():
    import kit.plots.terms as P
    from tests.helpers import articles_from

    texts = [" ".join(["drones"] * (i + 1)) + " hit." for i in range(30)]
    arts = articles_from(texts, outlets=[f"Outlet {i:02d}" for i in range(30)])
    fig = P.plot_top_terms(T.count_terms(arts, group_by="outlet"), group_by="outlet")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titles) == P.MAX_PANELS
    assert set(titles) == {f"Outlet {i:02d}" for i in range(30 - P.MAX_PANELS, 30)}  # the longest
    assert "12 of 30 groups" in fig.texts[0].get_text()
