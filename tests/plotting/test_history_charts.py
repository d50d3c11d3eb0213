"""The history charts, read back from their artists; expected values worked out by hand.

The plays are those of tests/analysis/test_history.py (see its table): six plays
across the Berlin DST change of 30 March 2025 and across New Year.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import trakt_analysis as ta
from tests.helpers.history_cases import SIX, plays
from trakt_analysis.plotting import palette

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def six():
    return plays(SIX)


def bars(ax):
    return [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]


def texts(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() != "runtime-note"]


def unknown_marks(ax):
    return [t for t in ax.texts if t.get_text() == "?"]


# -- the clock ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "cells"),
    [
        ("UTC", {(SAT, 22), (SUN, 0), (SUN, 1), (WED, 23), (WED, 18), (SUN, 19)}),
        ("Europe/Berlin", {(SAT, 23), (SUN, 1), (SUN, 3), (THU, 0), (WED, 19), (SUN, 21)}),
        ("Asia/Kolkata", {(SUN, 4), (SUN, 6), (THU, 4), (THU, 0), (MON, 0)}),
    ],
)
def test_clock_heatmap_cells_and_zone(six, zone, cells):
    ax = ta.plot_watch_clock(six, tz=zone)
    values = np.asarray(ax.images[0].get_array())
    assert values.shape == (7, 24)
    assert {(int(d), int(h)) for d, h in zip(*np.nonzero(values), strict=True)} == cells
    assert values.sum() == 6
    assert zone in ax.get_title()
    assert zone in ax.get_xlabel()
    assert next(t.get_text() for t in ax.get_yticklabels()) == "Mon"


def test_clock_kwargs_and_given_ax(six):
    _fig, ax = plt.subplots()
    got = ta.plot_watch_clock(six, tz="UTC", ax=ax, cmap="Greys")
    assert got is ax
    assert ax.images[0].get_cmap().name == "Greys"
    assert ta.plot_watch_clock(six, tz="UTC").images[0].get_cmap().name == palette.HISTORY_CMAP


def test_clock_of_a_progress_uses_the_profile_zone(six):
    empty = pd.DataFrame()
    progress = ta.Progress(
        empty,
        empty,
        empty,
        "ann",
        history=six,
        provenance=ta.Provenance("demo", "t", timezone="Asia/Kolkata"),
    )
    ax = ta.plot_watch_clock(progress)
    assert "Asia/Kolkata" in ax.get_title()
    assert np.asarray(ax.images[0].get_array())[SUN, 6] == 2


# -- watch time --------------------------------------------------------------------------


def test_watch_time_hours_bars_mark_unknown(six):
    ax = ta.plot_watch_time(six, freq="month", tz="Europe/Berlin")
    heights = [b.get_height() for b in bars(ax)]
    # 2025-03 .. 2026-01 in Berlin: March 1.5 h, June 2 h (the movie), December
    # unknown (its one play has runtime 0), January 0.5 h.
    assert heights == [1.5, 0, 0, 2.0, 0, 0, 0, 0, 0, 0, 0.5]
    assert texts(ax) == ["?"]
    assert unknown_marks(ax)[0].get_position()[0] == pytest.approx(9)  # December's slot
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "2025-03"
    assert labels[-1] == "2026-01"
    note = next(c for c in ax.get_children() if c.get_gid() == "runtime-note")
    assert note.get_text().startswith("2 of 6 plays had no runtime")
    assert "Europe/Berlin" in ax.get_title()


def test_watch_time_plays_per_year_in_kolkata(six):
    ax = ta.plot_watch_time(six, freq="year", unit="plays", tz="Asia/Kolkata")
    assert [b.get_height() for b in bars(ax)] == [4, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2025", "2026"]
    assert not any(c.get_gid() == "runtime-note" for c in ax.get_children())


def test_watch_time_several_users(six):
    both = pd.concat([six, plays(SIX[:3], user="bob")], ignore_index=True)
    ax = ta.plot_watch_time(both, freq="year", tz="UTC")
    rects = bars(ax)
    assert [b.get_height() for b in rects] == [4.0, 1.5]
    assert [to_hex(b.get_facecolor()) for b in rects] == list(palette.USER_COLORS[:2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["ann", "bob"]


def test_watch_time_without_runtimes_says_so():
    # No play has a runtime (the export without metadata): no empty axis of "?" bars,
    # one line saying the hours are unknown; plays per month can still be drawn.
    rows = [
        ("2025-01-01 20:00", "Alpha", 1, 1, None, "episode"),
        ("2025-03-01 20:00", "Alpha", 1, 2, None, "episode"),
    ]
    ax = ta.plot_watch_time(plays(rows), tz="UTC")
    assert bars(ax) == []
    assert [t.get_text() for t in ax.texts] == [
        "hours unknown: none of the 2 plays has a runtime; TVmaze metadata adds them"
    ]
    counted = ta.plot_watch_time(plays(rows), unit="plays", tz="UTC")
    assert [b.get_height() for b in bars(counted)] == [1, 0, 1]


def test_watch_time_bad_unit(six):
    with pytest.raises(ta.TraktArgumentError, match="unit"):
        ta.plot_watch_time(six, unit="minutes")


# -- calendar ----------------------------------------------------------------------------


def test_calendar_heatmap(six):
    ax = ta.plot_watch_calendar(six, year=2025, tz="Europe/Berlin")
    grid = ax.images[0].get_array()
    assert grid.shape == (7, 53)
    # 1 Jan 2025 is a Wednesday: Monday and Tuesday of column 0 are outside the year.
    assert grid.mask[MON, 0]
    assert grid.mask[TUE, 0]
    assert not grid.mask[WED, 0]
    # Sat 29 March is day 88: column (87 + 2) // 7 = 12; Sun 30 March (2 plays) too.
    assert grid[SAT, 12] == 1
    assert grid[SUN, 12] == 2
    assert grid.sum() == 5  # play 4 is 2026 in Berlin
    assert "2025" in ax.get_title()
    assert "Europe/Berlin" in ax.get_title()
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Jan"


def test_calendar_leaves_the_days_to_come_blank(six):
    ax = ta.plot_watch_calendar(six, year=2025, tz="Europe/Berlin", today="2025-06-15")
    grid = ax.images[0].get_array()
    # Sun 15 June is day 166: column (165 + 2) // 7 = 23; Mon 16 June starts column 24.
    assert grid[SUN, 23] == 1
    assert not grid.mask[SAT, 23]
    assert grid[SAT, 23] == 0  # a day gone by without a play
    assert grid.mask[MON, 24]  # not yet: blank, not 0 plays
    assert grid.mask[TUE, 52]
    assert grid[WED, 52] == 1  # 31 Dec has a play: drawn
    assert int(grid.count()) == 166 + 1
    assert ax.get_title().endswith(": 5 plays to 15 Jun")
    ahead = ta.plot_watch_calendar(six, year=2025, tz="UTC", today="2024-12-31")
    assert ahead.get_title().endswith("plays (not begun yet)")
    done = ta.plot_watch_calendar(six, year=2025, tz="UTC", today="2026-01-01")
    assert done.get_title().endswith(": 6 plays")


def test_calendar_in_utc_keeps_new_years_eve(six):
    grid = ta.plot_watch_calendar(six, year=2025, tz="UTC").images[0].get_array()
    assert grid.sum() == 6
    # Wed 31 Dec 2025: day 365, column (364 + 2) // 7 = 52
    assert grid[WED, 52] == 2


# -- empty -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plot_watch_clock", "plot_watch_time"])
def test_empty_history_says_no_plays(six, name):
    ax = getattr(ta, name)(six.iloc[:0], tz="UTC")
    assert "no plays" in texts(ax)


def test_empty_calendar_is_all_zero(six):
    ax = ta.plot_watch_calendar(six.iloc[:0], year=2025, tz="UTC")
    assert ax.images[0].get_array().sum() == 0
    assert "0 plays" in ax.get_title()


def test_charts_render_png(six, tmp_path):
    for name in ("plot_watch_clock", "plot_watch_time", "plot_watch_calendar"):
        ax = getattr(ta, name)(six, tz="Asia/Kolkata")
        path = tmp_path / f"{name}.png"
        ax.figure.savefig(path, dpi=72)
        assert path.read_bytes()[:4] == b"\x89PNG"


def test_plays_with_an_unknown_date_are_counted_apart(six):
    history = pd.concat([six, plays([("1970-01-01 00:00", "Alpha", 1, 4, 45, "episode")])])
    for name in ("plot_watch_clock", "plot_watch_calendar"):
        ax = getattr(ta, name)(history, tz="UTC")
        assert ax.images[0].get_array().sum() == 6
        note = next(t for t in ax.texts if t.get_gid() == "time-note")
        assert note.get_text() == "1 plays with an unknown date are not drawn"
