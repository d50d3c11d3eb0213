"""Rules the statistics group plays by, on frames small enough to work out by hand.

The statistics now group plays by integer codes rather than by Python objects; these
cases pin what "the same show", "the same episode" and "the first play" mean where
the other tests do not: ids against titles, NA values, plays at one instant, unknown
times, object columns as a user's own frame has them.
"""

from __future__ import annotations

import pandas as pd

import trakt_analysis as ta
from trakt_analysis.analysis.history import rewatch_mask
from trakt_analysis.analysis.review_parts import measures, show_keys
from trakt_analysis.frames import history_frame

US = "\x1f"


def _history(rows, *, user="ann"):
    """(utc, title, year, trakt_id, season, episode, type) rows; runtime 30 for every play."""
    return history_frame(
        {
            "title": [r[1] for r in rows],
            "year": [r[2] for r in rows],
            "trakt_id": [r[3] for r in rows],
            "watched_at": pd.to_datetime([r[0] for r in rows], utc=True),
            "action": ["scrobble"] * len(rows),
            "type": [r[6] for r in rows],
            "season": [r[4] for r in rows],
            "episode": [r[5] for r in rows],
            "runtime": [30] * len(rows),
        },
        user=user,
    )


# Show 5 is renamed between plays (one show by its id); "Nine" has no id, so its year
# tells 2010 and 2011 apart; "Five" without an id is not show 5.
KEYED = [
    ("2025-01-01 20:00", "Five", 2000, 5, 1, 1, "episode"),
    ("2025-01-02 20:00", "Five (US)", 2001, 5, 1, 2, "episode"),
    ("2025-01-03 20:00", "Nine", 2010, None, 1, 1, "episode"),
    ("2025-01-04 20:00", "Nine", 2011, None, 1, 1, "episode"),
    ("2025-01-05 20:00", "Nine", 2010, None, 1, 2, "episode"),
    ("2025-01-06 20:00", "Five", 2000, None, 1, 3, "episode"),
    ("2025-01-07 20:00", "Film", 1999, 77, None, None, "movie"),
]


def test_a_show_is_its_trakt_id_else_its_title_and_year():
    keys = show_keys(_history(KEYED)).tolist()
    assert keys == [
        f"id{US}5",
        f"id{US}5",
        f"title{US}Nine{US}2010",
        f"title{US}Nine{US}2011",
        f"title{US}Nine{US}2010",
        f"title{US}Five{US}2000",
        f"id{US}77",
    ]
    counted = measures(_history(KEYED))
    # shows: id 5, Nine 2010, Nine 2011, Five 2000 without an id; one movie
    assert (counted["shows"], counted["movies"]) == (4, 1)


def test_the_same_keys_from_a_frame_of_python_objects():
    frame = _history(KEYED)
    for name in ("title", "year", "trakt_id"):
        frame[name] = frame[name].astype(object)
    assert show_keys(frame).tolist() == show_keys(_history(KEYED)).tolist()


# Episode 1x1 of show 3 three times: the earliest play (the second row) is the first;
# the play at an unknown time (the epoch) comes last. Bo's play is Bo's own first.
REWATCHED = [
    ("2025-03-02 20:00", "Three", 2020, 3, 1, 1, "episode"),
    ("2025-03-01 20:00", "Three", 2020, 3, 1, 1, "episode"),
    ("1970-01-01 00:00", "Three", 2020, 3, 1, 1, "episode"),
    ("2025-03-03 20:00", "Three", 2020, 3, 1, 2, "episode"),
]


def test_a_rewatch_is_every_play_after_the_earliest_of_its_episode_and_user():
    ann = _history(REWATCHED)
    bo = _history(REWATCHED[:1], user="bo")
    both = pd.concat([ann, bo], ignore_index=True)
    assert rewatch_mask(both).tolist() == [True, False, True, False, False]
    got = ta.rewatches(both)
    assert got[["user", "season", "episode", "plays", "rewatches"]].values.tolist() == [
        ["ann", 1, 1, 3, 2]
    ]
    assert got["first_watched_at"].iloc[0] == pd.Timestamp("2025-03-01 20:00", tz="UTC")


def test_plays_logged_at_one_instant_are_no_sitting():
    # Four episodes marked at 20:00, then 20:30 and 21:00: the sitting starts with the
    # last of the four (the plays before it end when it does), so it holds 3 plays.
    rows = [("2025-04-01 20:00", "Six", 2019, 6, 1, e, "episode") for e in (1, 2, 3, 4)]
    rows += [
        ("2025-04-01 20:30", "Six", 2019, 6, 1, 5, "episode"),
        ("2025-04-01 21:00", "Six", 2019, 6, 1, 6, "episode"),
    ]
    got = ta.binge_sessions(_history(rows), tz="UTC")
    assert got[["plays", "first", "last"]].values.tolist() == [[3, "S01E04", "S01E06"]]
    assert got["start"].iloc[0] == pd.Timestamp("2025-04-01 19:30", tz="UTC")


def test_top_shows_tell_shows_apart_by_title_year_and_id():
    got = ta.top_shows(_history(KEYED), by="plays")
    rows = got[["title", "year", "trakt_id", "plays"]].astype(object)
    rows = rows.where(rows.notna(), None).values.tolist()
    # Nine 2010 has 2 plays; the rest 1 each (hours tie too), so by title, and the two
    # "Five" (with and without an id) in the order of their first play
    assert rows == [
        ["Nine", 2010, None, 2],
        ["Five", 2000, 5, 1],
        ["Five", 2000, None, 1],
        ["Five (US)", 2001, 5, 1],
        ["Nine", 2011, None, 1],
    ]
    assert got["rank"].tolist() == [1, 2, 3, 4, 5]
