"""The seed's example response, loaded: every expected value is read off the seed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta

FIXTURES = Path(__file__).parents[2] / "data" / "fixtures"
SEED = FIXTURES / "seed_example.json"


@pytest.fixture(scope="module")
def progress() -> ta.Progress:
    return ta.load_progress(SEED, user="justin")


def test_unpacks_into_three_frames(progress):
    shows, seasons, episodes = progress
    assert shows is progress.shows
    assert seasons is progress.seasons
    assert episodes is progress.episodes


def test_one_show_row_per_item_in_response_order(progress):
    assert list(progress.shows["title"]) == ["Game of Thrones", "Hell's Kitchen", "Suits"]
    assert list(progress.shows["year"]) == [2011, 2005, 2011]


def test_show_counts_and_stats(progress):
    got = progress.shows.set_index("title")
    # Read off the seed: progress {percentage, aired, completed, left}, stats {...}.
    expected = {
        "Game of Thrones": (85, 20, 17, 3, 17, 16, 0, 1),
        "Hell's Kitchen": (93, 93, 87, 6, 87, 24, 0, 63),
        "Suits": (66, 12, 8, 4, 11, 9, 0, 2),
    }
    columns = ["percentage", "aired", "completed", "left", "plays", "scrobbles", "checkins", "seen"]
    for title, values in expected.items():
        assert tuple(got.loc[title, columns]) == values, title


def test_completion_is_completed_over_aired(progress):
    assert progress.shows["completion"].tolist() == pytest.approx([17 / 20, 87 / 93, 8 / 12])


def test_ids_with_zero_tvrage_as_missing(progress):
    shows = progress.shows
    assert list(shows["imdb_id"]) == ["tt0944947", "tt0437005", "tt1632701"]
    assert list(shows["tvdb_id"]) == [121361, 74897, 247808]
    assert shows["tvrage_id"].iloc[0] == 24493
    assert shows["tvrage_id"].isna().tolist() == [False, True, False]  # Hell's Kitchen sent 0


def test_next_episode_with_num_key_and_unix_time(progress):
    got = progress.shows.iloc[0]
    assert got["next_season"] == 2
    assert got["next_number"] == 8
    assert got["next_title"] == "The Prince of Winterfell"
    # 1361174400 s after the epoch: 15754 days = 2013-02-18, plus 8 hours.
    assert got["next_first_aired"] == pd.Timestamp("2013-02-18 08:00", tz="UTC")
    assert got["next_images_screen"] == "http://trakt.us/images/episodes/1395-2-8.10.jpg"


def test_next_episode_false_gives_missing_values(progress):
    rest = progress.shows.iloc[1:]
    assert rest["next_first_aired"].isna().all()
    assert rest["next_season"].isna().all()
    assert rest["next_number"].isna().all()
    assert rest["next_title"].isna().all()


def test_seasons_listed_and_hidden(progress):
    seasons = progress.seasons
    # 2 listed (GoT) + 7 listed and 3 hidden (Hell's Kitchen) + 1 listed (Suits)
    assert len(seasons) == 13
    hk = seasons[seasons["title"] == "Hell's Kitchen"]
    assert list(hk["season"]) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert list(hk["hidden"]) == [True] * 3 + [False] * 7
    hidden = hk[hk["hidden"]]
    for column in ("aired", "completed", "left", "percentage", "completion"):
        assert hidden[column].isna().all(), column
    season_9 = hk[hk["season"] == 9].iloc[0]
    assert (season_9["aired"], season_9["completed"], season_9["left"]) == (16, 12, 4)
    assert season_9["percentage"] == 75


def test_one_episode_row_per_key(progress):
    episodes = progress.episodes
    # GoT 10 + 10; Hell's Kitchen 15 * 5 + 16 + 2; Suits 12
    assert len(episodes) == 20 + 93 + 12
    assert int(episodes["watched"].sum()) == 17 + 87 + 8
    per_show = episodes.groupby("title", observed=True).size()
    assert per_show.to_dict() == {"Game of Thrones": 20, "Hell's Kitchen": 93, "Suits": 12}


def test_episode_numbers_sort_as_numbers(progress):
    suits = progress.episodes[progress.episodes["title"] == "Suits"]
    assert list(suits["episode"]) == list(range(1, 13))  # "10" after "9"
    assert list(suits["watched"]) == [True] * 8 + [False] * 4


def test_watched_flags_per_season(progress):
    got = progress.episodes
    got_s2 = got[(got["title"] == "Game of Thrones") & (got["season"] == 2)]
    assert list(got_s2["watched"]) == [True] * 7 + [False] * 3


def test_user_fills_every_frame(progress):
    for frame in progress:
        assert (frame["user"] == "justin").all()


def test_every_frame_carries_identity(progress):
    for frame in progress:
        for column in ta.schema.IDENTITY:
            assert column in frame.columns
    merged = progress.episodes.merge(
        progress.shows[["user", "title", "year", "percentage"]],
        on=["user", "title", "year"],
        how="left",
        validate="many_to_one",
    )
    assert merged["percentage"].notna().all()
