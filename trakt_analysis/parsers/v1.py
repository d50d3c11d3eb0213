"""Parse an API v1 ``user/progress/watched`` response into frame columns.

Two ways in, one result. :func:`parse_progress_json` takes the bytes: msgspec
decodes them into the Structs of :mod:`.v1_typed` (seasons and episodes checked
while parsing) and :meth:`_Parser.gather` reads the shows' fields column by
column. Anything unusual sends the bytes to :func:`parse_progress`, the full
walk, which checks the parsed JSON show by show in Python (a few thousand
objects) and hands the episodes (hundreds of thousands of ``"key": bool``
pairs) to numpy in bulk. Both end in the same build of the columns, and both
give the same columns, warnings and errors (``tests/parsers/test_v1_typed.py``).

Every value is checked. A broken structure raises :class:`TraktDataError`
naming the item, the show's title and the field path; an odd value of one show
loads as NA and, like the inconsistencies real data has (a percentage that
disagrees with its counts, totals against seasons), is returned as a warning
naming the show for the caller to emit. ``docs/data-rules.md`` has the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktAPIError, TraktDataError
from ._checks import (
    BadValue,
    completion,
    count,
    flag,
    id_array,
    int_array,
    locate,
    mapping,
    rating,
    short,
    text,
    unix_times,
)
from ._consistency import find_inconsistencies, season_totals
from ._extras import Extras
from ._json import decode_json, strip_bom
from .detect import (
    V1_ERROR,
    V1_PROGRESS,
    V2_ERROR,
    detect_format,
    error_message,
    wrong_format_message,
)
from .parsed import ParsedProgress
from .v1_typed import MAX_NUMBER, decode_items

__all__ = ["ParsedProgress", "parse_progress", "parse_progress_json"]

_ID_KEYS = ("imdb_id", "tvdb_id", "tvrage_id")
_SHOW_CORE = ("title", "year", *_ID_KEYS)
_VIEWER_KEYS = ("watched", "plays", "in_watchlist", "rating")
_ITEM_CORE = ("show", "progress", "seasons", "hidden_seasons", "stats", "next_episode")
_PROGRESS_KEYS = ("aired", "completed", "left", "percentage")
_REQUIRED_PROGRESS = ("aired", "completed")
_STATS_KEYS = ("plays", "scrobbles", "checkins", "seen")
_SEASON_CORE = ("season", *_PROGRESS_KEYS, "episodes")
_SEASON_CORE_SET = frozenset(_SEASON_CORE)
_PROGRESS_SET = frozenset(_PROGRESS_KEYS)
_STATS_SET = frozenset(_STATS_KEYS)
_VIEWER_SET = frozenset(_VIEWER_KEYS)
_ITEM_KNOWN = frozenset((*_ITEM_CORE, *_VIEWER_KEYS))
_NEXT_CORE = ("season", "num", "number", "title", "first_aired")
# The typed path takes these viewer values as they are; any other goes to the full walk.
_VIEWER_TYPES = {
    "watched": {bool, type(None)},
    "plays": {int, type(None)},
    "in_watchlist": {bool, type(None)},
    "rating": {str, bool, type(None)},  # false: not rated
}
# The objects whose fields beyond the schema become extra columns of the shows frame,
# in column order: kind -> (prefix, fields that are not extra).
_EXTRA_OBJECTS = {
    "progress": ("progress", frozenset(_PROGRESS_KEYS)),
    "stats": ("stats", frozenset(_STATS_KEYS)),
    "show": ("", frozenset((*_SHOW_CORE, *_VIEWER_KEYS))),
    "next": ("next", frozenset(_NEXT_CORE)),
    "item": ("", frozenset((*_ITEM_CORE, *_VIEWER_KEYS))),
}
# Where next_first_aired comes from, best first: the true instant, then v1's
# Pacific-encoded local time.
_AIRED_KEYS = ("first_aired_utc", "first_aired_iso", "first_aired")
# Episode and season numbers above this are not numbers a show can have; the
# cap keeps them in int64 and keeps charts from allocating huge grids.
_MAX_NUMBER = MAX_NUMBER
_MAX_WARNINGS = 10


_DIGITS = [str(n) for n in range(1, 513)]


def _standard_keys(n: int) -> list[str]:
    """The keys "1".."n", as nearly every season's episodes object has them."""
    return _DIGITS[:n] if n <= len(_DIGITS) else list(map(str, range(1, n + 1)))


# -- the parser ------------------------------------------------------------------------------


def check_failure_body(data: object, label: str) -> None:
    """Raise :class:`TraktAPIError` for an API error body, with the API's whole message.

    v1 answered ``{"status": "failure", "error": ...}`` and ``{"status":
    "error", "message": ...}`` (with HTTP 200 or 401); v2 answers ``{"error":
    ..., "error_description": ...}``.
    """
    if type(data) is dict and detect_format(data) in (V1_ERROR, V2_ERROR):
        raise TraktAPIError(f"{label}: the API reported a failure: {error_message(data)}")


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
        `data` is the API's error body (v1 ``{"status": "failure" | "error"}``
        or v2 ``{"error": ...}``); the message is the API's, whole.
    TraktDataError
        `data` is another Trakt document (a v2 response, an account-export
        member, a v1 library file: the message names it and what to call
        instead), or its structure is not a progress response's.
    """
    check_failure_body(data, label)
    fmt = detect_format(data)
    if fmt is not None and fmt != V1_PROGRESS:
        raise TraktDataError(wrong_format_message(fmt, label))
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of shows at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    return _Parser().run(data)


def parse_progress_json(payload: bytes, *, label: str = "<input>") -> ParsedProgress:
    """Parse and check the JSON bytes of a v1 progress response: :func:`parse_progress`, faster.

    The seasons are decoded and checked by msgspec while the JSON is parsed
    (:mod:`.v1_typed`). Where that decoder declines (invalid JSON, an odd
    value, an unknown field, another document), the bytes are parsed again and
    walked in full, so the result, the warnings and the errors are exactly
    those of :func:`parse_progress` on the parsed JSON.

    Raises
    ------
    TraktDataError, TraktAPIError
        As :func:`parse_progress`; invalid JSON gives its line and column.
    """
    payload = strip_bom(payload)
    items = decode_items(payload)
    if items:
        parser = _Parser(typed=True)
        try:
            parser.gather(items)
            return parser.build()
        except TraktDataError:
            pass  # the full walk names the first problem, exactly as parse_progress does
    return parse_progress(decode_json(payload, label=label), label=label)


class _Parser:
    def __init__(self, *, typed: bool = False) -> None:
        # typed: the seasons are v1_typed.Season Structs, checked while decoding.
        self.typed = typed
        show_cols = set(schema.SHOWS)
        self.titles: list[object] = []
        self.show: dict[str, list[object]] = {
            k: [] for k in ("title", "year", *_ID_KEYS, *_PROGRESS_KEYS, *_STATS_KEYS)
        }
        self.next: dict[str, list[Any]] = {
            k: [] for k in ("season", "number", "title", "aired", "aired_key")
        }
        self.viewer: dict[str, list[object]] = {k: [] for k in _VIEWER_KEYS}
        self.extras = Extras(show_cols)
        # Per kind of _EXTRA_OBJECTS: the rows and objects with fields beyond the schema.
        self.extra_objs: dict[str, tuple[list[int], list[dict[str, Any]]]] = {
            kind: ([], []) for kind in _EXTRA_OBJECTS
        }
        # "_item" and "_row" are the builder's own columns (frames.py pops them): a season's
        # field of that name must not overwrite or vanish with them.
        self.season_extras = Extras({*schema.SEASONS, "_item", "_row"})
        # Listed seasons, in response order, and how many each item lists.
        self.season_objs: list[Any] = []
        self.season_numbers: list[int] = []
        self.season_lists: list[list[Any]] = []  # typed: each show's list of Season Structs
        self.n_listed = 0
        self.seasons_per_item: list[int] = []
        self.listed_and_hidden: list[int] = []  # listed seasons' rows that are hidden too
        # Seasons only named in "hidden_seasons": item, position there, number.
        self.hidden_only: list[tuple[int, int, int]] = []
        # Episodes of every listed season, flat; keys kept only where not "1".."n".
        self.ep_values: list[object] | np.ndarray = []
        self.ep_sizes: list[int] = []
        self.ep_numbers: np.ndarray | None = None  # typed: the episode numbers, flat
        self.odd_keys: dict[int, list[str]] = {}  # listed season row -> its keys
        # Odd values loaded as NA, per item: "path: what was wrong".
        self.odd: dict[int, list[str]] = {}
        # Filled by build_seasons: item and position of every season row (unsorted).
        self.s_item = np.zeros(0, dtype=np.int64)
        self.s_pos = np.zeros(0, dtype=np.int64)

    # -- walk -------------------------------------------------------------------------------

    def run(self, data: list[Any]) -> ParsedProgress:
        for index, item in enumerate(data):
            self.item(index, item)
        return self.build()

    def item(self, index: int, item: object) -> None:
        if type(item) is not dict:
            raise TraktDataError(
                f"{locate(index, None)}: expected an object with a 'show', "
                f"got {type(item).__name__} {short(item)}"
            )
        show = item.get("show")
        if type(show) is not dict:
            what = (
                ("is null" if "show" in item else "is missing")
                if show is None
                else f"is a {type(show).__name__}, not an object"
            )
            raise TraktDataError(f"{locate(index, None, 'show')}: {what}")
        title = show.get("title")
        if type(title) is not str:
            what = (
                ("is null" if "title" in show else "is missing")
                if title is None
                else f"is not a string: {short(title)}"
            )
            raise TraktDataError(f"{locate(index, None, 'show.title')}: {what}")
        self.titles.append(title)

        def at(path: str) -> str:
            return locate(index, title, path)

        def get(obj: dict[str, Any], key: str, check: Callable[[object], Any], path: str) -> Any:
            # A value of one show: an odd one loads as NA and is reported, never raises.
            try:
                return check(obj.get(key))
            except BadValue as exc:
                self.report(index, path, str(exc))
                return None

        row = index
        for key in _SHOW_CORE:
            self.show[key].append(show.get(key))
        imdb = get(show, "imdb_id", text, "show.imdb_id")
        self.show["imdb_id"][-1] = imdb or None  # "" means unknown

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
            self.show[key].append(progress.get(key))
        for key in _STATS_KEYS:
            self.show[key].append(stats.get(key))
        if not progress.keys() <= _PROGRESS_SET:
            self.keep_extras("progress", row, progress)
        if not stats.keys() <= _STATS_SET:
            self.keep_extras("stats", row, stats)

        if show.keys() & _VIEWER_SET or item.keys() & _VIEWER_SET:
            self.viewer_fields(index, item, show, get)
        else:
            for key in _VIEWER_KEYS:
                self.viewer[key].append(None)
        self.keep_extras("show", row, show)
        self.next_episode(index, item.get("next_episode"), at, get)
        if not item.keys() <= _ITEM_KNOWN:
            self.keep_extras("item", row, item)
        self.seasons(index, item, at)

    def keep_extras(self, kind: str, row: int, obj: dict[str, Any]) -> None:
        """`obj` of show `row` has fields beyond the schema: flattened in :meth:`build`."""
        rows, objs = self.extra_objs[kind]
        rows.append(row)
        objs.append(obj)

    def report(self, index: int, path: str, what: str) -> None:
        """Value `path` of item `index` is odd: it loads as NA, with a warning."""
        self.odd.setdefault(index, []).append(f"{path}: {what}; loaded as NA")

    def viewer_fields(
        self, index: int, item: dict[str, Any], show: dict[str, Any], get: Callable
    ) -> None:
        checks = {"watched": flag, "plays": count, "in_watchlist": flag, "rating": rating}
        for key, check in checks.items():
            inside = get(show, key, check, f"show.{key}")
            beside = get(item, key, check, key)
            if inside is not None and beside is not None and inside != beside:
                self.report(index, key, f"{beside!r} disagrees with show.{key} {inside!r}")
                inside = beside = None
            self.viewer[key].append(beside if inside is None else inside)

    def next_episode(self, row: int, nxt: object, at: Callable, get: Callable) -> None:
        """The next episode; its air time from the true instant where the response has it.

        ``first_aired`` is the show's local air time encoded as US Pacific time
        (v1's convention); ``first_aired_utc`` (unix) and ``first_aired_iso``
        (with its offset), where present, are the true instant and win.
        """
        if nxt is None or nxt is False:
            nxt = {}
        if type(nxt) is not dict:
            raise TraktDataError(
                f"{at('next_episode')}: expected an object or false, got {short(nxt)}"
            )
        number = nxt.get("number")
        num = nxt.get("num")
        if number is not None and num is not None and number != num:
            self.report(row, "next_episode", f"'num' ({num!r}) and 'number' ({number!r}) disagree")
            number = num = None
        self.next["season"].append(nxt.get("season"))
        self.next["number"].append(num if number is None else number)
        self.next["title"].append(get(nxt, "title", text, "next_episode.title"))
        for key in _AIRED_KEYS:  # the true instant first
            aired = nxt.get(key)
            if aired is not None and aired != 0:
                self.next["aired"].append(aired)
                self.next["aired_key"].append(key)
                break
        else:
            self.next["aired"].append(None)
            self.next["aired_key"].append("first_aired")
        self.keep_extras("next", row, nxt)

    def seasons(self, index: int, item: dict[str, Any], at: Callable[[str], str]) -> None:
        seasons = item.get("seasons")
        if seasons is None:
            seasons = []
        if type(seasons) is not list:
            raise TraktDataError(f"{at('seasons')}: expected a list, got {short(seasons)}")
        first_row = self.n_listed
        listed = self.walk_seasons(seasons, first_row, at)
        self.n_listed += len(seasons)
        self.seasons_per_item.append(len(seasons))
        self.hidden_seasons(index, item.get("hidden_seasons"), listed, first_row, at)

    def hidden_seasons(
        self, index: int, hidden: object, listed: dict[int, int], first_row: int, at: Callable
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
                self.listed_and_hidden.append(first_row + listed[number])
            else:
                self.hidden_only.append((index, pos, number))

    # -- the typed path: the same fields, gathered column by column -------------------------

    def gather(self, items: list[Any]) -> None:
        """The walk of :func:`parse_progress_json`: the typed items' fields, column by column.

        `items` are :mod:`.v1_typed` Structs, so the structure is checked; the
        values go to the same column checks as the full walk's. A value the
        full walk would report or explain (a title that is not a string, viewer
        fields that disagree, an odd next episode) raises :class:`_Decline`, and
        the caller walks the input in full instead.
        """
        n = len(items)
        shows = list(map(attrgetter("show"), items))
        self.titles = titles = [show.get("title") for show in shows]
        _require(titles, {str})
        if any("ids" in show for show in shows):  # API v2's shape: detect_format names it
            raise _Decline("a show has 'ids'")
        self.show["title"] = titles
        for key in ("year", "tvdb_id", "tvrage_id"):
            self.show[key] = [show.get(key) for show in shows]
        imdb = [show.get("imdb_id") for show in shows]
        _require(imdb, {str, type(None)})
        self.show["imdb_id"] = [value or None for value in imdb]  # "" means unknown
        progress = list(map(attrgetter("progress"), items))
        for key in _PROGRESS_KEYS:
            self.show[key] = list(map(attrgetter(key), progress))
        stats = list(map(attrgetter("stats"), items))
        for key in _STATS_KEYS:
            field = attrgetter(key)
            self.show[key] = [None if obj is None else field(obj) for obj in stats]
        for key, kinds in _VIEWER_TYPES.items():  # inside the show or beside it
            inside = [show.get(key) for show in shows]
            beside = list(map(attrgetter(key), items))
            inside_kinds, beside_kinds = set(map(type, inside)), set(map(type, beside))
            if not inside_kinds | beside_kinds <= kinds:
                raise _Decline(f"a {key} the full walk must check")
            if inside_kinds == {type(None)}:  # the usual case: one place or none
                values = beside
            elif beside_kinds == {type(None)}:
                values = inside
            else:
                pairs = list(zip(inside, beside, strict=True))
                if any(i is not None and b is not None and i != b for i, b in pairs):
                    raise _Decline(f"{key} inside and beside the show disagree")
                values = [b if i is None else i for i, b in pairs]
            if key == "rating":
                if True in values:
                    raise _Decline("rating is true")
                values = [None if v is False else v for v in values]  # false: not rated
            elif key == "plays" and any(not 0 <= v < 2**63 for v in values if v is not None):
                raise _Decline("plays that are negative or beyond int64")  # as count() refuses
            self.viewer[key] = values
        self.gather_next(
            [{} if x is None or x is False else x for x in map(attrgetter("next_episode"), items)]
        )
        everyone = list(range(n))
        self.extra_objs["show"] = (everyone, shows)
        self.season_lists = list(map(attrgetter("seasons"), items))
        self.seasons_per_item = list(map(len, self.season_lists))
        first_rows = np.cumsum(self.seasons_per_item) - self.seasons_per_item
        for index, hidden in enumerate(map(attrgetter("hidden_seasons"), items)):
            if hidden is not None and hidden != []:  # false or 0: the walk explains
                seasons = self.season_lists[index]
                listed = {season.season: pos for pos, season in enumerate(seasons)}
                at = partial(locate, index, titles[index])
                self.hidden_seasons(index, hidden, listed, int(first_rows[index]), at)

    def gather_next(self, nexts: list[Any]) -> None:
        """The next episodes' fields (:meth:`next_episode`), column by column."""
        _require(nexts, {dict})  # true or a number: the full walk explains
        number = [nxt.get("number") for nxt in nexts]
        num = [nxt.get("num") for nxt in nexts]
        if any(
            a is not None and b is not None and a != b for a, b in zip(number, num, strict=True)
        ):
            raise _Decline("num and number disagree")
        self.next["season"] = [nxt.get("season") for nxt in nexts]
        self.next["number"] = [b if a is None else a for a, b in zip(number, num, strict=True)]
        self.next["title"] = title = [nxt.get("title") for nxt in nexts]
        _require(title, {str, type(None)})
        aired, aired_key = self.next["aired"], self.next["aired_key"]
        for nxt in nexts:
            for key in _AIRED_KEYS:  # the true instant first
                value = nxt.get(key)
                if value is not None and value != 0:
                    aired.append(value)
                    aired_key.append(key)
                    break
            else:
                aired.append(None)
                aired_key.append("first_aired")
        self.extra_objs["next"] = (list(range(len(nexts))), nexts)

    def walk_seasons(
        self, seasons: list[Any], first_row: int, at: Callable[[str], str]
    ) -> dict[int, int]:
        """Check each listed season of one show and keep its numbers and episodes.

        The hot loop of the full walk (one pass per season); the counts are
        read later, in bulk, from the kept season objects. Returns the listed
        season numbers and their positions.
        """
        listed: dict[int, int] = {}
        for pos, season in enumerate(seasons):
            number, episodes = self.season_fields(pos, season, at)
            if number in listed:
                raise TraktDataError(
                    f"{at(f'seasons[{pos}].season')}: season {number} is listed twice"
                )
            listed[number] = pos
            if episodes is None:
                episodes = {}
            keys = list(episodes)
            if keys != _standard_keys(len(keys)):
                self.odd_keys[first_row + pos] = keys
            self.ep_values.extend(episodes.values())
            self.ep_sizes.append(len(keys))
            self.season_objs.append(season)
            self.season_numbers.append(number)
        return listed

    def typed_seasons(self) -> None:
        """Stack the typed seasons of every show in bulk, as :meth:`walk_seasons` would.

        The Structs' episode keys are numbers already (checked while decoding).
        Raises :class:`TraktDataError` (without a precise place: the caller
        then walks the input in full for the message) for a season listed twice.
        """
        objs = self.season_objs = list(chain.from_iterable(self.season_lists))
        self.season_numbers = list(map(attrgetter("season"), objs))
        episodes = list(map(attrgetter("episodes"), objs))
        self.ep_sizes = list(map(len, episodes))
        total = sum(self.ep_sizes)
        self.ep_numbers = np.fromiter(chain.from_iterable(episodes), np.int64, count=total)
        self.ep_values = np.fromiter(
            chain.from_iterable(map(dict.values, episodes)), bool, count=total
        )
        per_item = np.array(self.seasons_per_item, dtype=np.int64)
        item = np.repeat(np.arange(len(per_item)), per_item)
        number = np.array(self.season_numbers, dtype=np.int64)
        order = np.lexsort((number, item))
        if np.any((np.diff(item[order]) == 0) & (np.diff(number[order]) == 0)):
            raise TraktDataError("a season is listed twice")

    @staticmethod
    def season_fields(pos: int, season: object, at: Callable[[str], str]) -> tuple[int, Any]:
        """The number and episodes of a season object, checked (the walk's slow path)."""
        if type(season) is not dict:
            raise TraktDataError(
                f"{at(f'seasons[{pos}]')}: expected an object, got {short(season)}"
            )
        number = season.get("season")
        if type(number) is not int or not 0 <= number < 2**63:  # the slow path checks, explains
            try:
                number = count(number)
            except BadValue as exc:
                raise TraktDataError(f"{at(f'seasons[{pos}].season')}: {exc}") from None
            if number is None:
                what = "is null" if "season" in season else "is missing"
                raise TraktDataError(f"{at(f'seasons[{pos}].season')}: {what}")
        episodes = season.get("episodes")
        if episodes is not None and type(episodes) is not dict:
            raise TraktDataError(
                f"{at(f'seasons[{pos}].episodes')}: expected an object of episode "
                f"number -> true/false, got {type(episodes).__name__} {short(episodes)}"
            )
        return number, episodes

    def season_path(self, row: int) -> str:
        pos = self.s_pos[row]
        return f"seasons[{pos}]" if pos >= 0 else f"hidden_seasons[{-1 - pos}]"

    # -- build ------------------------------------------------------------------------------

    def build(self) -> ParsedProgress:
        if self.typed:
            self.typed_seasons()
        titles = self.titles
        n_shows = len(titles)

        def show_at(path: str) -> Callable[[int], str]:
            return lambda i: locate(i, titles[i], path)

        def odd(path: str) -> Callable[[int, str], None]:
            return lambda i, what: self.report(i, path, what)

        shows: dict[str, Any] = {}
        shows["title"] = pd.array(titles, dtype=schema.STR)
        shows["year"] = int_array(
            self.show["year"], show_at("show.year"), allow_str=True, report=odd("show.year")
        )
        shows["imdb_id"] = pd.array(self.show["imdb_id"], dtype=schema.STR)
        for key in ("tvdb_id", "tvrage_id"):
            shows[key] = id_array(self.show[key], show_at(f"show.{key}"), report=odd(f"show.{key}"))
        for key in _PROGRESS_KEYS:
            shows[key] = int_array(
                self.show[key], show_at(f"progress.{key}"), report=odd(f"progress.{key}")
            )
        shows["completion"] = completion(shows["completed"], shows["aired"])
        for key in _STATS_KEYS:
            shows[key] = int_array(
                self.show[key], show_at(f"stats.{key}"), report=odd(f"stats.{key}")
            )
        for key in ("season", "number"):
            path = f"next_episode.{key}"
            shows[f"next_{key}"] = int_array(self.next[key], show_at(path), report=odd(path))
        shows["next_title"] = pd.array(self.next["title"], dtype=schema.STR)
        shows["next_first_aired"] = unix_times(
            self.next["aired"],
            show_at("next_episode.first_aired"),
            report=lambda i, what: self.report(
                i, f"next_episode.{self.next['aired_key'][i]}", what
            ),
        )
        for key in _VIEWER_KEYS:
            dtype = schema.SHOWS[f"viewer_{key}"]
            shows[f"viewer_{key}"] = pd.array(self.viewer[key], dtype=dtype)
        for kind, (prefix, skip) in _EXTRA_OBJECTS.items():
            rows, objs = self.extra_objs[kind]
            # A kind every show has (rows increase, one per show) is range(n): no reindexing.
            self.extras.add(range(n_shows) if len(rows) == n_shows else rows, prefix, objs, skip)
        shows.update(self.extras.build(n_shows, collision_prefix="show_"))

        seasons, order = self.build_seasons()
        episodes = self.build_episodes(order)
        episodes["runtime"] = _episode_runtimes(shows.get("runtime"), seasons, episodes)
        totals = season_totals(shows, seasons, episodes)
        found = find_inconsistencies(shows, seasons, episodes, totals)
        _completion_from_episodes(shows, totals)
        for i, msgs in found.items():
            self.odd.setdefault(i, []).extend(msgs)
        warnings = [
            f"{locate(i, titles[i])}: " + "; ".join(msgs) for i, msgs in sorted(self.odd.items())
        ]
        if len(warnings) > _MAX_WARNINGS:
            rest = len(warnings) - _MAX_WARNINGS
            warnings = [
                *warnings[:_MAX_WARNINGS],
                f"... and {rest} more shows with odd values or inconsistencies",
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
                return locate(item, titles[item], f"{self.season_path(r)}{path}")

            return where

        if len(number) and number.max() > _MAX_NUMBER:
            r = int(number.argmax())
            raise TraktDataError(f"{at('.season')(r)}: season number {number[r]} is not plausible")
        order = np.lexsort((number, self.s_item))  # by show (response order), then number
        seasons: dict[str, Any] = {"_item": self.s_item[order], "season": number[order]}
        padding = [None] * len(hidden_only)
        for key in _PROGRESS_KEYS:
            if self.typed:  # whole numbers from 0 to 2**53 or None, checked while decoding
                values = list(map(attrgetter(key), objs))
                seasons[key] = _checked_counts(values + padding)[order]
                continue
            values = [season.get(key) for season in objs]

            def odd(r: int, what: str, key: str = key) -> None:
                self.report(int(self.s_item[r]), f"{self.season_path(r)}.{key}", what)

            seasons[key] = int_array(values + padding, at(f".{key}"), report=odd)[order]
        seasons["completion"] = completion(seasons["completed"], seasons["aired"])
        hidden = np.zeros(len(number), dtype=bool)
        hidden[n_listed:] = True
        hidden[self.listed_and_hidden] = True
        seasons["hidden"] = hidden[order]
        if not self.typed:  # the typed Structs have no fields beyond these
            rows = [r for r, season in enumerate(objs) if not season.keys() <= _SEASON_CORE_SET]
            skip = frozenset(_SEASON_CORE)
            self.season_extras.add(rows, "", [objs[r] for r in rows], skip)
        extras = self.season_extras.build(len(order), collision_prefix="season_")
        seasons.update({k: v[order] for k, v in extras.items()})
        return seasons, order

    def build_episodes(self, season_order: np.ndarray) -> dict[str, Any]:
        titles = self.titles
        sizes = np.array(self.ep_sizes, dtype=np.int64)
        starts = np.cumsum(sizes) - sizes
        ep_row = np.repeat(np.arange(len(sizes)), sizes)  # listed season row of each episode
        if self.ep_numbers is not None:  # typed: numbered while decoding
            number = self.ep_numbers
        else:  # keys are "1".."n" in nearly every season: number them without parsing
            number = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(starts, sizes) + 1

        def at(i: int, what: str) -> str:
            r = int(ep_row[i])
            keys = self.odd_keys.get(r)
            key = keys[i - starts[r]] if keys is not None else str(number[i])
            path = f"{self.season_path(r)}.episodes[{key!r}]"
            item = int(self.s_item[r])
            return f"{locate(item, titles[item], path)}: {what}"

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
        if not self.typed and not set(map(type, values)) <= {bool}:
            i = next(i for i, v in enumerate(values) if type(v) is not bool)
            raise TraktDataError(at(i, f"expected true or false, got {short(values[i])}"))
        watched = np.asarray(values, dtype=bool)

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


def _checked_counts(values: list[int | None]) -> pd.arrays.IntegerArray:
    """Counts the typed decoder checked (0 to 2**53, or None) as Int64, in bulk."""
    floats = np.array(values, dtype=np.float64)  # None -> nan; exact up to 2**53
    missing = np.isnan(floats)
    return pd.arrays.IntegerArray(np.where(missing, 0, floats).astype(np.int64), missing)


class _Decline(TraktDataError):
    """The typed path leaves this input to the full walk (which says where and what)."""


def _require(values: list[object], kinds: set[type]) -> None:
    if not set(map(type, values)) <= kinds:
        raise _Decline(f"a value is not one of {kinds}")


def _episode_runtimes(show_runtime: Any, seasons: dict[str, Any], episodes: dict[str, Any]) -> Any:
    """Each episode's runtime in minutes: v1 knows only the show's (``extended=full``).

    NA where the show has no whole-number runtime (or 0, which means unknown).
    """
    n = len(episodes["episode"])
    if show_runtime is None or not pd.api.types.is_integer_dtype(show_runtime):
        return pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
    runtime = pd.array(show_runtime, dtype="Int64")
    runtime[runtime <= 0] = pd.NA
    item = np.asarray(seasons["_item"])[episodes["_season_rank"]]
    return runtime[item]


def _completion_from_episodes(shows: dict[str, Any], totals: dict[str, np.ndarray]) -> None:
    """Where a show's totals disagree with its seasons, its completion follows the episodes.

    The reported ``aired``/``completed``/``left``/``percentage`` stay as the API
    sent them (with a warning); ``completion``, which this package computes, is
    then the watched episode flags over the seasons' aired episodes. `totals` is
    :func:`._consistency.season_totals` of the parsed columns.
    """
    aired = shows["aired"].to_numpy(dtype=np.float64, na_value=np.nan)
    done = shows["completed"].to_numpy(dtype=np.float64, na_value=np.nan)
    summed = totals["aired"]
    with np.errstate(invalid="ignore"):
        disagree = ~np.isnan(summed) & ((aired != summed) | (done != totals["completed"]))
    rows = np.flatnonzero(disagree & (summed > 0))
    if len(rows):
        completion = shows["completion"].copy()
        completion[rows] = np.minimum(totals["watched"][rows], summed[rows]) / summed[rows]
        shows["completion"] = completion
