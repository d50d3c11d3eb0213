"""Hours beside the plays they leave out, worded for people (fresh findings, no. 10).

Before: "hours 59.2 (+1 plays without runtime)" (a plural after 1, and the "+" read as
more hours), "unknown (+96 plays without runtime)", and "month with most hours -"
where the other rows said "unknown". Hand-worked histories, in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

import trakt_analysis as ta
from tests.helpers.history_cases import demo_with_history
from trakt_analysis.report.text import format_summary

TODAY = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
# 2025: 30 + 60 minutes known, one play without a runtime
ONE_UNKNOWN = [
    ("2025-03-01 20:00", "Alpha", 1, 1, 30, "episode"),
    ("2025-03-02 20:00", "Alpha", 1, 2, 60, "episode"),
    ("2025-04-01 20:00", "Beta", 1, 1, None, "episode"),
]
NONE_KNOWN = [
    ("2025-03-01 20:00", "Alpha", 1, 1, None, "episode"),
    ("2025-03-02 20:00", "Alpha", 1, 2, None, "episode"),
]


def review_rows(rows):
    table = ta.year_in_review(demo_with_history(rows), 2025, tz="UTC").table()
    return dict(zip(table["label"], table["value"], strict=True))


def test_one_play_without_a_runtime_is_left_out_not_added():
    rows = review_rows(ONE_UNKNOWN)
    assert rows["hours"] == "1.5 (leaves out 1 play without a runtime)"
    assert rows["month with most hours"] == "March (1.5 hours)"


def test_no_runtime_at_all_reads_unknown_everywhere():
    rows = review_rows(NONE_KNOWN)
    assert rows["hours"] == "unknown (none of the 2 plays has a runtime)"
    assert rows["month with most hours"] == "unknown"


def test_the_summary_line_says_what_the_hours_leave_out():
    text = format_summary(demo_with_history(ONE_UNKNOWN), year=2025, today=TODAY)
    line = next(x for x in text.splitlines() if x.startswith("  hours      "))
    assert line == (
        "  hours            1.5  with a known runtime (leaves out 1 play without a runtime)"
    )
