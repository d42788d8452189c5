"""Figures: one function per figure, each returning a matplotlib Figure.

One module per analysis (overview, terms, sentiment, rhetoric). Figures are drawn with the
non-interactive Agg backend unless a notebook front end has chosen another.
"""
