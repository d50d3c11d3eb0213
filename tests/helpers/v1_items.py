"""Shared test builders: v1 progress items, built small and changed one field at a time.

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import trakt_analysis as ta


def make_item(title: str = "Show", year: int = 2020, **show: Any) -> dict[str, Any]:
    """A small valid item: one season of 4 episodes, 2 watched."""
    return {
        "show": {
            "title": title,
            "year": year,
            "imdb_id": "tt0000001",
            "tvdb_id": 1001,
            "tvrage_id": 2002,
            **show,
        },
        "progress": {"percentage": 50, "aired": 4, "completed": 2, "left": 2},
        "seasons": [
            {
                "season": 1,
                "percentage": 50,
                "aired": 4,
                "completed": 2,
                "left": 2,
                "episodes": {"1": True, "2": True, "3": False, "4": False},
            }
        ],
        "hidden_seasons": [],
        "stats": {"plays": 2, "scrobbles": 1, "checkins": 0, "seen": 1},
        "next_episode": {"season": 1, "number": 3, "title": "Three", "first_aired": 1_600_000_000},
    }


def with_change(path: str, value: Any) -> list[dict[str, Any]]:
    """[make_item()] with the value at a dotted path replaced (or deleted for DELETE)."""
    item = make_item()
    *parents, last = path.split(".")
    node: Any = item
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is DELETE:
        del node[last]
    else:
        node[last] = value
    return [item]


DELETE = object()


def unknown_item(title="Mystery", completed=6):
    """A show whose aired and left are unknown (null), as the account export has them."""
    item = make_item(title, tvdb_id=9)
    item["progress"] = {"aired": None, "completed": completed, "left": None, "percentage": None}
    item["seasons"] = []
    return item


def stale_totals_item():
    """Issue part 3: progress says 29 of 83; seasons 13/13, 18/18, 26/26, 26/26, all watched."""
    sizes = [13, 18, 26, 26]
    seasons = [
        {"season": n, "percentage": 100, "aired": size, "completed": size, "left": 0,
         "episodes": {str(e): True for e in range(1, size + 1)}}
        for n, size in enumerate(sizes, start=1)
    ]  # fmt: skip
    return {
        "show": {"title": "Breaking Bad", "year": 2008, "tvdb_id": 81189},
        "progress": {"percentage": 34, "aired": 83, "completed": 29, "left": 54},
        "seasons": seasons,
        "hidden_seasons": [],
        "stats": {"plays": 83, "scrobbles": 83, "checkins": 0, "seen": 0},
        "next_episode": False,
    }


def bob() -> ta.Progress:
    p = ta.load_progress([unknown_item("A", 6), unknown_item("B", 3)], user="bob")
    na = pd.array([None, None], dtype="Int64")
    return ta.Progress(
        p.shows.assign(scrobbles=na, checkins=na, seen=na), p.seasons, p.episodes, "bob"
    )
