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

from .._advice import advice
from .._format import show_label
from .breakdown import BREAKDOWNS, UNKNOWN, breakdown
from .history import (
    _hours,
    _is_episode,
    _runtime,
    first_rows,
    group_codes,
    shows_ranked,
    time_stats,
    top_shows,
    watched_at,
)

__all__ = [
    "MEASURES",
    "PlayFacts",
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
    "show_key_codes",
    "show_keys",
    "shows_by_start",
    "timed_episodes",
]

#: The measures compared with the period before, in this order.
MEASURES: tuple[str, ...] = ("plays", "episode_plays", "movie_plays", "hours", "shows", "movies")


def show_keys(frame: pd.DataFrame) -> pd.Series:
    """A show's (or movie's) key: its Trakt id when known, else (title, year).

    Text (an index of tuples would turn into a MultiIndex): ``id`` and the id, or
    ``title``, the title and the year for a row without an id, joined by the
    unit separator (U+001F).
    """
    codes = show_key_codes(frame)
    first = first_rows(codes)
    texts = np.empty(len(first), dtype=object)
    texts[:] = [
        _key_text(i, t, y)
        for i, t, y in zip(
            _objects(frame, "trakt_id", first),
            _objects(frame, "title", first),
            _objects(frame, "year", first),
            strict=True,
        )
    ]
    return pd.Series(texts[codes], index=frame.index, dtype=object)


def _key_text(trakt_id: object, title: object, year: object) -> str:
    if trakt_id is not None:
        return f"id\x1f{int(trakt_id)}"  # type: ignore[call-overload]
    return f"title\x1f{title}\x1f{year}"


def _objects(frame: pd.DataFrame, name: str, rows: np.ndarray) -> np.ndarray:
    """The column's values at `rows` as objects, None for NA (all None without the column)."""
    if name not in frame.columns:
        return np.full(len(rows), None, dtype=object)
    return frame[name].iloc[rows].to_numpy(dtype=object, na_value=None)


def _text_codes(column: pd.Series, text: Any) -> np.ndarray:
    """An integer per row, equal where ``text(value)`` is equal (NA is None to `text`).

    `text` is called once per distinct value, not per row; a column of Python
    objects is read value by value (there 1 and 1.0 are one value to hash, not to
    `text`).
    """
    if column.dtype == object:
        values = column.to_numpy(dtype=object, na_value=None)
        return pd.factorize(np.array([text(v) for v in values], dtype=object))[0]
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    objects = pd.Series(uniques).to_numpy(dtype=object, na_value=None)
    texts = pd.factorize(np.array([text(v) for v in objects], dtype=object))[0]
    return texts[codes].astype(np.int64)


def show_key_codes(frame: pd.DataFrame) -> np.ndarray:
    """An integer per row, equal where :func:`show_keys` is, by first appearance.

    Computed from the distinct ids, titles and years, not row by row.
    """
    years = _text_codes(frame["year"], str)
    titles = _text_codes(frame["title"], str)
    if "trakt_id" not in frame.columns:
        return group_codes(titles, years)
    has_id = frame["trakt_id"].notna().to_numpy(dtype=bool)
    ids = _text_codes(frame["trakt_id"], lambda v: "" if v is None else str(int(v)))
    return group_codes(
        has_id,
        np.where(has_id, ids, -1),
        np.where(has_id, -1, titles),
        np.where(has_id, -1, years),
    )


@dataclasses.dataclass(frozen=True)
class PlayFacts:
    """What the parts read of each play, computed once for a history and shared.

    Attributes
    ----------
    episode : numpy.ndarray of bool
        An episode (else a movie).
    minutes : numpy.ndarray of float
        The runtime; NaN when unknown (NA or 0).
    keys : numpy.ndarray of int64
        The show's (or movie's) key as a number, equal where :func:`show_keys` is.
    """

    episode: np.ndarray
    minutes: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(cls, plays: pd.DataFrame) -> PlayFacts:
        """The facts of each row of `plays` (history rows)."""
        keys = show_key_codes(plays) if len(plays) else np.zeros(0, dtype=np.int64)
        return cls(_is_episode(plays), _runtime(plays), keys)

    def where(self, mask: np.ndarray) -> PlayFacts:
        """The facts of the rows where `mask` is True."""
        return PlayFacts(self.episode[mask], self.minutes[mask], self.keys[mask])

    def measures(self) -> dict[str, object]:
        """:func:`measures` of these plays."""
        episode, minutes, keys = self.episode, self.minutes, self.keys
        return {
            "plays": len(episode),
            "episode_plays": int(episode.sum()),
            "movie_plays": int((~episode).sum()),
            "hours": _hours_of(minutes, len(episode)),
            "episode_hours": _hours_of(minutes[episode], int(episode.sum())),
            "movie_hours": _hours_of(minutes[~episode], int((~episode).sum())),
            "plays_without_runtime": int(np.isnan(minutes).sum()),
            "shows": len(np.unique(keys[episode])),
            "movies": len(np.unique(keys[~episode])),
        }


def _hours_of(minutes: np.ndarray, plays: int) -> object:
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
    return PlayFacts.of(plays).measures()


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


def ranked_shows(
    plays: pd.DataFrame, *, by: str, top: int | None, shows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`~.history.top_shows` of `plays`, with ties kept and named.

    Columns as :func:`~.history.top_shows`, ``rank`` shared by ties (1, 2, 2,
    4) and ``tied`` (bool). Shows tied with the last place are all kept, so
    the list may be longer than `top`. `shows` is ``top_shows(plays, by=...,
    top=None)`` when already known (either `by`): it is put in this order again.
    """
    other = "plays" if by == "hours" else "hours"
    if shows is None:
        stats = top_shows(plays, by=by, top=None)
    else:
        # top_shows lists its users in order of first play; a stable sort by the same
        # keys leaves the shows that tie on all of them in the order top_shows gave.
        user = pd.factorize(shows["user"], use_na_sentinel=False)[0]
        stats = (
            shows.assign(_user=user)
            .sort_values(
                ["_user", by, other, "title"],
                ascending=[True, False, False, True],
                na_position="last",
                kind="stable",
            )
            .drop(columns="_user")
        )
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
            "title": movies["title"].astype(object),
            "year": movies["year"].astype(object),
            "trakt_id": movies["trakt_id"].astype(object) if "trakt_id" in movies else None,
            "minutes": _runtime(movies),
            "at": watched_at(movies, "ranked_movies"),
        }
    )
    stats = time_stats(
        work,
        show_key_codes(movies),
        title=("title", "first"),
        year=("year", "first"),
        trakt_id=("trakt_id", "first"),
    ).reset_index(drop=True)
    stats["hours"] = _hours(stats["minutes"], stats["known"], stats["plays"])
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


def monthly(
    plays: pd.DataFrame,
    local: pd.Series,
    months: pd.PeriodIndex,
    facts: PlayFacts | None = None,
) -> pd.DataFrame:
    """Each month's plays, hours and top show (by hours, then plays; ties named).

    `facts` are those of `plays` when already known (:class:`PlayFacts`).

    Returns
    -------
    pandas.DataFrame
        One row per month of `months`. Columns: ``month`` (Period), ``plays``
        (int64), ``hours`` (Float64: 0 without plays, NA when no play had a
        runtime), ``plays_without_runtime``, ``top_show`` (the title with its
        year, "Dark (2017)"; ties joined with " / "; None without an episode
        play), ``top_show_hours``, ``top_show_plays`` and ``top_show_tied``
        (the number of shows sharing first place).
    """
    periods = local.dt.tz_localize(None).dt.to_period("M")
    # One ranking for all months: the shows ranked within each month (named as text).
    codes, uniques = pd.factorize(periods, use_na_sentinel=False)
    labels = list(pd.Series(uniques).astype(str))
    ranked = shows_ranked(plays.reset_index(drop=True), codes, labels, by="hours", top=None)
    facts = PlayFacts.of(plays) if facts is None else facts
    # Each month's rows of the ranking (best first), and its first place: the rows
    # sharing the best one's hours (NA below any) and plays.
    names = ranked["user"].to_numpy(dtype=object)
    hours = ranked["hours"].astype("Float64").fillna(-1.0).to_numpy(dtype=float)
    counts = ranked["plays"].to_numpy()
    # A show named with its year: two shows of one title (Doctor Who) are told apart.
    titles = np.array(
        [show_label(t, y) for t, y in zip(ranked["title"], ranked["year"], strict=True)],
        dtype=object,
    )
    new = np.ones(len(names), dtype=bool)
    new[1:] = names[1:] != names[:-1]
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(names)) if len(names) else starts
    blocks = {names[a]: (a, b) for a, b in zip(starts, ends, strict=True)}
    positions = pd.Index(uniques).get_indexer(months)
    rows = []
    for month, position in zip(months, positions, strict=True):
        m = facts.where(codes == position if position >= 0 else np.zeros(len(codes), bool))
        a, b = blocks.get(str(month), (0, 0))
        first = np.zeros(0, dtype=np.int64)
        if b > a:
            first = a + np.flatnonzero((hours[a:b] == hours[a]) & (counts[a:b] == counts[a]))
        rows.append(
            {
                "month": month,
                "plays": len(m.episode),
                "hours": _hours_of(m.minutes, len(m.episode)),
                "plays_without_runtime": int(np.isnan(m.minutes).sum()),
                "top_show": " / ".join(map(str, titles[first])) if len(first) else None,
                "top_show_hours": ranked["hours"].iloc[first[0]] if len(first) else pd.NA,
                "top_show_plays": int(counts[first[0]]) if len(first) else 0,
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


def timed_episodes(episode: np.ndarray, at: pd.Series) -> np.ndarray:
    """Positions of the episode plays with a known time (`at`, UTC), oldest first.

    `episode` is True for each episode play. Plays at one instant keep their
    order in the history.
    """
    rows = np.flatnonzero(episode & at.notna().to_numpy())
    return rows[np.argsort(at.to_numpy(dtype="datetime64[ns]")[rows], kind="stable")]


def shows_by_start(
    history: pd.DataFrame,
    in_period: np.ndarray,
    start: pd.Timestamp,
    facts: PlayFacts | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The period's shows, split in those started in it and those continued.

    A show is started when its first play in the whole history is in the
    period; continued when it has a play in the period and one before `start`.
    `facts` are those of `history` when already known (:class:`PlayFacts`).

    Returns
    -------
    (started, continued) : two pandas.DataFrame
        Columns: ``title``, ``year``, ``trakt_id``, ``first_watched_at`` (UTC,
        the first play ever) and ``plays`` (int64, in the period); started
        by first play, continued by plays, most first.
    """
    facts = PlayFacts.of(history) if facts is None else facts
    at = watched_at(history, "year_in_review")
    order = timed_episodes(facts.episode, at)
    keys = facts.keys
    # Each show's first play ever (`order` is oldest first) ...
    known, where = np.unique(keys[order], return_index=True)
    first = np.zeros(int(keys.max()) + 1 if len(keys) else 0, dtype=np.int64)
    first[known] = order[where]
    # ... and its plays in the period, shows in the order the period first meets them.
    seen, shows = pd.factorize(keys[order[in_period[order]]])
    chosen = history.iloc[first[shows]]

    def column(name: str) -> pd.Series | None:
        if name not in chosen.columns:
            return None
        return chosen[name].astype(object).reset_index(drop=True)

    rows = pd.DataFrame(
        {
            "title": column("title"),
            "year": column("year"),
            "trakt_id": column("trakt_id"),
            "first_watched_at": at.iloc[first[shows]].reset_index(drop=True),
            "plays": np.bincount(seen, minlength=len(shows)),
        }
    )
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


def _no_ratings_reason() -> str:
    """Why no ratings are known, and where they come from (CLI or Python words)."""
    api = advice(python="TraktAPI.progress(ratings=True)", cli="--trakt me, signed in")
    return (
        "no ratings: none were read (they come from the account export's ratings-*.json, "
        f"or API v2: {api})"
    )


def ratings_in(
    ratings: pd.DataFrame | None, zone: str, period: pd.Period
) -> tuple[pd.DataFrame | None, str | None]:
    """The ratings given in `period` (local time), newest last.

    `ratings` is ``Progress.ratings`` (a frame with ``rated_at`` in UTC and
    ``rating``, 1-10), or None. Returns ``(frame, None)`` or ``(None, reason)``
    when the source has no ratings or they carry no date.
    """
    if ratings is None:
        return None, _no_ratings_reason()
    if "rated_at" not in ratings.columns:
        return None, "no ratings by date: the ratings carry no rated_at"
    at = pd.to_datetime(ratings["rated_at"], utc=True, errors="coerce")
    local = at.dt.tz_convert(zone).dt.tz_localize(None).dt.to_period(period.freqstr)
    chosen = ratings[(local == period).fillna(False).to_numpy(dtype=bool)]
    return chosen.sort_values("rated_at", kind="stable").reset_index(drop=True), None
