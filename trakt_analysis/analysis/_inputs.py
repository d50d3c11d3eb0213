"""What the backlog and the calendar take: a Progress, several, or the frames; and the show keys.

:func:`frames_of` turns any of them into one :class:`Frames` (several users'
frames concatenated); :func:`show_positions` finds the row of the shows frame
each row of a long frame (episodes, history) belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import TraktArgumentError
from ..progress import Progress

__all__ = [
    "Frames",
    "ShowIndex",
    "frames_of",
    "local_midnight",
    "nullable",
    "show_positions",
    "today_in",
]


@dataclass(frozen=True)
class Frames:
    """The frames one analysis needs; the long ones may be missing (None)."""

    shows: pd.DataFrame
    seasons: pd.DataFrame | None
    episodes: pd.DataFrame | None
    history: pd.DataFrame | None
    progress: Progress | None  # the first Progress passed, for its profile zone
    schedule: pd.DataFrame | None = None  # Progress.schedule (announced episodes)


def _concat(frames: list[pd.DataFrame | None]) -> pd.DataFrame | None:
    present = [f for f in frames if f is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return pd.concat(present, ignore_index=True)


def frames_of(data: object, func: str) -> Frames:
    """The frames of `data`: a Progress, a list of them, a shows frame, or a tuple of frames.

    A tuple is ``(shows, seasons, episodes)`` or ``(shows, seasons, episodes,
    history)``, e.g. several users' frames joined with ``pd.concat``.

    Raises
    ------
    TraktArgumentError
        `data` is none of these.
    """
    if isinstance(data, Progress):
        return Frames(data.shows, data.seasons, data.episodes, data.history, data, data.schedule)
    if isinstance(data, pd.DataFrame):
        return Frames(data, None, None, None, None)
    if isinstance(data, Sequence) and not isinstance(data, str) and data:
        items = list(data)
        if all(isinstance(p, Progress) for p in items):
            progresses: list[Progress] = items
            return Frames(
                pd.concat([p.shows for p in progresses], ignore_index=True),
                _concat([p.seasons for p in progresses]),
                _concat([p.episodes for p in progresses]),
                _concat([p.history for p in progresses]),
                progresses[0],
                _concat([p.schedule for p in progresses]),
            )
        if len(items) in (3, 4) and all(
            isinstance(f, pd.DataFrame) or (i == 3 and f is None) for i, f in enumerate(items)
        ):
            history = items[3] if len(items) == 4 else None
            return Frames(items[0], items[1], items[2], history, None)
    raise TraktArgumentError(
        f"{func}: expected a Progress, a list of Progress (several users), the shows frame, "
        f"or a tuple (shows, seasons, episodes[, history]); got {type(data).__name__}"
    )


# How a long frame's row is matched to a show, in order: Trakt's id, TVDB's, IMDb's, then
# title and year. Sources fill different ids (v1 has no Trakt id, the export no TVRage id).
_KEYS: tuple[tuple[str, ...], ...] = (("trakt_id",), ("tvdb_id",), ("imdb_id",), ("title", "year"))


def nullable(values: np.ndarray, missing: np.ndarray, dtype: str) -> Any:
    """`values` as a nullable pandas array of `dtype`, NA where `missing` (never a made-up 0)."""
    out = np.array(values, dtype=object)
    out[missing] = None
    return pd.array(out, dtype=dtype)


def _plain(column: pd.Series) -> np.ndarray:
    values = np.array(column.astype(object).to_numpy(), dtype=object)
    values[pd.isna(values)] = None
    return values


def _distinct_rows(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct combination of `columns`, and each row's combination.

    From integer codes (a categorical's own, else :func:`pandas.factorize`'s), so a
    long frame's compact identity columns are never turned into objects row by row.
    """
    key = np.zeros(len(frame), dtype=np.int64)
    span = 1
    for name in columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy(np.int64) + 1  # NA: 0
            size = len(column.cat.categories) + 1
        else:
            raw, uniques = pd.factorize(column, use_na_sentinel=True)
            codes, size = raw.astype(np.int64) + 1, len(uniques) + 1
        if span * size >= 2**62:  # too many combinations for one int64: renumber first
            _, key = np.unique(key, return_inverse=True)
            span = int(key.max()) + 1 if len(key) else 1
        key = key * size + codes
        span *= size
    # By hashing, not sorting (np.unique): the combinations numbered by first appearance.
    inverse, _ = pd.factorize(key)
    first = pd.Series(inverse).drop_duplicates().index.to_numpy(np.int64)
    return first, inverse.astype(np.int64)


class ShowIndex:
    """Finds the row of the shows frame each row of a long frame belongs to.

    Rows match within one user on the first id both sides have (Trakt, TVDB,
    IMDb), else on title and year. Built once per shows frame; each lookup
    works once per distinct show of the long frame, not per row (a history
    has 100,000 plays of a few thousand shows).
    """

    def __init__(self, shows: pd.DataFrame) -> None:
        self.n = len(shows)
        self.columns = [c for c in _COLUMNS if c in shows.columns]
        values = {c: _plain(shows[c]) for c in self.columns}
        users = values.get("user", np.full(self.n, None, dtype=object))
        self.lookups: list[tuple[tuple[str, ...], dict[tuple[object, ...], int]]] = []
        for keys in _KEYS:
            if not all(k in values for k in keys):
                continue
            columns = [values[k] for k in keys]
            # Rows with every key known (NA is None after _plain); the first row of a key
            # wins: built backwards, so an earlier row overwrites a later one.
            known = np.flatnonzero(~np.any([pd.isna(column) for column in columns], axis=0))
            rows = known[::-1]
            table = dict(
                zip(
                    zip(users[rows], *(column[rows] for column in columns), strict=True),
                    rows.tolist(),
                    strict=True,
                )
            )
            self.lookups.append((keys, table))

    def positions(self, frame: pd.DataFrame) -> np.ndarray:
        """The row position in the shows frame of each row of `frame` (int64; -1: none)."""
        out = np.full(len(frame), -1, dtype=np.int64)
        present = [c for c in self.columns if c in frame.columns]
        if not len(frame) or not self.n or not present:
            return out
        first, group_ids = _distinct_rows(frame, present)
        distinct = frame[present].iloc[first]
        values = {c: _plain(distinct[c]) for c in present}
        users = values.get("user", np.full(len(distinct), None, dtype=object))
        found = np.full(len(distinct), -1, dtype=np.int64)
        for keys, table in self.lookups:
            if not all(k in values for k in keys):
                continue
            todo = np.flatnonzero(found < 0)
            looked_up = zip(users[todo], *(values[k][todo] for k in keys), strict=True)
            found[todo] = np.fromiter(
                (table.get(key, -1) for key in looked_up), np.int64, len(todo)
            )
        return found[group_ids]


_COLUMNS = ("user", *dict.fromkeys(c for keys in _KEYS for c in keys))


def show_positions(shows: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """The row position in `shows` of each row of `frame` (int64; -1 when it matches none).

    See :class:`ShowIndex`; build one to look up several frames.
    """
    return ShowIndex(shows).positions(frame)


def today_in(today: object, zone: str, func: str) -> pd.Timestamp:
    """`today` as a local calendar day (naive midnight); the current day in `zone` when None.

    A time-zone-aware `today` is converted to `zone` first.
    """
    if today is None:
        return pd.Timestamp.now(tz=zone).tz_localize(None).normalize()
    try:
        stamp = pd.Timestamp(today)
    except (ValueError, TypeError) as exc:
        raise TraktArgumentError(f"{func}: today must be a date, got {today!r}") from exc
    if stamp is pd.NaT:
        raise TraktArgumentError(f"{func}: today must be a date, got {today!r}")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(zone).tz_localize(None)
    return stamp.normalize()


def local_midnight(day: pd.Timestamp, zone: str) -> pd.Timestamp:
    """The instant (UTC) local `day` starts in `zone`.

    Where a DST change skips midnight (e.g. America/Santiago), the first
    instant after it; where midnight happens twice, the first.
    """
    return day.tz_localize(zone, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")
