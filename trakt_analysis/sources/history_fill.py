"""Fill what the shows frame lacks from the history, where a source has both.

API v1 (and the demo users built on it) sends no ``last_watched_at``; the
history says when each show was last played. Shows and plays are matched by
user and Trakt id where both have one, else by user, title and year.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from ..progress import Progress

__all__ = ["fill_last_watched"]


def _keys(frame: pd.DataFrame, by: list[str]) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame[c].astype(object) for c in by])


def fill_last_watched(progress: Progress) -> Progress:
    """`progress` with ``shows.last_watched_at`` filled from the history where it is NA.

    The value is the show's latest episode play in the history (UTC). Values
    the source sent are kept; shows without a play in the history stay NA.
    Without a history (or a ``last_watched_at`` column) `progress` is returned.
    """
    history, shows = progress.history, progress.shows
    if history is None or not len(history) or "last_watched_at" not in shows.columns:
        return progress
    missing = shows["last_watched_at"].isna()
    if not missing.any():
        return progress
    plays = history[history["type"].astype(object) == "episode"] if "type" in history else history
    plays = plays[plays["watched_at"].notna()]
    filled = shows["last_watched_at"].copy()
    for by in (["user", "trakt_id"], ["user", "title", "year"]):
        if not all(c in plays.columns and c in shows.columns for c in by):
            continue
        known = plays.dropna(subset=by[1:])
        if not len(known):
            continue
        latest = known.groupby(_keys(known, by))["watched_at"].max()
        found = pd.Series(_keys(shows, by).map(latest.to_dict().get), index=shows.index)
        take = filled.isna() & found.notna()
        if take.any():
            filled[take] = pd.to_datetime(found[take], utc=True).astype(filled.dtype)
    if filled.equals(shows["last_watched_at"]):
        return progress
    return dataclasses.replace(progress, shows=shows.assign(last_watched_at=filled))
