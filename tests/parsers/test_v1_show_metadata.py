"""API v1 ``extended=full`` show fields fill the metadata columns, in Trakt's (v2's) vocabulary."""

from __future__ import annotations

import json

import orjson
import pandas as pd

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers.v1.parse import parse_progress


def _response(countries, genres):
    """Three generated shows, their v1 country and genres replaced (v1 sent names)."""
    items = json.loads(generate_progress(3, seed=5))
    for item, country, names in zip(items, countries, genres, strict=True):
        item["show"]["country"] = country
        item["show"]["genres"] = names
    return orjson.dumps(items)


def test_v1_country_names_become_iso_codes_on_both_parser_paths():
    payload = _response(
        ["United States", "GB", "Narnia"],
        [["Drama", "Science Fiction"], ["Home and Garden"], ["Talk Show", "Drama", "drama"]],
    )
    typed = ta.load_progress(payload).shows  # the msgspec path
    walked = frames_from_parsed(parse_progress(json.loads(payload))).shows  # the full walk
    for shows in (typed, walked):
        # hand-worked: v1's names in Trakt's words; a name not in the table kept, lower case
        assert list(shows["country"]) == ["us", "gb", "narnia"]
        assert list(shows["genres"]) == [
            ["drama", "science-fiction"],
            ["home-and-garden"],
            ["talk-show", "drama"],
        ]


def test_a_v1_show_without_a_country_stays_unknown():
    shows = ta.load_progress(_response([None, "Japan", ""], [None, [], ["Anime"]])).shows
    assert pd.isna(shows["country"].iloc[0])
    assert shows["country"].iloc[1] == "jp"
    assert shows["genres"].iloc[0] is None
    assert shows["genres"].iloc[1] is None  # an empty list: no genre known
    assert shows["genres"].iloc[2] == ["anime"]


def test_v1_blank_text_is_unknown_not_a_value():
    items = json.loads(generate_progress(2, seed=5))
    items[0]["show"].update(country="", network=" ", language="", status="")
    shows = ta.load_progress(orjson.dumps(items)).shows
    for name in ("country", "network", "language", "status"):
        assert pd.isna(shows[name].iloc[0]), name
        assert not pd.isna(shows[name].iloc[1]), name
