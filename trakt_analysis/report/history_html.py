"""The report's history sections: watch time (whenever there is a history) and a year in review.

Kept apart from :mod:`.html` (which only calls :func:`history_parts`) so the
progress sections and these evolve separately. Everything from the data is
escaped; the charts are inline PNGs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._format import fmt_date, fmt_int, hours_unknown_text
from ..analysis.history import (
    plays_in_year,
    rewatch_mask,
    streaks,
    top_shows,
    total_hours,
    watch_time,
)
from ..analysis.review_parts import measures
from ..analysis.summary import totals
from ..analysis.timezone import resolve_timezone
from ..analysis.year_review import YearInReview, month_in_review, year_in_review
from ..errors import TraktArgumentError
from ._html import YEAR, Column, FixedLayout, chart_html, esc, number, stat_card, table
from ._parts import Status

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = ["HistoryPart", "history_parts"]

#: Shows in the report's top lists.
TOP_SHOWS = 10
#: The year-against-year table's measures (:data:`~.review_parts.MEASURES`), as written.
MEASURE_LABELS = {
    "plays": "plays",
    "episode_plays": "episode plays",
    "movie_plays": "movie plays",
    "hours": "hours",
    "shows": "shows",
    "movies": "movies",
}


@dataclass(frozen=True)
class HistoryPart:
    """One history section: its anchor and label in the page's nav, and how to build it.

    ``build(status)`` returns the section's HTML; it calls `status` before its work.
    """

    key: str
    label: str
    build: Callable[[Status], str]


#: Where the history charts go (inches), as constrained layout placed them on typical
#: data, with room for wider colorbar labels: a fixed place spares the layout pass.
_CALENDAR = FixedLayout((0.39, 0.8, 0.29, 0.29), colorbar=(0.1, 0.1, 1.0))
_CLOCK = FixedLayout((0.64, 1.25, 0.25, 0.46), colorbar=(0.41, 0.12, 0.8))
_TIME = FixedLayout((0.78, 0.04, 0.25, 0.83))


def _charts(
    history: pd.DataFrame,
    zone: str,
    key: str,
    year: int | None,
    dpi: int,
    today: datetime | None = None,
) -> str:
    from ..plotting.history import plot_watch_calendar, plot_watch_clock, plot_watch_time

    charts: tuple[tuple[str, str, Callable[[Any], Any], tuple[float, float], FixedLayout], ...] = (
        (
            "calendar",
            f"Plays per day, weeks as columns ({zone})",
            lambda ax: plot_watch_calendar(history, year=year, tz=zone, today=today, ax=ax),
            (11.0, 2.6),
            _CALENDAR,
        ),
        (
            "clock",
            f"Plays by weekday and hour of day ({zone})",
            lambda ax: plot_watch_clock(history, tz=zone, ax=ax),
            (10.0, 3.6),
            _CLOCK,
        ),
        (
            "time",
            f"Hours watched per month; plays without a runtime are counted apart ({zone})",
            lambda ax: plot_watch_time(history, freq="month", tz=zone, ax=ax),
            (10.0, 3.8),
            _TIME,
        ),
    )
    unknown = pd.isna(measures(history)["hours"])  # no play has a runtime: no chart of "?"
    html = "".join(
        chart_html(f"{key}-{name}", caption, draw, size, dpi=dpi, layout=layout)
        for name, caption, draw, size, layout in charts
        if not (unknown and name == "time")
    )
    if unknown:
        line = f"Watch time per month not drawn ({hours_unknown_text(len(history))})."
        html += f'<p class="meta" id="{key}-time-unknown">{esc(line)}</p>'
    return html


def _hours(value: Any) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{float(value):,.1f}"


def hours_unknown(top: pd.DataFrame) -> bool:
    """True when a top list ranked by hours has no known hours (no play has a runtime).

    Ranked by unknown hours, the list would only repeat the ranking by plays
    under a heading that says "by hours".
    """
    return bool(len(top)) and bool(top["hours"].isna().all())


def _top_table(top: pd.DataFrame, table_id: str, caption: str) -> str:
    return table(
        top,
        [
            number("rank", "#"),
            Column("show", "title"),
            YEAR,
            number("plays"),
            number("hours", fmt=_hours),
            number("plays_without_runtime", "plays without runtime"),
        ],
        table_id=table_id,
        caption=caption,
    )


def plays_note(progress: Progress) -> str:
    """Why the history's plays differ from the shows' plays, when they do ("" when they agree).

    Both are right by their own definition: the per-show counts of a progress
    source (API v1's stats) leave out hidden seasons, specials and movies; the
    history has one row per play of anything.
    """
    history = progress.history
    if history is None:
        return ""
    per_show = totals(progress.shows).plays
    if per_show is None or per_show == len(history):
        return ""
    kind = progress.provenance.kind if progress.provenance is not None else None
    why = (
        "API v1's per-show stats leave out hidden seasons, specials and movies"
        if kind in ("v1", "demo")
        else "the per-show counts leave out movies and plays of shows not in the progress"
    )
    return (
        f"The history has {len(history):,} plays; the Summary's {per_show:,} plays are the "
        f"per-show counts of the progress ({why}). Both are right by their definition."
    )


def _watch_time_section(
    history: pd.DataFrame,
    zone: str,
    *,
    charts: bool,
    dpi: int,
    today: datetime | None,
    note: str = "",
) -> str:
    years = watch_time(history, freq="year", tz=zone)
    streak = streaks(history, tz=zone, today=today)
    longest = int(streak["longest"].max()) if len(streak) else 0
    current = int(streak["current"].max()) if len(streak) else 0
    hours = total_hours(years)  # None when no play has a runtime: unknown, not 0.0
    cards = [
        ("history_plays", fmt_int(len(history)), "plays in the history"),
        ("hours", _hours(hours), "hours" if pd.isna(hours) else "hours (known runtimes)"),
        (
            "plays_without_runtime",
            fmt_int(int(years["plays_without_runtime"].sum())),
            "plays without runtime",
        ),
        (
            "plays_without_time",
            fmt_int(int(years.attrs.get("plays_without_time", 0))),
            "plays with an unknown date",
        ),
        ("rewatches", fmt_int(int(rewatch_mask(history).sum())), "rewatches"),
        ("longest_streak", f"{longest:,}", "longest streak (days)"),
        ("current_streak", f"{current:,}", "current streak (days)"),
        ("timezone", zone, "time zone"),
    ]
    year_rows = years.assign(_year=[str(p) for p in years["period"]])
    parts = [
        '<section id="watch-time"><h2>Watch time</h2>',
        '<div class="stats">' + "".join(stat_card(*c) for c in cards) + "</div>",
        "<p class=meta>Days, weekdays and hours are local time in "
        f"{esc(zone)}. Hours count only plays whose runtime is known.</p>",
        *([f'<p class="meta note" id="plays-note">{esc(note)}</p>'] if note else []),
    ]
    if charts and len(history):
        parts.append(_charts(history, zone, "history", None, dpi, today))
    parts += [
        '<div class="two"><div class="scroll">',
        table(
            year_rows,
            [
                Column("year", "_year"),
                number("plays"),
                number("hours", fmt=_hours),
                number("plays_without_runtime", "plays without runtime"),
            ],
            table_id="years-table",
            caption="Plays and hours per year (episodes and movies).",
        ),
        '</div><div class="scroll">',
        _top_shows(history),
        "</div></div></section>",
    ]
    return "".join(parts)


def _top_shows(history: pd.DataFrame) -> str:
    """The top shows by hours; by plays, saying why, when no hours are known."""
    top = top_shows(history, by="hours", top=TOP_SHOWS)
    if not hours_unknown(top):
        return _top_table(top, "top-shows-table", "Top shows by hours watched (movies left out).")
    return _top_table(
        top_shows(history, by="plays", top=TOP_SHOWS),
        "top-shows-table",
        f"Top shows by plays, movies left out ({hours_unknown_text(len(history))}).",
    )


def _shows_list(
    frame: pd.DataFrame | None, key: str, table_id: str, caption: str, zone: str
) -> str:
    if frame is None:
        return (
            "<p>Unknown: this source has no aired counts, so finished shows cannot be told "
            "(the account export gets them with --metadata tvmaze).</p>"
        )
    if not len(frame):
        return "<p>None.</p>"
    # The year is local, so the dates are too: a show started at 23:30 on 31 December
    # in the user's zone must not print as 1 January.
    when = pd.to_datetime(frame[key], utc=True).dt.tz_convert(zone)
    return table(
        frame.assign(**{key: when}),
        [
            Column("show", "title"),
            YEAR,
            Column("date", key, fmt_date, numeric=True),
        ],
        table_id=table_id,
        caption=caption,
    )


def _pct(value: Any) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):+.0f}%"


def _number(value: Any) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"


def _deeper(review: YearInReview, progress: Progress, zone: str) -> str:
    """Movies, the year before, months, genres and networks, the busiest month in review."""
    year = review.year
    vs = review.vs_previous.reset_index()
    vs["measure"] = vs["measure"].map(lambda m: MEASURE_LABELS.get(m, m))
    movies = review.top_movies
    parts = ['<div class="two"><div class="scroll">']
    parts.append(
        table(
            vs,
            [
                Column("", "measure"),
                Column(str(year), "this", _number, numeric=True),
                Column(str(review.previous), "previous", _number, numeric=True),
                number("change", fmt=_number),
                number("change_pct", "change %", _pct),
            ],
            table_id="year-vs-previous",
            caption=f"{year} against {review.previous} (hours: known runtimes only).",
        )
    )
    parts.append(
        table(
            movies,
            [
                number("rank", "#"),
                Column("movie", "title"),
                YEAR,
                number("plays"),
                number("hours", fmt=_hours),
            ],
            table_id="year-top-movies",
            caption=f"Top movies of {year} by plays (ties share a rank).",
        )
        if len(movies)
        else f"<p>No movie played in {year}.</p>"
    )
    parts.append('</div><div class="scroll">')
    months = review.months.assign(_month=[f"{m:%B}" for m in review.months["month"]])
    parts.append(
        table(
            months,
            [
                Column("month", "_month"),
                number("plays"),
                number("hours", fmt=_hours),
                Column("top show", "top_show", lambda v: "-" if pd.isna(v) else v),
            ],
            table_id="year-months",
            caption="Each month's plays, hours and top show: by hours, by plays where no play "
            "of the month has a runtime (ties joined with /).",
        )
    )
    parts.append("</div></div>")
    for frame, key, name in (
        (review.genres, "genre", "Genres"),
        (review.networks, "network", "Networks"),
    ):
        if frame is None:
            continue
        parts.append(
            table(
                frame.head(10),
                [
                    Column(key, key),
                    number("plays"),
                    number("hours", fmt=_hours),
                    number("shows"),
                ],
                table_id=f"year-{key}",
                caption=f"{name} of {year}'s episode plays (a play counts once for each {key}"
                f" of its show; shows without one are 'unknown', not left out).",
            )
        )
    if review.most_hours_month is not None:
        month = review.most_hours_month
        monthly = month_in_review(progress, year, month.month, tz=zone, user=review.user)
        parts.append(
            f'<h3 id="month-review">{esc(monthly.label)} in review</h3>'
            + table(
                monthly.table(),
                [Column("", "label"), Column(monthly.label, "value")],
                table_id="month-table",
                caption="The month with the most hours, in review (against the month before).",
            )
        )
    if review.notes:
        parts.append(
            "<p class=meta>"
            + " ".join(esc(n[0].upper() + n[1:] + ".") for n in review.notes)
            + "</p>"
        )
    return "".join(parts)


def _year_section(progress: Progress, year: int, zone: str, *, charts: bool, dpi: int) -> str:
    review = year_in_review(progress, year, tz=zone)
    if not review.totals["plays"]:
        return (
            f'<section id="year-review"><h2>{year} in review</h2><p class="empty-year">'
            f"No plays in {year} (local time in {esc(zone)}). {esc(_history_span(progress, zone))}"
            "</p></section>"
        )
    highlights = review.table()
    parts = [
        f'<section id="year-review"><h2>{year} in review</h2>',
        "<p class=meta>Local time in "
        f"{esc(zone)}: a play at 23:30 on 31 December there counts in that year.</p>",
        '<div class="two"><div class="scroll">',
        table(
            highlights,
            [Column("", "label"), Column(str(year), "value")],
            table_id="year-table",
            caption="Busiest: the month, day, weekday and hour with the most plays; "
            "ties are all named.",
        ),
        '</div><div class="scroll">',
        *(
            [
                f"<p class=meta>Top shows of {year} by plays below ("
                f"{esc(hours_unknown_text(int(review.totals['plays'])))}).</p>"
            ]
            if hours_unknown(review.top_by_hours)
            else [
                _top_table(review.top_by_hours, "year-top-hours", f"Top shows of {year} by hours.")
            ]
        ),
        _top_table(review.top_by_plays, "year-top-plays", f"Top shows of {year} by plays."),
        "</div></div>",
    ]
    if charts and review.totals["plays"]:
        parts.append(_charts(plays_in_year(progress, year, tz=zone), zone, "year", year, dpi))
    parts.append(_deeper(review, progress, zone))
    started = review.shows_started
    parts += [
        '<div class="two"><div class="scroll">',
        f"<h3>Shows started in {year}</h3>",
        _shows_list(
            started,
            "first_watched_at",
            "year-started",
            f"Shows first played this year (local date, {zone}).",
            zone,
        ),
        '</div><div class="scroll">',
        f"<h3>Shows finished in {year}</h3>",
        _shows_list(
            review.shows_finished,
            "finished_at",
            "year-finished",
            "Every aired episode watched; the date the last one was first played "
            f"(local date, {zone}).",
            zone,
        ),
        "</div></div></section>",
    ]
    return "".join(parts)


def _history_span(progress: Progress, zone: str) -> str:
    """Which years the history has plays in, e.g. "The history has plays from 2019 to 2025."."""
    history = progress.history
    if history is None or not len(history):
        return "The history has no plays."
    when = pd.to_datetime(history["watched_at"], utc=True).dropna().dt.tz_convert(zone)
    if not len(when):
        return "No play in the history has a date."
    first, last = int(when.dt.year.min()), int(when.dt.year.max())
    return f"The history has plays from {first} to {last}."


def plays_in(progress: Progress, year: int, zone: str) -> int:
    """Plays of the history in `year`, local time (0 without a history)."""
    if progress.history is None:
        return 0
    return len(plays_in_year(progress, year, tz=zone))


def default_year(progress: Progress, today: datetime, zone: str) -> int | None:
    """The last full year before `today` when the history has plays in it, else None."""
    year = today.year - 1
    return year if plays_in(progress, year, zone) else None


def check_year(year: object) -> None:
    """Raise :class:`TraktArgumentError` unless `year` is None or a year 1900-2200."""
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int | np.integer) or not 1900 <= year <= 2200
    ):
        raise TraktArgumentError(f"year must be a year such as 2025, got {year!r}")


def history_parts(
    progress: Progress,
    *,
    year: int | None = None,
    tz: object = None,
    charts: bool = True,
    dpi: int = 96,
    today: datetime | None = None,
    latest_full_year: bool = False,
) -> list[HistoryPart]:
    """The watch-time section (when the progress has a history) and the year in review.

    Each comes as a part to build (see :mod:`._parts`): the report builds them
    beside its other sections, in parallel where it can.

    Parameters
    ----------
    progress : Progress
    year : int, optional
        Add a "year in review" section for this year (local time).
    tz : str, optional
        IANA time zone; default: the profile's, else the machine's.
    charts, dpi
        As for :func:`~trakt_analysis.report.html.report_html`.
    today : datetime, optional
        The day the current streak is measured to (the report's date).
    latest_full_year : bool
        Without `year`, review the last full year before `today` when the
        history has plays in it.

    Raises
    ------
    TraktArgumentError
        A `year` outside 1900-2200, an unknown `tz`.
    """
    check_year(year)
    history = progress.history
    if history is None:
        if year is None:
            return []
        html = (
            f'<section id="year-review"><h2>{int(year)} in review</h2><p>This source has no '
            "watch history (API v1 sends none): load the account export or use API v2.</p>"
            "</section>"
        )
        return [HistoryPart("year-review", f"{int(year)} in review", lambda say: html)]
    zone = resolve_timezone(tz, progress)

    def watch(say: Status) -> str:
        say("watch time")
        note = plays_note(progress)
        return _watch_time_section(history, zone, charts=charts, dpi=dpi, today=today, note=note)

    parts = [HistoryPart("watch-time", "Watch time", watch)]
    if year is None and latest_full_year:
        year = default_year(progress, today or datetime.now(UTC), zone)
    if year is not None:
        reviewed = int(year)

        def review(say: Status) -> str:
            say(f"{reviewed} in review")
            return _year_section(progress, reviewed, zone, charts=charts, dpi=dpi)

        parts.append(HistoryPart("year-review", f"{reviewed} in review", review))
    return parts
