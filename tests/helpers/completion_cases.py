"""Shared test builders: watched-only progress and episode guides, worked by hand.

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.errors import TraktDataWarning
from trakt_analysis.progress import Progress, Provenance
from trakt_analysis.sources.completion import complete_progress

NOW = pd.Timestamp("2025-01-01T00:00:00Z")


def _item(title, year, tvdb, seasons):
    aired = sum(len(eps) for number, eps in seasons if number > 0)
    done = sum(sum(eps.values()) for number, eps in seasons if number > 0)
    return {
        "show": {"title": title, "year": year, "tvdb_id": tvdb, "imdb_id": f"tt{tvdb:07d}"},
        "progress": {
            "aired": aired,
            "completed": done,
            "left": aired - done,
            "percentage": done * 100 // aired,
        },
        "seasons": [
            {
                "season": number,
                "aired": len(eps),
                "completed": sum(eps.values()),
                "left": len(eps) - sum(eps.values()),
                "percentage": sum(eps.values()) * 100 // len(eps),
                "episodes": {str(k): v for k, v in eps.items()},
            }
            for number, eps in seasons
        ],
        "hidden_seasons": [],
        "next_episode": False,
    }


def watched_only() -> Progress:
    """What an export gives: the watched episodes, NA aired counts."""
    items = [
        _item("A", 2020, 1, [(0, {1: True}), (1, {1: True, 2: True}), (2, {5: True})]),
        _item("B", 2001, 2, [(1, {1: True})]),
    ]
    shows, seasons, episodes = ta.load_progress(items, user="u")
    shows = shows.copy()
    for column in ("aired", "left", "percentage", "completion"):
        shows[column] = pd.Series(pd.NA, index=shows.index, dtype=shows[column].dtype)
    seasons = seasons.copy()
    for column in ("aired", "left", "percentage", "completion"):
        seasons[column] = pd.Series(pd.NA, index=seasons.index, dtype=seasons[column].dtype)
    episodes = episodes.assign(plays=pd.array([1] * len(episodes), dtype="Int64"))
    return Progress(shows, seasons, episodes, "u", provenance=Provenance("export", "x.zip"))


def guide() -> pd.DataFrame:
    rows = [
        (0, 0, 1, "Xmas", "2019-12-25T00:00:00Z", 50),
        (0, 0, 2, "Spring", "2020-03-01T00:00:00Z", 40),
        (0, 1, 1, "One", "2020-01-01T00:00:00Z", 30),
        (0, 1, 2, "Two", "2020-01-08T00:00:00Z", 30),
        (0, 1, 3, "Three", "2020-01-15T00:00:00Z", 31),
        (0, 1, 4, "Four", "2099-01-01T00:00:00Z", 30),
        (0, 1, 5, "Five", None, None),
        (0, 2, 1, "Two-one", "2020-02-01T00:00:00Z", 30),
    ]
    frame = pd.DataFrame(
        rows, columns=["show", "season", "episode", "title", "first_aired", "runtime"]
    )
    frame["first_aired"] = pd.to_datetime(frame["first_aired"], utc=True)
    frame["runtime"] = frame["runtime"].astype("Int64")
    return frame


def complete(progress=None, **kwargs):
    kwargs.setdefault("now", NOW)
    with pytest.warns(TraktDataWarning) as record:
        result = complete_progress(progress or watched_only(), guide(), {0: 77}, **kwargs)
    return result, [str(w.message) for w in record]
