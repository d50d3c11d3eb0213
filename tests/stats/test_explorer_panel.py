"""The explorer's breakdown panel: the plain function, then the thin widget around it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

from tests.stats.conftest import make_progress
from trakt_analysis.errors import TraktArgumentError
from trakt_analysis.explore import breakdown_view


def test_the_view_holds_the_users_breakdown_and_says_what_it_counts(hand_progress):
    view = breakdown_view(hand_progress, "genre", charts=False)
    assert view.figure is None
    assert view.table["genre"].tolist() == ["drama", "science-fiction", "unknown"]
    # C (no genre) and D (plays of a show the frame lacks): 2 unknown shows
    assert view.message == (
        "2 genre value(s); plays from the history; 2 show(s) without a genre: 'unknown'; "
        "a show counts in each of its genres; "
        "hours and their shares leave out 1 play without a runtime."  # A's S01E02
    )


def test_the_view_draws_the_bars(hand_progress):
    view = breakdown_view(hand_progress, "network", metric="plays")
    ax = view.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Netflix", "HBO", "unknown"]
    assert [p.get_width() for p in ax.patches] == [3, 1, 2]


def test_without_a_history_the_view_says_plays_are_the_shows_counts():
    view = breakdown_view(make_progress(history=False), "country", charts=False)
    assert "plays from the shows' counts" in view.message
    with pytest.raises(TraktArgumentError, match="by must be one of"):
        breakdown_view(make_progress(), "mood")


class DemoSource:
    def users(self):
        return ["demo"]

    def load(self, user):
        import trakt_analysis as ta

        return ta.load_demo(user)


def test_the_widget_shows_the_panel_and_follows_the_dropdown():
    pytest.importorskip("ipywidgets")
    import trakt_analysis as ta

    explorer = ta.ProgressExplorer(DemoSource())
    assert explorer.breakdown.by == "genre"
    assert explorer._breakdown_chart.value[:4] == b"\x89PNG"
    explorer.controls.breakdown.value = "decade"
    expected = breakdown_view(explorer.progress, "decade", charts=False).table
    assert explorer.breakdown.table.equals(expected)  # the widget shows what the function gives
    assert "decade value(s)" in explorer._breakdown_note.value
    # the table's filters do not change the panel: it is the user's, all shows
    explorer.controls.in_progress.value = True
    assert explorer.breakdown.table.equals(expected)
