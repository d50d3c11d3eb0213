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

The rules, as trakt.tv counts progress (``docs/data-rules.md`` lists them per field):

- ``completed`` is the number of distinct episodes watched, without specials
  (season 0) unless ``specials=True`` and without the seasons the user hid
  from progress (``hidden``, from ``hidden-progress-watched.json``);
- ``reset="current"``: after a progress reset (``reset_at``), an episode
  counts only when it was played after the reset (its row stays, ``watched``
  False); ``"lifetime"``: every episode ever watched counts;
- ``aired`` is the summary's ``show.aired_episodes`` (Trakt's count of aired
  episodes, specials left out) when it can stand for the counted seasons: not
  with ``specials=True``, nor for a show with a hidden season (its aired
  episodes are not known per season); ``left``, ``percentage`` and
  ``completion`` follow from it. Season counts and ``next_*`` stay NA (a
  metadata provider such as TVmaze fills them later);
- a show whose history holds fewer plays than its summary's ``plays`` has an
  incomplete history (trakt-web #3152, or a failed page): its ``completed``
  and what follows from it are NA, never a lower bound shown as exact;
- a show listed twice (same Trakt id) is read once; the duplicates are counted
  in a warning.

Pure: payload in, columns out. A top level that is not a list raises
:class:`TraktDataError`; one bad summary (not an object, no show title, a
season that is not an object) is left out or loaded in part, and the returned
warnings name it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktArgumentError, TraktDataError
from ._checks import BadValue, count, short, utc_time
from ._problems import Problems
from ._repeats import repeated, repeats_note
from .history import _named_by_ids, parse_ids
from .parsed import ParsedProgress

__all__ = [
    "RESET_MODES",
    "HiddenProgress",
    "hidden_shows_column",
    "parse_hidden_progress",
    "parse_watched_shows",
]

#: ``"current"``: progress since the last reset; ``"lifetime"``: every episode ever watched
#: (the same rule as :meth:`TraktAPI.progress <trakt_analysis.TraktAPI.progress>`).
RESET_MODES = ("current", "lifetime")

_MAX_NUMBER = 10**6
_MAX_NAMES = 10  # shows named in one note, then "and N more"
_IDENTITY = ("title", "year", "trakt_id", "slug", "imdb_id", "tvdb_id", "tmdb_id", "tvrage_id")
_ACTION_COLUMNS = {"scrobble": "scrobbles", "checkin": "checkins", "watch": "seen"}


@dataclass
class _Show:
    identity: dict[str, Any]
    plays: int | None = None
    last_watched_at: Any = None
    reset_at: Any = None
    aired_episodes: int | None = None
    has_episode_info: bool = False
    # (season, episode) -> [summary's plays, summary's last watch, runtime (minutes),
    #                       plays in the history, last watch in the history]
    episodes: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)
    history_plays: int = 0


ShowKey = int | tuple[str, Any]


@dataclass
class HiddenProgress:
    """What the user hid from progress: shows, and seasons per show.

    Keys are Trakt ids (int), or ``(title, year)`` for an item without one.
    """

    shows: set[ShowKey] = field(default_factory=set)
    seasons: dict[ShowKey, set[int]] = field(default_factory=dict)

    def show_hidden(self, identity: Mapping[str, Any]) -> bool:
        return any(key in self.shows for key in _keys(identity))

    def hidden_seasons(self, identity: Mapping[str, Any]) -> set[int]:
        out: set[int] = set()
        for key in _keys(identity):
            out |= self.seasons.get(key, set())
        return out


def _keys(identity: Mapping[str, Any]) -> list[ShowKey]:
    keys: list[ShowKey] = []
    if identity.get("trakt_id") is not None:
        keys.append(int(identity["trakt_id"]))
    if identity.get("title") is not None:
        keys.append((identity["title"], identity.get("year")))
    return keys


def parse_hidden_progress(data: object, *, label: str) -> tuple[HiddenProgress, Problems]:
    """Read ``GET /users/hidden/progress_watched`` items (``hidden-progress-watched.json``).

    Each item is ``{"hidden_at", "type": "show" | "season", "show": {title, year,
    ids}, "season": {"number", "ids"}}`` (``season`` for type "season" only).
    Returns what is hidden and the problems naming the items left out (not an
    object, no show, a season without a number); other types are ignored.

    Raises
    ------
    TraktDataError
        The top level is not a list.
    """
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of hidden items, "
            f"got {type(data).__name__} {short(data)}"
        )
    hidden = HiddenProgress()
    problems = Problems(label)
    for index, item in enumerate(data):
        where = f"item {index}"
        if type(item) is not dict or type(item.get("show")) is not dict:
            problems.odd(where, "no show object", then="left out", order=index)
            continue
        show = item["show"]
        identity, _ = parse_ids(show.get("ids"))
        title = show.get("title")
        identity["title"] = title if type(title) is str else None
        try:
            identity["year"] = count(show.get("year"), allow_str=True)
        except BadValue:
            identity["year"] = None
        keys = _keys(identity)
        if not keys:
            problems.odd(where, "the show has no Trakt id and no title", then="left out")
            continue
        if item.get("type") == "show":
            hidden.shows.update(keys)
        elif item.get("type") == "season":
            season = item.get("season")
            try:
                number = count(season.get("number")) if type(season) is dict else None
            except BadValue:
                number = None
            if number is None:
                problems.odd(where, "a hidden season without a number", then="left out")
                continue
            for key in keys:
                hidden.seasons.setdefault(key, set()).add(number)
    return hidden, problems


def hidden_shows_column(hidden: HiddenProgress | None, shows: Mapping[str, Any]) -> Any:
    """The shows frame's boolean ``hidden`` column for parsed show columns.

    `shows` holds the columns ``trakt_id``, ``title`` and ``year`` of a
    parser's :class:`~.parsed.ParsedProgress`. True where the show is in
    `hidden` (by Trakt id, else title and year), False elsewhere: the
    signed-in user's hidden list is complete. All NA when `hidden` is None
    (unknown: a public profile's list is private, or it was not read).
    Returns a pandas ``boolean`` array, one value per show.
    """
    n = len(shows["title"])
    if hidden is None:
        return pd.array([None] * n, dtype="boolean")
    values = []
    for trakt_id, title, year in zip(shows["trakt_id"], shows["title"], shows["year"], strict=True):
        identity = {
            "trakt_id": None if pd.isna(trakt_id) else int(trakt_id),
            "title": None if pd.isna(title) else title,
            "year": None if pd.isna(year) else int(year),
        }
        values.append(hidden.show_hidden(identity))
    return pd.array(values, dtype="boolean")


def parse_watched_shows(
    data: object,
    *,
    label: str,
    history: dict[str, Any] | None = None,
    specials: bool = False,
    reset: str = "current",
    hidden: HiddenProgress | None = None,
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
    reset : {"current", "lifetime"}
        After a progress reset (``reset_at``): count the episodes played since
        (``"current"``, as trakt.tv shows progress) or every episode ever
        watched (``"lifetime"``).
    hidden : HiddenProgress, optional
        Shows and seasons hidden from progress (:func:`parse_hidden_progress`).

    Returns
    -------
    ParsedProgress
        ``shows``: one row per show with at least one play, summaries first
        (in input order), then shows only the history names (newest first);
        an extra boolean column ``hidden`` (the show is hidden from progress:
        dropped; NA when `hidden` is None). ``seasons``: every season with a
        watched episode, ``hidden`` from `hidden`. ``episodes``: every watched
        episode, with ``watched`` (False for an episode played only before a
        reset, with ``reset="current"``), ``plays``, ``last_watched_at`` (UTC)
        and ``runtime`` (minutes, from the history; NA when unknown).
        ``notes`` say which shows' history is incomplete and how many
        duplicates were dropped; they are in ``warnings`` too.

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
    if reset not in RESET_MODES:
        raise TraktArgumentError(f"reset must be one of {RESET_MODES}, got {reset!r}")
    problems = Problems(label)
    notes: list[str] = []
    shows: list[_Show] = []
    by_trakt: dict[int, _Show] = {}
    by_title: dict[tuple[str, Any], _Show] = {}

    def register(show: _Show) -> None:
        shows.append(show)
        trakt = show.identity["trakt_id"]
        if trakt is not None:
            by_trakt.setdefault(trakt, show)
        by_title.setdefault((show.identity["title"], show.identity["year"]), show)

    read = [
        s
        for s in (_summary(i, item, problems) for i, item in enumerate(data or []))
        if s is not None
    ]
    # The same show listed twice (paging over a changing list) is read once.
    twice = repeated({"trakt_id": [s.identity["trakt_id"] for s in read]}, required="trakt_id")
    for show in (s for s, again in zip(read, twice, strict=True) if not again):
        register(show)
    if history is not None:
        _join_history(history, by_trakt, by_title, register)
    shows = [s for s in shows if s.episodes or (s.plays or 0) > 0]
    parsed = _build(
        shows,
        specials=specials,
        history=history is not None,
        problems=problems,
        reset=reset,
        hidden=hidden,
        notes=notes,
    )
    if twice.any():
        notes.append(repeats_note("shows", int(twice.sum())))
    parsed.notes = [f"{label}: {n}" for n in notes]
    return parsed


def _summary(index: int, item: object, problems: Problems) -> _Show | None:
    where = f"item {index}"
    if type(item) is not dict:
        problems.odd(where, f"expected an object, got {short(item)}", then="left out")
        return None
    show_obj = item.get("show")
    if type(show_obj) is not dict:
        problems.odd(where, "no show object", then="left out")
        return None
    title = show_obj.get("title")
    title_problem = None
    if type(title) is not str:
        # Trakt sends a null title for a show it could not resolve: kept by its ids.
        named = _named_by_ids(show_obj.get("ids"))
        if named is None:
            problems.odd(where, "a show without a title or ids", then="left out")
            return None
        title_problem = f"show.title is {short(title)} ({named}); loaded with title NA"
        title = None
    where = f"{where} ({short(title)})"

    def note(what: str) -> None:  # an odd value of this show; `what` says what became of it
        problems.odd(where, what, then="")

    if title_problem is not None:
        note(title_problem)
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
    try:
        show.aired_episodes = count(show_obj.get("aired_episodes"))
    except BadValue as exc:
        note(f"show.aired_episodes: {exc}")
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
    try:
        return utc_time(value)  # the one conversion of every source's times
    except BadValue as exc:
        note(f"{path}: {short(value)} {exc}; loaded as NaT")
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
    shows: list[_Show],
    *,
    specials: bool,
    history: bool,
    problems: Problems,
    reset: str = "current",
    hidden: HiddenProgress | None = None,
    notes: list[str] | None = None,
) -> ParsedProgress:
    out_shows: dict[str, Any] = {
        name: pd.array([s.identity[name] for s in shows], dtype=schema.SHOWS[name])
        for name in _IDENTITY
    }
    plays: list[int | None] = []
    completed: list[int | None] = []
    aired: list[int | None] = []
    last: list[Any] = []
    reset_col: list[Any] = []
    hidden_shows: list[bool | None] = []
    incomplete: list[str] = []
    actions: dict[str, list[Any]] = {column: [] for column in _ACTION_COLUMNS.values()}
    seasons: dict[str, list[Any]] = {"_item": [], "season": [], "completed": [], "hidden": []}
    episodes: dict[str, list[Any]] = {
        "_season_rank": [],
        "episode": [],
        "watched": [],
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
        hidden_numbers = hidden.hidden_seasons(show.identity) if hidden is not None else set()
        hidden_shows.append(hidden.show_hidden(show.identity) if hidden is not None else None)
        # Watched since the reset ("current"), or ever ("lifetime"); a play at an
        # unknown time before a reset is not known to be after it.
        since_reset = reset == "current" and show.reset_at is not None
        seen_map = {
            key: not since_reset or (ep_last[key] is not None and ep_last[key] > show.reset_at)
            for key in keys
        }

        known = show.has_episode_info or bool(keys)
        # The history misses plays of this show (trakt-web #3152, a failed page): what it
        # holds is a lower bound, not the count.
        short_history = (
            history
            and not show.has_episode_info
            and show.plays is not None
            and show.history_plays < show.plays
        )
        if short_history:
            incomplete.append(
                f"{_label(show)}: {show.history_plays} of {show.plays} plays in the history"
            )
        counted = [
            k for k in keys if (specials or k[0] > 0) and k[0] not in hidden_numbers and seen_map[k]
        ]
        n_completed = len(counted) if known and not short_history else None
        completed.append(n_completed)
        # Trakt's show-level aired count stands for the counted seasons only when no
        # season is hidden and specials are not counted (it leaves them out).
        trakt_aired = show.aired_episodes
        if specials or any(n > 0 for n in hidden_numbers):
            trakt_aired = None
        if trakt_aired is not None and n_completed is not None and n_completed > trakt_aired:
            problems.inconsistent(
                _label(show),
                f"{n_completed} episodes completed but show.aired_episodes is "
                f"{trakt_aired}; aired left NA",
            )
            trakt_aired = None
        aired.append(trakt_aired)
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
        reset_col.append(show.reset_at)
        previous = None
        season_rank = None
        for season, number in keys:
            if season != previous:
                seasons["_item"].append(item)
                seasons["season"].append(season)
                seasons["completed"].append(None if short_history else 0)
                seasons["hidden"].append(season in hidden_numbers)
                season_rank = len(seasons["season"]) - 1
                previous = season
            seen = seen_map[(season, number)]
            if seen and not short_history:
                seasons["completed"][-1] += 1
            episodes["_season_rank"].append(season_rank)
            episodes["episode"].append(number)
            episodes["watched"].append(seen)
            episodes["plays"].append(ep_plays[(season, number)])
            episodes["last_watched_at"].append(ep_last[(season, number)])
            episodes["runtime"].append(show.episodes[(season, number)][2])
    if incomplete and notes is not None:
        shown = "; ".join(incomplete[:_MAX_NAMES])
        if len(incomplete) > _MAX_NAMES:
            shown += f"; and {len(incomplete) - _MAX_NAMES} more"
        notes.append(
            f"the history is incomplete for {len(incomplete)} show(s) (it holds fewer plays "
            "than watched-shows counts, as in exports made before trakt.tv fixed its "
            f"exporter in August 2026): their completed counts are NA: {shown}"
        )
    out_shows["plays"] = pd.array(plays, dtype="Int64")
    out_shows["completed"] = pd.array(completed, dtype="Int64")
    aired_array = pd.array(aired, dtype="Int64")
    done = out_shows["completed"]
    out_shows["aired"] = aired_array
    out_shows["left"] = aired_array - done
    ratio = done.astype("Float64") / aired_array.astype("Float64")
    out_shows["completion"] = pd.array(
        pd.Series(ratio).where(pd.Series(aired_array) > 0, pd.NA), dtype="Float64"
    )
    out_shows["percentage"] = pd.array(
        pd.Series(done * 100) // pd.Series(aired_array).where(pd.Series(aired_array) > 0, pd.NA),
        dtype="Int64",
    )
    for column, values in actions.items():
        out_shows[column] = pd.array(values, dtype="Int64")
    out_shows["last_watched_at"] = _utc(last)
    out_shows["reset_at"] = _utc(reset_col)
    out_shows["hidden"] = pd.array(hidden_shows, dtype="boolean")
    out_seasons = {
        "_item": np.asarray(seasons["_item"], dtype=np.int64),
        "season": np.asarray(seasons["season"], dtype=np.int64),
        "completed": pd.array(seasons["completed"], dtype="Int64"),
        "hidden": np.asarray(seasons["hidden"], dtype=bool),
    }
    out_episodes = {
        "_season_rank": np.asarray(episodes["_season_rank"], dtype=np.int64),
        "episode": np.asarray(episodes["episode"], dtype=np.int64),
        "watched": np.asarray(episodes["watched"], dtype=bool),
        "plays": pd.array(episodes["plays"], dtype="Int64"),
        "last_watched_at": _utc(episodes["last_watched_at"]),
        "runtime": pd.array(episodes["runtime"], dtype="Int64"),
    }
    return ParsedProgress(out_shows, out_seasons, out_episodes, problems)


def _label(show: _Show) -> str:
    title, year = show.identity["title"], show.identity["year"]
    if title is None:
        return f"the show without a title (trakt {show.identity['trakt_id']})"
    return f"{title} ({year})" if year is not None else str(title)


def _utc(values: list[Any]) -> Any:
    return pd.array(pd.to_datetime(pd.Series(values, dtype=object), utc=True), dtype=schema.UTC)
