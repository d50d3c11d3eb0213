"""The full walk of the v1 parser: parsed JSON checked show by show into a :class:`V1State`.

Every value is checked. A broken structure raises :class:`TraktDataError`
naming the item, the show's title and the field path; an odd value of one show
loads as NA and is kept in the state (``state.odd``) for a warning naming the
show. The episodes (hundreds of thousands of ``"key": bool`` pairs) are only
gathered here; the build (:mod:`.build`) checks and numbers them in bulk.
``docs/data-rules.md`` has the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import TraktDataError
from .._checks import BadValue, count, flag, locate, mapping, rating, short, text
from .fields import (
    _AIRED_KEYS,
    _ITEM_KNOWN,
    _PROGRESS_KEYS,
    _PROGRESS_SET,
    _REQUIRED_PROGRESS,
    _SHOW_CORE,
    _STATS_KEYS,
    _STATS_SET,
    _VIEWER_KEYS,
    _VIEWER_SET,
    _standard_keys,
)
from .state import V1State

__all__ = ["hidden_seasons", "walk"]


def _absent(parent: dict[str, Any], key: str) -> str:
    """How ``parent[key]`` is absent, for a message: sent as null, or not sent."""
    return "is null" if key in parent else "is missing"


def walk(state: V1State, data: list[Any]) -> None:
    """Check every item of `data` (a v1 response's list) and keep its fields in `state`."""
    for index, item in enumerate(data):
        walk_item(state, index, item)


def walk_item(state: V1State, index: int, item: object) -> None:
    """One show of the response: checked, its fields appended to `state`."""
    if type(item) is not dict:
        raise TraktDataError(
            f"{locate(index, None)}: expected an object with a 'show', "
            f"got {type(item).__name__} {short(item)}"
        )
    show = item.get("show")
    if type(show) is not dict:
        what = (
            _absent(item, "show") if show is None else f"is a {type(show).__name__}, not an object"
        )
        raise TraktDataError(f"{locate(index, None, 'show')}: {what}")
    title = show.get("title")
    if type(title) is not str:
        # Trakt has sent a null title for a show it could not resolve: the show loads,
        # title NA, named by its ids in the warning; the other shows are not lost.
        what = _absent(show, "title") if title is None else f"is not a string: {short(title)}"
        ids = ", ".join(
            f"{key} {show[key]}" for key in ("imdb_id", "tvdb_id", "tvrage_id") if show.get(key)
        )
        state.titles.append(None)
        state.report(index, "show.title", f"{what} ({ids or 'no ids'})")
        title = None
    else:
        state.titles.append(title)

    def at(path: str) -> str:
        return locate(index, title, path)

    def get(obj: dict[str, Any], key: str, check: Callable[[object], Any], path: str) -> Any:
        # A value of one show: an odd one loads as NA and is reported, never raises.
        try:
            return check(obj.get(key))
        except BadValue as exc:
            state.report(index, path, str(exc))
            return None

    row = index
    for key in _SHOW_CORE:
        state.show[key].append(show.get(key))
    imdb = get(show, "imdb_id", text, "show.imdb_id")
    state.show["imdb_id"][-1] = imdb or None  # "" means unknown

    try:
        progress = mapping(item.get("progress"), "an object")
        stats = mapping(item.get("stats"), "an object")
    except BadValue as exc:
        key = "progress" if type(item.get("progress")) not in (dict, type(None)) else "stats"
        raise TraktDataError(f"{at(key)}: {exc}") from None
    # Keys v1 sends for every show: without them this is not a v1 progress
    # item (a v2 one, say), and its counts must not silently become NA.
    missing = [f"progress.{k}" for k in _REQUIRED_PROGRESS if k not in progress]
    if "seasons" not in item:
        missing.append("seasons")
    if missing:
        raise TraktDataError(
            f"{at(', '.join(missing))}: missing; a v1 progress response has "
            "progress.aired, progress.completed and seasons for every show"
        )
    for key in _PROGRESS_KEYS:
        state.show[key].append(progress.get(key))
    for key in _STATS_KEYS:
        state.show[key].append(stats.get(key))
    if not progress.keys() <= _PROGRESS_SET:
        state.keep_extras("progress", row, progress)
    if not stats.keys() <= _STATS_SET:
        state.keep_extras("stats", row, stats)

    if show.keys() & _VIEWER_SET or item.keys() & _VIEWER_SET:
        viewer_fields(state, index, item, show, get)
    else:
        for key in _VIEWER_KEYS:
            state.viewer[key].append(None)
    state.keep_extras("show", row, show)
    next_episode(state, index, item.get("next_episode"), at, get)
    if not item.keys() <= _ITEM_KNOWN:
        state.keep_extras("item", row, item)
    seasons(state, index, item, at)


def viewer_fields(
    state: V1State, index: int, item: dict[str, Any], show: dict[str, Any], get: Callable
) -> None:
    checks = {"watched": flag, "plays": count, "in_watchlist": flag, "rating": rating}
    for key, check in checks.items():
        inside = get(show, key, check, f"show.{key}")
        beside = get(item, key, check, key)
        if inside is not None and beside is not None and inside != beside:
            state.report(index, key, f"{beside!r} disagrees with show.{key} {inside!r}")
            inside = beside = None
        state.viewer[key].append(beside if inside is None else inside)


def next_episode(state: V1State, row: int, nxt: object, at: Callable, get: Callable) -> None:
    """The next episode; its air time from the true instant where the response has it.

    ``first_aired`` is the show's local air time encoded as US Pacific time
    (v1's convention); ``first_aired_utc`` (unix) and ``first_aired_iso``
    (with its offset), where present, are the true instant and win.
    """
    if nxt is None or nxt is False:
        nxt = {}
    if type(nxt) is not dict:
        raise TraktDataError(f"{at('next_episode')}: expected an object or false, got {short(nxt)}")
    number = nxt.get("number")
    num = nxt.get("num")
    if number is not None and num is not None and number != num:
        state.report(row, "next_episode", f"'num' ({num!r}) and 'number' ({number!r}) disagree")
        number = num = None
    state.next["season"].append(nxt.get("season"))
    state.next["number"].append(num if number is None else number)
    state.next["title"].append(get(nxt, "title", text, "next_episode.title"))
    for key in _AIRED_KEYS:  # the true instant first
        aired = nxt.get(key)
        if aired is not None and aired != 0:
            state.next["aired"].append(aired)
            state.next["aired_key"].append(key)
            break
    else:
        state.next["aired"].append(None)
        state.next["aired_key"].append("first_aired")
    state.keep_extras("next", row, nxt)


def seasons(state: V1State, index: int, item: dict[str, Any], at: Callable[[str], str]) -> None:
    seasons = item.get("seasons")
    if seasons is None:
        seasons = []
    if type(seasons) is not list:
        raise TraktDataError(f"{at('seasons')}: expected a list, got {short(seasons)}")
    first_row = state.n_listed
    listed = walk_seasons(state, seasons, first_row, at)
    state.n_listed += len(seasons)
    state.seasons_per_item.append(len(seasons))
    hidden_seasons(state, index, item.get("hidden_seasons"), listed, first_row, at)


def hidden_seasons(
    state: V1State, index: int, hidden: object, listed: dict[int, int], first_row: int, at: Callable
) -> None:
    """The seasons in `hidden` are hidden; `listed` maps listed season numbers to positions."""
    if hidden is None:
        hidden = []
    if type(hidden) is not list:
        raise TraktDataError(f"{at('hidden_seasons')}: expected a list, got {short(hidden)}")
    seen_hidden: set[int] = set()
    for pos, value in enumerate(hidden):
        path = f"hidden_seasons[{pos}]"
        try:
            number = count(value, allow_str=True)
        except BadValue as exc:
            raise TraktDataError(f"{at(path)}: {exc}") from None
        if number is None or number in seen_hidden:
            what = "is null" if number is None else f"season {number} is hidden twice"
            raise TraktDataError(f"{at(path)}: {what}")
        seen_hidden.add(number)
        if number in listed:
            # A listed season can be hidden too: keep its counts and flag it.
            state.listed_and_hidden.append(first_row + listed[number])
        else:
            state.hidden_only.append((index, pos, number))


def walk_seasons(
    state: V1State, seasons: list[Any], first_row: int, at: Callable[[str], str]
) -> dict[int, int]:
    """Check each listed season of one show and keep its numbers and episodes.

    The hot loop of the full walk (one pass per season); the counts are
    read later, in bulk, from the kept season objects. Returns the listed
    season numbers and their positions.
    """
    listed: dict[int, int] = {}
    for pos, season in enumerate(seasons):
        number, episodes = season_fields(pos, season, at)
        if number in listed:
            raise TraktDataError(f"{at(f'seasons[{pos}].season')}: season {number} is listed twice")
        listed[number] = pos
        if episodes is None:
            episodes = {}
        keys = list(episodes)
        if keys != _standard_keys(len(keys)):
            state.odd_keys[first_row + pos] = keys
        state.ep_values.extend(episodes.values())
        state.ep_sizes.append(len(keys))
        state.season_objs.append(season)
        state.season_numbers.append(number)
    return listed


def season_fields(pos: int, season: object, at: Callable[[str], str]) -> tuple[int, Any]:
    """The number and episodes of a season object, checked (the walk's slow path)."""
    if type(season) is not dict:
        raise TraktDataError(f"{at(f'seasons[{pos}]')}: expected an object, got {short(season)}")
    number = season.get("season")
    if type(number) is not int or not 0 <= number < 2**63:  # the slow path checks, explains
        try:
            number = count(number)
        except BadValue as exc:
            raise TraktDataError(f"{at(f'seasons[{pos}].season')}: {exc}") from None
        if number is None:
            raise TraktDataError(f"{at(f'seasons[{pos}].season')}: {_absent(season, 'season')}")
    episodes = season.get("episodes")
    if episodes is not None and type(episodes) is not dict:
        raise TraktDataError(
            f"{at(f'seasons[{pos}].episodes')}: expected an object of episode "
            f"number -> true/false, got {type(episodes).__name__} {short(episodes)}"
        )
    return number, episodes
