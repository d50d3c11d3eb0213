"""parse_watched_shows: watched-shows summaries (and the history) -> the three frames."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.problems import issued
from trakt_analysis.errors import TraktDataError
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers.history import parse_history
from trakt_analysis.parsers.v2 import parse_watched_shows

IDS = {"trakt": 146535, "slug": "loki", "tvdb": 362472, "imdb": "tt9140554", "tmdb": 84958}
LOKI = {"title": "Loki", "year": 2021, "ids": {**IDS, "tvrage": None}}
T = "2023-10-2{}T20:00:00.000Z"


def summary(**extra):
    return {
        "plays": 4,
        "last_watched_at": T.format(3),
        "last_updated_at": T.format(3),
        "reset_at": None,
        "show": LOKI,
        "seasons": [
            {"number": 0, "episodes": [{"number": 1, "plays": 1, "last_watched_at": T.format(1)}]},
            {
                "number": 1,
                "episodes": [
                    {"number": 1, "plays": 2, "last_watched_at": T.format(2)},
                    {"number": 2, "plays": 1, "last_watched_at": T.format(3)},
                ],
            },
        ],
        **extra,
    }


def hist(i, season, number, action, show=LOKI):
    return {
        "id": i,
        "watched_at": T.format(i),
        "action": action,
        "type": "episode",
        "show": show,
        "episode": {"season": season, "number": number, "runtime": 50},
    }


def test_summaries_alone():
    progress = frames_from_parsed(parse_watched_shows([summary()], label="w"), user="me")
    shows, seasons, episodes = progress
    row = shows.iloc[0]
    assert row["plays"] == 4
    assert row["completed"] == 2
    assert row["last_watched_at"] == pd.Timestamp(T.format(3))
    assert pd.isna(row["reset_at"])
    for column in ("aired", "left", "completion", "percentage", "scrobbles", "seen", "next_number"):
        assert pd.isna(row[column]), column  # the summaries have none: NA, never 0
    assert row["trakt_id"] == 146535
    assert row["slug"] == "loki"
    assert list(seasons["season"]) == [0, 1]
    assert list(seasons["completed"]) == [1, 2]
    assert seasons["aired"].isna().all()
    assert not seasons["hidden"].any()
    assert list(zip(episodes["season"], episodes["episode"], strict=True)) == [
        (0, 1),
        (1, 1),
        (1, 2),
    ]
    assert list(episodes["plays"]) == [1, 2, 1]
    assert episodes["watched"].all()
    assert episodes["first_aired"].isna().all()


def test_specials_count_when_asked():
    shows = frames_from_parsed(parse_watched_shows([summary()], label="w", specials=True)).shows
    assert shows["completed"].iloc[0] == 3


def test_history_adds_the_action_split_runtimes_and_missing_shows():
    other = {"title": "Dark", "year": 2017, "ids": {"trakt": 9}}
    items = [
        hist(5, 1, 3, "checkin"),  # an episode the summary lacks
        hist(4, 1, 1, "scrobble"),
        hist(3, 1, 2, "watch"),
        hist(2, 1, 1, "scrobble"),
        hist(1, 0, 1, "scrobble"),
        hist(6, 2, 1, "watch", show=other),  # a show only the history names
    ]
    history = issued(parse_history, items, label="h")
    shows, seasons, episodes = frames_from_parsed(
        parse_watched_shows([summary()], label="w", history=history)
    )
    assert list(shows["title"]) == ["Loki", "Dark"]
    loki, dark = shows.iloc[0], shows.iloc[1]
    assert (loki["scrobbles"], loki["checkins"], loki["seen"]) == (3, 1, 1)
    assert loki["plays"] == 4  # the summary's count wins where it has one
    assert loki["completed"] == 3
    assert (dark["plays"], dark["completed"], dark["seen"], dark["scrobbles"]) == (1, 1, 1, 0)
    assert dark["last_watched_at"] == pd.Timestamp(T.format(6))
    new = episodes[(episodes["title"] == "Loki") & (episodes["episode"] == 3)].iloc[0]
    assert new["plays"] == 1
    assert new["last_watched_at"] == pd.Timestamp(T.format(5))
    assert new["runtime"] == 50
    assert list(seasons["season"]) == [0, 1, 2]


def test_a_show_without_seasons_keeps_its_plays_and_unknown_completed():
    item = {k: v for k, v in summary().items() if k != "seasons"}
    shows = frames_from_parsed(parse_watched_shows([item], label="w")).shows
    assert shows["plays"].iloc[0] == 4
    assert pd.isna(shows["completed"].iloc[0])


def test_bad_summaries_are_named_and_the_others_load():
    bad_season = summary(seasons=[7, {"number": 1, "episodes": [{"number": "x"}]}])
    bad_season["show"] = {**LOKI, "ids": {**LOKI["ids"], "trakt": 999_001}}  # another show
    data = [summary(), "oops", {"show": {"year": 1}}, bad_season]
    parsed = parse_watched_shows(data, label="w.json")
    text = " | ".join(parsed.warnings)
    assert "w.json: item 1: expected an object" in text
    assert "item 2: a show without a title or ids; left out" in text
    assert "item 3 ('Loki'): seasons[0]: expected an object" in text
    assert "seasons[1].episodes[0]" in text
    assert len(parsed.shows["title"]) == 2


def test_a_show_listed_twice_is_read_once_and_said():
    # Offset paging over a list that changed while it was read repeats an entry.
    parsed = parse_watched_shows([summary(), summary()], label="w.json")
    assert len(parsed.shows["title"]) == 1
    assert parsed.shows["plays"].tolist() == [4]
    assert parsed.notes == [
        "w.json: 1 show was listed twice (the same Trakt id); each is counted once"
    ]


def test_unwatched_shows_are_not_shows_you_watched():
    item = summary(plays=0, seasons=[])
    assert len(parse_watched_shows([item], label="w").shows["title"]) == 0


@pytest.mark.parametrize("data", [{"a": 1}, "x", 3])
def test_a_top_level_that_is_not_a_list_raises(data):
    with pytest.raises(TraktDataError, match=r"w\.json: expected a JSON list of watched shows"):
        parse_watched_shows(data, label="w.json")
