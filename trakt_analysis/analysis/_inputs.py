"""What the backlog and the calendar take: a Progress, several, or the frames; and the show keys.

:func:`frames_of` turns any of them into one :class:`Frames` (several users'
frames concatenated); :func:`show_positions` finds the row of the shows frame
each row of a long frame (episodes, history) belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import TraktArgumentError
from ..progress import Progress

__all__ = ["Frames", "frames_of", "show_positions", "today_in"]


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
            progresses: list[Progress] = items  # type: ignore[assignment]
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


def _plain(column: pd.Series) -> np.ndarray:
    values = column.astype(object).to_numpy()
    return np.where(pd.isna(values), None, values)


def show_positions(shows: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """The row position in `shows` of each row of `frame` (int64; -1 when it matches none).

    Rows match within one user on the first id both sides have (Trakt, TVDB,
    IMDb), else on title and year. The work is done once per distinct show of
    `frame`, not per row (a history has 100,000 plays of a few thousand shows).
    """
    out = np.full(len(frame), -1, dtype=np.int64)
    if not len(frame) or not len(shows):
        return out
    columns = ["user", *dict.fromkeys(c for keys in _KEYS for c in keys)]
    present = [c for c in columns if c in frame.columns and c in shows.columns]
    groups = frame.groupby(present, dropna=False, sort=False, observed=True).ngroup()
    group_ids = groups.to_numpy(np.int64)
    first = pd.Series(np.arange(len(frame))).groupby(group_ids, sort=True).first()
    distinct = frame.iloc[first.to_numpy()]
    left = pd.DataFrame({c: _plain(distinct[c]) for c in present})
    right = pd.DataFrame({c: _plain(shows[c]) for c in present})
    right["_pos"] = np.arange(len(shows))
    found = np.full(len(left), -1, dtype=np.int64)
    for keys in _KEYS:
        if not all(k in present for k in keys):
            continue
        on = ["user", *keys] if "user" in present else list(keys)
        todo = (found < 0) & left[list(keys)].notna().all(axis=1).to_numpy()
        if not todo.any():
            continue
        side = right.dropna(subset=list(keys)).drop_duplicates(on, keep="first")
        matched = left.loc[todo, on].merge(side[[*on, "_pos"]], on=on, how="left", sort=False)
        found[todo] = matched["_pos"].fillna(-1).to_numpy(np.int64)
    out[:] = found[group_ids] if len(found) else -1
    return out


def today_in(today: object, zone: str, func: str) -> pd.Timestamp:
    """`today` as a local calendar day (naive midnight); the current day in `zone` when None.

    A time-zone-aware `today` is converted to `zone` first.
    """
    if today is None:
        return pd.Timestamp.now(tz=zone).tz_localize(None).normalize()
    try:
        stamp = pd.Timestamp(today)  # type: ignore[arg-type]
    except (ValueError, TypeError) as exc:
        raise TraktArgumentError(f"{func}: today must be a date, got {today!r}") from exc
    if stamp is pd.NaT:
        raise TraktArgumentError(f"{func}: today must be a date, got {today!r}")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(zone).tz_localize(None)
    return stamp.normalize()
