"""What the v1 parser knows between its steps: one typed dataclass.

Both ways in fill a :class:`V1State`: the full walk (:func:`.walk.walk`) show
by show, the typed path (:func:`.typed.gather`) column by column. The build
(:func:`.build.build`) reads it and checks and types the columns. Every field is
written by the walk or the typed path and read by the build, so each is
declared here, once, with what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ... import schema
from .._checks import locate
from .._extras import Extras
from .._problems import Problems
from .fields import _EXTRA_OBJECTS, _ID_KEYS, _PROGRESS_KEYS, _STATS_KEYS, _VIEWER_KEYS

__all__ = ["V1State"]

# The objects of one kind whose fields beyond the schema become extra columns, and the
# rows (shows) they belong to.
ExtraObjects = tuple[list[int], list[dict[str, Any]]]


def _show_columns() -> dict[str, list[object]]:
    return {k: [] for k in ("title", "year", *_ID_KEYS, *_PROGRESS_KEYS, *_STATS_KEYS)}


def _next_columns() -> dict[str, list[Any]]:
    return {k: [] for k in ("season", "number", "title", "aired", "aired_key")}


def _no_rows() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(eq=False)
class V1State:
    """The fields of a v1 progress response, gathered, before they become columns."""

    #: The typed path filled this state: the seasons are :class:`.typed.Season` Structs,
    #: checked while decoding (the full walk leaves dicts).
    typed: bool = False
    #: Each item's show title, in response order (None where it is not a string: loaded as NA).
    titles: list[str | None] = field(default_factory=list)
    #: The show's own values, one list per field (title, year, ids, progress, stats).
    show: dict[str, list[object]] = field(default_factory=_show_columns)
    #: The next episode's values; ``aired_key`` names which field ``aired`` came from.
    next: dict[str, list[Any]] = field(default_factory=_next_columns)
    #: The viewer's fields (watched, plays, in_watchlist, rating), inside or beside the show.
    viewer: dict[str, list[object]] = field(default_factory=lambda: {k: [] for k in _VIEWER_KEYS})
    #: Extra columns of the shows frame (fields beyond the schema).
    # Show metadata fields (genres, network, ...) fill their declared columns by name.
    extras: Extras = field(
        default_factory=lambda: Extras(set(schema.SHOWS) - set(schema.SHOW_METADATA))
    )
    #: Per kind of ``_EXTRA_OBJECTS``: the rows and objects with fields beyond the schema.
    extra_objs: dict[str, ExtraObjects] = field(
        default_factory=lambda: {kind: ([], []) for kind in _EXTRA_OBJECTS}
    )
    #: Extra columns of the seasons frame. "_item" and "_row" are the frame builder's own
    #: columns (frames.py pops them): a season's field of that name must not overwrite or
    #: vanish with them.
    season_extras: Extras = field(
        default_factory=lambda: Extras({*schema.SEASONS, "_item", "_row"})
    )
    #: The listed seasons, in response order: dicts (full walk) or Season Structs (typed).
    season_objs: list[Any] = field(default_factory=list)
    #: The number of each listed season, in the same order.
    season_numbers: list[int] = field(default_factory=list)
    #: Typed path only: each show's list of Season Structs.
    season_lists: list[list[Any]] = field(default_factory=list)
    #: Full walk only: how many seasons have been listed so far (the next season's row).
    n_listed: int = 0
    #: How many seasons each item lists.
    seasons_per_item: list[int] = field(default_factory=list)
    #: Rows of listed seasons that ``hidden_seasons`` names too.
    listed_and_hidden: list[int] = field(default_factory=list)
    #: Seasons only named in ``hidden_seasons``: (item, position there, season number).
    hidden_only: list[tuple[int, int, int]] = field(default_factory=list)
    #: Full walk only: the watched flag of every episode of every listed season, flat, as
    #: sent (checked to be true or false by the build).
    ep_values: list[object] = field(default_factory=list)
    #: Typed path only: the same flags, checked while decoding.
    ep_watched: np.ndarray | None = None
    #: How many episodes each listed season has.
    ep_sizes: list[int] = field(default_factory=list)
    #: Typed path only: every episode's number, flat (the full walk numbers them in build).
    ep_numbers: np.ndarray | None = None
    #: Full walk only: listed season row -> its episode keys, where they are not "1".."n".
    odd_keys: dict[int, list[str]] = field(default_factory=dict)
    #: Odd values loaded as NA and inconsistencies, by show (sorted by item).
    problems: Problems = field(default_factory=lambda: Problems("<input>"))
    #: Written by the build: the item of every season row (listed, then hidden only).
    s_item: np.ndarray = field(default_factory=_no_rows)
    #: Written by the build: the position of every season row in its list (``seasons[p]``
    #: as p, ``hidden_seasons[p]`` as -1 - p).
    s_pos: np.ndarray = field(default_factory=_no_rows)

    def report(self, index: int, path: str, what: str) -> None:
        """Value `path` of item `index` is odd: it loads as NA, with a warning."""
        where = locate(index, self.titles[index])
        self.problems.odd(where, f"{path}: {what}", order=index)

    def keep_extras(self, kind: str, row: int, obj: dict[str, Any]) -> None:
        """`obj` of show `row` has fields beyond the schema: flattened by the build."""
        rows, objs = self.extra_objs[kind]
        rows.append(row)
        objs.append(obj)

    def season_path(self, row: int) -> str:
        """Where season row `row` came from: ``seasons[p]`` or ``hidden_seasons[p]``."""
        pos = self.s_pos[row]
        return f"seasons[{pos}]" if pos >= 0 else f"hidden_seasons[{-1 - pos}]"
