"""plot_watch_stats and plot_watch_split: how plays were logged."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..progress import Progress
from ._common import (
    check_frame,
    check_top,
    filled,
    get_ax,
    label_rows,
    more_label,
    no_data,
    of_user,
    row_colors,
    rows_legend,
    show_labels,
    top_rows,
    user_color_map,
    user_name,
)
from ._docstrings import fill_doc
from .fonts import with_fallback_fonts
from .palette import MORE, NO_DATA, STAT_COLORS, UNKNOWN

__all__ = ["STATS", "plot_watch_split", "plot_watch_stats"]

#: The parts of ``plays``, in stacking order.
STATS: tuple[str, ...] = ("scrobbles", "checkins", "seen")
_LABELS = {"scrobbles": "scrobbled", "checkins": "checked in", "seen": "marked as seen"}
# With several users, colour says the user; hatch and alpha say the stat.
_SHORT = {"scrobbles": "scrobbled", "checkins": "check-ins", "seen": "seen"}
_USER_STYLE: dict[str, dict[str, Any]] = {
    "scrobbles": {"hatch": "", "alpha": 1.0},
    "checkins": {"hatch": "xx", "alpha": 0.8},
    "seen": {"hatch": "", "alpha": 0.4},
}
#: The segment of plays whose split is unknown (API v2 and the export have no split).
SPLIT_UNKNOWN = "split unknown"
_PARTS: tuple[str, ...] = (*STATS, SPLIT_UNKNOWN)
_UNKNOWN_HATCH = "///"
_COLUMNS = ("user", "title", "year", "plays")
TITLE = "Plays per show"
SPLIT_TITLE = "How plays were logged"


def split_parts(shows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Plays per row split into scrobbles, check-ins, seen and "split unknown".

    A row whose split is not fully known (any of the three NA, or the columns
    absent, as from API v2 or the export) has all its plays in
    :data:`SPLIT_UNKNOWN`: never guessed, never drawn as 0. Unknown plays are 0.
    """
    n = len(shows)
    plays = filled(shows["plays"])
    known = np.ones(n, dtype=bool)
    parts: dict[str, np.ndarray] = {}
    for stat in STATS:
        column = shows.get(stat)
        if column is None:
            known[:] = False
            parts[stat] = np.zeros(n)
        else:
            known &= column.notna().to_numpy(dtype=bool)
            parts[stat] = filled(column)
    for stat in STATS:
        parts[stat] = np.where(known, parts[stat], 0.0)
    parts[SPLIT_UNKNOWN] = np.where(known, 0.0, plays)
    return parts


def _legend_handles(several: bool, unknown: bool = False) -> list[Patch]:
    extra = (
        [Patch(facecolor=UNKNOWN, edgecolor="white", hatch=_UNKNOWN_HATCH, label=SPLIT_UNKNOWN)]
        if unknown
        else []
    )
    if not several:
        return [Patch(facecolor=STAT_COLORS[s], label=_LABELS[s]) for s in STATS] + extra
    return [
        Patch(facecolor="grey", edgecolor="white", label=_LABELS[s], **_USER_STYLE[s])
        for s in STATS
    ] + extra


def _stack(
    ax: Axes, y: np.ndarray, parts: dict[str, np.ndarray], colors: list[str] | None, **kwargs: Any
) -> None:
    """Stacked horizontal bars; `colors` per row (several users) or None (stat colours)."""
    left = np.zeros(len(y))
    for stat in STATS:
        if colors is None:
            ax.barh(
                y, parts[stat], left=left, **({"color": STAT_COLORS[stat], "label": stat} | kwargs)
            )
        else:
            style = _USER_STYLE[stat]
            options: dict[str, Any] = {"color": colors, "alpha": style["alpha"], "label": stat}
            options |= kwargs
            bars = ax.barh(y, parts[stat], left=left, **options)
            if style["hatch"]:
                for bar in bars:
                    bar.set_hatch(style["hatch"])
                    bar.set_edgecolor("white")
        left = left + parts[stat]
    unknown = parts.get(SPLIT_UNKNOWN)
    if unknown is not None and unknown.any():
        color = UNKNOWN if colors is None else colors
        unknown_options: dict[str, Any] = {"color": color, "label": SPLIT_UNKNOWN} | kwargs
        bars = ax.barh(y, unknown, left=left, **unknown_options)
        for bar in bars:
            bar.set_hatch(_UNKNOWN_HATCH)
            bar.set_edgecolor("white")


@with_fallback_fonts
@fill_doc
def plot_watch_stats(
    shows: pd.DataFrame | Progress, *, top: int = 30, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Plays per show, stacked into scrobbles, check-ins and marked as seen.

    Plays whose split is unknown (API v2 and the account export have none) are
    one hatched grey segment, "split unknown", never left out.

    The `top` shows with the most plays are drawn, most first; the rest are
    summarised in one last bar, "+N more shows (avg)", their mean per show
    (over the shows whose plays are known). A show whose plays are unknown
    has no bar and a grey "plays unknown", never a bar of 0.
    An inset (``ax.child_axes[0]``) shows the split across all shows, as drawn
    by :func:`plot_watch_split`.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame of :func:`load_progress` (or the Progress), one user or
        several concatenated (then colour says the user, hatch and shade the stat).
    %(top)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    shows = check_frame(shows, _COLUMNS, "plot_watch_stats", "shows")
    top = check_top(top, "plot_watch_stats")
    ordered = shows.sort_values("plays", ascending=False, kind="stable", na_position="last")
    shown, rest, ax = top_rows(ordered, top, ax)
    if shown.empty:
        return no_data(ax, TITLE)

    users = row_colors(shows, shown, None)
    colors_by_user, colors = users.by_user, users.rows
    labels = show_labels(shown, shows)
    parts = split_parts(shown)
    unknown = bool(split_parts(shows)[SPLIT_UNKNOWN].any())
    _stack(ax, np.arange(len(shown)), parts, colors, **kwargs)
    for row in np.flatnonzero(shown["plays"].isna().to_numpy(dtype=bool)):
        ax.text(
            0, float(row), " plays unknown", va="center", ha="left", color=NO_DATA, fontsize="small"
        )
    if len(rest):
        # The mean over the shows whose plays are known: an unknown count is not 0 plays.
        known = rest[rest["plays"].notna().to_numpy(dtype=bool)]
        rest_parts = split_parts(known)
        means = {s: np.array([rest_parts[s].mean() if len(known) else 0.0]) for s in _PARTS}
        _stack(ax, np.array([len(shown)]), means, [MORE], **kwargs)
        n_unknown = len(rest) - len(known)
        detail = (
            "avg"
            if not n_unknown
            else f"avg of {len(known):,}; {n_unknown:,} unknown"
            if len(known)
            else "plays unknown"
        )
        labels.append(more_label(rest, detail))

    label_rows(ax, labels, TITLE)
    ax.set_xlabel("plays")
    rows_legend(ax, colors_by_user, _legend_handles(True, unknown), _legend_handles(False, unknown))
    inset = ax.inset_axes((0.55, 0.06, 0.42, 0.045 + 0.035 * len(colors_by_user)))
    plot_watch_split(shows, ax=inset)
    inset.set_title(SPLIT_TITLE + " (all shows)", fontsize="small")
    inset.set_xlabel("")
    inset.tick_params(labelsize="x-small")
    legend = inset.get_legend()
    if legend is not None:  # the segments are labelled; a legend would hide them
        legend.remove()
    return ax


@with_fallback_fonts
@fill_doc
def plot_watch_split(
    shows: pd.DataFrame | Progress, *, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """The share of plays scrobbled, checked in and marked as seen, across all shows.

    One 100 % stacked bar per user; each segment's width is that stat's share
    of the user's plays, in percent. Plays whose split is unknown (API v2, the
    account export) are a hatched "split unknown" segment.

    Parameters
    ----------
    %(shows)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    shows = check_frame(shows, _COLUMNS, "plot_watch_split", "shows")
    users = list(user_color_map(shows))
    ax = get_ax(ax, (8.0, 1.2 + 0.5 * max(1, len(users))))
    per_user = [split_parts(shows.loc[of_user(shows, u)]) for u in users]
    totals = {s: [parts[s].sum() for parts in per_user] for s in _PARTS}
    plays = np.add.reduce([np.array(totals[s]) for s in _PARTS]) if users else np.array([])
    if not len(users) or not plays.any():
        return no_data(ax, SPLIT_TITLE, "no plays" if len(users) else "no data")
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = {s: np.nan_to_num(100 * np.array(totals[s]) / plays) for s in _PARTS}
    y = np.arange(len(users))
    _stack(ax, y, shares, None, **kwargs)
    left = np.zeros(len(users))
    for stat in _PARTS:
        for row in range(len(users)):
            share = shares[stat][row]
            if share >= 12:  # room for the label
                ax.text(
                    left[row] + share / 2,
                    row,
                    f"{_SHORT.get(stat, stat)} {share:.0f}%",
                    ha="center",
                    va="center",
                    fontsize="x-small",
                )
        left = left + shares[stat]
    ax.set_yticks(y, labels=[user_name(u) for u in users])
    ax.set_ylim(len(users) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of plays (%)")
    ax.set_title(SPLIT_TITLE)
    unknown = bool(np.array(totals[SPLIT_UNKNOWN]).any())
    ax.legend(handles=_legend_handles(False, unknown), loc="upper right", fontsize="x-small")
    return ax
