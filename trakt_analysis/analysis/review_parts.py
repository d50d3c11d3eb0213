"""The parts of a year (or month) in review, each a function of the period's plays.

:mod:`.year_review` assembles them; each is tested alone. Every function takes
history rows (:data:`trakt_analysis.schema.HISTORY`) already cut to one user and
one period, with their local times, and returns a frame or a plain value. Ties
are kept: a function that picks "the most" returns every row that shares it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .history import _is_episode, _runtime, binge_sessions, top_shows, watched_at

__all__ = [
    "MEASURES",
    "breakdown_of_year",
    "compare",
    "edge_plays",
    "longest_binges",
    "measures",
    "monthly",
    "most",
    "ranked_movies",
    "ranked_shows",
    "ratings_in",
    "show_keys",
    "shows_by_start",
]

#: The measures compared with the period before, in this order.
MEASURES: tuple[str, ...] = ("plays", "episode_plays", "movie_plays", "hours", "shows", "movies")


def show_keys(frame: pd.DataFrame) -> pd.Series:
    """A show's (or movie's) key: its Trakt id when known, else (title, year)."""
    ids = (
        frame["trakt_id"].to_numpy(dtype=object, na_value=None)
        if "trakt_id" in frame.columns
        else [None] * len(frame)
    )
    titles = frame["title"].to_numpy(dtype=object, na_value=None)
    years = frame["year"].to_numpy(dtype=object, na_value=None)
    keys = [
        ("id", int(i)) if i is not None else ("title", t, y)
        for i, t, y in zip(ids, titles, years, strict=True)
    ]
    return pd.Series(keys, index=frame.index, dtype=object)


def _hours(minutes: np.ndarray, plays: int) -> object:
    """Hours of the known runtimes; 0.0 without plays, NA when no play has a runtime."""
    known = minutes[~np.isnan(minutes)]
    if not plays:
        return 0.0
    return float(known.sum() / 60) if len(known) else pd.NA


def measures(plays: pd.DataFrame) -> dict[str, object]:
    """Plays, hours, shows and movies of some plays, episodes and movies apart.

    Returns a dict: ``plays``, ``episode_plays``, ``movie_plays`` (int),
    ``hours``, ``episode_hours``, ``movie_hours`` (float hours of the known
    runtimes; 0.0 without plays, NA when no play has a runtime),
    ``plays_without_runtime`` (int), ``shows`` and ``movies`` (distinct titles).
    """
    episode = _is_episode(plays)
    minutes = _runtime(plays)
    keys = show_keys(plays) if len(plays) else pd.Series([], dtype=object)
    return {
        "plays": len(plays),
        "episode_plays": int(episode.sum()),
        "movie_plays": int((~episode).sum()),
        "hours": _hours(minutes, len(plays)),
        "episode_hours": _hours(minutes[episode], int(episode.sum())),
        "movie_hours": _hours(minutes[~episode], int((~episode).sum())),
        "plays_without_runtime": int(np.isnan(minutes).sum()),
        "shows": int(keys[episode].nunique()) if len(plays) else 0,
        "movies": int(keys[~episode].nunique()) if len(plays) else 0,
    }


def compare(this: dict[str, object], previous: dict[str, object]) -> pd.DataFrame:
    """This period against the one before, for each of :data:`MEASURES`.

    Returns
    -------
    pandas.DataFrame
        Index: the measure names. Columns (Float64): ``this``, ``previous``,
        ``change`` (this - previous) and ``change_pct`` (the change as a
        percentage of ``previous``; NA when ``previous`` is 0). Unknown hours
        (NA) make the change NA too, never a change from or to 0.
    """
    rows = []
    for name in MEASURES:
        now, before = this[name], previous[name]
        known = not (pd.isna(now) or pd.isna(before))  # type: ignore[call-overload]
        change = float(now) - float(before) if known else pd.NA  # type: ignore[arg-type]
        pct = (
            change / float(before) * 100  # type: ignore[arg-type,operator]
            if known and float(before) != 0  # type: ignore[arg-type]
            else pd.NA
        )
        rows.append((now, before, change, pct))
    out = pd.DataFrame(rows, index=pd.Index(MEASURES, name="measure"), dtype=object)
    out.columns = ["this", "previous", "change", "change_pct"]
    return out.astype("Float64")


def most(counts: pd.Series) -> tuple[Any, object, tuple[Any, ...]]:
    """The label with the highest value, that value, and every label sharing it.

    The first is the earliest in `counts`' order. NA values are unknown and
    never the most. Without a positive value: ``(None, 0, ())``.
    """
    values = pd.to_numeric(counts, errors="coerce").astype("Float64")
    known = values.dropna()
    if not len(known) or known.max() <= 0:
        return None, 0, ()
    top = known.max()
    tied = tuple(known.index[known == top])
    value = int(top) if float(top).is_integer() and counts.dtype.kind in "iu" else float(top)
    return tied[0], value, tied


def _with_ties(stats: pd.DataFrame, by: Sequence[str], top: int | None) -> pd.DataFrame:
    """Rank `stats` (already sorted best first) by the `by` values, ties sharing a rank.

    Keeps the `top` best and every row tied with the last kept; ``tied`` is
    True for each row that shares all its `by` values with another row.
    """
    keys = stats[list(by)].astype("Float64").fillna(-1.0)
    values = keys.to_numpy(dtype=float)
    new = np.ones(len(values), dtype=bool)
    new[1:] = (values[1:] != values[:-1]).any(axis=1)
    position = np.arange(1, len(stats) + 1)
    rank = np.maximum.accumulate(np.where(new, position, 0))
    out = stats.copy()
    out["rank"] = rank.astype("int64")
    out["tied"] = keys.duplicated(keep=False).to_numpy()
    if top is not None and len(out) > top:
        out = out[out["rank"] <= out["rank"].iloc[top - 1]]
    return out.reset_index(drop=True)


def ranked_shows(plays: pd.DataFrame, *, by: str, top: int | None) -> pd.DataFrame:
    """:func:`~.history.top_shows` of `plays`, with ties kept and named.

    Columns as :func:`~.history.top_shows`, ``rank`` shared by ties (1, 2, 2,
    4) and ``tied`` (bool). Shows tied with the last place are all kept, so
    the list may be longer than `top`.
    """
    other = "plays" if by == "hours" else "hours"
    stats = top_shows(plays, by=by, top=None)
    return _with_ties(stats.drop(columns="rank"), [by, other], top)


def ranked_movies(plays: pd.DataFrame, *, top: int | None) -> pd.DataFrame:
    """The movies played most, by plays then hours, ties kept and named.

    Returns
    -------
    pandas.DataFrame
        Columns: ``title``, ``year``, ``trakt_id``, ``plays`` (int64),
        ``hours`` (Float64, NA when unknown), ``first_watched_at``,
        ``last_watched_at`` (UTC), ``rank`` (shared by ties) and ``tied``.
    """
    movies = plays[~_is_episode(plays)]
    columns = ["title", "year", "trakt_id", "plays", "hours", "first_watched_at"]
    columns += ["last_watched_at", "rank", "tied"]
    if not len(movies):
        empty = pd.DataFrame({c: [] for c in columns})
        return empty.astype({"plays": "int64", "hours": "Float64", "rank": "int64"})
    work = pd.DataFrame(
        {
            "key": show_keys(movies),
            "title": movies["title"].astype(object),
            "year": movies["year"].astype(object),
            "trakt_id": movies["trakt_id"].astype(object) if "trakt_id" in movies else None,
            "minutes": _runtime(movies),
            "at": watched_at(movies, "ranked_movies"),
        }
    )
    grouped = work.groupby("key", sort=False)
    stats = grouped.agg(
        title=("title", "first"),
        year=("year", "first"),
        trakt_id=("trakt_id", "first"),
        plays=("minutes", "size"),
        known=("minutes", "count"),
        minutes=("minutes", "sum"),
        first_watched_at=("at", "min"),
        last_watched_at=("at", "max"),
    ).reset_index(drop=True)
    hours = (stats["minutes"] / 60).astype("Float64")
    hours[stats["known"] == 0] = pd.NA
    stats["hours"] = hours
    stats["plays"] = stats["plays"].astype("int64")
    stats = stats.sort_values(
        ["plays", "hours", "title"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )
    out = _with_ties(stats, ["plays", "hours"], top)
    return out[columns].astype({"year": "Int64", "trakt_id": "Int64"})


def edge_plays(plays: pd.DataFrame, local: pd.Series, *, last: bool) -> pd.DataFrame:
    """The first (or last) play of the period: every play at that instant.

    Plays with an unknown time are left out. Columns: ``type``, ``title``,
    ``year``, ``season``, ``episode``, ``episode_title``, ``watched_at``
    (local, zone-aware); empty without a timed play.
    """
    columns = ["type", "title", "year", "season", "episode", "episode_title"]
    timed = local.notna().to_numpy()
    out = pd.DataFrame(
        {
            c: (
                plays[c].to_numpy(dtype=object, na_value=None)
                if c in plays
                else [None] * len(plays)
            )
            for c in columns
        },
    )[timed]
    out["watched_at"] = local[timed].array
    if not len(out):
        return out.reset_index(drop=True)
    edge = out["watched_at"].max() if last else out["watched_at"].min()
    out = out[(out["watched_at"] == edge).to_numpy()]
    return out.sort_values(["title", "season", "episode"], kind="stable").reset_index(drop=True)


def monthly(plays: pd.DataFrame, local: pd.Series, months: pd.PeriodIndex) -> pd.DataFrame:
    """Each month's plays, hours and top show (by hours, then plays; ties named).

    Returns
    -------
    pandas.DataFrame
        One row per month of `months`. Columns: ``month`` (Period), ``plays``
        (int64), ``hours`` (Float64: 0 without plays, NA when no play had a
        runtime), ``plays_without_runtime``, ``top_show`` (the title; ties
        joined with " / "; None without an episode play), ``top_show_hours``,
        ``top_show_plays`` and ``top_show_tied`` (the number of shows sharing
        first place).
    """
    periods = local.dt.tz_localize(None).dt.to_period("M")
    rows = []
    for month in months:
        mask = (periods == month).fillna(False).to_numpy(dtype=bool)
        chosen = plays[mask]
        m = measures(chosen)
        top = ranked_shows(chosen, by="hours", top=1)
        first = top[top["rank"] == 1]
        rows.append(
            {
                "month": month,
                "plays": m["plays"],
                "hours": m["hours"],
                "plays_without_runtime": m["plays_without_runtime"],
                "top_show": " / ".join(map(str, first["title"])) if len(first) else None,
                "top_show_hours": first["hours"].iloc[0] if len(first) else pd.NA,
                "top_show_plays": int(first["plays"].iloc[0]) if len(first) else 0,
                "top_show_tied": len(first),
            }
        )
    out = pd.DataFrame(rows)
    if not len(out):
        return out
    return out.astype(
        {
            "plays": "int64",
            "hours": "Float64",
            "plays_without_runtime": "int64",
            "top_show_hours": "Float64",
            "top_show_plays": "int64",
            "top_show_tied": "int64",
        }
    )


def _first_plays(history: pd.DataFrame) -> pd.DataFrame:
    """Timed episode plays with their show key, oldest first."""
    keep = _is_episode(history) & watched_at(history, "year_in_review").notna().to_numpy()
    episodes = history[keep]
    return pd.DataFrame(
        {
            "key": show_keys(episodes),
            "title": episodes["title"].astype(object),
            "year": episodes["year"].astype(object),
            "trakt_id": (
                episodes["trakt_id"].astype(object) if "trakt_id" in episodes.columns else None
            ),
            "at": watched_at(episodes, "year_in_review"),
        }
    ).sort_values("at", kind="stable")


def shows_by_start(
    history: pd.DataFrame, in_period: np.ndarray, start: pd.Timestamp
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The period's shows, split in those started in it and those continued.

    A show is started when its first play in the whole history is in the
    period; continued when it has a play in the period and one before `start`.

    Returns
    -------
    (started, continued) : two pandas.DataFrame
        Columns: ``title``, ``year``, ``trakt_id``, ``first_watched_at`` (UTC,
        the first play ever) and ``plays`` (int64, in the period); started
        by first play, continued by plays, most first.
    """
    everything = _first_plays(history)
    first = everything.drop_duplicates("key", keep="first").set_index("key")
    period = _first_plays(history[in_period])
    counts = period.groupby("key", sort=False).size()
    rows = first.loc[counts.index].assign(plays=counts.to_numpy())
    rows = rows.rename(columns={"at": "first_watched_at"}).reset_index(drop=True)
    columns = ["title", "year", "trakt_id", "first_watched_at", "plays"]
    new = (rows["first_watched_at"] >= start).to_numpy(dtype=bool)
    started = rows[new].sort_values("first_watched_at", kind="stable")
    continued = rows[~new].sort_values(["plays", "title"], ascending=[False, True], kind="stable")
    types = {"year": "Int64", "trakt_id": "Int64", "plays": "int64"}
    return (
        started[columns].reset_index(drop=True).astype(types),
        continued[columns].reset_index(drop=True).astype(types),
    )


def longest_binges(plays: pd.DataFrame, zone: str) -> pd.DataFrame:
    """The binge session(s) with the most plays (see :func:`~.history.binge_sessions`).

    Every session sharing the most plays is returned (ties named); empty when
    the period has no binge.
    """
    binges = binge_sessions(plays, tz=zone)
    if not len(binges):
        return binges
    return binges[binges["plays"] == binges["plays"].max()].reset_index(drop=True)


def _values(cell: object) -> list[str]:
    """A metadata cell as a list of names: lists as they are, text split on commas."""
    if cell is None or (not isinstance(cell, list | tuple | np.ndarray) and pd.isna(cell)):
        return []
    if isinstance(cell, str):
        return [v.strip() for v in cell.split(",") if v.strip()]
    return [str(v) for v in cell if v is not None and not pd.isna(v)]


def breakdown_of_year(
    plays: pd.DataFrame, shows: pd.DataFrame | None, column: str
) -> tuple[pd.DataFrame | None, str | None]:
    """The period's episode plays and hours per genre (or network) of their show.

    Parameters
    ----------
    plays : pandas.DataFrame
        The period's history rows.
    shows : pandas.DataFrame or None
        ``Progress.shows`` with the metadata `column` (``genres``: a list of
        names per show, or ``network``), matched by Trakt id, else by (title,
        year).
    column : str

    Returns
    -------
    (frame, reason)
        `frame` has one row per value: `column` (the name), ``plays`` (int64),
        ``hours`` (Float64, NA when unknown), ``shows`` (int64), most hours
        first, with ``attrs["plays_unknown"]``: the plays whose show has no
        known value (never counted as any). A play counts once for each genre
        of its show. When the metadata is absent, `frame` is None and `reason`
        says why.
    """
    if shows is None or column not in shows.columns:
        return None, f"no {column}: this source has no show metadata (load it with TVmaze)"
    values = [_values(v) for v in shows[column].to_numpy(dtype=object, na_value=None)]
    if not any(values):
        return None, f"no {column}: every show's {column} is unknown in this source"
    by_key: dict[Any, list[str]] = {}
    for key, title_key, names in zip(
        show_keys(shows),
        [
            ("title", t, y)
            for t, y in zip(shows["title"], shows["year"].astype(object), strict=True)
        ],
        values,
        strict=True,
    ):
        if names:
            by_key.setdefault(key, names)
            by_key.setdefault(title_key, names)
    episodes = plays[_is_episode(plays)]
    minutes = _runtime(episodes)
    titles = [("title", t, y) for t, y in zip(episodes["title"], episodes["year"], strict=True)]
    rows = []
    unknown = 0
    for key, title_key, runtime in zip(show_keys(episodes), titles, minutes, strict=True):
        names = by_key.get(key) or by_key.get(title_key)
        if not names:
            unknown += 1
            continue
        rows.extend((name, key, runtime) for name in names)
    work = pd.DataFrame(rows, columns=[column, "key", "minutes"])
    grouped = work.groupby(column, sort=False)
    stats = pd.DataFrame(
        {
            "plays": grouped.size(),
            "known": grouped["minutes"].count(),
            "minutes": grouped["minutes"].sum(),
            "shows": grouped["key"].nunique(),
        }
    )
    hours = (stats["minutes"] / 60).astype("Float64")
    hours[stats["known"] == 0] = pd.NA
    out = pd.DataFrame(
        {
            column: stats.index.astype(object),
            "plays": stats["plays"].astype("int64").to_numpy(),
            "hours": hours.to_numpy(),
            "shows": stats["shows"].astype("int64").to_numpy(),
        }
    )
    out = out.sort_values(
        ["hours", "plays", column], ascending=[False, False, True], na_position="last"
    )
    out = out.reset_index(drop=True)
    out.attrs["plays_unknown"] = unknown
    return out, None


def ratings_in(
    ratings: pd.DataFrame | None, zone: str, period: pd.Period
) -> tuple[pd.DataFrame | None, str | None]:
    """The ratings given in `period` (local time), newest last.

    `ratings` is ``Progress.ratings`` (a frame with ``rated_at`` in UTC and
    ``rating``, 1-10), or None. Returns ``(frame, None)`` or ``(None, reason)``
    when the source has no ratings or they carry no date.
    """
    if ratings is None:
        return None, "no ratings: this source has none (the account export's ratings-*.json)"
    if "rated_at" not in ratings.columns:
        return None, "no ratings by date: the ratings carry no rated_at"
    at = pd.to_datetime(ratings["rated_at"], utc=True, errors="coerce")
    local = at.dt.tz_convert(zone).dt.tz_localize(None).dt.to_period(period.freqstr)
    chosen = ratings[(local == period).fillna(False).to_numpy(dtype=bool)]
    return chosen.sort_values("rated_at", kind="stable").reset_index(drop=True), None
