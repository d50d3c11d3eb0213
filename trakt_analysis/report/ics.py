"""The upcoming episodes as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

Optional: ``pip install 'trakt_analysis[calendar]'``. Every event has a UID
made from the user, the show's ids and the episode number, so importing a newer
file into a calendar app updates the events instead of duplicating them; times
are UTC.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pandas as pd

from .._format import episode_code, is_missing
from .._validate import check_frame
from ..errors import TraktArgumentError, TraktDependencyError
from ._files import write_atomic

__all__ = ["event_uid", "write_ics"]

_PRODID = "-//trakt_analysis//upcoming episodes//EN"
_DOMAIN = "trakt-analysis.invalid"
# Which column identifies the show in a UID, in order of preference.
_SHOW_KEYS = ("trakt_id", "tvdb_id", "imdb_id", "tmdb_id", "slug")


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError:
        raise TraktDependencyError(
            "write_ics needs the icalendar library: pip install 'trakt_analysis[calendar]'"
        ) from None
    return icalendar


def event_uid(row: pd.Series | dict[str, Any]) -> str:
    """The stable UID of one upcoming episode: a hash of user, show id, season and episode.

    The same episode gets the same UID in every file, whatever its air time or
    title; it names no one (the user name is hashed).
    """
    get = row.get
    show = next(
        (f"{key}={get(key)}" for key in _SHOW_KEYS if not is_missing(get(key))),
        f"title={get('title')}|year={get('year')}",
    )
    user = "" if is_missing(get("user")) else str(get("user"))
    season, number = get("season"), get("episode")
    key = f"{user}|{show}|{int(cast(int, season))}|{int(cast(int, number))}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{_DOMAIN}"


def _summary(row: pd.Series) -> str:
    text = f"{row['title']} {episode_code(row['season'], row['episode'])}"
    title = row.get("episode_title")
    if not is_missing(title):
        text += f" “{title}”"
    return text


def _description(row: pd.Series) -> str:
    parts = []
    network = row.get("network")
    if not is_missing(network):
        parts.append(f"on {network}")
    runtime = row.get("runtime")
    if not is_missing(runtime):
        parts.append(f"{int(runtime)} min")
    return ", ".join(parts)


def write_ics(
    upcoming: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    name: str = "Upcoming episodes",
    stamp: datetime | pd.Timestamp | None = None,
) -> Path:
    """Write the frame of :func:`~trakt_analysis.upcoming` as an iCalendar (.ics) file.

    Parameters
    ----------
    upcoming : pandas.DataFrame
        The frame of :func:`~trakt_analysis.upcoming` (needs ``title``,
        ``season``, ``episode`` and ``first_aired``; uses ``user``, the ids,
        ``episode_title``, ``runtime`` and ``network`` where present).
    path : str or os.PathLike
        The file; replaced atomically.
    name : str
        The calendar's name (``X-WR-CALNAME``).
    stamp : datetime, optional
        The events' ``DTSTAMP`` (when the file was made, UTC); default: now.

    Returns
    -------
    pathlib.Path
        `path`. One ``VEVENT`` per row: ``UID`` from :func:`event_uid`,
        ``DTSTART`` the air time in UTC, ``DURATION`` the runtime when known,
        ``SUMMARY`` "Show S01E04 “Title”", ``DESCRIPTION`` the network and runtime.

    Raises
    ------
    TraktDependencyError
        The ``icalendar`` library is not installed.
    TraktArgumentError
        `upcoming` lacks a column, or an air time is unknown.
    TraktFileError
        The file cannot be written.
    """
    check_frame(
        upcoming, ("title", "season", "episode", "first_aired"), func="write_ics", name="upcoming"
    )
    icalendar = _icalendar()
    aired = pd.to_datetime(upcoming["first_aired"], utc=True)
    if aired.isna().any():
        first = upcoming["title"].iloc[int(aired.isna().to_numpy().argmax())]
        raise TraktArgumentError(f"write_ics: an episode of {first!r} has no air time")
    made = datetime.now(UTC) if stamp is None else pd.Timestamp(stamp).tz_convert("UTC")
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for (_, row), start in zip(upcoming.iterrows(), aired, strict=True):
        event = icalendar.Event()
        event.add("uid", event_uid(row))
        event.add("dtstamp", pd.Timestamp(made).to_pydatetime())
        event.add("dtstart", start.to_pydatetime())
        runtime = row.get("runtime")
        if not is_missing(runtime) and int(runtime) > 0:
            event.add("duration", timedelta(minutes=int(runtime)))
        event.add("summary", _summary(row))
        description = _description(row)
        if description:
            event.add("description", description)
        calendar.add_component(event)
    data = calendar.to_ical()
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))
