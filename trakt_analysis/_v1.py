"""Parse an API v1 ``user/progress/watched`` response into frame columns.

The parser walks the shows and seasons in Python (a few thousand objects) and
hands the episodes (hundreds of thousands of ``"key": bool`` pairs) to numpy in
bulk. Every value is checked; a bad one raises :class:`TraktDataError` naming
the item, the show's title and the field path. Inconsistencies that real data
has (a percentage that disagrees with its counts) are returned as warnings for
the caller to emit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .errors import TraktAPIError, TraktDataError

__all__ = ["ParsedProgress", "parse_progress"]

_ID_KEYS = ("imdb_id", "tvdb_id", "tvrage_id")
_SHOW_CORE = ("title", "year", *_ID_KEYS)
_VIEWER_KEYS = ("watched", "plays", "in_watchlist", "rating")
_ITEM_CORE = ("show", "progress", "seasons", "hidden_seasons", "stats", "next_episode")
_PROGRESS_KEYS = ("aired", "completed", "left", "percentage")
_STATS_KEYS = ("plays", "scrobbles", "checkins", "seen")
_SEASON_CORE = ("season", *_PROGRESS_KEYS, "episodes")
_SEASON_CORE_SET = frozenset(_SEASON_CORE)
_PROGRESS_SET = frozenset(_PROGRESS_KEYS)
_STATS_SET = frozenset(_STATS_KEYS)
_VIEWER_SET = frozenset(_VIEWER_KEYS)
_ITEM_KNOWN = frozenset((*_ITEM_CORE, *_VIEWER_KEYS))
_NEXT_CORE = ("season", "num", "number", "title", "first_aired")
# Episode and season numbers above this are not numbers a show can have; the
# cap keeps them in int64 and keeps charts from allocating huge grids.
_MAX_NUMBER = 10**6
_MAX_WARNINGS = 10


@dataclass
class ParsedProgress:
    """Columns of the three frames, each a pandas array or list, plus warnings."""

    shows: dict[str, Any]
    seasons: dict[str, Any]
    episodes: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


class _Bad(Exception):
    """A value failed a check; the caller adds where it was."""


def _where(index: int, title: object, path: str = "") -> str:
    label = f"item {index}" if title is None else f"item {index} ({title!r})"
    return f"{label}: {path}" if path else label


# -- scalar checks ---------------------------------------------------------------------------


def _count(value: object, *, allow_str: bool = False) -> int | None:
    """A non-negative whole number, or None. Integral floats such as 20.0 pass."""
    if value is None:
        return None
    kind = type(value)
    if kind is int:
        if 0 <= value < 2**63:
            return value
        raise _Bad(f"expected a non-negative whole number, got {value!r}")
    if kind is float:
        if math.isfinite(value) and value.is_integer() and 0 <= value < 2**63:
            return int(value)
        raise _Bad(f"expected a non-negative whole number, got {value!r}")
    if kind is str and allow_str:
        if value.isascii() and value.isdigit() and len(value) < 19:
            return int(value)
        raise _Bad(f"expected a numeric id, got {_short(value)}")
    raise _Bad(f"expected a non-negative whole number, got {_short(value)}")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_DIGITS = [str(n) for n in range(1, 513)]


def _standard_keys(n: int) -> list[str]:
    """The keys "1".."n", as nearly every season's episodes object has them."""
    return _DIGITS[:n] if n <= len(_DIGITS) else list(map(str, range(1, n + 1)))


def _int_array(
    values: list[object], where: Callable[[int], str], *, allow_str: bool = False
) -> pd.arrays.IntegerArray:
    """Check and convert a column of counts or ids to a nullable Int64 array."""
    kinds = set(map(type, values))
    if kinds <= {int, type(None)}:
        mask = np.zeros(len(values), dtype=bool)
        filled = values
        if type(None) in kinds:
            mask = np.array([v is None for v in values], dtype=bool)
            filled = [0 if v is None else v for v in values]
        try:
            arr = np.array(filled, dtype=np.int64)
        except OverflowError:
            pass
        else:
            if not (arr < 0).any():
                return pd.arrays.IntegerArray(arr, mask)
    out = np.zeros(len(values), dtype=np.int64)
    mask = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        try:
            number = _count(value, allow_str=allow_str)
        except _Bad as exc:
            raise TraktDataError(f"{where(i)}: {exc}") from None
        if number is None:
            mask[i] = True
        else:
            out[i] = number
    return pd.arrays.IntegerArray(out, mask)


def _id_array(values: list[object], where: Callable[[int], str]) -> pd.arrays.IntegerArray:
    """tvdb/tvrage ids: numbers or numeric strings; 0 means unknown."""
    arr = _int_array(values, where, allow_str=True)
    arr[arr == 0] = pd.NA
    return arr


def _text(value: object, what: str = "a string") -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Bad(f"expected {what}, got {_short(value)}")


def _flag(value: object) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise _Bad(f"expected true or false, got {_short(value)}")


def _rating(value: object) -> str | None:
    # v1 sends "love", "hate", or false for "not rated".
    if value is None or value is False:
        return None
    if type(value) is str:
        return value
    raise _Bad(f"expected 'love', 'hate' or false, got {_short(value)}")


def _mapping(value: object, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if type(value) is dict:
        return value
    raise _Bad(f"expected {what}, got {type(value).__name__} {_short(value)}")


# -- extra fields ----------------------------------------------------------------------------


class _Extras:
    """Fields beyond the schema, flattened with ``_``: sparse until built."""

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        self.columns: dict[str, dict[int, object]] = {}

    def add(self, row: int, prefix: str, obj: dict[str, Any], skip: tuple[str, ...]) -> None:
        # Iterative flattening: a deeply nested object must not hit the recursion limit.
        stack = [(prefix, {k: v for k, v in obj.items() if k not in skip})]
        while stack:
            base, mapping = stack.pop()
            for key, value in mapping.items():
                name = f"{base}_{key}" if base else str(key)
                if type(value) is dict and value:
                    stack.append((name, value))
                else:
                    self.columns.setdefault(name, {})[row] = value

    def build(self, n_rows: int, *, collision_prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, cells in self.columns.items():
            column = name
            while column in self.reserved or column in out:
                column = f"{collision_prefix}{column}"
            out[column] = _infer_array([cells.get(i) for i in range(n_rows)], name)
        return out


def _infer_array(values: list[object], name: str) -> Any:
    """The narrowest dtype that holds every value of an extra column exactly."""
    kinds = set(map(type, values)) - {type(None)}
    if not kinds:
        return pd.array(values, dtype=object)
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    if kinds == {str}:
        return pd.array(values, dtype=schema.STR)
    if kinds == {int} and all(v is None or -(2**63) <= v < 2**63 for v in values):
        if name.endswith(("first_aired", "first_aired_utc")):
            return _unix_times(values)
        return pd.array(values, dtype="Int64")
    if kinds <= {int, float}:
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    return pd.array(values, dtype=object)


def _unix_times(values: list[int | None]) -> pd.arrays.DatetimeArray:
    """Unix seconds to UTC datetimes; 0 and None are unknown (NaT)."""
    return pd.array(
        pd.to_datetime([v if v else None for v in values], unit="s", utc=True),
        dtype=schema.UTC,
    )


# -- the parser ------------------------------------------------------------------------------


def check_failure_body(data: object, label: str) -> None:
    """Raise :class:`TraktAPIError` for v1's ``{"status": "failure", ...}`` body."""
    if type(data) is dict and data.get("status") == "failure":
        message = data.get("error") or data.get("message") or "no message"
        raise TraktAPIError(f"{label}: the API reported a failure: {message}")


def parse_progress(data: object, *, label: str = "<input>") -> ParsedProgress:
    """Check a v1 progress response and return the columns of the three frames.

    Parameters
    ----------
    data : object
        The parsed JSON: a list with one item per show.
    label : str
        Names the source in error messages.

    Raises
    ------
    TraktAPIError
        `data` is the API's failure body.
    TraktDataError
        Anything in `data` does not fit the response's structure.
    """
    check_failure_body(data, label)
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of shows at the top level, "
            f"got {type(data).__name__} {_short(data)}"
        )
    return _Parser().run(data)


class _Parser:
    def __init__(self) -> None:
        show_cols = set(schema.SHOWS)
        self.titles: list[object] = []
        self.show: dict[str, list[object]] = {
            k: [] for k in ("title", "year", *_ID_KEYS, *_PROGRESS_KEYS, *_STATS_KEYS)
        }
        self.next: dict[str, list[object]] = {k: [] for k in ("season", "number", "title", "aired")}
        self.viewer: dict[str, list[object]] = {k: [] for k in _VIEWER_KEYS}
        self.extras = _Extras(show_cols)
        self.season_extras = _Extras(set(schema.SEASONS))
        # Listed seasons, in response order, and how many each item lists.
        self.season_objs: list[dict[str, Any]] = []
        self.season_numbers: list[int] = []
        self.seasons_per_item: list[int] = []
        self.listed_and_hidden: list[int] = []  # listed seasons' rows that are hidden too
        # Seasons only named in "hidden_seasons": item, position there, number.
        self.hidden_only: list[tuple[int, int, int]] = []
        # Episodes of every listed season, flat; keys kept only where not "1".."n".
        self.ep_values: list[object] = []
        self.ep_sizes: list[int] = []
        self.odd_keys: dict[int, list[str]] = {}  # listed season row -> its keys
        # Filled by build_seasons: item and position of every season row (unsorted).
        self.s_item = np.zeros(0, dtype=np.int64)
        self.s_pos = np.zeros(0, dtype=np.int64)
        self.warnings: dict[int, list[str]] = {}

    # -- walk -------------------------------------------------------------------------------

    def run(self, data: list[Any]) -> ParsedProgress:
        for index, item in enumerate(data):
            self.item(index, item)
        return self.build()

    def item(self, index: int, item: object) -> None:
        if type(item) is not dict:
            raise TraktDataError(
                f"{_where(index, None)}: expected an object with a 'show', "
                f"got {type(item).__name__} {_short(item)}"
            )
        show = item.get("show")
        if type(show) is not dict:
            what = "is missing" if show is None else f"is a {type(show).__name__}, not an object"
            raise TraktDataError(f"{_where(index, None, 'show')}: {what}")
        title = show.get("title")
        if type(title) is not str:
            what = "is missing" if title is None else f"is not a string: {_short(title)}"
            raise TraktDataError(f"{_where(index, None, 'show.title')}: {what}")
        self.titles.append(title)

        def at(path: str) -> str:
            return _where(index, title, path)

        def get(obj: dict[str, Any], key: str, check: Callable[[object], Any], path: str) -> Any:
            try:
                return check(obj.get(key))
            except _Bad as exc:
                raise TraktDataError(f"{at(path)}: {exc}") from None

        row = index
        for key in _SHOW_CORE:
            self.show[key].append(show.get(key))
        imdb = get(show, "imdb_id", _text, "show.imdb_id")
        self.show["imdb_id"][-1] = imdb or None  # "" means unknown

        try:
            progress = _mapping(item.get("progress"), "an object")
            stats = _mapping(item.get("stats"), "an object")
        except _Bad as exc:
            key = "progress" if type(item.get("progress")) not in (dict, type(None)) else "stats"
            raise TraktDataError(f"{at(key)}: {exc}") from None
        for key in _PROGRESS_KEYS:
            self.show[key].append(progress.get(key))
        for key in _STATS_KEYS:
            self.show[key].append(stats.get(key))
        if not progress.keys() <= _PROGRESS_SET:
            self.extras.add(row, "progress", progress, _PROGRESS_KEYS)
        if not stats.keys() <= _STATS_SET:
            self.extras.add(row, "stats", stats, _STATS_KEYS)

        if show.keys() & _VIEWER_SET or item.keys() & _VIEWER_SET:
            self.viewer_fields(item, show, at, get)
        else:
            for key in _VIEWER_KEYS:
                self.viewer[key].append(None)
        self.extras.add(row, "", show, (*_SHOW_CORE, *_VIEWER_KEYS))
        self.next_episode(row, item.get("next_episode"), at, get)
        if not item.keys() <= _ITEM_KNOWN:
            self.extras.add(row, "", item, (*_ITEM_CORE, *_VIEWER_KEYS))
        self.seasons(index, item, at)

    def viewer_fields(
        self, item: dict[str, Any], show: dict[str, Any], at: Callable, get: Callable
    ) -> None:
        checks = {"watched": _flag, "plays": _count, "in_watchlist": _flag, "rating": _rating}
        for key, check in checks.items():
            inside = get(show, key, check, f"show.{key}")
            beside = get(item, key, check, key)
            if inside is not None and beside is not None and inside != beside:
                raise TraktDataError(f"{at(key)}: {beside!r} disagrees with show.{key} {inside!r}")
            self.viewer[key].append(beside if inside is None else inside)

    def next_episode(self, row: int, nxt: object, at: Callable, get: Callable) -> None:
        if nxt is None or nxt is False:
            nxt = {}
        if type(nxt) is not dict:
            raise TraktDataError(
                f"{at('next_episode')}: expected an object or false, got {_short(nxt)}"
            )
        number = nxt.get("number")
        num = nxt.get("num")
        if number is not None and num is not None and number != num:
            raise TraktDataError(
                f"{at('next_episode')}: 'num' ({num!r}) and 'number' ({number!r}) disagree"
            )
        self.next["season"].append(nxt.get("season"))
        self.next["number"].append(num if number is None else number)
        self.next["title"].append(get(nxt, "title", _text, "next_episode.title"))
        self.next["aired"].append(nxt.get("first_aired"))
        self.extras.add(row, "next", nxt, _NEXT_CORE)

    def seasons(self, index: int, item: dict[str, Any], at: Callable[[str], str]) -> None:
        # The hot loop of the walk (one pass per season): checks are inlined and
        # the counts are read later, in bulk, from the kept season objects.
        seasons = item.get("seasons")
        if seasons is None:
            seasons = []
        if type(seasons) is not list:
            raise TraktDataError(f"{at('seasons')}: expected a list, got {_short(seasons)}")
        first_row = len(self.season_objs)
        listed: dict[int, int] = {}  # season number -> position
        for pos, season in enumerate(seasons):
            if type(season) is not dict:
                raise TraktDataError(
                    f"{at(f'seasons[{pos}]')}: expected an object, got {_short(season)}"
                )
            number = season.get("season")
            if type(number) is not int or number < 0:  # the slow path checks and explains
                try:
                    number = _count(number)
                except _Bad as exc:
                    raise TraktDataError(f"{at(f'seasons[{pos}].season')}: {exc}") from None
                if number is None:
                    raise TraktDataError(f"{at(f'seasons[{pos}].season')}: is missing")
            if number in listed:
                raise TraktDataError(
                    f"{at(f'seasons[{pos}].season')}: season {number} is listed twice"
                )
            listed[number] = pos
            episodes = season.get("episodes")
            if type(episodes) is not dict:
                if episodes is not None:
                    raise TraktDataError(
                        f"{at(f'seasons[{pos}].episodes')}: expected an object of episode "
                        f"number -> true/false, got {type(episodes).__name__} {_short(episodes)}"
                    )
                episodes = {}
            keys = list(episodes)
            if keys != _standard_keys(len(keys)):
                self.odd_keys[first_row + pos] = keys
            self.ep_values.extend(episodes.values())
            self.ep_sizes.append(len(keys))
            self.season_objs.append(season)
            self.season_numbers.append(number)
        self.seasons_per_item.append(len(seasons))

        hidden = item.get("hidden_seasons")
        if hidden is None:
            hidden = []
        if type(hidden) is not list:
            raise TraktDataError(f"{at('hidden_seasons')}: expected a list, got {_short(hidden)}")
        seen_hidden: set[int] = set()
        for pos, value in enumerate(hidden):
            path = f"hidden_seasons[{pos}]"
            try:
                number = _count(value, allow_str=True)
            except _Bad as exc:
                raise TraktDataError(f"{at(path)}: {exc}") from None
            if number is None or number in seen_hidden:
                what = "is null" if number is None else f"season {number} is hidden twice"
                raise TraktDataError(f"{at(path)}: {what}")
            seen_hidden.add(number)
            if number in listed:
                # A listed season can be hidden too: keep its counts and flag it.
                self.listed_and_hidden.append(first_row + listed[number])
            else:
                self.hidden_only.append((index, pos, number))

    def season_path(self, row: int) -> str:
        pos = self.s_pos[row]
        return f"seasons[{pos}]" if pos >= 0 else f"hidden_seasons[{-1 - pos}]"

    # -- build ------------------------------------------------------------------------------

    def build(self) -> ParsedProgress:
        titles = self.titles
        n_shows = len(titles)

        def show_at(path: str) -> Callable[[int], str]:
            return lambda i: _where(i, titles[i], path)

        shows: dict[str, Any] = {}
        shows["title"] = pd.array(titles, dtype=schema.STR)
        shows["year"] = _int_array(self.show["year"], show_at("show.year"), allow_str=True)
        shows["imdb_id"] = pd.array(self.show["imdb_id"], dtype=schema.STR)
        for key in ("tvdb_id", "tvrage_id"):
            shows[key] = _id_array(self.show[key], show_at(f"show.{key}"))
        for key in _PROGRESS_KEYS:
            shows[key] = _int_array(self.show[key], show_at(f"progress.{key}"))
        shows["completion"] = _completion(shows["completed"], shows["aired"])
        for key in _STATS_KEYS:
            shows[key] = _int_array(self.show[key], show_at(f"stats.{key}"))
        shows["next_season"] = _int_array(self.next["season"], show_at("next_episode.season"))
        shows["next_number"] = _int_array(self.next["number"], show_at("next_episode.number"))
        shows["next_title"] = pd.array(self.next["title"], dtype=schema.STR)
        aired = _int_array(self.next["aired"], show_at("next_episode.first_aired"))
        shows["next_first_aired"] = _unix_times(list(aired.to_numpy(dtype=object, na_value=None)))
        for key in _VIEWER_KEYS:
            dtype = schema.SHOWS[f"viewer_{key}"]
            shows[f"viewer_{key}"] = pd.array(self.viewer[key], dtype=dtype)
        shows.update(self.extras.build(n_shows, collision_prefix="show_"))

        seasons, order = self.build_seasons()
        episodes = self.build_episodes(order)
        self.check_consistency(shows, seasons, episodes)
        warnings = [
            f"{_where(i, titles[i])}: " + "; ".join(msgs)
            for i, msgs in sorted(self.warnings.items())
        ]
        if len(warnings) > _MAX_WARNINGS:
            rest = len(warnings) - _MAX_WARNINGS
            warnings = [
                *warnings[:_MAX_WARNINGS],
                f"... and {rest} more shows with inconsistencies",
            ]
        return ParsedProgress(shows, seasons, episodes, warnings)

    def build_seasons(self) -> tuple[dict[str, Any], np.ndarray]:
        titles = self.titles
        objs = self.season_objs
        n_listed = len(objs)
        per_item = np.array(self.seasons_per_item, dtype=np.int64)
        listed_item = np.repeat(np.arange(len(per_item)), per_item)
        listed_pos = np.arange(n_listed) - np.repeat(np.cumsum(per_item) - per_item, per_item)
        hidden_only = np.array(self.hidden_only, dtype=np.int64).reshape(-1, 3)
        self.s_item = np.concatenate([listed_item, hidden_only[:, 0]])
        self.s_pos = np.concatenate([listed_pos, -1 - hidden_only[:, 1]])
        number = np.concatenate([np.array(self.season_numbers, dtype=np.int64), hidden_only[:, 2]])

        def at(path: str) -> Callable[[int], str]:
            def where(r: int) -> str:
                item = int(self.s_item[r])
                return _where(item, titles[item], f"{self.season_path(r)}{path}")

            return where

        if len(number) and number.max() > _MAX_NUMBER:
            r = int(number.argmax())
            raise TraktDataError(f"{at('.season')(r)}: season number {number[r]} is not plausible")
        order = np.lexsort((number, self.s_item))  # by show (response order), then number
        seasons: dict[str, Any] = {"_item": self.s_item[order], "season": number[order]}
        padding = [None] * len(hidden_only)
        for key in _PROGRESS_KEYS:
            values = [season.get(key) for season in objs]
            seasons[key] = _int_array(values + padding, at(f".{key}"))[order]
        seasons["completion"] = _completion(seasons["completed"], seasons["aired"])
        hidden = np.zeros(len(number), dtype=bool)
        hidden[n_listed:] = True
        hidden[self.listed_and_hidden] = True
        seasons["hidden"] = hidden[order]
        for row, season in enumerate(objs):
            if not season.keys() <= _SEASON_CORE_SET:
                self.season_extras.add(row, "", season, _SEASON_CORE)
        extras = self.season_extras.build(len(order), collision_prefix="season_")
        seasons.update({k: v[order] for k, v in extras.items()})
        return seasons, order

    def build_episodes(self, season_order: np.ndarray) -> dict[str, Any]:
        titles = self.titles
        sizes = np.array(self.ep_sizes, dtype=np.int64)
        starts = np.cumsum(sizes) - sizes
        ep_row = np.repeat(np.arange(len(sizes)), sizes)  # listed season row of each episode
        # Keys are "1".."n" in nearly every season: number them without parsing.
        number = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(starts, sizes) + 1

        def at(i: int, what: str) -> str:
            r = int(ep_row[i])
            keys = self.odd_keys.get(r)
            key = keys[i - starts[r]] if keys is not None else str(number[i])
            path = f"{self.season_path(r)}.episodes[{key!r}]"
            item = int(self.s_item[r])
            return f"{_where(item, titles[item], path)}: {what}"

        for row, keys in self.odd_keys.items():
            start = int(starts[row])
            for offset, key in enumerate(keys):
                if not (key.isascii() and key.isdigit() and len(key) <= 7):
                    raise TraktDataError(
                        at(start + offset, "episode keys must be non-negative whole numbers")
                    )
            number[start : start + len(keys)] = list(map(int, keys))
        if len(number) and number.max() > _MAX_NUMBER:
            raise TraktDataError(at(int(number.argmax()), "episode number is not plausible"))

        values = self.ep_values
        if not set(map(type, values)) <= {bool}:
            i = next(i for i, v in enumerate(values) if type(v) is not bool)
            raise TraktDataError(at(i, f"expected true or false, got {_short(values[i])}"))
        watched = np.array(values, dtype=bool)

        rank = np.empty(len(season_order), dtype=np.int64)
        rank[season_order] = np.arange(len(season_order))
        ep_rank = rank[ep_row]
        step_rank, step_number = np.diff(ep_rank), np.diff(number)
        if not np.all((step_rank > 0) | ((step_rank == 0) & (step_number > 0))):
            order = np.lexsort((number, ep_rank))
            ep_rank, number, watched = ep_rank[order], number[order], watched[order]
            dup = np.flatnonzero((ep_rank[1:] == ep_rank[:-1]) & (number[1:] == number[:-1]))
            if len(dup):
                i = int(order[dup[0] + 1])
                raise TraktDataError(at(i, f"episode {number[dup[0]]} is listed twice"))
        return {"_season_rank": ep_rank, "episode": number, "watched": watched}

    def check_consistency(self, shows: dict, seasons: dict, episodes: dict) -> None:
        """Collect warnings for inconsistencies that real data has; raise nothing."""
        n_shows = len(self.titles)
        self.check_counts(shows, np.arange(n_shows), lambda i: "progress")
        self.check_counts(seasons, seasons["_item"], lambda i: f"season {seasons['season'][i]}")
        # A season's "completed" against the watched flags of its episodes.
        n_seasons = len(seasons["season"])
        rank = episodes["_season_rank"]
        watched = np.bincount(rank, weights=episodes["watched"], minlength=n_seasons)
        has_keys = np.bincount(rank, minlength=n_seasons) > 0
        done = seasons["completed"].to_numpy(dtype=np.float64, na_value=np.nan)
        for i in np.flatnonzero(has_keys & ~np.isnan(done) & (watched != done)):
            self.warn(
                seasons["_item"][i],
                f"season {seasons['season'][i]}: completed is {done[i]:.0f} but "
                f"{watched[i]:.0f} episodes are marked watched",
            )

    def check_counts(self, cols: dict, items: np.ndarray, where: Callable[[int], str]) -> None:
        aired, done, left, pct = (
            cols[k].to_numpy(dtype=np.float64, na_value=np.nan) for k in _PROGRESS_KEYS
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            # trakt rounds the percentage down; allow one point either way.
            bad_pct = (aired > 0) & (np.abs(pct - np.floor(done / aired * 100)) > 1)
            over = done > aired
            known = ~(np.isnan(aired) | np.isnan(done) | np.isnan(left))
            bad_left = known & ~over & (left != aired - done)
        for i in np.flatnonzero(bad_pct):
            self.warn(
                items[i],
                f"{where(i)}: percentage {pct[i]:.0f} disagrees with "
                f"completed/aired = {done[i]:.0f}/{aired[i]:.0f}",
            )
        for i in np.flatnonzero(over):
            self.warn(
                items[i],
                f"{where(i)}: completed {done[i]:.0f} exceeds aired {aired[i]:.0f} "
                "(specials counted?)",
            )
        for i in np.flatnonzero(bad_left):
            self.warn(
                items[i],
                f"{where(i)}: left is {left[i]:.0f}, not aired - completed = "
                f"{aired[i] - done[i]:.0f}",
            )

    def warn(self, item: int, message: str) -> None:
        self.warnings.setdefault(int(item), []).append(message)


def _completion(completed: pd.arrays.IntegerArray, aired: pd.arrays.IntegerArray) -> Any:
    aired_float = aired.astype("Float64")
    out = completed.astype("Float64") / aired_float
    out[aired_float == 0] = pd.NA
    return out
