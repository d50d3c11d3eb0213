"""A year in review: one user's year of watching, from the history, in local time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import TraktArgumentError
from .history import (
    _local,
    _runtime,
    binge_sessions,
    rewatch_mask,
    streaks,
    top_shows,
    watch_clock,
    watch_time,
    watched_at,
)
from .timezone import history_of, resolve_timezone

__all__ = ["YearInReview", "year_in_review"]


@dataclass(frozen=True)
class YearInReview:
    """One user's year of watching; built by :func:`year_in_review`.

    Attributes
    ----------
    year : int
    user : str or None
    timezone : str
        The IANA zone the days, months and hours are taken in.
    totals : pandas.Series
        ``plays``, ``episode_plays``, ``movie_plays``, ``hours`` (NA when no
        play had a runtime), ``plays_without_runtime``, ``shows`` (shows with a
        play), ``days`` (days with a play), ``rewatches`` (plays of an episode
        or movie played before), ``binges`` (see :func:`binge_sessions`).
    top_by_hours, top_by_plays : pandas.DataFrame
        :func:`top_shows` of the year's plays.
    busiest_month : pandas.Period or None
        The month with the most plays (the earliest of ties); None without plays.
    busiest_date : pandas.Timestamp or None
        The local day with the most plays.
    busiest_weekday : str or None
    busiest_hour : int or None
        The local hour (0-23) with the most plays.
    busiest : dict
        The play counts of the four above, by their names.
    longest_streak : int
        The longest run of days with a play within the year.
    streak_start, streak_end : pandas.Timestamp or None
    shows_started : pandas.DataFrame
        Shows whose first play in the whole history falls in the year:
        ``title``, ``year``, ``trakt_id``, ``first_watched_at`` (UTC).
    shows_finished : pandas.DataFrame or None
        Shows finished (every aired episode watched, per the progress) whose
        last newly watched episode was first played in the year, with
        ``finished_at`` (UTC). None when unknown: a bare history frame was
        given, or the source has no aired counts (the export without metadata).
    """

    year: int
    user: str | None
    timezone: str
    totals: pd.Series
    top_by_hours: pd.DataFrame
    top_by_plays: pd.DataFrame
    busiest_month: pd.Period | None
    busiest_date: pd.Timestamp | None
    busiest_weekday: str | None
    busiest_hour: int | None
    busiest: dict[str, int]
    longest_streak: int
    streak_start: pd.Timestamp | None
    streak_end: pd.Timestamp | None
    shows_started: pd.DataFrame
    shows_finished: pd.DataFrame | None

    def table(self) -> pd.DataFrame:
        """The highlights as a two-column frame (``label``, ``value``, text) for display."""
        t = self.totals
        hours = "unknown" if pd.isna(t["hours"]) else f"{t['hours']:,.1f}"
        if t["plays_without_runtime"]:
            hours += f" (+{t['plays_without_runtime']:,} plays without runtime)"

        def busy(key: str, value: object, fmt: str) -> str:
            if value is None:
                return "-"
            return f"{format(value, fmt)} ({self.busiest[key]:,} plays)"

        streak = "-"
        if self.longest_streak:
            streak = (
                f"{self.longest_streak} days ({self.streak_start:%Y-%m-%d} to "
                f"{self.streak_end:%Y-%m-%d})"
            )
        finished = "unknown" if self.shows_finished is None else f"{len(self.shows_finished):,}"
        rows = [
            ("plays", f"{t['plays']:,}"),
            ("episodes", f"{t['episode_plays']:,}"),
            ("movies", f"{t['movie_plays']:,}"),
            ("hours", hours),
            ("shows watched", f"{t['shows']:,}"),
            ("days with a play", f"{t['days']:,}"),
            ("rewatches", f"{t['rewatches']:,}"),
            ("binge sessions", f"{t['binges']:,}"),
            ("busiest month", busy("month", self.busiest_month, "%B")),
            ("busiest day", busy("date", self.busiest_date, "%Y-%m-%d (%A)")),
            ("busiest weekday", busy("weekday", self.busiest_weekday, "")),
            ("busiest hour", busy("hour", self.busiest_hour, "02d").replace(" (", ":00 (", 1)),
            ("longest streak", streak),
            ("shows started", f"{len(self.shows_started):,}"),
            ("shows finished", finished),
            ("time zone", self.timezone),
        ]
        return pd.DataFrame(rows, columns=["label", "value"])


def _one_user(history: pd.DataFrame, user: str | None) -> tuple[pd.DataFrame, str | None]:
    if "user" not in history.columns:
        return history, user
    names = [u for u in history["user"].astype(object).dropna().unique()]
    if user is not None:
        return history[(history["user"].astype(object) == user).to_numpy()], user
    if len(names) > 1:
        raise TraktArgumentError(
            f"year_in_review: the history holds {len(names)} users ({', '.join(map(str, names))});"
            " pass user=..."
        )
    return history, (str(names[0]) if names else None)


def _busiest(counts: pd.Series) -> tuple[Any, int]:
    if not len(counts) or counts.max() == 0:
        return None, 0
    return counts.idxmax(), int(counts.max())


def _show_key(frame: pd.DataFrame) -> pd.Series:
    """A show's key: its Trakt id when known, else (title, year)."""
    ids = frame["trakt_id"].astype(object) if "trakt_id" in frame.columns else None
    titles = frame["title"].astype(object)
    years = frame["year"].astype(object)
    keys = [
        ("id", int(i)) if ids is not None and not pd.isna(i) else ("title", t, y)
        for i, t, y in zip(
            ids if ids is not None else [None] * len(frame), titles, years, strict=True
        )
    ]
    return pd.Series(keys, index=frame.index, dtype=object)


def year_in_review(
    data: Any,
    year: int,
    *,
    tz: object = None,
    user: str | None = None,
    top: int = 5,
) -> YearInReview:
    """The year's totals, top shows, busiest month/day/hour, streak, shows started and finished.

    Parameters
    ----------
    data : Progress or pandas.DataFrame
        A Progress with a history (then finished shows are known where the
        source has aired counts), or a history frame.
    year : int
        The calendar year, in local time: a play at 23:30 on 31 December in
        `tz` belongs to that year even when it is already January in UTC.
    tz : str, optional
        IANA time zone; default: the profile's, else the machine's.
    user : str, optional
        Whose year, when the history holds several users.
    top : int
        Shows in the top lists.

    Returns
    -------
    YearInReview

    Raises
    ------
    TraktArgumentError
        No history, several users and no `user`, a bad `year` or `tz`.
    """
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise TraktArgumentError(f"year_in_review: year must be an int, got {year!r}")
    year = int(year)
    history, progress = history_of(data, "year_in_review")
    zone = resolve_timezone(tz, progress)
    history, user = _one_user(history, user)
    local = _local(history, zone, "year_in_review")
    in_year = (local.dt.year == year).fillna(False).to_numpy(dtype=bool)
    plays = history[in_year]
    is_episode = (
        (plays["type"].astype(object) == "episode").to_numpy(dtype=bool)
        if "type" in plays.columns
        else np.ones(len(plays), dtype=bool)
    )
    minutes = _runtime(plays)
    known = ~np.isnan(minutes)
    clock = watch_clock(plays, tz=zone)
    months = watch_time(plays, freq="month", tz=zone)
    days = watch_time(plays, freq="day", tz=zone)
    month, month_plays = _busiest(months.set_index("period")["plays"])
    date, date_plays = _busiest(days.set_index("period")["plays"])
    weekday, weekday_plays = _busiest(clock.sum(axis=1))
    hour, hour_plays = _busiest(clock.sum(axis=0))
    streak = streaks(plays, tz=zone, today=f"{year}-12-31") if len(plays) else None
    shows_keys = _show_key(plays[is_episode]) if len(plays) else pd.Series([], dtype=object)
    totals = pd.Series(
        {
            "plays": len(plays),
            "episode_plays": int(is_episode.sum()),
            "movie_plays": int(len(plays) - is_episode.sum()),
            # no plays: 0 hours; plays without any runtime: unknown
            "hours": float(minutes[known].sum() / 60) if known.any() or not len(plays) else pd.NA,
            "plays_without_runtime": int((~known).sum()),
            "shows": int(shows_keys.nunique()),
            "days": int((days["plays"] > 0).sum()),
            "rewatches": int(rewatch_mask(history)[in_year].sum()),
            "binges": len(binge_sessions(plays, tz=zone)),
        },
        dtype=object,
    )
    first = None if streak is None or not streak["longest"].iloc[0] else streak.iloc[0]
    return YearInReview(
        year=year,
        user=user,
        timezone=zone,
        totals=totals,
        top_by_hours=top_shows(plays, by="hours", top=top),
        top_by_plays=top_shows(plays, by="plays", top=top),
        busiest_month=month,
        busiest_date=None if date is None else date.to_timestamp(),
        busiest_weekday=weekday,
        busiest_hour=None if hour is None else int(hour),
        busiest={
            "month": month_plays,
            "date": date_plays,
            "weekday": weekday_plays,
            "hour": hour_plays,
        },
        longest_streak=0 if first is None else int(first["longest"]),
        streak_start=None if first is None else first["longest_start"],
        streak_end=None if first is None else first["longest_end"],
        shows_started=_started(history, local, year),
        shows_finished=_finished(progress, history, year, zone),
    )


def _first_plays(history: pd.DataFrame) -> pd.DataFrame:
    """Episode plays with their show key, ``watched_at`` ascending."""
    is_episode = (
        (history["type"].astype(object) == "episode").to_numpy(dtype=bool)
        if "type" in history.columns
        else np.ones(len(history), dtype=bool)
    )
    at = watched_at(history, "year_in_review")
    keep = is_episode & at.notna().to_numpy()
    episodes = history[keep]
    return pd.DataFrame(
        {
            "key": _show_key(episodes),
            "title": episodes["title"].astype(object),
            "year": episodes["year"],
            "trakt_id": episodes["trakt_id"] if "trakt_id" in episodes.columns else pd.NA,
            "season": episodes["season"].astype(object) if "season" in episodes else None,
            "episode": episodes["episode"].astype(object) if "episode" in episodes else None,
            "at": at[keep].array,
        }
    ).sort_values("at", kind="stable")


def _started(history: pd.DataFrame, local: pd.Series, year: int) -> pd.DataFrame:
    plays = _first_plays(history)
    first = plays.drop_duplicates("key", keep="first")
    started = first[(first["at"].dt.tz_convert(local.dt.tz).dt.year == year).to_numpy(bool)]
    out = started[["title", "year", "trakt_id", "at"]].rename(columns={"at": "first_watched_at"})
    return out.reset_index(drop=True).astype({"year": "Int64", "trakt_id": "Int64"})


def _finished(progress: Any, history: pd.DataFrame, year: int, zone: str) -> pd.DataFrame | None:
    if progress is None:
        return None
    shows = progress.shows
    if shows["aired"].isna().all():
        return None
    aired = shows["aired"].to_numpy(dtype=float, na_value=np.nan)
    completed = shows["completed"].to_numpy(dtype=float, na_value=np.nan)
    done = shows[(aired > 0) & (completed >= aired)]
    plays = _first_plays(history)
    # When each episode was first watched; the show was finished at the latest of those.
    firsts = plays.drop_duplicates(["key", "season", "episode"], keep="first")
    finished_at = firsts.groupby("key", sort=False)["at"].max()
    # The shows frame may lack the ids the history has (or the reverse): fall back
    # to (title, year).
    title_keys = pd.Series(
        [
            ("title", t, y)
            for t, y in zip(firsts["title"], firsts["year"].astype(object), strict=True)
        ],
        index=firsts.index,
        dtype=object,
    )
    by_title = firsts["at"].groupby(title_keys, sort=False).max()
    rows = []
    for key, title, show_year, trakt_id in zip(
        _show_key(done), done["title"], done["year"], done["trakt_id"], strict=True
    ):
        at = finished_at.get(key)
        if at is None:
            at = by_title.get(("title", title, None if pd.isna(show_year) else show_year))
        if at is not None and at.tz_convert(zone).year == year:
            rows.append(
                {"title": title, "year": show_year, "trakt_id": trakt_id, "finished_at": at}
            )
    out = pd.DataFrame(rows, columns=["title", "year", "trakt_id", "finished_at"])
    out["finished_at"] = pd.to_datetime(out["finished_at"], utc=True)
    return (
        out.sort_values("finished_at", kind="stable")
        .reset_index(drop=True)
        .astype({"year": "Int64", "trakt_id": "Int64"})
    )
