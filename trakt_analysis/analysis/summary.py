"""Summary numbers of watched progress: totals, completion bins, what to watch next.

Everything here is computed from the shows frame, whose counts are the API's
own (``aired``, ``completed``, ``left`` leave out specials and hidden seasons),
so the numbers agree with what trakt.tv shows. :mod:`trakt_analysis.report.text`
renders them as plain text.

An unknown count (NA: a source that cannot fill it, such as the account export
for ``aired``, or an odd value loaded as NA) never counts as 0, true or
"finished": a show whose state cannot be told is in the ``unknown`` state.

A show hidden from progress on trakt.tv (the shows frame's boolean ``hidden``
column, from the export's ``hidden-progress-watched.json`` or, signed in to API
v2, ``/users/hidden/progress_watched``) is counted apart,
in the ``hidden`` state, unless everything aired is watched (then it is
``finished``: hiding a show does not unwatch it, and trakt.tv's stats still
count it watched). The same order as :func:`~trakt_analysis.backlog`, which
calls these shows ``dropped``. A ``hidden`` that is NA or absent (API v1,
a public profile on API v2) is unknown, not hidden: such shows are counted by
their episodes, never as hidden, and the ``hidden`` count of :func:`summarize`
and :func:`totals` is NA (None) when no show's ``hidden`` is known.

One definition of the totals, used by every output (the report, the CLI, the
explorer, ``Progress.summary()``): a ratio or a difference (watched of aired,
left, completion) is computed over the same shows, those whose aired and
watched counts are both known (``shows_counted``), and says over which
(:meth:`Totals.coverage`: "over 33 of 35 shows; 2 unknown"). Totals of several
users are computed over their shows, never from the users' percentages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._format import next_episode_codes
from .._validate import check_frame
from ..progress import Progress
from ._inputs import nullable

__all__ = [
    "COMPLETION_BINS",
    "Totals",
    "completion_distribution",
    "next_unknown",
    "show_states",
    "shows_hidden",
    "shows_left",
    "summarize",
    "totals",
    "watch_next",
]

#: Labels of :func:`completion_distribution`, in order. The middle four are
#: half-open ranges of ``completed / aired``: 25 % falls in "25% to 50%";
#: "hidden" holds the shows hidden from progress that are not finished.
COMPLETION_BINS: tuple[str, ...] = (
    "nothing aired",
    "not started",
    "under 25%",
    "25% to 50%",
    "50% to 75%",
    "75% or more",
    "finished",
    "hidden",
    "unknown",
)

# The states of show_states, as summarize's columns count them.
_STATE_COLUMNS = ("finished", "in_progress", "hidden", "not_started", "nothing_aired", "unknown")

#: Columns of :func:`summarize`, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "shows",
    *_STATE_COLUMNS,
    "shows_counted",
    "episodes_aired",
    "episodes_watched",
    "episodes_left",
    "completion",
    "episodes_watched_all",
    "plays",
    "shows_split",
    "scrobbles",
    "checkins",
    "seen",
    "up_next",
)

_NEEDED = ("user", "title", "year", "aired", "completed", "left", "plays")


def _check(
    shows: pd.DataFrame | Progress, needed: tuple[str, ...] = _NEEDED, *, func: str
) -> pd.DataFrame:
    return check_frame(shows, needed, func=func)


def _floats(column: pd.Series | None, n: int) -> np.ndarray:
    """A count column as float64 with NaN for NA (a missing column is all NaN)."""
    if column is None:
        return np.full(n, np.nan)
    # A copy: a Float64 column's to_numpy would share the frame's memory, and callers write.
    return pd.to_numeric(column, errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan, copy=True
    )


def shows_left(shows: pd.DataFrame) -> np.ndarray:
    """Episodes left per show (float, NaN = unknown): ``left``, else ``aired - completed``."""
    n = len(shows)
    left = _floats(shows.get("left"), n)
    derived = np.maximum(_floats(shows.get("aired"), n) - _floats(shows.get("completed"), n), 0)
    return np.where(np.isnan(left), derived, left)


def shows_hidden(shows: pd.DataFrame) -> np.ndarray:
    """Per show: True where it is known to be hidden from progress on trakt.tv.

    Reads the shows frame's boolean ``hidden`` column (the account export's
    ``hidden-progress-watched.json``, API v2 signed in); NA and an absent column are unknown,
    so False: an unknown is never counted as hidden.
    """
    if "hidden" not in shows.columns:
        return np.zeros(len(shows), dtype=bool)
    return shows["hidden"].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _hidden_known(shows: pd.DataFrame) -> np.ndarray:
    """Per show: True where its ``hidden`` is known (True or False, not NA or absent)."""
    if "hidden" not in shows.columns:
        return np.zeros(len(shows), dtype=bool)
    return shows["hidden"].notna().to_numpy(dtype=bool)


def show_states(shows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean masks that partition the shows by how far the user got.

    The first rule that holds (the order of :func:`~trakt_analysis.backlog`):

    1. ``finished``: everything aired is watched (``aired`` > 0,
       ``completed`` > 0, ``left`` 0), hidden or not;
    2. ``hidden``: hidden from progress on trakt.tv (the ``hidden`` column
       true; NA or absent is not hidden), whatever its counts;
    3. ``nothing_aired`` (aired is 0), ``not_started`` (aired, none
       watched), ``in_progress`` (started, episodes left);
    4. ``unknown``: a count the state needs is NA. Unknown is never finished.
    """
    n = len(shows)
    aired = _floats(shows.get("aired"), n)
    completed = _floats(shows.get("completed"), n)
    left = shows_left(shows)
    with np.errstate(invalid="ignore"):
        some = aired > 0
        finished = some & (completed > 0) & (left == 0)
        hidden = shows_hidden(shows) & ~finished
        shown = ~finished & ~hidden
        states = {
            "nothing_aired": shown & (aired == 0),
            "not_started": shown & some & (completed == 0),
            "finished": finished,
            "in_progress": shown & some & (completed > 0) & (left > 0),
            "hidden": hidden,
        }
    known = np.zeros(n, dtype=bool)
    for mask in states.values():
        known |= mask
    states["unknown"] = ~known
    return states


def summarize(shows: pd.DataFrame | Progress) -> pd.DataFrame:
    """Totals of watched progress, one row per user.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame of :func:`load_progress` (or the Progress), for one
        user or several.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``user`` (NA when the user is unknown), in order of first
        appearance. Columns:

        - ``shows``: number of shows; ``finished`` (everything aired is
          watched), ``in_progress`` (started, episodes left), ``hidden``
          (hidden from progress on trakt.tv, not finished; NA when no show's
          ``hidden`` is known: API v1, a public v2 profile, a frame without
          the column; where some are known and some NA, the known hidden
          ones are counted), ``not_started``,
          ``nothing_aired`` and ``unknown`` (a count the state needs is NA,
          e.g. ``aired`` from the account export) split them (see
          :func:`show_states`).
        - ``shows_counted``: the shows whose ``aired`` and ``completed`` are
          both known. ``episodes_aired``, ``episodes_watched``,
          ``episodes_left`` and ``completion`` (watched over aired) are sums
          over these shows only, so they agree with each other (specials and
          hidden seasons excluded, as the API counts; hidden shows included,
          as trakt.tv's stats count their episodes); NA when no show is
          counted. ``left`` is ``aired - completed`` where only ``left`` is NA.
        - ``episodes_watched_all``: episodes watched over every show whose
          ``completed`` is known, counted or not (the export knows what was
          watched without knowing what aired). Not to be divided by
          ``episodes_aired``.
        - ``plays``: known values only (NA when no show has them);
          ``shows_split``: the shows whose split of plays into ``scrobbles``,
          ``checkins`` and ``seen`` is known (v1 only); the three are sums over
          those shows, NA when none.
        - ``up_next``: shows with a next episode to watch, hidden shows left
          out (trakt.tv's up next leaves them out too), over the shows whose
          next episode is known (see :func:`next_unknown`); NA, never 0, when
          none is known to have one and some are unknown (the account export
          without metadata).

        Use ``.T`` for a one-column view of a single user, :func:`totals` for
        the totals of all users at once.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> ta.load_demo().summary().T  # doctest: +SKIP
    """
    shows = _check(shows, func="summarize")
    per_show = _per_show(shows)
    totals = _add_up(per_show.groupby("user", dropna=False, sort=False))
    totals.index = pd.Index(totals.index, dtype=shows["user"].dtype, name="user")
    return totals


def _per_show(shows: pd.DataFrame) -> pd.DataFrame:
    """One row per show of the numbers :func:`summarize` adds up."""
    n = len(shows)
    states = show_states(shows)
    aired = _floats(shows["aired"], n)
    completed = _floats(shows["completed"], n)
    left = shows_left(shows)
    counted = ~np.isnan(aired) & ~np.isnan(completed)
    split = np.ones(n, dtype=bool)
    for key in _SPLIT_COLUMNS:
        split &= ~np.isnan(_floats(shows.get(key), n))

    def count(values: np.ndarray, where: np.ndarray | None = None) -> pd.arrays.IntegerArray:
        unknown = np.isnan(values) if where is None else ~where | np.isnan(values)
        return nullable(values, unknown, "Int64")

    # Hidden: 1 or 0 where the show's ``hidden`` is known, NA where not, so that a
    # user none of whose shows tells adds up to NA, not to "0 hidden".
    hidden = count(states["hidden"].astype(np.float64), _hidden_known(shows))
    return pd.DataFrame(
        {
            "user": shows["user"].to_numpy(dtype=object),
            "shows": np.ones(n, dtype=np.int64),
            **{
                key: hidden if key == "hidden" else states[key].astype(np.int64)
                for key in _STATE_COLUMNS
            },
            "shows_counted": counted.astype(np.int64),
            "episodes_aired": count(aired, counted),
            "episodes_watched": count(completed, counted),
            "episodes_left": count(left, counted),
            "episodes_watched_all": count(completed),
            "plays": count(_floats(shows.get("plays"), n)),
            "shows_split": split.astype(np.int64),
            **{key: count(_floats(shows.get(key), n), split) for key in _SPLIT_COLUMNS},
            "up_next": _has_next(shows).astype(np.int64),
            "_next_unknown": _next_unknown(shows).astype(np.int64),
        }
    )


def _add_up(grouped: pd.api.typing.DataFrameGroupBy) -> pd.DataFrame:
    totals = grouped.sum(min_count=1)
    for key in _SHOW_COUNTS:
        if key != "hidden":  # NA when no show's hidden is known: unknown is not 0
            totals[key] = totals[key].fillna(0)  # counts of shows: 0 is right when none
    # No next episode known, some unknown: the count is unknown, not 0 (a lower bound else).
    totals["up_next"] = totals["up_next"].where(
        (totals["up_next"] > 0) | (totals["_next_unknown"].fillna(0) == 0), pd.NA
    )
    totals = totals.astype(dict.fromkeys(totals.columns, "Int64"))
    aired = totals["episodes_aired"].astype("Float64")
    totals["completion"] = (totals["episodes_watched"].astype("Float64") / aired).where(
        aired > 0, pd.NA
    )
    return totals[list(SUMMARY_COLUMNS)]


@dataclass(frozen=True)
class Totals:
    """The totals of every show of a Progress (all users), one definition for every output.

    Attributes mirror the columns of :func:`summarize` (see there); counts of
    episodes and plays are ``None`` when unknown, never 0, and so is
    ``hidden`` when no show's ``hidden`` is known (API v1, a public v2 profile).
    """

    shows: int
    finished: int
    in_progress: int
    hidden: int | None
    not_started: int
    nothing_aired: int
    unknown: int
    shows_counted: int
    episodes_aired: int | None
    episodes_watched: int | None
    episodes_left: int | None
    completion: float | None
    episodes_watched_all: int | None
    plays: int | None
    shows_split: int
    scrobbles: int | None
    checkins: int | None
    seen: int | None
    up_next: int | None
    users: int = 1

    @property
    def partial(self) -> bool:
        """Some shows are left out of the episode totals (their counts are unknown)."""
        return self.shows_counted < self.shows

    def coverage(self) -> str:
        """Over which shows the episode totals are: "" when over all of them,
        else e.g. "over 34 of 35 shows; 1 unknown" (the demo export with TVmaze).

        >>> from trakt_analysis import load_demo
        >>> totals(load_demo()).coverage()  # every demo show's counts are known
        ''
        """
        if not self.partial or not self.shows:
            return ""
        missing = self.shows - self.shows_counted
        return f"over {self.shows_counted:,} of {self.shows:,} shows; {missing:,} unknown"

    def split_coverage(self) -> str:
        """Over which shows the split of plays is: "" when over all that have plays."""
        if self.shows_split >= self.shows:
            return ""
        if not self.shows_split:
            return "split unknown for every show"
        missing = self.shows - self.shows_split
        return f"split over {self.shows_split:,} of {self.shows:,} shows; {missing:,} unknown"


def totals(data: pd.DataFrame | Progress) -> Totals:
    """The totals of all shows of `data`, every user together.

    Parameters
    ----------
    data : pandas.DataFrame or Progress
        The shows frame (one user or several) or a Progress.

    Returns
    -------
    Totals
        One definition for the report, the CLI, the explorer and
        ``Progress.summary()``: ratios and differences are over
        ``shows_counted`` (both counts known), and :meth:`Totals.coverage`
        says so. Several users add up show by show: a user with unknown
        counts never drags a completion towards 0 or 100 %. The attributes
        are :func:`summarize`'s columns (episodes and plays None when
        unknown, never 0), plus ``users``.

    Raises
    ------
    TraktArgumentError
        `data` is neither a shows frame nor a Progress, or lacks a column
        the totals need (``user``, ``aired``, ``completed``, ``left``, ...).
    """
    shows = _check(data, func="totals")
    per_show = _per_show(shows)
    users = shows["user"].nunique(dropna=False) if len(shows) else 0
    row = _add_up(per_show.assign(user=0).groupby("user")).reindex([0]).iloc[0]

    def value(key: str) -> int | None:
        v = row[key]
        return None if pd.isna(v) else int(v)

    def shows_count(key: str) -> int:
        return value(key) or 0

    completion = row["completion"]
    counts: dict[str, Any] = {key: shows_count(key) for key in _SHOW_COUNTS}
    counts["hidden"] = value("hidden")
    counts["up_next"] = value("up_next")
    episodes = ("episodes_aired", "episodes_watched", "episodes_left", "episodes_watched_all")
    counts |= {key: value(key) for key in (*episodes, "plays", *_SPLIT_COLUMNS)}
    return Totals(
        **counts,
        completion=None if pd.isna(completion) else float(completion),
        users=int(users),
    )


_SPLIT_COLUMNS = ("scrobbles", "checkins", "seen")
_SHOW_COUNTS = ("shows", *_STATE_COLUMNS, "shows_counted", "shows_split", "up_next")


def _has_next(shows: pd.DataFrame) -> np.ndarray:
    """Shows with a next episode to watch; a hidden show has none (as on trakt.tv)."""
    if "next_season" not in shows.columns:
        return np.zeros(len(shows), dtype=bool)
    return shows["next_season"].notna().to_numpy(dtype=bool) & ~shows_hidden(shows)


def completion_distribution(shows: pd.DataFrame | Progress) -> pd.Series:
    """How many shows are at each stage of completion.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame (or the Progress).

    Returns
    -------
    pandas.Series
        Counts of shows (``Int64``) indexed by :data:`COMPLETION_BINS`, every
        bin present (0 when empty), in that order: the states of
        :func:`show_states`. ``completed / aired`` of a show in progress falls
        in one of the four middle, half-open bins; a hidden show that is not
        finished is in ``"hidden"``; a show whose counts are unknown (NA) is
        in ``"unknown"``.
    """
    shows = _check(shows, ("aired", "completed", "left"), func="completion_distribution")
    states = show_states(shows)
    n = len(shows)
    aired = _floats(shows["aired"], n)
    completed = _floats(shows["completed"], n)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(aired > 0, completed / np.maximum(aired, 1), 0.0)
    started = states["in_progress"]
    counts = [
        states["nothing_aired"].sum(),
        states["not_started"].sum(),
        (started & (fraction < 0.25)).sum(),
        (started & (fraction >= 0.25) & (fraction < 0.5)).sum(),
        (started & (fraction >= 0.5) & (fraction < 0.75)).sum(),
        (started & (fraction >= 0.75)).sum(),
        states["finished"].sum(),
        states["hidden"].sum(),
        states["unknown"].sum(),
    ]
    index = pd.Index(COMPLETION_BINS, name="completion")
    return pd.Series(counts, index=index, name="shows", dtype="Int64")


def next_unknown(shows: pd.DataFrame | Progress) -> int:
    """How many shows have episodes left (or maybe left) but no known next episode.

    The account export without metadata knows no unwatched episode: a show with
    episodes left, or whose ``left`` is unknown, and no next episode has an
    unknown next episode, not none; these shows are counted apart. A show with
    nothing left has none, and a hidden show none to watch, known or not.
    """
    shows = _check(shows, (), func="next_unknown")
    return int(_next_unknown(shows).sum())


def _next_unknown(shows: pd.DataFrame) -> np.ndarray:
    """Per show: episodes left (or ``left`` unknown), not hidden, no next episode."""
    if "left" not in shows.columns and "aired" not in shows.columns:
        return np.zeros(len(shows), dtype=bool)
    maybe_left = ~(shows_left(shows) == 0)
    return maybe_left & ~_has_next(shows) & ~shows_hidden(shows)


#: The shows frame's columns :func:`watch_next` reads.
_WATCH_NEXT_READS = (
    "user",
    "title",
    "year",
    "next_season",
    "next_number",
    "next_title",
    "next_first_aired",
    "left",
    "completed",
    "completion",
)


def watch_next(shows: pd.DataFrame | Progress, n: int | None = None) -> pd.DataFrame:
    """The next episode of every show that has one, closest to finished first.

    Shows hidden from progress are left out, as from trakt.tv's up next.

    Parameters
    ----------
    shows : pandas.DataFrame or Progress
        The shows frame (or the Progress).
    n : int, optional
        Keep the first `n` rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``user``, ``title``, ``year``, ``episode`` (``S02E09``),
        ``next_title``, ``next_first_aired`` (the air date, UTC), ``left`` and
        ``completion``. Started shows come first, by completion (highest
        first), then shows not started, then shows whose progress is unknown
        (NA); ties keep the frame's order. The index
        is the shows frame's.
    """
    shows = _check(
        shows, ("user", "title", "year", "left", "completed", "completion"), func="watch_next"
    )
    has_next = _has_next(shows)
    # Only the columns read below: the shows frame has dozens, each copied twice otherwise.
    wanted = [c for c in _WATCH_NEXT_READS if c in shows.columns]
    rows = shows.loc[has_next, wanted]
    done = _floats(rows["completed"], len(rows))
    # Started first, then not started, then shows whose progress is unknown;
    # an unknown completion sorts after the known ones of its group.
    group = np.where(done > 0, 0, np.where(done == 0, 1, 2))
    completion = _floats(rows["completion"], len(rows))
    key = np.where(np.isnan(completion), np.inf, -completion)
    order = np.lexsort((key, group))
    rows = rows.iloc[order]
    codes = next_episode_codes(rows)
    out = pd.DataFrame(
        {
            "user": rows["user"],
            "title": rows["title"],
            "year": rows["year"],
            "episode": pd.Series(codes, index=rows.index, dtype=shows["title"].dtype),
            "next_title": rows.get("next_title"),
            "next_first_aired": rows.get("next_first_aired"),
            "left": rows["left"],
            "completion": rows["completion"],
        },
        index=rows.index,
    )
    return out if n is None else out.head(n)
