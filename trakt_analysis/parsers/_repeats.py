"""What a list holds twice is read once: one rule for every source.

Offset paging over a list that changes between two pages (API v2), a part of
an export copied beside the original (``watched-history-1 (1).json``) or a
server that repeats itself sends the same thing twice, and it would be counted
twice. Every source keys what it reads by its identity and keeps the first row
of each key:

- a play by its history id (the export's ``watched-history*.json``, API v2's
  ``/users/{id}/history``);
- a show by its Trakt id (``watched-shows*.json``, API v2's watched lists);
- a rating by the rated item: its type, the show's or movie's Trakt id, and
  the season and episode numbers (``ratings-*.json``, ``/sync/ratings``).

A row whose id is missing cannot be told apart from another and is kept. The
repeats dropped are counted in one :class:`~trakt_analysis.TraktDataWarning`
and one provenance note, in the words of :func:`repeats_note`.

>>> repeated({"id": [7, 8, 7, None, None]}, required="id").tolist()
[False, False, True, False, False]
>>> repeats_note("history", 1, "on overlapping pages")
'1 history entry was listed twice (the same history id, on overlapping pages); each is counted once'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

__all__ = ["IDENTITY", "drop_repeated", "repeated", "repeats_note"]

Kind = Literal["history", "shows", "ratings"]

#: What each kind of row is keyed by: the columns, and the one whose absence
#: means "cannot be told apart" (kept); then the words of the note.
IDENTITY: dict[Kind, tuple[tuple[str, ...], str, str, str, str]] = {
    "history": (("id",), "id", "history entry", "history entries", "the same history id"),
    "shows": (("trakt_id",), "trakt_id", "show", "shows", "the same Trakt id"),
    "ratings": (
        ("type", "trakt_id", "season", "episode"),
        "trakt_id",
        "rating",
        "ratings",
        "the same rated item",
    ),
}


def repeated(keys: Mapping[str, Sequence[Any] | Any], *, required: str) -> np.ndarray:
    """True for each row whose key an earlier row holds (the first of each is kept).

    Parameters
    ----------
    keys : mapping of str to array-like
        The key's columns, one value per row (NA where unknown).
    required : str
        A row with NA in this column is never a repeat.
    """
    frame = pd.DataFrame({name: pd.Series(values) for name, values in keys.items()})
    if frame.empty:
        return np.zeros(len(frame), dtype=bool)
    known = frame[required].notna()
    return (frame.duplicated(keep="first") & known).to_numpy(dtype=bool)


def drop_repeated(columns: dict[str, Any], kind: Kind) -> tuple[dict[str, Any], int]:
    """`columns` (arrays of one length) without the repeated rows of `kind`, and how many."""
    names, required, *_ = IDENTITY[kind]
    mask = repeated({name: columns[name] for name in names}, required=required)
    dropped = int(mask.sum())
    if not dropped:
        return columns, 0
    keep = ~mask
    return {key: _take(values, keep) for key, values in columns.items()}, dropped


def _take(values: Any, keep: np.ndarray) -> Any:
    if isinstance(values, list):
        return [value for value, kept in zip(values, keep, strict=True) if kept]
    return values[keep]


def repeats_note(kind: Kind, count: int, where: str = "") -> str:
    """The one sentence for `count` repeats of `kind` dropped (`where`: how they came)."""
    _, _, one, many, by = IDENTITY[kind]
    noun, verb = (one, "was") if count == 1 else (many, "were")
    how = f", {where}" if where else ""
    return f"{count} {noun} {verb} listed twice ({by}{how}); each is counted once"
