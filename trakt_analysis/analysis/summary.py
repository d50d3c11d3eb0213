"""Summary numbers of watched progress: totals, completion bins, what to watch next.

Everything here is computed from the shows frame, whose counts are the API's
own (``aired``, ``completed``, ``left`` leave out specials and hidden seasons),
so the numbers agree with what trakt.tv shows. :mod:`trakt_analysis.report.text`
renders them as plain text.

An unknown count (NA: a source that cannot fill it, such as the account export
for ``aired``, or an odd value loaded as NA) never counts as 0, true or
"finished": a show whose state cannot be told is in the ``unknown`` state, and
totals add the known values only (NA when no show has the value).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._format import next_episode_codes
from .._validate import check_frame

__all__ = [
    "COMPLETION_BINS",
    "completion_distribution",
    "next_unknown",
    "show_states",
    "shows_left",
    "summarize",
    "watch_next",
]

#: Labels of :func:`completion_distribution`, in order. The middle four are
#: half-open ranges of ``completed / aired``: 25 % falls in "25% to 50%".
COMPLETION_BINS: tuple[str, ...] = (
    "nothing aired",
    "not started",
    "under 25%",
    "25% to 50%",
    "50% to 75%",
    "75% or more",
    "finished",
    "unknown",
)

#: Columns of :func:`summarize`, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "shows",
    "finished",
    "in_progress",
    "not_started",
    "nothing_aired",
    "unknown",
    "episodes_aired",
    "episodes_watched",
    "episodes_left",
    "completion",
    "plays",
    "scrobbles",
    "checkins",
    "seen",
    "up_next",
)

_NEEDED = ("user", "title", "year", "aired", "completed", "left", "plays")


def _check(shows: pd.DataFrame, needed: tuple[str, ...] = _NEEDED, *, func: str) -> None:
    check_frame(shows, needed, func=func)


def _floats(column: pd.Series | None, n: int) -> np.ndarray:
    """A count column as float64 with NaN for NA (a missing column is all NaN)."""
    if column is None:
        return np.full(n, np.nan)
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def shows_left(shows: pd.DataFrame) -> np.ndarray:
    """Episodes left per show (float, NaN = unknown): ``left``, else ``aired - completed``."""
    n = len(shows)
    left = _floats(shows.get("left"), n)
    derived = np.maximum(_floats(shows.get("aired"), n) - _floats(shows.get("completed"), n), 0)
    return np.where(np.isnan(left), derived, left)


def show_states(shows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean masks that partition the shows by how far the user got.

    ``nothing_aired`` (aired is 0), ``not_started`` (aired, none watched),
    ``in_progress``, ``finished`` (everything aired is watched), and
    ``unknown``: a count the state needs is NA. Unknown is never finished.
    """
    n = len(shows)
    aired = _floats(shows.get("aired"), n)
    completed = _floats(shows.get("completed"), n)
    left = shows_left(shows)
    with np.errstate(invalid="ignore"):
        nothing = aired == 0
        some = aired > 0
        states = {
            "nothing_aired": nothing,
            "not_started": some & (completed == 0),
            "finished": some & (completed > 0) & (left == 0),
            "in_progress": some & (completed > 0) & (left > 0),
        }
    known = np.zeros(n, dtype=bool)
    for mask in states.values():
        known |= mask
    states["unknown"] = ~known
    return states


def summarize(shows: pd.DataFrame) -> pd.DataFrame:
    """Totals of watched progress, one row per user.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame of :func:`load_progress`, for one user or several.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``user`` (NA when the user is unknown), in order of first
        appearance. Columns:

        - ``shows``: number of shows; ``finished`` (everything aired is
          watched), ``in_progress`` (started, episodes left), ``not_started``,
          ``nothing_aired`` and ``unknown`` (a count the state needs is NA,
          e.g. ``aired`` from the account export) split them.
        - ``episodes_aired``, ``episodes_watched``, ``episodes_left``: sums of
          the shows' known ``aired``, ``completed`` and ``left`` (specials and
          hidden seasons excluded, as the API counts); NA when no show has
          the count. ``left`` is ``aired - completed`` where only ``left`` is NA.
        - ``completion``: watched over aired, over the shows where both are
          known (NA if nothing such has aired).
        - ``plays`` and its split ``scrobbles``, ``checkins``, ``seen``
          (known values only; NA when no show has them).
        - ``up_next``: shows with a next episode to watch.

        Use ``.T`` for a one-column view of a single user.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> ta.load_demo().summary().T  # doctest: +SKIP
    """
    _check(shows, func="summarize")
    n = len(shows)
    states = show_states(shows)
    aired = _floats(shows["aired"], n)
    completed = _floats(shows["completed"], n)
    both = ~np.isnan(aired) & ~np.isnan(completed)

    def count(values: np.ndarray) -> pd.arrays.IntegerArray:
        return pd.array(np.where(np.isnan(values), None, values), dtype="Int64")

    per_show = pd.DataFrame(
        {
            "user": shows["user"].to_numpy(dtype=object),
            "shows": np.ones(n, dtype=np.int64),
            **{key: states[key].astype(np.int64) for key in _STATE_COLUMNS},
            "episodes_aired": count(aired),
            "episodes_watched": count(completed),
            "episodes_left": count(shows_left(shows)),
            "_both_aired": np.where(both, aired, 0.0),
            "_both_watched": np.where(both, completed, 0.0),
            **{key: count(_floats(shows.get(key), n)) for key in _PLAY_COLUMNS},
            "up_next": _has_next(shows).astype(np.int64),
        }
    )
    grouped = per_show.groupby("user", dropna=False, sort=False)
    totals = grouped.sum(min_count=1)
    for key in ("shows", *_STATE_COLUMNS, "up_next"):
        totals[key] = totals[key].fillna(0)  # counts of shows: 0 is right when none
    totals = totals.astype({k: "Int64" for k in totals.columns if not k.startswith("_")})
    both_aired = totals.pop("_both_aired").astype("Float64")
    both_watched = totals.pop("_both_watched").astype("Float64")
    totals["completion"] = (both_watched / both_aired).where(both_aired > 0, pd.NA)
    totals = totals[list(SUMMARY_COLUMNS)]
    totals.index = pd.Index(totals.index, dtype=shows["user"].dtype, name="user")
    return totals


_STATE_COLUMNS = ("finished", "in_progress", "not_started", "nothing_aired", "unknown")
_PLAY_COLUMNS = ("plays", "scrobbles", "checkins", "seen")


def _has_next(shows: pd.DataFrame) -> np.ndarray:
    if "next_season" not in shows.columns:
        return np.zeros(len(shows), dtype=bool)
    return shows["next_season"].notna().to_numpy(dtype=bool)


def completion_distribution(shows: pd.DataFrame) -> pd.Series:
    """How many shows are at each stage of completion.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame.

    Returns
    -------
    pandas.Series
        Counts of shows (``Int64``) indexed by :data:`COMPLETION_BINS`, every
        bin present (0 when empty), in that order. ``completed / aired`` of a
        show in progress falls in one of the four middle, half-open bins;
        a show whose counts are unknown (NA) is in ``"unknown"``.
    """
    _check(shows, ("aired", "completed", "left"), func="completion_distribution")
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
        states["unknown"].sum(),
    ]
    index = pd.Index(COMPLETION_BINS, name="completion")
    return pd.Series(counts, index=index, name="shows", dtype="Int64")


def next_unknown(shows: pd.DataFrame) -> int:
    """How many shows have no known next episode because their aired episodes are unknown.

    The account export without metadata knows nothing of unwatched episodes, so
    "no next episode" would be a guess: these shows are counted apart.
    """
    if "aired" not in shows.columns:
        return 0
    has_next = shows["next_season"].notna() if "next_season" in shows.columns else False
    return int((shows["aired"].isna() & ~has_next).sum())


def watch_next(shows: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """The next episode of every show that has one, closest to finished first.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame.
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
    _check(shows, ("user", "title", "year", "left", "completed", "completion"), func="watch_next")
    has_next = _has_next(shows)
    rows = shows[has_next]
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
