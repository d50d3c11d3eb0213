"""The explorer's history view: the pure function, then the thin widget around it.

The plays are the hand-worked six of tests/analysis/test_history.py.
"""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

import trakt_analysis as ta
from tests.helpers.history_cases import SIX, plays
from trakt_analysis.explore import history_view


def with_history(user="demo"):
    demo = ta.load_demo(user)
    provenance = ta.Provenance("demo", user, timezone="Europe/Berlin")
    return dataclasses.replace(demo, history=plays(SIX, user=user), provenance=provenance)


def clock_of(figure):
    return np.asarray(figure.axes[0].images[0].get_array())


def test_all_plays_by_default():
    view = history_view(with_history())
    assert len(view.plays) == 6
    assert view.timezone == "Europe/Berlin"
    assert view.year == 2026  # play 4 is 1 January 2026 in Berlin
    assert clock_of(view.figure).sum() == 6
    assert "Europe/Berlin" in view.message


def test_chosen_shows_keep_their_episode_plays():
    view = history_view(with_history(), [("Alpha", 2001)], tz="Asia/Kolkata")
    assert len(view.plays) == 4  # plays 1, 2, 3 and 5; the movie is not a show
    clock = clock_of(view.figure)
    assert clock.sum() == 4
    assert clock[6, 6] == 2  # Sunday 06:15 and 06:45 in Kolkata
    assert view.year == 2026  # play 5 is 00:10 on 1 January in Kolkata
    assert history_view(with_history(), ["Beta"], charts=False).figure is None


def without_history(user="demo"):
    return dataclasses.replace(ta.load_demo(user), history=None)  # as API v1 gives


def test_without_a_history():
    view = history_view(without_history())
    assert view.plays is None
    assert view.figure is None
    assert "no watch history" in view.message.lower()


class HistorySource:
    def users(self):
        return ["demo"]

    def load(self, user):
        return with_history(user)


def test_widget_shows_the_history_of_the_chosen_shows():
    pytest.importorskip("ipywidgets")
    explorer = ta.ProgressExplorer(HistorySource())
    assert len(explorer.history.plays) == 6
    assert explorer._history_chart.value[:4] == b"\x89PNG"
    # The demo shows do not include Alpha: choosing a demo show leaves no plays of it.
    first = explorer.controls.shows.options[0][1]
    explorer.controls.shows.value = [first]
    assert len(explorer.history.plays) == 0
    assert "1 chosen show" in explorer._history_note.value


class V1Source(HistorySource):
    def load(self, user):
        return without_history(user)


def test_widget_without_a_history_hides_the_view():
    pytest.importorskip("ipywidgets")
    explorer = ta.ProgressExplorer(V1Source())
    assert explorer.history.plays is None
    assert explorer._history_note.value == ""
    assert explorer._history_chart.layout.display == "none"
