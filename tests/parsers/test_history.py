"""parse_history: hand-worked history items -> the history frame's columns."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.history_items import LOKI
from tests.helpers.problems import issued
from trakt_analysis.errors import TraktDataError, TraktDataWarning
from trakt_analysis.frames import history_frame
from trakt_analysis.parsers.history import parse_history

BSG_MOVIE = {
    "title": "Battlestar Galactica",
    "year": 1978,
    "ids": {"trakt": 1, "imdb": "tt0077215"},
}


def play(i: int, action: str = "scrobble", **episode: object) -> dict:
    return {
        "id": i,
        "watched_at": f"2023-10-2{i}T18:31:05.000Z",
        "action": action,
        "type": "episode",
        "show": LOKI,
        "episode": {
            "season": 1,
            "number": i,
            "title": f"E{i}",
            "ids": {"trakt": 100 + i},
            **episode,
        },
    }


def test_episodes_and_movies_become_rows_in_input_order():
    data = [
        play(3, runtime=52),
        {
            "id": "2",
            "watched_at": "2023-10-22T20:00:00.000Z",
            "action": "checkin",
            "type": "movie",
            "movie": {**BSG_MOVIE, "runtime": 125},
        },
        play(1, action="watch"),
    ]
    frame = history_frame(issued(parse_history, data, label="h.json"), user="me")
    assert list(frame["type"]) == ["episode", "movie", "episode"]
    assert list(frame["action"]) == ["scrobble", "checkin", "watch"]
    assert list(frame["id"]) == [3, 2, 1]  # a string id is read as a number
    assert frame["watched_at"].iloc[1] == pd.Timestamp("2023-10-22T20:00:00Z")
    assert str(frame["watched_at"].dtype) == "datetime64[ns, UTC]"
    assert frame["season"].iloc[0] == 1
    assert frame["episode"].iloc[0] == 3
    assert pd.isna(frame["season"].iloc[1])
    assert pd.isna(frame["episode"].iloc[1])
    assert list(frame["runtime"].astype(object).where(frame["runtime"].notna(), None)) == [
        52,
        125,
        None,
    ]
    assert frame["title"].iloc[1] == "Battlestar Galactica"
    assert frame["year"].iloc[1] == 1978
    assert frame["trakt_id"].iloc[0] == 146535
    assert frame["tmdb_id"].iloc[0] == 84958
    assert frame["slug"].iloc[0] == "loki"
    assert frame["imdb_id"].iloc[0] == "tt9140554"
    assert pd.isna(frame["tvrage_id"].iloc[0])
    assert frame["episode_trakt_id"].iloc[2] == 101
    assert frame["episode_title"].iloc[0] == "E3"
    assert list(frame["user"].astype(str)) == ["me"] * 3


def test_string_and_zero_ids():
    show = {"title": "X", "year": "2001", "ids": {"trakt": "7", "tvdb": "0", "imdb": ""}}
    data = [{**play(1), "show": show}]
    frame = history_frame(issued(parse_history, data, label="h"))
    assert frame["trakt_id"].iloc[0] == 7
    assert frame["year"].iloc[0] == 2001
    assert pd.isna(frame["tvdb_id"].iloc[0])
    assert pd.isna(frame["imdb_id"].iloc[0])


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (5, "entry 1: expected an object"),
        ({**play(2), "show": None}, "entry 1: an episode play without a show"),
        ({k: v for k, v in play(2).items() if k != "show"}, "without a show"),
        ({**play(2), "type": "season"}, "unknown type 'season'"),
        ({**play(2), "episode": {"season": 1}}, "no plausible season and number"),
        ({**play(2), "episode": None}, "an episode play without an episode"),
        ({**play(2), "episode": {"season": -1, "number": 1}}, "episode number"),
        ({"type": "movie", "movie": None}, "a movie play without a movie"),
    ],
)
def test_one_bad_entry_is_left_out_with_a_warning_naming_it(bad, words):
    with pytest.warns(TraktDataWarning, match="h.json") as record:
        cols = issued(parse_history, [play(1), bad, play(3)], label="h.json")
    assert words in str(record[0].message)
    assert list(cols["episode"]) == [1, 3]


def test_odd_values_load_as_na_with_a_warning():
    data = [
        {**play(1), "watched_at": "yesterday", "action": "rewatch"},
        {**play(2), "action": 7, "id": -4},
    ]
    with pytest.warns(TraktDataWarning) as record:
        frame = history_frame(issued(parse_history, data, label="h"))
    # One warning per entry, naming it.
    message = " | ".join(str(r.message) for r in record)
    assert len(record) == 2
    assert "'yesterday' is not a time" in message
    assert "unknown action 'rewatch'" in message
    assert "entry 1 ('Loki'): id:" in message
    assert "action: expected a string" in message
    assert pd.isna(frame["watched_at"].iloc[0])
    assert frame["action"].iloc[0] == "rewatch"  # kept as sent, counted as no kind
    assert pd.isna(frame["action"].iloc[1])
    assert pd.isna(frame["id"].iloc[1])


def test_type_is_inferred_when_missing():
    movie = {"id": 2, "watched_at": "2020-01-01T00:00:00Z", "action": "watch", "movie": BSG_MOVIE}
    episode = {k: v for k, v in play(1).items() if k != "type"}
    cols = issued(parse_history, [movie, episode], label="h")
    assert list(cols["type"]) == ["movie", "episode"]


@pytest.mark.parametrize("data", [{"history": []}, "[]", None, 3])
def test_a_top_level_that_is_not_a_list_raises(data):
    with pytest.raises(TraktDataError, match=r"h\.json: expected a JSON list of history entries"):
        issued(parse_history, data, label="h.json")


def test_empty_history():
    frame = history_frame(issued(parse_history, [], label="h"))
    assert len(frame) == 0
    assert list(frame.columns)[:2] == ["user", "title"]


def test_a_runtime_beyond_the_columns_range_loads_as_na_with_a_warning():
    data = [play(1, runtime=2**31), play(2, runtime=2**31 - 1)]
    with pytest.warns(TraktDataWarning, match=r"entry 0 \('Loki'\): runtime: 2147483648 minutes"):
        cols = issued(parse_history, data, label="h")
    assert cols["runtime"].isna().tolist() == [True, False]


def test_a_watched_at_beyond_the_columns_range_loads_as_nat_with_a_warning():
    # pandas parses 2300 at a coarser unit; the frame's datetime64[ns] column cannot hold it.
    data = [{**play(1), "watched_at": "2300-01-01T00:00:00.000Z"}, play(2)]
    with pytest.warns(TraktDataWarning, match="is beyond the years 1677 to 2262"):
        frame = history_frame(issued(parse_history, data, label="h"))
    assert pd.isna(frame["watched_at"].iloc[0])
    assert frame["watched_at"].iloc[1] == pd.Timestamp("2023-10-22T18:31:05Z")


@pytest.mark.parametrize("word", ["now", "today"])
def test_now_and_today_are_no_watched_at_and_load_as_nat_with_a_warning(word):
    # pandas reads them as the clock's time: a play would move to the day the file is loaded.
    data = [{**play(1), "watched_at": word}, play(2)]
    with pytest.warns(
        TraktDataWarning, match=f"entry 0 \\('Loki'\\): watched_at '{word}' is not a time"
    ):
        frame = history_frame(issued(parse_history, data, label="h"))
    assert pd.isna(frame["watched_at"].iloc[0])
    assert frame["watched_at"].iloc[1] == pd.Timestamp("2023-10-22T18:31:05Z")
