"""The explorer's history view, without widgets: progress + chosen shows -> clock and calendar.

:func:`history_view` selects the chosen shows' plays from ``Progress.history``
and draws the watch clock and the calendar of one year; the widget only
displays the result, so this is tested with plain pytest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .._docstrings import fill_doc
from ..analysis.history import watch_calendar
from ..analysis.timezone import resolve_timezone
from ..progress import Progress
from ._view import ShowKey, _selection_mask

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["HistoryView", "history_view"]


@dataclass(frozen=True, eq=False)
class HistoryView:
    """The plays behind the explorer's history charts.

    Attributes
    ----------
    plays : pandas.DataFrame or None
        The rows of ``Progress.history`` shown: the chosen shows' episode plays,
        or every play (movies too) when no show is chosen; None without a history.
    timezone : str or None
        The IANA zone of the charts.
    year : int or None
        The calendar's year.
    figure : matplotlib.figure.Figure or None
        The watch clock (``axes[0]``) and the calendar (``axes[1]``, with the
        colour bars after them); None without a history or when charts were not asked for.
    message : str
        One line for the user: how many plays, the zone, or why there is no chart.
    """

    plays: pd.DataFrame | None
    timezone: str | None
    year: int | None
    figure: Figure | None
    message: str


@fill_doc
def history_view(
    progress: Progress,
    selection: Iterable[str | ShowKey] = (),
    *,
    tz: object = None,
    year: int | None = None,
    charts: bool = True,
) -> HistoryView:
    """The chosen shows' plays, their watch clock and their calendar.

    %(parameters_user_progress)s
    selection : iterable of str or (title, year)
        The chosen shows; empty means every play, movies included.
    tz : str, optional
        IANA time zone; default: the profile's, else the machine's.
    year : int, optional
        The calendar's year; default: the latest with a play.
    charts : bool
        Draw the figure.
    """
    history = progress.history
    if history is None:
        return HistoryView(
            None, None, None, None, "No watch history in this source (API v1 sends none)."
        )
    zone = resolve_timezone(tz, progress)
    chosen = list(selection)
    if chosen:
        episodes = (history["type"].astype(object) == "episode").to_numpy(dtype=bool)
        plays = history[episodes & _selection_mask(history, chosen)]
        what = f"{len(chosen)} chosen show{'s' if len(chosen) != 1 else ''}"
    else:
        plays = history
        what = "all shows and movies"
    year = watch_calendar(plays, year=year, tz=zone).attrs["year"]
    message = f"{len(plays):,} plays of {what}; local time in {zone}."
    figure = _draw(plays, zone, year) if charts else None
    return HistoryView(plays, zone, year, figure, message)


def _draw(plays: pd.DataFrame, zone: str, year: int) -> Figure:
    from matplotlib.figure import Figure

    from ..plotting.history import plot_watch_calendar, plot_watch_clock

    figure = Figure(figsize=(12.0, 6.4), layout="constrained")
    clock_ax, calendar_ax = figure.subplots(2, 1, height_ratios=[1.3, 1.0])
    plot_watch_clock(plays, tz=zone, ax=clock_ax)
    plot_watch_calendar(plays, year=year, tz=zone, ax=calendar_ax)
    return figure
