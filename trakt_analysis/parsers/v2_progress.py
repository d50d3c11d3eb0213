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

from collections.abc import Iterable, Iterator
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


class _Skip(Exception):
    """Part of one show is odd: it is left out, recorded in the problems naming the show."""


class _ShowReader:
    """Reads the parts of one show, recording what is odd under the show's name.

    A part that cannot be read (a season or episode number that is not a whole
    number up to 10**6, a season that is not an object) raises :class:`_Skip`
    after recording it; the caller leaves that part out and marks what it
    would have counted as unknown. The other shows are never lost.
    """

    def __init__(self, place: str, problems: Problems) -> None:
        self.place = place
        self.problems = problems
        self.partial = False  # something of this show was left out

    def skip(self, path: str, what: str) -> _Skip:
        self.problems.odd(self.place, f"{path}: {what}", then="left out")
        self.partial = True
        return _Skip()

    def number(self, value: object, path: str) -> int:
        try:
            n = count(value)
        except BadValue as exc:
            raise self.skip(path, str(exc)) from None
        if n is None or n > _MAX_NUMBER:
            raise self.skip(path, f"expected a season or episode number, got {short(value)}")
        return n

    def seq(self, value: object, path: str) -> list[Any]:
        if value is None:
            return []
        if type(value) is not list:
            raise self.skip(path, f"expected a list, got {type(value).__name__}")
        return value

    def obj(self, value: object, path: str) -> dict[str, Any]:
        try:
            return mapping(value, "an object")
        except BadValue as exc:
            raise self.skip(path, str(exc)) from None

    def numbered(
        self, value: object, path: str
    ) -> Iterator[tuple[int | None, dict[str, Any], str]]:
        """(number, object, path) of each object (a season, an episode) in the list at
        `path`; the number is None when it is odd (recorded: the caller leaves it out).
        An entry that is not an object is left out here."""
        try:
            listed = self.seq(value, path)
        except _Skip:
            return
        for i, item in enumerate(listed):
            where = f"{path}[{i}]"
            try:
                part = self.obj(item, where)
            except _Skip:
                continue
            try:
                yield self.number(part.get("number"), f"{where}.number"), part, where
            except _Skip:
                yield None, part, where


def _dict(value: object, where: str) -> dict[str, Any]:
    try:
        return mapping(value, "an object")
    except BadValue as exc:
        raise TraktDataError(f"{where}: {exc}") from None


def _shows(
    entries: Iterable[dict[str, Any]], problems: Problems, part: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any], _ShowReader, dict[str, Any]]]:
    """(entry, show, reader, the entry's `part` object) per usable entry; an entry that
    names no show, or whose `part` is not an object, is left out (recorded in `problems`)."""
    for index, entry in enumerate(entries):
        show = entry.get("show") if type(entry) is dict else None
        if type(show) is not dict:
            what = "show" if type(entry) is dict else "entry"
            problems.odd(f"show {index}", f"{what} is not an object", then="left out")
            continue
        title = show.get("title")
        place = short(title) if isinstance(title, str) else f"show {index}"
        read = _ShowReader(place, problems)
        try:
            obj = read.obj(entry.get(part), part)
        except _Skip:
            continue
        yield entry, show, read, obj


def _watched_plays(
    watched: dict[str, Any] | None, read: _ShowReader
) -> tuple[dict[tuple[int, int], tuple], set[int] | None]:
    """(season, episode) -> (plays, last_watched_at) from a watched-shows item, and the
    seasons with an episode left out (None: a season whose number is unknown)."""
    out: dict[tuple[int, int], tuple] = {}
    gaps: set[int] | None = set()
    if not watched:
        return out, gaps
    for number, season, spath in read.numbered(watched.get("seasons"), "watched.seasons"):
        if number is None:
            gaps = None
            continue
        for n, ep, _ in read.numbered(season.get("episodes"), f"{spath}.episodes"):
            if n is None:
                if gaps is not None:
                    gaps.add(number)
                continue
            out[(number, n)] = (ep.get("plays"), ep.get("last_watched_at"))
    return out, gaps


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

    Notes
    -----
    One odd part of a show (a season or episode number that is not a whole
    number, ``"S1"``, -1, 1.5, null or above 10**6; a season that is not an
    object; an episode whose ``completed`` is not true or false) is left out
    with a :class:`~trakt_analysis.TraktDataWarning` naming the show; the
    counts recounted from what was left out (``reset="lifetime"``) are NA,
    never a lower number. An entry without a show object is left out the same
    way; the other shows load.
    """
    _check_reset(reset)
    problems = Problems(label)
    shows = []
    for entry, show, read, progress in _shows(entries, problems, "progress"):
        watched = entry.get("watched")
        try:
            watched = read.obj(watched, "watched") if watched is not None else None
        except _Skip:
            watched = None
        plays, gaps = _watched_plays(watched, read)
        try:
            nxt = read.obj(progress.get("next_episode"), "next_episode") or None
        except _Skip:
            nxt = None
        parsed = _Show(
            show=show,
            aired=progress.get("aired"),
            completed=progress.get("completed"),
            plays=watched.get("plays") if watched else None,
            last_watched_at=progress.get("last_watched_at")
            or (watched or {}).get("last_watched_at"),
            reset_at=progress.get("reset_at") or (watched or {}).get("reset_at"),
            next_episode=nxt,
        )
        hidden = {
            number
            for number, _, _ in read.numbered(progress.get("hidden_seasons"), "hidden_seasons")
            if number is not None
        }
        listed = set()
        lost_season = False  # a season left out: a lifetime recount is unknown
        for number, season, spath in read.numbered(progress.get("seasons"), "seasons"):
            if number is None:
                lost_season = True
                continue
            listed.add(number)
            s = _Season(number, number in hidden, season.get("aired"), season.get("completed"))
            gap = False
            for n, ep, path in read.numbered(season.get("episodes"), f"{spath}.episodes"):
                done = ep.get("completed")
                if n is not None and type(done) is not bool:
                    read.skip(f"{path}.completed", f"expected true or false, got {short(done)}")
                if n is None or type(done) is not bool:
                    gap = True
                    continue
                p, last = plays.get((number, n), (None, None))
                if reset == "lifetime" and p:
                    done = True
                s.episodes.append(_Episode(n, done, p, ep.get("last_watched_at") or last))
            if reset == "lifetime":
                # Recounted from the episodes and their plays: unknown when one was left out.
                gap = gap or gaps is None or number in gaps
                s.completed = None if gap else sum(e.watched for e in s.episodes)
            parsed.seasons.append(s)
        for number in sorted(hidden - listed):
            parsed.seasons.append(_Season(number, hidden=True))
        parsed.seasons.sort(key=lambda s: s.number)
        if reset == "lifetime":
            counted = [
                s.completed
                for s in parsed.seasons
                if s.number in listed and (s.number > 0 or count_specials)
            ]
            unknown = lost_season or None in counted
            parsed.completed = None if unknown else sum(c or 0 for c in counted)
        shows.append(parsed)
    return _build(shows, problems)


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
    when its air date is unknown (``first_aired`` null). The counts are
    counted here from the episodes: one odd part of a show (a season or episode
    number that is not a whole number, a season that is not an object) is left
    out with a :class:`~trakt_analysis.TraktDataWarning` naming the show, and
    the counts it would have been in (the season's, the show's, the next
    episode) are NA, never a lower number. The other shows load.
    """
    _check_reset(reset)
    now_ts = pd.Timestamp(now)
    now_ts = now_ts.tz_localize("UTC") if now_ts.tzinfo is None else now_ts.tz_convert("UTC")
    problems = Problems(label)
    shows = []
    for entry, show, read, watched in _shows(entries, problems, "watched"):
        plays, gaps = _watched_plays(watched, read)
        reset_at = _time(watched.get("reset_at"))
        parsed = _Show(
            show=show,
            plays=watched.get("plays"),
            last_watched_at=watched.get("last_watched_at"),
            reset_at=watched.get("reset_at"),
        )
        by_number: dict[int, _Season] = {}
        lost_season = False  # a season left out, its number unknown
        for number, season, spath in read.numbered(entry.get("seasons"), "seasons"):
            lost_season = lost_season or number is None
            if number is None or (number == 0 and not specials):
                continue
            s = by_number.setdefault(number, _Season(number))
            for n, ep, _ in read.numbered(season.get("episodes"), f"{spath}.episodes"):
                if n is None:
                    if gaps is not None:
                        gaps.add(number)
                    continue
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
            if gaps is None or number in gaps:
                # An episode of this season was left out: its counts are unknown.
                s.aired = s.completed = None
            else:
                s.aired = len(s.episodes)
                s.completed = sum(e.watched for e in s.episodes)
            if number > 0 or count_specials:
                aired += s.aired or 0
                completed += s.completed or 0
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
        counted_gap = gaps is None or any(n > 0 or count_specials for n in gaps)
        if lost_season or counted_gap:
            # Something a counted season holds was left out: the show's counts are unknown.
            parsed.next_episode = None
        else:
            parsed.aired, parsed.completed, parsed.next_episode = aired, completed, nxt
        shows.append(parsed)
    return _build(shows, problems)


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


def _build(shows: list[_Show], problems: Problems) -> ParsedProgress:
    label = problems.label
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
