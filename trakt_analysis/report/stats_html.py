"""The report's "All-time stats" section: breakdowns, movies, people and ratings.

Only formats what :mod:`trakt_analysis.analysis` computes (:func:`~..breakdown`,
:func:`~..top_movies`, :func:`~..shows_vs_movies`, :func:`~..top_people`,
:func:`~..rating_stats`); :mod:`.html` calls :func:`all_time_section`. Every value
from the data is escaped by :func:`._html.table`; the charts are inline PNGs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._format import DASH
from ..analysis.breakdown import breakdowns
from ..analysis.movies import shows_vs_movies, top_movies
from ..analysis.people import top_people
from ..analysis.ratings import rating_stats
from ..schema import SHOW_METADATA
from ._html import YEAR, Column, chart_html, esc, number, table

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = ["ALL_TIME_BREAKDOWNS", "all_time_section", "hours_caption", "hours_columns"]

#: The breakdowns of the section, in order, with their headings.
ALL_TIME_BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("genre", "Genres"),
    ("network", "Networks and streaming services"),
    ("country", "Countries"),
    ("language", "Languages"),
    ("decade", "Decades"),
)
#: Rows of each table before the rest is left to the CSV/Parquet frames.
ROWS = 10
METADATA_HINT = (
    "Genres, networks, countries and languages come from the show metadata, which this "
    "source lacks: load with metadata=ta.TVmaze() (on the command line: --metadata tvmaze) "
    "or API v1 or v2 extended=full. Decades use the shows' years."
)


def fmt_hours(value: object) -> str:
    return DASH if value is None or pd.isna(value) else f"{float(value):,.1f}"  # type: ignore[arg-type]


def fmt_share(value: object) -> str:
    return DASH if value is None or pd.isna(value) else f"{float(value):.0%}"  # type: ignore[arg-type]


def fmt_rating(value: object) -> str:
    return DASH if value is None or pd.isna(value) else f"{float(value):.1f}"  # type: ignore[arg-type]


def _joined(values: object) -> str:
    return ", ".join(map(str, values)) if isinstance(values, list) else ""


#: The header of the count of plays without a runtime: short, as the tables sit two abreast.
NO_RUNTIME = "no runtime"


def partial_hours(frame: pd.DataFrame) -> bool:
    """True when some plays of `frame`'s rows have no runtime: the hours are the known ones."""
    without = frame.get("plays_without_runtime")
    return without is not None and bool((without > 0).any())


def hours_columns(
    frame: pd.DataFrame, *, share: bool = True, fmt: Callable[[object], str] = fmt_hours
) -> list[Column]:
    """The hours (and share of hours) columns of a table of `frame`'s rows.

    When some plays have no runtime (:func:`partial_hours`), the hours are the
    known ones: the table then counts those plays in a column of their own,
    and its caption says so (:func:`hours_caption`).
    """
    columns = [
        number("hours", fmt=fmt),
        *([number("plays_without_runtime", NO_RUNTIME)] if partial_hours(frame) else []),
    ]
    if share:
        columns.append(number("hours_share", "share of hours", fmt_share))
    return columns


def hours_caption(frame: pd.DataFrame, caption: str, *, share: bool = True) -> str:
    """`caption`, and when the hours are the known ones, what they (and their shares) count."""
    if not partial_hours(frame):
        return caption
    shares = " and their shares (of the known hours)" if share else ""
    note = f'Hours{shares} count the plays with a runtime; "{NO_RUNTIME}": the others.'
    return f"{caption}. {note}" if caption else note


def _breakdown_table(frame: pd.DataFrame, by: str, heading: str) -> str:
    unknown = frame[frame[by] == "unknown"]
    shown = pd.concat([frame[frame[by] != "unknown"].head(ROWS), unknown])
    more = len(frame) - len(unknown) - min(ROWS, len(frame) - len(unknown))
    caption = heading + (f" (top {ROWS}; {more} more)" if more > 0 else "")
    return table(
        shown,
        [
            Column(by, by),
            number("shows"),
            number("plays"),
            *hours_columns(frame),
        ],
        caption=hours_caption(frame, caption),
        table_id=f"breakdown-{by}",
    )


def all_time_section(
    progress: Progress,
    *,
    charts: bool = True,
    dpi: int = 96,
    status: Callable[[str], None] | None = None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The HTML of the "All-time stats" section and its entry for the page's nav.

    Breakdowns by genre, network, country, language and decade (with a note
    when the shows lack metadata), shows beside movies and the top movies
    (with a history), the top cast and crew (when ``progress.people`` was
    fetched) and the ratings (when ``progress.ratings`` has any).
    """
    say = status or (lambda message: None)
    say("all-time stats")
    parts = ['<section id="all-time"><h2>All-time stats</h2>']
    shows = progress.shows
    has_metadata = any(
        name in shows.columns and bool(shows[name].notna().any())
        for name in SHOW_METADATA
        if name not in ("premiered_year", "runtime")
    )
    frames = breakdowns(progress, [by for by, _ in ALL_TIME_BREAKDOWNS])  # plays per show once
    first = next(iter(frames.values()))
    if first.attrs.get("plays_from") == "shows":
        parts.append(
            "<p class=meta>"
            + esc(
                "Plays per show from the shows' counts (this source has no history); "
                "hours estimated from each show's typical runtime."
            )
            + "</p>"
        )
    parts.append(
        "<p class=meta>"
        + esc(
            "A show in several genres counts in each: the genre shares add up to more "
            "than 100%. Shows without the field are counted as unknown."
        )
        + "</p>"
    )
    if not has_metadata:
        parts.append(f"<p class=needs-counts>{esc(METADATA_HINT)}</p>")
    if charts and has_metadata:
        for by in ("genre", "network"):
            say(f"chart: hours by {by}")
            parts.append(
                chart_html(
                    f"breakdown-{by}",
                    f"Hours by {by} (a show counts in each of its genres)"
                    if by == "genre"
                    else f"Hours by {by} (TV network or streaming service)",
                    partial(_draw_breakdown, frames[by], by),
                    (9.0, 4.6),
                    dpi=dpi,
                )
            )
    parts.append('<div class="two">')
    for by, heading in ALL_TIME_BREAKDOWNS:
        if by != "decade" and not has_metadata:
            continue
        parts.append(f'<div class="scroll">{_breakdown_table(frames[by], by, heading)}</div>')
    parts.append("</div>")
    if progress.history is not None:
        parts.append(_movies_part(progress))
    if progress.people is not None:
        parts.append(_people_part(progress))
    if progress.ratings is not None and len(progress.ratings):
        parts.append(_ratings_part(progress, charts=charts, dpi=dpi))
    parts.append("</section>")
    return "".join(parts), (("all-time", "All-time stats"),)


def _movies_part(progress: Progress) -> str:
    split = shows_vs_movies(progress)
    split_table = table(
        split,
        [
            Column("", "kind"),
            number("plays"),
            *hours_columns(split),
        ],
        caption=hours_caption(split, "Shows beside movies"),
        table_id="shows-vs-movies",
    )
    movies = top_movies(progress, by="plays", top=ROWS)
    movies_table = (
        table(
            movies,
            [
                Column("movie", "title"),
                YEAR,
                number("plays"),
                number("hours", fmt=fmt_hours),
            ],
            caption="Movies watched most",
            table_id="top-movies",
        )
        if len(movies)
        else f"<p>{esc('No movie in the history.')}</p>"
    )
    return (
        f'<div class="two"><div class="scroll">{split_table}</div>'
        f'<div class="scroll">{movies_table}</div></div>'
    )


def _people_part(progress: Progress) -> str:
    out = ['<div class="two">']
    for role, detail, heading in (
        ("cast", "characters", "Actors you watched most (by hours)"),
        ("crew", "jobs", "Creators and crew you watched most (by hours)"),
    ):
        people = top_people(progress, role=role, top=ROWS)
        people = people.assign(
            _titles=people["titles"].map(_joined), _detail=people[detail].map(_joined)
        )
        out.append(
            '<div class="scroll">'
            + table(
                people,
                [
                    Column("person", "name"),
                    number("shows"),
                    number("hours", fmt=fmt_hours),
                    Column(detail, "_detail"),
                    Column("in", "_titles"),
                ],
                caption=heading,
                table_id=f"top-{role}",
            )
            + "</div>"
        )
    out.append("</div>")
    return "".join(out)


#: The columns of the tables of rated shows and movies.
_RATED_COLUMNS = (Column("", "type"), Column("title", "title"), YEAR, number("rating"))


def _ratings_part(progress: Progress, *, charts: bool, dpi: int) -> str:
    stats = rating_stats(progress)
    out = ['<h3 id="ratings">Ratings</h3>']
    if charts:
        from ..plotting.breakdown import plot_ratings

        out.append(
            chart_html(
                "ratings",
                "Ratings given, 1 to 10, by what was rated",
                lambda ax: plot_ratings(stats, ax=ax),
                (9.0, 3.4),
                dpi=dpi,
            )
        )
    out.append('<div class="two"><div class="scroll">')
    out.append(
        table(
            stats.top_rated,
            _RATED_COLUMNS,
            caption="Top rated shows and movies",
            table_id="top-rated",
        )
    )
    out.append('</div><div class="scroll">')
    out.append(
        table(
            stats.by_genre,
            [
                Column("genre", "genre"),
                number("ratings"),
                number("mean_rating", "mean rating", fmt_rating),
            ],
            caption="Mean show rating by genre",
            table_id="ratings-by-genre",
        )
    )
    out.append("</div></div>")
    if len(stats.unwatched):
        out.append(
            table(
                stats.unwatched,
                _RATED_COLUMNS,
                caption="Rated but never watched",
                table_id="rated-unwatched",
            )
        )
    return "".join(out)


def _draw_breakdown(frame: Any, by: str, ax: Any) -> Any:
    """One breakdown chart of the report, on `ax`."""
    from ..plotting.breakdown import plot_breakdown

    return plot_breakdown(frame, by, top=12, ax=ax)
