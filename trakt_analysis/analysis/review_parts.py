"""The parts of a year (or month) in review, each a function of the period's plays.

:mod:`.year_review` assembles them; each is tested alone. Every function takes
history rows (:data:`trakt_analysis.schema.HISTORY`) already cut to one user and
one period, with their local times, and returns a frame or a plain value. Ties
are kept: a function that picks "the most" returns every row that shares it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .breakdown import BREAKDOWNS, UNKNOWN, breakdown
from .history import _is_episode, _runtime, top_shows, watched_at

__all__ = [
    "MEASURES",
    "breakdown_of_period",
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
    # Text keys: an index of tuples would turn into a MultiIndex.
    keys = [
        f"id\x1f{int(i)}" if i is not None else f"title\x1f{t}\x1f{y}"
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
        known = not (pd.isna(now) or pd.isna(before))
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
    labels = periods.astype(str).to_numpy(dtype=object)
    # One ranking for all months: top_shows ranks per user, so the month stands in for it.
    ranked = top_shows(plays.assign(user=labels), by="hours", top=None)
    rows = []
    for month in months:
        mask = (periods == month).fillna(False).to_numpy(dtype=bool)
        m = measures(plays[mask])
        mine = ranked[(ranked["user"] == str(month)).to_numpy(dtype=bool)]
        first = mine.iloc[:0]
        if len(mine):
            best = mine.iloc[0]
            same_hours = mine["hours"].astype("Float64").fillna(-1.0) == _or_minus(best["hours"])
            first = mine[
                same_hours.to_numpy(dtype=bool) & (mine["plays"] == best["plays"]).to_numpy()
            ]
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


def _or_minus(value: object) -> float:
    return -1.0 if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


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


def longest_binges(binges: pd.DataFrame) -> pd.DataFrame:
    """The binge session(s) with the most plays, of :func:`~.history.binge_sessions`' frame.

    Every session sharing the most plays is returned (ties named); empty when
    there is no binge.
    """
    if not len(binges):
        return binges
    return binges[binges["plays"] == binges["plays"].max()].reset_index(drop=True)


def breakdown_of_period(
    progress: Any, plays: pd.DataFrame, by: str
) -> tuple[pd.DataFrame | None, str | None]:
    """:func:`~.breakdown.breakdown` of the period's plays: per genre (or network).

    Parameters
    ----------
    progress : Progress or None
        Its shows frame carries the metadata (``genres``, ``network``).
    plays : pandas.DataFrame
        The period's history rows (one user).
    by : {"genre", "network"}

    Returns
    -------
    (frame, reason)
        `frame` as :func:`~.breakdown.breakdown` returns it (a row per value,
        most hours first, shows without the field in an ``"unknown"`` row,
        last). None when the source has no such metadata at all, and `reason`
        says why.
    """
    if progress is None:
        return None, f"no {by}s: a bare history frame has no show metadata"
    frame = breakdown(dataclasses.replace(progress, history=plays), by)
    known = frame[frame[by] != UNKNOWN]
    if not len(known) and _absent(progress, by):
        return None, f"no {by}s: this source has no show metadata (load it with TVmaze)"
    return frame, None


def _absent(progress: Any, by: str) -> bool:
    """True when no show of the progress has the field (the metadata was never loaded)."""
    column = BREAKDOWNS[by]
    shows = progress.shows
    if column not in shows.columns:
        return True
    values = shows[column].to_numpy(dtype=object, na_value=None)
    return not any(v is not None and (not hasattr(v, "__len__") or len(v)) for v in values)


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
