"""The fields of an API v1 ``user/progress/watched`` item, as both ways into the parser read them.

Shared by the full walk (:mod:`.walk`), the typed path (:mod:`.typed`) and the
build of the columns (:mod:`.build`).
"""

from __future__ import annotations

# Episode and season numbers above this are not numbers a show can have; the
# cap keeps them in int64 and keeps charts from allocating huge grids.
MAX_NUMBER = 10**6

_ID_KEYS = ("imdb_id", "tvdb_id", "tvrage_id")
_SHOW_CORE = ("title", "year", *_ID_KEYS)
_VIEWER_KEYS = ("watched", "plays", "in_watchlist", "rating")
_ITEM_CORE = ("show", "progress", "seasons", "hidden_seasons", "stats", "next_episode")
_PROGRESS_KEYS = ("aired", "completed", "left", "percentage")
_REQUIRED_PROGRESS = ("aired", "completed")
_STATS_KEYS = ("plays", "scrobbles", "checkins", "seen")
_SEASON_CORE = ("season", *_PROGRESS_KEYS, "episodes")
_SEASON_CORE_SET = frozenset(_SEASON_CORE)
_PROGRESS_SET = frozenset(_PROGRESS_KEYS)
_STATS_SET = frozenset(_STATS_KEYS)
_VIEWER_SET = frozenset(_VIEWER_KEYS)
_ITEM_KNOWN = frozenset((*_ITEM_CORE, *_VIEWER_KEYS))
_NEXT_CORE = ("season", "num", "number", "title", "first_aired")
# The objects whose fields beyond the schema become extra columns of the shows frame,
# in column order: kind -> (prefix, fields that are not extra).
_EXTRA_OBJECTS = {
    "progress": ("progress", frozenset(_PROGRESS_KEYS)),
    "stats": ("stats", frozenset(_STATS_KEYS)),
    "show": ("", frozenset((*_SHOW_CORE, *_VIEWER_KEYS))),
    "next": ("next", frozenset(_NEXT_CORE)),
    "item": ("", frozenset((*_ITEM_CORE, *_VIEWER_KEYS))),
}
# Where next_first_aired comes from, best first: the true instant, then v1's
# Pacific-encoded local time.
_AIRED_KEYS = ("first_aired_utc", "first_aired_iso", "first_aired")
_MAX_NUMBER = MAX_NUMBER


_DIGITS = [str(n) for n in range(1, 513)]


def _standard_keys(n: int) -> list[str]:
    """The keys "1".."n", as nearly every season's episodes object has them."""
    return _DIGITS[:n] if n <= len(_DIGITS) else list(map(str, range(1, n + 1)))
