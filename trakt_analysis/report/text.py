"""The summary as plain text for a terminal (``trakt-analysis summary``)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .._format import fmt_date, fmt_int, fmt_pct, fmt_year
from ..analysis.summary import Totals, completion_distribution, next_unknown, totals, watch_next

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


def episode_lines(row: Totals) -> list[str]:
    """The "episodes" line of the summary: watched, aired, left and done over the same shows."""
    if not row.shows_counted:
        watched = fmt_int(row.episodes_watched_all, "unknown")
        if not row.shows:
            return [f"  episodes   {'0':>9}  watched"]
        return [
            f"  episodes   {watched:>9}  watched; aired and left unknown for all "
            f"{row.shows:,} shows ({METADATA_HINT})"
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
        f"(aired counts unknown for {row.shows - row.shows_counted:,}: {METADATA_HINT})",
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


def format_summary(progress: Progress, *, top: int = 10) -> str:
    """The summary as plain text: totals, completion bins, what to watch next, the shows.

    Parameters
    ----------
    progress : Progress
        The loaded progress.
    top : int
        How many shows to list under "Watch next".
    """
    shows = progress.shows
    row = totals(shows)
    who = "unknown user" if progress.user is None else repr(progress.user)
    states = (
        f"{_n(row.finished)} finished, {_n(row.in_progress)} in progress, "
        f"{_n(row.not_started)} not started, {_n(row.nothing_aired)} with nothing aired"
    )
    if row.unknown:  # e.g. the account export without metadata: aired counts are NA
        states += f", {row.unknown:,} unknown"
    lines = [
        f"Watched progress of {terminal_safe(who)}",
        "",
        f"  shows      {_n(row.shows):>9}  ({states})",
        *episode_lines(row),
        *play_lines(row),
    ]
    notes = progress.provenance.notes if progress.provenance is not None else ()
    lines += [f"  note: {terminal_safe(note)}" for note in notes]
    lines += ["", "Completion"]
    for label, count in completion_distribution(shows).items():
        lines.append(f"  {label:<14} {int(count):>5,}")
    nxt = watch_next(shows, n=top)
    heading = f"Watch next ({len(nxt)} of {row.up_next:,} shows with a next episode"
    unknown = next_unknown(shows)
    if unknown:
        heading += f"; unknown for {unknown:,} shows whose aired episodes are unknown"
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
