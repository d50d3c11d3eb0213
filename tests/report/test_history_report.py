"""The report's watch-time section and year in review, on the hand-worked history.

The six plays are those of tests/analysis/test_history.py (see its table).
"""

from __future__ import annotations

import base64
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.history_cases import SIX, plays
from trakt_analysis.cli import main
from trakt_analysis.report.html import report_html

GENERATED = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


def with_history(zone="Europe/Berlin"):
    demo = ta.load_demo()
    provenance = ta.Provenance("demo", "demo", timezone=zone)
    return dataclasses.replace(demo, history=plays(SIX, user=demo.user), provenance=provenance)


@pytest.fixture(scope="module")
def soup():
    html = report_html(with_history(), year=2025, generated=GENERATED, dpi=40)
    return BeautifulSoup(html, "html.parser")


def metric(soup, key):
    return soup.select_one(f'[data-metric="{key}"] .value').get_text()


def year_rows(soup):
    rows = soup.select("#year-table tbody tr")
    return {r.select("td")[0].get_text(): r.select("td")[1].get_text() for r in rows}


def test_nav_links_the_history_sections(soup):
    links = [a["href"] for a in soup.select("nav a")]
    assert "#watch-time" in links
    assert "#year-review" in links
    assert soup.select_one("#watch-time h2").get_text() == "Watch time"
    assert soup.select_one("#year-review h2").get_text() == "2025 in review"


def test_watch_time_cards(soup):
    assert metric(soup, "history_plays") == "6"
    assert metric(soup, "hours") == "4.0"  # 45 + 45 + 30 + 120 minutes
    assert metric(soup, "plays_without_runtime") == "2"
    assert metric(soup, "rewatches") == "1"
    assert metric(soup, "longest_streak") == "2"
    # Berlin days 31 Dec and 1 Jan; the report is dated 2 Jan: the run is current.
    assert metric(soup, "current_streak") == "2"
    assert metric(soup, "timezone") == "Europe/Berlin"


def test_years_table_splits_new_year_in_local_time(soup):
    rows = [
        [td.get_text() for td in tr.select("td")] for tr in soup.select("#years-table tbody tr")
    ]
    assert rows == [["2025", "5", "3.5", "2"], ["2026", "1", "0.5", "0"]]


def test_year_in_review_table(soup):
    rows = year_rows(soup)
    assert rows["plays"] == "5"
    assert rows["movies"] == "1"
    assert rows["hours"] == "3.5 (leaves out 2 plays without a runtime)"
    assert rows["busiest month"] == "March (3 plays)"
    assert rows["busiest day"] == "2025-03-30 (Sunday) (2 plays)"
    assert rows["longest streak"] == "2 days (2025-03-29 to 2025-03-30)"
    assert rows["shows started"] == "1"
    # The demo shows have aired counts, but none of them is in this history.
    assert rows["shows finished"] == "0"
    assert rows["time zone"] == "Europe/Berlin"
    top = [td.get_text() for td in soup.select("#year-top-hours tbody tr td")]
    assert top[:2] == ["1", "Alpha"]


def test_history_charts_are_inline_pngs(soup):
    for key in ("history-clock", "history-calendar", "history-time", "year-clock"):
        img = soup.select_one(f"#chart-{key} img")
        assert img is not None, key
        data = base64.b64decode(img["src"].split(",", 1)[1])
        assert data[:4] == b"\x89PNG"
    assert "Europe/Berlin" in soup.select_one("#chart-year-clock figcaption").get_text()


def test_zone_can_be_given_and_charts_left_out():
    html = report_html(with_history(), year=2025, tz="Asia/Kolkata", charts=False)
    page = BeautifulSoup(html, "html.parser")
    assert metric(page, "timezone") == "Asia/Kolkata"
    assert year_rows(page)["plays"] == "4"
    assert page.select_one("#chart-history-clock") is None


def test_without_a_history():
    demo = dataclasses.replace(ta.load_demo(), history=None)
    page = BeautifulSoup(report_html(demo, charts=False), "html.parser")
    assert page.select_one("#watch-time") is None
    assert page.select_one("#year-review") is None
    page = BeautifulSoup(report_html(demo, charts=False, year=2025), "html.parser")
    assert "no watch history" in page.select_one("#year-review").get_text()
    with pytest.raises(ta.TraktArgumentError, match="year"):
        report_html(demo, charts=False, year=25000)


def test_cli_year_and_zone(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert (
        main(["report", "-o", str(out), "--no-charts", "--year", "2025", "--tz", "UTC", "-q"]) == 0
    )
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("#year-review h2").get_text() == "2025 in review"


def test_cli_year_without_a_history_says_so_on_stderr(tmp_path, capsys):
    fixture = Path(__file__).parents[2] / "data" / "fixtures" / "users" / "casual.json"
    out = tmp_path / "r.html"
    assert main(["report", str(fixture), "-o", str(out), "--no-charts", "--year", "2025"]) == 0
    err = capsys.readouterr().err
    assert "--year 2025" in err
    assert "has no watch history" in err
    assert out.exists()  # the rest of the report is still written


def rows_of(soup, table_id):
    return [
        [td.get_text() for td in tr.select("td")] for tr in soup.select(f"#{table_id} tbody tr")
    ]


def test_year_in_review_deeper(soup):
    # Berlin, 2025: plays 1, 2, 3, 5, 6 (play 4 is already 2026); 2024 has none.
    rows = year_rows(soup)
    assert rows["hours of movies"] == "2.0"
    assert rows["hours of episodes"] == "1.5"  # 45 + 45; play 3 and 5 have no runtime
    assert rows["top movie"] == "Gamma (1 play)"
    assert rows["plays vs 2024"] == "5 vs 0 (+5)"  # no % change from 0
    assert rows["shows continued"] == "0"
    vs = {r[0]: r[1:] for r in rows_of(soup, "year-vs-previous")}
    assert vs["plays"] == ["5", "0", "5", "-"]
    assert rows_of(soup, "year-top-movies") == [["1", "Gamma", "2010", "1", "2.0"]]
    months = {r[0]: r[1:] for r in rows_of(soup, "year-months")}
    assert months["March"] == ["3", "1.5", "Alpha (2001)"]  # the show with its year
    assert months["June"] == ["1", "2.0", "-"]  # a movie: no top show
    assert months["December"] == ["1", "unknown", "Alpha (2001)"]  # runtime 0 is unknown
    assert months["July"] == ["0", "0.0", "-"]
    # the month with the most hours, June, in review
    assert soup.select_one("#month-review").get_text() == "June 2025 in review"
    month = {r[0]: r[1] for r in rows_of(soup, "month-table")}
    assert month["plays"] == "1"
    assert month["plays vs 2025-05"] == "1 vs 0 (+1)"
    # The demo shows have genres, but none of the shows played here is one of them:
    # their plays are all "unknown" (4 of the 5 are episodes; movies have no genre here).
    genres = rows_of(soup, "year-genre")
    assert [r[:2] for r in genres] == [["unknown", "4"]]


def test_the_calendar_counts_to_the_reports_date(monkeypatch):
    import trakt_analysis.plotting.history as charts

    seen = []
    real = charts.watch_calendar

    def spy(*args, **kwargs):
        calendar = real(*args, **kwargs)
        seen.append((calendar.attrs["year"], int(calendar["plays"].notna().sum())))
        return calendar

    monkeypatch.setattr(charts, "watch_calendar", spy)
    report_html(with_history(), generated=GENERATED, dpi=20, jobs=1)
    # The latest year, 2026 in Berlin: 1 and 2 January are counted, the days after are to come
    # on the report's date (not on the clock's); then the review of 2025, a year gone by.
    assert seen == [(2026, 2), (2025, 365)]
