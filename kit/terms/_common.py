"""Helpers shared by the term-frequency modules: selecting articles by mask or query."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import ParameterError

PER = 10_000  # rates are per 10,000 tokens


def select_mask(articles: pd.DataFrame, selector, name: str) -> np.ndarray:
    """Turn a boolean mask or a pandas query string into a boolean array over ``articles``.

    Raises
    ------
    ParameterError
        When the query cannot be evaluated or the mask has the wrong length/type.
    """
    if isinstance(selector, str):
        try:
            picked = articles.reset_index(drop=True).query(selector, engine="python")
        except Exception as exc:  # pandas raises many types for a bad expression
            raise ParameterError(name, selector, "a pandas query over the article columns, "
                                 f"e.g. \"outlet == 'MENAFN'\" ({type(exc).__name__}: {exc})"
                                 ) from None
        return np.isin(np.arange(len(articles)), picked.index.to_numpy())
    mask = np.asarray(selector.to_numpy() if isinstance(selector, pd.Series) else selector)
    if mask.dtype != bool or mask.shape != (len(articles),):
        raise ParameterError(name, f"array of dtype {mask.dtype} and shape {mask.shape}",
                             f"a boolean mask with one value per article ({len(articles)}) "
                             "or a query string")
    return mask


def require_column(table: pd.DataFrame, name: str, column) -> None:
    """Raise ParameterError (for parameter ``name``) unless ``column`` is a column of ``table``."""
    if column not in table.columns:
        raise ParameterError(name, column, f"a column of the table ({', '.join(table.columns)})")


def label_of(group_by) -> str:
    """Column name for the groups of a ``group_by`` parameter."""
    if isinstance(group_by, str):
        return group_by
    if isinstance(group_by, pd.Series) and group_by.name is not None:
        return str(group_by.name)
    return "group"
