"""Hand-built progress for the statistics of #25: expected values are worked out in the tests."""

from __future__ import annotations

import pandas as pd
import pytest

from trakt_analysis import Progress, Provenance


def make_shows(user: str = "ana") -> pd.DataFrame:
    """A (Netflix, streaming, no country): two genres; B (HBO, us): drama; C: unknown to TVmaze."""
    return pd.DataFrame(
        {
            "user": [user] * 3,
            "title": ["A", "B", "C"],
            "year": pd.array([2017, 2008, 1994], dtype="Int64"),
            "trakt_id": pd.array([1, 2, 3], dtype="Int64"),
            "genres": pd.Series([["drama", "science-fiction"], ["drama"], None], dtype=object),
            "network": pd.array(["Netflix", "HBO", None], dtype="str"),
            "country": pd.array([None, "us", None], dtype="str"),
            "language": pd.array(["de", "en", None], dtype="str"),
            "show_type": pd.array(["scripted", "scripted", None], dtype="str"),
            "status": pd.array(["ended", "ended", None], dtype="str"),
            "premiered_year": pd.array([2017, 2008, None], dtype="Int64"),
            "runtime": pd.array([50, None, 30], dtype="Int64"),
            "plays": pd.array([3, 1, 0], dtype="Int64"),
            "completed": pd.array([2, 1, 0], dtype="Int64"),
        }
    )


def make_history(user: str = "ana") -> pd.DataFrame:
    rows = [
        # (title, trakt, type, season, episode, watched_at UTC, runtime)
        ("A", 1, "episode", 1, 1, "2023-12-31T23:30:00Z", 50),  # Berlin: 2024-01-01 00:30
        ("A", 1, "episode", 1, 1, "2024-03-01T20:00:00Z", 50),  # a rewatch
        ("A", 1, "episode", 1, 2, "2024-03-01T21:00:00Z", None),  # runtime unknown
        ("B", 2, "episode", 1, 1, "2023-12-31T22:30:00Z", 60),  # Berlin: 2023-12-31 23:30
        ("C", 3, "episode", 1, 1, "2024-05-01T20:00:00Z", 30),
        ("Dune", 9, "movie", None, None, "2024-06-01T20:00:00Z", 120),  # a movie: left out
        ("D", 4, "episode", 1, 1, "2024-07-01T20:00:00Z", 40),  # not in the shows frame
    ]
    return pd.DataFrame(
        {
            "user": [user] * len(rows),
            "title": [r[0] for r in rows],
            "year": pd.array([2020] * len(rows), dtype="Int64"),
            "trakt_id": pd.array([r[1] for r in rows], dtype="Int64"),
            "type": [r[2] for r in rows],
            "season": pd.array([r[3] for r in rows], dtype="Int64"),
            "episode": pd.array([r[4] for r in rows], dtype="Int64"),
            "watched_at": pd.to_datetime([r[5] for r in rows], utc=True),
            "runtime": pd.array([r[6] for r in rows], dtype="Int32"),
        }
    )


def make_progress(user: str = "ana", *, history: bool = True) -> Progress:
    empty = pd.DataFrame()
    return Progress(
        make_shows(user),
        empty,
        empty,
        user,
        history=make_history(user) if history else None,
        provenance=Provenance("export", "hand-made", timezone="Europe/Berlin"),
    )


@pytest.fixture
def hand_progress() -> Progress:
    return make_progress()


def make_ratings(user: str = "ana") -> pd.DataFrame:
    """A 9, B 7 (Berlin: 2024-01-01 00:30), E 4 (never watched, not in the shows frame),
    A's season 2: 8, A S01E01: 10, Dune 6, Arrival: a rating that loaded as NA."""
    rows = [
        ("show", "A", 2017, 1, None, None, 9, "2024-03-02T21:10:00Z"),
        ("show", "B", 2008, 2, None, None, 7, "2023-12-31T23:30:00Z"),
        ("show", "E", 1999, 5, None, None, 4, "2022-05-01T12:00:00Z"),
        ("season", "A", 2017, 1, 2, None, 8, "2024-03-01T12:00:00Z"),
        ("episode", "A", 2017, 1, 1, 1, 10, "2024-02-29T22:30:00Z"),
        ("movie", "Dune", 2020, 9, None, None, 6, "2024-06-02T12:00:00Z"),
        ("movie", "Arrival", 2016, 10, None, None, None, "2024-07-02T12:00:00Z"),
    ]
    return pd.DataFrame(
        {
            "user": [user] * len(rows),
            "type": [r[0] for r in rows],
            "title": [r[1] for r in rows],
            "year": pd.array([r[2] for r in rows], dtype="Int64"),
            "trakt_id": pd.array([r[3] for r in rows], dtype="Int64"),
            "season": pd.array([r[4] for r in rows], dtype="Int64"),
            "episode": pd.array([r[5] for r in rows], dtype="Int64"),
            "rating": pd.array([r[6] for r in rows], dtype="Int64"),
            "rated_at": pd.to_datetime([r[7] for r in rows], utc=True),
        }
    )


def make_people() -> pd.DataFrame:
    """Kyle plays in A and B; Baran made A (Creator) and B (Director and Writer); Nadia is in C."""
    rows = [
        ("A", 1, "cast", 11, "Louis", "Jonas", None),
        ("A", 1, "cast", 12, "Kyle", "Cooper", None),
        ("A", 1, "crew", 13, "Baran", None, "Creator"),
        ("B", 2, "cast", 12, "Kyle", "Agent", None),
        ("B", 2, "crew", 13, "Baran", None, "Director"),
        ("B", 2, "crew", 13, "Baran", None, "Writer"),
        ("C", 3, "cast", 14, "Nadia", "Nadia", None),
    ]
    return pd.DataFrame(
        {
            "title": [r[0] for r in rows],
            "year": pd.array([{"A": 2017, "B": 2008, "C": 1994}[r[0]] for r in rows], "Int64"),
            "trakt_id": pd.array([r[1] for r in rows], dtype="Int64"),
            "role": [r[2] for r in rows],
            "person_id": pd.array([r[3] for r in rows], dtype="Int64"),
            "name": [r[4] for r in rows],
            "character": [r[5] for r in rows],
            "job": [r[6] for r in rows],
        }
    )


@pytest.fixture
def rated_progress() -> Progress:
    import dataclasses

    return dataclasses.replace(make_progress(), ratings=make_ratings(), people=make_people())
