"""Charts of the watch history: the watch clock, watch time per period, the calendar.

Each draws one statistic of :mod:`trakt_analysis.analysis.history` and prints
the time zone it was taken in.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .._format import hours_unknown_text
from ..analysis.history import WEEKDAYS, watch_calendar, watch_clock, watch_time
from ..errors import TraktArgumentError
from ._common import get_ax, legend_outside, no_data, of_user, user_name, users_of
from ._docstrings import fill_doc
from .fonts import with_fallback_fonts
from .palette import HISTORY_CMAP, UNKNOWN, user_colors

__all__ = ["plot_watch_calendar", "plot_watch_clock", "plot_watch_time"]

CLOCK_TITLE = "When you watch: plays by weekday and hour"
TIME_TITLE = "Watch time"
CALENDAR_TITLE = "Plays per day"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: At most this many period labels on the watch-time chart's x axis.
MAX_LABELS = 24


def _time_note(ax: Axes, unknown: int) -> None:
    """Say how many plays have an unknown date (and so are not drawn)."""
    if unknown:
        ax.annotate(
            f"{unknown:,} plays with an unknown date are not drawn",
            xy=(1, 0),
            xycoords="axes fraction",
            xytext=(0, -28),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize="x-small",
            color=UNKNOWN,
            gid="time-note",
        )


@with_fallback_fonts
@fill_doc
def plot_watch_clock(
    history: Any, *, tz: object = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """A heatmap of plays by weekday (rows, Monday on top) and local hour (columns).

    Parameters
    ----------
    history : pandas.DataFrame or Progress
        The history frame (``Progress.history``) or a Progress with one; all
        rows are counted (select one user's rows for one user's clock).
    tz : str, optional
        IANA time zone; default: the profile's, else the machine's. The
        title names the zone used.
    %(ax)s
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` holds the 7 x 24 counts of :func:`watch_clock`.
    """
    clock = watch_clock(history, tz=tz)
    zone = clock.attrs["timezone"]
    ax = get_ax(ax, (10.0, 3.8))
    title = f"{CLOCK_TITLE} ({zone})"
    if not clock.to_numpy().any():
        return no_data(ax, title, "no plays")
    options = {"cmap": HISTORY_CMAP, "aspect": "auto", "interpolation": "nearest"} | kwargs
    image = ax.imshow(clock.to_numpy(), **options)
    ax.set_yticks(np.arange(7), labels=[d[:3] for d in WEEKDAYS])
    ax.set_xticks(np.arange(24), labels=[f"{h:02d}" for h in range(24)])
    ax.tick_params(axis="x", labelsize="small")
    ax.set_xlabel(f"hour of day ({zone})")
    ax.set_ylabel("weekday")
    ax.set_title(title)
    ax.figure.colorbar(image, ax=ax, label="plays", shrink=0.8)
    _time_note(ax, clock.attrs.get("plays_without_time", 0))
    return ax


@with_fallback_fonts
@fill_doc
def plot_watch_time(
    history: Any,
    *,
    freq: str = "month",
    unit: str = "hours",
    tz: object = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Bars of hours (or plays) watched per day, week, month or year.

    Hours count the plays whose runtime is known; a period whose plays all
    lack one is marked "?" instead of a bar (unknown, not 0), and the chart
    says how many plays had no runtime. When no play has a runtime (the
    account export without metadata) there are no bars: the chart says the
    hours are unknown. Several users: side-by-side bars,
    colour by user.

    Parameters
    ----------
    history : pandas.DataFrame or Progress
        The history frame or a Progress with one; one user or several.
    freq : {"day", "week", "month", "year"}
        The period of :func:`watch_time`.
    unit : {"hours", "plays"}
        What the bars measure.
    tz : str, optional
        IANA time zone of the periods; named in the title.
    %(ax)s
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar (Rectangle patch) per user and period, in that order.
    """
    if unit not in ("hours", "plays"):
        raise TraktArgumentError(f"plot_watch_time: unit must be 'hours' or 'plays', got {unit!r}")
    stats = watch_time(history, freq=freq, tz=tz)
    zone = stats.attrs["timezone"]
    ax = get_ax(ax, (10.0, 4.0))
    title = f"{TIME_TITLE} per {freq} ({zone})"
    if stats.empty:
        return no_data(ax, title, "no plays")
    plays = int(stats["plays"].sum())
    if unit == "hours" and plays and int(stats["plays_without_runtime"].sum()) == plays:
        # Every bar would be "?" over an empty axis: say it once instead of drawing it.
        return no_data(ax, title, hours_unknown_text(plays))
    periods = sorted(set(stats["period"]))
    position = {p: i for i, p in enumerate(periods)}
    users = users_of(stats)
    colors = user_colors(users)
    width = 0.8 / len(users)
    for k, user in enumerate(users):
        mine = stats[of_user(stats, user)]
        x = np.array([position[p] for p in mine["period"]]) - 0.4 + width * (k + 0.5)
        values = mine[unit].to_numpy(dtype=float, na_value=np.nan)
        options = {"color": colors[user], "label": user_name(user)} | kwargs
        ax.bar(x, np.nan_to_num(values), width=width, **options)
        for xi in x[np.isnan(values)]:  # plays, none with a runtime: unknown, not 0
            ax.text(xi, 0, "?", ha="center", va="bottom", color=UNKNOWN, fontsize="small")
    step = max(1, int(np.ceil(len(periods) / MAX_LABELS)))
    ticks = np.arange(0, len(periods), step)
    ax.set_xticks(ticks, labels=[str(periods[i]) for i in ticks], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(periods) - 0.4)
    ax.set_ylabel(unit)
    ax.set_xlabel(freq)
    ax.set_title(title)
    missing = int(stats["plays_without_runtime"].sum())
    if unit == "hours":
        note = (
            f"{missing:,} of {int(stats['plays'].sum()):,} plays had no runtime and are not "
            "in the hours; ? = hours unknown"
            if missing
            else "every play has a runtime"
        )
        ax.text(
            0.99,
            0.98,
            note,
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize="x-small",
            color=UNKNOWN,
            gid="runtime-note",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
    if len(users) > 1:
        legend_outside(ax, [Patch(facecolor=colors[u], label=user_name(u)) for u in users], "user")
    return ax


@with_fallback_fonts
@fill_doc
def plot_watch_calendar(
    history: Any,
    *,
    year: int | None = None,
    tz: object = None,
    today: object = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """A calendar heatmap of one year: plays per day, weeks as columns, Monday on top.

    Parameters
    ----------
    history : pandas.DataFrame or Progress
        The history frame or a Progress with one; all rows are counted.
    year : int, optional
        The year (local time); default: the latest with a play.
    tz : str, optional
        IANA time zone of the days; named in the title.
    today : date-like, optional
        The last day that has begun (default: today in `tz`); the days after
        it are blank, not 0 plays (see :func:`watch_calendar`).
    %(ax)s
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (e.g. ``cmap``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` holds a 7 x weeks masked array: plays per day of
        :func:`watch_calendar`, masked outside the year and on the days after
        today (blank: not yet, not 0 plays; the title says "to 8 Dec").
    """
    calendar = watch_calendar(history, year=year, tz=tz, today=today)
    zone, year = calendar.attrs["timezone"], calendar.attrs["year"]
    ax = get_ax(ax, (12.0, 2.6))
    title = f"{CALENDAR_TITLE} in {year} ({zone})"
    n_weeks = int(calendar["week"].max()) + 1
    grid = np.full((7, n_weeks), np.nan)
    plays = calendar["plays"].to_numpy(dtype=float, na_value=np.nan)  # NA: a day to come
    grid[calendar["weekday"].to_numpy(), calendar["week"].to_numpy()] = plays
    options = {"cmap": HISTORY_CMAP, "aspect": "equal", "interpolation": "nearest"} | kwargs
    image = ax.imshow(np.ma.masked_invalid(grid), **options)
    firsts = calendar[calendar["date"].dt.day == 1]
    ax.set_xticks(firsts["week"].to_numpy(), labels=list(_MONTHS))
    ax.set_yticks([0, 2, 4, 6], labels=[WEEKDAYS[i][:3] for i in (0, 2, 4, 6)])
    ax.tick_params(labelsize="small")
    total = int(calendar["plays"].sum())
    counted = calendar["plays"].notna().to_numpy()
    # The days to come are blank, not 0 plays: the title says up to which day it counts.
    upto = ""
    if not counted.all():
        last = calendar["date"][~counted].min() - np.timedelta64(1, "D")  # today
        upto = " (not begun yet)" if last.year < year else f" to {last.day} {last:%b}"
    ax.set_title(f"{title}: {total:,} plays{upto}")
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.figure.colorbar(image, ax=ax, label="plays", shrink=0.8, pad=0.01)
    _time_note(ax, calendar.attrs.get("plays_without_time", 0))
    return ax
