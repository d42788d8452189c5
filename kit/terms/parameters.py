"""Checks of the term-frequency notebook's parameters, before any counting starts."""

from __future__ import annotations

import pandas as pd

from kit.errors import ParameterError
from kit.text.dtm import check_ngram_range
from kit.text.periods import check_time_unit, group_values


def check_parameters(
    articles: pd.DataFrame,
    *,
    terms=None,
    ngram_range=(1, 1),
    min_count=1,
    group_by: str = "outlet",
    time_unit: str = "day",
    target: str = "",
    reference: str = "",
) -> None:
    """Raise :class:`kit.errors.ParameterError` for the first unusable notebook parameter.

    Examples
    --------
    >>> import pandas as pd
    >>> check_parameters(pd.DataFrame({"outlet": []}), time_unit="decade")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kit.errors.ParameterError: parameter time_unit='decade' cannot be used; expected one of 'day', ...
    """
    if terms is not None and (
        not isinstance(terms, (list, tuple))
        or not all(isinstance(t, str) and t.strip() for t in terms)
        or any(len(t.split()) > 3 for t in terms)
    ):
        raise ParameterError("terms", terms, "a list of words or phrases of at most three words")
    check_ngram_range(ngram_range)
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise ParameterError("min_count", min_count, "an integer >= 1")
    group_values(articles, group_by)  # a column, or a period of published
    check_time_unit(time_unit)
    for name, value in (("target", target), ("reference", reference)):
        if not isinstance(value, str):
            raise ParameterError(name, value, 'a pandas query string, or ""')
