"""The report, the notebook display and the completion chart say "unknown", never 0 or finished."""

from __future__ import annotations

import matplotlib.pyplot as plt
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.v1_items import unknown_item


def unknown_progress():
    return ta.load_progress([unknown_item("A"), unknown_item("B", 3)], user="u")


def test_report_shows_unknown_counts_as_unknown():
    html = ta.report_html(unknown_progress(), charts=False)
    soup = BeautifulSoup(html, "html.parser")
    text = soup.select_one("#summary").get_text(" ", strip=True)
    assert "2 with unknown counts" in text
    assert "0 finished" in text
    # No aired card at all (not "0 aired"), the watched count of both shows, and how to fill it.
    assert soup.select_one('[data-metric="episodes_aired"]') is None
    assert soup.select_one('[data-metric="completion"]') is None
    assert "9 episodes watched in all shows" in text
    assert "aired episodes of all 2 shows are unknown" in text
    assert "--metadata tvmaze" in text


def test_notebook_display_does_not_count_unknown_as_zero():
    html = unknown_progress()._repr_html_()
    assert "0 shows finished" in html
    assert "2 unknown" in html
    assert "9 episodes watched (aired counts unknown)" in html  # 6 + 3
    assert " of \N{EM DASH}" not in html


def test_completion_chart_writes_unknown_aired_as_a_question_mark():
    ax = ta.plot_completion(unknown_progress().shows)
    notes = {t.get_text() for t in ax.texts}
    assert {"6/?", "3/?"} <= notes
    plt.close(ax.figure)


def test_backlog_says_unknown_not_nothing_left():
    ax = ta.plot_backlog(unknown_progress().shows)
    assert "counts unknown 2)" in ax.get_title()
    assert "episodes left unknown" in {t.get_text() for t in ax.texts}
    assert "nothing left to watch" not in {t.get_text() for t in ax.texts}
    plt.close(ax.figure)
