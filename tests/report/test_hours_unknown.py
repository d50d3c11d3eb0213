"""Hours unknown to every play (the account export without metadata): the report, the
terminal summary and the dashboard say so instead of ranking, charting or summing them.

The plays are the six of tests/helpers/history_cases.py (SIX) with no runtime at all. In
Europe/Berlin, 2025 holds five of them (Alpha S1E1-3 and S1E1 again, the movie Gamma);
Beta's play (23:10 UTC on 31 December) is 1 January 2026 there. A seventh play, Xeno in
2023, leaves 2024 without plays: its 0.0 hours are known, and must not make the total 0.0.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.history_cases import SIX, plays
from trakt_analysis.dashboard._logic import review_panel
from trakt_analysis.report.html import report_html
from trakt_analysis.report.text import history_lines

GENERATED = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
NO_RUNTIME = [(*row[:4], None, row[5]) for row in SIX] + [
    ("2023-05-01 20:00", "Xeno", 1, 1, None, "episode")
]


def without_runtimes():
    demo = ta.load_demo()
    provenance = ta.Provenance("demo", "demo", timezone="Europe/Berlin")
    history = plays(NO_RUNTIME, user=demo.user)
    return dataclasses.replace(demo, history=history, provenance=provenance)


@pytest.fixture(scope="module")
def soup():
    html = report_html(without_runtimes(), year=2025, generated=GENERATED, dpi=30)
    return BeautifulSoup(html, "html.parser")


def test_watch_time_card_says_unknown_not_zero_hours(soup):
    card = soup.select_one('[data-metric="hours"]')
    assert card.select_one(".value").get_text() == "unknown"
    assert card.select_one(".label").get_text() == "hours"
    assert soup.select_one('[data-metric="plays_without_runtime"] .value').get_text() == "7"


def test_no_chart_of_unknown_hours_but_a_line(soup):
    assert soup.select_one("#chart-history-time") is None
    assert soup.select_one("#chart-year-time") is None
    line = soup.select_one("#history-time-unknown").get_text()
    assert line == (
        "Watch time per month not drawn (hours unknown: none of the 7 plays has a runtime; "
        "TVmaze metadata adds them)."
    )
    assert "none of the 5 plays" in soup.select_one("#year-time-unknown").get_text()
    assert soup.select_one("#chart-history-calendar") is not None  # plays are still drawn


def test_top_shows_by_plays_when_hours_are_unknown(soup):
    top = soup.select_one("#top-shows-table")
    assert top.select_one("caption").get_text().startswith("Top shows by plays")
    rows = [[td.get_text() for td in tr.select("td")] for tr in top.select("tbody tr")]
    assert [(r[1], r[3], r[4]) for r in rows] == [
        ("Alpha", "4", "unknown"),
        ("Beta", "1", "unknown"),
        ("Xeno", "1", "unknown"),  # ties by title
    ]
    # The year: no "by hours" table repeating the one by plays.
    assert soup.select_one("#year-top-hours") is None
    assert soup.select_one("#year-top-plays") is not None
    assert "Top shows of 2025 by plays below (hours unknown: none of the 5 plays" in soup.get_text()


def test_month_table_and_year_against_year_wording(soup):
    headers = [th.get_text() for th in soup.select("#year-months thead th")]
    assert "top show" in headers
    assert "top show (by hours)" not in headers
    measures = [tr.select("td")[0].get_text() for tr in soup.select("#year-vs-previous tbody tr")]
    assert measures == ["plays", "episode plays", "movie plays", "hours", "shows", "movies"]
    caption = soup.select_one("#year-table caption").get_text()
    assert "ties are all named" in caption
    assert "earliest" not in caption


def test_terminal_summary_ranks_by_plays_and_says_why():
    lines = history_lines(without_runtimes(), year=2025, tz=None, today=GENERATED)
    at = lines.index(
        "Top shows by plays (hours unknown: none of the 7 plays has a runtime; "
        "TVmaze metadata adds them)"
    )
    assert lines[at + 2].split()[:4] == ["Alpha", "2001", "4", "unknown"]
    assert not any(line.startswith("Top shows by hours") for line in lines)


def test_dashboard_review_ranks_by_plays_and_says_why():
    panel = review_panel(without_runtimes(), 2025)
    html = BeautifulSoup(panel.html, "html.parser")
    caption = html.select_one("#review-top-shows caption").get_text()
    assert caption.startswith("Top shows by plays (hours unknown: none of the 5 plays")
    first = [td.get_text() for td in html.select("#review-top-shows tbody tr")[0].select("td")]
    assert first[1:4] == ["Alpha", "2001", "4"]  # the year beside the title, as in the report
