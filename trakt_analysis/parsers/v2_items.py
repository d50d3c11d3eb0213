"""The items of an API v2 watched list, checked before a request is made per show.

A watched-shows item should be ``{"show": {"title": ..., "ids": {"trakt": 1390, ...}}, ...}``.
A server (or a proxy, or a future API change) may send ``show: null``, ``show``
as a string, ``ids: null`` or ``ids.trakt: true``; the last one would even be
asked for as ``/shows/True/progress/watched``. Each such item is left out with
a warning naming it; the other shows load.
"""

from __future__ import annotations

from typing import Any

from ..errors import TraktAPIError
from ._checks import short

__all__ = ["watched_show_ids"]


def _trakt_id(show: Any) -> int | None:
    ids = show.get("ids") if isinstance(show, dict) else None
    value = ids.get("trakt") if isinstance(ids, dict) else None
    # bool is an int to Python, not a Trakt id; nor is 0 or a negative number.
    return value if type(value) is int and 0 < value < 2**63 else None


def _name(index: int, item: Any) -> str:
    show = item.get("show") if isinstance(item, dict) else None
    title = show.get("title") if isinstance(show, dict) else None
    if isinstance(title, str) and title:
        return f"item {index} ({short(title)})"
    return f"item {index} ({short(item)})"


def watched_show_ids(
    items: list[Any], label: str
) -> tuple[list[tuple[dict[str, Any], dict[str, Any], int]], list[str]]:
    """(item, show, trakt id) of each usable item, and a warning per item left out.

    Parameters
    ----------
    items : list
        The parsed JSON of a watched-shows list (``/sync/watched/shows`` or
        ``/users/{id}/watched/shows``).
    label : str
        Names the list in messages.

    Raises
    ------
    TraktAPIError
        The list has items but none of them names a show with a Trakt id (the
        message names the first).
    """
    usable: list[tuple[dict[str, Any], dict[str, Any], int]] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        show = item.get("show") if isinstance(item, dict) else None
        trakt_id = _trakt_id(show)
        if trakt_id is None or not isinstance(item, dict) or not isinstance(show, dict):
            if not isinstance(item, dict):
                what = f"expected an object, got {short(item)}"
            elif not isinstance(show, dict):
                what = f"show is {short(show)}, not an object"
            else:
                ids = show.get("ids")
                raw = ids.get("trakt") if isinstance(ids, dict) else ids
                what = f"show.ids.trakt is {short(raw)}, not a Trakt id"
            problems.append(f"{label}: {_name(index, item)}: {what}; the show is left out")
            continue
        usable.append((item, show, trakt_id))
    if items and not usable:
        raise TraktAPIError(
            problems[0].replace("; the show is left out", "") + " (and every other item)"
        )
    return usable, problems
