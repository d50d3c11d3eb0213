"""top_people, rating_stats, top_movies, shows_vs_movies on hand-worked examples (conftest.py)."""

from __future__ import annotations

import pytest

import trakt_analysis as ta
from trakt_analysis.errors import TraktArgumentError


def test_top_cast_by_hours_counts_each_watched_show_of_a_person(rated_progress):
    out = ta.top_people(rated_progress, role="cast")
    assert out["name"].tolist() == ["Kyle", "Louis", "Nadia"]
    kyle = out.iloc[0]
    # A: 3 plays (50 + 50 + unknown minutes), B: 1 play of 60 minutes
    assert (kyle["shows"], kyle["plays"], kyle["plays_without_runtime"]) == (2, 4, 1)
    assert kyle["hours"] == pytest.approx(160 / 60)
    assert kyle["characters"] == ["Cooper", "Agent"]
    assert kyle["titles"] == ["A", "B"]
    assert out["rank"].tolist() == [1, 2, 3]
    assert out.iloc[2]["hours"] == pytest.approx(0.5)  # Nadia: C, one play of 30 minutes


def test_top_crew_counts_a_show_once_whatever_the_jobs(rated_progress):
    out = ta.top_people(rated_progress, role="crew", by="shows")
    assert out["name"].tolist() == ["Baran"]
    assert (out.iloc[0]["shows"], out.iloc[0]["plays"]) == (2, 4)
    assert out.iloc[0]["jobs"] == ["Creator", "Director", "Writer"]


def test_top_people_without_people_says_how_to_fetch_them(hand_progress):
    with pytest.raises(TraktArgumentError, match=r"TVmaze\(people=True\)"):
        ta.top_people(hand_progress)
    with pytest.raises(TraktArgumentError, match="role must be"):
        ta.top_people(hand_progress, role="actors")


def test_rating_stats_distribution_means_and_unwatched(rated_progress):
    stats = ta.rating_stats(rated_progress, tz="Europe/Berlin")
    dist = stats.distribution
    assert len(dist) == 40  # 4 types x 10 ratings, zeros included
    shows = dist[dist["type"] == "show"].set_index("rating")["ratings"]
    assert shows[[4, 7, 9]].tolist() == [1, 1, 1]
    assert shows.sum() == 3
    assert dist[dist["type"] == "movie"]["ratings"].sum() == 1  # Arrival's NA is left out
    assert dist.attrs["ratings_without_value"] == 1
    genre = stats.by_genre.set_index("genre")
    assert stats.by_genre["genre"].tolist() == ["drama", "science-fiction", "unknown"]
    assert genre.loc["drama", "ratings"] == 2
    assert genre.loc["drama", "mean_rating"] == pytest.approx(8.0)  # A 9, B 7
    assert genre.loc["unknown", "mean_rating"] == pytest.approx(4.0)  # E: not in the shows
    decade = stats.by_decade.set_index(["type", "decade"])["mean_rating"]
    assert decade[("show", "2010s")] == 9
    assert decade[("show", "2000s")] == 7
    assert decade[("show", "unknown")] == 4
    assert decade[("movie", "2020s")] == 6
    top = stats.top_rated
    assert top[top["type"] == "show"]["title"].tolist() == ["A", "B", "E"]
    assert top[top["type"] == "movie"]["title"].tolist() == ["Dune"]
    per_year = stats.per_year.set_index("year")
    # B rated 2023-12-31 23:30 UTC is 2024 in Berlin
    assert per_year.loc[2024, "ratings"] == 5
    assert per_year.loc[2024, "mean_rating"] == pytest.approx((9 + 7 + 8 + 10 + 6) / 5)
    assert per_year.loc[2022, "ratings"] == 1
    assert stats.unwatched["title"].tolist() == ["E"]
    in_utc = ta.rating_stats(rated_progress, tz="UTC").per_year.set_index("year")
    assert in_utc.loc[2023, "ratings"] == 1


def test_rating_stats_without_ratings_is_an_error(hand_progress):
    with pytest.raises(TraktArgumentError, match="no ratings"):
        ta.rating_stats(hand_progress)


def test_top_movies_and_shows_vs_movies(rated_progress):
    movies = ta.top_movies(rated_progress)
    assert movies["title"].tolist() == ["Dune"]
    assert movies.iloc[0]["hours"] == pytest.approx(2.0)
    split = ta.shows_vs_movies(rated_progress).set_index("kind")
    # episodes: 6 plays, 230 known minutes (one unknown); the movie: 1 play, 120 minutes
    assert split.loc["shows", "plays"] == 6
    assert split.loc["shows", "hours"] == pytest.approx(230 / 60)
    assert split.loc["shows", "plays_without_runtime"] == 1
    assert split.loc["movies", "hours"] == pytest.approx(2.0)
    assert split.loc["movies", "plays_share"] == pytest.approx(1 / 7)
    assert split.loc["movies", "hours_share"] == pytest.approx(120 / 350)
    in_2023 = ta.shows_vs_movies(rated_progress, year=2023, tz="Europe/Berlin").set_index("kind")
    assert in_2023.loc["shows", "plays"] == 1  # B's play at 23:30 on 31 December, Berlin
    assert in_2023.loc["movies", "plays"] == 0
    assert in_2023.loc["movies", "hours"] == 0
