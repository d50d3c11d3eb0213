"""The demo users load completely: expected values come from the generator's plan (specs)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.users import DEMO_USERS, demo_payload

USERS_DIR = Path(__file__).parents[2] / "data" / "fixtures" / "users"


def specs_of(user: str):
    n_shows, seed, profile = DEMO_USERS[user]
    return make_specs(n_shows, seed=seed, profile=profile)


@pytest.fixture(scope="module", params=list(DEMO_USERS))
def case(request):
    user = request.param
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the demo data is consistent: no warnings
        progress = ta.load_demo(user)
    return user, specs_of(user), progress


def test_committed_fixture_files_match_the_generator():
    for user in DEMO_USERS:
        assert (USERS_DIR / f"{user}.json").read_bytes() == demo_payload(user), user


def test_loading_the_file_equals_load_demo():
    by_file = ta.load_progress(USERS_DIR / "demo.json", user="demo")
    demo = ta.load_demo()
    # The file is the v1 response alone; load_demo adds last_watched_at from its history.
    pd.testing.assert_frame_equal(
        by_file.shows.drop(columns="last_watched_at"), demo.shows.drop(columns="last_watched_at")
    )
    assert by_file.shows["last_watched_at"].isna().all()
    for a, b in zip(by_file[1:], demo[1:], strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_unknown_demo_user():
    with pytest.raises(ValueError, match="demo, casual, binger"):
        ta.load_demo("nobody")


def test_every_show_appears(case):
    user, specs, progress = case
    shows = progress.shows
    assert len(shows) == len(specs)
    assert list(shows["title"]) == [s.title for s in specs]
    assert list(shows["year"]) == [s.year for s in specs]
    assert (shows["user"] == user).all()


def test_show_counts(case):
    _, specs, progress = case
    shows = progress.shows
    assert list(shows["aired"]) == [s.aired for s in specs]
    assert list(shows["completed"]) == [s.completed for s in specs]
    assert list(shows["plays"]) == [s.plays for s in specs]
    split = shows["scrobbles"] + shows["checkins"] + shows["seen"]
    assert list(split) == [s.plays for s in specs]


def test_every_season_appears(case):
    _, specs, progress = case
    expected = [
        (s.title, s.year, season.number, season.hidden, season.listed)
        for s in specs
        for season in sorted(s.seasons, key=lambda x: x.number)
    ]
    seasons = progress.seasons
    got = list(
        zip(seasons["title"], seasons["year"], seasons["season"], seasons["hidden"], strict=True)
    )
    assert got == [e[:4] for e in expected]
    # A hidden season that is not listed has no counts.
    unlisted = [not e[4] for e in expected]
    assert seasons["aired"].isna().tolist() == unlisted


def test_every_episode_appears_with_its_flag(case):
    _, specs, progress = case
    expected = [
        (s.title, s.year, season.number, number, watched)
        for s in specs
        for season in sorted(s.seasons, key=lambda x: x.number)
        if season.listed
        for number, watched in enumerate(season.watched, start=1)
    ]
    e = progress.episodes
    got = list(zip(e["title"], e["year"], e["season"], e["episode"], e["watched"], strict=True))
    assert got == expected


def test_next_episode(case):
    _, specs, progress = case
    shows = progress.shows
    for spec, (_, row) in zip(specs, shows.iterrows(), strict=True):
        if spec.next_episode is None:
            assert pd.isna(row["next_season"])
            assert pd.isna(row["next_first_aired"])
        else:
            assert (row["next_season"], row["next_number"]) == spec.next_episode
            want = spec.next_first_aired
            if want is None:  # 0 in the response: the date is unknown
                assert pd.isna(row["next_first_aired"])
            else:
                assert row["next_first_aired"] == pd.Timestamp(want, unit="s", tz="UTC")
            assert pd.isna(row["next_title"]) == spec.next_title_null


def test_viewer_fields(case):
    _, specs, progress = case
    shows = progress.shows
    for spec, (_, row) in zip(specs, shows.iterrows(), strict=True):
        if spec.viewer is None:
            assert pd.isna(row["viewer_plays"])
            continue
        assert row["viewer_plays"] == spec.viewer["plays"]
        assert bool(row["viewer_watched"]) == spec.viewer["watched"]
        rating = spec.viewer["rating"]
        assert (pd.isna(row["viewer_rating"]) and rating is False) or row["viewer_rating"] == rating


def test_ids_sent_as_strings_load_as_numbers():
    specs = specs_of("demo")
    assert any(s.ids_as_strings for s in specs)  # the fixture does exercise this
    shows = ta.load_demo().shows
    assert shows["tvdb_id"].tolist() == [70_000 + s.index * 37 for s in specs]


def test_demo_data_exercises_the_hard_cases():
    specs = specs_of("demo")
    titles = [(s.title, s.year) for s in specs]
    assert len({t for t, _ in titles}) < len(titles)  # remakes: a title with two years
    assert any(season.number == 0 for s in specs for season in s.seasons)  # specials
    assert any(season.hidden for s in specs for season in s.seasons)
    assert any(s.completed == 0 for s in specs)  # unwatched
    assert any(s.aired and s.completed == s.aired for s in specs)  # finished
    assert any(s.rewatches for s in specs)
    assert any(not t.isascii() for t, _ in titles)
    assert any(len(season.watched) >= 200 for s in specs for season in s.seasons)  # daily show
    assert {s.number_key for s in specs} == {"num", "number"}


def test_demo_shows_last_watched_at_comes_from_the_history():
    """v1 sends no last_watched_at; the demo fills it from its history (issue #22)."""
    import pandas as pd

    import trakt_analysis as ta

    progress = ta.load_demo()
    history = progress.history
    episodes = history[history["type"] == "episode"]
    for title, year, last in progress.shows[["title", "year", "last_watched_at"]].itertuples(
        index=False
    ):
        plays = episodes[(episodes["title"] == title) & (episodes["year"] == year)]
        if len(plays):
            assert last == plays["watched_at"].max(), title
        else:
            assert pd.isna(last), title
    assert progress.shows["last_watched_at"].notna().sum() > 30
