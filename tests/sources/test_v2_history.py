"""API v2 history against the stand-in server: one row per planned play, the play split."""

from __future__ import annotations

import pandas as pd

from tests.helpers.v2_expect import make_api, planned_plays, sign_in, watched_specs
from trakt_analysis import schema


def test_history_has_one_row_per_planned_play(v2_server, tmp_path):
    v2_server.page_size = 25
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    history = api.history("me")
    specs = watched_specs(v2_server.users["ada"])
    assert len(history) == sum(planned_plays(s) for s in specs)
    assert list(history.columns[: len(schema.HISTORY)]) == list(schema.HISTORY)
    assert history["watched_at"].is_monotonic_decreasing  # newest first
    assert set(history["action"]) <= {"scrobble", "checkin", "watch"}
    pages = [p for p in v2_server.paths if p.startswith("/users/me/history/episodes")]
    assert len(pages) == -(-len(history) // 25)


def test_history_between_start_and_end(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    history = api.history("ada", start="2025-01-05", end=pd.Timestamp("2025-02-01"))
    assert len(history) > 0
    assert history["watched_at"].min() >= pd.Timestamp("2025-01-05", tz="UTC")
    assert history["watched_at"].max() < pd.Timestamp("2025-02-01", tz="UTC")
    sent = next(p for p in v2_server.paths if "history" in p)
    assert "start_at=2025-01-05T00%3A00%3A00.000Z" in sent


def test_progress_with_history_splits_the_plays(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress(history=True)
    shows = progress.shows
    split = shows["scrobbles"] + shows["checkins"] + shows["seen"]
    assert list(split) == list(shows["plays"])  # every play is one of the three
    assert progress.history is not None
    assert repr(progress).endswith(f"{len(progress.history)} plays>")


def test_the_signed_in_users_zone_comes_from_the_settings_and_is_cached(v2_server, tmp_path):
    v2_server.timezones["ada"] = "America/Chicago"
    api = make_api(v2_server, tmp_path, cache=tmp_path / "cache")
    sign_in(v2_server, api)
    progress = api.progress(history=True)
    assert progress.provenance.timezone == "America/Chicago"
    assert not [n for n in progress.provenance.notes if "time zone" in n]
    before = len(v2_server.requests)
    assert api.progress().provenance.timezone == "America/Chicago"
    assert "/users/settings" not in v2_server.paths[before:]  # from the cache


def test_a_public_profile_says_which_zone_is_used(v2_server, tmp_path):
    progress = make_api(v2_server, tmp_path).progress("ada", history=True)
    assert progress.provenance.timezone is None
    assert any("this machine's time zone" in n for n in progress.provenance.notes)


def test_the_no_zone_note_names_the_python_argument_or_the_cli_option(v2_server, tmp_path):
    from trakt_analysis._advice import command_line

    api = make_api(v2_server, tmp_path)
    (python,) = [n for n in api.progress("ada").provenance.notes if "time zone" in n]
    assert python.endswith("(pass tz=... to choose one)")
    with command_line():
        (cli,) = [n for n in api.progress("ada").provenance.notes if "time zone" in n]
    assert cli.endswith("(give --tz to choose one)")


def test_settings_without_a_zone_say_so(v2_server, tmp_path):
    v2_server.timezones["ada"] = None
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    progress = api.progress()
    assert progress.provenance.timezone is None
    assert any("name no time zone" in n for n in progress.provenance.notes)
