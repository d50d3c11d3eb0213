"""The fast path of the history parser: msgspec decodes and checks the plays while it parses.

A watch history (an account export's ``watched-history-N.json``, a page of API
v2's ``/sync/history``) is tens of thousands of small, uniform objects. Declared
as msgspec Structs, their structure and types are checked in C while the JSON is
parsed, so :func:`~trakt_analysis.parsers.history.parse_history_json` only
gathers the fields column by column.

The Structs accept only what the full walk
(:func:`~trakt_analysis.parsers.history.parse_history`) would load without a
warning: a known ``type`` and ``action``, titles that are strings, numbers
that are whole and in range, ids that are numbers or null. Anything else (a
string id, a float, an item without a type, invalid JSON, another document)
makes :func:`decode_history` return None, and the caller parses the bytes again
with the full walk, which leaves the item out or loads the odd value as NA with
a :class:`~trakt_analysis.errors.TraktDataWarning`. Unknown fields are skipped,
as the full walk ignores them (``extended=full`` adds an overview, a rating and
more). So both paths give the same columns, warnings and errors; this one is
only faster (``benchmarks/export.py`` measures it).
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

__all__ = [
    "Episode",
    "EpisodeIds",
    "Ids",
    "Item",
    "Movie",
    "Show",
    "convert_history",
    "decode_history",
]

# The full walk's bounds: ids and counts fit int64; runtimes fit the frame's Int32;
# season and episode numbers stay below its cap.
Count = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
Runtime = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
MAX_NUMBER = 10**6
Number = Annotated[int, msgspec.Meta(ge=0, le=MAX_NUMBER)]


class Ids(msgspec.Struct, gc=False):
    """Trakt's ids of a show or movie: numbers (0 is unknown), text, or null."""

    trakt: Count | None = None
    slug: str | None = None
    imdb: str | None = None
    tvdb: Count | None = None
    tmdb: Count | None = None
    tvrage: Count | None = None


class Show(msgspec.Struct, gc=False):
    """The show of an episode play (its runtime, if sent, is not read: the episode's is)."""

    title: str
    year: Count | None = None
    ids: Ids | None = None


class Movie(Show, gc=False):
    """The movie of a movie play."""

    runtime: Runtime | None = None


class EpisodeIds(msgspec.Struct, gc=False):
    trakt: Count | None = None


class Episode(msgspec.Struct, gc=False):
    """The episode of an episode play; ``runtime`` (minutes) only with ``extended=full``."""

    season: Number
    number: Number
    title: str | None = None
    ids: EpisodeIds | None = None
    runtime: Runtime | None = None


class Item(msgspec.Struct, gc=False):
    """One play. ``watched_at`` and ``type`` are required: the full walk infers a missing type."""

    watched_at: str | None
    type: Literal["episode", "movie"]
    id: Count | None = None
    action: Literal["scrobble", "checkin", "watch"] | None = None
    show: Show | None = None
    episode: Episode | None = None
    movie: Movie | None = None


_DECODER = msgspec.json.Decoder(list[Item])


def decode_history(payload: bytes) -> list[Item] | None:
    """The plays of a history as Structs, or None where the full walk must look.

    Parameters
    ----------
    payload : bytes
        The JSON text (UTF-8, without a byte order mark).

    Returns
    -------
    list of Item or None
        One :class:`Item` per play; None when the payload is not a list of
        such items (invalid JSON, a value of the wrong kind, a missing field).
    """
    try:
        return _DECODER.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        return None


def convert_history(data: object) -> list[Item] | None:
    """:func:`decode_history` for JSON already parsed (API v2's pages): Structs, or None."""
    try:
        return msgspec.convert(data, list[Item])
    except (msgspec.MsgspecError, RecursionError):
        return None
