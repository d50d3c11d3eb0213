"""API v2: what overlapping pages send twice is read once, and said (#23 item 2).

Trakt pages by offset: a list that moves between two pages sends the row at the
edge again. The stand-in's "overlap" failure starts a page with the previous
page's last row. Expected counts come from the server's plan (its lists), never
from the client.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.v2_expect import make_api, sign_in, watched_specs
from trakt_analysis.demo.v2_server import Failure
from trakt_analysis.errors import TraktDataWarning


@pytest.fixture
def api(v2_server, tmp_path):
    v2_server.page_size = 3
    client = make_api(v2_server, tmp_path)
    sign_in(v2_server, client)
    return client


def _progress_requests(v2_server) -> int:
    return sum("/progress/watched" in seen.path for seen in v2_server.requests)


def test_a_show_on_two_pages_is_read_once_and_said(v2_server, api):
    n = len(watched_specs(v2_server.users["ada"]))
    assert n > 3  # two pages at least, so page 2 can repeat page 1's last show
    clean = api.progress()
    before = _progress_requests(v2_server)
    # last_activities, page 1, then page 2 repeats page 1's third show.
    v2_server.fail(Failure("none"), Failure("none"), Failure("overlap"))
    with pytest.warns(TraktDataWarning) as caught:
        progress = api.progress()
    said = [str(w.message) for w in caught]
    sentence = (
        "1 show was listed twice (the same Trakt id, on overlapping pages); each is counted once"
    )
    assert any(m.endswith(f"/sync/watched/shows: {sentence}") for m in said), said
    assert any(f"read {n + 1} rows" in m for m in said)  # the pager saw one row too many
    assert len(progress.shows) == n
    assert progress.shows["trakt_id"].is_unique
    assert _progress_requests(v2_server) - before == n  # no second request for the repeat
    pd.testing.assert_frame_equal(progress.shows, clean.shows)
    assert int(progress.shows["plays"].sum()) == int(clean.shows["plays"].sum())
    assert any(note.endswith(sentence) for note in progress.provenance.notes)


def test_a_public_list_repeating_a_show_counts_it_once(v2_server, tmp_path):
    v2_server.page_size = 3
    n = len(watched_specs(v2_server.users["ada"]))
    client = make_api(v2_server, tmp_path)
    v2_server.fail(Failure("none"), Failure("overlap"))  # page 1, then page 2 overlaps
    with pytest.warns(TraktDataWarning) as caught:  # the pager's count warning, and ours
        progress = client.progress("ada")
    assert any("1 show was listed twice" in str(w.message) for w in caught)
    assert len(progress.shows) == n
    assert progress.shows["trakt_id"].is_unique


def _read_overlapping(v2_server, read, sent: list, sentence: str):
    """`read()` while page 2 of its list repeats page 1's last row; what it returned."""
    assert len(sent) > 3  # two pages at least
    # last_activities, page 1, then page 2 overlaps.
    v2_server.fail(Failure("none"), Failure("none"), Failure("overlap"))
    with pytest.warns(TraktDataWarning) as caught:
        frame = read()
    said = [str(w.message) for w in caught]
    assert any(sentence in m for m in said), said
    assert len(frame) == len(sent)
    return frame


def test_overlapping_history_pages_count_each_play_once(v2_server, api):
    played = v2_server.history_items("ada")
    sentence = "1 history entry was listed twice (the same history id, on overlapping pages)"
    plays = _read_overlapping(v2_server, api.history, played, sentence)
    assert sorted(plays["id"]) == sorted(item["id"] for item in played)


def test_overlapping_ratings_pages_keep_each_rating_once(v2_server, api):
    rated = v2_server.rating_items("ada")
    sentence = "1 rating was listed twice (the same rated item, on overlapping pages)"
    ratings = _read_overlapping(v2_server, api.ratings, rated, sentence)
    keys = ratings[["type", "trakt_id", "season", "episode"]].astype(str)
    assert not keys.duplicated().any()
