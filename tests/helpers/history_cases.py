"""Shared test builders: hand-worked watch histories (DST change, New Year, a year).

Here, not in a test module: no test imports another test module.
"""

from __future__ import annotations

import pandas as pd

from trakt_analysis.frames import history_frame

TRAKT_IDS = {
    "Alpha": 1,
    "Beta": 2,
    "Delta": 4,
    "Xeno": 6,
    "Yoke": 7,
    "Zulu": 8,
    "Gamma": 9,
    "Omega": 10,
}


def plays(rows, *, user="ann"):
    """A typed history frame from (utc, title, season, episode, runtime, type) rows."""
    columns = {
        "title": [r[1] for r in rows],
        "year": [2001 if r[5] == "episode" else 2010 for r in rows],
        "trakt_id": [TRAKT_IDS[r[1]] for r in rows],
        "watched_at": pd.to_datetime([r[0] for r in rows], utc=True),
        "action": ["scrobble"] * len(rows),
        "type": [r[5] for r in rows],
        "season": [r[2] for r in rows],
        "episode": [r[3] for r in rows],
        "runtime": [r[4] for r in rows],
    }
    return history_frame(columns, user=user)


SIX = [
    ("2025-03-29 22:30", "Alpha", 1, 1, 45, "episode"),
    ("2025-03-30 00:45", "Alpha", 1, 2, 45, "episode"),
    ("2025-03-30 01:15", "Alpha", 1, 3, None, "episode"),
    ("2025-12-31 23:10", "Beta", 1, 1, 30, "episode"),
    ("2025-12-31 18:40", "Alpha", 1, 1, 0, "episode"),
    ("2025-06-15 19:00", "Gamma", None, None, 120, "movie"),
]


ROWS = [
    ("2024-05-01 20:00", "Alpha", 1, 1, 60, "episode"),
    ("2024-06-01 20:00", "Gamma", None, None, 120, "movie"),
    ("2025-01-05 10:00", "Alpha", 1, 2, 60, "episode"),
    ("2025-01-05 11:00", "Alpha", 1, 3, 60, "episode"),
    ("2025-01-05 12:00", "Alpha", 1, 4, 60, "episode"),
    ("2025-02-10 21:00", "Beta", 1, 1, 30, "episode"),
    ("2025-02-10 21:30", "Beta", 1, 2, 30, "episode"),
    ("2025-02-10 22:00", "Beta", 1, 3, 30, "episode"),
    ("2025-03-01 20:00", "Gamma", None, None, 120, "movie"),
    ("2025-03-02 20:00", "Omega", None, None, 90, "movie"),
    ("2025-12-31 22:00", "Delta", 1, 1, None, "episode"),
    ("2026-01-01 00:30", "Delta", 1, 2, 45, "episode"),
]


def demo_with_history(rows):
    """The demo progress with `rows` (see :func:`plays`) as its history, in UTC."""
    import dataclasses

    import trakt_analysis as ta

    demo = ta.load_demo()
    provenance = ta.Provenance("demo", "demo", timezone="UTC")
    return dataclasses.replace(demo, history=plays(rows, user=demo.user), provenance=provenance)


def history(rows=ROWS):
    """The hand-worked year of ROWS (tests/analysis/test_year_review.py works it out)."""
    return plays(rows)
