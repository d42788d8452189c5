"""The one progress bar of kit: ``tqdm.auto`` (a widget in JupyterLab, text in a terminal).

Every long-running function takes ``progress: bool = True`` and passes it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tqdm.auto import tqdm


def progress_bar(
    iterable: Iterable | None = None,
    *,
    progress: bool = True,
    desc: str,
    total: int | None = None,
    unit: str = "it",
    leave: bool = False,
    **options: Any,
) -> Any:
    """Wrap ``iterable`` in a progress bar, or return a bar to ``update`` by hand.

    Parameters
    ----------
    iterable : iterable, optional
        What to iterate over; None gives a bar to advance with ``update(n)``.
    progress : bool
        Show the bar; False makes it a silent pass-through.
    desc : str
        What is being done ("counting terms").
    total : int, optional
        Number of steps, when ``iterable`` has no length.
    unit : str
        Name of one step.
    leave : bool
        Keep the finished bar on screen.
    **options
        Passed to ``tqdm`` (e.g. ``unit_scale=True``).

    Examples
    --------
    >>> sum(progress_bar(range(3), progress=False, desc="adding"))
    3
    """
    return tqdm(
        iterable, total=total, desc=desc, unit=unit, disable=not progress, leave=leave, **options
    )
