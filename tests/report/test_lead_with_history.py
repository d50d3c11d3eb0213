"""A source without aired counts (the account export) leads with its history, and shows no
empty chart; figures that differ by definition carry a note; a year without plays says so."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.export_like import write_export_without_aired_counts
from tests.helpers.v1_items import bob
from trakt_analysis.cli import main
from trakt_analysis.report.html import report_html
from trakt_analysis.report.text import format_summary

GENERATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
# The CLI prints the export's warning (one history entry in two parts) and goes on.
pytestmark = pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")


@pytest.fixture(scope="module")
def export_path(tmp_path_factory) -> Path:
    """The demo export without show.aired_episodes: a source with no aired counts at all."""
    return write_export_without_aired_counts(tmp_path_factory.mktemp("export") / "e.zip")


@pytest.fixture(scope="module")
def export(export_path) -> ta.Progress:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        return ta.load_export(export_path)


@pytest.fixture(scope="module")
def soup(export):
    return BeautifulSoup(report_html(export, generated=GENERATED, dpi=20), "html.parser")


def years_of(history: pd.DataFrame, zone: str) -> pd.Series:
    return pd.to_datetime(history["watched_at"], utc=True).dropna().dt.tz_convert(zone).dt.year


def test_the_export_report_leads_with_the_history(soup):
    nav = [a["href"] for a in soup.select("nav a")]
    assert nav[:4] == ["#summary", "#watch-time", "#year-review", "#plays"]
    # The last full year before the report's date, by default.
    assert soup.select_one("#year-review h2").get_text() == "2025 in review"
    sections = [s["id"] for s in soup.select("main > section")]
    assert sections.index("watch-time") < sections.index("plays")


def test_no_empty_progress_chart_and_one_line_on_how_to_get_counts(soup):
    ids = {fig["id"] for fig in soup.find_all("figure")}
    assert not ids & {"chart-completion", "chart-backlog", "chart-seasons"}
    assert {"chart-plays", "chart-history-clock", "chart-history-calendar"} <= ids
    line = soup.select_one("#completion .needs-counts").get_text()
    assert "--metadata tvmaze" in line
    assert soup.select_one("#completion-table") is None  # no all-zero table
    assert soup.select_one('[data-metric="episodes_aired"]') is None


def test_plays_that_differ_by_definition_carry_a_note(soup, export):
    note = soup.select_one("#plays-note").get_text()
    per_show = int(export.shows["plays"].sum())
    assert per_show != len(export.history)  # the two figures do differ here
    assert f"{len(export.history):,} plays" in note
    assert f"{per_show:,} plays" in note


def test_shows_started_dates_are_local(soup, export):
    caption = soup.select_one("#year-started caption").get_text()
    assert "local date, Europe/Berlin" in caption
    assert "UTC" not in caption


def test_no_literal_zone_placeholder(soup):
    assert "{zone}" not in str(soup)


def test_a_year_without_plays_says_so(export):
    zone = export.provenance.timezone
    years = years_of(export.history, zone)
    assert 2031 not in set(years)
    page = BeautifulSoup(
        report_html(export, year=2031, charts=False, generated=GENERATED), "html.parser"
    )
    text = page.select_one("#year-review").get_text(" ", strip=True)
    assert "No plays in 2031" in text
    assert f"from {years.min()} to {years.max()}" in text
    assert page.select_one("#year-table") is None  # no all-zero review


def test_a_source_without_split_draws_its_plays_chart():
    page = BeautifulSoup(report_html(bob(), dpi=20, generated=GENERATED), "html.parser")
    assert page.select_one("#chart-plays") is not None
    caption = page.select_one("#plays-table caption").get_text()
    assert "unknown, not 0" in caption
    assert "The split needs the watch history, which this source lacks" in caption
    assert "TraktAPI.progress(history=True)" in caption  # Python's words outside the CLI
    assert "only API v1" not in caption


def test_cli_summary_prints_the_history_first_for_the_export(export):
    text = format_summary(export, year=2025, tz="UTC", today=GENERATED)
    history = text.index("History (local time in UTC)")
    assert history < text.index("2025 in review") < text.index("Completion: unknown for all")
    assert f"{len(export.history):,}  in the history" in text
    # The demo export's history has no runtime: the top shows are by plays, and say why.
    assert "Top shows by plays (" in text
    assert "Top shows by hours" not in text
    years = years_of(export.history, "UTC")
    assert f"plays            {int((years == 2025).sum())}" in text


def test_cli_summary_year_and_tz_options(capsys, export_path):
    assert main(["summary", str(export_path), "-q", "--year", "2024", "--tz", "Asia/Tokyo"]) == 0
    out = capsys.readouterr().out
    assert "History (local time in Asia/Tokyo)" in out
    assert "2024 in review" in out


def test_cli_year_without_plays_warns(capsys, export_path):
    assert main(["summary", str(export_path), "-q", "--year", "2031"]) == 0
    captured = capsys.readouterr()
    assert "--year 2031: no plays in 2031" in captured.err
    assert "2031 in review: no plays in 2031" in captured.out
