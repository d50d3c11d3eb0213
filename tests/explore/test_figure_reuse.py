"""The explorer keeps one figure and draws again only what changed (issue 15).

Expected bar widths come from the hand-built response in tests/helpers/explore_data.py:
percentages Gamma (2020) 25, Alpha 80, beta 100, Gamma (2001) 0.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import RESPONSE, write_users
from trakt_analysis.explore import Filters, view
from trakt_analysis.explore._view import ExplorerFigure

MOST = [100, 80, 25, 0]  # most-completed: beta, Alpha, Gamma (2020), Gamma (2001)
LEAST = [0, 25, 80, 100]


@pytest.fixture(scope="module")
def progress() -> ta.Progress:
    return ta.load_progress(RESPONSE, user="alice")


def widths(ax) -> list[float]:
    return [bar.get_width() for bar in ax.patches]


def labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_a_sort_change_updates_the_same_bars_of_the_same_figure(progress):
    drawer = ExplorerFigure()
    first = view(progress, sort="most-completed", reuse=drawer)
    completion = first.figure.axes[0]
    bars = list(completion.patches)
    assert widths(completion) == MOST
    second = view(progress, sort="least-completed", reuse=drawer)
    assert second.figure is first.figure
    assert second.figure.axes[0] is completion
    assert list(completion.patches) == bars  # the same Rectangle objects, changed in place
    assert widths(completion) == LEAST
    assert labels(completion) == ["Gamma (2001)", "Gamma (2020)", "Alpha", "beta"]
    notes = [t.get_text() for t in completion.texts]
    assert notes == ["0/4", "1/4", "4/5", "2/2"]


def test_the_grid_is_not_redrawn_when_its_show_did_not_change(progress):
    drawer = ExplorerFigure()
    view(progress, sort="most-completed", focus=("Alpha", 2010), reuse=drawer)
    grid = drawer.grid_ax
    image = grid.images[0]
    assert drawer.redrawn == ("completion", "grid")
    view(progress, sort="least-completed", focus=("Alpha", 2010), reuse=drawer)
    assert drawer.redrawn == ("completion",)
    assert list(grid.images) == [image]  # the grid's artists were left alone
    view(progress, sort="least-completed", focus=("beta", 2015), reuse=drawer)
    assert drawer.redrawn == ("grid",)
    assert "beta" in grid.get_title()
    assert grid.images[0] is not image


def test_an_unchanged_view_draws_nothing(progress):
    drawer = ExplorerFigure()
    view(progress, sort="title", reuse=drawer)
    png = drawer.png()
    view(progress, sort="title", reuse=drawer, filters=Filters(search=""))
    assert drawer.redrawn == ()
    assert drawer.png() is png  # not drawn again


def test_drawing_only_the_changed_panel_gives_the_same_image_as_drawing_all(progress):
    kept = ExplorerFigure()
    view(progress, sort="most-completed", focus=("Alpha", 2010), reuse=kept)
    kept.png()
    view(progress, sort="least-completed", focus=("Alpha", 2010), reuse=kept)
    partial = kept.png()  # the completion panel drawn over the kept image
    fresh = ExplorerFigure()
    view(progress, sort="least-completed", focus=("Alpha", 2010), reuse=fresh)
    assert partial == fresh.png()


def test_fewer_bars_are_plotted_again_and_an_empty_view_drops_the_old_bars(progress):
    drawer = ExplorerFigure()
    view(progress, sort="most-completed", reuse=drawer)
    v = view(progress, sort="most-completed", filters=Filters(hide_completed=True), reuse=drawer)
    assert widths(v.figure.axes[0]) == [80, 25, 0]
    v = view(progress, filters=Filters(search="zzz"), reuse=drawer)
    assert widths(v.figure.axes[0]) == []
    assert v.figure.axes[1].texts[0].get_text() == "no show to show"
    v = view(progress, sort="least-completed", reuse=drawer)
    assert widths(v.figure.axes[0]) == LEAST


def test_the_widget_keeps_one_figure(tmp_path):
    write_users(tmp_path)
    explorer = ta.ProgressExplorer(tmp_path)
    figure = explorer.figure
    png = explorer._chart.value
    explorer.controls.sort.value = "most-completed"
    assert explorer.figure is figure
    assert widths(figure.axes[0]) == MOST
    assert explorer._chart.value != png
    assert explorer._chart.value[:8] == b"\x89PNG\r\n\x1a\n"
