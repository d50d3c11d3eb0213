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
from typing import Any

import numpy as np

from .. import schema
from ..errors import TraktAPIError, TraktDataError
from ._checks import BadValue, count, flag, locate, mapping, rating, short, text
from ._extras import Extras
from ._json import as_utf8, decode_json
from ._v1_build import _Build
from ._v1_fields import (
    _AIRED_KEYS,
    _EXTRA_OBJECTS,
    _ID_KEYS,
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
from .detect import (
    V1_ERROR,
    V1_PROGRESS,
    V2_ERROR,
    detect_format,
    error_message,
    wrong_format_message,
)
from .parsed import ParsedProgress
from .v1_typed import _Gather, decode_items

__all__ = ["ParsedProgress", "parse_progress", "parse_progress_json"]

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
    payload = as_utf8(payload, label=label)
    items = decode_items(payload)
    if items:
        parser = _Parser(typed=True)
        try:
            parser.gather(items)
            return parser.build()
        except TraktDataError:
            pass  # the full walk names the first problem, exactly as parse_progress does
    return parse_progress(decode_json(payload, label=label), label=label)


class _Parser(_Gather, _Build):
    """The parser's state, and the full walk that fills it.

    The typed path's walk is :class:`~.v1_typed._Gather`'s; the build of the
    columns from this state is :class:`~._v1_build._Build`'s.
    """

    def __init__(self, *, typed: bool = False) -> None:
        # typed: the seasons are v1_typed.Season Structs, checked while decoding.
        self.typed = typed
        # Show metadata fields (genres, network, ...) fill their declared columns by name.
        show_cols = set(schema.SHOWS) - set(schema.SHOW_METADATA)
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
