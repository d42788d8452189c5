"""Term-frequency analysis: counts, TF-IDF, keyness, collocations, KWIC, dispersion, trends.

Every function takes an articles table (or a table made by another function here) and returns
a DataFrame; :func:`kwic` gives the evidence (the passages) behind any count.
"""

from kit.terms.collocations import collocations
from kit.terms.compare import GroupComparison, compare_groups, key_terms
from kit.terms.counts import bind_tf_idf, count_terms, tf_idf, top_terms
from kit.terms.dispersion import dispersion, dispersion_measures, term_positions
from kit.terms.keyness import keyness
from kit.terms.kwic import kwic, kwic_terms
from kit.terms.parameters import check_parameters
from kit.terms.trends import term_trends

__all__ = [
    "GroupComparison",
    "bind_tf_idf",
    "check_parameters",
    "collocations",
    "compare_groups",
    "count_terms",
    "dispersion",
    "dispersion_measures",
    "key_terms",
    "keyness",
    "kwic",
    "kwic_terms",
    "term_positions",
    "term_trends",
    "tf_idf",
    "top_terms",
]
