"""read_episodes reads compact v1 episodes objects from their text, or declines.

It must never accept text that is not exactly a ``{"digits":true|false,...}``
object, and where it accepts, it must read what a JSON parser reads. The
expected values are worked out by hand or come from :func:`json.loads`.
"""

from __future__ import annotations

import json
from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.strategies import SETTINGS
from trakt_analysis.parsers.v1 import episode_bytes as _episode_bytes
from trakt_analysis.parsers.v1.episode_bytes import read_episodes


def _lists(result):
    numbers, watched, sizes = result
    return numbers.tolist(), watched.tolist(), sizes.tolist()


def test_reads_numbers_flags_and_counts_in_text_order():
    raws = [b'{"1":true,"2":false}', b"{}", b'{"10":false,"3":true}', b'{"1234567":true}']
    assert _lists(read_episodes(raws)) == (
        [1, 2, 10, 3, 1234567],
        [True, False, False, True, True],
        [2, 0, 2, 1],
    )


def test_no_seasons():
    assert _lists(read_episodes([])) == ([], [], [])


def test_seasons_without_episodes():
    assert _lists(read_episodes([b"{}", b"{}"])) == ([], [], [0, 0])


def test_memoryviews_as_msgspec_raw_gives_them():
    assert _lists(read_episodes([memoryview(b'{"7":false}')])) == ([7], [False], [1])


# Valid JSON all, but not the compact form: the caller decodes these the ordinary way.
DECLINED = {
    "a space after the colon": b'{"1": true}',
    "a space after the comma": b'{"1":true, "2":false}',
    "indented": b'{\n  "1": true\n}',
    "a space inside the braces": b"{ }",
    "null": b"null",
    "a list": b"[true]",
    "a string": b'"{}"',
    "a number as the value": b'{"1":1}',
    "null as the value": b'{"1":null}',
    "an object as the value": b'{"1":{"a":true}}',
    "a string value holding a colon": b'{"1":"t:f"}',
    "a key that is not a number": b'{"a":true}',
    "an empty key": b'{"":true}',
    "a negative key": b'{"-1":true}',
    "the key -0": b'{"-0":true}',
    "a key of eight digits": b'{"12345678":true}',
    "a key holding a colon": b'{"1:2":true}',
    "an escaped digit": b'{"\\u0031":true}',
    "a key with a space": b'{"1 ":true}',
    "a key of digits beyond ASCII": '{"١":true}'.encode(),
}


@pytest.mark.parametrize("raw", DECLINED.values(), ids=DECLINED.keys())
def test_anything_but_the_compact_form_is_declined(raw):
    json.loads(raw)  # each is valid JSON, as msgspec.Raw holds only valid JSON
    assert read_episodes([b'{"1":true}', raw, b'{"2":false}']) is None


def test_a_leading_zero_reads_as_the_number_as_the_full_walk_reads_it():
    assert _lists(read_episodes([b'{"01":true}'])) == ([1], [True], [1])


def test_a_key_listed_twice_is_read_twice():
    # json.loads keeps the last ({"1": False}); the v1 parser refuses the pair and
    # walks the input in full (test_v1_typed's EPISODES_TEXT checks the result).
    assert _lists(read_episodes([b'{"1":true,"1":false}'])) == ([1, 1], [True, False], [2])


def _compact(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


episodes = st.dictionaries(st.integers(0, 9_999_999).map(str), st.booleans(), max_size=30)


@SETTINGS
@given(st.lists(episodes, max_size=8))
def test_compact_objects_read_as_a_json_parser_reads_them(seasons):
    numbers, watched, sizes = read_episodes([_compact(s) for s in seasons])
    assert sizes.tolist() == [len(s) for s in seasons]
    assert numbers.tolist() == [int(k) for s in seasons for k in s]
    assert watched.tolist() == [v for s in seasons for v in s.values()]
    assert numbers.dtype == np.int32
    assert watched.dtype == bool


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**8) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=4) | st.integers(0, 10**8).map(str), inner, max_size=4)
    ),
    max_leaves=12,
)


@SETTINGS
@given(st.lists(episodes | json_values, min_size=1, max_size=4), st.booleans())
def test_what_is_accepted_is_exactly_what_json_holds(values, spaced):
    # Any JSON at all: accepted only where every value is an object of digit keys and
    # booleans, and then read as json.loads reads it.
    raws = [json.dumps(v).encode() if spaced else _compact(v) for v in values]
    result = read_episodes(raws)
    if result is None:
        return
    parsed = [json.loads(raw) for raw in raws]
    assert all(type(p) is dict for p in parsed)
    pairs = [(k, v) for p in parsed for k, v in p.items()]
    assert all(k.isascii() and k.isdigit() and 1 <= len(k) <= 7 for k, _ in pairs)
    assert all(type(v) is bool for _, v in pairs)
    assert _lists(result) == (
        [int(k) for k, _ in pairs],
        [v for _, v in pairs],
        [len(p) for p in parsed],
    )


@SETTINGS
@given(st.lists(episodes, max_size=12), st.integers(1, 4))
def test_read_a_chunk_at_a_time_as_at_once(seasons, seasons_per_chunk):
    # Large responses are read a few thousand seasons at a time; small chunks here.
    raws = [_compact(s) for s in seasons]
    with mock.patch.object(_episode_bytes, "_SEASONS_PER_CHUNK", seasons_per_chunk):
        got = read_episodes(raws)
    assert _lists(got) == (
        [int(k) for s in seasons for k in s],
        [v for s in seasons for v in s.values()],
        [len(s) for s in seasons],
    )


def test_a_season_not_compact_in_a_later_chunk_declines_the_whole():
    raws = [b'{"1":true}'] * 5 + [b'{"1": true}']
    with mock.patch.object(_episode_bytes, "_SEASONS_PER_CHUNK", 2):
        assert read_episodes(raws) is None


def test_a_response_of_many_chunks():
    seasons = [{str(n): n % 3 == 0 for n in range(1, 1 + i % 40)} for i in range(9_000)]
    numbers, watched, sizes = read_episodes([_compact(s) for s in seasons])
    assert sizes.tolist() == [len(s) for s in seasons]
    assert numbers.tolist() == [int(k) for s in seasons for k in s]
    assert watched.tolist() == [v for s in seasons for v in s.values()]
