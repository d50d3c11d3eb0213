"""The fast path of the v1 parser: msgspec decodes and checks the seasons while it parses.

A v1 ``user/progress/watched`` response is mostly seasons and their episodes
(``"12": true``, hundreds of thousands of them). Declared as msgspec Structs,
their types and ranges are checked in C while the JSON is parsed, so the
parser's Python walk (:mod:`.v1`) trusts them and only numbers and stacks them.

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

from typing import Annotated, Any

import msgspec

__all__ = ["Item", "Progress", "Season", "Stats", "decode_items"]

# Counts up to 2**53 (exact as floats, so their columns are built in bulk; the full walk
# takes larger ones); season and episode numbers stay below the full walk's cap.
MAX_COUNT = 2**53
Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
MAX_NUMBER = 10**6
Number = Annotated[int, msgspec.Meta(ge=0, le=MAX_NUMBER)]


class Season(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One listed season of a show, checked while decoding."""

    season: Number
    # Keys are episode numbers ("12"); null goes to the full walk (it loads as no episodes).
    episodes: dict[Number, bool] = {}
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


def decode_items(payload: bytes) -> list[Item] | None:
    """The items of a v1 response as Structs, or None where the full walk must look.

    Parameters
    ----------
    payload : bytes
        The JSON text (UTF-8, without a byte order mark).

    Returns
    -------
    list of Item or None
        One :class:`Item` per show; None when the payload is not a list of
        such items (invalid JSON, an unknown field, a value of the wrong kind).
    """
    if b'"-0"' in payload:  # msgspec reads the episode key "-0" as 0; the full walk refuses it
        return None
    try:
        return _DECODER.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        return None
