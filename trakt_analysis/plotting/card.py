"""A year (or month) in review as one portrait image to share: a "wrapped" card.

Drawn with matplotlib alone (no pyplot, no network): the year, hours and plays,
the top 5 shows, the busiest month, the longest streak, a small calendar heatmap
and the user's name. Titles in any script are drawn through the font fallback
of :mod:`.fonts`. Unknown values are written as "unknown", never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .._format import plural, show_label, without_runtime
from ..analysis.history import WEEKDAYS
from ..errors import TraktArgumentError, TraktFileError
from .fonts import with_fallback_fonts
from .text import shorten

if TYPE_CHECKING:
    from ..analysis.year_review import YearInReview

__all__ = [
    "CARD_SIZE",
    "THEMES",
    "CardTheme",
    "plot_review_card",
    "save_calendar_svg",
    "save_figure",
]

#: The default size in pixels: Instagram's portrait (4:5), readable on a phone.
CARD_SIZE: tuple[int, int] = (1080, 1350)
#: Shows on the card.
CARD_TOP = 5
_MONTHS = ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")


@dataclass(frozen=True)
class CardTheme:
    """The colours of a card."""

    background: str
    text: str
    muted: str
    accent: str
    cmap: str
    empty: str


THEMES: dict[str, CardTheme] = {
    "dark": CardTheme("#14161b", "#f5f5f5", "#a0a4ab", "#ed2224", "magma", "#23262d"),
    "light": CardTheme("#ffffff", "#16181d", "#5f6368", "#c8161d", "YlOrRd", "#eeeeee"),
}


def _hours(value: object) -> str:
    return "unknown" if value is None or pd.isna(value) else f"{float(value):,.0f}"  # type: ignore[arg-type]


def _short_hours(value: object) -> str:
    """Hours of one show: a decimal below 10, so 1.5 h does not read as 2."""
    if value is None or pd.isna(value):
        return "?"
    number = float(value)  # type: ignore[arg-type]
    return f"{number:,.1f}" if number < 10 else f"{number:,.0f}"


def _busiest_month(review: YearInReview) -> str:
    tied = review.ties.get("month", ())
    if not tied:
        return "-"
    names = ", ".join(f"{m:%B}" for m in tied)
    each = " each" if len(tied) > 1 else ""
    return f"{names} · {plural(int(review.busiest['month']), 'play')}{each}"


def _streak(review: YearInReview) -> str:
    if not review.longest_streak:
        return "-"
    return (
        f"{plural(review.longest_streak, 'day')} · "
        f"{review.streak_start:%d %b} – {review.streak_end:%d %b}"
    )


def _calendar(ax: Any, review: YearInReview, theme: CardTheme) -> None:
    calendar = review.calendar
    weeks = int(calendar["week"].max()) + 1
    grid = np.full((7, weeks), np.nan)
    plays = calendar["plays"].to_numpy(dtype=float, na_value=np.nan)  # NA: a day to come
    if review.month is not None:  # only the month's days are drawn
        plays = np.where(calendar["date"].dt.month == review.month, plays, np.nan)
    grid[calendar["weekday"].to_numpy(), calendar["week"].to_numpy()] = plays
    ax.set_facecolor(theme.background)
    zeros = np.where(grid == 0, 1.0, np.nan)
    ax.imshow(np.ma.masked_invalid(zeros), cmap=_flat(theme.empty), aspect="equal", vmin=0, vmax=1)
    positive = np.where(grid > 0, grid, np.nan)
    if np.isfinite(positive).any():
        ax.imshow(
            np.ma.masked_invalid(positive),
            cmap=theme.cmap,
            aspect="equal",
            interpolation="nearest",
            vmin=0,
            vmax=max(float(np.nanmax(positive)), 1.0),
        )
    firsts = calendar[calendar["date"].dt.day == 1]
    ax.set_xticks(firsts["week"].to_numpy(), labels=list(_MONTHS))
    ax.set_yticks([0, 6], labels=[WEEKDAYS[0][:3], WEEKDAYS[6][:3]])
    ax.tick_params(colors=theme.muted, labelsize=9, length=0)
    for side in ax.spines.values():
        side.set_visible(False)


def _flat(color: str) -> Any:
    from matplotlib.colors import ListedColormap

    return ListedColormap([color])


def plot_review_card(
    review: YearInReview,
    path: str | PathLike[str] | None = None,
    *,
    size: tuple[int, int] = CARD_SIZE,
    dpi: int = 150,
    theme: str = "dark",
) -> Figure:
    """Draw a year (or month) in review as one portrait image to share.

    Parameters
    ----------
    review : YearInReview or MonthInReview
        From :func:`~trakt_analysis.year_in_review` (or ``month_in_review``).
    path : str or path-like, optional
        Where to save the image: PNG, or SVG when the name ends in ``.svg``
        (text as outlines, so it draws the same without the fonts). None:
        only return the figure.
    size : (int, int)
        Width and height in pixels (default 1080 x 1350, portrait 4:5).
    dpi : int
        Pixels per inch: sets how large the text is against the image (the
        pixel size is `size` at any dpi).
    theme : {"dark", "light"}

    Returns
    -------
    matplotlib.figure.Figure
        Not attached to pyplot: it does not pop up, and is freed with its
        last reference. Its texts are the card's words (tests read them back).

    Raises
    ------
    TraktArgumentError
        A bad size, dpi, theme or suffix.
    TraktFileError
        The image cannot be written.
    """
    if theme not in THEMES:
        raise TraktArgumentError(
            f"plot_review_card: theme must be 'dark' or 'light', got {theme!r}"
        )
    if (
        not isinstance(size, tuple | list)
        or len(size) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 200 for v in size)
    ):
        raise TraktArgumentError(
            f"plot_review_card: size must be (width, height) in pixels, each >= 200; got {size!r}"
        )
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 30 <= dpi <= 1200:
        raise TraktArgumentError(f"plot_review_card: dpi must be an int in 30-1200, got {dpi!r}")
    if path is not None and Path(path).suffix.lower() not in (".png", ".svg"):
        raise TraktArgumentError(
            f"plot_review_card: {Path(path).name}: the image must end in .png or .svg"
        )
    fig = _draw_card(review, size=size, dpi=dpi, theme=theme)
    if path is not None:
        # after the drawing: each text then carries only the font families it needs
        save_figure(fig, path, facecolor=THEMES[theme].background)
    return fig


@with_fallback_fonts
def _draw_card(review: YearInReview, *, size: tuple[int, int], dpi: int, theme: str) -> Figure:
    colors = THEMES[theme]
    width, height = size
    # Text is set in points; scale it with the card so a larger card is not emptier.
    scale = min(width / CARD_SIZE[0], height / CARD_SIZE[1]) * 150 / dpi
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor=colors.background)

    def text(x: float, y: float, words: str, size: float, **kwargs: Any) -> None:
        options = {"color": colors.text, "va": "baseline", "ha": "left"} | kwargs
        fig.text(x, y, words, fontsize=size * scale, **options)

    left = 0.08
    who = review.user or "trakt.tv"
    text(left, 0.93, f"@{who}", 15, color=colors.muted, gid="card-user")
    text(left, 0.845, review.label, 46, weight="bold", gid="card-year")
    text(left, 0.805, "in review", 18, color=colors.accent, gid="card-subtitle")

    t = review.totals
    known = not pd.isna(t["hours"])
    text(left, 0.70, _hours(t["hours"]) if known else "?", 40, weight="bold", gid="card-hours")
    label = "hours watched" if known else "hours watched (runtimes unknown)"
    without = int(t["plays_without_runtime"])
    if known and without:  # the hours are the known ones: say what they leave out
        note = f"leaves out {without_runtime(without)}"
        text(left, 0.65, note, 10, color=colors.muted, gid="card-hours-note")
    text(left, 0.675, label, 12, color=colors.muted)
    text(0.52, 0.70, f"{int(t['plays']):,}", 40, weight="bold", gid="card-plays")
    text(0.52, 0.675, "plays", 12, color=colors.muted)

    text(left, 0.605, "Top shows", 14, color=colors.accent, weight="bold")
    top = review.top_by_hours.head(CARD_TOP)
    if not len(top):
        text(left, 0.565, "no show played", 14, color=colors.muted)
    for i, row in enumerate(top.itertuples(index=False)):
        y = 0.565 - i * 0.042
        text(left, y, f"{i + 1}", 15, color=colors.muted)
        # With its year: two shows of one title (Doctor Who, 1963 and 2005) are told apart.
        text(left + 0.05, y, shorten(show_label(row.title, row.year), 30), 15, gid="card-show")
        amount = (
            plural(int(row.plays), "play") if pd.isna(row.hours) else f"{_short_hours(row.hours)} h"
        )
        text(0.92, y, amount, 13, color=colors.muted, ha="right")

    text(left, 0.335, "Busiest month", 12, color=colors.muted)
    text(left, 0.305, _busiest_month(review), 15, gid="card-month")
    text(left, 0.26, "Longest streak", 12, color=colors.muted)
    text(left, 0.23, _streak(review), 15, gid="card-streak")

    ax = fig.add_axes((left, 0.06, 0.84, 0.14))
    _calendar(ax, review, colors)
    text(left, 0.03, "made with trakt_analysis", 9, color=colors.muted)
    return fig


def save_figure(fig: Figure, path: str | PathLike[str], **kwargs: Any) -> Path:
    """Save `fig` as PNG or SVG (by suffix), byte-stable: no date, fixed SVG ids.

    Raises
    ------
    TraktFileError
        The file cannot be written (a missing folder is created).
    """
    import matplotlib as mpl

    out = Path(path)
    kind = out.suffix.lower().lstrip(".")
    metadata: dict[str, Any] = {"Date": None} if kind == "svg" else {"Software": None}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with mpl.rc_context({"svg.hashsalt": "trakt_analysis", "svg.fonttype": "path"}):
            fig.savefig(out, format=kind, metadata=metadata, **kwargs)
    except OSError as exc:
        raise TraktFileError(f"{out}: cannot write the image: {exc.strerror or exc}") from None
    return out


def save_calendar_svg(
    history: Any,
    path: str | PathLike[str],
    *,
    year: int | None = None,
    tz: object = None,
) -> Path:
    """Save :func:`~trakt_analysis.plot_watch_calendar` as a compact SVG (a README badge).

    Small (7 x 1.7 inches), text kept as SVG text rather than outlines (the
    labels are ASCII, which every viewer's fonts draw), no date or random ids,
    so the same history writes the same bytes.

    Raises
    ------
    TraktArgumentError
        `path` does not end in ``.svg``.
    TraktFileError
        The file cannot be written.
    """
    import matplotlib as mpl

    from .history import plot_watch_calendar

    if Path(path).suffix.lower() != ".svg":
        raise TraktArgumentError(f"save_calendar_svg: {Path(path).name}: the name must end in .svg")
    fig = Figure(figsize=(7.0, 1.7), layout="constrained")
    ax = fig.subplots()
    plot_watch_calendar(history, year=year, tz=tz, ax=ax)
    with mpl.rc_context({"svg.fonttype": "none"}):
        out = Path(path)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            with mpl.rc_context({"svg.hashsalt": "trakt_analysis"}):
                fig.savefig(out, format="svg", metadata={"Date": None})
        except OSError as exc:
            raise TraktFileError(f"{out}: cannot write the image: {exc.strerror or exc}") from None
    return out
