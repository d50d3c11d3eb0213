"""The backlog and the upcoming episodes as text (the CLI) and as the report's HTML section.

Only formatting: :func:`~trakt_analysis.backlog` and
:func:`~trakt_analysis.upcoming` compute every number. An unknown value is a
dash, never 0.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .._format import DASH, episode_code, fmt_date, fmt_int, is_missing
from ..analysis.backlog import BACKLOG_STATES, STATE_LABELS, hours_left_total
from ..analysis.sorting import time_left_order
from ._html import Column, esc, number, table
from .text import _text_table, terminal_safe

__all__ = [
    "backlog_section",
    "format_backlog",
    "format_upcoming",
    "listed",
    "state_counts",
]


def _hours(value: object) -> str:
    return DASH if is_missing(value) else f"{float(value):,.1f}"  # type: ignore[arg-type]


def _pace(value: object) -> str:
    return DASH if is_missing(value) else f"{float(value):.1f}"  # type: ignore[arg-type]


def _date(value: object) -> str:
    return fmt_date(value) or DASH


def state_counts(plan: pd.DataFrame) -> dict[str, int]:
    """Shows per state of :data:`BACKLOG_STATES`, in that order, the empty ones left out."""
    counts = plan["state"].astype(str).value_counts()
    return {s: int(counts[s]) for s in BACKLOG_STATES if counts.get(s, 0)}


def _hours_sentence(plan: pd.DataFrame) -> str:
    """Total hours left over the shows where they are known, and how many are not."""
    total, unknown = hours_left_total(plan)
    if total is None:
        return "Hours left: unknown (no runtimes or no episode counts)."
    text = f"Hours left: {_hours(total)} h"
    if unknown:
        text += f", not counting {unknown} show{'s' if unknown != 1 else ''} of unknown length"
    return text + "."


def _labels(plan: pd.DataFrame) -> list[str]:
    """Titles, with the year where a title has several (remakes), and the user when several."""
    labels = [str(title) for title in plan["title"].astype(object).tolist()]
    if "year" in plan.columns:
        # The titles of several (title, year) pairs, a missing year being one; a missing
        # title is never "repeated".
        titles = plan["title"].to_numpy(dtype=object, na_value=None)
        years = plan["year"].to_numpy(dtype=object, na_value=None)
        pairs = set(zip(titles, years, strict=True))
        counts = Counter(title for title, _ in pairs if title is not None)
        repeated = {title for title, n in counts.items() if n > 1}
        for i, (title, year) in enumerate(zip(titles, years, strict=True)):
            if year is not None and title in repeated:
                labels[i] += f" ({int(year)})"
    if "user" in plan.columns and plan["user"].nunique() > 1:
        users = plan["user"].to_numpy(dtype=object, na_value=None)
        for pos in np.flatnonzero(pd.notna(users)).tolist():
            labels[pos] += f" [{users[pos]}]"
    return labels


def _ordered(plan: pd.DataFrame, keep: np.ndarray | None = None) -> pd.DataFrame:
    """By state (watching first), then most time left (:func:`time_left_order`); with labels.

    Labelled over the whole plan; `keep` (a mask of its rows) leaves the others out. One
    ``iloc`` of the rows wanted, in their order: the plan has a score of columns.
    """
    codes = plan["state"].cat.codes.to_numpy()
    by_time = time_left_order(plan.reset_index(drop=True)).to_numpy(np.int64)  # positions
    order = by_time[np.argsort(codes[by_time], kind="stable")]
    if keep is not None:
        order = order[keep[order]]
    labels = np.array(_labels(plan), dtype=object)
    return plan.iloc[order].assign(show_label=labels[order].tolist(), _rank=codes[order])


def listed(plan: pd.DataFrame) -> pd.DataFrame:
    """The shows a backlog table lists, in its order: every show but those with nothing left.

    A show whose episodes left are unknown (NA) is listed, never dropped as if it had none;
    by state (watching first), then most hours left. Adds ``show_label`` (the title, with the
    year where the plan holds two shows of that title) and ``state_label`` ("not started").
    """
    rows = _ordered(plan, keep=(plan["left"] != 0).fillna(True).to_numpy(bool))
    state = rows["state"].cat
    names = np.array([STATE_LABELS[str(s)] for s in state.categories], dtype=object)
    return rows.assign(state_label=names[state.codes.to_numpy()].tolist())


def format_backlog(plan: pd.DataFrame) -> str:
    """The backlog of :func:`~trakt_analysis.backlog` as plain text for a terminal."""
    day = plan.attrs.get("today")
    zone = plan.attrs.get("timezone")
    lines = [f"Backlog on {fmt_date(day)}" + (f" ({zone})" if zone else "")]
    counts = state_counts(plan)
    lines.append("  " + " · ".join(f"{STATE_LABELS[s]} {n}" for s, n in counts.items()))
    lines.append("  " + _hours_sentence(plan))
    lines.append("")
    ordered = _ordered(plan)
    rows = [
        [
            label,
            STATE_LABELS[str(state)],
            fmt_int(left),
            _hours(hours),
            _date(last),
            _pace(pace),
            _date(finish),
        ]
        for label, state, left, hours, last, pace, finish in zip(
            ordered["show_label"],
            ordered["state"],
            ordered["left"].astype(object),
            ordered["hours_left"].astype(object),
            ordered["last_played"],
            ordered["pace"].astype(object),
            ordered["finish_date"],
            strict=True,
        )
    ]
    headers = ["show", "state", "left", "hours", "last played", "per week", "finish"]
    lines += _text_table(headers, rows) or ["  (no shows)"]
    lines += _note_lines(ordered)
    return "\n".join(terminal_safe(line) for line in lines)


def _note_lines(ordered: pd.DataFrame) -> list[str]:
    """The backlog's ``note`` of each show, one line per note naming its shows."""
    if "note" not in ordered.columns:
        return []
    shows: dict[str, list[str]] = {}
    for label, note in zip(ordered["show_label"], ordered["note"].astype(object), strict=True):
        if not is_missing(note):
            shows.setdefault(str(note), []).append(str(label))
    if not shows:
        return []
    return ["", "Notes", *(f"  {', '.join(titles)}: {note}" for note, titles in shows.items())]


def format_upcoming(frame: pd.DataFrame) -> str:
    """The episodes of :func:`~trakt_analysis.upcoming` as plain text for a terminal."""
    days = frame.attrs.get("days")
    zone = frame.attrs.get("timezone")
    head = f"Airing in the next {days} days" if days else "Airing next"
    lines = [head + (f" ({zone})" if zone else "")]
    if frame.empty:
        if frame.attrs.get("schedule_known") is False:
            return "\n".join(
                [
                    *lines,
                    "  unknown: this source has no air dates; "
                    "add --metadata tvmaze to fill them from TVmaze",
                ]
            )
        return "\n".join([*lines, "  nothing announced for the shows you watch"])
    rows = [
        [
            row.title,
            episode_code(row.season, row.episode),
            "" if is_missing(row.episode_title) else row.episode_title,
            pd.Timestamp(row.local).strftime("%a %Y-%m-%d %H:%M"),
            fmt_int(row.runtime),
            "" if is_missing(row.network) else row.network,
        ]
        for row in frame.itertuples(index=False)
    ]
    headers = ["show", "episode", "title", "airs", "min", "network"]
    lines += _text_table(headers, rows, width=32)
    return "\n".join(terminal_safe(line) for line in lines)


_COLUMNS = (
    Column("Show", "show_label"),
    Column("State", "state_label"),
    number("left", "Left"),
    number("hours_left", "Hours left", _hours),
    number("last_played", "Last played", _date),
    number("pace", "Per week", _pace),
    number("finish_date", "Finish", _date),
    Column("Note", "note"),  # esc: the table escapes once, NA is empty
)


def backlog_section(plan: pd.DataFrame, figure: str = "") -> str:
    """The report's backlog section: states, hours left, finish dates, and the chart.

    A table of the shows with episodes left; when no show's episodes left
    are known (the account export without TVmaze), a sentence says so
    instead of an empty table or chart.
    """
    counts = state_counts(plan)
    states = " · ".join(f"{STATE_LABELS[s]} {n}" for s, n in counts.items())
    day = plan.attrs.get("today")
    zone = plan.attrs.get("timezone")
    when = f"On {fmt_date(day)}" + (f" ({zone})" if zone else "")
    parts = [
        '<section id="backlog"><h2>Backlog</h2>',
        f"<p>{esc(when)}: {esc(states)}. {esc(_hours_sentence(plan))}</p>",
    ]
    left = plan["left"]
    if len(plan) and left.isna().all():
        parts.append(
            "<p>Episodes left are unknown for every show: this source has no aired counts "
            "(load the account export with TVmaze metadata: <code>--metadata tvmaze</code>).</p>"
        )
    else:
        # Labelled over the whole plan (a remake's year shows even when its namesake is
        # not listed); every show with episodes left or an unknown number left is listed,
        # so the table holds each show the state counts above name, but those done.
        shown = listed(plan)
        if len(shown):
            done = len(plan) - len(shown)
            unknown = int(left.isna().sum())
            caption = (
                f"{len(shown):,} shows with episodes left"
                + (f" ({unknown:,} of them an unknown number: {DASH})" if unknown else "")
                + (f"; {done:,} with none left are not listed" if done else "")
                + ". Finish: today plus the episodes left at your pace (episodes a week over "
                "the last 28 days), for the shows you are watching."
            )
            parts.append(
                table(
                    shown,
                    _COLUMNS,
                    caption=caption,
                    table_id="backlog-table",
                    before='<div class="scroll">',
                    after="</div>",
                )
            )
        else:
            parts.append("<p>Nothing left to watch.</p>")
        parts.append(figure)
    parts.append("</section>")
    return "".join(parts)
