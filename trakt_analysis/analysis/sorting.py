"""Sort and filter the shows frame: the six orders of the API, time left, and two filters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_choice, check_frame
from .._warnings import warn
from ..errors import TraktSortWarning
from ..progress import Progress
from ..schema import API_SORT_ORDERS
from .backlog import shows_hours_left
from .summary import show_states, shows_hidden, shows_left

__all__ = [
    "SORT_ORDERS",
    "filter_shows",
    "hide_completed",
    "only_in_progress",
    "percent_complete",
    "sort_shows",
]

#: The sort orders: the API's six, as its ``sort`` parameter spells them, then time left.
#: Trakt itself has no time-left order (its web app sorts up next by ``remaining``
#: episodes), so those two are named after the API's ``most-``/``least-completed``.
SORT_ORDERS: tuple[str, ...] = (*API_SORT_ORDERS, "most-time-left", "least-time-left")

# Columns that say when the user last watched a show, in order of preference.
# A v1 response has none of them (the API sorted by activity server-side);
# v2 and the account export have last_watched_at.
_ACTIVITY_COLUMNS = ("last_watched_at", "viewer_last_watched_at", "last_updated_at")


def percent_complete(frame: pd.DataFrame) -> pd.Series:
    """How complete each show (or season) is, in percent (Float64, 0-100).

    The API's ``percentage`` where the source sent one (v1); else ``completion``
    (completed / aired) × 100, rounded down as Trakt rounds (API v2 and the
    export with metadata send no percentage). NA where neither is known: an
    unknown is never 0.
    """
    reported = frame["percentage"].astype("Float64")
    if "completion" not in frame.columns:
        return reported
    derived = np.floor(frame["completion"].to_numpy(dtype=float, na_value=np.nan) * 100)
    return reported.fillna(pd.Series(derived, index=frame.index, dtype="Float64"))


def sort_shows(shows: pd.DataFrame | Progress, by: str = "title") -> pd.DataFrame:
    """Sort the shows frame in one of the API's six orders, or by time left.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame of :func:`load_progress` (or the Progress), one user or several.
    by : str
        - ``"title"``: by title, case-insensitively, then year.
        - ``"activity"``: most recently watched first. Needs a
          ``last_watched_at`` column, which v1 responses lack.
        - ``"most-completed"`` / ``"least-completed"``: by
          :func:`percent_complete` (the reported ``percentage``, or the
          recomputed ``completion`` where the source sends none), then by
          episodes completed. Unknown progress comes last.
        - ``"recently-aired"`` / ``"previously-aired"``: by the air date of the
          next episode to watch, newest or oldest first. Shows with no next
          episode come last.
        - ``"most-time-left"`` / ``"least-time-left"``: by the hours left to
          watch (:func:`~trakt_analysis.analysis.backlog.shows_hours_left`: the
          frame's ``hours_left`` column, as :func:`~trakt_analysis.backlog`
          returns it, else ``left`` x the show's ``runtime``), then by episodes
          left. An unknown time left is never taken for 0: most time left
          puts the shows with episodes left of unknown length after the known
          hours and before the shows with nothing left (see
          :func:`time_left_order`); unknown episodes left come last.

    Returns
    -------
    pandas.DataFrame
        A sorted copy; the index is kept, so rows still align with `shows`.
        Ties keep their input order.

    Raises
    ------
    TraktArgumentError
        `by` is not one of :data:`SORT_ORDERS` (a ``ValueError``).

    Warns
    -----
    TraktSortWarning
        The data lacks what the order needs (no activity times, no air dates,
        no known time left for any show with episodes left).
        The input order is kept rather than a wrong order returned.
    """
    shows = check_frame(shows, ("title",), func="sort_shows")
    check_choice(by, SORT_ORDERS, name="sort order", func="sort_shows")
    if by == "title":
        return shows.sort_values(
            ["title", "year"], key=_casefold, kind="stable", na_position="last"
        )
    if by in ("most-completed", "least-completed"):
        descending = by == "most-completed"
        keyed = shows.assign(_percent=percent_complete(shows))
        order = keyed.sort_values(
            ["_percent", "completed"],
            ascending=not descending,
            kind="stable",
            na_position="last",
        ).index
        return shows.loc[order]
    if by in ("most-time-left", "least-time-left"):
        hours = shows_hours_left(shows)
        some_left = ~(shows_left(shows) == 0)  # episodes left, or not known to have none
        if some_left.any() and np.isnan(hours[some_left]).all():
            return _keep_order(
                shows, by, "no show with episodes left has a known time left (runtime and left)"
            )
        return shows.loc[time_left_order(shows, most=by == "most-time-left")]
    if by == "activity":
        column = next((c for c in _ACTIVITY_COLUMNS if c in shows.columns), None)
        if column is None:
            return _keep_order(shows, by, "the data has no last-watched times")
        times = pd.to_datetime(shows[column], utc=True, errors="coerce")
        return _sort_by_time(shows, times, by, newest_first=True)
    times = shows["next_first_aired"]
    return _sort_by_time(shows, times, by, newest_first=by == "recently-aired")


def time_left_order(shows: pd.DataFrame, *, most: bool = True) -> pd.Index:
    """The index of `shows` by time left (:func:`sort_shows`' ``"most-time-left"`` order).

    An unknown time left is never taken for 0: a show with episodes left whose
    hours are unknown comes after the known hours (by episodes left) but before
    the shows with nothing left, whose 0 hours are known; a show whose episodes
    left are unknown comes last. ``most=False``: nothing left first, then the
    known hours, fewest first, then the unknown ones. Ties keep their order.
    """
    hours = shows_hours_left(shows)
    left = shows_left(shows)
    unknown_some = np.isnan(hours) & (left > 0)
    if most:
        tier = np.select([hours > 0, unknown_some, hours == 0], [0, 1, 2], 3)
    else:
        tier = np.select([hours == 0, hours > 0, unknown_some], [0, 1, 2], 3)
    sign = -1.0 if most else 1.0
    keyed = pd.DataFrame(
        {"tier": tier, "hours": sign * hours, "left": sign * left}, index=shows.index
    )
    return keyed.sort_values(["tier", "hours", "left"], kind="stable", na_position="last").index


def _sort_by_time(
    shows: pd.DataFrame, times: pd.Series, by: str, *, newest_first: bool
) -> pd.DataFrame:
    if len(shows) and times.isna().all():
        return _keep_order(shows, by, "no show has the dates this order needs")
    order = times.sort_values(ascending=not newest_first, kind="stable", na_position="last")
    return shows.loc[order.index]


def _keep_order(shows: pd.DataFrame, by: str, why: str) -> pd.DataFrame:
    warn(
        f"cannot sort by {by!r}: {why}; keeping the input order",
        TraktSortWarning,
    )
    return shows.copy()


def _casefold(column: pd.Series) -> pd.Series:
    return column.str.casefold() if column.name == "title" else column


def _unfinished(shows: pd.DataFrame) -> pd.Series:
    # Episodes left, or not known to have none: a show whose counts are unknown (NA) stays.
    return pd.Series(shows_left(shows) != 0, index=shows.index)


def hide_completed(shows: pd.DataFrame | Progress) -> pd.DataFrame:
    """Shows with episodes left to watch, or whose counts are unknown (NA)."""
    shows = check_frame(shows, (), func="hide_completed")
    return shows[_unfinished(shows)]


def only_in_progress(
    shows: pd.DataFrame | Progress, *, include_hidden: bool = False
) -> pd.DataFrame:
    """Shows known to be in progress: started, with episodes known to be left.

    The rule of the "in progress" count of :func:`~trakt_analysis.summarize`
    (:func:`~trakt_analysis.analysis.summary.show_states`): a show whose
    ``completed`` or ``left`` is unknown (NA, e.g. the account export without
    metadata) is neither in progress nor finished, so it is not kept; a show
    hidden from progress on trakt.tv (the ``hidden`` column true) is counted
    apart, as ``hidden``, so it is not kept either.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame (or the Progress).
    include_hidden : bool
        Also keep the hidden shows that would be in progress if not hidden.
        A ``hidden`` that is NA or absent (sources that do not know it) is
        never taken as hidden.

    Returns
    -------
    pandas.DataFrame
        The rows kept, in their order, with the frame's index.
    """
    shows = check_frame(shows, (), func="only_in_progress")
    by_counts = show_states(shows.drop(columns="hidden", errors="ignore"))["in_progress"]
    keep = by_counts if include_hidden else by_counts & ~shows_hidden(shows)
    return shows[keep]


def filter_shows(
    shows: pd.DataFrame | Progress,
    *,
    titles: list[str] | None = None,
    hide_completed: bool = False,
    in_progress: bool = False,
) -> pd.DataFrame:
    """Filter the shows frame.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame (or the Progress).
    titles : list of str, optional
        Keep only these titles (all years of a title).
    hide_completed : bool
        Drop shows known to have nothing left (unknown counts are never finished).
    in_progress : bool
        Keep only shows known to be in progress (see :func:`only_in_progress`:
        hidden shows are not kept).
    """
    shows = check_frame(shows, (), func="filter_shows")
    keep = pd.Series(True, index=shows.index)
    if titles is not None:
        keep &= shows["title"].isin(titles)
    if hide_completed:
        keep &= _unfinished(shows)
    if in_progress:
        keep &= shows.index.isin(only_in_progress(shows).index)
    return shows[keep]
