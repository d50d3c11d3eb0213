"""When and how much you watch: statistics of the watch history, in local time.

Every function takes the history frame (:data:`trakt_analysis.schema.HISTORY`,
``Progress.history``: one row per play, ``watched_at`` in UTC) or a
:class:`~trakt_analysis.Progress`, and returns a frame. Plays are bucketed in
the time zone `tz` (an IANA name); when it is None, the profile's zone
(``progress.provenance.timezone``, when a Progress is passed and the source has
it), else the machine's zone (:func:`~.timezone.local_timezone`). The zone used
is in ``result.attrs["timezone"]``.

Runtimes are minutes; a play whose runtime is NA (or 0, which real Trakt data
sends for "unknown") counts in the plays but not in the hours, and every
frame with hours has ``plays_without_runtime`` saying how many plays the hours
lack. Hours are NA, never 0, when no play of the bucket has a runtime.

Several users (``pd.concat`` of their histories): :func:`watch_time`,
:func:`streaks`, :func:`binge_sessions`, :func:`top_shows` and
:func:`rewatches` have a ``user`` column and treat each user apart;
:func:`watch_clock` and :func:`watch_calendar` count all the plays they are
given (select one user's rows for one user's clock). Plays whose time is
unknown (NaT, or the Unix epoch, which is how Trakt returns a play marked as
watched on an "unknown date") are left out of the time buckets; they still
count as plays, and ``attrs["plays_without_time"]`` says how many there were.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from .. import schema
from .._docstrings import fill_doc
from .._format import episode_code
from ..errors import TraktArgumentError
from ._inputs import today_in
from .timezone import history_of, resolve_timezone

__all__ = [
    "BINGE_MAX_BREAK",
    "BINGE_MIN_PLAYS",
    "FREQUENCIES",
    "WEEKDAYS",
    "binge_sessions",
    "plays_in_year",
    "rewatch_mask",
    "rewatches",
    "streaks",
    "top_shows",
    "watch_calendar",
    "watch_clock",
    "watch_time",
    "watched_at",
]

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
#: ``freq`` of :func:`watch_time` -> pandas period frequency (weeks start on Monday).
FREQUENCIES: dict[str, str] = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}
#: A binge: at least this many plays of one show in one sitting.
BINGE_MIN_PLAYS = 3
#: ... where each play starts at most this long after the previous one ended.
BINGE_MAX_BREAK = pd.Timedelta(minutes=30)

_SHOW = ("title", "year", "trakt_id")
#: What identifies an episode or a movie in the history (with the user).
_PLAYED = ("type", *_SHOW, "season", "episode")


# -- preparation ----------------------------------------------------------------------------


def _prepare(data: object, tz: object, func: str) -> tuple[pd.DataFrame, str]:
    """The history frame and the zone name, checked."""
    history, progress = history_of(data, func)
    return history, resolve_timezone(tz, progress)


#: Trakt stores a play marked as watched on an "unknown date" at the Unix epoch.
UNKNOWN_DATE = pd.Timestamp("1970-01-01T00:00:00Z")


def watched_at(history: pd.DataFrame, func: str = "watched_at") -> pd.Series:
    """``watched_at`` as UTC times, NaT where the time is unknown.

    A naive column is taken as UTC, as the schema says. Trakt returns a play
    marked as watched on an unknown date with ``watched_at`` at the Unix epoch
    (1970-01-01T00:00:00Z): that is no time, so it becomes NaT and the play is
    left out of every time bucket (it still counts as a play).
    """
    at = history["watched_at"]
    if not isinstance(at.dtype, pd.DatetimeTZDtype):
        try:
            at = pd.to_datetime(at, utc=True)
        except (ValueError, TypeError) as exc:
            raise TraktArgumentError(
                f"{func}: watched_at must hold times (UTC), e.g. from Progress.history: {exc}"
            ) from None
    at = at.dt.tz_convert("UTC")
    return at.mask(at == UNKNOWN_DATE)


def _local(history: pd.DataFrame, zone: str, func: str) -> pd.Series:
    """``watched_at`` in `zone`; NaT where unknown (see :func:`watched_at`)."""
    return watched_at(history, func).dt.tz_convert(zone)


def _runtime(history: pd.DataFrame) -> np.ndarray:
    """Runtimes in minutes as floats; NaN when unknown (NA, or 0 as Trakt sends it)."""
    if "runtime" not in history.columns:
        return np.full(len(history), np.nan)
    minutes = pd.to_numeric(history["runtime"], errors="coerce").to_numpy(
        dtype=float,
        na_value=np.nan,
        copy=True,  # written below: never the frame's own memory
    )
    minutes[~(minutes > 0)] = np.nan
    return minutes


def _users(history: pd.DataFrame) -> tuple[np.ndarray, list[Any]]:
    """An integer code per row and the users (None for rows without one), by first play."""
    if "user" not in history.columns:
        return np.zeros(len(history), dtype=np.int64), [None]
    codes, uniques = pd.factorize(history["user"], use_na_sentinel=False)
    return codes.astype(np.int64), [None if pd.isna(u) else u for u in uniques]


def _column(history: pd.DataFrame, name: str) -> pd.Series:
    """A column as objects (NA -> None), or all None when the frame lacks it."""
    if name not in history.columns:
        return pd.Series([None] * len(history), index=history.index, dtype=object)
    values = history[name].astype(object)
    return values.where(values.notna(), None)


def group_codes(*keys: Any) -> np.ndarray:
    """An integer per row for its combination of `keys`, numbered in order of first appearance.

    `keys` are columns (Series or arrays) of one length. The numbers are those of
    ``groupby(keys, dropna=False, sort=False).ngroup()`` (NA is a value like any
    other), found without a Python object per row: each key is factorized as it
    is (a category by its codes), and the codes are combined.
    """
    combined = np.zeros(len(keys[0]) if keys else 0, dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(key, use_na_sentinel=False)
        combined, _ = pd.factorize(combined * len(uniques) + codes.astype(np.int64))
    return combined.astype(np.int64)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The position of each code's first row, by code (codes of :func:`group_codes`)."""
    return np.unique(codes, return_index=True)[1]


def time_stats(work: pd.DataFrame, group: np.ndarray, **extra: tuple[str, str]) -> pd.DataFrame:
    """Plays, known runtimes, minutes and first/last play per group of `work`'s rows.

    `work` has ``minutes`` (NaN when unknown) and ``at`` per play; `group` numbers
    the rows' groups 0, 1, ... by first appearance (:func:`group_codes`). One row
    per group, in that order: the `extra` aggregations, then ``plays``,
    ``known`` (plays with a runtime), ``minutes`` (their sum),
    ``first_watched_at`` and ``last_watched_at``.
    """
    # An Index, not an array, as the key: pandas formats an array key to check it (slow).
    grouped = work.groupby(pd.Index(group), sort=True)
    minutes, at = grouped["minutes"], grouped["at"]
    # One reduction per column: a named aggregation costs more to set up than to run here.
    return pd.DataFrame(
        {
            **{name: grouped[column].agg(how) for name, (column, how) in extra.items()},
            "plays": minutes.size(),
            "known": minutes.count(),
            "minutes": minutes.sum(),
            "first_watched_at": at.min(),
            "last_watched_at": at.max(),
        }
    )


def _named_by(stats: pd.DataFrame, rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`stats` (a row per group) with the groups' `keys` as columns in front, as groupby names them.

    `rows` holds each group's first row, in group order; grouping those few rows
    by `keys` gives the very index (and so the key columns' types) a groupby of
    every play by `keys` would.
    """
    index = rows.groupby(keys, dropna=False, sort=False).size().index
    return stats.set_axis(index).reset_index()


def _user_column(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=schema.STR)


def is_kind(history: pd.DataFrame, kind: str) -> np.ndarray:
    """True where the play's ``type`` is `kind` ("episode" or "movie"); False where NA."""
    return (history["type"] == kind).to_numpy(dtype=bool, na_value=False)


def _is_episode(history: pd.DataFrame) -> np.ndarray:
    if "type" in history.columns:
        return is_kind(history, "episode")
    return np.ones(len(history), dtype=bool)


def _hours(minutes: pd.Series, known: pd.Series, plays: pd.Series) -> pd.Series:
    """Known minutes as hours: NA where plays had no known runtime, 0 where no plays."""
    hours = (minutes / 60).astype("Float64")
    hours[(known == 0) & (plays > 0)] = pd.NA
    hours[plays == 0] = 0.0
    return hours


#: The columns of :func:`top_shows` and :func:`~.movies.top_movies`, in order.
RANKED_COLUMNS = (
    "user",
    "title",
    "year",
    "trakt_id",
    "plays",
    "hours",
    "plays_without_runtime",
    "first_watched_at",
    "last_watched_at",
    "rank",
)


def check_ranking(by: str, top: int | None, func: str) -> None:
    """Refuse a `by` other than "hours" or "plays" and a `top` that is not a positive int."""
    if by not in ("hours", "plays"):
        raise TraktArgumentError(f"{func}: by must be 'hours' or 'plays', got {by!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise TraktArgumentError(f"{func}: top must be a positive integer or None, got {top!r}")


def ranked_by_time(
    work: pd.DataFrame,
    keys: list[str],
    by: str,
    top: int | None,
    *,
    as_objects: bool = False,
    **extra: tuple[str, str],
) -> pd.DataFrame:
    """Plays, hours and first/last play per user (``u``) and `keys`, ranked per user by `by`.

    `work` has one row per play: ``u`` (user code), `keys`, ``minutes`` (NaN when
    the runtime is unknown) and ``at`` (when). ``hours`` counts known runtimes
    only (NA when none is known, never 0), ``plays_without_runtime`` beside it;
    ``rank`` is 1 for the most `by` (ties by the other measure, then title),
    and only ranks up to `top` are kept. `extra` adds more aggregations.
    `as_objects`: the keys' values come out as Python objects (None for NA), as
    if `work` had held them so; only each group's first row is converted.
    """
    group = group_codes(*(work[name] for name in ("u", *keys)))
    stats = time_stats(work, group, **extra)
    rows = work.iloc[first_rows(group)]
    if as_objects:
        rows = rows.assign(**{name: _column(rows, name) for name in keys})
    stats = _named_by(stats, rows, ["u", *keys])
    stats["hours"] = _hours(stats["minutes"], stats["known"], stats["plays"])
    stats["plays_without_runtime"] = (stats["plays"] - stats["known"]).astype("int64")
    stats["plays"] = stats["plays"].astype("int64")
    other = "plays" if by == "hours" else "hours"
    stats = stats.sort_values(
        ["u", by, other, "title"],
        ascending=[True, False, False, True],
        na_position="last",
        kind="stable",
    )
    stats["rank"] = stats.groupby("u").cumcount().astype("int64") + 1
    return stats if top is None else stats[stats["rank"] <= top]


def _attrs(frame: pd.DataFrame, zone: str | None) -> pd.DataFrame:
    if zone is not None:
        frame.attrs["timezone"] = zone
    return frame


def plays_in_year(history: Any, year: int, *, tz: object = None) -> pd.DataFrame:
    """The rows of the history whose play falls in `year`, in local time.

    A play at 23:30 on 31 December in `tz` belongs to that year even when it
    is already January in UTC. ``attrs["timezone"]`` is the zone used.
    """
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise TraktArgumentError(f"plays_in_year: year must be an int, got {year!r}")
    frame, zone = _prepare(history, tz, "plays_in_year")
    local = _local(frame, zone, "plays_in_year")
    chosen = frame[(local.dt.year == int(year)).fillna(False).to_numpy(dtype=bool)].copy()
    return _attrs(chosen, zone)


# -- when -----------------------------------------------------------------------------------


def watch_clock(history: Any, *, tz: object = None) -> pd.DataFrame:
    """Plays by weekday and hour of day, in local time.

    Parameters
    ----------
    history : pandas.DataFrame or Progress
        The history frame (one row per play, ``watched_at`` in UTC) or a
        Progress holding one. All rows are counted: pass one user's rows for
        one user's clock.
    tz : str, optional
        IANA time zone, e.g. ``"Europe/Berlin"``; default: the profile's, else
        the machine's. Half-hour zones (``"Asia/Kolkata"``) and DST changes put
        each play in its local hour.

    Returns
    -------
    pandas.DataFrame
        7 rows (``weekday``: Monday first) x 24 columns (``hour``: 0-23) of
        play counts (int64). ``attrs["timezone"]`` is the zone used and
        ``attrs["plays_without_time"]`` the plays left out for an unknown time.

    Raises
    ------
    TraktArgumentError
        Not a history frame or Progress with a history, or an unknown `tz`.
    """
    frame, zone = _prepare(history, tz, "watch_clock")
    local = _local(frame, zone, "watch_clock")
    unknown = int(local.isna().sum())
    local = local.dropna()
    cell = local.dt.day_of_week.to_numpy(dtype=np.int64) * 24 + local.dt.hour.to_numpy(
        dtype=np.int64
    )
    counts = np.bincount(cell, minlength=7 * 24).reshape(7, 24)
    clock = pd.DataFrame(
        counts,
        index=pd.Index(WEEKDAYS, name="weekday"),
        columns=pd.Index(range(24), name="hour"),
    )
    clock.attrs["plays_without_time"] = unknown
    return _attrs(clock, zone)


@fill_doc
def watch_time(history: Any, *, freq: str = "month", tz: object = None) -> pd.DataFrame:
    """Plays and hours watched per day, week, month or year, per user.

    Episodes and movies both count. Periods with no play between a user's
    first and last play are included, with 0 plays.

    %(parameters_history:one user or several)s
    freq : {"day", "week", "month", "year"}
        The period; weeks run Monday to Sunday (local time).
    tz : str, optional
        IANA time zone the periods are taken in (see :func:`watch_clock`).

    Returns
    -------
    pandas.DataFrame
        One row per user and period, by user then period. Columns: ``user``,
        ``period`` (pandas Period in local time), ``plays`` (int64),
        ``hours`` (Float64: the known runtimes' sum in hours; NA when no play
        of the period has a runtime), ``plays_without_runtime`` (int64: plays
        the hours leave out). ``attrs["timezone"]`` is the zone used.

    Raises
    ------
    TraktArgumentError
        Bad input, unknown `freq` or `tz`.
    """
    if freq not in FREQUENCIES:
        raise TraktArgumentError(
            f"watch_time: freq must be one of {', '.join(FREQUENCIES)}, got {freq!r}"
        )
    frame, zone = _prepare(history, tz, "watch_time")
    columns = ["user", "period", "plays", "hours", "plays_without_runtime"]
    local = _local(frame, zone, "watch_time")
    valid = local.notna().to_numpy()
    codes, users = _users(frame)
    unknown = int((~valid).sum())
    if not valid.any():
        empty = pd.DataFrame({c: [] for c in columns})
        empty["period"] = pd.PeriodIndex([], freq=FREQUENCIES[freq])
        empty = empty.astype(
            {"plays": "int64", "hours": "Float64", "plays_without_runtime": "int64"}
        )
        empty.attrs["plays_without_time"] = unknown
        return _attrs(empty, zone)
    code = FREQUENCIES[freq]
    # Periods of the few distinct local days, then one integer ordinal per play:
    # grouping integers is far faster than grouping Period objects.
    days = _day_numbers(local[valid])
    distinct, inverse = np.unique(days, return_inverse=True)
    ordinals = pd.DatetimeIndex(distinct.astype("datetime64[D]")).to_period(code).asi8[inverse]
    work = pd.DataFrame({"u": codes[valid], "period": ordinals, "minutes": _runtime(frame)[valid]})
    grouped = work.groupby(["u", "period"], sort=True)
    stats = pd.DataFrame(
        {
            "plays": grouped.size(),
            "known": grouped["minutes"].count(),
            "minutes": grouped["minutes"].sum(),
        }
    )
    stats.index = stats.index.set_levels(
        pd.PeriodIndex.from_ordinals(stats.index.levels[1], freq=code), level="period"
    )
    # Every period between each user's first and last play, empty ones as 0 plays.
    full = []
    for code in stats.index.get_level_values("u").unique():
        span = stats.loc[code].index
        full.append(
            pd.MultiIndex.from_product(
                [[code], pd.period_range(span.min(), span.max(), freq=span.freq)],
                names=["u", "period"],
            )
        )
    stats = stats.reindex(full[0].append(full[1:]) if len(full) > 1 else full[0], fill_value=0)
    stats = stats.reset_index()
    out = pd.DataFrame(
        {
            "user": _user_column([users[c] for c in stats["u"]]),
            "period": stats["period"],
            "plays": stats["plays"].astype("int64"),
            "hours": _hours(stats["minutes"], stats["known"], stats["plays"]),
            "plays_without_runtime": (stats["plays"] - stats["known"]).astype("int64"),
        }
    )
    out.attrs["plays_without_time"] = unknown
    return _attrs(out, zone)


def total_hours(periods: pd.DataFrame) -> float | None:
    """The hours of the known runtimes over every period of a :func:`watch_time` frame.

    None (unknown) when the frame's plays, and the plays without a time
    (``attrs["plays_without_time"]``), are some but none has a runtime: such
    hours are unknown, not 0 (an empty period's 0.0 does not make them known).
    0.0 when there is no play at all.
    """
    plays = int(periods["plays"].sum())
    timed = plays - int(periods["plays_without_runtime"].sum())
    if timed:
        return float(periods["hours"].sum())  # NA periods left out: known runtimes only
    return None if plays or periods.attrs.get("plays_without_time", 0) else 0.0


@fill_doc
def watch_calendar(
    history: Any, *, year: int | None = None, tz: object = None, today: object = None
) -> pd.DataFrame:
    """Plays per local day of one year, laid out for a calendar heatmap.

    %(parameters_history:all rows are counted)s
    year : int, optional
        The calendar year (local time); default: the latest year with a play,
        or the current year when there is none.
    tz : str, optional
        IANA time zone the days are taken in (see :func:`watch_clock`).
    today : date-like, optional
        The last day that has begun; default: today in `tz`. The days after
        it have no count yet: NA, not 0 (unless a play is dated on one).

    Returns
    -------
    pandas.DataFrame
        One row per day of the year (365 or 366), in order. Columns: ``date``
        (datetime64, local midnight, no zone), ``weekday`` (0 = Monday),
        ``week`` (the calendar column: 0 for the week holding 1 January,
        weeks start on Monday), ``plays`` (Int64), ``hours`` (Float64, NA
        when plays had no runtime) and ``plays_without_runtime`` (Int64); all
        three NA on the days after `today` without a play (not yet, not 0).
        ``attrs["timezone"]`` is the zone and ``attrs["year"]`` the year.

    Raises
    ------
    TraktArgumentError
        `year` is not an int, or `today` is not a date.
    """
    frame, zone = _prepare(history, tz, "watch_calendar")
    local = _local(frame, zone, "watch_calendar")
    valid = local.notna().to_numpy()
    if year is None:
        year = int(local[valid].dt.year.max()) if valid.any() else pd.Timestamp.now(tz=zone).year
    elif isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise TraktArgumentError(f"watch_calendar: year must be an int, got {year!r}")
    year = int(year)
    days = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D")
    naive = local[valid].dt.tz_localize(None)
    in_year = (naive.dt.year == year).to_numpy()
    day_index = (naive[in_year].dt.day_of_year.to_numpy(dtype=np.int64)) - 1
    minutes = _runtime(frame)[valid][in_year]
    known = ~np.isnan(minutes)
    plays = np.bincount(day_index, minlength=len(days))
    known_plays = np.bincount(day_index[known], minlength=len(days))
    total = np.bincount(day_index[known], weights=minutes[known], minlength=len(days))
    offset = days[0].weekday()
    today_day = _today(today, zone, "watch_calendar")
    day_numbers = days.to_numpy(dtype="datetime64[D]").astype(np.int64)
    not_yet = (day_numbers > today_day) & (plays == 0)  # a day to come: no count yet
    calendar = pd.DataFrame(
        {
            "date": days,
            "weekday": days.day_of_week.to_numpy(dtype=np.int64),
            "week": (np.arange(len(days)) + offset) // 7,
            "plays": pd.array(plays, dtype="Int64"),
            "hours": _hours(pd.Series(total), pd.Series(known_plays), pd.Series(plays)),
            "plays_without_runtime": pd.array(plays - known_plays, dtype="Int64"),
        }
    )
    if not_yet.any():
        calendar.loc[not_yet, ["plays", "hours", "plays_without_runtime"]] = pd.NA
    calendar.attrs["year"] = year
    calendar.attrs["plays_without_time"] = int((~valid).sum())
    return _attrs(calendar, zone)


# -- streaks --------------------------------------------------------------------------------


def _runs(user: np.ndarray, day: np.ndarray) -> pd.DataFrame:
    """Runs of consecutive days per user; `user`, `day` sorted and unique together."""
    if not len(day):
        return pd.DataFrame({"u": [], "start": [], "end": [], "days": []}, dtype=np.int64)
    new = np.ones(len(day), dtype=bool)
    new[1:] = (user[1:] != user[:-1]) | (day[1:] - day[:-1] != 1)
    run = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(day)) - 1
    return pd.DataFrame(
        {
            "u": user[starts],
            "start": day[starts],
            "end": day[ends],
            "days": np.bincount(run),
        }
    )


def _day_numbers(local: pd.Series) -> np.ndarray:
    """Local calendar days as integers (days since 1970-01-01)."""
    naive = local.dt.tz_localize(None).dt.floor("D")
    return (naive.to_numpy(dtype="datetime64[D]")).astype(np.int64)


def _date(day: object) -> pd.Timestamp | pd.NaT:
    if day is None or pd.isna(day):
        return pd.NaT
    return pd.Timestamp(np.datetime64(int(cast(int, day)), "D"))


def _today(today: object, zone: str, caller: str) -> int:
    """`today` (default: today in `zone`) as a local day number (days since 1970-01-01)."""
    day = today_in(today, zone, caller)
    return int(np.datetime64(day, "D").astype(np.int64))


@fill_doc
def streaks(history: Any, *, tz: object = None, today: object = None) -> pd.DataFrame:
    """The longest and the current run of days with a play, per user.

    A day is a local calendar day in `tz`. The current streak is the run
    that ends `today` or the day before (today is not over yet); it is 0 when
    the last play is older. Plays after `today` are left out of the current
    streak. Of several longest runs, the earliest is given.

    %(parameters_history:one user or several)s
    tz : str, optional
        IANA time zone of the days (see :func:`watch_clock`).
    today : date-like, optional
        The day the current streak is measured to; default: today in `tz`.

    Returns
    -------
    pandas.DataFrame
        One row per user. Columns: ``user``, ``longest`` (days, int64),
        ``longest_start``, ``longest_end``, ``current`` (days, int64),
        ``current_start``, ``current_end`` (datetime64 days; NaT when the
        streak is 0). ``attrs["timezone"]`` is the zone used.
    """
    frame, zone = _prepare(history, tz, "streaks")
    local = _local(frame, zone, "streaks")
    valid = local.notna().to_numpy()
    codes, users = _users(frame)
    today_day = _today(today, zone, "streaks")
    pairs = pd.DataFrame({"u": codes[valid], "day": _day_numbers(local[valid])})
    pairs = pairs.drop_duplicates().sort_values(["u", "day"], kind="stable")
    user, day = pairs["u"].to_numpy(), pairs["day"].to_numpy()
    runs = _runs(user, day)
    upto = day <= today_day
    past = _runs(user[upto], day[upto])
    rows = []
    for code, name in enumerate(users):
        mine = runs[runs["u"] == code]
        # None for a user whose plays all lack a time
        best = mine.iloc[int(np.argmax(mine["days"].to_numpy()))] if len(mine) else None
        recent = past[past["u"] == code]
        current = None
        if len(recent) and recent["end"].iloc[-1] >= today_day - 1:
            current = recent.iloc[-1]
        rows.append(
            {
                "user": name,
                "longest": 0 if best is None else int(best["days"]),
                "longest_start": _date(None if best is None else best["start"]),
                "longest_end": _date(None if best is None else best["end"]),
                "current": 0 if current is None else int(current["days"]),
                "current_start": _date(None if current is None else current["start"]),
                "current_end": _date(None if current is None else current["end"]),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "user",
            "longest",
            "longest_start",
            "longest_end",
            "current",
            "current_start",
            "current_end",
        ],
    )
    out = out.astype({"user": schema.STR, "longest": "int64", "current": "int64"})
    for col in ("longest_start", "longest_end", "current_start", "current_end"):
        out[col] = pd.to_datetime(out[col])
    return _attrs(out, zone)


# -- shows ----------------------------------------------------------------------------------


def _user_values(users: list[Any], codes: np.ndarray) -> np.ndarray:
    """The user of each row (objects), from :func:`_users`' codes."""
    names = np.empty(len(users), dtype=object)
    names[:] = users
    return names[codes]


def _as_is(frame: pd.DataFrame, name: str) -> Any:
    """A column as it is (to group by), or None in every row when the frame lacks it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(np.full(len(frame), None, dtype=object), index=frame.index, dtype=object)


def _stable_order(*keys: np.ndarray) -> np.ndarray:
    """Positions that sort the rows by `keys` (the first most significant), ties in order."""
    order = np.arange(len(keys[0]))
    for key in reversed(keys):
        order = order[np.argsort(key[order], kind="stable")]
    return order


@fill_doc
def binge_sessions(
    history: Any,
    *,
    min_plays: int = BINGE_MIN_PLAYS,
    max_break: pd.Timedelta | str = BINGE_MAX_BREAK,
    tz: object = None,
) -> pd.DataFrame:
    """Binge sessions: several episodes of one show watched in one sitting.

    The rule: take one user's plays of episodes of one show in time order. A
    play ends at its ``watched_at`` and starts ``runtime`` minutes earlier (at
    ``watched_at`` itself when the runtime is unknown, so an unknown runtime
    never lengthens a sitting). The next play is in the same sitting when it
    starts at most `max_break` after the previous one ended, and ends later
    than it: plays logged at one instant (a season marked as seen at once)
    are not a sitting. A sitting of at least `min_plays` plays is a binge.
    Movies are never part of one.

    %(parameters_history:one user or several)s
    min_plays : int
        Plays a sitting needs to be a binge (default 3).
    max_break : pandas.Timedelta or str
        The longest break between two plays of one sitting (default 30 min).
    tz : str, optional
        IANA time zone of ``start`` and ``end`` (see :func:`watch_clock`).

    Returns
    -------
    pandas.DataFrame
        One row per binge, by start. Columns: ``user``, ``title``, ``year``,
        ``trakt_id``, ``start``, ``end`` (local, zone-aware), ``plays``
        (int64), ``first`` and ``last`` (``"S01E02"``), ``hours`` (Float64,
        NA when no play had a runtime), ``plays_without_runtime``.
        ``attrs["timezone"]`` is the zone used.
    """
    if isinstance(min_plays, bool) or not isinstance(min_plays, int) or min_plays < 2:
        raise TraktArgumentError(
            f"binge_sessions: min_plays must be an integer of at least 2, got {min_plays!r}"
        )
    try:
        gap = pd.Timedelta(max_break)
    except (ValueError, TypeError):
        gap = pd.NaT
    if pd.isna(gap) or gap < pd.Timedelta(0):
        raise TraktArgumentError(
            f"binge_sessions: max_break must be a non-negative duration, got {max_break!r}"
        )
    frame, zone = _prepare(history, tz, "binge_sessions")
    local = _local(frame, zone, "binge_sessions")
    keep = _is_episode(frame) & local.notna().to_numpy()
    codes, users = _users(frame)
    episodes = frame[keep]
    # Each play of a (user, show) in time order, as integers: no Python object per play.
    show = group_codes(codes[keep], *(_as_is(episodes, name) for name in _SHOW))
    at = local[keep].to_numpy(dtype="datetime64[ns]") if keep.any() else np.array([], "M8[ns]")
    order = _stable_order(show, at) if len(show) else np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(keep)[order]  # positions in `frame`, by show then time
    show, at, minutes = show[order], at[order], _runtime(frame)[rows]
    starts = at - (np.nan_to_num(minutes) * 60e9).astype("timedelta64[ns]")
    joined = np.zeros(len(rows), dtype=bool)
    if len(rows) > 1:
        joined[1:] = (
            (show[1:] == show[:-1])
            & (at[1:] > at[:-1])
            & (starts[1:] - at[:-1] <= gap.to_timedelta64())
        )
    session = np.cumsum(~joined)
    sizes = np.bincount(session) if len(session) else np.array([], dtype=np.int64)
    binge = sizes[session] >= min_plays if len(session) else np.zeros(0, dtype=bool)
    columns = [
        "user",
        "title",
        "year",
        "trakt_id",
        "start",
        "end",
        "plays",
        "first",
        "last",
        "hours",
        "plays_without_runtime",
    ]
    if not binge.any():
        empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
        empty = empty.astype(
            {"plays": "int64", "hours": "Float64", "plays_without_runtime": "int64"}
        )
        return _attrs(empty, zone)
    # Session k (1, 2, ...) starts at position k - 1 of the starts; only binges are built.
    sessions = np.flatnonzero(sizes >= min_plays)
    head = np.flatnonzero(~joined)[sessions - 1]
    tail = head + sizes[sessions] - 1
    first, last = frame.iloc[rows[head]], frame.iloc[rows[tail]]
    per = pd.Series(minutes[binge]).groupby(pd.Index(session[binge]), sort=True)
    counts = per.size().reset_index(drop=True)
    known = per.count().reset_index(drop=True)
    start = pd.Series(starts[head]).dt.tz_localize("UTC").dt.tz_convert(zone)

    def codes_of(plays: pd.DataFrame) -> list[str]:
        return [
            episode_code(s, e)
            for s, e in zip(_column(plays, "season"), _column(plays, "episode"), strict=True)
        ]

    out = pd.DataFrame(
        {
            "user": _user_values(users, codes[rows[head]]),
            **{name: _column(first, name).reset_index(drop=True) for name in _SHOW},
            "start": start,
            "end": local.iloc[rows[tail]].reset_index(drop=True),
            "plays": counts.astype("int64"),
            "first": codes_of(first),
            "last": codes_of(last),
            "hours": _hours(per.sum().reset_index(drop=True), known, counts),
            "plays_without_runtime": (counts - known).astype("int64"),
        }
    )
    out = out.sort_values(["start", "user"], kind="stable").reset_index(drop=True)
    out = out.astype({"user": schema.STR, "year": "Int64", "trakt_id": "Int64"})
    return _attrs(out, zone)


@fill_doc
def top_shows(history: Any, *, by: str = "hours", top: int | None = 10) -> pd.DataFrame:
    """The shows watched most, by hours or by plays, per user (movies left out).

    %(parameters_history:one user or several)s
    by : {"hours", "plays"}
        The ranking; ties go to the other measure, then the title. By hours, a
        show whose runtimes are all unknown ranks last (its hours are NA).
    %(top:Shows)s

    Returns
    -------
    pandas.DataFrame
        One row per user and show, best first within each user. Columns:
        ``user``, ``title``, ``year``, ``trakt_id``, ``plays`` (int64),
        ``hours`` (Float64; a lower bound when ``plays_without_runtime`` > 0,
        NA when no play had a runtime), ``plays_without_runtime``,
        ``first_watched_at``, ``last_watched_at`` (UTC), ``rank`` (1 = most).
    """
    check_ranking(by, top, "top_shows")
    frame, _ = history_of(history, "top_shows")
    return shows_ranked(frame, *_users(frame), by=by, top=top)


def shows_ranked(
    frame: pd.DataFrame, codes: np.ndarray, users: list[Any], *, by: str, top: int | None
) -> pd.DataFrame:
    """:func:`top_shows` of `frame`, ranked within each group of rows.

    `codes` number the groups (0, 1, ...: a user's rows, or a month's) and
    `users` names each, for the ``user`` column.
    """
    keep = _is_episode(frame)
    episodes = frame[keep]
    shows = pd.DataFrame(
        {
            "u": codes[keep],
            **{name: _as_is(episodes, name) for name in _SHOW},
            "minutes": _runtime(frame)[keep],
            "at": watched_at(episodes, "top_shows"),
        },
        index=episodes.index,
    )
    stats = ranked_by_time(shows, list(_SHOW), by, top, as_objects=True)
    stats["user"] = _user_values(users, stats["u"].to_numpy())
    out = stats[list(RANKED_COLUMNS)].reset_index(drop=True)
    return out.astype({"user": schema.STR, "year": "Int64", "trakt_id": "Int64"})


def rewatch_mask(history: pd.DataFrame) -> np.ndarray:
    """True for each play that is not the first play of its episode or movie.

    An episode is (user, show identity, season, episode); a movie is (user,
    its identity). The first play is the earliest ``watched_at``.
    """
    codes, _ = _users(history)
    item = group_codes(codes, *(_as_is(history, name) for name in _PLAYED))
    at = watched_at(history, "rewatch_mask").reset_index(drop=True)
    order = at.sort_values(kind="stable", na_position="last").index.to_numpy()
    mask = np.ones(len(history), dtype=bool)
    mask[order[first_rows(item[order])]] = False
    return mask


@fill_doc
def rewatches(history: Any) -> pd.DataFrame:
    """Episodes and movies played more than once: the plays beyond the first.

    %(parameters_history:one user or several)s

    Returns
    -------
    pandas.DataFrame
        One row per rewatched episode or movie, most rewatched first.
        Columns: ``user``, ``type``, ``title``, ``year``, ``trakt_id``,
        ``season``, ``episode`` (NA for movies), ``plays`` (int64),
        ``rewatches`` (plays - 1), ``first_watched_at``, ``last_watched_at``
        (UTC).
    """
    frame, _ = history_of(history, "rewatches")
    codes, users = _users(frame)
    item = group_codes(codes, *(_as_is(frame, name) for name in _PLAYED))
    at = watched_at(frame, "rewatches").reset_index(drop=True)
    stats = at.groupby(pd.Index(item), sort=True).agg(
        plays="size", first_watched_at="min", last_watched_at="max"
    )
    again = (stats["plays"] > 1).to_numpy()
    # Only the rewatched items get their identity as objects (the other plays never do).
    at_first = first_rows(item)[again]
    firsts = frame.iloc[at_first]
    keys = ["u", *_PLAYED]
    rows = pd.DataFrame(
        {
            "u": codes[at_first],
            **{name: _column(firsts, name).reset_index(drop=True) for name in _PLAYED},
        }
    )
    stats = _named_by(stats[again].reset_index(drop=True), rows, keys)
    stats.insert(len(keys), "user", _user_values(users, stats["u"].to_numpy()))
    stats["plays"] = stats["plays"].astype("int64")
    stats["rewatches"] = stats["plays"] - 1
    stats = stats.sort_values(
        ["u", "rewatches", "title", "season", "episode"],
        ascending=[True, False, True, True, True],
        kind="stable",
        na_position="last",
    )
    out = stats[
        [
            "user",
            "type",
            "title",
            "year",
            "trakt_id",
            "season",
            "episode",
            "plays",
            "rewatches",
            "first_watched_at",
            "last_watched_at",
        ]
    ].reset_index(drop=True)
    return out.astype(
        {
            "user": schema.STR,
            "year": "Int64",
            "trakt_id": "Int64",
            "season": "Int64",
            "episode": "Int64",
        }
    )
