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

A history repeats each show's object once per play. The plays are decoded with
the show's JSON text left as it is (``msgspec.Raw``), and each distinct text is
decoded once, by the same two decoders, so every byte is still checked as
closely; the columns take the show's values per play from there.
"""

# No ``from __future__ import annotations``: msgspec reads the Structs' annotations, and
# those of the classes local to _types cannot be resolved from strings.
import re
from operator import attrgetter
from typing import Annotated, Any, Literal, NamedTuple

import msgspec
import numpy as np

from ._json import typed_decode

__all__ = ["Plays", "convert_history", "decode_history"]

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


def _types(*, forbid_unknown_fields: bool) -> tuple[Any, Any, Any]:
    """The Structs of one play: (Item, Item with the show's JSON left as it is, Show).

    Strict, or skipping unknown fields.
    """
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

    class RawShowItem(msgspec.Struct, **config):
        """:class:`Item` with its show's JSON text (``msgspec.Raw``; None when absent)."""

        watched_at: str | None
        type: Literal["episode", "movie"]
        id: Count | None = None
        action: Literal["scrobble", "checkin", "watch"] | None = None
        show: msgspec.Raw = None  # type: ignore[assignment]
        episode: Episode | None = None
        movie: Movie | None = None

    return Item, RawShowItem, Show


Item, _, _ = _types(forbid_unknown_fields=False)  # what convert_history gives
_, _STRICT_ITEM, _STRICT_SHOW_TYPE = _types(forbid_unknown_fields=True)
_, _SKIPPING_ITEM, _SKIPPING_SHOW_TYPE = _types(forbid_unknown_fields=False)
# A history repeats each show's object once per play: the items are read with the show's
# JSON as it is, and each distinct text is decoded once (checked as closely as the rest).
_STRICT: Any = msgspec.json.Decoder(list[_STRICT_ITEM])  # type: ignore[valid-type]
_SKIPPING: Any = msgspec.json.Decoder(list[_SKIPPING_ITEM])  # type: ignore[valid-type]
_STRICT_SHOW: Any = msgspec.json.Decoder(_STRICT_SHOW_TYPE | None)
_SKIPPING_SHOW: Any = msgspec.json.Decoder(_SKIPPING_SHOW_TYPE | None)
# Generous (any three-digit exponent, any 300 digits in a row): a false match costs time only.
_EXPONENT = re.compile(rb"[eE][+-]?[0-9]{3}")
_LONG_NUMBER = b"0" * 300
_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))  # digits -> "0"


class Plays(NamedTuple):
    """A history's plays as Structs, their shows apart: each distinct show once.

    ``items`` has one Struct per play (fields ``id``, ``watched_at``,
    ``action``, ``type``, ``episode``, ``movie``; ``show`` is not to be read).
    ``shows`` holds the distinct shows (Structs, or None for a show that is
    null), ``show_of`` each play's index in ``shows`` (int64; -1 for a play
    without a show).
    """

    items: list[Any]
    shows: list[Any]
    show_of: np.ndarray


def decode_history(payload: bytes) -> Plays | None:
    """The plays of a history's JSON text as Structs, or None where the full walk must look.

    None as :func:`~._json.typed_decode` says, or where the payload holds
    what the full walk's JSON parser refuses in a field the Structs skip.
    """
    items = typed_decode(_STRICT, payload)
    if items is None:
        if not _plain(payload):
            return None
        items = typed_decode(_SKIPPING, payload)
        if items is None:
            return None
    raws = list(map(attrgetter("show"), items))
    # A show's text as the key (b"" where the item has none): one decode per distinct text.
    texts = (
        list(map(bytes, raws))
        if None not in raws
        else [b"" if r is None else bytes(r) for r in raws]
    )
    distinct = dict.fromkeys(texts)
    distinct.pop(b"", None)
    shows = [_decode_show(text) for text in distinct]
    if any(show is _REFUSED for show in shows):
        return None
    at = {text: i for i, text in enumerate(distinct)}
    at[b""] = -1  # no show at all (a null show is one: None in `shows`)
    show_of = np.fromiter(map(at.__getitem__, texts), dtype=np.int64, count=len(texts))
    return Plays(items, shows, show_of)


_REFUSED = object()


def _decode_show(text: bytes) -> Any:
    """One show's JSON text as a Struct (None for null), or ``_REFUSED`` as for a payload."""
    show = typed_decode(_STRICT_SHOW, text)
    if show is not None or text == b"null":
        return show
    if not _plain(text):
        return _REFUSED
    show = typed_decode(_SKIPPING_SHOW, text)
    return _REFUSED if show is None else show


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


def convert_history(data: object) -> Plays | None:
    """:func:`decode_history` for JSON already parsed (API v2's pages): Structs, or None.

    Each play's show stands apart (``show_of`` counts up; -1 for none).
    """
    try:
        items = msgspec.convert(data, list[Item])  # type: ignore[valid-type]
    except (msgspec.MsgspecError, RecursionError):
        return None
    shows = list(map(attrgetter("show"), items))
    show_of = np.arange(len(shows), dtype=np.int64)
    if None in shows:
        show_of[[show is None for show in shows]] = -1
    return Plays(items, shows, show_of)
