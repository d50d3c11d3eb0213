"""The compact notebook display of a :class:`Progress` (its ``_repr_html_``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._format import fmt_date, fmt_int, fmt_pct
from ..analysis.summary import totals, watch_next
from ._html import YEAR, Column, esc, number, table

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = ["progress_html"]

#: Shows listed in the notebook display; the frames hold the rest.
DISPLAY_ROWS = 8


def progress_html(progress: Progress, *, rows: int = DISPLAY_ROWS) -> str:
    """A short HTML view: a headline of the totals and the next episodes to watch."""
    shows = progress.shows
    row = totals(shows)
    who = (
        "unknown user"
        if progress.user is None
        else f"\N{LEFT SINGLE QUOTATION MARK}{progress.user}\N{RIGHT SINGLE QUOTATION MARK}"
    )
    head = (
        f"<strong>Progress of {esc(who)}</strong>: "
        f"{fmt_int(len(shows))} shows, {fmt_int(len(progress.seasons))} seasons, "
        f"{fmt_int(len(progress.episodes))} episodes"
    )
    if row.shows_counted:
        stats = (
            f"{fmt_int(row.episodes_watched)} of {fmt_int(row.episodes_aired)} episodes watched "
            f"({fmt_pct(row.completion)}), {fmt_int(row.episodes_left)} left"
            + (f" ({row.coverage()})" if row.partial else "")
            + "; "
        )
    else:
        stats = (
            f"{fmt_int(row.episodes_watched_all)} episodes watched (aired counts unknown); "
            if row.shows
            else ""
        )
    stats += (
        f"{row.finished:,} shows finished, {row.in_progress:,} in progress"
        + (f", {row.hidden:,} hidden" if row.hidden else "")
        + (f", {row.unknown:,} unknown" if row.unknown else "")
    )
    nxt = watch_next(shows)
    parts = [
        '<div class="trakt-progress">',
        f"<p>{head}<br>{esc(stats)}</p>",
    ]
    if len(nxt):
        parts.append(
            table(
                nxt.head(rows),
                [
                    Column("watch next", "title"),
                    YEAR,
                    Column("episode", "episode"),
                    Column("aired", "next_first_aired", fmt_date),
                    number("left"),
                    number("completion", "done", fmt_pct),
                ],
                cls="dataframe",
            )
        )
        if len(nxt) > rows:
            parts.append(
                f"<p>\N{HORIZONTAL ELLIPSIS} and {fmt_int(len(nxt) - rows)} more "
                "shows to continue.</p>"
            )
    parts.append(
        "<p><small>Frames: <code>.shows</code>, <code>.seasons</code>, "
        "<code>.episodes</code>; totals: <code>.summary()</code>.</small></p></div>"
    )
    return "".join(parts)
