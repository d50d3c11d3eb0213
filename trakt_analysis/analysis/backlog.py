"""The backlog planner: hours left per show, your pace, a finish date and the show's state.

:func:`backlog` is a function from frames to a frame, like the rest of
:mod:`trakt_analysis.analysis`: the charts, the report, the CLI and the
explorer only format what it returns. Every rule is in its docstring and in
``docs/backlog.md``; ``today`` and ``tz`` make the result reproducible.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from .._validate import check_frame
from ..errors import TraktArgumentError
from ..sources.completion import show_runtimes
from ._inputs import (
    Frames,
    ShowIndex,
    frames_of,
    local_midnight,
    nullable,
    today_in,
)
from .history import watched_at
from .summary import shows_hidden, shows_left
from .timezone import resolve_timezone

__all__ = [
    "BACKLOG_COLUMNS",
    "BACKLOG_STATES",
    "DROPPED_AFTER",
    "PACE_MIN_PLAYS",
    "PACE_WINDOW",
    "STALLED_AFTER",
    "STATE_LABELS",
    "backlog",
    "done_states",
    "hours_left_total",
    "plan",
    "show_ended",
    "shows_ended",
    "shows_hours_left",
]

#: The states of :func:`backlog`, in the order the report lists them.
BACKLOG_STATES: tuple[str, ...] = (
    "watching",
    "stalled",
    "dropped",
    "caught_up",
    "finished",
    "not_started",
    "unknown",
)
#: How each state is written for people.
STATE_LABELS: dict[str, str] = {
    "watching": "watching",
    "stalled": "stalled",
    "dropped": "dropped",
    "caught_up": "caught up",
    "finished": "finished",
    "not_started": "not started",
    "unknown": "unknown",
}
#: The pace is taken over the plays of this many local days up to ``today``...
PACE_WINDOW = pd.Timedelta(days=28)
#: ... from the show's own plays when it has at least this many there, else from all shows.
PACE_MIN_PLAYS = 3

#: The default thresholds of :func:`backlog`.
STALLED_AFTER = pd.Timedelta(days=30)
DROPPED_AFTER = pd.Timedelta(days=180)

#: Columns of :func:`backlog`, after the identity columns.
BACKLOG_COLUMNS: tuple[str, ...] = (
    "aired",
    "completed",
    "left",
    "hours_left",
    "last_played",
    "days_since",
    "pace",
    "pace_from",
    "finish_date",
    "state",
    "note",
)

# Trakt's and TVmaze's show statuses that mean no more episodes will come.
_ENDED = frozenset({"ended", "canceled", "cancelled"})


def show_ended(shows: pd.DataFrame) -> np.ndarray:
    """Per show: 1.0 ended (or canceled), 0.0 not ended, NaN unknown (no ``status``, or NA).

    Reads the shows frame's ``status`` column (Trakt's ``status`` or TVmaze's,
    any case): ``ended``/``canceled`` end a show; any other known status
    (``returning series``, ``continuing``, ``running``, ...) does not.
    """
    if "status" not in shows.columns:
        return np.full(len(shows), np.nan)
    values = shows["status"].astype(object).to_numpy()
    out = np.full(len(values), np.nan)
    for i, value in enumerate(values):
        if isinstance(value, str) and value.strip():
            out[i] = 1.0 if value.strip().casefold() in _ENDED else 0.0
    return out


def shows_ended(
    shows: pd.DataFrame, schedule: pd.DataFrame | None = None, index: ShowIndex | None = None
) -> np.ndarray:
    """:func:`show_ended`, where an announced episode to come says "not ended".

    An episode of `schedule` (``Progress.schedule``: announced episodes to
    come) makes a show of unknown status not ended (0.0). The rule
    :func:`backlog` and :func:`~trakt_analysis.plot_backlog` share; `index` is
    the :class:`ShowIndex` of `shows`, when the caller has one.
    """
    ended = show_ended(shows)
    if schedule is not None and len(schedule):
        # Announced episodes to come: the show has not ended, whatever its status says not.
        announced = (index or ShowIndex(shows)).positions(schedule)
        coming = np.zeros(len(ended), dtype=bool)
        coming[announced[announced >= 0]] = True
        ended[coming & np.isnan(ended)] = 0.0
    return ended


def done_states(ended: np.ndarray) -> np.ndarray:
    """The :func:`backlog` state of a show with every aired episode watched, per show.

    From :func:`show_ended`'s values: ``"finished"`` (ended), ``"caught_up"``
    (not ended), ``"unknown"`` (whether it ended is unknown: never taken as
    finished). An object array of the length of `ended`.
    """
    return np.where(ended == 1, "finished", np.where(ended == 0, "caught_up", "unknown"))


def _threshold(value: object, name: str) -> pd.Timedelta:
    try:
        delta = pd.Timedelta(value)
    except (ValueError, TypeError) as exc:
        raise TraktArgumentError(
            f"backlog: {name} must be a duration such as '30D', got {value!r}"
        ) from exc
    if delta is pd.NaT or delta <= pd.Timedelta(0):
        raise TraktArgumentError(f"backlog: {name} must be a positive duration, got {value!r}")
    return delta


def _floats(column: pd.Series | None, n: int) -> np.ndarray:
    if column is None:
        return np.full(n, np.nan)
    # A copy: a Float64 column's to_numpy would share the frame's memory, and callers write.
    return pd.to_numeric(column, errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan, copy=True
    )


def _unwatched_minutes(
    frames_episodes: pd.DataFrame | None,
    seasons: pd.DataFrame | None,
    shows: pd.DataFrame,
    pos: np.ndarray,
    aired_before: pd.Timestamp,
    index: ShowIndex,
) -> tuple[np.ndarray, np.ndarray]:
    """Per show: the minutes of its unwatched aired episodes with a known runtime, and how many.

    Counted as ``left`` counts: seasons above 0, not hidden; an episode whose
    air time is known to be at or after `aired_before` has not aired.
    """
    n = len(shows)
    minutes = np.zeros(n)
    counted = np.zeros(n, dtype=np.int64)
    episodes = frames_episodes
    if episodes is None or not len(episodes) or "watched" not in episodes.columns:
        return minutes, counted
    keep = (pos >= 0) & ~episodes["watched"].astype("boolean").fillna(True).to_numpy(bool)
    keep &= episodes["season"].to_numpy(np.int64) > 0
    if "first_aired" in episodes.columns:
        aired = pd.to_datetime(episodes["first_aired"], utc=True)
        keep &= ~(aired >= aired_before).fillna(False).to_numpy(bool)
    if seasons is not None and len(seasons) and "hidden" in seasons.columns:
        hidden = seasons[seasons["hidden"].astype("boolean").fillna(False).to_numpy(bool)]
        if len(hidden):
            s_pos = index.positions(hidden)
            pairs = pd.MultiIndex.from_arrays([s_pos, hidden["season"].to_numpy(np.int64)])
            rows = pd.MultiIndex.from_arrays([pos, episodes["season"].to_numpy(np.int64)])
            keep &= ~rows.isin(pairs)
    runtime = _floats(episodes.get("runtime"), len(episodes))
    known = keep & (runtime > 0)
    minutes += np.bincount(pos[known], weights=runtime[known], minlength=n)
    counted += np.bincount(pos[known], minlength=n)
    return minutes, counted


def _hours_left(
    left: np.ndarray, minutes: np.ndarray, counted: np.ndarray, show_runtime: np.ndarray
) -> np.ndarray:
    """Hours of the episodes left: known episode runtimes, the rest at the show's runtime."""
    with np.errstate(invalid="ignore", divide="ignore"):
        # More known rows than `left` (e.g. the counts leave out a season the rows hold):
        # scale the known minutes to `left` episodes.
        scaled = np.where(counted > left, minutes * left / np.maximum(counted, 1), minutes)
        missing = np.maximum(left - counted, 0)
        rest = np.where(missing > 0, missing * show_runtime, 0.0)
        hours = (scaled + rest) / 60
    hours[np.isnan(left)] = np.nan
    hours[left == 0] = 0.0
    return hours


def shows_hours_left(shows: pd.DataFrame) -> np.ndarray:
    """Hours left per show from the shows frame alone (float, NaN = unknown).

    Its ``hours_left`` column where it has one (the frame of :func:`backlog`),
    else ``left`` x the show's ``runtime`` column (minutes): NaN when either
    is unknown, 0 only when nothing is left. :func:`backlog` is more precise:
    it also reads each unwatched episode's runtime.
    """
    n = len(shows)
    if "hours_left" in shows.columns:
        return _floats(shows["hours_left"], n)
    runtime = _floats(shows.get("runtime"), n)
    runtime[~(runtime > 0)] = np.nan
    return _hours_left(shows_left(shows), np.zeros(n), np.zeros(n, dtype=np.int64), runtime)


def hours_left_total(plan: pd.DataFrame) -> tuple[float | None, int]:
    """The hours left over all shows of `plan` and how many shows' hours are unknown.

    Parameters
    ----------
    plan : pandas.DataFrame
        The frame of :func:`backlog` (its ``hours_left`` and ``left`` columns).

    Returns
    -------
    (float or None, int)
        The sum of the known ``hours_left`` (hours), and the shows whose
        ``hours_left`` is NA. The sum is None (unknown, never 0) when some
        show's hours are unknown and no show with episodes left has known
        hours: the 0 h of the shows with nothing left is no total of what is
        left to watch.
    """
    hours = _floats(plan["hours_left"], len(plan))
    unknown = int(np.isnan(hours).sum())
    if unknown and not (hours > 0).any():
        return None, unknown
    return float(np.nansum(hours)), unknown


def backlog(
    data: object,
    *,
    today: object = None,
    tz: object = None,
    stalled_after: str | pd.Timedelta = "30D",
    dropped_after: str | pd.Timedelta = "180D",
) -> pd.DataFrame:
    """Per show: episodes and hours left, your pace, a finish date, and its state.

    Parameters
    ----------
    data : Progress, list of Progress, pandas.DataFrame or tuple
        A :class:`~trakt_analysis.Progress` (its shows, seasons, episodes and
        history), a list of them (several users), the shows frame alone, or
        ``(shows, seasons, episodes[, history])`` (e.g. several users' frames
        joined with ``pd.concat``).
    today : date-like, optional
        The day the plan is made on (a local calendar day in `tz`); default:
        today in `tz`. Pass it for a reproducible result.
    tz : str, optional
        IANA time zone of the days; default: the profile's, else the
        machine's (see :func:`~trakt_analysis.resolve_timezone`).
    stalled_after, dropped_after : str or pandas.Timedelta
        A show in progress with no play for longer than this is ``stalled``,
        or ``dropped`` (``dropped_after`` at least ``stalled_after``).

    Returns
    -------
    pandas.DataFrame
        One row per show (and user), with the shows frame's index and order.
        Columns: the identity columns, then

        - ``aired``, ``completed``, ``left`` (Int64, episodes): the source's
          counts (specials and hidden seasons excluded, as Trakt counts);
          ``left`` is ``aired - completed`` where only ``left`` is NA.
          Announced episodes that have not aired are never in ``left``.
        - ``hours_left`` (Float64): the runtimes of the unwatched aired
          episodes where the episodes frame has them; each other episode left
          at the show's runtime (the shows frame's ``runtime``, else the
          median of its episodes' runtimes). NA when a runtime needed is
          unknown or ``left`` is; 0 only when nothing is left.
        - ``last_played`` (datetime, local in `tz`): the show's last episode
          play in the history up to the end of `today` (later plays are left
          out: the plan is made as on that day); without a history, its
          ``last_watched_at``;
          NaT when unknown.
        - ``days_since`` (Int64): local calendar days from ``last_played`` to `today`.
        - ``pace`` (Float64, episodes per week) and ``pace_from`` (``"show"``
          or ``"overall"``): the show's episode plays in the
          :data:`PACE_WINDOW` (28 local days) up to and including `today`,
          per week, when there are at least :data:`PACE_MIN_PLAYS` (3);
          else your overall pace per show: the user's episode plays in that
          window divided by the shows they played there, per week (0 when
          they played nothing). NA without a history (API v1).
        - ``finish_date`` (datetime64, a local day): `today` plus the days
          ``left`` takes at ``pace`` (rounded up), for shows being watched
          (state ``watching``); NaT otherwise, or when ``left``, or the
          pace, is unknown or 0.
        - ``state`` (categorical of :data:`BACKLOG_STATES`), the first rule that holds:

          1. everything aired watched (``left`` 0, ``completed`` > 0):
             ``finished`` when the show's ``status`` is ended or canceled,
             ``caught_up`` when it is known not to be ended (its ``status``
             says so, or ``Progress.schedule`` announces more episodes),
             else ``unknown``;
          2. ``dropped``: hidden or dropped on Trakt (the shows frame's
             ``hidden`` is true);
          3. ``not_started``: nothing watched (``completed`` 0);
          4. started with episodes left, by the last play: ``dropped`` when
             more than `dropped_after` ago, ``stalled`` when more than
             `stalled_after` ago, else ``watching``; ``unknown`` when the
             last play is unknown;
          5. ``unknown``: a count the state needs is NA (never a guess).

        - ``note`` (str, NA when there is nothing to say): why a state or a
          count may puzzle: ``"season 1 hidden on Trakt (not counted)"`` (its
          episodes are in neither ``aired`` nor ``completed``, so a show whose
          plays are all in it is ``not_started``), and for state ``unknown``
          which fact is missing (``"every aired episode watched; whether the
          show has ended is unknown"``, ``"episode counts unknown"``,
          ``"last play unknown"``); a show ``dropped`` for being hidden says
          ``"hidden from progress on Trakt"``; a show ``not_started`` whose
          plays are all of specials (season 0, never counted) says ``"only
          specials played (season 0 is not counted)"``.

        ``attrs``: ``timezone`` (the zone), ``today`` (the day, a Timestamp).

    Raises
    ------
    TraktArgumentError
        Bad `data`, `today`, `tz` or thresholds.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> plan = ta.backlog(ta.load_demo(), today="2026-08-01", tz="Europe/Berlin")
    >>> plan.loc[plan["state"] == "watching", ["title", "left", "finish_date"]]  # doctest: +SKIP
    """
    frames = frames_of(data, "backlog")
    check_frame(frames.shows, ("user", "title", "year"), func="backlog")
    stalled = _threshold(stalled_after, "stalled_after")
    dropped = _threshold(dropped_after, "dropped_after")
    if dropped < stalled:
        raise TraktArgumentError(
            f"backlog: dropped_after ({dropped_after!r}) must be at least stalled_after "
            f"({stalled_after!r})"
        )
    zone = resolve_timezone(tz, frames.progress)
    return plan(frames, today_in(today, zone, "backlog"), zone, stalled, dropped)


def plan(
    frames: Frames,
    day: pd.Timestamp,
    zone: str,
    stalled: pd.Timedelta = STALLED_AFTER,
    dropped: pd.Timedelta = DROPPED_AFTER,
    index: ShowIndex | None = None,
    *,
    with_hours: bool = True,
) -> pd.DataFrame:
    """:func:`backlog` of checked arguments: `day` a local day, `zone` a checked zone.

    `index` is the :class:`ShowIndex` of ``frames.shows``, when the caller has one;
    ``with_hours=False`` leaves ``hours_left`` NA (the states do not need it).
    """
    shows = frames.shows
    start_of_today = local_midnight(day, zone)
    end_of_today = local_midnight(day + pd.Timedelta(days=1), zone)
    n = len(shows)
    aired = _floats(shows.get("aired"), n)
    completed = _floats(shows.get("completed"), n)
    left = shows_left(shows)

    episodes = frames.episodes
    index = index or ShowIndex(shows)
    e_pos = None
    if with_hours:
        e_pos = index.positions(episodes) if episodes is not None else np.zeros(0, np.int64)
        minutes, counted = _unwatched_minutes(
            episodes, frames.seasons, shows, e_pos, start_of_today, index
        )
        hours = _hours_left(left, minutes, counted, show_runtimes(shows, episodes, e_pos))
    else:  # the caller wants the states only (upcoming)
        hours = np.full(n, np.nan)

    plays = _episode_plays(frames.history, index)
    last_ns, pace, pace_from = _plays(plays, shows, zone, day, end_of_today)
    if frames.history is None and "last_watched_at" in shows.columns:  # a frame without plays
        known = pd.to_datetime(shows["last_watched_at"], utc=True)
        fallback = known.dt.tz_localize(None).to_numpy("datetime64[ns]")
        fallback_ns = fallback.astype(np.int64).astype(np.float64)
        fallback_ns[np.isnat(fallback)] = np.nan
        fallback_ns[fallback_ns >= end_of_today.tz_localize(None).value] = np.nan
        last_ns = np.where(np.isnan(last_ns), fallback_ns, last_ns)
    has_last = ~np.isnan(last_ns)
    last_utc = pd.to_datetime(np.where(has_last, last_ns, 0).astype(np.int64), utc=True)
    last_local = pd.DatetimeIndex(last_utc).tz_convert(zone)
    last_days = last_local.tz_localize(None).normalize().to_numpy("datetime64[D]").astype(np.int64)
    today_day = int(np.datetime64(day, "D").astype(np.int64))
    days_since = np.where(has_last, today_day - last_days, -1)

    ended = shows_ended(shows, frames.schedule, index)
    state = _states(shows, aired, completed, left, has_last, days_since, stalled, dropped, ended)
    specials = _only_specials(frames, index, n, plays, e_pos)
    note = _notes(frames, index, state, left, completed, has_last, specials)
    watching = state == "watching"
    with np.errstate(divide="ignore", invalid="ignore"):
        days_needed = np.ceil(left / pace * 7)
    can_finish = watching & (left > 0) & (pace > 0) & np.isfinite(days_needed)
    finish = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    finish[can_finish] = (
        np.datetime64(day, "D") + days_needed[can_finish].astype("timedelta64[D]")
    ).astype("datetime64[ns]")

    identity = {c: shows[c] for c in schema.IDENTITY if c in shows.columns}
    local_last = pd.Series(last_local, index=shows.index)
    local_last[~has_last] = pd.NaT
    out = pd.DataFrame(
        {
            **identity,
            "aired": nullable(aired, np.isnan(aired), "Int64"),
            "completed": nullable(completed, np.isnan(completed), "Int64"),
            "left": nullable(left, np.isnan(left), "Int64"),
            "hours_left": nullable(hours, np.isnan(hours), "Float64"),
            "last_played": local_last,
            "days_since": nullable(days_since, ~has_last, "Int64"),
            "pace": nullable(pace, np.isnan(pace), "Float64"),
            "pace_from": pd.array(pace_from, dtype=schema.STR),
            "finish_date": finish,
            "state": pd.Categorical(state, categories=BACKLOG_STATES),
            "note": nullable(note, pd.isna(note), schema.STR),
        },
        index=shows.index,
    )
    out.attrs["timezone"] = zone
    out.attrs["today"] = day
    return out


def _states(
    shows: pd.DataFrame,
    aired: np.ndarray,
    completed: np.ndarray,
    left: np.ndarray,
    has_last: np.ndarray,
    days_since: np.ndarray,
    stalled: pd.Timedelta,
    dropped: pd.Timedelta,
    ended: np.ndarray,
) -> np.ndarray:
    """The state of each show by the rules of :func:`backlog` (first rule that holds wins)."""
    n = len(shows)
    state = np.full(n, "unknown", dtype=object)
    decided = np.zeros(n, dtype=bool)

    def assign(mask: np.ndarray, value: str | np.ndarray) -> None:
        take = mask & ~decided
        state[take] = value if isinstance(value, str) else value[take]
        decided[take] = True

    with np.errstate(invalid="ignore"):
        all_watched = (left == 0) & (completed > 0)
        done = done_states(ended)
        assign(all_watched, done)
        assign(shows_hidden(shows), "dropped")
        assign((completed == 0) | (aired == 0), "not_started")
        in_progress = (completed > 0) & (left > 0)
        since = pd.to_timedelta(np.maximum(days_since, 0), unit="D").to_numpy()
        assign(in_progress & has_last & (since > dropped.to_timedelta64()), "dropped")
        assign(in_progress & has_last & (since > stalled.to_timedelta64()), "stalled")
        assign(in_progress & has_last, "watching")
    return state


def _notes(
    frames: Frames,
    index: ShowIndex,
    state: np.ndarray,
    left: np.ndarray,
    completed: np.ndarray,
    has_last: np.ndarray,
    only_specials: np.ndarray,
) -> np.ndarray:
    """Per show, why its state or counts may puzzle (:func:`backlog`'s ``note``), or None.

    `only_specials`: :func:`_only_specials` of the shows.
    """
    n = len(state)
    parts: list[list[str]] = [[] for _ in range(n)]
    seasons = frames.seasons
    if seasons is not None and len(seasons) and "hidden" in seasons.columns:
        # Not in place: a nullable column's to_numpy shares the frame's memory.
        hidden = seasons["hidden"].astype("boolean").fillna(False).to_numpy(bool) & (
            seasons["season"].to_numpy(np.int64) > 0  # specials are never counted
        )
        rows = seasons[hidden]
        by_show: dict[int, list[int]] = {}
        for pos, season in zip(index.positions(rows), rows["season"], strict=True):
            if pos >= 0:
                by_show.setdefault(int(pos), []).append(int(season))
        for pos, numbers in by_show.items():
            word = "seasons" if len(numbers) > 1 else "season"
            listed = ", ".join(str(x) for x in sorted(numbers))
            parts[pos].append(f"{word} {listed} hidden on Trakt (not counted)")
    for pos in np.flatnonzero(shows_hidden(frames.shows) & (state == "dropped")):
        parts[pos].append("hidden from progress on Trakt")
    for pos in np.flatnonzero(only_specials & (state == "not_started")):
        parts[pos].append("only specials played (season 0 is not counted)")
    with np.errstate(invalid="ignore"):
        unknown = state == "unknown"
        for pos in np.flatnonzero(unknown & (left == 0) & (completed > 0)):
            parts[pos].append("every aired episode watched; whether the show has ended is unknown")
        for pos in np.flatnonzero(unknown & (np.isnan(left) | np.isnan(completed))):
            parts[pos].append("episode counts unknown")
        for pos in np.flatnonzero(unknown & (completed > 0) & (left > 0) & ~has_last):
            parts[pos].append("last play unknown")
    out = np.full(n, None, dtype=object)
    for pos, said in enumerate(parts):
        if said:
            out[pos] = "; ".join(said)
    return out


def _episodes(history: pd.DataFrame) -> np.ndarray:
    """Per play: True for an episode's (``type`` "episode"); NA is not one.

    Compared in the column's own dtype: as objects, 100,000 plays take ten times as long.
    """
    return (history["type"] == "episode").fillna(False).to_numpy(bool)


def _only_specials(
    frames: Frames,
    index: ShowIndex,
    n: int,
    plays: tuple[pd.DataFrame, np.ndarray] | None,
    e_pos: np.ndarray | None,
) -> np.ndarray:
    """Per show: True where it has plays and every one is of a special (season 0).

    From the history's episode plays (`plays`, see :func:`_episode_plays`), else the
    episodes frame's watched rows (`e_pos`: each episode's show, when known already);
    a play of unknown season counts as a regular one (never "only specials").
    """
    if plays is not None:
        rows, pos = plays
    else:
        episodes = frames.episodes
        if episodes is None or "watched" not in episodes.columns:
            return np.zeros(n, dtype=bool)
        watched = episodes["watched"].astype("boolean").fillna(False).to_numpy(bool)
        rows = episodes[watched]
        pos = index.positions(rows) if e_pos is None else e_pos[watched]
    if "season" not in rows.columns or not len(rows):
        return np.zeros(n, dtype=bool)
    special = (pd.to_numeric(rows["season"], errors="coerce") == 0).fillna(False).to_numpy(bool)
    mine = pos >= 0
    played = np.bincount(pos[mine], minlength=n) > 0
    regular = np.bincount(pos[mine & ~special], minlength=n) > 0
    return played & ~regular


def _episode_plays(
    history: pd.DataFrame | None, index: ShowIndex
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The history's episode plays (every play where it has no ``type``) and each one's show.

    The rows keep the columns the plan reads; the positions are the shows frame's
    (-1: none). Found once for :func:`_plays` and :func:`_only_specials`.
    """
    if history is None:
        return None
    # Only the columns used: every row filter then copies a few columns, not all.
    read = dict.fromkeys((*schema.IDENTITY, "watched_at", "type", "season"))
    rows = history[[c for c in read if c in history.columns]].reset_index(drop=True)
    if "type" in rows.columns:
        rows = rows[_episodes(rows)]
    return rows, index.positions(rows)


def _plays(
    plays: tuple[pd.DataFrame, np.ndarray] | None,
    shows: pd.DataFrame,
    zone: str,
    day: pd.Timestamp,
    end_of_today: pd.Timestamp,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per show: last episode play by `end_of_today` (UTC ns, NaN unknown), pace, its source.

    From the episode plays of :func:`_episode_plays`.
    """
    n = len(shows)
    last = np.full(n, np.nan)
    pace = np.full(n, np.nan)
    pace_from = np.full(n, None, dtype=object)
    if plays is None:
        return last, pace, pace_from
    history, all_pos = plays
    at = watched_at(history, "backlog")
    valid = at.notna().to_numpy()
    local = at[valid].dt.tz_convert(zone).dt.tz_localize(None)
    pos = all_pos[valid]
    matched = pos >= 0
    pos = pos[matched]
    wall = local.to_numpy("datetime64[ns]")[matched].astype(np.int64)
    instant = (
        at[valid].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]")[matched]
    ).astype(np.int64)
    # Plays after `today` are left out: the plan is made as on that day.
    by_today = instant < end_of_today.tz_localize(None).value
    if by_today.any():
        latest = pd.Series(instant[by_today]).groupby(pos[by_today]).max()
        last[latest.index.to_numpy(np.int64)] = latest.to_numpy(np.float64)
    # Pace: episode plays in the window of local days ending with `today`.
    days = wall.astype("datetime64[ns]").astype("datetime64[D]").astype(np.int64)
    today_day = int(np.datetime64(day, "D").astype(np.int64))
    window_days = PACE_WINDOW.days
    weeks = window_days / 7
    recent = (days <= today_day) & (days > today_day - window_days)
    per_show = np.bincount(pos[recent], minlength=n)
    # The user's overall pace per show: their plays in the window over the shows played there.
    users = shows["user"].astype(object).fillna("").to_numpy()
    user_codes, user_names = pd.factorize(users)
    show_user = user_codes
    plays_by_user = np.bincount(show_user[pos[recent]], minlength=len(user_names))
    shows_by_user = np.bincount(show_user[per_show > 0], minlength=len(user_names))
    with np.errstate(divide="ignore", invalid="ignore"):
        overall = np.where(
            shows_by_user > 0, plays_by_user / np.maximum(shows_by_user, 1) / weeks, 0.0
        )
    # A user without a single play in the history has no known pace.
    has_history = np.bincount(show_user[pos], minlength=len(user_names)) > 0
    own = per_show >= PACE_MIN_PLAYS
    pace[:] = np.where(own, per_show / weeks, overall[show_user])
    pace_from[:] = np.where(own, "show", "overall")
    unknown = ~has_history[show_user]
    pace[unknown] = np.nan
    pace_from[unknown] = None
    return last, pace, pace_from
