"""plot_watch_stats and plot_watch_split: how plays were logged."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ._common import (
    check_frame,
    check_top,
    filled,
    get_ax,
    label_rows,
    legend_outside,
    more_label,
    no_data,
    of_user,
    show_labels,
    top_rows,
    user_color_map,
    user_key,
    user_legend,
    user_name,
)
from ._docstrings import fill_doc
from .palette import MORE, STAT_COLORS

__all__ = ["STATS", "plot_watch_split", "plot_watch_stats"]

#: The parts of ``plays``, in stacking order.
STATS: tuple[str, ...] = ("scrobbles", "checkins", "seen")
_LABELS = {"scrobbles": "scrobbled", "checkins": "checked in", "seen": "marked as seen"}
# With several users, colour says the user; hatch and alpha say the stat.
_SHORT = {"scrobbles": "scrobbled", "checkins": "check-ins", "seen": "seen"}
_USER_STYLE = {
    "scrobbles": {"hatch": "", "alpha": 1.0},
    "checkins": {"hatch": "xx", "alpha": 0.8},
    "seen": {"hatch": "", "alpha": 0.4},
}
_COLUMNS = ("user", "title", "year", "plays", *STATS)
TITLE = "Plays per show"
SPLIT_TITLE = "How plays were logged"


def _legend_handles(several: bool) -> list[Patch]:
    if not several:
        return [Patch(facecolor=STAT_COLORS[s], label=_LABELS[s]) for s in STATS]
    return [
        Patch(facecolor="grey", edgecolor="white", label=_LABELS[s], **_USER_STYLE[s])
        for s in STATS
    ]


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
            options = {"color": colors, "alpha": style["alpha"], "label": stat} | kwargs
            bars = ax.barh(y, parts[stat], left=left, **options)
            if style["hatch"]:
                for bar in bars:
                    bar.set_hatch(style["hatch"])
                    bar.set_edgecolor("white")
        left = left + parts[stat]


@fill_doc
def plot_watch_stats(
    shows: pd.DataFrame, *, top: int = 30, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Plays per show, stacked into scrobbles, check-ins and marked as seen.

    The `top` shows with the most plays are drawn, most first; the rest are
    summarised in one last bar, "+N more shows (avg)", their mean per show.
    An inset (``ax.child_axes[0]``) shows the split across all shows, as drawn
    by :func:`plot_watch_split`.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame of :func:`load_progress`, one user or several
        concatenated (then colour says the user, hatch and shade the stat).
    %(top)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    check_frame(shows, _COLUMNS, "plot_watch_stats", "shows")
    top = check_top(top, "plot_watch_stats")
    ordered = shows.sort_values("plays", ascending=False, kind="stable", na_position="last")
    shown, rest, ax = top_rows(ordered, top, ax)
    if shown.empty:
        return no_data(ax, TITLE)

    colors_by_user = user_color_map(shows)
    several = len(colors_by_user) > 1
    labels = show_labels(shown, shows)
    parts = {s: filled(shown[s]) for s in STATS}
    colors = [colors_by_user[user_key(u)] for u in shown["user"]] if several else None
    _stack(ax, np.arange(len(shown)), parts, colors, **kwargs)
    if len(rest):
        means = {s: np.array([filled(rest[s]).mean()]) for s in STATS}
        _stack(ax, np.array([len(shown)]), means, [MORE], **kwargs)
        labels.append(more_label(rest, "avg"))

    label_rows(ax, labels, TITLE)
    ax.set_xlabel("plays")
    if several:
        user_legend(ax, colors_by_user, _legend_handles(True))
    else:
        legend_outside(ax, _legend_handles(False))
    inset = ax.inset_axes((0.55, 0.06, 0.42, 0.045 + 0.035 * len(colors_by_user)))
    plot_watch_split(shows, ax=inset)
    inset.set_title(SPLIT_TITLE + " (all shows)", fontsize="small")
    inset.set_xlabel("")
    inset.tick_params(labelsize="x-small")
    legend = inset.get_legend()
    if legend is not None:  # the segments are labelled; a legend would hide them
        legend.remove()
    return ax


@fill_doc
def plot_watch_split(shows: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """The share of plays scrobbled, checked in and marked as seen, across all shows.

    One 100 % stacked bar per user; each segment's width is that stat's share
    of the user's plays, in percent.

    Parameters
    ----------
    %(shows)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    check_frame(shows, _COLUMNS, "plot_watch_split", "shows")
    users = list(user_color_map(shows))
    ax = get_ax(ax, (8.0, 1.2 + 0.5 * max(1, len(users))))
    totals = {s: [filled(shows.loc[of_user(shows, u), s]).sum() for u in users] for s in STATS}
    plays = np.add.reduce([np.array(totals[s]) for s in STATS]) if users else np.array([])
    if not len(users) or not plays.any():
        return no_data(ax, SPLIT_TITLE, "no plays" if len(users) else "no data")
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = {s: np.nan_to_num(100 * np.array(totals[s]) / plays) for s in STATS}
    y = np.arange(len(users))
    _stack(ax, y, shares, None, **kwargs)
    left = np.zeros(len(users))
    for stat in STATS:
        for row in range(len(users)):
            share = shares[stat][row]
            if share >= 12:  # room for the label
                ax.text(
                    left[row] + share / 2,
                    row,
                    f"{_SHORT[stat]} {share:.0f}%",
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
    ax.legend(handles=_legend_handles(False), loc="upper right", fontsize="x-small")
    return ax
