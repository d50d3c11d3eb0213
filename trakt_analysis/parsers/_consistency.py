"""Inconsistencies that real data has: found in the frame columns, reported as warnings.

Nothing here raises. Works on the columns any parser returns, so every source
gets the same checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

_COUNTS = ("aired", "completed", "left", "percentage")


def find_inconsistencies(
    shows: dict[str, Any],
    seasons: dict[str, Any],
    episodes: dict[str, Any],
    totals: dict[str, np.ndarray] | None = None,
) -> dict[int, list[str]]:
    """Messages per show (by item index) for counts that disagree with each other.

    `totals` is :func:`season_totals` of the same columns, where the caller has it.
    """
    found: dict[int, list[str]] = {}

    def note(item: int, message: str) -> None:
        found.setdefault(int(item), []).append(message)

    n_shows = len(shows["title"])
    _check_counts(shows, np.arange(n_shows), lambda i: "progress", note)
    if totals is None:
        totals = season_totals(shows, seasons, episodes)
    for key in ("aired", "completed"):
        reported = shows[key].to_numpy(dtype=np.float64, na_value=np.nan)
        summed = totals[key]
        for i in np.flatnonzero(~np.isnan(reported) & ~np.isnan(summed) & (reported != summed)):
            note(
                int(i),
                f"progress: {key} is {reported[i]:.0f} but its seasons add up to {summed[i]:.0f}",
            )
    _check_counts(seasons, seasons["_item"], lambda i: f"season {seasons['season'][i]}", note)
    # A season's "completed" against the watched flags of its episodes.
    watched = totals["season_watched"]
    has_keys = totals["season_episodes"] > 0
    done = seasons["completed"].to_numpy(dtype=np.float64, na_value=np.nan)
    for i in np.flatnonzero(has_keys & ~np.isnan(done) & (watched != done)):
        note(
            seasons["_item"][i],
            f"season {seasons['season'][i]}: completed is {done[i]:.0f} but "
            f"{watched[i]:.0f} episodes are marked watched",
        )
    return found


def _check_counts(
    cols: dict[str, Any],
    items: np.ndarray,
    where: Callable[[int], str],
    note: Callable[[int, str], None],
) -> None:
    aired, done, left, pct = (cols[k].to_numpy(dtype=np.float64, na_value=np.nan) for k in _COUNTS)
    with np.errstate(invalid="ignore", divide="ignore"):
        # trakt rounds the percentage down; allow one point either way.
        bad_pct = (aired > 0) & (np.abs(pct - np.floor(done / aired * 100)) > 1)
        over = done > aired
        known = ~(np.isnan(aired) | np.isnan(done) | np.isnan(left))
        bad_left = known & ~over & (left != aired - done)
    for i in map(int, np.flatnonzero(bad_pct)):
        note(
            int(items[i]),
            f"{where(i)}: percentage {pct[i]:.0f} disagrees with "
            f"completed/aired = {done[i]:.0f}/{aired[i]:.0f}",
        )
    for i in map(int, np.flatnonzero(over)):
        note(
            int(items[i]),
            f"{where(i)}: completed {done[i]:.0f} exceeds aired {aired[i]:.0f} (specials counted?)",
        )
    for i in map(int, np.flatnonzero(bad_left)):
        note(
            int(items[i]),
            f"{where(i)}: left is {left[i]:.0f}, not aired - completed = {aired[i] - done[i]:.0f}",
        )


def season_totals(
    shows: dict[str, Any], seasons: dict[str, Any], episodes: dict[str, Any]
) -> dict[str, np.ndarray]:
    """Per show, what its listed seasons add up to, as the API counts (float, NaN = unknown).

    Seasons counted: listed, not hidden, not specials (season 0), as in the
    show's own ``aired``/``completed``. ``aired`` and ``completed`` sum the
    seasons' counts, NaN where the show lists no such season or one of them is
    unknown; ``watched`` counts the episodes flagged watched in those seasons.
    Per season, in the seasons' order: ``season_episodes`` (the episodes
    listed) and ``season_watched`` (those flagged watched).
    """
    n_shows = len(shows["title"])
    item = np.asarray(seasons["_item"], dtype=np.int64)
    counted = ~np.asarray(seasons["hidden"], dtype=bool) & (np.asarray(seasons["season"]) > 0)
    out: dict[str, np.ndarray] = {}
    has = np.bincount(item[counted], minlength=n_shows) > 0
    for key in ("aired", "completed"):
        values = seasons[key].to_numpy(dtype=np.float64, na_value=np.nan)
        unknown = np.bincount(item[counted & np.isnan(values)], minlength=n_shows) > 0
        known = counted & ~np.isnan(values)
        total = np.bincount(item[known], weights=values[known], minlength=n_shows)
        out[key] = np.where(has & ~unknown, total, np.nan)
    # Per season first (the only passes over every episode), then per show.
    rank = np.asarray(episodes["_season_rank"], dtype=np.int64)
    n_seasons = len(item)
    out["season_episodes"] = np.bincount(rank, minlength=n_seasons)
    out["season_watched"] = np.bincount(rank, weights=episodes["watched"], minlength=n_seasons)
    out["watched"] = np.bincount(
        item[counted], weights=out["season_watched"][counted], minlength=n_shows
    )
    return out
