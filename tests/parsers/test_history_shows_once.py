"""The history's typed path reads each distinct show object once and spreads it to its plays.

Hand-worked: a repeated show, the same Trakt id under another title, a show
with fields the Structs skip, and null shows, which only a movie play may have.
"""

from __future__ import annotations

import orjson
import pandas as pd
import pytest

from tests.helpers.problems import issued
from trakt_analysis.frames import history_frame
from trakt_analysis.parsers import history
from trakt_analysis.parsers.history_typed import decode_history

LABEL = "watched-history-1.json"
DARK = {"title": "Dark", "year": 2017, "ids": {"trakt": 1, "slug": "dark", "tvdb": 7}}
DUNKEL = {**DARK, "title": "Dunkel"}  # the same Trakt id, renamed


def _play(i, show, number, **extra):
    return {
        "id": i,
        "watched_at": f"2023-10-2{i}T20:00:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "show": show,
        "episode": {"season": 1, "number": number},
        **extra,
    }


def _movie(i, **extra):
    movie = {"title": "Arrival", "year": 2016, "ids": {"trakt": 9}, "runtime": 116}
    return {
        "id": i,
        "watched_at": "2023-10-25T20:00:00.000Z",
        "type": "movie",
        "movie": movie,
        **extra,
    }


def test_each_distinct_show_is_decoded_once_and_every_play_keeps_its_own():
    payload = orjson.dumps([_play(1, DARK, 1), _play(2, DUNKEL, 2), _play(3, DARK, 3), _movie(4)])
    plays = decode_history(payload)
    assert plays is not None
    assert [show.title for show in plays.shows] == ["Dark", "Dunkel"]
    assert plays.show_of.tolist() == [0, 1, 0, -1]
    frame = history_frame(issued(history.parse_history_json, payload, label=LABEL))
    assert frame["title"].tolist() == ["Dark", "Dunkel", "Dark", "Arrival"]
    assert frame["trakt_id"].tolist() == [1, 1, 1, 9]
    assert frame["slug"].tolist()[:3] == ["dark"] * 3
    assert frame["tvdb_id"].tolist()[:3] == [7, 7, 7]
    assert pd.isna(frame["slug"].iloc[3])
    assert frame["year"].tolist() == [2017, 2017, 2017, 2016]
    assert frame["runtime"].tolist()[3] == 116


def test_a_show_with_fields_the_structs_skip_stays_on_the_typed_path():
    full = {**DARK, "overview": "A missing child...", "rating": 8.4}  # extended=full
    payload = orjson.dumps([_play(1, full, 1), _play(2, DARK, 2)])
    columns = history.typed_history_columns(payload)
    assert columns is not None
    assert list(columns["title"]) == ["Dark", "Dark"]
    assert list(columns["tvdb_id"]) == [7, 7]


@pytest.mark.parametrize(
    "show_text",
    [
        b'{"title": "Dark", "overview": "\xff"}',  # not UTF-8, in a field the Structs skip
        b'{"title": "Dark", "votes": 1' + b"0" * 400 + b"}",  # beyond a double: orjson refuses
    ],
)
def test_a_show_the_full_walk_s_parser_refuses_leaves_the_typed_path(show_text):
    payload = orjson.dumps([_play(1, DARK, 1), _play(2, "SHOW", 2)])
    payload = payload.replace(b'"SHOW"', show_text)
    assert history.typed_history_columns(payload) is None


def test_a_null_show_leaves_the_typed_path_on_an_episode_play_only():
    assert history.typed_history_columns(orjson.dumps([_play(1, None, 1)])) is None
    columns = history.typed_history_columns(orjson.dumps([_play(1, DARK, 1), _movie(2, show=None)]))
    assert columns is not None
    assert list(columns["title"]) == ["Dark", "Arrival"]
