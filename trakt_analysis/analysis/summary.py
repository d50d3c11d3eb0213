"""Summary numbers of watched progress: totals, completion bins, what to watch next.

Everything here is computed from the shows frame, whose counts are the API's
own (``aired``, ``completed``, ``left`` leave out specials and hidden seasons),
so the numbers agree with what trakt.tv shows. :mod:`trakt_analysis.report.text`
renders them as plain text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._format import next_episode_codes
from .._validate import check_frame

__all__ = [
    "COMPLETION_BINS",
    "completion_distribution",
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
)

#: Columns of :func:`summarize`, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "shows",
    "finished",
    "in_progress",
    "not_started",
    "nothing_aired",
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


def _counts(column: pd.Series) -> np.ndarray:
    """An Int64 count column as int64, NA counted as 0."""
    return column.fillna(0).to_numpy(dtype=np.int64)


def _states(shows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean masks that partition the shows by how far the user got.

    A show whose aired count is unknown (NA: the account export without
    metadata) is in none of them: it is never "finished" nor "nothing aired".
    """
    known = shows["aired"].notna().to_numpy(dtype=bool)
    aired = _counts(shows["aired"])
    completed = _counts(shows["completed"])
    left = _counts(shows["left"])
    nothing = known & (aired == 0)
    rest = known & ~nothing
    return {
        "nothing_aired": nothing,
        "not_started": rest & (completed == 0),
        "finished": rest & (completed > 0) & (left == 0),
        "in_progress": rest & (completed > 0) & (left > 0),
    }


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
          watched), ``in_progress`` (started, episodes left), ``not_started``
          and ``nothing_aired`` split them.
        - ``episodes_aired``, ``episodes_watched``, ``episodes_left``: sums of
          the shows' ``aired``, ``completed`` and ``left`` (specials and hidden
          seasons excluded, as the API counts).
        - ``completion``: ``episodes_watched / episodes_aired`` (NA if 0).
        - ``plays`` and its split ``scrobbles``, ``checkins``, ``seen``.
        - ``up_next``: shows with a next episode to watch.

        Use ``.T`` for a one-column view of a single user.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> ta.load_demo().summary().T  # doctest: +SKIP
    """
    _check(shows, func="summarize")
    states = _states(shows)
    per_show = pd.DataFrame(
        {
            "user": shows["user"].to_numpy(dtype=object),
            "shows": np.ones(len(shows), dtype=np.int64),
            "finished": states["finished"].astype(np.int64),
            "in_progress": states["in_progress"].astype(np.int64),
            "not_started": states["not_started"].astype(np.int64),
            "nothing_aired": states["nothing_aired"].astype(np.int64),
            "episodes_aired": _counts(shows["aired"]),
            "episodes_watched": _counts(shows["completed"]),
            "episodes_left": _counts(shows["left"]),
            "plays": _counts(shows["plays"]),
            "scrobbles": _counts(shows.get("scrobbles", pd.Series(0, index=shows.index))),
            "checkins": _counts(shows.get("checkins", pd.Series(0, index=shows.index))),
            "seen": _counts(shows.get("seen", pd.Series(0, index=shows.index))),
            "up_next": _has_next(shows).astype(np.int64),
        }
    )
    per_show["_aired_known"] = shows["aired"].notna().to_numpy(dtype=np.int64)
    totals = per_show.groupby("user", dropna=False, sort=False).sum()
    totals = totals.astype("Int64")
    # No aired count known for any of a user's shows: the totals are unknown, not 0.
    unknown = totals.pop("_aired_known") == 0
    totals.loc[unknown, ["episodes_aired", "episodes_left"]] = pd.NA
    aired = totals["episodes_aired"].astype("Float64")
    totals["completion"] = (totals["episodes_watched"] / aired).where(aired > 0, pd.NA)
    totals = totals[list(SUMMARY_COLUMNS)]
    totals.index = pd.Index(totals.index, dtype=shows["user"].dtype, name="user")
    return totals


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
        show in progress falls in one of the four middle, half-open bins.
    """
    _check(shows, ("aired", "completed", "left"), func="completion_distribution")
    states = _states(shows)
    aired = _counts(shows["aired"])
    completed = _counts(shows["completed"])
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
    ]
    index = pd.Index(COMPLETION_BINS, name="completion")
    return pd.Series(counts, index=index, name="shows", dtype="Int64")


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
        first), then shows not started; ties keep the frame's order. The index
        is the shows frame's.
    """
    _check(shows, ("user", "title", "year", "left", "completed", "completion"), func="watch_next")
    has_next = _has_next(shows)
    rows = shows[has_next]
    started = rows["completed"].fillna(0) > 0
    completion = rows["completion"].fillna(0).to_numpy(dtype=float)
    order = np.lexsort((-completion, ~started.to_numpy(dtype=bool)))
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
