"""The dashboard's logic as plain functions: sources, uploads, the review panel.

The widgets in :mod:`.app` only call these and show what they return.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .._format import hours_unknown_text
from ..analysis.history import watched_at
from ..analysis.timezone import resolve_timezone
from ..analysis.year_review import YearInReview, month_in_review, year_in_review
from ..errors import TraktArgumentError
from ..report._html import Column, esc, table
from ..report.history_html import hours_unknown
from ..sources.catalog import DemoSource, ExplorerSource, as_source

__all__ = [
    "BACKLOG_COLUMNS",
    "DEMO",
    "MAX_UPLOAD_BYTES",
    "SOURCE_ENV",
    "ReviewPanel",
    "backlog_html",
    "breakdown_html",
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


def backlog_html(progress: Any, *, rows: int = 30) -> str:
    """The backlog (:func:`trakt_analysis.backlog`) as an HTML table, most hours left first.

    Unknown values are written "unknown", never 0. Empty when the version has
    no backlog.
    """
    import trakt_analysis as ta

    backlog = getattr(ta, "backlog", None)
    if backlog is None or progress is None:
        return ""
    frame = backlog(progress)
    present = [(h, c) for h, c in BACKLOG_COLUMNS if c in frame.columns]
    if "hours_left" in frame.columns:
        frame = frame.sort_values("hours_left", ascending=False, na_position="last")

    def text(value: object) -> str:
        if value is None or pd.isna(value):
            return "unknown"
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, pd.Timestamp):
            return f"{value:%Y-%m-%d}"
        return str(value)

    return table(
        frame.head(rows),
        [Column(h, c, text, numeric=c in ("left", "hours_left")) for h, c in present],
        table_id="backlog-table",
        caption=f"What is left to watch: {min(rows, len(frame))} of {len(frame)} shows.",
    )


def breakdown_html(frame: pd.DataFrame, by: str, *, rows: int = 20) -> str:
    """A breakdown frame (``ta.breakdown(progress, by)``) as an HTML table."""
    columns = [
        Column(by, by),
        Column("shows", "shows", numeric=True),
        Column("plays", "plays", numeric=True),
        Column("hours", "hours", _hours, numeric=True),
    ]
    return table(frame.head(rows), columns, table_id=f"breakdown-{by}")
