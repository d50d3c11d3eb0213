"""Shares of hours never count an unknown as 0 (fresh findings, no. 7).

The account export's history has no runtimes; TVmaze fills the episodes' but not the
movies'. "Shows beside movies" then read shows 100 % of the hours beside movies' unknown
hours. Values worked out by hand from conftest.py's history: episodes of A (50, 50,
unknown minutes), B (60), C (30), D (40); the movie Dune (120 minutes).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from trakt_analysis.report.stats_html import all_time_section

from .conftest import make_history, make_progress


def without_movie_runtimes(progress):
    history = progress.history
    runtime = history["runtime"].mask(history["type"] == "movie")
    return dataclasses.replace(progress, history=history.assign(runtime=runtime))


def test_a_split_with_one_side_unknown_has_no_share_of_hours():
    split = ta.shows_vs_movies(without_movie_runtimes(make_progress())).set_index("kind")
    assert split.loc["shows", "hours"] == pytest.approx(230 / 60)
    assert split.loc["movies", "hours"] is pd.NA
    assert split.loc["movies", "plays_without_runtime"] == 1
    # not shows 100 %, movies unknown: both unknown
    assert split["hours_share"].isna().all()
    # the plays are all known: their shares stay
    assert split.loc["shows", "plays_share"] == pytest.approx(6 / 7)
    assert split.loc["movies", "plays_share"] == pytest.approx(1 / 7)


def test_each_user_has_a_split_of_their_own():
    ana = without_movie_runtimes(make_progress("ana")).history
    bob = make_history("bob")  # every runtime known but A S01E02's
    split = ta.shows_vs_movies(pd.concat([ana, bob], ignore_index=True))
    shares = split.set_index(["user", "kind"])["hours_share"]
    assert pd.isna(shares[("ana", "shows")])
    assert pd.isna(shares[("ana", "movies")])
    assert shares[("bob", "shows")] == pytest.approx(230 / 350)
    assert shares[("bob", "movies")] == pytest.approx(120 / 350)


def headers(soup, table_id):
    return [th.get_text() for th in soup.find("table", id=table_id).thead.find_all("th")]


def caption(soup, table_id):
    return soup.find("table", id=table_id).caption.get_text()


def rows(soup, table_id):
    table = soup.find("table", id=table_id)
    return [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_the_report_says_unknown_and_what_the_hours_count():
    html, _ = all_time_section(without_movie_runtimes(make_progress()), charts=False)
    soup = BeautifulSoup(html, "html.parser")
    assert headers(soup, "shows-vs-movies")[-2:] == ["no runtime", "share of hours"]
    assert caption(soup, "shows-vs-movies") == (
        "Shows beside movies. Hours and their shares (of the known hours) count the plays "
        'with a runtime; "no runtime": the others.'
    )
    dash = "\N{EM DASH}"
    assert rows(soup, "shows-vs-movies") == [
        ["shows", "6", "3.8", "1", dash],
        ["movies", "1", dash, "1", dash],
    ]
    # network: A (Netflix) 100 of 230 known minutes, 1 play without; B (HBO) 60; C and D 70
    assert headers(soup, "breakdown-network")[-2:] == ["no runtime", "share of hours"]
    assert caption(soup, "breakdown-network").startswith(
        "Networks and streaming services. Hours and their shares (of the known hours)"
    )
    assert rows(soup, "breakdown-network") == [
        ["Netflix", "1", "3", "1.7", "1", "43%"],
        ["HBO", "1", "1", "1.0", "0", "26%"],
        ["unknown", "2", "2", "1.2", "0", "30%"],
    ]


def test_with_every_runtime_known_the_report_reads_as_before():
    progress = make_progress()
    history = progress.history
    full = dataclasses.replace(
        progress, history=history.assign(runtime=history["runtime"].fillna(50))
    )
    html, _ = all_time_section(full, charts=False)
    soup = BeautifulSoup(html, "html.parser")
    assert headers(soup, "shows-vs-movies") == ["", "plays", "hours", "share of hours"]
    assert caption(soup, "shows-vs-movies") == "Shows beside movies"
    # episodes 280 minutes, Dune 120: 70 % and 30 %
    assert [r[-1] for r in rows(soup, "shows-vs-movies")] == ["70%", "30%"]


def test_the_explorer_says_what_the_hours_leave_out(hand_progress):
    # A's S01E02 has no runtime: one play, though A is in two genres
    from trakt_analysis.explore import breakdown_view

    view = breakdown_view(hand_progress, "genre", charts=False)
    assert view.message.endswith("; hours and their shares leave out 1 play without a runtime.")
    assert ta.breakdown(hand_progress, "genre").attrs["plays_without_runtime"] == 1
    both = ta.breakdown([hand_progress, make_progress("bob")], "network")
    assert both.attrs["plays_without_runtime"] == 2


def test_the_dashboard_breakdown_counts_the_plays_without_runtime(hand_progress):
    from trakt_analysis.dashboard import _logic

    soup = BeautifulSoup(
        _logic.breakdown_html(ta.breakdown(hand_progress, "network"), "network"), "html.parser"
    )
    assert headers(soup, "breakdown-network") == [
        "network",
        "shows",
        "plays",
        "hours",
        "no runtime",
    ]
    assert caption(soup, "breakdown-network") == (
        'Hours count the plays with a runtime; "no runtime": the others.'
    )
    assert rows(soup, "breakdown-network")[0] == ["Netflix", "1", "3", "1.7", "1"]
