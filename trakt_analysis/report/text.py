"""The summary as plain text for a terminal (``trakt-analysis summary``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pandas as pd

from .._docstrings import fill_doc
from .._format import (
    fmt_date,
    fmt_int,
    fmt_pct,
    fmt_year,
    hours_unknown_text,
    without_runtime,
)
from ..analysis.history import rewatch_mask, streaks, top_shows, total_hours, watch_time
from ..analysis.summary import Totals, completion_distribution, next_unknown, totals, watch_next
from ..analysis.timezone import resolve_timezone
from ..analysis.year_review import year_in_review
from .history_html import default_year, hours_unknown, plays_note

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = ["format_summary", "terminal_safe"]

# C0 and C1 control characters (ESC starts terminal escape sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _n(value: object) -> str:
    """A count of shows: 0 when there are none."""
    return fmt_int(value, "0")


#: What to do when the aired counts are unknown (the account export has none).
METADATA_HINT = "add --metadata tvmaze to fill them from TVmaze"


def history_lines(
    progress: Progress, *, year: int | None, tz: str | None, today: datetime
) -> list[str]:
    """The history's figures: watch time, top shows by hours, and a year in review."""
    history = progress.history
    if history is None:
        if year is None:
            return []
        return ["", f"{year} in review: this source has no watch history (API v1 sends none)"]
    zone = resolve_timezone(tz, progress)
    years = watch_time(history, freq="year", tz=zone)
    known = total_hours(years)
    without = int(years["plays_without_runtime"].sum())
    if known is not None:
        hours = f"  hours      {known:>9,.1f}  with a known runtime" + (
            f" (leaves out {without_runtime(without)})" if without else ""
        )
    else:  # unknown, not 0.0: the export's history carries no runtimes
        hours = f"  hours      {'unknown':>9}  (no play has a runtime; {_hint(progress)})"
    streak = streaks(history, tz=zone, today=today)
    longest = int(streak["longest"].max()) if len(streak) else 0
    lines = [
        "",
        f"History (local time in {zone})",
        f"  plays      {len(history):>9,}  in the history ({int(rewatch_mask(history).sum()):,} "
        f"rewatches); longest streak {longest:,} days",
        hours,
    ]
    note = plays_note(progress)
    if note:
        lines.append(f"  note: {note}")
    best = top_shows(history, by="hours", top=5)
    if hours_unknown(best):  # ranked by unknown hours: rank by plays and say why
        best = top_shows(history, by="plays", top=5)
        lines += ["", f"Top shows by plays ({hours_unknown_text(len(history))})"]
    elif len(best):
        lines += ["", "Top shows by hours"]
    if len(best):
        lines += _text_table(
            ["title", "year", "plays", "hours"],
            [
                [t, fmt_year(y), fmt_int(n, ""), "unknown" if pd.isna(h) else f"{float(h):,.1f}"]
                for t, y, n, h in zip(
                    best["title"], best["year"], best["plays"], best["hours"], strict=True
                )
            ],
        )
    if year is None:
        year = default_year(progress, today, zone)
        if year is None:
            return lines
    review = year_in_review(progress, int(year), tz=zone)
    if not review.totals["plays"]:
        return [*lines, "", f"{year} in review: no plays in {year}. {_span(history, zone)}"]
    lines += ["", f"{year} in review"]
    lines += [f"  {label:<16} {value}" for label, value in review.table().itertuples(index=False)]
    lines.append("  (busiest: the most plays; ties are all named)")
    return lines


def _span(history: pd.DataFrame, zone: str) -> str:
    when = pd.to_datetime(history["watched_at"], utc=True).dropna().dt.tz_convert(zone)
    if not len(when):
        return "No play in the history has a date."
    return f"The history has plays from {int(when.dt.year.min())} to {int(when.dt.year.max())}."


def _hint(progress: Progress) -> str:
    """How to get the aired counts or runtimes: --metadata, unless a provider was asked."""
    provenance = progress.provenance
    if provenance is not None and provenance.metadata:
        return f"{provenance.metadata} does not know them; see the notes"
    return METADATA_HINT


def episode_lines(row: Totals, hint: str = METADATA_HINT) -> list[str]:
    """The "episodes" line of the summary: watched, aired, left and done over the same shows."""
    if not row.shows_counted:
        watched = fmt_int(row.episodes_watched_all, "unknown")
        if not row.shows:
            return [f"  episodes   {'0':>9}  watched"]
        return [
            f"  episodes   {watched:>9}  watched; aired and left unknown for all "
            f"{row.shows:,} shows ({hint})"
        ]
    line = (
        f"  episodes   {fmt_int(row.episodes_watched, 'unknown'):>9}  watched of "
        f"{fmt_int(row.episodes_aired, 'unknown')} aired ({fmt_pct(row.completion, 'n/a')}), "
        f"{fmt_int(row.episodes_left, 'unknown')} left"
    )
    if not row.partial:
        return [line]
    return [
        f"{line}, {row.coverage()}",
        f"  {'':9}  {fmt_int(row.episodes_watched_all, 'unknown'):>9}  watched in all shows "
        f"(aired counts unknown for {row.shows - row.shows_counted:,}: {hint})",
    ]


def play_lines(row: Totals) -> list[str]:
    """The "plays" line: the split into scrobbles, check-ins and seen where it is known."""
    plays = f"  plays      {fmt_int(row.plays, 'unknown'):>9}"
    if not row.shows_split:
        return [f"{plays}  (scrobbles, check-ins and seen: unknown, the source has no split)"]
    split = (
        f"{fmt_int(row.scrobbles, '?')} scrobbles, {fmt_int(row.checkins, '?')} check-ins, "
        f"{fmt_int(row.seen, '?')} seen"
    )
    if row.shows_split < row.shows:
        split += f"; {row.split_coverage()}"
    return [f"{plays}  ({split})"]


def terminal_safe(text: object) -> str:
    """Text with control characters replaced, so a title cannot drive the terminal."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", str(text))


@fill_doc
def format_summary(
    progress: Progress,
    *,
    top: int = 10,
    year: int | None = None,
    tz: str | None = None,
    today: datetime | None = None,
) -> str:
    """The summary as plain text: totals, the history, completion bins, what to watch next, shows.

    %(parameters_progress)s
    top : int
        How many shows to list under "Watch next".
    year : int, optional
        The year of the "year in review" lines (needs a history); by default
        the last full year before `today` when the history has plays in it.
    tz : str, optional
        IANA time zone of the history's figures; default: the profile's,
        else the machine's.
    today : datetime, optional
        The day the last full year and the current streak are counted from; now by default.

    Raises
    ------
    TraktArgumentError
        An unknown time zone.
    """
    shows = progress.shows
    row = totals(shows)
    who = "unknown user" if progress.user is None else repr(progress.user)
    states = (
        f"{_n(row.finished)} finished, {_n(row.in_progress)} in progress, "
        + (f"{row.hidden:,} hidden, " if row.hidden else "")  # unknown to most sources
        + f"{_n(row.not_started)} not started, {_n(row.nothing_aired)} with nothing aired"
    )
    if row.unknown:  # e.g. the account export without metadata: aired counts are NA
        states += f", {row.unknown:,} unknown"
    lines = [
        f"Watched progress of {terminal_safe(who)}",
        "",
        f"  shows      {_n(row.shows):>9}  ({states})",
        *episode_lines(row, _hint(progress)),
        *play_lines(row),
    ]
    notes = progress.provenance.notes if progress.provenance is not None else ()
    lines += [f"  note: {terminal_safe(note)}" for note in notes]
    lines += history_lines(progress, year=year, tz=tz, today=today or datetime.now(UTC))
    if row.shows_counted or not row.shows:
        lines += ["", "Completion"]
        for label, count in completion_distribution(shows).items():
            if label != "hidden" or count:  # unknown to most sources: no "0 hidden"
                lines.append(f"  {label:<14} {int(count):>5,}")
    else:
        lines += ["", f"Completion: unknown for all {row.shows:,} shows ({METADATA_HINT})"]
    nxt = watch_next(shows, n=top)
    unknown = next_unknown(shows)
    if row.up_next is None:
        heading = f"Watch next: unknown (the next episodes of {unknown:,} shows are unknown; "
        heading += f"{METADATA_HINT}"
    else:
        heading = f"Watch next (the first {len(nxt):,} of {row.up_next:,} shows with a next episode"
        if len(nxt) == row.up_next:
            heading = f"Watch next ({row.up_next:,} shows with a next episode"
        if unknown:
            heading += f"; the next episodes of {unknown:,} more shows are unknown"
    lines += ["", heading + ")"]
    lines += _text_table(
        ["title", "year", "episode", "airs", "left", "done"],
        [
            [title, fmt_year(year), code, fmt_date(aired), fmt_int(left, ""), fmt_pct(done, "n/a")]
            for title, year, code, aired, left, done in zip(
                nxt["title"],
                nxt["year"],
                nxt["episode"],
                nxt["next_first_aired"],
                nxt["left"],
                nxt["completion"],
                strict=True,
            )
        ],
    )
    lines += ["", f"Shows ({len(shows):,})"]
    lines += _text_table(
        ["title", "year", "watched", "done", "left", "plays"],
        [
            [
                title,
                fmt_year(year),
                f"{fmt_int(done, '?')}/{fmt_int(aired, '?')}",
                fmt_pct(pct, "n/a"),
                fmt_int(left, ""),
                fmt_int(plays, ""),
            ]
            for title, year, done, aired, pct, left, plays in zip(
                shows["title"],
                shows["year"],
                shows["completed"],
                shows["aired"],
                shows["completion"],
                shows["left"],
                shows["plays"],
                strict=True,
            )
        ],
    )
    return "\n".join(lines)


def _text_table(headers: list[str], rows: list[list[object]], width: int = 48) -> list[str]:
    """Rows as aligned text: the first column (titles) left, the others right.

    Alignment counts terminal columns, not characters: a CJK or Hangul character
    takes two, a combining mark (Devanagari, Thai vowel signs) none.
    """
    if not rows:
        return []
    cells = [[_clip(terminal_safe(row[0]), width), *map(str, row[1:])] for row in rows]
    widths = [max(_cols(h), *(_cols(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        first = values[0] + " " * (widths[0] - _cols(values[0]))
        rest = (" " * (w - _cols(v)) + v for v, w in zip(values[1:], widths[1:], strict=True))
        return "  " + "  ".join([first, *rest]).rstrip()

    return [line(headers), *(line(r) for r in cells)]


def _char_cols(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cols(text: str) -> int:
    """How many terminal columns `text` takes."""
    return sum(map(_char_cols, text))


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns, with an ellipsis where it was cut."""
    if _cols(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        if used + _char_cols(char) > width - 1:
            break
        out.append(char)
        used += _char_cols(char)
    return "".join(out) + "\N{HORIZONTAL ELLIPSIS}"
