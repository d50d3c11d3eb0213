"""The typed path of the v1 loader (msgspec) gives exactly what the full walk gives.

``parse_progress_json`` decodes the seasons with msgspec Structs and gathers the
shows' fields column by column; on anything unusual it hands the bytes to the
full walk (``parse_progress``). Either way the frames, the warnings and the
errors must be the ones the full walk gives, so these tests compare the two on
generated responses, on damaged ones, and on hand-made cases that must leave
the typed path.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import orjson
import pandas as pd
import pytest
from hypothesis import given

import trakt_analysis as ta
from tests.helpers.strategies import SETTINGS, damaged, responses
from trakt_analysis.demo.generate import generate_progress
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers._json import decode_json
from trakt_analysis.parsers.v1 import parse
from trakt_analysis.parsers.v1.episode_bytes import read_episodes
from trakt_analysis.parsers.v1.typed import decode_items

SEED = orjson.loads(Path("data/fixtures/seed_example.json").read_bytes())


def _outcome(parse: Any, arg: Any) -> Any:
    try:
        parsed = parse(arg)
    except ta.TraktError as exc:
        return exc
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)  # the builder's own, the same
        return parsed, frames_from_parsed(parsed, user="u")


_INVALID = object()


def assert_same_as_full_walk(payload: bytes) -> None:
    """The typed path's result on `payload` is the full walk's: frames, warnings, errors."""
    try:  # the full walk's input, parsed as parse_progress_json's fallback parses it
        data = decode_json(payload)
    except ta.TraktDataError:
        data = _INVALID  # not None: the payload "null" is valid JSON
    fast = _outcome(parse.parse_progress_json, payload)
    if data is _INVALID:  # invalid JSON: the full walk's message (line and column) either way
        assert isinstance(fast, ta.TraktDataError)
        assert "invalid JSON" in str(fast) or "not valid UTF-8" in str(fast)
        return
    full = _outcome(parse.parse_progress, data)
    if isinstance(full, Exception):
        assert type(fast) is type(full)
        assert str(fast) == str(full)
        return
    assert not isinstance(fast, Exception), fast
    assert fast[0].warnings == full[0].warnings
    for got, want in zip(fast[1], full[1], strict=True):
        pd.testing.assert_frame_equal(got, want)


def takes_typed_path(payload: bytes) -> bool:
    items = decode_items(payload)
    if not items:
        return False
    try:
        parse.parse_typed(items)  # the typed path alone, no fallback
    except ta.TraktDataError:
        return False
    return True


@SETTINGS
@given(responses())
def test_valid_responses_load_the_same_on_both_paths(data):
    assert_same_as_full_walk(orjson.dumps(data))


@SETTINGS
@given(damaged())
def test_damaged_responses_load_or_fail_the_same_on_both_paths(data):
    # json, not orjson: the damage includes integers beyond 64 bits and NaN. Spaced and
    # compact: the episodes are read from their text where compact (_episode_bytes).
    assert_same_as_full_walk(json.dumps(data).encode())
    assert_same_as_full_walk(json.dumps(data, separators=(",", ":")).encode())


def test_the_demo_users_and_the_seed_take_the_typed_path():
    # Without this, a change to the generator or the Structs could send every load
    # down the full walk: still right, but slow, and no other test would notice.
    for payload in (generate_progress(60, episodes_per_show=20), orjson.dumps(SEED)):
        assert takes_typed_path(payload)
        assert_same_as_full_walk(payload)


def _changed(change, *, compact: bool = False) -> bytes:
    data = copy.deepcopy(SEED)
    change(data)
    return json.dumps(data, separators=(",", ":") if compact else None).encode()


def _set(path: str, value: object):
    def change(data: list[dict[str, Any]]) -> None:
        *keys, last = path.split(".")
        node: Any = data
        for key in keys:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value

    return change


# Each leaves the typed path; the full walk loads it (NA and a warning) or explains it.
LEAVING = {
    "a count as text": _set("0.seasons.0.aired", "10"),
    "a whole-number float": _set("0.seasons.0.completed", 2.0),
    "a negative count": _set("0.seasons.0.left", -1),
    "a count beyond 2**53": _set("0.seasons.0.aired", 2**53 + 1),
    "a field beyond the season's": _set("0.seasons.0.rating", 9),
    "a season field named like the parser's own column": _set("0.seasons.0._item", 5),
    "null episodes": _set("0.seasons.0.episodes", None),
    "an episode key that is not a number": _set("0.seasons.0.episodes", {"1": True, "x": False}),
    "an episode key '-0' (msgspec reads it as 0)": _set("0.seasons.0.episodes", {"-0": True}),
    "an episode flag that is not a boolean": _set("0.seasons.0.episodes", {"1": 1}),
    "a season number beyond int64": _set("0.seasons.0.season", 2**63),  # was an OverflowError
    "a season listed twice": lambda d: d[0]["seasons"].append(copy.deepcopy(d[0]["seasons"][0])),
    "a field beyond the item's": _set("0.watched_at", "2014-01-01"),
    "a field beyond progress": _set("0.progress.last_watched_at", "2014-01-01"),
    "progress without aired": lambda d: d[0]["progress"].pop("aired"),
    "no seasons": lambda d: d[0].pop("seasons"),
    "a title that is not text": _set("0.show.title", 1883),
    "an imdb id that is a number": _set("0.show.imdb_id", 944947),
    "next_episode true": _set("0.next_episode", True),
    "num and number disagreeing": lambda d: d[0]["next_episode"].update(number=9),
    "viewer fields inside and beside disagreeing": lambda d: (
        d[0]["show"].update(watched=True),
        d[0].update(watched=False),
    ),
    "a rating of true": _set("0.rating", True),
    "negative viewer plays": _set("0.plays", -2),
    "viewer plays beyond int64": _set("0.plays", 2**63),  # was a bare OverflowError
    "viewer plays beyond int64, inside the show": _set("0.show.plays", 2**64),
    "a v2 show with ids": _set("0.show.ids", {"trakt": 1}),
    "hidden_seasons false": _set("0.hidden_seasons", False),  # found by hypothesis
}


@pytest.mark.parametrize("change", LEAVING.values(), ids=LEAVING.keys())
def test_unusual_input_leaves_the_typed_path_and_loads_as_the_full_walk_does(change):
    payload = _changed(change)
    assert not takes_typed_path(payload)
    assert_same_as_full_walk(payload)


def test_nesting_beyond_msgspecs_depth_fails_as_the_full_walk_fails():
    # msgspec raises RecursionError here (this harness once let it out); orjson says where.
    deep = b'{"a":' * 5000 + b"1" + b"}" * 5000
    payload = _changed(_set("0.show.deep", "DEEP")).replace(b'"DEEP"', deep, 1)
    assert not takes_typed_path(payload)
    assert_same_as_full_walk(payload)
    with pytest.raises(ta.TraktDataError, match="depth limit exceeded"):
        ta.load_progress(payload)


# Each stays on the typed path, with the values the full walk gives.
STAYING = {
    "ids as text": _set("0.show.tvdb_id", "121361"),
    "an empty imdb id": _set("0.show.imdb_id", ""),
    "an odd year (NA and a warning)": _set("0.show.year", "MMXI"),
    "next_episode false": _set("0.next_episode", False),
    "next_episode null": _set("0.next_episode", None),
    "num only": lambda d: d[0]["next_episode"].update(num=8),
    "number only": lambda d: (
        d[0]["next_episode"].pop("num"),
        d[0]["next_episode"].update(number=8),
    ),
    "viewer fields inside the show": lambda d: d[0]["show"].update(
        watched=True, plays=3, in_watchlist=False, rating="love"
    ),
    "viewer fields inside and beside, agreeing": lambda d: (
        d[0]["show"].update(watched=True, plays=3),
        d[0].update(watched=True, rating="hate"),
    ),
    "viewer fields beside, rating false": lambda d: d[0].update(
        watched=True, plays=3, in_watchlist=False, rating=False
    ),
    "a hidden season": _set("0.hidden_seasons", [0, "1"]),
    "a nested field beyond the show's": _set("0.show.images", {"poster": {"full": "p.jpg"}}),
    "an empty object beyond the show's": _set("0.show.airs", {}),
    "unknown stats": _set("0.stats", None),
    "a null count": _set("0.seasons.0.percentage", None),
    "an air time beyond a float (NA and a warning)": _set("0.next_episode.first_aired", 10**400),
    "an extra number beyond a float beside a fraction": lambda d: (
        d[0]["show"].update(score=1.5),
        d[1]["show"].update(score=10**400),
    ),
    "a season with no episodes": _set("0.seasons.0.episodes", {}),
}


@pytest.mark.parametrize("compact", [False, True], ids=["spaced", "compact"])
@pytest.mark.parametrize("change", STAYING.values(), ids=STAYING.keys())
def test_v1_quirks_stay_on_the_typed_path_with_the_full_walks_values(change, compact):
    payload = _changed(change, compact=compact)
    assert takes_typed_path(payload)
    assert_same_as_full_walk(payload)


# Episodes objects the compact reader (_episode_bytes) declines or reads unusually: on either
# path, in either form, the full walk's result.
EPISODES = {
    "a key with a leading zero (the full walk reads it as 1)": {"01": True},
    "a key with a leading zero beside the same number": {"1": True, "01": False},
    "keys out of order": {"2": True, "1": False},
    "a key of eight digits": {"12345678": True},
    "a key beyond the cap": {"1000001": True},
    "the key -0": {"-0": True},
    "an empty key": {"": True},
    "a key holding a colon": {"1:2": True},
    "a key of digits beyond ASCII": {"١": True},
    "a string holding a colon as the flag": {"1": "t:f"},
}


@pytest.mark.parametrize("compact", [False, True], ids=["spaced", "compact"])
@pytest.mark.parametrize("episodes", EPISODES.values(), ids=EPISODES.keys())
def test_odd_episode_keys_load_as_the_full_walk_loads_them(episodes, compact):
    assert_same_as_full_walk(_changed(_set("0.seasons.0.episodes", episodes), compact=compact))


# Episodes objects as JSON text (escapes, keys listed twice), in place of the seed's first
# season's: json.dumps cannot spell these. Either path, the full walk's result.
EPISODES_TEXT = {
    "a key listed twice (JSON parsers keep the last)": b'{"1":true,"1":false}',
    "a key listed twice, spaced": b'{"1": true, "1": false}',
    "a key listed twice among others": b'{"1":true,"2":true,"3":false,"2":false}',
    "a key listed twice, escaped the second time": b'{"1":true,"\\u0031":false}',
    "an escaped digit": b'{"\\u0031":true}',
    "the key -0 with an escaped minus (msgspec reads it as 0)": b'{"\\u002d0":true}',
    "the key -0 with an escaped zero": b'{"-\\u0030":true}',
    "the keys 0 and an escaped -0": b'{"0":true,"\\u002d0":false}',
}


@pytest.mark.parametrize("raw", EPISODES_TEXT.values(), ids=EPISODES_TEXT.keys())
def test_episodes_spelled_oddly_load_as_the_full_walk_loads_them(raw):
    json.loads(raw)  # valid JSON, each
    for compact in (False, True):
        payload = _changed(_set("0.seasons.0.episodes", "EPISODES"), compact=compact)
        assert_same_as_full_walk(payload.replace(b'"EPISODES"', raw, 1))


def test_the_compact_demo_response_is_read_from_its_text():
    # Without this, a change to the reader could send every season to the slower decode.
    items = decode_items(generate_progress(60, episodes_per_show=20, indent=False))
    raws = [season.episodes for item in items for season in item.seasons]
    assert read_episodes(raws) is not None


@pytest.mark.parametrize("payload", [b"null", b"{}", b"[]", b"0", b'"x"'])
def test_json_that_is_no_list_of_shows_fails_as_the_full_walk_fails(payload):
    assert_same_as_full_walk(payload)  # "null" once read as invalid JSON by this harness


def test_a_byte_order_mark_is_read_on_the_typed_path():
    payload = b"\xef\xbb\xbf" + orjson.dumps(SEED)
    shows = ta.load_progress(payload).shows
    assert list(shows["title"]) == [item["show"]["title"] for item in SEED]
