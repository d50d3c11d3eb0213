"""Movies beside shows: the movies watched most, and watch time split into shows and movies.

Both read the history (``Progress.history``: one row per play, ``type``
``"episode"`` or ``"movie"``); hours are the known runtimes' sum, with
``plays_without_runtime`` beside them, NA (never 0) when no play has one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from .._docstrings import fill_doc
from .history import (
    RANKED_COLUMNS,
    _hours,
    _runtime,
    _users,
    check_ranking,
    is_kind,
    plays_in_year,
    ranked_by_time,
    watched_at,
)
from .timezone import history_of

__all__ = ["shows_vs_movies", "top_movies"]

_MOVIE = ("title", "year", "trakt_id")


def _is_movie(history: pd.DataFrame) -> np.ndarray:
    if "type" not in history.columns:
        return np.zeros(len(history), dtype=bool)
    return is_kind(history, "movie")


@fill_doc
def top_movies(history: Any, *, by: str = "plays", top: int | None = 10) -> pd.DataFrame:
    """The movies watched most, by plays or by hours, per user.

    Parameters
    ----------
    history : pandas.DataFrame or Progress
        The history frame (movies are its rows with ``type == "movie"``) or a
        Progress holding one; one user or several.
    by : {"plays", "hours"}
        The ranking; ties go to the other measure, then the title. By hours, a
        movie whose runtime is unknown ranks last.
    %(top:Movies)s

    Returns
    -------
    pandas.DataFrame
        One row per user and movie, best first. Columns: ``user``, ``title``,
        ``year``, ``trakt_id``, ``plays`` (int64), ``hours`` (Float64; NA when
        unknown), ``plays_without_runtime``, ``first_watched_at``,
        ``last_watched_at`` (UTC), ``rank`` (1 = most).

    Raises
    ------
    TraktArgumentError
        Bad `by` or `top`, or no history.
    """
    check_ranking(by, top, "top_movies")
    frame, _ = history_of(history, "top_movies")
    keep = _is_movie(frame)
    codes, users = _users(frame)
    movies = frame[keep]
    work = pd.DataFrame(
        {
            "u": codes[keep],
            "title": movies["title"].astype(object).to_numpy(),
            "year": movies["year"].astype("Int64").to_numpy()
            if "year" in movies
            else [pd.NA] * len(movies),
            "trakt_id": movies["trakt_id"].astype("Int64").to_numpy()
            if "trakt_id" in movies
            else [pd.NA] * len(movies),
            "minutes": _runtime(frame)[keep],
            "at": watched_at(movies, "top_movies").to_numpy(),
        }
    )
    stats = ranked_by_time(work, list(_MOVIE), by, top)
    stats["user"] = [users[c] for c in stats["u"]]
    out = stats[list(RANKED_COLUMNS)].reset_index(drop=True)
    out["first_watched_at"] = pd.to_datetime(out["first_watched_at"], utc=True)
    out["last_watched_at"] = pd.to_datetime(out["last_watched_at"], utc=True)
    return out.astype({"user": schema.STR, "title": schema.STR, "year": "Int64"})


@fill_doc
def shows_vs_movies(history: Any, *, year: int | None = None, tz: object = None) -> pd.DataFrame:
    """Plays and hours of episodes (shows) beside movies, per user.

    %(parameters_history:one user or several)s
    year : int, optional
        Only plays in this year, in local time (`tz`).
    tz : str, optional
        IANA time zone of `year`: the profile's, else the machine's.

    Returns
    -------
    pandas.DataFrame
        Two rows per user, ``kind`` ``"shows"`` then ``"movies"``. Columns:
        ``user``, ``kind``, ``plays``, ``hours`` (Float64, NA when no play of
        the kind has a runtime), ``plays_without_runtime``, ``plays_share``
        (of the user's plays) and ``hours_share`` (of the user's known hours:
        the plays without a runtime are left out of both sides). Shares are
        NA when there is nothing to share; ``hours_share`` is NA for both
        kinds when the hours of either are unknown (a split with one side
        unknown is unknown: not 100 % beside an unknown).

    Examples
    --------
    Without movie runtimes (the export's history has none; TVmaze fills the
    episodes' only), the split of hours is unknown, not 100 % shows:

    >>> import pandas as pd
    >>> history = pd.DataFrame(
    ...     {
    ...         "user": ["ann"] * 3,
    ...         "type": ["episode", "episode", "movie"],
    ...         "runtime": pd.array([30, 60, None], dtype="Int32"),
    ...         "watched_at": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"], utc=True),
    ...     }
    ... )
    >>> shows_vs_movies(history)[["kind", "plays", "hours", "plays_share", "hours_share"]]
         kind  plays  hours  plays_share  hours_share
    0   shows      2    1.5     0.666667         <NA>
    1  movies      1   <NA>     0.333333         <NA>
    """
    if year is not None:
        frame = plays_in_year(history, year, tz=tz)
        zone = frame.attrs.get("timezone")
        frame = frame.reset_index(drop=True)
    else:
        frame, _ = history_of(history, "shows_vs_movies")
        zone = None
    codes, users = _users(frame)
    movie = _is_movie(frame)
    minutes = _runtime(frame)
    rows = []
    for code, user in enumerate(users):
        mine = codes == code
        for kind, chosen in (("shows", mine & ~movie), ("movies", mine & movie)):
            known = minutes[chosen]
            rows.append(
                {
                    "user": user,
                    "kind": kind,
                    "plays": int(chosen.sum()),
                    "known": int((~np.isnan(known)).sum()),
                    "minutes": float(np.nansum(known)),
                }
            )
    out = pd.DataFrame(rows, columns=["user", "kind", "plays", "known", "minutes"])
    out["hours"] = _hours(out["minutes"], out["known"], out["plays"])
    out["plays_without_runtime"] = (out["plays"] - out["known"]).astype("int64")
    totals = out.groupby("user", dropna=False, sort=False)
    plays_total = totals["plays"].transform("sum").astype("Float64")
    hours_total = (totals["minutes"].transform("sum") / 60).astype("Float64")
    out["plays_share"] = (out["plays"] / plays_total.where(plays_total > 0)).astype("Float64")
    out["hours_share"] = (out["hours"] / hours_total.where(hours_total > 0)).astype("Float64")
    # One side unknown: the other's share of the known hours would read 100 %.
    split_unknown = out["hours"].isna().groupby(out["user"], dropna=False, sort=False)
    out.loc[split_unknown.transform("any").to_numpy(dtype=bool), "hours_share"] = pd.NA
    out = out[
        ["user", "kind", "plays", "hours", "plays_without_runtime", "plays_share", "hours_share"]
    ].astype({"user": schema.STR, "kind": schema.STR, "plays": "int64"})
    if zone is not None:
        out.attrs["timezone"] = zone
    return out
