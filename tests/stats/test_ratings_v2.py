"""API v2 ratings against the stand-in server; expected values from its plan (rating_items)."""

from __future__ import annotations

import pandas as pd

from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis import schema


def _expected(v2_server, user):
    specs = v2_server.users[user]
    shows = {v2_server.trakt_id(user, s): 6 + s.index % 5 for s in specs if s.index % 3 == 0}
    episodes = {
        v2_server.trakt_id(user, s): 5 + s.index % 6
        for s in specs
        if s.index % 3 == 1 and any(any(season.watched) for season in s.seasons)
    }
    return shows, episodes


def test_signed_in_ratings_come_from_sync_ratings_paged(v2_server, tmp_path):
    v2_server.page_size = 2
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    ratings = api.ratings()
    shows, episodes = _expected(v2_server, "ada")
    assert list(ratings.columns) == list(schema.RATINGS)
    got_shows = ratings[ratings["type"] == "show"].set_index("trakt_id")["rating"].to_dict()
    assert got_shows == shows
    rated_episodes = ratings[ratings["type"] == "episode"]
    assert rated_episodes.set_index("trakt_id")["rating"].to_dict() == episodes
    assert rated_episodes["episode"].notna().all()
    assert ratings["rated_at"].is_monotonic_decreasing
    assert (ratings["user"] == "ada").all()
    pages = [p for p in v2_server.paths if p.startswith("/sync/ratings")]
    assert len(pages) == -(-len(ratings) // 2)


def test_progress_with_ratings_fills_progress_ratings(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    assert api.progress().ratings is None  # not asked: unknown
    progress = api.progress(ratings=True)
    assert len(progress.ratings) > 0
    assert progress.ratings["rated_at"].iloc[0] <= pd.Timestamp("2026-01-01", tz="UTC")


def test_a_public_profiles_ratings(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    ratings = api.ratings("ada")
    shows, _ = _expected(v2_server, "ada")
    assert ratings[ratings["type"] == "show"].set_index("trakt_id")["rating"].to_dict() == shows
    assert any(p.startswith("/users/ada/ratings") for p in v2_server.paths)
