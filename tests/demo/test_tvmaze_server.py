"""The stand-in TVmaze answers in TVmaze's shapes, from the generator's plan."""

from __future__ import annotations

import requests

from trakt_analysis.demo.generate import _render_show


def get(server, path, **kwargs):
    return requests.get(server.base_url + path, allow_redirects=False, timeout=5, **kwargs)


def test_lookup_redirects_to_the_show(tvmaze_server):
    spec = tvmaze_server.plan.specs[0]
    tvdb = int(_render_show(spec)["show"]["tvdb_id"])
    answer = get(tvmaze_server, f"/lookup/shows?thetvdb={tvdb}")
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"{tvmaze_server.base_url}/shows/{1_000 + spec.index}"
    show = get(tvmaze_server, f"/shows/{1_000 + spec.index}").json()
    assert show["name"] == spec.title
    assert show["externals"]["thetvdb"] == tvdb


def test_unknown_shows_are_404_in_tvmazes_shape(tvmaze_server):
    answer = get(tvmaze_server, "/lookup/shows?thetvdb=1")
    assert answer.status_code == 404
    assert answer.json()["name"] == "Not Found"


def test_episode_lists_follow_the_plan(tvmaze_server):
    plan = tvmaze_server.plan
    for spec in plan.specs:
        if spec.index in plan.unknown:
            continue
        path = f"/shows/{1_000 + spec.index}/episodes"
        with_specials = get(tvmaze_server, path + "?specials=1").json()
        regular = get(tvmaze_server, path).json()
        planned = sum(s.aired for s in spec.seasons if s.number > 0)
        specials = sum(s.aired for s in spec.seasons if s.number == 0)
        extra = 2 if spec.index in plan.future else 0
        missing = 1 if spec.index in plan.mismatch else 0
        assert len(regular) == planned + extra - missing, spec.title
        assert len(with_specials) == len(regular) + specials
        for episode in with_specials:
            if episode["number"] is None:
                assert episode["type"] == "significant_special"
                assert episode["season"] >= 1


def test_updates_list_the_shows_changed_in_the_window(tvmaze_server):
    import time

    first, second = (1_000 + s.index for s in tvmaze_server.plan.specs[:2])
    # Every show last changed with the plan (2025): no window holds it.
    assert get(tvmaze_server, "/updates/shows?since=month").json() == {}
    now = int(time.time())
    tvmaze_server.mark_updated(first, at=now - 3_600)
    tvmaze_server.mark_updated(second, at=now - 10 * 86_400)
    assert get(tvmaze_server, "/updates/shows?since=day").json() == {str(first): now - 3_600}
    assert get(tvmaze_server, "/updates/shows?since=week").json() == {str(first): now - 3_600}
    month = get(tvmaze_server, "/updates/shows?since=month").json()
    assert month == {str(first): now - 3_600, str(second): now - 10 * 86_400}
