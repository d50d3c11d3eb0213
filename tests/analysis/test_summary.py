"""Summary numbers, checked against how the demo data was built (the generator's specs)."""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs, expected_bins, expected_totals
from trakt_analysis.analysis.summary import (
    COMPLETION_BINS,
    completion_distribution,
    summarize,
    watch_next,
)
from trakt_analysis.demo.generate import make_specs, render
from trakt_analysis.demo.users import DEMO_USERS
from trakt_analysis.errors import TraktArgumentError


@pytest.mark.parametrize("user", list(DEMO_USERS))
def test_summary_matches_the_specs(user):
    specs = demo_specs(user)
    want = expected_totals(specs)
    got = ta.load_demo(user).summary()
    assert list(got.index) == [user]
    row = got.loc[user]
    for key, value in want.items():
        assert row[key] == value, key
    assert row["completion"] == pytest.approx(want["episodes_watched"] / want["episodes_aired"])
    # The partition adds up.
    assert row["finished"] + row["in_progress"] + row["not_started"] + row["nothing_aired"] == len(
        specs
    )
    assert row["scrobbles"] + row["checkins"] + row["seen"] == row["plays"]


def test_summary_dtypes_and_one_row_per_user():
    a = ta.load_demo("demo").shows
    b = ta.load_demo("casual").shows
    got = summarize(pd.concat([a, b], ignore_index=True))
    assert list(got.index) == ["demo", "casual"]
    assert got.index.name == "user"
    assert got["shows"].tolist() == [40, 8]
    assert str(got["plays"].dtype) == "Int64"
    assert str(got["completion"].dtype) == "Float64"


def test_summary_of_unknown_user_and_empty_frame():
    progress = ta.load_progress(ta.demo.users.demo_payload("casual"))
    got = progress.summary()
    assert len(got) == 1
    assert pd.isna(got.index[0])
    empty = summarize(progress.shows.iloc[0:0])
    assert len(empty) == 0
    assert "episodes_left" in empty.columns


def test_summary_rejects_a_frame_that_is_not_shows():
    progress = ta.load_demo("casual")
    with pytest.raises(TraktArgumentError, match="lacks column"):
        summarize(progress.episodes)
    with pytest.raises(TraktArgumentError, match="DataFrame"):
        summarize([1, 2])


@pytest.mark.parametrize("user", list(DEMO_USERS))
def test_completion_distribution_matches_the_specs(user):
    got = completion_distribution(ta.load_demo(user).shows)
    assert list(got.index) == list(COMPLETION_BINS)
    assert got.to_dict() == expected_bins(demo_specs(user), hidden=True)
    assert got.sum() == DEMO_USERS[user][0]


def test_completion_bin_edges_by_hand():
    # aired 4: 1 watched is exactly 25% -> "25% to 50%"; 3 of 4 -> "75% or more".
    specs = make_specs(5, seed=3, profile="minimal")
    pattern = [[True, False, False, False], [True, True, True, False], [False] * 4, [True] * 4]
    for spec, watched in zip(specs, pattern, strict=False):
        spec.seasons = spec.seasons[:1]
        spec.seasons[0].watched = list(watched)
    specs[4].seasons = specs[4].seasons[:1]
    specs[4].seasons[0].watched = [True] + [False] * 4  # 1 of 5 = 20%
    got = completion_distribution(ta.load_progress(render(specs)).shows)
    assert got["25% to 50%"] == 1
    assert got["75% or more"] == 1
    assert got["not started"] == 1
    assert got["finished"] == 1
    assert got["under 25%"] == 1


def test_watch_next_order_and_codes():
    specs = demo_specs()
    got = watch_next(ta.load_demo().shows)
    with_next = [s for s in specs if s.next_episode is not None]
    assert len(got) == len(with_next)
    started = [s for s in with_next if s.completed > 0]
    # Started shows first, highest completion first (ties keep response order).
    want_first = sorted(started, key=lambda s: -s.completed / s.aired)[0]
    first = got.iloc[0]
    assert (first["title"], first["year"]) == (want_first.title, want_first.year)
    season, number = want_first.next_episode
    assert first["episode"] == f"S{season:02d}E{number:02d}"
    completed = (got["completion"].fillna(0) > 0).tolist()
    assert completed == sorted(completed, reverse=True)
    n_started = sum(completed)
    values = got["completion"].iloc[:n_started].tolist()
    assert values == sorted(values, reverse=True)
    assert len(watch_next(ta.load_demo().shows, n=3)) == 3
