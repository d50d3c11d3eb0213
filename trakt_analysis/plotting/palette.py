"""The one palette of every chart: colours of states, stats and users.

Change a colour here and every chart follows. Colours are hex strings so tests
can compare them with :func:`matplotlib.colors.to_hex`.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "COMPLETION_CMAP",
    "FINISHED",
    "HISTORY_CMAP",
    "IN_PROGRESS",
    "MORE",
    "NO_DATA",
    "RATING_TYPE_COLORS",
    "STATE_COLORS",
    "STATE_ORDER",
    "STAT_COLORS",
    "UNKNOWN",
    "UNKNOWN_HATCH",
    "USER_COLORS",
    "user_colors",
]

# ColorBrewer hues that several kinds of thing share, named once.
_BLUE, _LIGHT_BLUE, _GREEN, _ORANGE = "#3182bd", "#9ecae1", "#31a354", "#e6550d"

#: A show with nothing left to watch.
FINISHED = "#2ca25f"
#: A show with episodes left (or none watched yet).
IN_PROGRESS = _BLUE
#: The summary bar of the shows beyond ``top``.
MORE = "#bdbdbd"
#: Text of an empty chart.
NO_DATA = "#737373"

#: Colormap of completion (0-100 %) in heatmaps.
COMPLETION_CMAP = "YlGn"

#: Colormap of plays in the watch clock and the calendar heatmap.
HISTORY_CMAP = "YlOrRd"
#: Marks of unknown values (hours of plays without a runtime).
UNKNOWN = "#969696"
#: The hatch of a bar of unknown completion (drawn full, grey, dotted: never 0 %).
UNKNOWN_HATCH = ".."

#: Episode states of the grid, in the order of their codes.
STATE_ORDER: tuple[str, ...] = ("watched", "unwatched", "missing", "hidden")
STATE_COLORS: dict[str, str] = {
    "watched": "#2ca25f",
    "unwatched": "#d9d9d9",
    "missing": "#fc8d59",
    "hidden": "#6a51a3",
}

#: How plays were logged.
STAT_COLORS: dict[str, str] = {"scrobbles": _BLUE, "checkins": _ORANGE, "seen": _LIGHT_BLUE}

#: What was rated, in stacking order, and its colour.
RATING_TYPE_COLORS: dict[str, str] = {
    "show": _BLUE,
    "season": _LIGHT_BLUE,
    "episode": _GREEN,
    "movie": _ORANGE,
}

#: Users, in order of first appearance (matplotlib's tab10, colour-blind friendlier order).
USER_COLORS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def user_colors(users: Iterable[object]) -> dict[object, str]:
    """A colour per user, in order of first appearance (cycling after ten)."""
    unique = list(dict.fromkeys(users))
    return {user: USER_COLORS[i % len(USER_COLORS)] for i, user in enumerate(unique)}
