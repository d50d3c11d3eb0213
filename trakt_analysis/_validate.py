"""Argument checks shared by the whole toolkit: one message and one error class each.

Every check raises :class:`~trakt_analysis.TraktArgumentError` (a ``ValueError``)
before any work is done, and names the function and what would be valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd

from .errors import TraktArgumentError

__all__ = ["check_choice", "check_frame", "check_positive_int"]

T = TypeVar("T")

#: The frames of a Progress that a function can take in its place.
_PROGRESS_FRAMES = ("shows", "seasons", "episodes", "history")


def check_choice(value: T, choices: Sequence[T], *, name: str, func: str | None = None) -> T:
    """`value` if it is one of `choices`; else an error listing them.

    >>> check_choice("title", ("title", "activity"), name="sort order")
    'title'
    """
    if value not in choices:
        where = f"{func}: " if func else ""
        listed = ", ".join(map(str, choices))
        raise TraktArgumentError(f"{where}unknown {name} {value!r}; choose one of: {listed}")
    return value


def check_frame(
    frame: object, columns: Iterable[str], *, func: str, name: str = "shows"
) -> pd.DataFrame:
    """`frame` if it is a DataFrame holding `columns`; else an error naming the frame wanted.

    A :class:`~trakt_analysis.Progress` stands for its frame called `name`
    (``progress.shows`` for ``name="shows"``), so every public function that
    takes a frame takes a Progress too.
    """
    from .progress import Progress

    if isinstance(frame, Progress) and name in _PROGRESS_FRAMES:
        frame = getattr(frame, name)
        if frame is None:
            raise TraktArgumentError(f"{func}: this Progress has no {name} frame")
    if not isinstance(frame, pd.DataFrame):
        raise TraktArgumentError(
            f"{func}: expected the {name} frame (a pandas DataFrame from load_progress), "
            f"got {type(frame).__name__}"
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise TraktArgumentError(
            f"{func}: the {name} frame lacks column(s) {', '.join(missing)}; "
            f"pass the .{name} frame of load_progress"
        )
    return frame


def check_positive_int(value: object, *, name: str, func: str) -> int:
    """`value` as an int; an error unless it is a whole number >= 1 (bools are refused)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise TraktArgumentError(f"{func}: {name} must be a positive integer, got {value!r}")
    return int(value)
