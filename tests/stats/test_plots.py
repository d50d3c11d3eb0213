"""plot_breakdown and plot_ratings on the hand-worked progress (conftest.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.stats.conftest import make_progress


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def bars(ax):
    return [(round(p.get_width(), 6), round(p.get_y() + p.get_height() / 2, 6)) for p in ax.patches]


def labels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_bars_per_genre_with_unknown_last(hand_progress, tmp_path):
    ax = ta.plot_breakdown(hand_progress, "genre")
    assert labels(ax) == ["drama", "science-fiction", "unknown"]
    widths = [w for w, _ in bars(ax)]
    assert widths == pytest.approx([160 / 60, 100 / 60, 70 / 60])
    assert ax.get_title() == "hours by genre"
    ax.figure.savefig(tmp_path / "b.png", dpi=80)


def test_values_beyond_top_are_one_other_bar(hand_progress):
    ax = ta.plot_breakdown(hand_progress, "genre", metric="plays", top=1)
    assert labels(ax) == ["drama", "other (1)", "unknown"]
    assert [w for w, _ in bars(ax)] == [4, 3, 2]


def test_unknown_hours_show_a_question_mark_not_a_zero():
    progress = make_progress()
    progress.history["runtime"] = pd.array([None] * len(progress.history), dtype="Int32")
    ax = ta.plot_breakdown(progress, "network")
    assert [t.get_text().strip() for t in ax.texts] == ["?", "?", "?"]


def test_two_users_get_a_bar_each_and_a_legend():
    ax = ta.plot_breakdown([make_progress("ana"), make_progress("bo")], "network", metric="plays")
    assert len(ax.patches) == 2 * 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ana", "bo"]


def test_a_progress_of_unknown_user_draws_its_bars():
    # A response loaded without a name has user NA: its rows are one user's, not none
    # (this drew "no data", as NA == NA is not True). Same bars as the named user's.
    named = ta.plot_breakdown(make_progress(), "genre")
    expected = bars(named)
    progress = make_progress(None)
    assert progress.history["user"].isna().all()
    ax = ta.plot_breakdown(progress, "genre")
    assert labels(ax) == ["drama", "science-fiction", "unknown"]
    assert bars(ax) == expected
    assert [t.get_text() for t in ax.texts] == []


def test_the_v1_fixture_unnamed_draws_the_bars_of_the_named_load():
    # Finding 2: the saved demo.json read without a user drew "no data" (17 bars named).
    path = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "users" / "demo.json"
    unnamed = ta.load_progress(path.read_bytes())
    assert unnamed.user is None
    named = ta.plot_breakdown(ta.load_progress(path, user="demo"), "genre")
    expected = (labels(named), bars(named))
    ax = ta.plot_breakdown(unnamed, "genre")
    assert len(expected[0]) == 17  # the top 15, "other (...)" and "unknown"
    assert (labels(ax), bars(ax)) == expected


def test_no_data_says_so(hand_progress):
    empty = dataclasses.replace(hand_progress, history=hand_progress.history.iloc[:0])
    ax = ta.plot_breakdown(empty, "genre")
    assert [t.get_text() for t in ax.texts] == ["no data"]


def test_a_precomputed_frame_and_bad_arguments(hand_progress):
    frame = ta.breakdown(hand_progress, "country")
    ax = ta.plot_breakdown(frame, "country", metric="shows", color="#000000")
    assert labels(ax) == ["us", "unknown"]
    with pytest.raises(ta.TraktArgumentError, match="metric must be"):
        ta.plot_breakdown(hand_progress, "genre", metric="minutes")
    with pytest.raises(ta.TraktArgumentError, match="no column 'genre'"):
        ta.plot_breakdown(frame, "genre")


def test_ratings_are_stacked_by_type(rated_progress, tmp_path):
    ax = ta.plot_ratings(rated_progress)
    heights = {}
    for patch in ax.patches:
        x = round(patch.get_x() + patch.get_width() / 2)
        heights[x] = heights.get(x, 0) + patch.get_height()
    # shows 4, 7, 9; the season 8; the episode 10; Dune 6 (Arrival's NA is left out)
    assert {x: h for x, h in heights.items() if h} == {4: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "show",
        "season",
        "episode",
        "movie",
    ]
    ax.figure.savefig(tmp_path / "r.png", dpi=80)


def test_no_ratings_says_so(rated_progress):
    none = dataclasses.replace(rated_progress, ratings=rated_progress.ratings.iloc[:0])
    ax = ta.plot_ratings(none)
    assert [t.get_text() for t in ax.texts] == ["no ratings"]
