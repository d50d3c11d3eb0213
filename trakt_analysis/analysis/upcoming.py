"""What airs next: the announced episodes of the shows you watch, in local time.

:func:`upcoming` is a function from frames to a frame; :mod:`trakt_analysis.report.ics`
writes it as an iCalendar file and :func:`~trakt_analysis.plot_upcoming` draws it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from .._validate import check_frame, check_positive_int
from . import _inputs
from .backlog import BACKLOG_STATES, plan
from .timezone import resolve_timezone

__all__ = ["UPCOMING_COLUMNS", "upcoming"]

#: Columns of :func:`upcoming`, after ``user``, ``title``, ``year`` and the ids.
UPCOMING_COLUMNS: tuple[str, ...] = (
    "season",
    "episode",
    "episode_title",
    "first_aired",
    "local",
    "date",
    "runtime",
    "network",
    "state",
)

_IDS = ("trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id")


def _candidates(
    shows: pd.DataFrame, frames: _inputs.Frames, index: _inputs.ShowIndex
) -> pd.DataFrame:
    """Every announced episode the frames know: (_show, season, episode, title, aired, runtime)."""
    parts: list[pd.DataFrame] = []
    schedule = frames.schedule
    if schedule is not None and len(schedule):
        parts.append(
            pd.DataFrame(
                {
                    "_show": index.positions(schedule),
                    "season": schedule["season"].to_numpy(np.int64),
                    "episode": schedule["episode"].to_numpy(np.int64),
                    "episode_title": schedule["episode_title"].astype(object).to_numpy(),
                    "first_aired": pd.to_datetime(schedule["first_aired"], utc=True).array,
                    "runtime": pd.to_numeric(schedule["runtime"]).astype("Float64").array,
                }
            )
        )
    episodes = frames.episodes
    if episodes is not None and len(episodes) and "first_aired" in episodes.columns:
        unwatched = ~episodes["watched"].astype("boolean").fillna(False).to_numpy(bool)
        dated = episodes["first_aired"].notna().to_numpy(bool)
        rows = episodes[unwatched & dated]
        if len(rows):
            parts.append(
                pd.DataFrame(
                    {
                        "_show": index.positions(rows),
                        "season": rows["season"].to_numpy(np.int64),
                        "episode": rows["episode"].to_numpy(np.int64),
                        "episode_title": np.full(len(rows), None, dtype=object),
                        "first_aired": pd.to_datetime(rows["first_aired"], utc=True).array,
                        "runtime": pd.to_numeric(rows.get("runtime")).astype("Float64").array
                        if "runtime" in rows.columns
                        else pd.array([pd.NA] * len(rows), dtype="Float64"),
                    }
                )
            )
    if "next_first_aired" in shows.columns and "next_season" in shows.columns:
        nxt = shows["next_first_aired"].notna() & shows["next_season"].notna()
        nxt &= shows["next_number"].notna() if "next_number" in shows.columns else False
        at = np.flatnonzero(nxt.to_numpy(bool))
        if len(at):
            rows = shows.iloc[at]
            title = rows["next_title"] if "next_title" in rows.columns else None
            parts.append(
                pd.DataFrame(
                    {
                        "_show": at.astype(np.int64),
                        "season": rows["next_season"].to_numpy(np.int64),
                        "episode": rows["next_number"].to_numpy(np.int64),
                        "episode_title": np.full(len(rows), None, dtype=object)
                        if title is None
                        else title.astype(object).to_numpy(),
                        "first_aired": pd.to_datetime(rows["next_first_aired"], utc=True).array,
                        "runtime": pd.array([pd.NA] * len(rows), dtype="Float64"),
                    }
                )
            )
    if not parts:
        return pd.DataFrame(
            {
                "_show": np.zeros(0, np.int64),
                "season": np.zeros(0, np.int64),
                "episode": np.zeros(0, np.int64),
                "episode_title": np.zeros(0, dtype=object),
                "first_aired": pd.DatetimeIndex([], tz="UTC"),
                "runtime": pd.array([], dtype="Float64"),
            }
        )
    every = pd.concat(parts, ignore_index=True)
    every = every[every["_show"].to_numpy() >= 0]
    # The same episode from several places: the first (the guide's) wins, with the others'
    # title and runtime where it lacks them.
    keys = ["_show", "season", "episode"]
    firsts = every.groupby(keys, sort=False).first()  # first non-null value of each column
    return firsts.reset_index()


def upcoming(
    data: object,
    *,
    days: int = 30,
    today: object = None,
    tz: object = None,
) -> pd.DataFrame:
    """The episodes of the shows you watch airing in the next `days` days, in local time.

    Parameters
    ----------
    data : Progress, list of Progress, or tuple
        As for :func:`~trakt_analysis.backlog`. The announced episodes come
        from ``Progress.schedule`` (TVmaze's guide: :meth:`TVmaze.complete
        <trakt_analysis.TVmaze.complete>`), the episodes frame's unwatched
        episodes with an air time (API v2), and the shows' next episode
        (``next_first_aired``).
    days : int
        How many local days, from the start of `today`: ``days=1`` is today only.
    today : date-like, optional
        The first day (local, in `tz`); default: today in `tz`.
    tz : str, optional
        IANA zone of the local times; default: the profile's, else the machine's.

    Returns
    -------
    pandas.DataFrame
        One row per episode (and user), by air time then title. Columns:
        ``user``, ``title``, ``year``, the ids (``trakt_id``, ``slug``,
        ``imdb_id``, ``tvdb_id``, ``tmdb_id``), ``season``, ``episode``
        (Int64), ``episode_title`` (str, NA when unknown), ``first_aired``
        (UTC), ``local`` (the air time in `tz`), ``date`` (the local day,
        datetime64), ``runtime`` (Int64 minutes; the show's runtime where the
        episode's is unknown; NA when neither is known), ``network`` (str, NA
        when unknown) and ``state`` (the show's :func:`~trakt_analysis.backlog`
        state). Shows in state ``dropped`` (hidden on Trakt, or not played
        for 180 days) are left out. ``attrs``: ``timezone``, ``today``, ``days``,
        and ``schedule_known`` (bool): False when the source announces no
        episode (no guide, and no air date from `today` on: the account export
        without metadata, API v1 and v2, which list aired episodes only), so an
        empty frame means "unknown", not "nothing airs".

    Raises
    ------
    TraktArgumentError
        Bad `data`, `days`, `today` or `tz`.
    """
    days = check_positive_int(days, name="days", func="upcoming")
    frames = _inputs.frames_of(data, "upcoming")
    shows = check_frame(frames.shows, ("user", "title", "year"), func="upcoming")
    zone = resolve_timezone(tz, frames.progress)
    day = _inputs.today_in(today, zone, "upcoming")
    start = _inputs.local_midnight(day, zone)
    end = _inputs.local_midnight(day + pd.Timedelta(days=days), zone)
    index = _inputs.ShowIndex(shows)
    every = _candidates(shows, frames, index)
    aired = pd.DatetimeIndex(every["first_aired"])
    window = every[((aired >= start) & (aired < end))]
    states = plan(frames, day, zone, index=index, with_hours=False)["state"].to_numpy()
    window = window[states[window["_show"].to_numpy(np.int64)] != "dropped"]
    pos = window["_show"].to_numpy(np.int64)
    first = pd.DatetimeIndex(window["first_aired"]).tz_convert("UTC")
    local = first.tz_convert(zone)
    show_runtime = (
        pd.to_numeric(shows["runtime"], errors="coerce").to_numpy(float, na_value=np.nan)
        if "runtime" in shows.columns
        else np.full(len(shows), np.nan)
    )
    show_runtime[~(show_runtime > 0)] = np.nan
    runtime = window["runtime"].to_numpy(float, na_value=np.nan)
    runtime[~(runtime > 0)] = np.nan
    runtime = np.where(np.isnan(runtime), show_runtime[pos], runtime)
    network = (
        shows["network"].astype(object).to_numpy()[pos]
        if "network" in shows.columns
        else np.full(len(pos), None, dtype=object)
    )
    titles = window["episode_title"].astype(object).to_numpy()
    out = pd.DataFrame(
        {
            **{
                c: shows[c].iloc[pos].to_numpy()
                for c in ("user", "title", "year", *_IDS)
                if c in shows.columns
            },
            "season": pd.array(window["season"].to_numpy(np.int64), dtype="Int64"),
            "episode": pd.array(window["episode"].to_numpy(np.int64), dtype="Int64"),
            "episode_title": _inputs.nullable(titles, pd.isna(titles), schema.STR),
            "first_aired": first,
            "local": local,
            "date": local.tz_localize(None).normalize(),
            "runtime": _inputs.nullable(runtime, np.isnan(runtime), "Int64"),
            "network": _inputs.nullable(network, pd.isna(network), schema.STR),
            "state": pd.Categorical(states[pos], categories=BACKLOG_STATES),
        }
    )
    for column in ("user", "title", "slug", "imdb_id"):
        if column in out.columns:
            out[column] = out[column].astype(schema.STR)
    for column in ("year", "trakt_id", "tvdb_id", "tmdb_id"):
        if column in out.columns:
            out[column] = pd.array(out[column], dtype="Int64")
    out = out.sort_values(["first_aired", "title"], kind="stable", ignore_index=True)
    out.attrs["timezone"] = zone
    out.attrs["today"] = day
    out.attrs["days"] = days
    out.attrs["schedule_known"] = _knows_air_dates(frames, shows, start)
    return out


def _knows_air_dates(frames: _inputs.Frames, shows: pd.DataFrame, start: pd.Timestamp) -> bool:
    """Whether the source announces episodes: an empty result is then "nothing airs".

    A guide (TVmaze's, ``Progress.schedule``) does, even when it announces
    nothing. Otherwise only an air date from `start` on does: the progress
    sources (API v1, API v2) list aired episodes only, and their next episode is
    an aired one, so past air dates say nothing of what is coming.
    """
    if frames.schedule is not None:
        return True
    dates = [
        frame[column]
        for frame, column in ((frames.episodes, "first_aired"), (shows, "next_first_aired"))
        if frame is not None and column in frame.columns
    ]
    return any(bool((pd.DatetimeIndex(d) >= start).any()) for d in dates)
