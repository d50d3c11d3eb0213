"""The dashboard's logic as plain functions: sources, uploads, the review panel.

The widgets in :mod:`.app` only call these and show what they return.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .._format import fmt_int, hours_unknown_text
from ..analysis.history import watched_at
from ..analysis.timezone import resolve_timezone
from ..analysis.year_review import YearInReview, month_in_review, year_in_review
from ..errors import TraktArgumentError
from ..report._html import YEAR, Column, esc, number, table
from ..report.backlog import listed
from ..report.history_html import default_year, hours_unknown
from ..report.stats_html import METADATA_HINT, hours_caption, hours_columns
from ..sources.catalog import DemoSource, ExplorerSource, as_source

__all__ = [
    "BACKLOG_COLUMNS",
    "DEMO",
    "MAX_UPLOAD_BYTES",
    "SOURCE_ENV",
    "ReviewPanel",
    "backlog_html",
    "breakdown_hint",
    "breakdown_html",
    "review_default_year",
    "review_panel",
    "review_years",
    "save_upload",
    "source_from_env",
]

#: The environment variable ``trakt-analysis dashboard`` passes the source in (a path).
SOURCE_ENV = "TRAKT_DASHBOARD_SOURCE"
#: The source label of the bundled demo users.
DEMO = "demo users"
#: The largest export ZIP the page accepts (an export of 100,000 plays is a few MB).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def source_from_env() -> tuple[str, ExplorerSource]:
    """The source named by :data:`SOURCE_ENV` (a file or folder), else the demo users."""
    path = os.environ.get(SOURCE_ENV, "").strip()
    if not path:
        return DEMO, DemoSource()
    return Path(path).name, as_source(Path(path))


def save_upload(name: str, content: bytes, folder: Path) -> Path:
    """Write an uploaded export ZIP into `folder` (on this machine) and return its path.

    Raises
    ------
    TraktArgumentError
        Not a ``.zip``, empty, or larger than :data:`MAX_UPLOAD_BYTES`.
    """
    base = Path(str(name)).name
    if not base.lower().endswith(".zip"):
        raise TraktArgumentError(f"{base}: upload the account export as a .zip file")
    if not content:
        raise TraktArgumentError(f"{base}: the file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise TraktArgumentError(
            f"{base}: {len(content) / 2**20:,.0f} MB is more than the "
            f"{MAX_UPLOAD_BYTES / 2**20:,.0f} MB an export can be"
        )
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", base)
    out = folder / safe
    out.write_bytes(content)
    return out


def review_years(progress: Any, tz: object = None) -> list[int]:
    """The years (local time) with a play, newest first; empty without a history."""
    if progress is None or progress.history is None:
        return []
    zone = resolve_timezone(tz, progress)
    times = watched_at(progress.history).dropna()
    return sorted({int(y) for y in times.dt.tz_convert(zone).dt.year.unique()}, reverse=True)


def review_default_year(
    progress: Any, years: list[int], today: datetime | None = None
) -> int | None:
    """The year the review tab opens on, as the report and ``summary`` choose it.

    The last full year before `today` (default: now) when it has plays
    (:func:`~trakt_analysis.report.history_html.default_year`), else the
    newest of `years` (those of :func:`review_years`); None without any.
    """
    if not years:
        return None
    zone = resolve_timezone(None, progress)
    year = default_year(progress, today or datetime.now(UTC), zone)
    return year if year in years else years[0]


@dataclass(frozen=True)
class ReviewPanel:
    """What the review tab shows: the highlights' HTML and the card as PNG bytes."""

    review: YearInReview
    html: str
    card: bytes


def _hours(value: object) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{float(value):,.1f}"  # type: ignore[arg-type]


def review_panel(progress: Any, year: int, month: int | None = None) -> ReviewPanel:
    """The year (or month) in review of `progress`: highlights table, top lists, card.

    Raises
    ------
    TraktArgumentError
        The progress has no history, or a bad year or month.
    """
    if month is None:
        review = year_in_review(progress, year)
    else:
        review = month_in_review(progress, year, month)
    from ..explore._view import figure_png
    from ..plotting.card import plot_review_card

    fig = plot_review_card(review, size=(540, 675), dpi=75)
    png = figure_png(fig, dpi=75)
    parts = [
        f'<h3 class="ta-review-title">{esc(review.label)} in review</h3>',
        table(
            review.table(),
            [Column("", "label"), Column(review.label, "value")],
            table_id="review-table",
        ),
    ]
    top, caption = review.top_by_hours, "Top shows by hours"
    if hours_unknown(top):  # ranked by unknown hours, it would pass for a ranking
        plays = int(review.totals["plays"])
        top, caption = review.top_by_plays, f"Top shows by plays ({hours_unknown_text(plays)})"
    if len(top):
        parts.append(
            table(
                top,
                [
                    Column("#", "rank"),
                    Column("show", "title"),
                    YEAR,  # as in the report: a show titled "NA" reads as a title
                    Column("plays", "plays", numeric=True),
                    Column("hours", "hours", _hours, numeric=True),
                ],
                table_id="review-top-shows",
                caption=caption,
            )
        )
    for frame, key in ((review.genres, "genre"), (review.networks, "network")):
        if frame is not None and len(frame):
            parts.append(
                table(
                    frame.head(8),
                    [
                        Column(key, key),
                        Column("plays", "plays", numeric=True),
                        Column("hours", "hours", _hours, numeric=True),
                    ],
                    table_id=f"review-{key}",
                )
            )
    return ReviewPanel(review, "".join(parts), png)


#: The backlog table's columns (of :func:`trakt_analysis.backlog`), as shown.
BACKLOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("show", "title"),
    ("year", "year"),
    ("left", "left"),
    ("hours left", "hours_left"),
    ("state", "state"),
    ("finish date", "finish_date"),
)


_NUMERIC = ("left", "hours_left")


def backlog_html(progress: Any, *, rows: int = 30) -> str:
    """The backlog (:func:`trakt_analysis.backlog`) as an HTML table: the report's rows.

    The shows the report lists (:func:`~trakt_analysis.report.backlog.listed`: all
    but those with nothing left; watching first, then most hours left). Unknown
    values are written "unknown", never 0. Empty when the version has no backlog.
    """
    import trakt_analysis as ta

    backlog = getattr(ta, "backlog", None)
    if backlog is None or progress is None:
        return ""
    plan = backlog(progress)
    frame = listed(plan)
    present = [(h, c) for h, c in BACKLOG_COLUMNS if c in frame.columns]

    def text(value: object) -> str:
        if value is None or pd.isna(value):
            return "unknown"
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, pd.Timestamp):
            return f"{value:%Y-%m-%d}"
        return str(value)

    def left(value: object) -> str:
        return fmt_int(value, "unknown")  # 1,000

    columns = [
        Column(
            h,
            "state_label" if c == "state" else c,
            left if c == "left" else text,
            numeric=c in _NUMERIC,
        )
        for h, c in present
    ]
    done = len(plan) - len(frame)
    return table(
        frame.head(rows),
        columns,
        table_id="backlog-table",
        caption=f"What is left to watch: {min(rows, len(frame))} of the {len(frame)} shows with "
        "episodes left or an unknown number left"
        + (f" ({done} with none left not listed)." if done else "."),
    )


def breakdown_html(frame: pd.DataFrame, by: str, *, rows: int = 20) -> str:
    """A breakdown frame (``ta.breakdown(progress, by)``) as an HTML table."""
    columns = [
        Column(by, by),
        number("shows"),
        number("plays"),
        *hours_columns(frame, share=False, fmt=_hours),  # known hours: say what they leave out
    ]
    caption = hours_caption(frame, "", share=False) or None
    return table(frame.head(rows), columns, table_id=f"breakdown-{by}", caption=caption)


def breakdown_hint(frames: list[pd.DataFrame], by: list[str]) -> str:
    """The report's hint to load show metadata, when every row of `frames` is "unknown"
    (the export without TVmaze: no show has a genre or a network); else ""."""
    every = all(
        len(f) and bool((f[key].astype(str) == "unknown").all())
        for f, key in zip(frames, by, strict=True)
    )
    return METADATA_HINT if frames and every else ""
