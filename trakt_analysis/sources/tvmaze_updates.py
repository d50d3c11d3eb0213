"""Which cached TVmaze answers still hold: TVmaze's ``/updates/shows`` map, read once per run.

TVmaze publishes when each show last changed (``GET /updates/shows?since=day``,
``week`` or ``month``: a JSON object of show id, as text, to Unix seconds).
:class:`~trakt_analysis.TVmaze` keeps its answers past ``cache_ttl`` and, once
one is older, asks this map once instead of asking again for every show: only
the shows updated since they were cached are fetched again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

__all__ = ["WINDOWS", "changed_since", "parse_updates", "window_for"]

#: TVmaze's ``since`` values and the age each covers. A month is taken as 28
#: days, so a cached answer is never trusted past what the map surely covers.
WINDOWS: tuple[tuple[str, timedelta], ...] = (
    ("day", timedelta(days=1)),
    ("week", timedelta(days=7)),
    ("month", timedelta(days=28)),
)


def window_for(age: timedelta) -> str | None:
    """The narrowest ``since`` whose map covers answers `age` old; None past a month."""
    for since, span in WINDOWS:
        if age <= span:
            return since
    return None


def parse_updates(data: Any) -> dict[int, int] | None:
    """TVmaze's updates map as ``{show id: Unix seconds}``, or None when it is not a map.

    A show whose time is not whole seconds gets ``-1``: it counts as changed
    (asked again), never as unchanged.
    """
    if not isinstance(data, dict):
        return None
    out: dict[int, int] = {}
    for key, value in data.items():
        if isinstance(key, str) and key.isdigit():
            out[int(key)] = value if type(value) is int and value >= 0 else -1
    return out


def changed_since(updates: dict[int, int], tvmaze_id: int, cached_at: float) -> bool:
    """Whether the show changed since its answer was cached at `cached_at` (Unix seconds).

    A show missing from the map did not change in its window. TVmaze gives whole
    seconds, so an update in the second the answer was cached counts as a change;
    so does an odd time (``-1`` from :func:`parse_updates`).
    """
    updated = updates.get(int(tvmaze_id))
    if updated is None:
        return False
    return updated < 0 or updated >= int(cached_at)
