"""TVmaze re-runs: one ``/updates/shows`` request, then only the shows that changed (#28).

Expected request counts come from the stand-in's plan: a show found by TVDB id
costs its lookup and ``/shows/{id}`` with its episode list embedded (two); an
IMDb-only show one 404 lookup more; an unknown show its lookups only.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import export_like
from trakt_analysis.demo.generate import _render_show
from trakt_analysis.demo.tvmaze_server import GuidePlan
from trakt_analysis.errors import TraktArgumentError, TraktDataWarning
from trakt_analysis.sources.tvmaze_updates import changed_since, parse_updates, window_for

NOW = "2026-06-01T00:00:00Z"
BUNDLE = "?embed=episodeswithspecials"
PEOPLE = "?embed%5B%5D=episodeswithspecials&embed%5B%5D=cast&embed%5B%5D=crew"


def complete(server, cache, **kwargs):
    client = ta.TVmaze(
        base_url=server.base_url,
        now=NOW,
        cache=cache,
        progress_bar=False,
        rate_limit=(10_000, 1.0),
        **kwargs,
    )
    with client, pytest.warns(TraktDataWarning):  # the plan's unknown and mismatched shows
        return client.complete(export_like())


def paths(server):
    seen = [seen.path for seen in server.requests]
    server.requests.clear()
    return seen


def cold_count(server) -> int:
    """Requests of a cold run, from the plan and the export's ids."""
    plan = server.plan
    by_tvdb = {int(_render_show(s)["show"]["tvdb_id"]): s for s in plan.specs}
    total = 0
    for tvdb, imdb in export_like().shows[["tvdb_id", "imdb_id"]].itertuples(index=False):
        spec = by_tvdb[int(tvdb)]
        if spec.index not in plan.imdb_only | plan.unknown:
            total += 2  # lookup, show with its episodes
        elif pd.isna(imdb):
            total += 1  # the TVDB lookup's 404
        else:
            total += 2 + (1 if spec.index in plan.imdb_only else 0)
    return total


def test_cold_warm_and_changed_runs_count_their_requests(tvmaze_server, tmp_path):
    plan = tvmaze_server.plan
    before = time.time() - 600
    first = complete(tvmaze_server, tmp_path)
    cold = paths(tvmaze_server)
    assert len(cold) == cold_count(tvmaze_server)
    # Two per show; a show TVmaze finds only by IMDb id costs its TVDB miss too.
    assert len(cold) <= 2 * len(plan.specs) + len(plan.imdb_only)

    # Within cache_ttl: nothing is asked.
    complete(tvmaze_server, tmp_path)
    assert paths(tvmaze_server) == []

    # Expired, nothing changed: the updates map only.
    again = complete(tvmaze_server, tmp_path, cache_ttl=0)
    assert paths(tvmaze_server) == ["/updates/shows?since=day"]
    for a, b in zip(first, again, strict=True):
        pd.testing.assert_frame_equal(a, b)

    # Two shows changed after they were cached, one before: only the two are asked.
    changed = [GuidePlan.tvmaze_id(plan.specs[0].index), GuidePlan.tvmaze_id(plan.specs[3].index)]
    tvmaze_server.mark_updated(*changed)
    tvmaze_server.mark_updated(GuidePlan.tvmaze_id(plan.specs[4].index), at=before)
    complete(tvmaze_server, tmp_path, cache_ttl=0)
    expected = ["/updates/shows?since=day"] + [f"/shows/{i}{BUNDLE}" for i in changed]
    assert sorted(paths(tvmaze_server)) == sorted(expected)


def test_people_of_a_changed_show_are_asked_again_with_it(tvmaze_server, tmp_path):
    complete(tvmaze_server, tmp_path, people=True)
    paths(tvmaze_server)
    show = GuidePlan.tvmaze_id(tvmaze_server.plan.specs[0].index)
    tvmaze_server.mark_updated(show)
    complete(tvmaze_server, tmp_path, cache_ttl=0, people=True)
    asked = paths(tvmaze_server)
    assert sorted(asked) == ["/shows/" + str(show) + PEOPLE, "/updates/shows?since=day"]


def cached_at(server, cache, path):
    """When the cache dated its answer to `path` (without asking the server)."""
    with ta.TVmaze(base_url=server.base_url, cache=cache, offline=True) as client:
        url = server.base_url + path
        return client._request("GET", url, label=url, allow_redirects=False).created_at


def test_a_checked_answer_is_dated_when_checked(tvmaze_server, tmp_path):
    complete(tvmaze_server, tmp_path)
    path = f"/shows/{GuidePlan.tvmaze_id(tvmaze_server.plan.specs[0].index)}{BUNDLE}"
    cold = cached_at(tvmaze_server, tmp_path, path)
    paths(tvmaze_server)
    complete(tvmaze_server, tmp_path, cache_ttl=0)
    assert paths(tvmaze_server) == ["/updates/shows?since=day"]
    checked = cached_at(tvmaze_server, tmp_path, path)
    # The next run's age counts from the check, so it asks the narrowest map.
    assert checked > cold


def test_without_a_cache_every_show_is_asked(tvmaze_server):
    complete(tvmaze_server, False)
    asked = paths(tvmaze_server)
    assert len(asked) == cold_count(tvmaze_server)
    assert not any(p.startswith("/updates") for p in asked)


def test_the_updates_endpoint(tvmaze_server):
    client = ta.TVmaze(base_url=tvmaze_server.base_url, cache=False, progress_bar=False)
    show = GuidePlan.tvmaze_id(tvmaze_server.plan.specs[0].index)
    assert client.updates("month") == {}  # the plan's shows changed in 2025
    tvmaze_server.mark_updated(show, at=time.time() - 3 * 86_400)
    assert client.updates("day") == {}
    assert list(client.updates("week")) == [show]
    with pytest.raises(TraktArgumentError, match="since"):
        client.updates("year")


@pytest.mark.parametrize(
    ("age", "since"),
    [
        (timedelta(hours=2), "day"),
        (timedelta(days=1), "day"),
        (timedelta(days=3), "week"),
        (timedelta(days=20), "month"),
        (timedelta(days=29), None),
    ],
)
def test_the_window_covers_the_age(age, since):
    assert window_for(age) == since


def test_updates_map_reading():
    assert parse_updates([1, 2]) is None
    assert parse_updates({"7": 100, "8": "soon", "x": 5}) == {7: 100, 8: -1}
    updates = {7: 100, 8: -1}
    assert changed_since(updates, 7, 99.5)
    assert changed_since(updates, 7, 100.4)  # same second: counted as a change
    assert not changed_since(updates, 7, 101.0)
    assert changed_since(updates, 8, 1e9)  # an odd time is a change
    assert not changed_since(updates, 9, 0.0)  # not in the map: unchanged


def test_a_show_without_its_embedded_episodes_is_an_error(tvmaze_server, monkeypatch):
    original = tvmaze_server.answer

    def answer(path):
        status, data, headers = original(path)
        if isinstance(data, dict):
            data.pop("_embedded", None)
        return status, data, headers

    monkeypatch.setattr(tvmaze_server, "answer", answer)
    client = ta.TVmaze(base_url=tvmaze_server.base_url, cache=False, progress_bar=False)
    show = GuidePlan.tvmaze_id(tvmaze_server.plan.specs[0].index)
    with pytest.raises(ta.TraktHTTPError, match="episodeswithspecials embedded"):
        client.bundle(show, label="Game of Thrones (2011)")
