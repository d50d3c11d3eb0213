"""API v2 progress against the stand-in server: the frames equal the generator's plan."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.v2_expect import make_api, planned_plays, sign_in, watched_specs
from trakt_analysis import schema
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.v2_server import V2Server
from trakt_analysis.errors import TraktAuthError, TraktCacheMissError, TraktPrivateProfileError


def test_signed_in_progress_equals_the_plan(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress()
    specs = watched_specs(v2_server.users["ada"])
    shows = progress.shows
    assert progress.user == "ada"
    assert progress.provenance.kind == "v2"
    assert list(shows["title"]) == [s.title for s in specs]
    assert list(shows["aired"]) == [s.aired for s in specs]
    assert list(shows["completed"]) == [s.completed for s in specs]
    assert list(shows["left"]) == [s.aired - s.completed for s in specs]
    assert shows["percentage"].isna().all()  # v2 sends none: never made up
    assert list(shows["plays"]) == [planned_plays(s) for s in specs]
    for row, spec in zip(shows.itertuples(), specs, strict=True):
        expected = spec.next_episode
        got = None if pd.isna(row.next_season) else (row.next_season, row.next_number)
        assert got == expected, spec.title
    # Seasons: the listed ones (no specials by default), and the hidden ones
    # (hidden_seasons; specials too) flagged, with no counts.
    expected_seasons = [
        (s.title, season.number, season.hidden, None if season.hidden else season.aired)
        for s in specs
        for season in sorted(s.seasons, key=lambda x: x.number)
        if season.number > 0 or season.hidden
    ]
    seasons = progress.seasons
    got_seasons = [
        (t, n, h, None if pd.isna(a) else a)
        for t, n, h, a in zip(
            seasons["title"], seasons["season"], seasons["hidden"], seasons["aired"], strict=True
        )
    ]
    assert got_seasons == expected_seasons
    # Episodes: every aired episode of a listed season, watched as planned.
    expected_eps = [
        (s.title, season.number, n, w)
        for s in specs
        for season in sorted(s.seasons, key=lambda x: x.number)
        if season.number > 0 and not season.hidden
        for n, w in enumerate(season.watched, start=1)
    ]
    eps = progress.episodes
    got_eps = list(zip(eps["title"], eps["season"], eps["episode"], eps["watched"], strict=True))
    assert got_eps == expected_eps
    assert dict(shows.dtypes)["aired"] == schema.SHOWS["aired"]


def test_specials_and_count_specials_change_the_counts_as_asked(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress(specials=True, count_specials=True)
    specs = watched_specs(v2_server.users["ada"])
    expected = [sum(season.aired for season in s.seasons if not season.hidden) for s in specs]
    assert list(progress.shows["aired"]) == expected
    with_specials = [s.title for s in specs if any(x.number == 0 for x in s.seasons)]
    listed = progress.seasons[progress.seasons["season"] == 0]
    assert sorted(listed["title"]) == sorted(with_specials)


def test_public_profile_counts_aired_episodes_from_the_seasons(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    progress = api.progress("ada")  # not signed in: the public profile
    specs = watched_specs(v2_server.users["ada"])
    # A public profile cannot tell hidden seasons: every season but specials counts;
    # the plan's unaired episodes (2099, and no date) never count.
    expected_aired = [sum(x.aired for x in s.seasons if x.number > 0) for s in specs]
    expected_done = [sum(x.completed for x in s.seasons if x.number > 0) for s in specs]
    assert list(progress.shows["aired"]) == expected_aired
    assert list(progress.shows["completed"]) == expected_done
    assert not progress.seasons["hidden"].any()
    assert progress.shows["percentage"].isna().all()
    n_eps = sum(x.aired for s in specs for x in s.seasons if x.number > 0)
    assert len(progress.episodes) == n_eps
    assert progress.episodes["first_aired"].notna().all()
    # Historical air dates: a 1963 show aired before the unix epoch.
    doctor = progress.episodes[progress.episodes["year"] == 1963]
    if len(doctor):
        assert doctor["first_aired"].min() < pd.Timestamp("1970-01-01", tz="UTC")


def test_private_profile_is_a_clear_error(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    with pytest.raises(TraktPrivateProfileError, match="'hermit' is private"):
        api.progress("hermit")


def test_me_without_signing_in_says_to_sign_in(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    with pytest.raises(TraktAuthError, match=r"api.login\(\)"):
        api.progress()
    assert v2_server.requests == []


def test_warm_rerun_makes_no_request_for_progress_data(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    cold = api.progress()
    before = len(v2_server.requests)
    n_watched = len(watched_specs(v2_server.users["ada"]))
    assert api.requests_made >= n_watched  # cold: one progress call per show, at least
    warm = api.progress()
    new = v2_server.paths[before:]
    assert new == ["/sync/last_activities"]  # the one question "did anything change?"
    pd.testing.assert_frame_equal(warm.shows, cold.shows)
    pd.testing.assert_frame_equal(warm.episodes, cold.episodes)


def test_warm_rerun_with_history_and_ratings_asks_last_activities_once(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    api.progress(history=True, ratings=True)
    before = len(v2_server.requests)
    warm = api.progress(history=True, ratings=True)
    assert v2_server.paths[before:] == ["/sync/last_activities"]  # one question, not three
    assert warm.history is not None
    assert warm.ratings is not None
    again = len(v2_server.requests)
    api.progress(history=True)  # a later call asks again: the answer is kept per call only
    assert v2_server.paths[again:] == ["/sync/last_activities"]


def test_a_changed_show_is_the_only_one_asked_again(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    api.progress()
    spec = watched_specs(v2_server.users["ada"])[2]
    v2_server.touch("ada", spec.index)
    before = len(v2_server.requests)
    progress = api.progress()
    new = [p.split("?")[0] for p in v2_server.paths[before:]]
    trakt = v2_server.trakt_id("ada", spec)
    progress_calls = [p for p in new if p.endswith("/progress/watched")]
    assert progress_calls == [f"/shows/{trakt}/progress/watched"]
    row = progress.shows[progress.shows["trakt_id"] == trakt].iloc[0]
    assert row["plays"] == planned_plays(spec) + 1


def test_offline_serves_the_cache_and_a_miss_is_an_error(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    online = api.progress()
    before = len(v2_server.requests)
    offline = make_api(v2_server, tmp_path, cache=tmp_path / "cache", offline=True)
    again = offline.progress()
    assert len(v2_server.requests) == before
    pd.testing.assert_frame_equal(again.shows, online.shows)
    with pytest.raises(TraktCacheMissError, match="offline"):
        offline.progress("hermit")  # that profile was never fetched


def test_show_metadata_is_shared_across_users(monkeypatch, tmp_path):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    plan = make_specs(6, seed=3)
    with V2Server({"ann": plan, "bob": plan}) as server:
        api = make_api(server, tmp_path, cache=tmp_path / "cache")
        api.progress("ann")
        before = len(server.requests)
        api.progress("bob")
        new = [p.split("?")[0] for p in server.paths[before:]]
        assert not [p for p in new if p.endswith("/seasons")]
        assert new == ["/users/bob/watched/shows"]


def test_secrets_stay_out_of_the_cache_and_the_repr(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    api.progress()
    token = (tmp_path / "token.json").read_text()
    access = token.split('"access_token": "')[1].split('"')[0]
    for path in (tmp_path / "cache").iterdir():
        data = path.read_bytes()
        assert access.encode() not in data
        assert v2_server.client_secret.encode() not in data
        assert access not in path.name
    assert v2_server.client_secret not in repr(api)


def test_hidden_true_counts_the_hidden_seasons(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress(hidden=True)
    specs = watched_specs(v2_server.users["ada"])
    expected = [sum(x.aired for x in s.seasons if x.number > 0) for s in specs]
    assert list(progress.shows["aired"]) == expected
    assert any(any(x.hidden and x.number > 0 for x in s.seasons) for s in specs)  # it matters


def test_progress_bar_runs_over_the_shows(v2_server, tmp_path, capsys):
    api = make_api(v2_server, tmp_path, progress_bar=True)
    api.progress("ada")
    err = capsys.readouterr().err
    n = len(watched_specs(v2_server.users["ada"]))
    assert f"{n}/{n}" in err


def test_offline_serves_entries_past_their_ttl(v2_server, tmp_path):
    import time
    from datetime import timedelta

    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache", cache_ttl=timedelta(seconds=0.5))
    online = api.progress("ada")
    time.sleep(1.5)  # past the TTL, which requests-cache keeps to whole seconds
    before = len(v2_server.requests)
    offline = make_api(v2_server, tmp_path, cache=tmp_path / "cache", offline=True)
    pd.testing.assert_frame_equal(offline.progress("ada").shows, online.shows)
    assert len(v2_server.requests) == before
    api.progress("ada")  # online, the expired entries are asked again
    assert len(v2_server.requests) > before
