"""ProgressExplorer(today=...): the table's states are planned on the given day, not the clock.

Expected states from the demo's plan and its history, by the documented thresholds
(docs/backlog.md: a show in progress with no play for more than 30 days is
"stalled", more than 180 days "dropped", else "watching").
"""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs
from trakt_analysis.errors import TraktArgumentError


def latest_in_progress() -> tuple[tuple[str, int], pd.Timestamp]:
    """The show in progress (by the plan) played last in the demo's history, and that play."""
    started = {(s.title, s.year) for s in demo_specs() if 0 < s.completed < s.aired}
    history = ta.load_demo().history
    episodes = history[history["type"] == "episode"]
    last = episodes.groupby(["title", "year"])["watched_at"].max()
    last = last[[key in started for key in last.index]]
    key = last.idxmax()
    return (str(key[0]), int(key[1])), last.max()


def state_of(explorer: ta.ProgressExplorer, key: tuple[str, int]) -> str:
    table = explorer.table
    row = table[(table["title"] == key[0]) & (table["year"] == key[1])]
    return str(row["state"].iloc[0])


@pytest.mark.parametrize(
    ("days_after", "state"), [(10, "watching"), (40, "stalled"), (200, "dropped")]
)
def test_the_table_is_planned_on_today(days_after, state):
    key, played = latest_in_progress()
    day = (played.tz_convert("UTC") + pd.Timedelta(days=days_after)).strftime("%Y-%m-%d")
    explorer = ta.ProgressExplorer(today=day)
    assert explorer.today == day
    assert state_of(explorer, key) == state


def test_live_passes_today_to_the_explorer(monkeypatch):
    seen = {}

    def init(self, source, **options):
        seen.update(options)

    monkeypatch.setattr(ta.ProgressExplorer, "__init__", init)
    ta.ProgressExplorer.live("key", today="2026-02-10", user="alice", base_url="http://x")
    assert seen == {"today": "2026-02-10", "user": "alice"}  # base_url goes to the client


def test_a_bad_today_fails_when_the_explorer_is_made():
    with pytest.raises(TraktArgumentError, match="today must be a date"):
        ta.ProgressExplorer(today="not a day")
