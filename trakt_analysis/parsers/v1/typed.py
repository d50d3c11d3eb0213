"""The fast path of the v1 parser: msgspec decodes and checks the seasons while it parses.

A v1 ``user/progress/watched`` response is mostly seasons and their episodes
(``"12": true``, hundreds of thousands of them). Declared as msgspec Structs,
their types and ranges are checked in C while the JSON is parsed, so the
parser's gather (:func:`gather`) trusts them and only numbers and stacks them.

The Structs accept only what the full walk would load unchanged: no unknown
fields, counts that are whole numbers from 0 to 2**53, season numbers up to
the parser's cap, episodes as ``true``/``false``. Anything else (a string
where a count belongs, an extra field, invalid JSON, another Trakt document)
makes :func:`decode_items` return None, and the caller parses the bytes again
with the full walk, which loads the odd value as NA with a warning or raises
:class:`~trakt_analysis.errors.TraktDataError` with the item, the show's title
and the field path. So both paths give the same frames, warnings and errors;
this one is only faster (``benchmarks/loader.py`` measures it).

The show and next-episode objects stay plain dicts, and the progress and stats
Structs only pin their keys: they are few (one per show), and their values
carry v1's quirks (ids as strings, ``next_episode: false``, ``num``/``number``,
extended fields kept as extra columns), which go through the same column checks
as the full walk's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any

import msgspec
import numpy as np

from ...errors import TraktDataError
from .._checks import locate
from .._json import typed_decode
from .episode_bytes import read_episodes
from .fields import _AIRED_KEYS, _PROGRESS_KEYS, _STATS_KEYS, MAX_NUMBER
from .state import V1State
from .walk import hidden_seasons

__all__ = ["Item", "Progress", "Season", "Stats", "decode_items", "gather", "typed_seasons"]

# Counts up to 2**53 (exact as floats, so their columns are built in bulk; the full walk
# takes larger ones); season and episode numbers stay below the full walk's cap.
MAX_COUNT = 2**53
Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
Number = Annotated[int, msgspec.Meta(ge=0, le=MAX_NUMBER)]


class Season(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One listed season of a show, checked while decoding."""

    season: Number
    # {"12": true, ...}, kept as JSON text: read in bulk by episode_bytes, or decoded as
    # _EPISODES where it is not in the compact form (null goes to the full walk).
    episodes: msgspec.Raw = msgspec.Raw(b"{}")
    percentage: Count | None = None
    aired: Count | None = None
    completed: Count | None = None
    left: Count | None = None


class Progress(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """An item's progress: aired and completed are required, as the full walk requires them."""

    aired: Any
    completed: Any
    left: Any = None
    percentage: Any = None


class Stats(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """An item's stats."""

    plays: Any = None
    scrobbles: Any = None
    checkins: Any = None
    seen: Any = None


class Item(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One show of the response. The values are checked by the parser's column checks."""

    show: dict[str, Any]
    progress: Progress
    seasons: list[Season]
    hidden_seasons: Any = None
    stats: Stats | None = None
    next_episode: dict[str, Any] | bool | None = None
    watched: Any = None
    plays: Any = None
    in_watchlist: Any = None
    rating: Any = None


_DECODER = msgspec.json.Decoder(list[Item])
# Every season's episodes, where one is not in the compact form read_episodes reads.
_EPISODES = msgspec.json.Decoder(list[dict[Number, bool]])


def decode_items(payload: bytes) -> list[Item] | None:
    """The shows of a v1 response's JSON text as :class:`Item` Structs, or None.

    None where the full walk must look, as :func:`~.._json.typed_decode` says
    (an unknown field included).
    """
    return typed_decode(_DECODER, payload)


# -- the walk of the typed path: the items' fields, column by column ----------------------

# The typed path takes these viewer values as they are; any other goes to the full walk.
_VIEWER_TYPES: dict[str, set[type]] = {
    "watched": {bool, type(None)},
    "plays": {int, type(None)},
    "in_watchlist": {bool, type(None)},
    "rating": {str, bool, type(None)},  # false: not rated
}


class _Decline(TraktDataError):
    """The typed path leaves this input to the full walk (which says where and what)."""


def _require(values: Sequence[object], kinds: set[type]) -> None:
    if not set(map(type, values)) <= kinds:
        raise _Decline(f"a value is not one of {kinds}")


def gather(state: V1State, items: list[Item]) -> None:
    """The walk of :func:`parse_progress_json`: the typed items' fields, column by column.

    `items` are :mod:`.typed` Structs, so the structure is checked; the
    values go to the same column checks as the full walk's. A value the
    full walk would report or explain (a title that is not a string, viewer
    fields that disagree, an odd next episode) raises :class:`_Decline`, and
    the caller walks the input in full instead.
    """
    n = len(items)
    shows = list(map(attrgetter("show"), items))
    state.titles = titles = [show.get("title") for show in shows]
    _require(titles, {str})
    if any("ids" in show for show in shows):  # API v2's shape: detect_format names it
        raise _Decline("a show has 'ids'")
    state.show["title"] = titles
    for key in ("year", "tvdb_id", "tvrage_id"):
        state.show[key] = [show.get(key) for show in shows]
    imdb = [show.get("imdb_id") for show in shows]
    _require(imdb, {str, type(None)})
    state.show["imdb_id"] = [value or None for value in imdb]  # "" means unknown
    progress = list(map(attrgetter("progress"), items))
    for key in _PROGRESS_KEYS:
        state.show[key] = list(map(attrgetter(key), progress))
    stats = list(map(attrgetter("stats"), items))
    for key in _STATS_KEYS:
        field = attrgetter(key)
        state.show[key] = [None if obj is None else field(obj) for obj in stats]
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
        state.viewer[key] = values
    gather_next(
        state,
        [{} if x is None or x is False else x for x in map(attrgetter("next_episode"), items)],
    )
    everyone = list(range(n))
    state.extra_objs["show"] = (everyone, shows)
    state.season_lists = list(map(attrgetter("seasons"), items))
    state.seasons_per_item = list(map(len, state.season_lists))
    first_rows = np.cumsum(state.seasons_per_item) - state.seasons_per_item
    for index, hidden in enumerate(map(attrgetter("hidden_seasons"), items)):
        if hidden is not None and hidden != []:  # false or 0: the walk explains
            seasons = state.season_lists[index]
            listed = {season.season: pos for pos, season in enumerate(seasons)}
            at = partial(locate, index, titles[index])
            hidden_seasons(state, index, hidden, listed, int(first_rows[index]), at)


def gather_next(state: V1State, nexts: list[dict[str, Any]]) -> None:
    """The next episodes' fields (:func:`.walk.next_episode`), column by column."""
    _require(nexts, {dict})  # true or a number: the full walk explains
    number = [nxt.get("number") for nxt in nexts]
    num = [nxt.get("num") for nxt in nexts]
    if any(a is not None and b is not None and a != b for a, b in zip(number, num, strict=True)):
        raise _Decline("num and number disagree")
    state.next["season"] = [nxt.get("season") for nxt in nexts]
    state.next["number"] = [b if a is None else a for a, b in zip(number, num, strict=True)]
    state.next["title"] = title = [nxt.get("title") for nxt in nexts]
    _require(title, {str, type(None)})
    aired, aired_key = state.next["aired"], state.next["aired_key"]
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
    state.extra_objs["next"] = (list(range(len(nexts))), nexts)


def typed_seasons(state: V1State) -> None:
    """Stack the typed seasons of every show in bulk, as :func:`.walk.walk_seasons` would.

    The episodes are read from their JSON text in bulk (:func:`read_episodes`);
    a season listed twice is found when the seasons are sorted
    (:func:`.build.build_seasons`).
    """
    objs = state.season_objs = list(chain.from_iterable(state.season_lists))
    state.season_numbers = list(map(attrgetter("season"), objs))
    raws = list(map(attrgetter("episodes"), objs))
    read = read_episodes(raws)
    if read is None:  # not the compact form: decode them, as the full walk would read them
        state.ep_numbers, state.ep_watched, sizes = _decode_episodes(raws)
    else:
        state.ep_numbers, state.ep_watched, sizes = read
    state.ep_sizes = sizes.tolist()


def _decode_episodes(raws: list[msgspec.Raw]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`read_episodes`'s result, from each season's episodes decoded to a dict.

    Raises :class:`_Decline` where the full walk must look (a null, a key such
    as "-0" that msgspec reads as a number but the full walk refuses).
    """
    text = b"[" + b",".join(raws) + b"]"
    # A minus is in no key the full walk takes; msgspec takes "-0" as 0, also spelled
    # with escapes ("\u002d0"), so keys with escapes go to the full walk as well.
    if b"-" in text or b"\\" in text:
        raise _Decline("an episode key is -0, or spelled with escapes")
    try:
        episodes = _EPISODES.decode(text)
    except msgspec.DecodeError:
        raise _Decline("an episodes object the full walk must check") from None
    sizes = np.fromiter(map(len, episodes), np.int64, count=len(episodes))
    total = int(sizes.sum())
    numbers = np.fromiter(chain.from_iterable(episodes), np.int32, count=total)
    watched = np.fromiter(chain.from_iterable(map(dict.values, episodes)), bool, count=total)
    return numbers, watched, sizes
