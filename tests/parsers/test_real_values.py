"""The issue's examples of real values, each with its right value worked out by hand."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.v1_items import make_item, stale_totals_item


def load_quietly(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return ta.load_progress(data)


def with_next(**next_episode):
    item = make_item("Doctor Who", 1963)
    item["next_episode"] = {"season": 1, "number": 2, "title": "The Cave of Skulls", **next_episode}
    return [make_item("Other", 2020, tvdb_id=5), item]


@pytest.mark.parametrize(
    ("first_aired", "expected"),
    [
        # -192091500 s = -2224 days + 62100 s: 1970-01-01 - 2224 d = 1963-11-30; 62100 s = 17:15
        (-192091500, "1963-11-30 17:15"),
        # 1930-01-01 is 40 years (10 of them leap) before 1970: -(40 * 365 + 10) days
        (-(40 * 365 + 10) * 86_400, "1930-01-01 00:00"),
        # 2**31 s is 2038-01-19 03:14:08, the first second a signed 32-bit time cannot hold
        (2**31, "2038-01-19 03:14:08"),
        # 2100-01-01: 130 years after 1970 with 32 leap days (1972..2096) -> 47482 days
        (47_482 * 86_400, "2100-01-01 00:00"),
        (1_414_731_600.0, "2014-10-31 05:00"),  # an integral float is the same second
        ("2014-10-30T22:00:00-04:00", "2014-10-31 02:00"),  # ISO text with an offset
    ],
)
def test_air_times_over_the_real_range(first_aired, expected):
    shows = load_quietly(with_next(first_aired=first_aired)).shows
    assert shows.loc[1, "next_first_aired"] == pd.Timestamp(expected, tz="UTC")
    assert shows.loc[0, "title"] == "Other"  # the other show loads as usual
    assert shows.loc[0, "next_first_aired"] == pd.Timestamp(1_600_000_000, unit="s", tz="UTC")


@pytest.mark.parametrize("unknown", [0, None, False])
def test_zero_means_unknown(unknown):
    shows = load_quietly(with_next(first_aired=unknown)).shows
    assert pd.isna(shows.loc[1, "next_first_aired"])
    assert shows.loc[1, "next_number"] == 2


def test_true_instant_wins_over_pacific_encoded_first_aired():
    """Issue part 5: 22:00 EDT on 2014-10-30 is 02:00 UTC on the 31st, not 05:00."""
    data = with_next(
        first_aired=1414731600,
        first_aired_iso="2014-10-30T22:00:00-04:00",
        first_aired_utc=1414720800,
    )
    shows = load_quietly(data).shows
    assert shows.loc[1, "next_first_aired"] == pd.Timestamp("2014-10-31 02:00", tz="UTC")


def test_iso_wins_when_there_is_no_utc():
    data = with_next(first_aired=1414731600, first_aired_iso="2014-10-30T22:00:00-04:00")
    shows = load_quietly(data).shows
    assert shows.loc[1, "next_first_aired"] == pd.Timestamp("2014-10-31 02:00", tz="UTC")


def test_only_first_aired_is_taken_as_it_is():
    shows = load_quietly(with_next(first_aired=1414731600)).shows
    # 1414731600 = 16374 days + 18000 s: 2014-10-31 05:00 UTC (22:00 read as Pacific, PDT)
    assert shows.loc[1, "next_first_aired"] == pd.Timestamp("2014-10-31 05:00", tz="UTC")


def test_a_negative_show_first_aired_extra_is_a_time():
    shows = load_quietly([make_item("Doctor Who", 1963, first_aired=-192091500)]).shows
    assert shows.loc[0, "first_aired"] == pd.Timestamp("1963-11-30 17:15", tz="UTC")


def test_a_bad_utc_falls_back_to_na_with_a_warning_not_to_first_aired():
    data = with_next(first_aired=1414731600, first_aired_utc="soon")
    with pytest.warns(ta.TraktDataWarning, match=r"'Doctor Who'\): next_episode.first_aired_utc"):
        shows = ta.load_progress(data).shows
    assert pd.isna(shows.loc[1, "next_first_aired"])


def test_show_totals_disagreeing_with_seasons_warn_and_completion_follows_episodes():
    with pytest.warns(ta.TraktDataWarning) as caught:
        shows, seasons, episodes = ta.load_progress([make_item("Other"), stale_totals_item()])
    texts = [str(w.message) for w in caught]
    assert any(
        "item 1 ('Breaking Bad')" in t and "completed is 29 but its seasons add up to 83" in t
        for t in texts
    )
    assert not any("'Other'" in t for t in texts)
    row = shows.set_index("title").loc["Breaking Bad"]
    assert row["completed"] == 29  # the reported value is kept...
    assert row["completion"] == 1.0  # ...the computed one follows the 83 watched episodes
    assert seasons.loc[seasons["title"] == "Breaking Bad", "completed"].sum() == 83
    assert episodes.loc[episodes["title"] == "Breaking Bad", "watched"].sum() == 83
    assert shows.set_index("title").loc["Other", "completion"] == 0.5


def test_hidden_seasons_and_specials_are_not_in_the_totals():
    item = stale_totals_item()
    item["progress"].update(aired=65, completed=65, left=0, percentage=100)  # 13 + 26 + 26
    item["hidden_seasons"] = [2]
    item["seasons"].append(
        {"season": 0, "percentage": 0, "aired": 5, "completed": 0, "left": 5,
         "episodes": {str(e): False for e in range(1, 6)}}
    )  # fmt: skip
    shows = load_quietly([item]).shows
    assert shows.loc[0, "completion"] == 1.0
