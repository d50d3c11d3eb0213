"""Recognise which Trakt document a parsed JSON value is, by its content.

A Trakt user has many JSON files besides a v1 ``user/progress/watched``
response: API v2 responses, the members of the account export, v1 library
files, and the error bodies of both APIs. Several of them are lists of objects
with a ``show``, so they would pass a loose check and load with wrong numbers.
:func:`detect_format` tells them apart from their keys alone (pure, no I/O);
:func:`wrong_format_message` says what the document is and what to call.

The shapes come from the API docs (v1: the seed page; v2: trakt.docs.apiary.io)
and from public client code and exporters:

- v1 progress: ``[{"show": {"title", "imdb_id", "tvdb_id", ...}, "progress":
  {"percentage", "aired", "completed", "left"}, "seasons": [{"season",
  "episodes": {"1": true}}], "stats", "next_episode"}]``
- v2 ``/sync/progress/watched``: ``[{"show": {"ids": {...}}, "progress":
  {"aired", "completed", "last_watched_at", "reset_at", "next_episode",
  "last_episode"}}]``
- v2 ``/shows/{id}/progress/watched``: ``{"aired", "completed",
  "last_watched_at", "reset_at", "seasons": [{"number", "episodes":
  [{"number", "completed", "last_watched_at"}]}], "next_episode", ...}``
- v2 watched shows (``/sync/watched/shows``, the export's
  ``watched-shows.json``): ``[{"plays", "last_watched_at", "reset_at",
  "show", "seasons": [{"number", "episodes": [{"number", "plays"}]}]}]``
- v2 history (``/sync/history``, the export's ``watched-history.json``):
  ``[{"id", "watched_at", "action", "type", "episode" | "movie", "show"}]``
- export members: ``watched-movies`` (``plays`` + ``movie``), ``ratings-*``
  (``rated_at`` + ``rating``), ``watchlist-*`` and list items (``listed_at``),
  ``collection-*`` (``collected_at`` / ``last_collected_at``), ``lists-*``
  (``name`` + ``privacy``), the user profile (``username`` or ``user``).
- v1 library (``user/library/shows/watched`` and ``.../collection``):
  ``[{"title", "year", "tvdb_id", "seasons": [{"season", "episodes": [1, 2]}]}]``
- error bodies: v1 ``{"status": "failure", "error"}`` and ``{"status":
  "error", "message"}``; v2 ``{"error", "error_description"}``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "FORMATS",
    "V1_PROGRESS",
    "api_error_words",
    "detect_format",
    "error_message",
    "is_zip",
    "wrong_format_message",
]

V1_PROGRESS = "v1-progress"
V1_ERROR = "v1-error"
V2_ERROR = "v2-error"

_EXPORT = "ta.load_export(...) on the account export (the ZIP or its folder)"
_V2 = "ta.TraktAPI (API v2)"

#: Format name -> (what the document is, what to call instead).
FORMATS: dict[str, tuple[str, str]] = {
    V1_PROGRESS: ("an API v1 user/progress/watched response", "ta.load_progress(...)"),
    "v2-progress": ("an API v2 /sync/progress/watched response", _V2),
    "v2-show-progress": ("an API v2 /shows/{id}/progress/watched response", _V2),
    "v2-watched-shows": (
        "an API v2 /sync/watched/shows response or the account export's watched-shows.json",
        f"{_EXPORT}, or {_V2}",
    ),
    "v2-history": (
        "an API v2 /sync/history response or the account export's watched-history.json",
        f"{_EXPORT}, or {_V2}",
    ),
    "export-watched-movies": (
        "watched movies (the account export's watched-movies.json or /sync/watched/movies)",
        f"{_EXPORT}; movies have no watched progress",
    ),
    "export-ratings": ("ratings (the account export's ratings-*.json)", _EXPORT),
    "export-watchlist": (
        "watchlist or list items (the account export's watchlist-*.json or lists-*.json)",
        _EXPORT,
    ),
    "export-collection": ("a collection (the account export's collection-*.json)", _EXPORT),
    "export-lists": ("a list of lists (the account export's lists-lists.json)", _EXPORT),
    "export-profile": ("a user profile (the account export's user-profile.json)", _EXPORT),
    "v1-library": (
        "an API v1 user/library/shows/watched (or collection) response",
        "ta.load_progress(...) on a saved user/progress/watched response; the library "
        "file lists watched episodes without aired counts",
    ),
    "zip": (
        "a ZIP archive (the account export)",
        "ta.load_export(path) (or 'trakt-analysis report EXPORT.zip')",
    ),
    V1_ERROR: ("an API v1 error body", ""),
    V2_ERROR: ("an API v2 error body", ""),
}

_V1_PROGRESS_KEYS = frozenset(("percentage", "left"))
_V2_PROGRESS_KEYS = frozenset(("reset_at", "last_episode", "last_watched_at"))
_V2_SHOW_KEYS = frozenset(
    ("reset_at", "last_episode", "last_watched_at", "seasons", "next_episode")
)
_HISTORY_KEYS = frozenset(("action", "type", "id", "episode", "movie"))
_SAMPLE = 50  # items looked at; a mixed file is caught by the parser's own checks


def is_zip(data: bytes | bytearray | memoryview) -> bool:
    """True when the bytes start like a ZIP archive (local file header or empty archive)."""
    head = bytes(data[:4])
    return head in (b"PK\x03\x04", b"PK\x05\x06")


def detect_format(data: object) -> str | None:
    """Name the Trakt document that `data` (parsed JSON) looks like.

    Parameters
    ----------
    data : object
        Parsed JSON.

    Returns
    -------
    str or None
        A key of :data:`FORMATS` (``"v1-progress"``, ``"v2-progress"``,
        ``"v2-history"``, ``"v1-error"``, ...), or None when the content
        matches none of them. An empty list is ``"v1-progress"`` (a user with
        no shows); a list whose items are not objects is None.
    """
    if type(data) is dict:
        return _detect_object(data)
    if type(data) is not list:
        return None
    if not data:
        return V1_PROGRESS
    for item in data[:_SAMPLE]:
        if type(item) is dict:
            found = _detect_item(item)
            if found is not None:
                return found
    return None


def _detect_object(data: dict[str, Any]) -> str | None:
    status = data.get("status")
    if status in ("failure", "error") and ("error" in data or "message" in data):
        return V1_ERROR
    if "error" in data and (
        "error_description" in data or data.keys() <= {"error", "error_description"}
    ):
        return V2_ERROR
    if "aired" in data and "completed" in data and data.keys() & _V2_SHOW_KEYS:
        return "v2-show-progress"
    if "username" in data or type(data.get("user")) is dict:
        return "export-profile"
    return None


def _detect_item(item: dict[str, Any]) -> str | None:
    if "watched_at" in item and item.keys() & _HISTORY_KEYS:
        return "v2-history"
    if "rated_at" in item and "rating" in item:
        return "export-ratings"
    if "listed_at" in item:
        return "export-watchlist"
    if "collected_at" in item or "last_collected_at" in item:
        return "export-collection"
    if "movie" in item and "plays" in item:
        return "export-watched-movies"
    if "name" in item and "privacy" in item:
        return "export-lists"
    show = item.get("show")
    if type(show) is not dict:
        if "title" in item and type(item.get("seasons")) is list:
            return "v1-library"
        return None
    progress = item.get("progress")
    if type(progress) is dict:
        keys = progress.keys()
        if keys & _V1_PROGRESS_KEYS:
            return V1_PROGRESS
        if keys & _V2_PROGRESS_KEYS or "ids" in show:
            return "v2-progress"
        return V1_PROGRESS
    seasons = item.get("seasons")
    if type(seasons) is list and seasons and type(seasons[0]) is dict:
        first = seasons[0]
        if type(first.get("episodes")) is dict or "season" in first:
            return V1_PROGRESS
        if "number" in first:
            return "v2-watched-shows"
    if "plays" in item and "last_watched_at" in item:
        return "v2-watched-shows"
    if "ids" in show:
        return None  # a v2 object of an unknown endpoint
    return V1_PROGRESS


def error_message(data: dict[str, Any]) -> str:
    """The whole message of an API error body, v1 or v2."""
    parts = [
        str(data[key])
        for key in ("error", "message", "error_description")
        if data.get(key) not in (None, "")
    ]
    return ": ".join(parts) if parts else "no message"


def api_error_words(data: object) -> str | None:
    """The API's own message when `data` is a Trakt error body (v1 or v2), else None.

    The hook the API clients pass to the HTTP layer, which knows HTTP, not
    Trakt's documents.

    >>> api_error_words({"error": "invalid_grant", "error_description": "expired"})
    'invalid_grant: expired'
    >>> api_error_words({"shows": []}) is None
    True
    """
    if type(data) is dict and detect_format(data) in (V1_ERROR, V2_ERROR):
        return error_message(data)
    return None


def wrong_format_message(fmt: str, label: str) -> str:
    """Why `label` is not a v1 progress response: what it is, and what to call instead."""
    what, instead = FORMATS[fmt]
    return (
        f"{label} looks like {what}, not an API v1 user/progress/watched response; "
        f"use {instead} instead"
    )
