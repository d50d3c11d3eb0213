"""A year (or a month) in review: one user's watching, from the history, in local time.

:func:`year_in_review` and :func:`month_in_review` cut the history to the
period and assemble the parts computed in :mod:`.review_parts`. Where the source
lacks something (show metadata for genres and networks, ratings, aired counts
for finished shows) the field is None and ``notes`` says why; it is never 0.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._format import episode_code, fmt_known_hours, show_label, without_runtime
from ..errors import TraktArgumentError
from ._inputs import today_in
from .history import (
    _as_is,
    _local,
    binge_sessions,
    first_rows,
    group_codes,
    rewatch_mask,
    streaks,
    top_shows,
    watch_calendar,
    watch_clock,
    watch_time,
    watched_at,
)
from .review_parts import (
    PlayFacts,
    breakdown_of_period,
    compare,
    edge_plays,
    longest_binges,
    monthly,
    most,
    ranked_movies,
    ranked_shows,
    ratings_in,
    show_keys,
    shows_by_start,
    timed_episodes,
)
from .timezone import history_of, resolve_timezone

__all__ = ["MonthInReview", "YearInReview", "month_in_review", "year_in_review"]

_MONTH_NAMES = tuple(pd.Timestamp(2001, m, 1).month_name() for m in range(1, 13))


@dataclass(frozen=True)
class YearInReview:
    """One user's year of watching; built by :func:`year_in_review`.

    Attributes
    ----------
    year : int
    user : str or None
    timezone : str
        The IANA zone the days, months and hours are taken in.
    totals : pandas.Series
        ``plays``, ``episode_plays``, ``movie_plays``; ``hours``,
        ``episode_hours``, ``movie_hours`` (hours of the known runtimes; NA
        when no play had one); ``plays_without_runtime``; ``shows`` and
        ``movies`` (distinct titles played); ``days`` (days with a play);
        ``rewatches`` (plays of an episode or movie played before);
        ``binges`` (see :func:`~.history.binge_sessions`; NA when no play
        has a runtime, so no sitting can be seen); ``new_shows`` and
        ``continued_shows``; ``ratings`` (ratings given; NA when the source
        has none); ``finished_unknown`` (shows played in the period whose
        aired count is unknown, so whether they were finished is unknown; 0
        when ``shows_finished`` is None).
    top_by_hours, top_by_plays : pandas.DataFrame
        The top shows (:func:`~.history.top_shows` columns); ``rank`` is
        shared by ties, ``tied`` marks them, and every show tied with the
        last place is kept (the list may be longer than `top`).
    top_movies : pandas.DataFrame
        :func:`~.review_parts.ranked_movies`: movies by plays, ties kept.
    first_play, last_play : pandas.DataFrame
        The first and the last play of the period (every play at that
        instant): ``type``, ``title``, ``year``, ``season``, ``episode``,
        ``episode_title``, ``watched_at`` (local).
    previous : pandas.Period
        The period compared with: the year (or month) before.
    vs_previous : pandas.DataFrame
        :func:`~.review_parts.compare`: ``this``, ``previous``, ``change``,
        ``change_pct`` for plays, episode and movie plays, hours, shows, movies.
    months : pandas.DataFrame
        :func:`~.review_parts.monthly`: each month's plays, hours and top show;
        the months that have not begun yet (today, in the zone) are left out,
        not 0 plays, unless a play is dated in one.
    busiest_month : pandas.Period or None
        The month with the most plays (the earliest of ties; ``ties`` names
        them all); None without plays.
    most_hours_month : pandas.Period or None
        The month with the most hours (known runtimes); None when unknown.
    busiest_date : pandas.Timestamp or None
        The local day with the most plays.
    busiest_weekday : str or None
    busiest_hour : int or None
        The local hour (0-23) with the most plays.
    busiest : dict
        The values of the above by key: ``month``, ``date``, ``weekday``,
        ``hour`` (plays) and ``hours_month`` (hours).
    ties : dict
        For each key of ``busiest``, every label sharing the highest value.
    longest_streak : int
        The longest run of days with a play within the period.
    streak_start, streak_end : pandas.Timestamp or None
    longest_binge : pandas.DataFrame
        The binge session(s) with the most plays (ties kept); empty if none,
        and empty when the binges are unknown (``totals["binges"]`` NA: no
        play of the period has a runtime, so no sitting can be seen).
    shows_started : pandas.DataFrame
        Shows whose first play in the whole history falls in the period:
        ``title``, ``year``, ``trakt_id``, ``first_watched_at`` (UTC), ``plays``.
    shows_continued : pandas.DataFrame
        Shows played in the period and first played before it (same columns).
    shows_finished : pandas.DataFrame or None
        Shows finished (every aired episode watched, per the progress) whose
        last newly watched episode was first played in the period, with
        ``finished_at`` (UTC). None when unknown: a bare history frame was
        given, or the source has no aired count for any show. Partial when
        some shows' aired counts are unknown (the account export without
        metadata knows Trakt's show-level count of most shows): those are
        counted in ``totals["finished_unknown"]`` and ``notes`` says so.
    genres, networks : pandas.DataFrame or None
        :func:`~trakt_analysis.breakdown` of the period's plays (columns
        ``genre`` / ``network``, ``shows``, ``episodes``, ``plays``, ``hours``,
        ...; shows without the field in an ``"unknown"`` row); None when the
        source has no show metadata (``notes`` says so).
    ratings : pandas.DataFrame or None
        The ratings given in the period (``Progress.ratings`` rows); None when
        the source has none.
    calendar : pandas.DataFrame
        :func:`~.history.watch_calendar` of the period's plays, for the year
        (a month review: the other days have 0 plays).
    notes : tuple of str
        Why fields are None or partial.
    month : int or None
        The month, for a month in review.
    """

    year: int
    user: str | None
    timezone: str
    totals: pd.Series
    top_by_hours: pd.DataFrame
    top_by_plays: pd.DataFrame
    busiest_month: pd.Period | None
    busiest_date: pd.Timestamp | None
    busiest_weekday: str | None
    busiest_hour: int | None
    busiest: dict[str, Any]
    longest_streak: int
    streak_start: pd.Timestamp | None
    streak_end: pd.Timestamp | None
    shows_started: pd.DataFrame
    shows_finished: pd.DataFrame | None
    top_movies: pd.DataFrame
    first_play: pd.DataFrame
    last_play: pd.DataFrame
    previous: pd.Period
    vs_previous: pd.DataFrame
    months: pd.DataFrame
    most_hours_month: pd.Period | None
    ties: dict[str, tuple[Any, ...]]
    longest_binge: pd.DataFrame
    shows_continued: pd.DataFrame
    genres: pd.DataFrame | None
    networks: pd.DataFrame | None
    ratings: pd.DataFrame | None
    calendar: pd.DataFrame
    notes: tuple[str, ...] = ()
    month: int | None = field(default=None)

    @property
    def period(self) -> pd.Period:
        """The reviewed period: the year, or the month."""
        if self.month is None:
            return pd.Period(year=self.year, freq="Y")
        return pd.Period(year=self.year, month=self.month, freq="M")

    @property
    def label(self) -> str:
        """``"2025"`` or ``"March 2025"``."""
        if self.month is None:
            return str(self.year)
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}"

    def table(self) -> pd.DataFrame:
        """The highlights as a two-column frame (``label``, ``value``, text) for display.

        Ties are named: "March, June (3 plays each)".
        """
        t = self.totals
        hours = fmt_known_hours(t["hours"], int(t["plays_without_runtime"]))

        def busy(key: str, fmt: str, unit: str = "plays", suffix: str = "") -> str:
            tied = self.ties.get(key, ())
            if not tied:
                return "-"
            value = self.busiest[key]
            amount = f"{value:,.1f}" if unit == "hours" else f"{value:,}"
            unit = unit[:-1] if unit == "plays" and value == 1 else unit
            each = " each" if len(tied) > 1 else ""
            names = ", ".join(format(v, fmt) + suffix for v in tied)
            return f"{names} ({amount} {unit}{each})"

        streak = "-"
        if self.longest_streak:
            streak = (
                f"{self.longest_streak} day{'s' if self.longest_streak > 1 else ''} "
                f"({self.streak_start:%Y-%m-%d} to "
                f"{self.streak_end:%Y-%m-%d})"
            )
        finished = "unknown" if self.shows_finished is None else f"{len(self.shows_finished):,}"
        if t.get("finished_unknown"):
            finished += f" (+{t['finished_unknown']:,} unknown)"
        compare_label = str(self.previous)
        rows = [
            ("plays", f"{t['plays']:,}"),
            ("episodes", f"{t['episode_plays']:,}"),
            ("movies", f"{t['movie_plays']:,}"),
            ("hours", hours),
            ("hours of episodes", _hours_text(t["episode_hours"])),
            ("hours of movies", _hours_text(t["movie_hours"])),
            ("shows watched", f"{t['shows']:,}"),
            ("movies watched", f"{t['movies']:,}"),
            ("top movie", _names(self.top_movies[self.top_movies["rank"] == 1], "plays")),
            ("first play", _play_text(self.first_play)),
            ("last play", _play_text(self.last_play)),
            (f"plays vs {compare_label}", _change_text(self.vs_previous.loc["plays"])),
            (f"hours vs {compare_label}", _change_text(self.vs_previous.loc["hours"], 1)),
            (f"shows vs {compare_label}", _change_text(self.vs_previous.loc["shows"])),
            ("days with a play", f"{t['days']:,}"),
            ("rewatches", f"{t['rewatches']:,}"),
            ("binge sessions", "unknown" if pd.isna(t["binges"]) else f"{t['binges']:,}"),
            (
                "longest binge",
                "unknown" if pd.isna(t["binges"]) else _binge_text(self.longest_binge),
            ),
            ("busiest month", busy("month", "%B")),
            (
                "month with most hours",
                "unknown" if pd.isna(t["hours"]) else busy("hours_month", "%B", "hours"),
            ),
            ("busiest day", busy("date", "%Y-%m-%d (%A)")),
            ("busiest weekday", busy("weekday", "")),
            ("busiest hour", busy("hour", "02d", suffix=":00")),
            ("longest streak", streak),
            ("shows started", f"{len(self.shows_started):,}"),
            ("shows continued", f"{len(self.shows_continued):,}"),
            ("shows finished", finished),
            ("top genre", _top_of(self.genres, "genre")),
            ("top network", _top_of(self.networks, "network")),
            ("ratings given", _ratings_text(self.ratings)),
            ("time zone", self.timezone),
        ]
        return pd.DataFrame(rows, columns=["label", "value"])

    def card(self, path: Any = None, **kwargs: Any) -> Any:
        """Draw the review as a portrait image to share (:func:`~.plot_review_card`).

        As pandas' ``DataFrame.plot``, the method hands over to the plotting
        layer, imported only when called (the analysis stays free of matplotlib).
        """
        plotting = importlib.import_module("trakt_analysis.plotting.card")
        return plotting.plot_review_card(self, path, **kwargs)


@dataclass(frozen=True)
class MonthInReview(YearInReview):
    """One user's month of watching; built by :func:`month_in_review`.

    The fields are those of :class:`YearInReview`, for the month (``month``
    is set); ``previous`` and ``vs_previous`` are the month before.
    """


# -- text for the table -----------------------------------------------------------------------


def _hours_text(value: object) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{float(value):,.1f}"  # type: ignore[arg-type]


def _names(frame: pd.DataFrame, unit: str) -> str:
    if not len(frame):
        return "-"
    names = " / ".join(str(t) for t in frame["title"])
    value = int(frame[unit].iloc[0])
    each = " each" if len(frame) > 1 else ""
    unit = unit[:-1] if value == 1 else unit
    return f"{names} ({value:,} {unit}{each})"


def _play_text(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "-"
    parts = []
    for row in frame.itertuples(index=False):
        code = episode_code(row.season, row.episode)
        parts.append(f"{show_label(row.title, row.year)} {code}".strip())
    return f"{'; '.join(parts)} ({frame['watched_at'].iloc[0]:%Y-%m-%d %H:%M})"


def _change_text(row: pd.Series, digits: int = 0) -> str:
    this, before, change, pct = row["this"], row["previous"], row["change"], row["change_pct"]
    if pd.isna(this) or pd.isna(before):
        return "unknown"
    text = f"{this:,.{digits}f} vs {before:,.{digits}f} ({change:+,.{digits}f}"
    return text + (")" if pd.isna(pct) else f", {pct:+.0f}%)")


def _binge_text(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "-"
    parts = [
        f"{show_label(row.title, row.year)} {row.first}-{row.last} on {row.start:%Y-%m-%d}"
        for row in frame.itertuples(index=False)
    ]
    return f"{'; '.join(parts)} ({int(frame['plays'].iloc[0])} plays)"


def _top_of(frame: pd.DataFrame | None, column: str) -> str:
    if frame is None:
        return "unknown"
    frame = frame[frame[column] != "unknown"]
    if not len(frame):
        return "-"
    best = frame.iloc[0]
    same = frame[
        (frame["plays"] == best["plays"]).to_numpy()
        & (frame["hours"].astype("Float64").fillna(-1.0) == _or(best["hours"])).to_numpy()
    ]
    names = " / ".join(str(v) for v in same[column])
    return f"{names} ({_hours_text(best['hours'])} hours, {int(best['plays']):,} plays)"


def _or(value: object) -> float:
    return -1.0 if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _ratings_text(frame: pd.DataFrame | None) -> str:
    if frame is None:
        return "unknown"
    if not len(frame):
        return "0"
    if "rating" not in frame.columns:
        return f"{len(frame):,}"
    scores = pd.to_numeric(frame["rating"], errors="coerce").dropna()
    mean = f", mean {scores.mean():.1f}" if len(scores) else ""
    return f"{len(frame):,}{mean}"


# -- building ---------------------------------------------------------------------------------


def _one_user(
    history: pd.DataFrame, user: str | None, func: str
) -> tuple[pd.DataFrame, str | None]:
    if "user" not in history.columns:
        return history, user
    names = [u for u in history["user"].astype(object).dropna().unique()]
    if user is not None:
        return history[(history["user"].astype(object) == user).to_numpy()], user
    if len(names) > 1:
        raise TraktArgumentError(
            f"{func}: the history holds {len(names)} users ({', '.join(map(str, names))});"
            " pass user=..."
        )
    return history, (str(names[0]) if names else None)


def _check_int(value: object, name: str, func: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TraktArgumentError(f"{func}: {name} must be an int, got {value!r}")
    return int(value)


def year_in_review(
    data: Any,
    year: int,
    *,
    tz: object = None,
    user: str | None = None,
    top: int = 5,
) -> YearInReview:
    """A year of watching: totals, shows and movies, months, comparisons, binges, streak.

    Parameters
    ----------
    data : Progress or pandas.DataFrame
        A Progress with a history (then finished shows, genres, networks and
        ratings are known where the source has them), or a history frame.
    year : int
        The calendar year, in local time: a play at 23:30 on 31 December in
        `tz` belongs to that year even when it is already January in UTC.
    tz : str, optional
        IANA time zone; default: the profile's, else the machine's.
    user : str, optional
        Whose year, when the history holds several users.
    top : int
        Shows and movies in the top lists (ties with the last place are kept).

    Returns
    -------
    YearInReview
        A frozen dataclass (see :class:`YearInReview` for every field):
        ``totals`` (a Series of plays, hours, shows, movies, days, rewatches,
        binges, ...), the top shows and movies, the first and last play, the
        comparison with the year before, ``months``, the busiest month, day,
        weekday and hour (with ties), the longest streak and binge, the shows
        started, continued and finished, genres, networks, ratings, the
        calendar, and ``notes`` saying why a field is None or partial.
        ``table()`` gives the highlights as text, ``card()`` draws them.

    Raises
    ------
    TraktArgumentError
        No history, several users and no `user`, a bad `year` or `tz`.
    """
    year = _check_int(year, "year", "year_in_review")
    return _review(
        data, pd.Period(year=year, freq="Y"), tz=tz, user=user, top=top, func="year_in_review"
    )


def month_in_review(
    data: Any,
    year: int,
    month: int,
    *,
    tz: object = None,
    user: str | None = None,
    top: int = 5,
) -> MonthInReview:
    """One month of watching, with the fields of :func:`year_in_review`.

    The comparison (``vs_previous``) is with the month before; ``months`` has
    the one month. Parameters as :func:`year_in_review`, plus `month` (1-12).

    Raises
    ------
    TraktArgumentError
        As :func:`year_in_review`, or a month outside 1-12.
    """
    year = _check_int(year, "year", "month_in_review")
    month = _check_int(month, "month", "month_in_review")
    if not 1 <= month <= 12:
        raise TraktArgumentError(f"month_in_review: month must be 1-12, got {month}")
    period = pd.Period(year=year, month=month, freq="M")
    review = _review(data, period, tz=tz, user=user, top=top, func="month_in_review")
    assert isinstance(review, MonthInReview)
    return review


def _review(
    data: Any, period: pd.Period, *, tz: object, user: str | None, top: int, func: str
) -> YearInReview:
    history, progress = history_of(data, func)
    zone = resolve_timezone(tz, progress)
    history, user = _one_user(history, user, func)
    history = history.reset_index(drop=True)
    local = _local(history, zone, func)
    periods = local.dt.tz_localize(None).dt.to_period(period.freqstr)
    in_period = (periods == period).fillna(False).to_numpy(dtype=bool)
    in_previous = (periods == period - 1).fillna(False).to_numpy(dtype=bool)
    plays = history[in_period]
    plays_local = local[in_period]
    start = period.start_time.tz_localize(zone)
    end = period.end_time.floor("D")
    month_index = pd.period_range(period.start_time, period.end_time, freq="M")
    # A month to come has no count yet: left out, not 0 plays (unless a play is dated in it).
    played = set(plays_local.dt.tz_localize(None).dt.to_period("M").dropna())
    begun = month_index.start_time <= today_in(None, zone, func)
    month_index = month_index[begun | month_index.isin(list(played))]

    # What every part reads of each play, found once for the whole history.
    facts = PlayFacts.of(history)
    this = facts.where(in_period).measures()
    clock = watch_clock(plays, tz=zone)
    days = watch_time(plays, freq="day", tz=zone)
    months = monthly(plays, plays_local, month_index, facts.where(in_period))
    ties: dict[str, tuple[Any, ...]] = {}
    busiest: dict[str, Any] = {}
    month_counts = months.set_index("month")["plays"] if len(months) else pd.Series([])
    labels = {
        "month": month_counts,
        "hours_month": months.set_index("month")["hours"] if len(months) else pd.Series([]),
        "date": days.set_index("period")["plays"],
        "weekday": clock.sum(axis=1),
        "hour": clock.sum(axis=0),
    }
    chosen: dict[str, Any] = {}
    for key, counts in labels.items():
        chosen[key], busiest[key], ties[key] = most(counts)
    ties["date"] = tuple(p.to_timestamp() for p in ties["date"])
    ties["hour"] = tuple(int(h) for h in ties["hour"])

    streak = streaks(plays, tz=zone, today=end) if len(plays) else None
    first = None if streak is None or not streak["longest"].iloc[0] else streak.iloc[0]
    started, continued = shows_by_start(history, in_period, start.tz_convert("UTC"), facts)
    genres, genre_note = breakdown_of_period(progress, plays, "genre")
    networks, network_note = breakdown_of_period(progress, plays, "network")
    ratings, rating_note = ratings_in(
        getattr(progress, "ratings", None) if progress is not None else None, zone, period
    )
    finished = _finished(progress, history, period, zone, facts)
    finished_unknown = _finished_unknown(progress, plays) if finished is not None else 0
    notes = [n for n in (genre_note, network_note, rating_note) if n]
    if finished is None:
        notes.append("finished shows unknown: this source has no aired counts")
    elif finished_unknown:
        notes.append(
            f"finished shows partial: {finished_unknown:,} show"
            f"{'s' if finished_unknown != 1 else ''} played in {period} "
            f"{'have' if finished_unknown != 1 else 'has'} no aired count (load it with TVmaze)"
        )
    if this["plays_without_runtime"]:
        n_without = int(this["plays_without_runtime"])  # type: ignore[call-overload]
        notes.append(f"hours leave out {without_runtime(n_without)}")
    rewatched = rewatch_mask(history)
    sessions = binge_sessions(plays, tz=zone)
    binges = longest_binges(sessions)
    # Sittings are found from when each play started (watched_at - runtime): with no
    # runtime known, no binge can be seen, which is "unknown", not "none".
    n_plays, n_unknown = int(this["plays"]), int(this["plays_without_runtime"])  # type: ignore[call-overload]
    binges_known = bool(this["episode_plays"]) and n_unknown < n_plays
    if not binges_known:
        binges = binges.iloc[:0]  # sittings guessed without runtimes are not binges
    if this["episode_plays"] and not binges_known:
        notes.append("binge sessions unknown: no play has a runtime (load it with TVmaze)")
    totals = pd.Series(
        {
            **this,
            "days": int((days["plays"] > 0).sum()),
            "rewatches": int(rewatched[in_period].sum()),
            "binges": len(sessions) if binges_known or not this["episode_plays"] else pd.NA,
            "new_shows": len(started),
            "continued_shows": len(continued),
            "ratings": pd.NA if ratings is None else len(ratings),
            "finished_unknown": finished_unknown,
        },
        dtype=object,
    )
    shows = top_shows(plays, by="hours", top=None)  # ranked once, for both top lists
    cls = YearInReview if period.freqstr.startswith("Y") else MonthInReview
    return cls(
        year=period.year,
        user=user,
        timezone=zone,
        totals=totals,
        top_by_hours=ranked_shows(plays, by="hours", top=top, shows=shows),
        top_by_plays=ranked_shows(plays, by="plays", top=top, shows=shows),
        busiest_month=chosen["month"],
        busiest_date=None if chosen["date"] is None else chosen["date"].to_timestamp(),
        busiest_weekday=chosen["weekday"],
        busiest_hour=None if chosen["hour"] is None else int(chosen["hour"]),
        busiest=busiest,
        longest_streak=0 if first is None else int(first["longest"]),
        streak_start=None if first is None else first["longest_start"],
        streak_end=None if first is None else first["longest_end"],
        shows_started=started,
        shows_finished=finished,
        top_movies=ranked_movies(plays, top=top),
        first_play=edge_plays(plays, plays_local, last=False),
        last_play=edge_plays(plays, plays_local, last=True),
        previous=period - 1,
        vs_previous=compare(this, facts.where(in_previous).measures()),
        months=months,
        most_hours_month=chosen["hours_month"],
        ties=ties,
        longest_binge=binges,
        shows_continued=continued,
        genres=genres,
        networks=networks,
        ratings=ratings,
        calendar=watch_calendar(plays, year=period.year, tz=zone),
        notes=tuple(notes),
        month=None if cls is YearInReview else period.month,
    )


def _finished_unknown(progress: Any, plays: pd.DataFrame) -> int:
    """Shows with an episode play in `plays` whose aired count is unknown (NA)."""
    shows = progress.shows
    unknown = shows[shows["aired"].isna().to_numpy(bool)]
    if not len(unknown) or not len(plays):
        return 0
    episodes = plays
    if "type" in plays.columns:
        episodes = plays[(plays["type"].astype(object) == "episode").to_numpy(bool)]
    played = set(show_keys(episodes)) | set(show_keys(episodes[["title", "year"]]))
    keys = zip(show_keys(unknown), show_keys(unknown[["title", "year"]]), strict=True)
    return sum(1 for key, title_key in keys if key in played or title_key in played)


def _finished(
    progress: Any, history: pd.DataFrame, period: pd.Period, zone: str, facts: PlayFacts
) -> pd.DataFrame | None:
    """Shows finished in `period` (see :attr:`YearInReview.shows_finished`)."""
    if progress is None:
        return None
    shows = progress.shows
    if "aired" not in shows.columns or shows["aired"].isna().all():
        return None
    aired = shows["aired"].to_numpy(dtype=float, na_value=np.nan)
    completed = shows["completed"].to_numpy(dtype=float, na_value=np.nan)
    done = shows[(aired > 0) & (completed >= aired)]
    at = watched_at(history, "year_in_review")
    order = timed_episodes(facts.episode, at)  # oldest first
    # When each episode was first watched; the show was finished at the latest of those.
    numbers = history[[c for c in ("season", "episode") if c in history.columns]].iloc[order]
    episode = group_codes(facts.keys[order], _as_is(numbers, "season"), _as_is(numbers, "episode"))
    firsts = order[first_rows(episode)]
    first_at = at.iloc[firsts].reset_index(drop=True)
    finished_at = first_at.groupby(pd.Index(show_keys(history.iloc[firsts])), sort=False).max()
    # The shows frame may lack the ids the history has (or the reverse): fall back
    # to (title, year).
    by_title = first_at.groupby(
        pd.Index(show_keys(history.iloc[firsts][["title", "year"]])), sort=False
    ).max()
    when = finished_at.reindex(show_keys(done).to_numpy()).reset_index(drop=True)
    fallback = by_title.reindex(show_keys(done[["title", "year"]]).to_numpy())
    when = when.fillna(fallback.reset_index(drop=True))
    local = when.dt.tz_convert(zone).dt.tz_localize(None).dt.to_period(period.freqstr)
    chosen = (local == period).fillna(False).to_numpy(dtype=bool)
    rows = [
        {"title": title, "year": show_year, "trakt_id": trakt_id, "finished_at": stamp}
        for title, show_year, trakt_id, stamp in zip(
            done["title"][chosen],
            done["year"][chosen],
            done["trakt_id"][chosen],
            when[chosen],
            strict=True,
        )
    ]
    out = pd.DataFrame(rows, columns=["title", "year", "trakt_id", "finished_at"])
    out["finished_at"] = pd.to_datetime(out["finished_at"], utc=True)
    return (
        out.sort_values("finished_at", kind="stable")
        .reset_index(drop=True)
        .astype({"year": "Int64", "trakt_id": "Int64"})
    )
