"""Text for labels: titles shortened with an ellipsis."""

from __future__ import annotations

import pandas as pd

__all__ = ["ELLIPSIS", "shorten"]

ELLIPSIS = "…"


def shorten(text: object, width: int = 32) -> str:
    """Shorten `text` to at most `width` characters, ending in an ellipsis when cut.

    Parameters
    ----------
    text : object
        The text; NA or ``None`` gives ``"?"``.
    width : int
        Maximum length of the result, ellipsis included (at least 2).

    Examples
    --------
    >>> shorten("The Extraordinarily Long-Running Chronicles", 20)
    'The Extraordinarily…'
    """
    if text is None or (pd.api.types.is_scalar(text) and pd.isna(text)):
        return "?"
    text = str(text)
    width = max(2, int(width))
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + ELLIPSIS
