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
