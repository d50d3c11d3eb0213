"""The long frames' compact identity columns (issue 15): smaller, and still joinable.

Expected values come from the hand-built responses in tests/helpers/explore_data.py:
alice has 4 shows with 4 + 5 + 2 + 4 = 15 episode keys, bob 1 show with 2.
"""

from __future__ import annotations

import copy

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import OTHER, RESPONSE
from trakt_analysis import schema

KEYS = list(schema.IDENTITY)


@pytest.fixture(scope="module")
def alice() -> ta.Progress:
    return ta.load_progress(RESPONSE, user="alice")


@pytest.fixture(scope="module")
def bob() -> ta.Progress:
    return ta.load_progress(OTHER, user="bob")


def test_identity_columns_of_the_long_frames_are_compact(alice):
    for frame in (alice.seasons, alice.episodes):
        for name in schema.CATEGORICAL_IN_LONG_FRAMES:
            assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
            assert frame[name].cat.codes.dtype.itemsize == 1, name  # < 128 shows: int8
        assert frame["year"].dtype == "Int16"
        for name in ("trakt_id", "tvdb_id", "tmdb_id", "tvrage_id"):  # ids: Int64 categories
            assert frame[name].dtype.categories.dtype == "Int64", name
    assert alice.shows["year"].dtype == "Int64"  # the shows frame keeps the wide types


def test_two_users_episodes_concatenate_and_join_their_shows(alice, bob):
    episodes = pd.concat([alice.episodes, bob.episodes], ignore_index=True)
    shows = pd.concat([alice.shows, bob.shows], ignore_index=True)
    assert len(episodes) == 15 + 2
    assert episodes["user"].astype(str).value_counts().to_dict() == {"alice": 15, "bob": 2}
    assert episodes["year"].dtype == "Int16"
    merged = episodes.merge(shows[[*KEYS, "aired"]], on=KEYS, how="left", validate="many_to_one")
    assert len(merged) == 17
    aired = merged.groupby(["title", "year"], observed=True)["aired"].agg(["min", "max", "size"])
    # The remakes stay apart on year: Gamma (2001) and Gamma (2020) both have 4 aired.
    assert aired.to_dict("index") == {
        ("Alpha", 2010): {"min": 5, "max": 5, "size": 5},
        ("Delta", 1999): {"min": 2, "max": 2, "size": 2},
        ("Gamma", 2001): {"min": 4, "max": 4, "size": 4},
        ("Gamma", 2020): {"min": 4, "max": 4, "size": 4},
        ("beta", 2015): {"min": 2, "max": 2, "size": 2},
    }


def test_episodes_join_their_seasons_and_filter_by_show(alice):
    on = [*KEYS, "season"]
    merged = alice.episodes.merge(alice.seasons[[*on, "aired"]], on=on, validate="many_to_one")
    assert len(merged) == 15
    alpha = alice.episodes[(alice.episodes["title"] == "Alpha") & (alice.episodes["year"] == 2010)]
    assert alpha["episode"].tolist() == [1, 2, 3, 1, 2]


def test_an_id_beyond_32_bits_is_kept_exactly_in_the_long_frames():
    items = copy.deepcopy(RESPONSE)
    items[1]["show"]["tvdb_id"] = 3_000_000_000  # Alpha: an id beyond Int32
    progress = ta.load_progress(items, user="alice")
    assert progress.shows["tvdb_id"].iloc[1] == 3_000_000_000
    alpha = progress.episodes["title"] == "Alpha"
    assert (progress.episodes.loc[alpha, "tvdb_id"] == 3_000_000_000).all()
    on_seasons = progress.seasons.loc[progress.seasons["title"] == "Alpha", "tvdb_id"]
    assert (on_seasons == 3_000_000_000).all()
    shows = progress.shows[progress.shows["tvdb_id"] == 3_000_000_000]
    merged = progress.episodes[alpha].merge(shows[["tvdb_id", "aired"]], on="tvdb_id")
    assert len(merged) == alpha.sum() == 5
    assert (merged["aired"] == shows["aired"].iloc[0]).all()


def test_a_year_beyond_int16_is_na_in_the_long_frames_with_a_warning():
    items = copy.deepcopy(RESPONSE)
    items[1]["show"]["year"] = 40_000  # Alpha
    with pytest.warns(ta.TraktDataWarning, match=r"year: 1 value.*Int16.*Alpha"):
        progress = ta.load_progress(items, user="alice")
    assert progress.shows["year"].iloc[1] == 40_000
    alpha = progress.episodes["title"] == "Alpha"
    assert progress.episodes.loc[alpha, "year"].isna().all()
