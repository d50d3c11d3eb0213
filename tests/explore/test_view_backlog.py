"""The explorer's time-left orders and its backlog columns (state, finish date)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs
from trakt_analysis.explore import TABLE_COLUMNS, view

TODAY = "2026-02-10"


def test_sort_by_time_left_and_backlog_columns():
    progress = ta.load_demo()
    shown = view(progress, sort="most-time-left", charts=False, today=TODAY)
    table = shown.table
    assert tuple(table.columns) == TABLE_COLUMNS
    hours = table["hours_left"].to_numpy(float, na_value=np.nan)
    known = hours[~np.isnan(hours)]
    assert (np.diff(known) <= 0).all()  # most first
    assert np.isnan(hours[len(known) :]).all()  # unknown last
    # By the plan: the show with the most episodes left (a daily quiz show) leads.
    most = max(demo_specs(), key=lambda s: s.aired - s.completed)
    assert table["left"].iloc[0] == most.aired - most.completed
    assert set(table["state"].astype(str)) <= set(ta.analysis.backlog.BACKLOG_STATES)
    # A finish date only for the shows being watched.
    watching = table["state"].astype(str) == "watching"
    assert table.loc[~watching, "finish_date"].isna().all()
    assert (table.loc[watching, "finish_date"] > pd.Timestamp(TODAY)).all()
    least = view(progress, sort="least-time-left", charts=False, today=TODAY).table
    first = least["hours_left"].dropna()
    assert first.iloc[0] == min(known)


def test_the_state_follows_today():
    progress = ta.load_demo()
    later = view(progress, charts=False, today="2030-01-01").table
    assert "watching" not in set(later["state"].astype(str))  # no play for years
