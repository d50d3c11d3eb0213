"""Parse API v2 watched-shows summaries (and the export's copies) into frame columns.

The input is a list of per-show summaries, as API v2's
``/sync/watched/shows?extended=progress`` pages and the account export's
``watched-shows-1.json``, ``watched-shows-2.json``, ... files hold them::

    {"plays": 9, "last_watched_at": "2023-10-23T18:31:05.000Z",
     "last_updated_at": "...", "reset_at": null,
     "show": {"title": "Loki", "year": 2021,
              "ids": {"trakt", "slug", "tvdb", "imdb", "tmdb", "tvrage"}},
     "seasons": [{"number": 1,
                  "episodes": [{"number": 1, "plays": 2,
                                "last_watched_at": "..."}]}]}

optionally joined with the watch history (the columns of
:func:`~trakt_analysis.parsers.history.parse_history`), which adds the split of
the plays into scrobbles, check-ins and "seen" marks, episodes the summaries
lack (Trakt has sent summaries without ``seasons``) and shows that only the
history names.

Neither file has aired counts: ``aired``, ``left``, ``percentage``,
``completion`` and ``next_*`` stay NA here (a metadata provider such as TVmaze
fills them later). ``completed`` is the number of distinct episodes watched,
without specials (season 0) unless ``specials=True``, as Trakt counts.

Pure: payload in, columns out. A top level that is not a list raises
:class:`TraktDataError`; one bad summary (not an object, no show title, a
season that is not an object) is left out or loaded in part, and the returned
warnings name it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktDataError
from ._checks import BadValue, count, short
from ._problems import Problems
from .history import parse_ids
from .parsed import ParsedProgress

__all__ = ["parse_watched_shows"]

_MAX_NUMBER = 10**6
_IDENTITY = ("title", "year", "trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id", "tvrage_id")
_ACTION_COLUMNS = {"scrobble": "scrobbles", "checkin": "checkins", "watch": "seen"}


@dataclass
class _Show:
    identity: dict[str, Any]
    plays: int | None = None
    last_watched_at: Any = None
    reset_at: Any = None
    has_episode_info: bool = False
    # (season, episode) -> [summary's plays, summary's last watch, runtime (minutes),
    #                       plays in the history, last watch in the history]
    episodes: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    history_plays: int = 0


def parse_watched_shows(
    data: object,
    *,
    label: str,
    history: dict[str, Any] | None = None,
    specials: bool = False,
) -> ParsedProgress:
    """Check watched-shows summaries and return the columns of the three frames.

    Parameters
    ----------
    data : list or None
        The parsed JSON: a list with one summary per watched show (all pages or
        numbered files concatenated). None when only a history is at hand.
    label : str
        Names the source in messages.
    history : dict of str to array, optional
        The history columns (from
        :func:`~trakt_analysis.parsers.history.parse_history`). With them,
        ``scrobbles``, ``checkins`` and ``seen`` are filled (else NA), and
        episodes and shows that only the history names are added.
    specials : bool
        Count specials (season 0) in ``completed``. Their episodes are in the
        seasons and episodes frames either way.

    Returns
    -------
    ParsedProgress
        ``shows``: one row per show with at least one play, summaries first
        (in input order), then shows only the history names (newest first).
        ``seasons``: every season with a watched episode. ``episodes``: every
        watched episode, ``watched`` true, with ``plays``, ``last_watched_at``
        (UTC) and ``runtime`` (minutes, from the history; NA when unknown).

    Raises
    ------
    TraktDataError
        `data` is neither a list nor None.
    """
    if data is not None and type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of watched shows at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    problems = Problems(label)
    shows: list[_Show] = []
    by_trakt: dict[int, _Show] = {}
    by_title: dict[tuple[str, Any], _Show] = {}

    def register(show: _Show) -> None:
        shows.append(show)
        trakt = show.identity["trakt_id"]
        if trakt is not None:
            by_trakt.setdefault(trakt, show)
        by_title.setdefault((show.identity["title"], show.identity["year"]), show)

    for index, item in enumerate(data or []):
        show = _summary(index, item, problems)
        if show is not None:
            register(show)
    if history is not None:
        _join_history(history, by_trakt, by_title, register)
    shows = [s for s in shows if s.episodes or (s.plays or 0) > 0]
    return _build(shows, specials=specials, history=history is not None, problems=problems)


def _summary(index: int, item: object, problems: Problems) -> _Show | None:
    where = f"item {index}"
    if type(item) is not dict:
        problems.odd(where, f"expected an object, got {short(item)}", then="left out")
        return None
    show_obj = item.get("show")
    if type(show_obj) is not dict or type(show_obj.get("title")) is not str:
        problems.odd(where, "no show with a title", then="left out")
        return None
    title = show_obj["title"]
    where = f"{where} ({short(title)})"

    def note(what: str) -> None:  # an odd value of this show; `what` says what became of it
        problems.odd(where, what, then="")

    identity, id_problems = parse_ids(show_obj.get("ids"))
    for what in id_problems:
        note(what)
    try:
        identity["year"] = count(show_obj.get("year"), allow_str=True)
    except BadValue as exc:
        note(f"show.year: {exc}")
        identity["year"] = None
    identity["title"] = title
    show = _Show(identity)
    try:
        show.plays = count(item.get("plays"))
    except BadValue as exc:
        note(f"plays: {exc}")
    show.last_watched_at = _time(item.get("last_watched_at"), "last_watched_at", note)
    show.reset_at = _time(item.get("reset_at"), "reset_at", note)
    seasons = item.get("seasons")
    if seasons is not None and type(seasons) is not list:
        note(f"seasons: expected a list, got {short(seasons)}")
        seasons = None
    show.has_episode_info = seasons is not None
    for s_pos, season in enumerate(seasons or []):
        path = f"seasons[{s_pos}]"
        if type(season) is not dict:
            note(f"{path}: expected an object, got {short(season)}")
            continue
        try:
            number = count(season.get("number"))
        except BadValue as exc:
            note(f"{path}.number: {exc}")
            continue
        if number is None or number > _MAX_NUMBER:
            note(f"{path}.number: no plausible season number")
            continue
        episodes = season.get("episodes")
        if type(episodes) is not list:
            if episodes is not None:
                note(f"{path}.episodes: expected a list, got {short(episodes)}")
            continue
        for e_pos, episode in enumerate(episodes):
            e_path = f"{path}.episodes[{e_pos}]"
            if type(episode) is not dict:
                note(f"{e_path}: expected an object, got {short(episode)}")
                continue
            try:
                ep_number = count(episode.get("number"))
                plays = count(episode.get("plays"))
            except BadValue as exc:
                note(f"{e_path}: {exc}")
                continue
            if ep_number is None or ep_number > _MAX_NUMBER:
                note(f"{e_path}.number: no plausible episode number")
                continue
            if plays == 0:  # listed but never played: not a watched episode
                continue
            key = (number, ep_number)
            if key in show.episodes:
                note(f"{e_path}: episode {number}x{ep_number} is listed twice")
                continue
            last = _time(episode.get("last_watched_at"), f"{e_path}.last_watched_at", note)
            show.episodes[key] = [plays, last, None, 0, None]
    return show


def _time(value: object, path: str, note: Callable[[str], None]) -> pd.Timestamp | None:
    if value is None:
        return None
    if type(value) is str:
        try:  # much faster than pd.to_datetime per value; ISO 8601 as Trakt sends it
            stamp = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=UTC)
            return pd.Timestamp(stamp).tz_convert("UTC")
    note(f"{path}: {short(value)} is not a time; loaded as NaT")
    return None


_NAT = np.iinfo(np.int64).min  # NaT as int64 nanoseconds


def _join_history(history: dict[str, Any], by_trakt: dict, by_title: dict, register) -> None:
    kind = np.asarray(pd.array(history["type"]).to_numpy(dtype=object, na_value=None))
    rows = np.flatnonzero(kind == "episode")
    get = {
        name: pd.array(history[name]).to_numpy(dtype=object, na_value=None)
        for name in (*_IDENTITY, "season", "episode", "action", "runtime")
    }
    # The latest play of each episode, in bulk: nanoseconds (NaT is the smallest int64),
    # and per row the episode's entry it updates.
    watched_ns = pd.array(history["watched_at"], dtype=schema.UTC).asi8
    touched: list[list[Any]] = []
    slot_of: dict[int, int] = {}
    row_slot = np.empty(len(rows), dtype=np.int64)
    for r, i in enumerate(rows):
        trakt = get["trakt_id"][i]
        key = (get["title"][i], get["year"][i])
        show = by_trakt.get(trakt) if trakt is not None else None
        if show is None:
            show = by_title.get(key)
        if show is None:
            show = _Show({name: get[name][i] for name in _IDENTITY})
            register(show)
        show.history_plays += 1
        action = get["action"][i]
        if action is not None:
            show.actions[action] = show.actions.get(action, 0) + 1
        ep_key = (int(get["season"][i]), int(get["episode"][i]))
        # An episode the summaries lack gets the history's own count and time.
        entry = show.episodes.setdefault(ep_key, [None, None, None, 0, None])
        entry[3] += 1
        slot = slot_of.setdefault(id(entry), len(touched))
        if slot == len(touched):
            touched.append(entry)
        row_slot[r] = slot
        if entry[2] is None and get["runtime"][i] is not None:
            entry[2] = get["runtime"][i]
    latest = np.full(len(touched), _NAT, dtype=np.int64)
    np.maximum.at(latest, row_slot, watched_ns[rows])
    for entry, ns in zip(touched, latest.tolist(), strict=True):
        if ns != _NAT:
            stamp = pd.Timestamp(ns, tz="UTC")
            if entry[4] is None or stamp > entry[4]:
                entry[4] = stamp


def _build(
    shows: list[_Show], *, specials: bool, history: bool, problems: Problems
) -> ParsedProgress:
    out_shows: dict[str, Any] = {
        name: pd.array([s.identity[name] for s in shows], dtype=schema.SHOWS[name])
        for name in _IDENTITY
    }
    plays, completed, last, reset = [], [], [], []
    actions: dict[str, list[Any]] = {column: [] for column in _ACTION_COLUMNS.values()}
    seasons: dict[str, list[Any]] = {"_item": [], "season": [], "completed": []}
    episodes: dict[str, list[Any]] = {
        "_season_rank": [],
        "episode": [],
        "plays": [],
        "last_watched_at": [],
        "runtime": [],
    }
    for item, show in enumerate(shows):
        ep_plays: dict[tuple[int, int], int | None] = {}
        ep_last: dict[tuple[int, int], Any] = {}
        for key, entry in show.episodes.items():
            summary_plays, summary_last, _, history_plays, history_last = entry
            ep_plays[key] = summary_plays if summary_plays is not None else (history_plays or None)
            ep_last[key] = summary_last if summary_last is not None else history_last
        keys = sorted(show.episodes)
        known = show.has_episode_info or bool(keys)
        counted = [k for k in keys if specials or k[0] > 0]
        completed.append(len(counted) if known else None)
        if show.plays is not None:
            plays.append(show.plays)
        elif show.history_plays or ep_plays:
            values = [p for p in ep_plays.values() if p is not None]
            plays.append(sum(values) if values else None)
        else:
            plays.append(None)
        for action, column in _ACTION_COLUMNS.items():
            actions[column].append(show.actions.get(action, 0) if history else None)
        last_values = [t for t in ep_last.values() if t is not None]
        if show.last_watched_at is not None:
            last.append(show.last_watched_at)
        else:
            last.append(max(last_values) if last_values else None)
        reset.append(show.reset_at)
        season_rank = None
        previous = None
        for season, number in keys:
            if season != previous:
                seasons["_item"].append(item)
                seasons["season"].append(season)
                seasons["completed"].append(0)
                season_rank = len(seasons["season"]) - 1
                previous = season
            seasons["completed"][-1] += 1
            episodes["_season_rank"].append(season_rank)
            episodes["episode"].append(number)
            episodes["plays"].append(ep_plays[(season, number)])
            episodes["last_watched_at"].append(ep_last[(season, number)])
            episodes["runtime"].append(show.episodes[(season, number)][2])
    out_shows["plays"] = pd.array(plays, dtype="Int64")
    out_shows["completed"] = pd.array(completed, dtype="Int64")
    for column, values in actions.items():
        out_shows[column] = pd.array(values, dtype="Int64")
    out_shows["last_watched_at"] = _utc(last)
    out_shows["reset_at"] = _utc(reset)
    n_seasons = len(seasons["season"])
    out_seasons = {
        "_item": np.asarray(seasons["_item"], dtype=np.int64),
        "season": np.asarray(seasons["season"], dtype=np.int64),
        "completed": pd.array(seasons["completed"], dtype="Int64"),
        "hidden": np.zeros(n_seasons, dtype=bool),
    }
    n_episodes = len(episodes["episode"])
    out_episodes = {
        "_season_rank": np.asarray(episodes["_season_rank"], dtype=np.int64),
        "episode": np.asarray(episodes["episode"], dtype=np.int64),
        "watched": np.ones(n_episodes, dtype=bool),
        "plays": pd.array(episodes["plays"], dtype="Int64"),
        "last_watched_at": _utc(episodes["last_watched_at"]),
        "runtime": pd.array(episodes["runtime"], dtype="Int64"),
    }
    return ParsedProgress(out_shows, out_seasons, out_episodes, problems)


def _utc(values: list[Any]) -> Any:
    return pd.array(pd.to_datetime(pd.Series(values, dtype=object), utc=True), dtype=schema.UTC)
