"""The demo history: planned from the show specs, consistent with the v1 progress."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.demo.generate import render
from trakt_analysis.demo.history import MOVIES, play_split
from trakt_analysis.demo.users import DEMO_TIMEZONES, demo_plan


@pytest.fixture(scope="module", params=["demo", "casual", "binger"])
def plan(request):
    return request.param, *demo_plan(request.param)


def test_every_watched_episode_has_a_play_and_nothing_else_does(plan):
    _, specs, plays = plan
    for spec in specs:
        watched = {
            (season.number, n)
            for season in spec.seasons
            for n, w in enumerate(season.watched, start=1)
            if w
        }
        played = {
            (p.season, p.episode) for p in plays if p.type == "episode" and p.show == spec.index
        }
        assert played == watched, spec.title


def test_counted_plays_and_their_split_match_the_v1_stats(plan):
    _, specs, plays = plan
    for spec, item in zip(specs, render(specs), strict=True):
        counted = {s.number for s in spec.counted}
        mine = [p for p in plays if p.type == "episode" and p.show == spec.index]
        in_counted = [p for p in mine if p.season in counted]
        actions = Counter(p.action for p in in_counted)
        stats = item["stats"]
        assert len(in_counted) == spec.plays == stats["plays"]
        assert (actions["scrobble"], actions["checkin"], actions["watch"]) == (
            stats["scrobbles"],
            stats["checkins"],
            stats["seen"],
        )
        assert play_split(spec) == (stats["scrobbles"], stats["checkins"], stats["seen"])
        # Specials and hidden seasons: one "seen" play per watched episode, on top.
        others = [p for p in mine if p.season not in counted]
        assert all(p.action == "watch" for p in others)
        assert len(others) == len({(p.season, p.episode) for p in others})


def test_rewatches_are_the_plays_beyond_the_first(plan):
    _, specs, plays = plan
    for spec in specs:
        counted = {s.number for s in spec.counted}
        per_episode = Counter(
            (p.season, p.episode)
            for p in plays
            if p.type == "episode" and p.show == spec.index and p.season in counted
        )
        assert sum(n - 1 for n in per_episode.values()) == spec.rewatches


def test_newest_first_with_ids_rising_with_time(plan):
    _, _, plays = plan
    times = [p.watched_at for p in plays]
    ids = [p.id for p in plays]
    assert times == sorted(times, reverse=True)
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == len(ids)


def test_times_are_local_evenings_with_weekend_peaks_and_binges(plan):
    user, _, plays = plan
    zone = ZoneInfo(DEMO_TIMEZONES[user])
    local = [p.watched_at.astimezone(zone) for p in plays]
    evening = sum(1 for t in local if t.hour >= 17 or t.hour < 3)
    assert evening / len(local) > 0.85
    days = Counter(t.weekday() for t in local)
    assert min(days[5], days[6]) > max(days[d] for d in range(5))
    # A binge: four or more episodes of one show within five hours.
    by_show: dict[int, list] = {}
    for p in plays:
        if p.type == "episode":
            by_show.setdefault(p.show, []).append(p.watched_at)
    binges = 0
    for stamps in by_show.values():
        stamps.sort()
        binges += any(
            stamps[i + 3] - stamps[i] <= timedelta(hours=5) for i in range(len(stamps) - 3)
        )
    assert binges >= 2
    assert all(p.runtime > 0 for p in plays)
    assert sum(p.type == "movie" for p in plays) >= 6


def test_the_plan_is_deterministic(plan):
    user, _, plays = plan
    assert demo_plan(user)[1] == plays


def test_load_demo_carries_the_planned_history():
    specs, plays = demo_plan("demo")
    progress = ta.load_demo("demo")
    history = progress.history
    assert len(history) == len(plays)
    assert list(history["id"]) == [p.id for p in plays]
    assert list(history["watched_at"]) == [pd.Timestamp(p.watched_at) for p in plays]
    assert list(history["action"]) == [p.action for p in plays]
    titles = {spec.index: spec.title for spec in specs}
    expected = [titles[p.show] if p.type == "episode" else MOVIES[p.show][0] for p in plays]
    assert list(history["title"].astype(str)) == expected
    assert progress.provenance.kind == "demo"
    assert progress.provenance.timezone == "Europe/Berlin"
    assert str(history["user"].iloc[0]) == "demo"


@pytest.mark.parametrize("user", ["demo", "casual", "binger"])
def test_no_show_is_played_before_its_first_year(user):
    history = ta.load_demo(user).history
    episodes = history[history["type"] == "episode"]
    assert len(episodes)
    assert (episodes["watched_at"].dt.year >= episodes["year"]).all()
