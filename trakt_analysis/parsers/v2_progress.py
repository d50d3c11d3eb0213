"""Parse API v2 per-show progress into frame columns: signed in, or a public profile.

Two document shapes, one builder:

- **signed in**: ``GET /shows/{id}/progress/watched`` (``aired``, ``completed``,
  ``last_watched_at``, ``reset_at``, ``seasons[{number, aired, completed,
  episodes[{number, completed, last_watched_at}]}]``, ``hidden_seasons``,
  ``next_episode``, ``last_episode``), joined with the show's item of
  ``/sync/watched/shows?extended=progress,full`` (the show object with its
  ``extended=full`` fields, plays per episode);
- **a public profile**: the show's item of ``/users/{id}/watched/shows``
  (``extended=progress,full``) joined
  with ``/shows/{id}/seasons?extended=episodes,full`` (every episode with its
  ``first_aired``): an episode counts as aired when its ``first_aired`` is
  past (or the user watched it).

v2 sends no ``percentage`` (left NA) and no ``left`` (derived: aired - completed).
The show object's ``extended=full`` fields (genres, network, country, language,
status, first_aired, runtime) fill :data:`~trakt_analysis.schema.SHOW_METADATA`
(:func:`~trakt_analysis.parsers.show_metadata.parse_trakt_show`).
Pure: payloads in, columns out; no HTTP here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from .. import schema
from ..errors import TraktArgumentError, TraktDataError
from ._checks import (
    BadValue,
    completion,
    count,
    int_array,
    mapping,
    short,
    text,
    utc_time,
    utc_times,
)
from ._problems import Problems
from .parsed import ParsedProgress
from .show_metadata import parse_trakt_show

__all__ = ["RESET_MODES", "parse_public_progress", "parse_show_progress"]

#: ``"current"``: progress since the last reset (a rewatch starts at 0), as
#: trakt.tv shows it; ``"lifetime"``: an episode counts once it was ever watched.
RESET_MODES = ("current", "lifetime")
_MAX_NUMBER = 10**6


@dataclass
class _Episode:
    number: int
    watched: bool
    plays: int | None = None
    last_watched_at: str | None = None
    first_aired: str | None = None
    runtime: int | None = None


@dataclass
class _Season:
    number: int
    hidden: bool = False
    aired: int | None = None
    completed: int | None = None
    episodes: list[_Episode] = field(default_factory=list)
    titles: dict[int, Any] = field(default_factory=dict)  # episode number -> title


@dataclass
class _Show:
    show: dict[str, Any]
    aired: int | None = None
    completed: int | None = None
    plays: int | None = None
    last_watched_at: str | None = None
    reset_at: str | None = None
    next_episode: dict[str, Any] | None = None
    seasons: list[_Season] = field(default_factory=list)


def _check_reset(reset: str) -> None:
    if reset not in RESET_MODES:
        raise TraktArgumentError(f"reset must be one of {RESET_MODES}, got {reset!r}")


def _number(value: object, where: str) -> int:
    try:
        n = count(value)
    except BadValue as exc:
        raise TraktDataError(f"{where}: {exc}") from None
    if n is None or n > _MAX_NUMBER:
        raise TraktDataError(f"{where}: expected a season or episode number, got {short(value)}")
    return n


def _list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if type(value) is not list:
        raise TraktDataError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _dict(value: object, where: str) -> dict[str, Any]:
    try:
        return mapping(value, "an object")
    except BadValue as exc:
        raise TraktDataError(f"{where}: {exc}") from None


def _where(label: str, index: int, show: dict[str, Any], path: str) -> str:
    title = show.get("title")
    name = f"show {index}" if title is None else f"show {index} ({short(title)})"
    return f"{label}: {name}: {path}" if path else f"{label}: {name}"


def _watched_plays(watched: dict[str, Any] | None, where: str) -> dict[tuple[int, int], tuple]:
    """(season, episode) -> (plays, last_watched_at) from a watched-shows item."""
    out: dict[tuple[int, int], tuple] = {}
    if not watched:
        return out
    for si, season in enumerate(_list(watched.get("seasons"), f"{where}seasons")):
        season = _dict(season, f"{where}seasons[{si}]")
        number = _number(season.get("number"), f"{where}seasons[{si}].number")
        for ei, ep in enumerate(_list(season.get("episodes"), f"{where}seasons[{si}].episodes")):
            ep = _dict(ep, f"{where}seasons[{si}].episodes[{ei}]")
            path = f"{where}seasons[{si}].episodes[{ei}]"
            out[(number, _number(ep.get("number"), f"{path}.number"))] = (
                ep.get("plays"),
                ep.get("last_watched_at"),
            )
    return out


def parse_show_progress(
    entries: Iterable[dict[str, Any]],
    *,
    label: str = "<API v2>",
    reset: str = "current",
    count_specials: bool = False,
) -> ParsedProgress:
    """Columns of the frames from signed-in per-show progress.

    Parameters
    ----------
    entries : iterable of dict
        One per show: ``{"show": <show object>, "watched": <its
        /sync/watched/shows item, or None>, "progress": <GET
        /shows/{id}/progress/watched>}``.
    label : str
        Names the source in messages.
    reset : {"current", "lifetime"}
        ``"current"``: the API's counts since the last reset; ``"lifetime"``: an
        episode counts as watched if it has ever been played, and the season and
        show counts are recounted from the episodes.
    count_specials : bool
        Whether season 0 counts in the show's totals (as the API was asked).

    Raises
    ------
    TraktDataError
        A broken structure (not an object, a list where a number belongs), naming the show.
    """
    _check_reset(reset)
    shows = []
    for index, entry in enumerate(entries):
        entry = _dict(entry, f"{label}: show {index}")
        show = _dict(entry.get("show"), f"{label}: show {index}: show")
        where = _where(label, index, show, "")
        progress = _dict(entry.get("progress"), f"{where}: progress")
        watched = entry.get("watched")
        watched = _dict(watched, f"{where}: watched") if watched is not None else None
        plays = _watched_plays(watched, f"{where}: watched.")
        parsed = _Show(
            show=show,
            aired=progress.get("aired"),
            completed=progress.get("completed"),
            plays=watched.get("plays") if watched else None,
            last_watched_at=progress.get("last_watched_at")
            or (watched or {}).get("last_watched_at"),
            reset_at=progress.get("reset_at") or (watched or {}).get("reset_at"),
            next_episode=_dict(progress.get("next_episode"), f"{where}: next_episode") or None,
        )
        hidden = set()
        for hi, h in enumerate(_list(progress.get("hidden_seasons"), f"{where}: hidden_seasons")):
            h = _dict(h, f"{where}: hidden_seasons[{hi}]")
            hidden.add(_number(h.get("number"), f"{where}: hidden_seasons[{hi}].number"))
        listed = set()
        for si, season in enumerate(_list(progress.get("seasons"), f"{where}: seasons")):
            spath = f"{where}: seasons[{si}]"
            season = _dict(season, spath)
            number = _number(season.get("number"), f"{spath}.number")
            listed.add(number)
            s = _Season(number, number in hidden, season.get("aired"), season.get("completed"))
            for ei, ep in enumerate(_list(season.get("episodes"), f"{spath}.episodes")):
                ep = _dict(ep, f"{spath}.episodes[{ei}]")
                n = _number(ep.get("number"), f"{spath}.episodes[{ei}].number")
                p, last = plays.get((number, n), (None, None))
                done = ep.get("completed")
                if type(done) is not bool:
                    raise TraktDataError(
                        f"{spath}.episodes[{ei}].completed: expected true or false, "
                        f"got {short(done)}"
                    )
                if reset == "lifetime" and p:
                    done = True
                s.episodes.append(_Episode(n, done, p, ep.get("last_watched_at") or last))
            if reset == "lifetime":
                s.completed = sum(e.watched for e in s.episodes)
            parsed.seasons.append(s)
        for number in sorted(hidden - listed):
            parsed.seasons.append(_Season(number, hidden=True))
        parsed.seasons.sort(key=lambda s: s.number)
        if reset == "lifetime":
            parsed.completed = sum(
                s.completed or 0
                for s in parsed.seasons
                if s.number in listed and (s.number > 0 or count_specials)
            )
        shows.append(parsed)
    return _build(shows, label)


def parse_public_progress(
    entries: Iterable[dict[str, Any]],
    *,
    now: datetime | pd.Timestamp,
    label: str = "<API v2>",
    reset: str = "current",
    specials: bool = False,
    count_specials: bool = False,
) -> ParsedProgress:
    """Columns of the frames from a public profile's watched shows and the shows' seasons.

    Parameters
    ----------
    entries : iterable of dict
        One per show: ``{"show": <show object>, "watched": <its
        /users/{id}/watched/shows item>, "seasons": <GET
        /shows/{id}/seasons?extended=episodes,full>}``.
    now : datetime
        Episodes whose ``first_aired`` is at or before this (UTC) have aired.
    reset : {"current", "lifetime"}
        ``"current"``: a play before the show's ``reset_at`` does not count;
        ``"lifetime"``: every play counts.
    specials, count_specials : bool
        List season 0; count it in the show's totals.

    Notes
    -----
    A public profile does not say which seasons the user hid: ``hidden`` is
    False for every season. An episode the user watched counts as aired even
    when its air date is unknown (``first_aired`` null).
    """
    _check_reset(reset)
    now_ts = pd.Timestamp(now)
    now_ts = now_ts.tz_localize("UTC") if now_ts.tzinfo is None else now_ts.tz_convert("UTC")
    shows = []
    for index, entry in enumerate(entries):
        entry = _dict(entry, f"{label}: show {index}")
        show = _dict(entry.get("show"), f"{label}: show {index}: show")
        where = _where(label, index, show, "")
        watched = _dict(entry.get("watched"), f"{where}: watched")
        plays = _watched_plays(watched, f"{where}: watched.")
        reset_at = _time(watched.get("reset_at"))
        parsed = _Show(
            show=show,
            plays=watched.get("plays"),
            last_watched_at=watched.get("last_watched_at"),
            reset_at=watched.get("reset_at"),
        )
        by_number: dict[int, _Season] = {}
        for si, season in enumerate(_list(entry.get("seasons"), f"{where}: seasons")):
            spath = f"{where}: seasons[{si}]"
            season = _dict(season, spath)
            number = _number(season.get("number"), f"{spath}.number")
            if number == 0 and not specials:
                continue
            s = by_number.setdefault(number, _Season(number))
            for ei, ep in enumerate(_list(season.get("episodes"), f"{spath}.episodes")):
                ep = _dict(ep, f"{spath}.episodes[{ei}]")
                n = _number(ep.get("number"), f"{spath}.episodes[{ei}].number")
                p, last = plays.pop((number, n), (None, None))
                first = ep.get("first_aired")
                first_ts = _time(first)
                if not p and (first_ts is None or first_ts > now_ts):
                    continue  # not aired yet (or no date), and not watched
                seen = _seen_since_reset(p, last, reset, reset_at)
                s.episodes.append(_Episode(n, seen, p, last, first, ep.get("runtime")))
                s.titles[n] = ep.get("title")
        # A watched episode the seasons do not list (metadata lagging behind) is kept.
        for (number, n), (p, last) in plays.items():
            if number == 0 and not specials:
                continue
            s = by_number.setdefault(number, _Season(number))
            s.episodes.append(_Episode(n, _seen_since_reset(p, last, reset, reset_at), p, last))
        nxt = None
        aired = completed = 0
        for number in sorted(by_number):
            s = by_number[number]
            s.episodes.sort(key=lambda e: e.number)
            s.aired = len(s.episodes)
            s.completed = sum(e.watched for e in s.episodes)
            if number > 0 or count_specials:
                aired += s.aired
                completed += s.completed
                for e in s.episodes:
                    if nxt is None and not e.watched:
                        nxt = {
                            "season": number,
                            "number": e.number,
                            "title": s.titles.get(e.number),
                            "first_aired": e.first_aired,
                        }
            parsed.seasons.append(s)
        parsed.seasons.sort(key=lambda s: s.number)
        parsed.aired, parsed.completed, parsed.next_episode = aired, completed, nxt
        shows.append(parsed)
    return _build(shows, label)


def _seen_since_reset(plays: object, last: object, reset: str, reset_at: Any) -> bool:
    """Watched: played at all ("lifetime"), or last played after the reset ("current")."""
    if not plays:
        return False
    if reset == "current" and reset_at is not None:
        last_ts = _time(last)
        return last_ts is not None and last_ts > reset_at
    return True


def _time(value: object) -> pd.Timestamp | None:
    """A time for a comparison: None when it is no time (the column's warning says so)."""
    try:
        return utc_time(value)
    except BadValue:
        return None


def _times(values: list[object], what: str, titles: list[Any], problems: Problems) -> Any:
    """Times as UTC datetimes (:func:`utc_times`); an odd one is NaT, warned naming the show."""
    times, bad = utc_times(values)
    for i, why in bad:
        problems.odd(short(titles[i]), f"{what} {short(values[i])} {why}")
    return times


def _ints(values: list[object], what: str, titles: list[Any], problems: Problems) -> Any:
    """Counts to Int64; a bad one is NA with a warning naming the show (never 0)."""
    clean: list[int | None] = []
    for i, value in enumerate(values):
        try:
            clean.append(count(value))
        except BadValue as exc:
            problems.odd(short(titles[i]), f"{what}: {exc}")
            clean.append(None)
    return int_array(clean, lambda i: what)


def _build(shows: list[_Show], label: str) -> ParsedProgress:
    problems = Problems(label)
    titles: list[Any] = []
    ids = [_dict(s.show.get("ids"), f"{label}: show {i}: show.ids") for i, s in enumerate(shows)]
    for i, s in enumerate(shows):
        try:
            title = text(s.show.get("title"), "a title")
        except BadValue as exc:
            title, why = None, str(exc)
        else:
            why = "is null"
        if title is None:
            # Trakt sends a null title for a show it could not resolve: loaded, title NA,
            # named by its ids; the other shows are not lost.
            named = ", ".join(
                f"{key} {ids[i][key]}"
                for key in ("trakt", "slug", "tvdb", "imdb")
                if ids[i].get(key)
            )
            problems.odd(
                f"show {i}",
                f"show.title {why} ({named or 'no ids'})",
                then="loaded with title NA",
                order=i,
            )
        titles.append(title)

    cols: dict[str, Any] = {"title": pd.array(titles, dtype=schema.STR)}
    cols["year"] = _ints([s.show.get("year") for s in shows], "show.year", titles, problems)
    cols["trakt_id"] = _ints([d.get("trakt") for d in ids], "ids.trakt", titles, problems)
    cols["slug"] = pd.array([_str_or_none(d.get("slug")) for d in ids], dtype=schema.STR)
    cols["imdb_id"] = pd.array([_str_or_none(d.get("imdb")) for d in ids], dtype=schema.STR)
    for key in ("tvdb", "tmdb"):
        cols[f"{key}_id"] = _ints([d.get(key) for d in ids], f"ids.{key}", titles, problems)
    cols["aired"] = _ints([s.aired for s in shows], "aired", titles, problems)
    cols["completed"] = _ints([s.completed for s in shows], "completed", titles, problems)
    cols["left"] = cols["aired"] - cols["completed"]
    cols["completion"] = completion(cols["completed"], cols["aired"])
    cols["plays"] = _ints([s.plays for s in shows], "plays", titles, problems)
    nxt = [s.next_episode or {} for s in shows]
    cols["next_season"] = _ints(
        [n.get("season") for n in nxt], "next_episode.season", titles, problems
    )
    cols["next_number"] = _ints(
        [n.get("number") for n in nxt], "next_episode.number", titles, problems
    )
    cols["next_title"] = pd.array([_str_or_none(n.get("title")) for n in nxt], dtype=schema.STR)
    cols["next_first_aired"] = _times(
        [n.get("first_aired") for n in nxt], "next_episode.first_aired", titles, problems
    )
    cols["last_watched_at"] = _times(
        [s.last_watched_at for s in shows], "last_watched_at", titles, problems
    )
    cols["reset_at"] = _times([s.reset_at for s in shows], "reset_at", titles, problems)
    cols.update(_show_metadata(shows, titles, problems))

    s_item: list[int] = []
    s_rows: list[_Season] = []
    e_rank: list[int] = []
    e_rows: list[_Episode] = []
    e_titles: list[Any] = []
    for i, s in enumerate(shows):
        for season in s.seasons:
            for ep in sorted(season.episodes, key=lambda e: e.number):
                e_rank.append(len(s_rows))
                e_rows.append(ep)
                e_titles.append(titles[i])
            s_item.append(i)
            s_rows.append(season)
    s_titles = [titles[i] for i in s_item]
    seasons: dict[str, Any] = {"_item": s_item}
    seasons["season"] = [s.number for s in s_rows]
    seasons["aired"] = _ints([s.aired for s in s_rows], "seasons.aired", s_titles, problems)
    seasons["completed"] = _ints(
        [s.completed for s in s_rows], "seasons.completed", s_titles, problems
    )
    seasons["left"] = seasons["aired"] - seasons["completed"]
    seasons["completion"] = completion(seasons["completed"], seasons["aired"])
    seasons["hidden"] = [s.hidden for s in s_rows]

    episodes: dict[str, Any] = {"_season_rank": e_rank}
    episodes["episode"] = [e.number for e in e_rows]
    episodes["watched"] = [e.watched for e in e_rows]
    episodes["plays"] = _ints([e.plays for e in e_rows], "episodes.plays", e_titles, problems)
    episodes["last_watched_at"] = _times(
        [e.last_watched_at for e in e_rows], "episodes.last_watched_at", e_titles, problems
    )
    episodes["first_aired"] = _times(
        [e.first_aired for e in e_rows], "episodes.first_aired", e_titles, problems
    )
    episodes["runtime"] = _ints([e.runtime for e in e_rows], "episodes.runtime", e_titles, problems)
    # Over-counts are data errors of one show: say so, keep the numbers.
    for i, s in enumerate(shows):
        valid = all(type(v) is int and v >= 0 for v in (s.aired, s.completed))
        over = valid and s.completed > s.aired  # type: ignore[operator]
        if over:
            problems.inconsistent(
                short(titles[i]), f"completed ({s.completed}) exceeds aired ({s.aired})"
            )
    return ParsedProgress(cols, seasons, episodes, problems)


def _show_metadata(shows: list[_Show], titles: list[Any], problems: Problems) -> dict[str, Any]:
    """The :data:`schema.SHOW_METADATA` columns from the show objects' ``extended=full``
    fields (all NA where the list was read without them); an odd value is NA, warned."""
    rows = []
    for i, s in enumerate(shows):
        values, odd = parse_trakt_show(s.show)
        for what in odd:
            problems.odd(short(titles[i]) if titles[i] is not None else f"show {i}", what)
        rows.append(values)
    return {
        name: [row[name] for row in rows]
        if dtype == "object"
        else pd.array([row[name] for row in rows], dtype=dtype)
        for name, dtype in schema.SHOW_METADATA.items()
    }


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
