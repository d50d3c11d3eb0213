"""plot_upcoming: a timeline of the next episodes of the shows you watch."""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from .._format import episode_code
from ..analysis.upcoming import upcoming
from ._common import (
    get_ax,
    label_rows,
    no_data,
    row_colors,
    rows_height,
    show_labels,
    user_legend,
)
from ._docstrings import fill_doc
from .fonts import with_fallback_fonts
from .palette import IN_PROGRESS

__all__ = ["plot_upcoming"]

TITLE = "Upcoming episodes"


def _has_shows(data: Any) -> bool:
    """Whether `data` holds any show (an empty source says "no data", not "nothing airs")."""
    if isinstance(data, pd.DataFrame):
        return "local" in data.columns or len(data) > 0  # an upcoming frame, or shows
    shows = getattr(data, "shows", None)
    return shows is None or len(shows) > 0


@with_fallback_fonts
@fill_doc
def plot_upcoming(
    data: Any,
    days: int = 30,
    ax: Axes | None = None,
    *,
    today: object = None,
    tz: object = None,
    **kwargs: Any,
) -> Axes:
    """A timeline of the episodes airing in the next `days` days, one row per show.

    Each episode is a marker at its local air time, labelled with its code
    (``S01E04``); the x axis runs from the start of `today` for `days` days.

    Parameters
    ----------
    data : Progress, list of Progress, tuple of frames, or pandas.DataFrame
        What :func:`~trakt_analysis.upcoming` takes, or its result (a frame
        with a ``local`` column), drawn as it is.
    days : int
        The window, in local days (when `data` is not already the frame).
    %(ax)s
    today : date-like, optional
        The first day, as for :func:`~trakt_analysis.upcoming`.
    tz : str, optional
        The zone of the local times, as for :func:`~trakt_analysis.upcoming`.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`; they win over the palette.

    %(returns_ax)s
    """
    if isinstance(data, pd.DataFrame) and "local" in data.columns:
        frame = data
    else:
        frame = upcoming(data, days=days, today=today, tz=tz)
    zone = frame.attrs.get("timezone")
    first = frame.attrs.get("today")
    span = frame.attrs.get("days", days)
    title = f"{TITLE}: next {span} days" + (f" ({zone})" if zone else "")
    if frame.empty:
        ax = get_ax(ax, rows_height(3))
        nothing = f"nothing airs in the next {span} days" if _has_shows(data) else "no data"
        return no_data(ax, title, nothing)
    key = ["user", "title", "year"] if "user" in frame.columns else ["title", "year"]
    shows = frame.drop_duplicates(key, keep="first").reset_index(drop=True)
    ax = get_ax(ax, rows_height(len(shows)))
    # One row per show, in order of its first episode (the frame is by air time).
    rows = frame.groupby(key, dropna=False, sort=False, observed=True).ngroup().to_numpy()
    # Local wall times: the axis reads like the viewer's calendar.
    when = pd.DatetimeIndex(frame["local"]).tz_localize(None)
    users = row_colors(frame, frame, IN_PROGRESS)
    ax.scatter(when, rows, **({"color": users.rows, "s": 36, "zorder": 3} | kwargs))
    for x, y, season, episode in zip(when, rows, frame["season"], frame["episode"], strict=True):
        ax.annotate(
            episode_code(season, episode),
            (mdates.date2num(x), y),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize="x-small",
        )
    label_rows(ax, show_labels(shows, shows), title)
    if first is not None:
        ax.set_xlim(first, first + pd.Timedelta(days=span))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("air date (local time)")
    if users.several:
        user_legend(ax, users.by_user)
    return ax
