"""Selecting articles by mask or query, and naming the group column of a ``group_by``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.errors import ParameterError


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
            raise ParameterError(
                name,
                selector,
                "a pandas query over the article columns, "
                f"e.g. \"outlet == 'MENAFN'\" ({type(exc).__name__}: {exc})",
            ) from None
        return np.isin(np.arange(len(articles)), picked.index.to_numpy())
    mask = np.asarray(selector.to_numpy() if isinstance(selector, pd.Series) else selector)
    if mask.dtype != bool or mask.shape != (len(articles),):
        raise ParameterError(
            name,
            f"array of dtype {mask.dtype} and shape {mask.shape}",
            f"a boolean mask with one value per article ({len(articles)}) or a query string",
        )
    return mask


def label_of(group_by) -> str:
    """Column name for the groups of a ``group_by`` parameter."""
    if isinstance(group_by, str):
        return group_by
    if isinstance(group_by, pd.Series) and group_by.name is not None:
        return str(group_by.name)
    return "group"
