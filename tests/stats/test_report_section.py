"""The report's "All-time stats" section on the hand-worked progress, and in the whole report."""

from __future__ import annotations

import warnings
from pathlib import Path

from bs4 import BeautifulSoup

import trakt_analysis as ta
from trakt_analysis.report.html import report_html
from trakt_analysis.report.stats_html import METADATA_HINT, all_time_section

EXPORT = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"


def rows(soup, table_id):
    table = soup.find("table", id=table_id)
    assert table is not None, table_id
    return [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_the_section_formats_the_hand_worked_numbers(rated_progress):
    html, nav = all_time_section(rated_progress, charts=False)
    assert nav == (("all-time", "All-time stats"),)
    soup = BeautifulSoup(html, "html.parser")
    # drama: A and B, 4 plays, 160 of 230 known minutes; unknown: C and D.
    # A's S01E02 has no runtime: its play is counted apart, the shares are of known hours.
    assert rows(soup, "breakdown-genre") == [
        ["drama", "2", "4", "2.7", "1", "70%"],
        ["science-fiction", "1", "3", "1.7", "1", "43%"],
        ["unknown", "2", "2", "1.2", "0", "30%"],
    ]
    assert rows(soup, "breakdown-decade")[-1][0] == "unknown"
    assert rows(soup, "shows-vs-movies") == [
        ["shows", "6", "3.8", "1", "66%"],
        ["movies", "1", "2.0", "0", "34%"],
    ]
    assert rows(soup, "top-cast")[0] == ["Kyle", "2", "2.7", "Cooper, Agent", "A, B"]
    assert rows(soup, "top-crew")[0][3] == "Creator, Director, Writer"
    assert [r[1] for r in rows(soup, "top-rated")] == ["A", "B", "E", "Dune"]
    assert rows(soup, "rated-unwatched") == [["show", "E", "1999", "4"]]
    assert METADATA_HINT not in html


def test_without_metadata_the_section_says_how_to_get_it_and_keeps_decades():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        progress = ta.load_export(EXPORT)
    html = report_html(progress, charts=False)
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section", id="all-time")
    assert section is not None
    assert "metadata=ta.TVmaze()" in section.get_text()
    assert soup.find("table", id="breakdown-genre") is None
    assert soup.find("table", id="breakdown-decade") is not None
    assert soup.find("table", id="top-rated") is not None  # the export's ratings
    assert soup.find("a", href="#all-time") is not None


def test_the_demo_report_draws_the_breakdown_and_ratings_charts(rated_progress):
    html, _ = all_time_section(rated_progress, charts=True, dpi=40)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("figure", id="chart-breakdown-genre") is not None
    assert soup.find("figure", id="chart-ratings") is not None
