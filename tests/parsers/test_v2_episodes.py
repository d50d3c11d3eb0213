"""parse_watched_shows merges the summaries' episodes with the history's, in bulk.

Hand-worked: which count and time win per episode, what a reset and a hidden
season leave counted, a show whose history is short, and counts too large for
the frame.
"""

from __future__ import annotations

import pandas as pd

from tests.helpers.problems import issued
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers.history import parse_history
from trakt_analysis.parsers.v2 import HiddenProgress, parse_watched_shows

A = {"title": "Andor", "year": 2022, "ids": {"trakt": 1}}
B = {"title": "Bluey", "year": 2018, "ids": {"trakt": 2}}
C = {"title": "Cobra", "year": 2020, "ids": {"trakt": 3}}
AT = "2023-10-{}T20:00:00.000Z"


def _summaries():
    andor = {
        "plays": None,  # unknown: the episodes' plays add up
        "last_watched_at": None,
        "reset_at": "2023-10-22T00:00:00.000Z",
        "show": A,
        "seasons": [
            {
                "number": 1,
                "episodes": [
                    {"number": 1, "plays": None, "last_watched_at": None},
                    {"number": 2, "plays": 3, "last_watched_at": AT.format(21)},
                ],
            }
        ],
    }
    bluey = {"plays": 2, "last_watched_at": AT.format(22), "reset_at": None, "show": B}
    return [andor, bluey]


def _play(i, show, season, number, day, runtime, action="scrobble"):
    return {
        "id": i,
        "watched_at": AT.format(day),
        "action": action,
        "type": "episode",
        "show": show,
        "episode": {"season": season, "number": number, "runtime": runtime},
    }


HISTORY = [  # newest first
    _play(1, C, 1, 1, 25, 30),  # a show only the history names
    _play(2, A, 1, 1, 24, None, action="watch"),
    _play(3, A, 1, 1, 23, 40),  # the first runtime in the history's order
    _play(4, B, 2, 1, 22, 20),  # one of Bluey's 2 plays: its history is short
    _play(5, A, 1, 3, 20, None),  # before Andor's reset
]


def _load(**kwargs):
    history = issued(parse_history, HISTORY, label="h")
    parsed = parse_watched_shows(_summaries(), label="w", history=history, **kwargs)
    return parsed, frames_from_parsed(parsed)


def test_each_episode_takes_the_summary_count_and_time_else_the_history_s():
    _, (shows, seasons, episodes) = _load()
    assert shows["title"].tolist() == ["Andor", "Bluey", "Cobra"]
    andor = episodes[episodes["title"] == "Andor"]
    assert andor["episode"].tolist() == [1, 2, 3]
    assert andor["plays"].tolist() == [2, 3, 1]  # e1's summary count is null: the history's
    assert andor["last_watched_at"].tolist() == [
        pd.Timestamp(AT.format(24)),  # the summary's is null: the history's latest
        pd.Timestamp(AT.format(21)),
        pd.Timestamp(AT.format(20)),
    ]
    assert andor["runtime"].tolist() == [40, pd.NA, pd.NA]
    # Only e1 was watched after the reset of the 22nd.
    assert andor["watched"].tolist() == [True, False, False]
    row = shows.iloc[0]
    assert (row["plays"], row["completed"], row["scrobbles"], row["seen"]) == (6, 1, 2, 1)
    assert row["last_watched_at"] == pd.Timestamp(AT.format(24))
    assert seasons["season"].tolist() == [1, 2, 1]
    assert seasons["completed"].tolist()[0] == 1


def test_a_short_history_leaves_completed_unknown_and_says_so():
    parsed, (shows, seasons, episodes) = _load()
    bluey = shows.iloc[1]
    assert bluey["plays"] == 2
    assert pd.isna(bluey["completed"])
    assert pd.isna(seasons["completed"].iloc[1])
    assert episodes[episodes["title"] == "Bluey"]["watched"].tolist() == [True]
    assert "Bluey (2018): 1 of 2 plays in the history" in parsed.notes[0]
    cobra = shows.iloc[2]
    assert (cobra["plays"], cobra["completed"]) == (1, 1)
    assert episodes[episodes["title"] == "Cobra"]["runtime"].tolist() == [30]


def test_lifetime_counts_the_plays_before_the_reset():
    _, (shows, _, episodes) = _load(reset="lifetime")
    assert shows["completed"].iloc[0] == 3
    assert episodes["watched"].all()


def test_a_hidden_season_is_marked_and_not_counted():
    hidden = HiddenProgress(seasons={1: {1}})  # Andor's season 1, by Trakt id
    _, (shows, seasons, _) = _load(hidden=hidden)
    assert seasons["hidden"].tolist() == [True, False, False]
    assert shows["completed"].iloc[0] == 0
    assert seasons["completed"].iloc[0] == 1  # the season's own count keeps its episode


def test_episode_plays_beyond_the_column_load_as_na_naming_the_show():
    big = {
        "plays": None,
        "show": A,
        "seasons": [{"number": 1, "episodes": [{"number": n, "plays": 2**62} for n in (1, 2)]}],
    }
    parsed = parse_watched_shows([big], label="w")
    assert pd.isna(parsed.shows["plays"][0])
    assert parsed.warnings == [
        f"w: Andor (2022): the episodes' plays add up to {2**63}; plays loaded as NA"
    ]
