"""One home for how values are written for people: episode codes, numbers, dates.

The report, the notebook display, the terminal summary, the explorer and the
charts all format through here, so ``S02E09`` and ``52.6%`` look the same
everywhere and a missing value is never shown as 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "episode_code",
    "fmt_date",
    "fmt_int",
    "fmt_known_hours",
    "fmt_pct",
    "fmt_year",
    "hours_unknown_text",
    "is_missing",
    "next_episode_codes",
    "plural",
    "show_label",
    "without_runtime",
]

DASH = "\N{EM DASH}"


def is_missing(value: object) -> bool:
    """True for None, NaN, NA and NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):  # numpy's float64 too
        return value != value
    if isinstance(value, int | str):  # fast path of the common cases (tables of 20,000 rows)
        return False
    return bool(pd.isna(value))


def episode_code(season: object, number: object) -> str:
    """``S02E09`` for season 2, episode 9; empty when either is missing."""
    if is_missing(season) or is_missing(number):
        return ""
    return f"S{int(season):02d}E{int(number):02d}"  # type: ignore[call-overload]


def plural(n: int, word: str) -> str:
    """``1 show``, ``2 shows``, ``1,000 shows``: a count and its noun.

    >>> plural(1, "show"), plural(1000, "play")
    ('1 show', '1,000 plays')
    """
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def hours_unknown_text(plays: int) -> str:
    """Why no hours are shown: no play has a runtime (the export without metadata).

    >>> hours_unknown_text(1386)
    'hours unknown: none of the 1,386 plays has a runtime; TVmaze metadata adds them'
    >>> hours_unknown_text(1)
    'hours unknown: the 1 play has no runtime; TVmaze metadata adds it'
    """
    if plays == 1:
        return "hours unknown: the 1 play has no runtime; TVmaze metadata adds it"
    return f"hours unknown: none of the {plays:,} plays has a runtime; TVmaze metadata adds them"


def without_runtime(plays: int) -> str:
    """``1 play without a runtime``: plays whose hours are unknown, counted apart.

    >>> without_runtime(1), without_runtime(1096)
    ('1 play without a runtime', '1,096 plays without a runtime')
    """
    return f"{plural(plays, 'play')} without a runtime"


def fmt_known_hours(hours: object, without: int) -> str:
    """Hours of the plays with a runtime, and the plays they leave out; ``unknown`` when missing.

    `without` counts the plays without a runtime: never a "+" beside the hours,
    which would read as more hours.

    >>> fmt_known_hours(59.21, 0), fmt_known_hours(1059.21, 1)
    ('59.2', '1,059.2 (leaves out 1 play without a runtime)')
    >>> fmt_known_hours(None, 96), fmt_known_hours(float("nan"), 1)
    ('unknown (none of the 96 plays has a runtime)', 'unknown (the 1 play has no runtime)')
    """
    if is_missing(hours):
        if without == 1:
            return "unknown (the 1 play has no runtime)"
        return f"unknown (none of the {without:,} plays has a runtime)" if without else "unknown"
    text = f"{float(hours):,.1f}"  # type: ignore[arg-type]
    return f"{text} (leaves out {without_runtime(without)})" if without else text


def show_label(title: object, year: object) -> str:
    """``The Office (2001)``: a show's title with its year, which tells apart two shows
    of one title and a show titled ``NA`` from a missing title; ``unknown`` for a missing
    title, the bare title for a missing year.

    >>> show_label("NA", 2019), show_label("Dark", None), show_label(None, 2017)
    ('NA (2019)', 'Dark', 'unknown')
    """
    if is_missing(title):
        return "unknown"
    return str(title) if is_missing(year) else f"{title} ({int(year)})"  # type: ignore[call-overload]


def next_episode_codes(shows: pd.DataFrame) -> list[str]:
    """The code of each show's next episode (``next_season``, ``next_number``); "" if none."""
    seasons = shows["next_season"].to_numpy(dtype=object, na_value=None)
    numbers = shows["next_number"].to_numpy(dtype=object, na_value=None)
    known = ~(pd.isna(seasons) | pd.isna(numbers))
    codes = np.full(len(shows), "", dtype=object)
    # As episode_code, for the known pairs only (a table of 20,000 shows).
    codes[known] = [
        f"S{int(s):02d}E{int(e):02d}" for s, e in zip(seasons[known], numbers[known], strict=True)
    ]
    return codes.tolist()


def fmt_int(value: object, missing: str = DASH) -> str:
    """``1,234``; `missing` (a dash) when missing."""
    return missing if is_missing(value) else f"{int(value):,}"  # type: ignore[call-overload]


def fmt_year(value: object) -> str:
    """``2011``; empty when missing."""
    return "" if is_missing(value) else str(int(value))  # type: ignore[call-overload]


def fmt_pct(value: object, missing: str = DASH) -> str:
    """A fraction as ``52.6%``; `missing` (a dash) when missing."""
    return missing if is_missing(value) else f"{float(value):.1%}"  # type: ignore[arg-type]


def fmt_date(value: object) -> str:
    """A timestamp as ``2024-04-24`` (its own time zone's date); empty when missing."""
    if is_missing(value):
        return ""
    stamp = pd.Timestamp(value)
    if 1000 <= stamp.year <= 9999:  # strftime is slow: ten times the time of this
        return f"{stamp.year}-{stamp.month:02d}-{stamp.day:02d}"
    return stamp.strftime("%Y-%m-%d")
