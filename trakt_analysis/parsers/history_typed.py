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
a :class:`~trakt_analysis.errors.TraktDataWarning`. So both paths give the same
columns, warnings and errors; this one is only faster (``benchmarks/export.py``
measures it).

Fields beyond the ones read are ignored by the full walk (``extended=full``
adds an overview, a rating and more). The first decoder declares every field a
plain history item has and refuses others, so it reads every byte; where it
refuses, a second one skips unknown fields. msgspec skips them without reading
them as closely as the full walk's JSON parser (orjson), which refuses bytes
that are not UTF-8 and numbers beyond a double's range anywhere in the file: the
second decoder runs only on bytes that have neither.
"""

# No ``from __future__ import annotations``: msgspec reads the Structs' annotations, and
# those of the classes local to _item_type cannot be resolved from strings.
import re
from typing import Annotated, Any, Literal

import msgspec

from ._json import typed_decode

__all__ = ["convert_history", "decode_history"]

# The full walk's bounds: ids and counts fit int64; runtimes fit the frame's Int32;
# season and episode numbers stay below its cap.
Count = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
Runtime = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
MAX_NUMBER = 10**6
Number = Annotated[int, msgspec.Meta(ge=0, le=MAX_NUMBER)]
# An id the full walk does not read. Not Any: msgspec reads an integer of any size, but one
# beyond a double makes orjson (the full walk's parser) refuse the file, so the strict decoder,
# which skips the _plain check, must refuse it too; int64 is far beyond any real id.
OtherId = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)] | float | str | bool | None


def _item_type(*, forbid_unknown_fields: bool) -> Any:
    """The Struct of one play (and those it holds); strict or skipping unknown fields."""
    config = {"forbid_unknown_fields": forbid_unknown_fields, "gc": False}

    class PlexIds(msgspec.Struct, **config):
        """Plex's ids (``ids.plex``, which trakt.tv has sent since 2025): not read."""

        guid: str | None = None
        slug: str | None = None

    class Ids(msgspec.Struct, **config):
        """Trakt's ids of a show or movie: numbers (0 is unknown), text, or null."""

        trakt: Count | None = None
        slug: str | None = None
        imdb: str | None = None
        tvdb: Count | None = None
        tmdb: Count | None = None
        tvrage: Count | None = None
        plex: PlexIds | None = None

    class Show(msgspec.Struct, **config):
        """The show of an episode play."""

        title: str
        year: Count | None = None
        ids: Ids | None = None

    class Movie(msgspec.Struct, **config):
        """The movie of a movie play; ``runtime`` in minutes."""

        title: str
        year: Count | None = None
        ids: Ids | None = None
        runtime: Runtime | None = None

    class EpisodeIds(msgspec.Struct, **config):
        """An episode's ids: only ``trakt`` is read; the others are any scalar."""

        trakt: Count | None = None
        tvdb: OtherId = None
        imdb: OtherId = None
        tmdb: OtherId = None
        tvrage: OtherId = None

    class Episode(msgspec.Struct, **config):
        """The episode of a play; ``runtime`` (minutes) only with ``extended=full``."""

        season: Number
        number: Number
        title: str | None = None
        ids: EpisodeIds | None = None
        runtime: Runtime | None = None

    class Item(msgspec.Struct, **config):
        """One play. ``watched_at`` and ``type`` are required (the full walk infers a type)."""

        watched_at: str | None
        type: Literal["episode", "movie"]
        id: Count | None = None
        action: Literal["scrobble", "checkin", "watch"] | None = None
        show: Show | None = None
        episode: Episode | None = None
        movie: Movie | None = None

    return Item


Item = _item_type(forbid_unknown_fields=False)  # also what the strict decoder's items look like
_STRICT = msgspec.json.Decoder(list[_item_type(forbid_unknown_fields=True)])  # type: ignore[misc]
_SKIPPING = msgspec.json.Decoder(list[Item])  # type: ignore[valid-type]
# Generous (any three-digit exponent, any 300 digits in a row): a false match costs time only.
_EXPONENT = re.compile(rb"[eE][+-]?[0-9]{3}")
_LONG_NUMBER = b"0" * 300
_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))  # digits -> "0"


def decode_history(payload: bytes) -> list[Any] | None:
    """The plays of a history's JSON text as Structs, or None where the full walk must look.

    One Struct per play (fields ``id``, ``watched_at``, ``action``, ``type``,
    ``show``, ``episode``, ``movie``). None as :func:`~._json.typed_decode`
    says, or where the payload holds what the full walk's JSON parser refuses
    in a field the Structs skip.
    """
    items = typed_decode(_STRICT, payload)
    if items is not None or not _plain(payload):
        return items
    return typed_decode(_SKIPPING, payload)


def _plain(payload: bytes) -> bool:
    """No bytes orjson refuses that msgspec may skip: invalid UTF-8, a number beyond a double."""
    if not payload.isascii():
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError:
            return False
    if _EXPONENT.search(payload):
        return False
    return _LONG_NUMBER not in payload.translate(_DIGITS)


def convert_history(data: object) -> list[Any] | None:
    """:func:`decode_history` for JSON already parsed (API v2's pages): Structs, or None."""
    try:
        return msgspec.convert(data, list[Item])  # type: ignore[valid-type]
    except (msgspec.MsgspecError, RecursionError):
        return None
