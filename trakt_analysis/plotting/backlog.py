"""plot_backlog: episodes left per show, and the next episode to watch."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._format import episode_code
from ..analysis.summary import shows_left
from ..progress import Progress
from ._common import (
    check_frame,
    check_top,
    filled,
    label_rows,
    more_label,
    no_data,
    show_labels,
    top_rows,
    user_color_map,
    user_key,
    user_legend,
)
from ._docstrings import fill_doc
from .fonts import with_fallback_fonts
from .palette import IN_PROGRESS, MORE
from .text import shorten

__all__ = ["plot_backlog"]

_COLUMNS = ("user", "title", "year", "aired", "left", "next_season", "next_number")
TITLE = "Backlog: episodes left"


def _next_note(row: pd.Series) -> str:
    note = episode_code(row["next_season"], row["next_number"])
    if not note:
        return ""
    if "next_title" in row.index and not pd.isna(row["next_title"]):
        note += f" “{shorten(row['next_title'], 24)}”"
    if "next_first_aired" in row.index and not pd.isna(row["next_first_aired"]):
        note += f" · {row['next_first_aired']:%Y-%m-%d}"
    return note


@with_fallback_fonts
@fill_doc
def plot_backlog(
    shows: pd.DataFrame | Progress, *, top: int = 30, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Episodes left per show, most first, with the next episode where known.

    Shows with nothing left are not drawn; the title says how many there are.
    The shows beyond `top` are summarised in one last bar, "+N more shows",
    whose width is their mean number of episodes left.

    Parameters
    ----------
    %(shows)s
    %(top)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    shows = check_frame(shows, _COLUMNS, "plot_backlog", "shows")
    top = check_top(top, "plot_backlog")
    known_left = shows_left(shows)  # NaN where unknown: never drawn as 0 left
    left = np.nan_to_num(known_left, nan=0.0)
    pending = shows[left > 0]
    pending = pending.iloc[
        np.argsort(-shows_left(pending), kind="stable")
    ]  # most left first, ties keep order
    shown, rest, ax = top_rows(pending, top, ax)
    n_done = int(((known_left == 0) & (filled(shows["aired"]) > 0)).sum())
    n_unknown = int(np.isnan(known_left).sum())
    notes_title = [f"{n_done} finished shows not shown"] if n_done else []
    if n_unknown:
        notes_title.append(f"{n_unknown} shows with unknown counts not shown")
    title = TITLE + (f" ({'; '.join(notes_title)})" if notes_title else "")
    if shown.empty:
        empty = "nothing left to watch" if len(shows) > n_unknown else "episodes left unknown"
        return no_data(ax, title, empty if len(shows) else "no data")

    colors_by_user = user_color_map(shows)
    several = len(colors_by_user) > 1
    colors = [colors_by_user[user_key(u)] for u in shown["user"]] if several else IN_PROGRESS
    widths = shows_left(shown)
    ax.barh(np.arange(len(shown)), widths, **({"color": colors} | kwargs))
    labels = show_labels(shown, shows)
    notes = [_next_note(row) for _, row in shown.iterrows()]
    ends = list(widths)
    if len(rest):
        mean = float(shows_left(rest).mean())
        ax.barh([len(shown)], [mean], **({"color": MORE} | kwargs))
        labels.append(more_label(rest, f"avg {mean:.0f} left"))
        notes.append("")
        ends.append(mean)
    counts = [f"{int(w)}" for w in widths]
    if len(rest):
        counts.append(f"{int(shows_left(rest).sum())} in all")
    for row, (count, end) in enumerate(zip(counts, ends, strict=True)):
        ax.annotate(
            count,
            (end, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize="x-small",
        )
    rows = np.arange(len(labels))
    label_rows(ax, labels, title)
    ax.set_xlim(0, max(ends) * 1.15)  # room for the counts
    # The next episodes, as labels on the right: they never cover a bar.
    right = ax.secondary_yaxis("right")
    right.set_yticks(rows, labels=notes, fontsize="x-small")
    right.tick_params(length=0)
    right.set_ylabel("next episode, air date", fontsize="small")
    ax.set_xlabel("episodes left")
    if several:
        user_legend(ax, colors_by_user)
    return ax
