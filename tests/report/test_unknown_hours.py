"""Hours watched are unknown, not 0.0, when no play of the history has a runtime.

Hand-worked history: three episode plays without a runtime, in 2023 and 2025.
``watch_time`` by year has 2023 (2 plays, hours NA), 2024 (no play: 0 plays,
0.0 hours, a known nothing) and 2025 (1 play, hours NA). Summing the known
hours gave 0.0 from the empty year: the hours are unknown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.history_cases import demo_with_history, plays
from trakt_analysis.analysis.history import total_hours, watch_time
from trakt_analysis.cli import main
from trakt_analysis.report.text import format_summary

EXPORT = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"
TODAY = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
NO_RUNTIME = [
    ("2023-03-01 20:00", "Alpha", 1, 1, None, "episode"),
    ("2023-03-02 20:00", "Alpha", 1, 2, None, "episode"),
    ("2025-05-01 20:00", "Beta", 1, 1, None, "episode"),
]


def test_the_empty_year_is_zero_hours_but_the_total_is_unknown():
    years = watch_time(plays(NO_RUNTIME), freq="year", tz="UTC")
    assert years["plays"].tolist() == [2, 0, 1]
    assert years["hours"].iloc[1] == 0.0  # 2024: no play, 0 hours, known
    assert years["hours"].isna().tolist() == [True, False, True]
    assert total_hours(years) is None


def test_total_hours_by_hand():
    rows = [*NO_RUNTIME, ("2024-01-01 20:00", "Beta", 1, 2, 45, "episode")]
    rows.append(("2025-01-01 20:00", "Beta", 1, 3, 30, "episode"))
    assert total_hours(watch_time(plays(rows), freq="year", tz="UTC")) == pytest.approx(1.25)
    assert total_hours(watch_time(plays([]), freq="year", tz="UTC")) == 0.0  # nothing watched


def test_summary_says_the_hours_are_unknown():
    text = format_summary(demo_with_history(NO_RUNTIME), year=2025, today=TODAY)
    line = next(x for x in text.splitlines() if x.startswith("  hours "))
    assert line == (
        "  hours        unknown  (no play has a runtime; "
        "add --metadata tvmaze to fill them from TVmaze)"
    )
    # The year in review says the same (its movies' 0.0 is right: no movie was played).
    assert "  hours            unknown" in text


def test_report_card_says_the_hours_are_unknown():
    html = ta.report_html(demo_with_history(NO_RUNTIME), charts=False, generated=TODAY)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('[data-metric="hours"] .value').get_text() == "unknown"


def test_cli_summary_of_the_demo_export_has_no_zero_hours(capsys):
    # The export's history (extended=gdpr) carries no runtimes.
    assert main(["summary", str(EXPORT), "-q"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  hours "))
    assert "unknown" in line
    assert "no play has a runtime" in line
    assert "--metadata tvmaze" in line
    assert "0.0" not in line
