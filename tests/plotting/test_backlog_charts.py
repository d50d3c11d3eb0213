"""plot_backlog(by="hours") with finish dates, and plot_upcoming, on the hand-worked cases."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.backlog_cases import NY, TODAY, progress


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def bars(ax):
    return [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]


def test_backlog_in_hours_with_finish_dates():
    plan = ta.backlog(progress("ann"), today=TODAY, tz=NY)
    ax = ta.plot_backlog(plan, by="hours")
    # Known hours left above 0: Old 6 h, Daily 2.5 h; five shows have unknown hours.
    assert [b.get_width() for b in bars(ax)] == [6.0, 2.5]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Old", "Daily"]
    assert [t.get_text() for t in ax.texts] == ["6.0 h", "2.5 h"]
    assert ax.get_xlabel() == "hours left"
    title = ax.get_title()
    assert title.startswith("Backlog: hours left")
    # Not drawn: Returning (caught up), Ended (finished); five of unknown hours. The same
    # words as the report's table of the same plan ("caught up 1 · finished 1").
    assert title.endswith("\n(not shown: caught up 1 · finished 1 · hours unknown 5)")
    (right,) = ax.child_axes
    notes = [t.get_text() for t in right.get_yticklabels()]
    assert notes == ["", "done by 2026-03-29"]  # Old is dropped: no finish date
    assert right.get_ylabel() == "finish date"  # no next episode, no air date in the plan
    assert title.startswith("Backlog: hours left\n(")  # the notes on a line of their own


def test_backlog_without_next_episodes_has_no_right_axis():
    # The account export without metadata: no next episode, no finish date in a shows frame.
    shows = progress("ann").shows.assign(next_season=pd.NA, next_number=pd.NA)
    ax = ta.plot_backlog(shows)
    assert ax.child_axes == []


def test_backlog_in_episodes_is_unchanged_by_default():
    plan = ta.backlog(progress("ann"), today=TODAY, tz=NY)
    ax = ta.plot_backlog(plan)
    # Episodes left: Old 8, Binge 6, Unstarted 5, Daily 4, Hidden 4, NoRuntime 2.
    assert [b.get_width() for b in bars(ax)] == [8, 6, 5, 4, 4, 2]
    assert ax.get_title().endswith("(not shown: caught up 1 · finished 1 · counts unknown 1)")


def test_the_title_counts_the_shows_not_drawn_by_the_tables_states():
    # Finding 7: the table said "caught up 1 · finished 2", the chart "3 finished shows".
    # ann: Ended (status Ended) finished, Returning (Returning Series) caught up.
    shows = progress("ann").shows
    title = "(not shown: caught up 1 · finished 1 · counts unknown 1)"
    assert ta.plot_backlog(shows).get_title().endswith(title)
    # Returning's status unknown: the shows frame alone cannot tell whether it has ended,
    # the plan's state "unknown", never "finished" ...
    unsure = shows.assign(status=shows["status"].where(shows["title"] != "Returning"))
    title = "(not shown: finished 1 · ended unknown 1 · counts unknown 1)"
    assert ta.plot_backlog(unsure).get_title().endswith(title)
    # ... but its S1E4 is announced (the schedule): not ended, caught up, in the chart of the
    # Progress (as the report draws it) as in the plan, which the table counts.
    with_schedule = dataclasses.replace(progress("ann"), shows=unsure)
    title = "(not shown: caught up 1 · finished 1 · counts unknown 1)"
    assert ta.plot_backlog(with_schedule).get_title().endswith(title)
    plan = ta.backlog(with_schedule, today=TODAY, tz=NY)
    assert ta.plot_backlog(plan).get_title().endswith(title)


def test_backlog_unit_is_checked():
    with pytest.raises(ta.TraktArgumentError, match="unit"):
        ta.plot_backlog(progress("ann").shows, by="minutes")


def test_backlog_hours_all_unknown_says_so():
    shows = progress("ann").shows.drop(columns="runtime")
    shows = shows[shows["left"].fillna(1) > 0]
    ax = ta.plot_backlog(shows, by="hours")
    assert [t.get_text() for t in ax.texts] == ["hours left unknown"]


def test_upcoming_timeline():
    ax = ta.plot_upcoming(progress("ann"), days=30, today=TODAY, tz=NY)
    (points,) = ax.collections
    offsets = points.get_offsets()
    # Daily S02E01 at 22:00 on Sat 03-14, Returning S01E04 at 21:00 on Fri 03-20 (New York).
    assert [mdates.num2date(x).replace(tzinfo=None) for x in offsets[:, 0]] == [
        pd.Timestamp("2026-03-14 22:00").to_pydatetime(),
        pd.Timestamp("2026-03-20 21:00").to_pydatetime(),
    ]
    assert list(offsets[:, 1]) == [0, 1]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Daily", "Returning"]
    assert [t.get_text() for t in ax.texts] == ["S02E01", "S01E04"]
    assert ax.get_title() == "Upcoming episodes: next 30 days (America/New_York)"
    left, right = ax.get_xlim()
    assert mdates.num2date(left).replace(tzinfo=None) == pd.Timestamp(TODAY).to_pydatetime()
    assert right - left == pytest.approx(30)


def test_upcoming_takes_the_frame_and_says_when_nothing_airs():
    frame = ta.upcoming(progress("bob"), days=7, today=TODAY, tz=NY)
    ax = ta.plot_upcoming(frame)
    assert [t.get_text() for t in ax.texts] == ["nothing airs in the next 7 days"]
