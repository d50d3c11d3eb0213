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

from collections import ChainMap
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
    # The summary's episodes (the history's are joined in bulk, :class:`_HistoryEpisodes`):
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
    joined = None
    if history is not None:
        history = _fill_years(history, by_trakt, notes)
        joined = _history_episodes(history, by_trakt, by_title, register)
    # A show with plays in the history has episodes from it.
    shows = [s for s in shows if s.episodes or s.history_plays or (s.plays or 0) > 0]
    parsed = _build(
        shows,
        joined=joined,
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
    parsed.history = history
    return parsed


def _fill_years(
    history: dict[str, Any], by_trakt: Mapping[int, _Show], notes: list[str]
) -> dict[str, Any]:
    """`history` with a play's null year taken from its show or movie, said in `notes`.

    The year of a play's show (or movie) is the one of the same Trakt id in the
    watched shows and in the other plays, where they name exactly one: the
    history's ``year`` joins the plays to the shows with the title. A show
    whose year is null everywhere keeps NA (Trakt has no year for it).
    """
    year = pd.array(history["year"], dtype="Int64")
    missing = np.asarray(year.isna(), dtype=bool)
    trakt = pd.array(history["trakt_id"], dtype="Int64")
    missing &= ~np.asarray(trakt.isna(), dtype=bool)
    if not missing.any():
        return history
    plays = pd.DataFrame(
        {"type": pd.array(history["type"], dtype=object), "trakt_id": trakt, "year": year}
    )
    listed = [
        ("episode", t, show.identity["year"])
        for t, show in by_trakt.items()
        if show.identity["year"] is not None
    ]
    known = pd.concat(
        [plays.dropna(), pd.DataFrame(listed, columns=["type", "trakt_id", "year"])],
        ignore_index=True,
    ).astype({"trakt_id": "Int64", "year": "Int64"})
    years = known.groupby(["type", "trakt_id"])["year"].unique()
    single = years[years.map(len) == 1].map(lambda y: int(y[0]))
    keys = pd.MultiIndex.from_frame(plays.loc[missing, ["type", "trakt_id"]])
    found = pd.Series(single.reindex(keys).to_numpy(), index=np.flatnonzero(missing))
    found = found.dropna()
    if found.empty:
        return history
    filled = year.copy()
    filled[found.index.to_numpy()] = found.to_numpy(dtype=np.int64)
    titles = pd.Series(pd.array(history["title"], dtype=object)[found.index.to_numpy()])
    named = sorted({f"{t} ({int(y)})" for t, y in zip(titles, found, strict=True)})
    shown = ", ".join(named[:10]) + (f" and {len(named) - 10} more" if len(named) > 10 else "")
    count_ = len(found)
    notes.append(
        f"{count_} history {'entry has' if count_ == 1 else 'entries have'} a null year "
        f"where the same show or movie (Trakt id) has one; filled: {shown}"
    )
    return {**history, "year": filled}


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
    if identity["trakt_id"] is None and not any(w.startswith("ids.trakt") for w in id_problems):
        # Trakt numbers every show: without it a repeat of the show is not told apart,
        # and its plays in the history are joined by title and year.
        ids = show_obj.get("ids")
        raw = ids.get("trakt") if type(ids) is dict else ids
        note(f"show.ids.trakt is {short(raw)}, not a Trakt id; loaded as NA")
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
        checked = _numbered(season, path, ("number",), note, failed=f"{path}.number", what="season")
        if checked is None:
            continue
        (number,) = checked
        episodes = season.get("episodes")
        if type(episodes) is not list:
            if episodes is not None:
                note(f"{path}.episodes: expected a list, got {short(episodes)}")
            continue
        for e_pos, episode in enumerate(episodes):
            e_path = f"{path}.episodes[{e_pos}]"
            checked = _numbered(
                episode, e_path, ("number", "plays"), note, failed=e_path, what="episode"
            )
            if checked is None:
                continue
            ep_number, plays = checked
            if plays == 0:  # listed but never played: not a watched episode
                continue
            key = (number, ep_number)
            if key in show.episodes:
                note(f"{e_path}: episode {number}x{ep_number} is listed twice")
                continue
            last = _time(episode.get("last_watched_at"), f"{e_path}.last_watched_at", note)
            show.episodes[key] = [plays, last, None, 0, None]
    return show


def _numbered(
    obj: object,
    path: str,
    fields: tuple[str, ...],
    note: Callable[[str], None],
    *,
    failed: str,
    what: str,
) -> tuple[Any, ...] | None:
    """The counts `fields` of a season or episode object, ``number`` first; None if left out.

    Left out, with a note, where `obj` is not an object, a count is not one
    (the note at `failed`) or the number is not a plausible `what` number.
    """
    if type(obj) is not dict:
        note(f"{path}: expected an object, got {short(obj)}")
        return None
    try:
        counts = tuple(count(obj.get(name)) for name in fields)
    except BadValue as exc:
        note(f"{failed}: {exc}")
        return None
    number = counts[0]
    if number is None or number > _MAX_NUMBER:
        note(f"{path}.number: no plausible {what} number")
        return None
    return counts


def _time(value: object, path: str, note: Callable[[str], None]) -> pd.Timestamp | None:
    try:
        return utc_time(value)  # the one conversion of every source's times
    except BadValue as exc:
        note(f"{path}: {short(value)} {exc}; loaded as NaT")
        return None


_NAT = np.iinfo(np.int64).min  # NaT as int64 nanoseconds
_MAX_INT64 = 2**63 - 1
_NUMBER_BITS = 21  # season and episode numbers (at most _MAX_NUMBER) in an episode key


def _episode_keys(show: np.ndarray, season: np.ndarray, number: np.ndarray) -> np.ndarray:
    """One int64 per (show's position, season, episode), in the order of the three."""
    return (show << (2 * _NUMBER_BITS)) | (season << _NUMBER_BITS) | number


@dataclass
class _HistoryEpisodes:
    """The history's episode plays per distinct episode of a show, as arrays.

    ``shows`` are the shows the plays belong to; ``slot`` indexes them. Rows are
    in order of slot, season and episode. ``latest`` is the last play's time
    (int64 nanoseconds, UTC; NaT where no play has a time), ``runtime`` the first
    runtime the plays give, in the history's order (minutes; -1 where none does).
    """

    shows: list[_Show]
    slot: np.ndarray
    season: np.ndarray
    number: np.ndarray
    plays: np.ndarray
    latest: np.ndarray
    runtime: np.ndarray


def _history_episodes(
    history: dict[str, Any], by_trakt: dict, by_title: dict, register
) -> _HistoryEpisodes | None:
    """Join the history's episode plays to the shows, in bulk; None when it has none.

    Each play is matched to a show by its Trakt id, else by ``(title, year)``;
    a show only the history names is registered at its first play. The plays
    are counted per show and per action on the shows (``history_plays``,
    ``actions``); per episode they are returned.
    """
    episode = pd.array(history["type"]) == "episode"
    rows = np.flatnonzero(np.asarray(episode, dtype=bool) if episode.dtype == bool else episode)
    if not len(rows):
        return None
    shows, row_show = _history_shows(history, rows, by_trakt, by_title, register)
    # Plays per show, and per show and action (a play without an action counts in none).
    action, names = pd.factorize(pd.array(history["action"]))
    action, names = action[rows], [str(name) for name in names]
    acted = action >= 0
    per_action = np.bincount(
        row_show[acted] * len(names) + action[acted], minlength=len(shows) * len(names)
    ).reshape(len(shows), len(names))
    for show, n, counts in zip(
        shows, np.bincount(row_show).tolist(), per_action.tolist(), strict=True
    ):
        show.history_plays += n
        for name, k in zip(names, counts, strict=True):
            if k:
                show.actions[name] = show.actions.get(name, 0) + k
    season = np.asarray(pd.array(history["season"])[rows], dtype=np.int64)
    number = np.asarray(pd.array(history["episode"])[rows], dtype=np.int64)
    unique, first, episode_of = np.unique(
        _episode_keys(row_show, season, number), return_index=True, return_inverse=True
    )
    # Per episode: the latest time (NaT is the smallest int64) and the first runtime.
    watched = pd.array(history["watched_at"], dtype=schema.UTC).asi8[rows]
    latest = np.full(len(unique), _NAT, dtype=np.int64)
    np.maximum.at(latest, episode_of, watched)
    runtime = pd.array(history["runtime"])[rows]
    timed = np.flatnonzero(~np.asarray(runtime.isna()))
    runtimes = np.full(len(unique), -1, dtype=np.int64)
    with_runtime, first_timed = np.unique(episode_of[timed], return_index=True)
    runtimes[with_runtime] = np.asarray(runtime[timed[first_timed]], dtype=np.int64)
    return _HistoryEpisodes(
        shows,
        slot=row_show[first],
        season=season[first],
        number=number[first],
        plays=np.bincount(episode_of, minlength=len(unique)),
        latest=latest,
        runtime=runtimes,
    )


def _history_shows(
    history: dict[str, Any], rows: np.ndarray, by_trakt: dict, by_title: dict, register
) -> tuple[list[_Show], np.ndarray]:
    """The shows the history's `rows` belong to, and each row's index in that list.

    A play belongs to the show of its Trakt id, else of its ``(title, year)``;
    one that matches neither registers a show with its identity. Resolved once
    per distinct (trakt id, title, year), in the order the rows first name
    them, as row by row; where a later show would take over an earlier
    match (the same Trakt id under another title), row by row.
    """
    # One code per distinct (trakt id, title, year), numbered as the rows first name them.
    codes = np.zeros(len(rows), dtype=np.int64)
    for name in ("trakt_id", "title", "year"):
        column, uniques = pd.factorize(pd.array(history[name]), use_na_sentinel=False)
        codes = codes * len(uniques) + column[rows]
    codes = pd.factorize(codes)[0]
    firsts = np.unique(codes, return_index=True)[1]

    def identities(at: np.ndarray) -> dict[str, Any]:  # the identity columns of rows[at]
        return {
            name: pd.array(history[name])[rows[at]].to_numpy(dtype=object, na_value=None)
            for name in _IDENTITY
        }

    get = identities(firsts)  # of the rows that name a triple first

    def resolve(i: int, trakt_map: Mapping, title_map: Mapping) -> _Show | None:
        trakt = get["trakt_id"][i]
        show = trakt_map.get(trakt) if trakt is not None else None
        return title_map.get((get["title"][i], get["year"][i])) if show is None else show

    # Once per distinct triple, registering nothing yet: the shows it would add go to
    # maps of their own, looked up as if registered.
    trakt_map, title_map = ChainMap({}, by_trakt), ChainMap({}, by_title)
    added: list[_Show] = []
    resolved: list[_Show] = []
    for i in range(len(firsts)):
        show = resolve(i, trakt_map, title_map)
        if show is None:
            show = _Show({name: get[name][i] for name in _IDENTITY})
            added.append(show)
            if show.identity["trakt_id"] is not None:
                trakt_map.setdefault(show.identity["trakt_id"], show)
            title_map.setdefault((show.identity["title"], show.identity["year"]), show)
        resolved.append(show)
    if all(resolve(i, trakt_map, title_map) is show for i, show in enumerate(resolved)):
        for show in added:
            register(show)
    else:  # a later show takes over an earlier match (rare): row by row, as it happens
        get = identities(np.arange(len(rows)))
        resolved = []
        for i in range(len(rows)):
            found = resolve(i, by_trakt, by_title)
            if found is None:
                found = _Show({name: get[name][i] for name in _IDENTITY})
                register(found)
            resolved.append(found)
        codes = np.arange(len(rows))
    slots: dict[int, int] = {}
    shows: list[_Show] = []
    for show in resolved:
        if slots.setdefault(id(show), len(shows)) == len(shows):
            shows.append(show)
    per_code = np.fromiter((slots[id(show)] for show in resolved), np.int64, len(resolved))
    return shows, per_code[codes]


def _episode_table(shows: list[_Show], joined: _HistoryEpisodes | None) -> dict[str, np.ndarray]:
    """Every watched episode of `shows`: the summaries' and the history's, merged, as arrays.

    One row per (show, season, episode), in order of the show's position in
    `shows`, season and episode: ``show`` (that position), ``season``,
    ``number``, ``plays`` (the summary's count, else the history's; -1 where
    neither is known), ``last`` (the summary's last watch, else the history's;
    int64 nanoseconds UTC, NaT where unknown) and ``runtime`` (minutes, from the
    history; -1 where unknown).
    """
    # The summaries' episodes: one Python step each, as they were read.
    s_show, s_season, s_number, s_plays, s_last = [], [], [], [], []
    for position, show in enumerate(shows):
        for (season, number), entry in show.episodes.items():
            s_show.append(position)
            s_season.append(season)
            s_number.append(number)
            s_plays.append(-1 if entry[0] is None else entry[0])
            s_last.append(_NAT if entry[1] is None else entry[1].value)
    n_summary = len(s_show)
    keys = _episode_keys(
        np.asarray(s_show, dtype=np.int64),
        np.asarray(s_season, dtype=np.int64),
        np.asarray(s_number, dtype=np.int64),
    )
    if joined is not None:
        at = {id(show): position for position, show in enumerate(shows)}
        positions = np.array([at[id(show)] for show in joined.shows], dtype=np.int64)
        h_keys = _episode_keys(positions[joined.slot], joined.season, joined.number)
        keys = np.concatenate([keys, h_keys])
    unique, inverse = np.unique(keys, return_inverse=True)
    from_summary, from_history = inverse[:n_summary], inverse[n_summary:]
    plays = np.full(len(unique), -1, dtype=np.int64)
    last = np.full(len(unique), _NAT, dtype=np.int64)
    runtime = np.full(len(unique), -1, dtype=np.int64)
    if joined is not None:  # the history's, where the summary has none
        plays[from_history] = joined.plays
        last[from_history] = joined.latest
        runtime[from_history] = joined.runtime
    if n_summary:
        summary_plays = np.asarray(s_plays, dtype=np.int64)
        summary_last = np.asarray(s_last, dtype=np.int64)
        plays[from_summary] = np.where(summary_plays >= 0, summary_plays, plays[from_summary])
        last[from_summary] = np.where(summary_last != _NAT, summary_last, last[from_summary])
    mask = (1 << _NUMBER_BITS) - 1
    return {
        "show": unique >> (2 * _NUMBER_BITS),
        "season": (unique >> _NUMBER_BITS) & mask,
        "number": unique & mask,
        "plays": plays,
        "last": last,
        "runtime": runtime,
    }


def _build(
    shows: list[_Show],
    *,
    specials: bool,
    history: bool,
    problems: Problems,
    reset: str = "current",
    hidden: HiddenProgress | None = None,
    notes: list[str] | None = None,
    joined: _HistoryEpisodes | None = None,
) -> ParsedProgress:
    """The columns of the three frames: per show in Python, per episode in bulk."""
    n = len(shows)
    out_shows: dict[str, Any] = {
        name: pd.array([s.identity[name] for s in shows], dtype=schema.SHOWS[name])
        for name in _IDENTITY
    }
    table = _episode_table(shows, joined)
    show, season, plays, last = table["show"], table["season"], table["plays"], table["last"]
    reset_at = np.array([_ticks(s.reset_at) for s in shows], dtype=np.int64)
    # Watched since the reset ("current"), or ever ("lifetime"); a play at an
    # unknown time before a reset is not known to be after it (NaT is the least int64).
    if reset == "current":
        reset_at_of = reset_at[show]
        seen = (reset_at_of == _NAT) | (last > reset_at_of)
    else:
        seen = np.ones(len(show), dtype=bool)
    hidden_numbers = [
        hidden.hidden_seasons(s.identity) if hidden is not None else set() for s in shows
    ]
    in_hidden = np.zeros(len(show), dtype=bool)
    hidden_keys = [
        (position << _NUMBER_BITS) | number
        for position, numbers in enumerate(hidden_numbers)
        for number in numbers
        if number <= _MAX_NUMBER  # no episode has a greater season number
    ]
    if hidden_keys:
        in_hidden = np.isin((show << _NUMBER_BITS) | season, hidden_keys)
    counted = seen & ~in_hidden & ((season > 0) | specials)
    n_episodes = np.bincount(show, minlength=n).tolist()
    n_counted = np.bincount(show[counted], minlength=n).tolist()
    known_plays = plays >= 0
    n_known_plays = np.bincount(show[known_plays], minlength=n).tolist()
    sum_plays = _sums(show[known_plays], plays[known_plays], n)
    # Per show, the latest of its episodes' last watches (the rows are in order of show).
    latest_ticks = np.full(n, _NAT, dtype=np.int64)
    starts = np.flatnonzero(np.diff(show, prepend=-1))
    if len(starts):
        latest_ticks[show[starts]] = np.maximum.reduceat(last, starts)
    latest = latest_ticks.tolist()

    plays_col: list[int | None] = []
    completed: list[int | None] = []
    aired: list[int | None] = []
    last_col: list[int] = []
    short_history: list[bool] = []
    incomplete: list[str] = []
    for item, s in enumerate(shows):
        known = s.has_episode_info or n_episodes[item] > 0
        # The history misses plays of this show (trakt-web #3152, a failed page): what it
        # holds is a lower bound, not the count.
        short = (
            history and not s.has_episode_info and s.plays is not None and s.history_plays < s.plays
        )
        short_history.append(short)
        if short:
            incomplete.append(f"{_label(s)}: {s.history_plays} of {s.plays} plays in the history")
        n_completed = n_counted[item] if known and not short else None
        completed.append(n_completed)
        # Trakt's show-level aired count stands for the counted seasons only when no
        # season is hidden and specials are not counted (it leaves them out).
        trakt_aired = s.aired_episodes
        if specials or any(number > 0 for number in hidden_numbers[item]):
            trakt_aired = None
        if trakt_aired is not None and n_completed is not None and n_completed > trakt_aired:
            problems.inconsistent(
                _label(s),
                f"{n_completed} episodes completed but show.aired_episodes is "
                f"{trakt_aired}; aired left NA",
            )
            trakt_aired = None
        aired.append(trakt_aired)
        if s.plays is not None:
            plays_col.append(s.plays)
        elif n_episodes[item] and n_known_plays[item]:
            total = sum_plays[item]
            if total > _MAX_INT64:  # hostile counts: more than the column holds
                problems.odd(
                    _label(s), f"the episodes' plays add up to {total}", then="plays loaded as NA"
                )
            plays_col.append(total if total <= _MAX_INT64 else None)
        else:
            plays_col.append(None)
        last_col.append(latest[item] if s.last_watched_at is None else s.last_watched_at.value)
    if incomplete and notes is not None:
        shown = "; ".join(incomplete[:_MAX_NAMES])
        if len(incomplete) > _MAX_NAMES:
            shown += f"; and {len(incomplete) - _MAX_NAMES} more"
        notes.append(
            f"the history is incomplete for {len(incomplete)} show(s) (it holds fewer plays "
            "than watched-shows counts, as in exports made before trakt.tv fixed its "
            f"exporter in August 2026): their completed counts are NA: {shown}"
        )
    out_shows["plays"] = pd.array(plays_col, dtype="Int64")
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
    for action, column in _ACTION_COLUMNS.items():
        out_shows[column] = pd.array(
            [s.actions.get(action, 0) if history else None for s in shows], dtype="Int64"
        )
    out_shows["last_watched_at"] = _utc(np.asarray(last_col, dtype=np.int64))
    out_shows["reset_at"] = _utc(reset_at)
    out_shows["hidden"] = pd.array(
        [hidden.show_hidden(s.identity) if hidden is not None else None for s in shows],
        dtype="boolean",
    )
    # One season row per (show, season) of the episodes, in their order.
    new_season = np.diff((show << _NUMBER_BITS) | season, prepend=-1) != 0
    season_rank = np.cumsum(new_season) - 1
    firsts = np.flatnonzero(new_season)
    season_short = np.asarray(short_history, dtype=bool)[show[firsts]]
    out_seasons = {
        "_item": show[firsts],
        "season": season[firsts],
        "completed": pd.arrays.IntegerArray(
            np.bincount(season_rank[seen], minlength=len(firsts)), season_short
        ),
        "hidden": in_hidden[firsts],
    }
    out_episodes = {
        "_season_rank": season_rank,
        "episode": table["number"],
        "watched": seen,
        "plays": pd.arrays.IntegerArray(np.maximum(plays, 0), ~known_plays),
        "last_watched_at": _utc(last),
        "runtime": pd.arrays.IntegerArray(np.maximum(table["runtime"], 0), table["runtime"] < 0),
    }
    return ParsedProgress(out_shows, out_seasons, out_episodes, problems)


def _sums(groups: np.ndarray, values: np.ndarray, n: int) -> list[int]:
    """The sum of `values` per group (0 to `n` - 1), exact: in Python where int64 could overflow."""
    if len(values) and int(values.max()) > _MAX_INT64 // len(values):
        out = [0] * n
        for group, value in zip(groups.tolist(), values.tolist(), strict=True):
            out[group] += value
        return out
    sums = np.zeros(n, dtype=np.int64)
    np.add.at(sums, groups, values)
    return sums.tolist()


def _label(show: _Show) -> str:
    title, year = show.identity["title"], show.identity["year"]
    if title is None:
        return f"the show without a title (trakt {show.identity['trakt_id']})"
    return f"{title} ({year})" if year is not None else str(title)


def _ticks(stamp: pd.Timestamp | None) -> int:
    """A time as int64 nanoseconds (UTC), NaT for None."""
    return _NAT if stamp is None else stamp.value


def _utc(ticks: np.ndarray) -> Any:
    """int64 nanoseconds (NaT as the least int64) as a UTC datetime array."""
    return pd.array(ticks.view("M8[ns]"), dtype=schema.UTC, copy=False)
