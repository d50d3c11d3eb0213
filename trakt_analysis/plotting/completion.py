"""plot_completion: how far along each show is."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..analysis.sorting import sort_shows
from ._common import (
    check_frame,
    check_top,
    filled,
    label_rows,
    legend_outside,
    more_label,
    no_data,
    show_labels,
    top_rows,
    user_color_map,
    user_key,
    user_legend,
)
from ._docstrings import fill_doc
from .palette import FINISHED, IN_PROGRESS, MORE

__all__ = ["plot_completion"]

_COLUMNS = ("user", "title", "year", "aired", "completed", "left", "percentage")
TITLE = "Completion per show"
FINISHED_HATCH = "//"


@fill_doc
def plot_completion(
    shows: pd.DataFrame,
    *,
    by: str = "most-completed",
    top: int = 30,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Horizontal bars of completion per show, annotated "completed/aired".

    Parameters
    ----------
    %(shows)s
    by : str
        Sort order, one of :data:`SORT_ORDERS` (see :func:`sort_shows`).
    %(top)s
        Its width is their mean percentage.
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s

    Notes
    -----
    Bar widths are the API's ``percentage``. Finished shows (nothing left) are
    green for one user and hatched for several; a legend says which is which.
    """
    check_frame(shows, _COLUMNS, "plot_completion", "shows")
    top = check_top(top, "plot_completion")
    ordered = sort_shows(shows, by)
    shown, rest, ax = top_rows(ordered, top, ax)
    if shown.empty:
        return no_data(ax, TITLE)

    widths = filled(shown["percentage"])
    finished = (filled(shown["left"]) == 0) & (filled(shown["aired"]) > 0)
    colors_by_user = user_color_map(shows)
    several = len(colors_by_user) > 1
    if several:
        colors = [colors_by_user[user_key(u)] for u in shown["user"]]
        hatches = [FINISHED_HATCH if f else "" for f in finished]
    else:
        colors = [FINISHED if f else IN_PROGRESS for f in finished]
        hatches = [""] * len(shown)

    y = np.arange(len(shown))
    bars = ax.barh(y, widths, **({"color": colors} | kwargs))  # kwargs win
    for bar, hatch in zip(bars, hatches, strict=True):
        if hatch:
            bar.set_hatch(hatch)
            bar.set_edgecolor("white")
    # An unknown count (NA) is written "?", never 0.
    notes = [
        f"{_count(c)}/{_count(a)}" for c, a in zip(shown["completed"], shown["aired"], strict=True)
    ]
    labels = show_labels(shown, shows)
    if len(rest):
        mean = float(np.nanmean(filled(rest["percentage"])))
        ax.barh([len(shown)], [mean], **({"color": MORE} | kwargs))
        labels.append(more_label(rest, f"avg {mean:.0f}%"))
        completed = rest["completed"].sum(min_count=1)
        aired = rest["aired"].sum(min_count=1)
        notes.append(f"{_count(completed)}/{_count(aired)}")
    ends = [*widths, mean] if len(rest) else list(widths)
    for row, (note, end) in enumerate(zip(notes, ends, strict=True)):
        ax.annotate(
            note,
            (end, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize="x-small",
        )

    label_rows(ax, labels, TITLE)
    ax.set_xlim(0, 115)  # room for the annotations of full bars
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("completed (%)")
    if several:
        user_legend(
            ax,
            colors_by_user,
            [Patch(facecolor="white", edgecolor="black", hatch=FINISHED_HATCH, label="finished")],
        )
    else:
        legend_outside(
            ax,
            [
                Patch(facecolor=FINISHED, label="finished"),
                Patch(facecolor=IN_PROGRESS, label="episodes left"),
            ],
        )
    return ax


def _count(value: object) -> str:
    return "?" if value is None or pd.isna(value) else str(int(value))
