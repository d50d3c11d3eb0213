"""plot_backlog: episodes or hours left per show, the next episode to watch, the finish date."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._format import episode_code
from .._validate import check_choice
from ..analysis.backlog import (
    BACKLOG_STATES,
    STATE_LABELS,
    done_states,
    shows_ended,
    shows_hours_left,
)
from ..analysis.summary import shows_left
from ..progress import Progress
from ._common import (
    bar_notes,
    check_frame,
    check_top,
    filled,
    label_rows,
    more_label,
    no_data,
    row_colors,
    show_labels,
    top_rows,
    user_legend,
)
from ._docstrings import fill_doc
from .fonts import with_fallback_fonts
from .palette import IN_PROGRESS, MORE
from .text import shorten

__all__ = ["plot_backlog"]

_COLUMNS = ("user", "title", "year", "aired", "left")
TITLE = "Backlog: episodes left"
TITLE_HOURS = "Backlog: hours left"
#: What :func:`plot_backlog` can measure the backlog in.
BACKLOG_UNITS = ("episodes", "hours")


#: The columns :func:`_next_note` reads, where the frame has them.
_NOTE_COLUMNS = (
    "next_season",
    "next_number",
    "hidden",
    "next_title",
    "next_first_aired",
    "finish_date",
)


def _next_notes(shown: pd.DataFrame) -> list[str]:
    """The note of each row of `shown`: rows as dicts of the note's columns (not iterrows)."""
    columns = [c for c in _NOTE_COLUMNS if c in shown.columns]
    return [_next_note(row) for row in shown[columns].to_dict("records")]


def _next_note(row: dict[str, Any]) -> str:
    note = ""
    if "next_season" in row and "next_number" in row:
        note = episode_code(row["next_season"], row["next_number"])
    hidden = row.get("hidden")
    if note and not pd.isna(hidden) and bool(hidden):  # NA: unknown, never hidden
        return "hidden"  # no next episode to watch (as Watch next); the frame keeps Trakt's
    if note and "next_title" in row and not pd.isna(row["next_title"]):
        note += f" “{shorten(row['next_title'], 24)}”"
    if note and "next_first_aired" in row and not pd.isna(row["next_first_aired"]):
        note += f" · {row['next_first_aired']:%Y-%m-%d}"
    if "finish_date" in row and not pd.isna(row["finish_date"]):
        finish = f"done by {row['finish_date']:%Y-%m-%d}"
        note = f"{note} · {finish}" if note else finish
    return note


def _not_shown(shows: pd.DataFrame, schedule: pd.DataFrame | None, done: np.ndarray) -> list[str]:
    """The shows with every aired episode watched, counted by state as the backlog table does.

    The frame of :func:`~trakt_analysis.backlog` has its states; a shows frame
    (with a Progress's `schedule` of announced episodes) gets them by the same
    rules (:func:`~trakt_analysis.analysis.backlog.shows_ended` and ``done_states``):
    "caught up 1", "finished 2", "ended unknown 1" (the table's "unknown").
    """
    if "state" in shows.columns:
        states = shows["state"].astype(object).to_numpy()[done]
    else:
        states = done_states(shows_ended(shows, schedule))[done]
    counts = pd.Series(states, dtype=object).value_counts()
    words = STATE_LABELS | {"unknown": "ended unknown"}
    return [f"{words[s]} {int(counts[s]):,}" for s in BACKLOG_STATES if counts.get(s, 0)]


def _notes_label(shown: pd.DataFrame) -> str:
    """The right axis' label: only what its notes hold (next episode, air date, finish)."""

    def some(column: str) -> bool:
        return column in shown.columns and bool(shown[column].notna().any())

    said = [
        ("next episode", some("next_season") and some("next_number")),
        ("air date", some("next_first_aired")),
        ("finish date", some("finish_date")),
    ]
    return ", ".join(name for name, present in said if present)


@with_fallback_fonts
@fill_doc
def plot_backlog(
    shows: pd.DataFrame | Progress,
    *,
    by: str = "episodes",
    top: int = 30,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Episodes (or hours) left per show, most first, with the next episode and finish date.

    Shows with nothing left are not drawn; the title counts them by the
    state :func:`~trakt_analysis.backlog` gives them ("not shown: caught up 1 ·
    finished 2", as the report's backlog table), and how many are left out
    because what is left is unknown (never drawn as 0: "counts unknown 3").
    The shows beyond `top` are summarised in one last bar, "+N more shows",
    whose width is their mean.

    Parameters
    ----------
    %(shows)s
        Or the frame of :func:`~trakt_analysis.backlog`, whose ``hours_left``
        (from each episode's runtime) and ``finish_date`` are then used: the
        labels on the right give "done by" the finish date.
    by : {"episodes", "hours"}
        What to measure: episodes left, or hours left (the frame's
        ``hours_left``, else ``left`` x the show's ``runtime``).
    %(top)s
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s
    """
    schedule = shows.schedule if isinstance(shows, Progress) else None
    shows = check_frame(shows, _COLUMNS, "plot_backlog", "shows")
    check_choice(by, BACKLOG_UNITS, name="unit", func="plot_backlog")
    top = check_top(top, "plot_backlog")
    hours = by == "hours"
    measure = shows_hours_left if hours else shows_left
    known_left = shows_left(shows)
    known = measure(shows)  # NaN where unknown: never drawn as 0 left
    amount = np.nan_to_num(known, nan=0.0)
    pending = shows[amount > 0]
    pending = pending.iloc[np.argsort(-measure(pending), kind="stable")]  # most first, ties kept
    shown, rest, ax = top_rows(pending, top, ax)
    n_unknown = int(np.isnan(known).sum())
    notes_title = _not_shown(shows, schedule, (known_left == 0) & (filled(shows["aired"]) > 0))
    if n_unknown:
        notes_title.append(f"{'hours' if hours else 'counts'} unknown {n_unknown:,}")
    # The notes on a line of their own: one line of both was cut off at the figure's edge.
    title = (TITLE_HOURS if hours else TITLE) + (
        f"\n(not shown: {' · '.join(notes_title)})" if notes_title else ""
    )
    if shown.empty:
        unknown = "hours left unknown" if hours else "episodes left unknown"
        empty = "nothing left to watch" if len(shows) > n_unknown else unknown
        return no_data(ax, title, empty if len(shows) else "no data")

    users = row_colors(shows, shown, IN_PROGRESS)
    colors = users.rows
    widths = measure(shown)
    ax.barh(np.arange(len(shown)), widths, **({"color": colors} | kwargs))
    labels = show_labels(shown, shows)
    notes = _next_notes(shown)
    ends = list(widths)
    if len(rest):
        mean = float(measure(rest).mean())
        ax.barh([len(shown)], [mean], **({"color": MORE} | kwargs))
        labels.append(more_label(rest, f"avg {mean:.0f}{' h' if hours else ''} left"))
        notes.append("")
        ends.append(mean)
    counts = [f"{w:,.1f} h" if hours else f"{int(w):,}" for w in widths]
    if len(rest):
        total = float(measure(rest).sum())
        counts.append(f"{total:,.0f} h in all" if hours else f"{int(total):,} in all")
    bar_notes(ax, counts, ends)
    rows = np.arange(len(labels))
    label_rows(ax, labels, title)
    ax.set_xlim(0, max(ends) * 1.15)  # room for the counts
    # The next episodes, as labels on the right: they never cover a bar. No axis when no
    # show has one (the export without metadata): an empty axis would promise them.
    if any(notes):
        right = ax.secondary_yaxis("right")
        right.set_yticks(rows, labels=notes, fontsize="x-small")
        right.tick_params(length=0)
        right.set_ylabel(_notes_label(shown), fontsize="small")
    ax.set_xlabel("hours left" if hours else "episodes left")
    if users.several:
        user_legend(ax, users.by_user)
    return ax
