"""Shows hidden from progress on trakt.tv are counted apart from "in progress" (issue #20, 2).

A hand-built progress of five shows, with a boolean ``hidden`` column as the
account export gives it (``hidden-progress-watched.json``):

=============  =====  =========  ====  ======  ========  ==================
show           aired  completed  left  hidden  next      state
=============  =====  =========  ====  ======  ========  ==================
Watching         4       2         2   False   S01E03    in progress (50 %)
Dropped         10       3         7   True    S01E04    hidden
Done Hidden      6       6         0   True    -         finished
Unknown Flag     8       5         3   NA      S01E06    in progress (62.5 %)
Untouched        5       0         5   False   S01E01    not started
=============  =====  =========  ====  ======  ========  ==================

Worked by hand: 5 shows = 1 finished + 2 in progress + 1 hidden + 1 not
started; every count is known, so the episode totals are over all 5 shows
(hidden ones too): aired 4 + 10 + 6 + 8 + 5 = 33, watched 2 + 3 + 6 + 5 + 0 =
16, left 2 + 7 + 0 + 3 + 5 = 17, completion 16 / 33. Up next: Watching,
Unknown Flag and Untouched (3); Dropped has a next episode but is hidden.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.report_expect import card
from trakt_analysis.analysis.summary import (
    completion_distribution,
    next_unknown,
    show_states,
    watch_next,
)
from trakt_analysis.explore._view import Filters, selection_totals, view
from trakt_analysis.report.text import format_summary

TITLES = ["Watching", "Dropped", "Done Hidden", "Unknown Flag", "Untouched"]
HIDDEN = pd.array([False, True, True, pd.NA, False], dtype="boolean")


def _item(title: str, year: int, aired: int, completed: int, tvdb: int) -> dict[str, Any]:
    left = aired - completed
    percentage = completed * 100 // aired
    episodes = {str(e): e <= completed for e in range(1, aired + 1)}
    counts = {"percentage": percentage, "aired": aired, "completed": completed, "left": left}
    return {
        "show": {"title": title, "year": year, "tvdb_id": tvdb},
        "progress": counts,
        "seasons": [{"season": 1, **counts, "episodes": episodes}],
        "hidden_seasons": [],
        "stats": {"plays": completed, "scrobbles": completed, "checkins": 0, "seen": 0},
        "next_episode": (
            {"season": 1, "number": completed + 1, "title": "Next", "first_aired": 1_600_000_000}
            if left
            else None
        ),
    }


def progress(hidden: Any = HIDDEN) -> ta.Progress:
    items = [
        _item("Watching", 2020, 4, 2, 1),
        _item("Dropped", 2021, 10, 3, 2),
        _item("Done Hidden", 2019, 6, 6, 3),
        _item("Unknown Flag", 2018, 8, 5, 4),
        _item("Untouched", 2022, 5, 0, 5),
    ]
    loaded = ta.load_progress(items, user="ann")
    shows = loaded.shows if hidden is None else loaded.shows.assign(hidden=hidden)
    return ta.Progress(shows, loaded.seasons, loaded.episodes, user="ann")


def titles(frame: pd.DataFrame) -> list[str]:
    return frame["title"].tolist()


def test_show_states_put_each_show_in_one_state():
    states = show_states(progress().shows)
    by_title = {
        title: [name for name, mask in states.items() if mask[i]] for i, title in enumerate(TITLES)
    }
    assert by_title == {
        "Watching": ["in_progress"],
        "Dropped": ["hidden"],
        "Done Hidden": ["finished"],  # hiding a finished show does not unwatch it
        "Unknown Flag": ["in_progress"],  # NA is unknown, never hidden
        "Untouched": ["not_started"],
    }


def test_summarize_counts_hidden_apart():
    row = progress().summary().loc["ann"]
    assert row["shows"] == 5
    got = {k: row[k] for k in ("finished", "in_progress", "hidden", "not_started")}
    assert got == {"finished": 1, "in_progress": 2, "hidden": 1, "not_started": 1}
    assert (row["nothing_aired"], row["unknown"]) == (0, 0)
    assert row["up_next"] == 3
    # Hidden shows' episodes stay in the totals, over the same 5 shows.
    assert row["shows_counted"] == 5
    assert (row["episodes_aired"], row["episodes_watched"], row["episodes_left"]) == (33, 16, 17)
    assert row["completion"] == pytest.approx(16 / 33)


def test_totals_have_the_hidden_count_and_keep_their_invariant():
    t = ta.totals(progress())
    assert (t.shows, t.finished, t.in_progress, t.hidden, t.not_started) == (5, 1, 2, 1, 1)
    assert t.finished + t.in_progress + t.hidden + t.not_started + t.nothing_aired + t.unknown == 5
    assert (t.episodes_aired, t.episodes_watched, t.episodes_left) == (33, 16, 17)
    assert not t.partial
    assert t.up_next == 3


def test_without_a_hidden_column_nothing_is_hidden():
    # API v1 and a public v2 profile cannot tell: unknown is never counted as hidden,
    # and the hidden count is unknown (NA, None), not 0.
    for shows in (progress(hidden=None).shows, progress(pd.array([pd.NA] * 5, "boolean")).shows):
        t = ta.totals(shows)
        assert (t.finished, t.in_progress, t.hidden, t.not_started) == (1, 3, None, 1)
        assert t.up_next == 4
        row = ta.summarize(shows).loc["ann"]
        assert pd.isna(row["hidden"])
        assert (row["finished"], row["in_progress"], row["not_started"]) == (1, 3, 1)
        assert str(ta.summarize(shows)["hidden"].dtype) == "Int64"


def test_hidden_count_is_over_the_known_values():
    # Only Watching's hidden is known (False): none known to be hidden, a known 0.
    one_known = pd.array([False, pd.NA, pd.NA, pd.NA, pd.NA], dtype="boolean")
    assert ta.totals(progress(one_known)).hidden == 0
    # Dropped known hidden, the others NA: 1, whatever the NA ones are.
    dropped = pd.array([pd.NA, True, pd.NA, pd.NA, pd.NA], dtype="boolean")
    assert ta.totals(progress(dropped)).hidden == 1
    # Done Hidden is hidden but finished: a known value, counted as finished, so 0 hidden.
    done = pd.array([pd.NA, pd.NA, True, pd.NA, pd.NA], dtype="boolean")
    assert ta.totals(progress(done)).hidden == 0


def test_hidden_count_per_user_is_na_only_for_the_user_that_cannot_tell():
    known = progress().shows
    unknown = progress(hidden=None).shows.assign(user="bob")
    got = ta.summarize(pd.concat([known, unknown], ignore_index=True))
    assert got.loc["ann", "hidden"] == 1
    assert pd.isna(got.loc["bob", "hidden"])
    assert ta.totals(pd.concat([known, unknown], ignore_index=True)).hidden == 1


def test_completion_distribution_has_a_hidden_bin():
    counts = completion_distribution(progress()).to_dict()
    # Watching 2/4 = 50 %, Unknown Flag 5/8 = 62.5 %: both "50% to 75%".
    assert counts == {
        "nothing aired": 0,
        "not started": 1,
        "under 25%": 0,
        "25% to 50%": 0,
        "50% to 75%": 2,
        "75% or more": 0,
        "finished": 1,
        "hidden": 1,
        "unknown": 0,
    }


def test_watch_next_never_points_into_a_hidden_show():
    nxt = watch_next(progress())
    # Started first, most complete first (62.5 %, 50 %), then not started.
    assert titles(nxt) == ["Unknown Flag", "Watching", "Untouched"]
    assert next_unknown(progress()) == 0


def test_only_in_progress_leaves_hidden_shows_out_unless_asked():
    shows = progress().shows
    assert titles(ta.only_in_progress(shows)) == ["Watching", "Unknown Flag"]
    assert titles(ta.only_in_progress(shows, include_hidden=True)) == [
        "Watching",
        "Dropped",
        "Unknown Flag",
    ]
    assert titles(ta.filter_shows(shows, in_progress=True)) == ["Watching", "Unknown Flag"]


def test_summary_agrees_with_the_backlog_states():
    plan = ta.backlog(progress(), today="2026-08-01", tz="UTC")
    state = dict(zip(plan["title"], plan["state"].astype(str), strict=True))
    assert state["Dropped"] == "dropped"  # the summary's "hidden"
    # Finished first in both: no status, so the backlog cannot say finished or caught up.
    assert state["Done Hidden"] == "unknown"
    assert state["Untouched"] == "not_started"


def test_report_cards_and_tables_count_hidden_apart():
    soup = BeautifulSoup(ta.report_html(progress(), charts=False), "html.parser")
    assert card(soup, "in_progress") == "2 in progress"
    assert card(soup, "hidden") == "1 hidden on Trakt"
    assert card(soup, "finished") == "1 finished"
    assert card(soup, "not_started") == "1 not started"
    stages = {
        tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
        for tr in soup.select("#completion-table tbody tr")
    }
    assert stages["hidden"] == "1"
    assert stages["50% to 75%"] == "2"
    shown = [tr.select("td")[0].get_text() for tr in soup.select("#next-table tbody tr")]
    assert shown == ["Unknown Flag", "Watching", "Untouched"]


def test_report_says_nothing_of_hidden_where_it_is_unknown():
    soup = BeautifulSoup(ta.report_html(progress(hidden=None), charts=False), "html.parser")
    assert soup.select_one('[data-metric="hidden"]') is None  # not "0 hidden"
    stages = [tr.select("td")[0].get_text() for tr in soup.select("#completion-table tbody tr")]
    assert "hidden" not in stages


def test_cli_summary_prints_the_hidden_count():
    text = format_summary(progress(), today=datetime(2026, 8, 1, tzinfo=UTC))
    assert (
        "  shows              5  (1 finished, 2 in progress, 1 hidden, 1 not started, "
        "0 with nothing aired)"
    ) in text
    assert "  hidden             1" in text
    assert "Watch next (3 shows with a next episode)" in text  # all 3 listed
    unknown = format_summary(progress(hidden=None))
    assert "(1 finished, 3 in progress, 1 not started, 0 with nothing aired)" in unknown
    assert "hidden" not in unknown


def test_notebook_display_counts_hidden_apart():
    html = progress()._repr_html_()
    assert "1 shows finished, 2 in progress, 1 hidden" in html
    unknown = progress(hidden=None)._repr_html_()
    assert "1 shows finished, 3 in progress<" in unknown
    assert "hidden" not in unknown
    assert "&lt;NA&gt;" not in unknown
    assert "<NA>" not in unknown


def test_explorer_summary_and_filter():
    p = progress()
    summary = selection_totals(p.shows)
    assert summary.hidden == 1
    assert str(summary) == "5 shows · 1 hidden · 16 episodes watched · 17 episodes left"
    started = view(p, filters=Filters(in_progress=True), charts=False, today="2026-08-01")
    assert titles(started.table) == ["Unknown Flag", "Watching"]  # by title
    assert str(started.summary) == "2 shows · 7 episodes watched · 5 episodes left"
    unknown = selection_totals(progress(hidden=None).shows)
    assert unknown.hidden is None
    assert str(unknown) == "5 shows · 16 episodes watched · 17 episodes left"


def test_a_hidden_show_has_no_next_episode_in_the_shows_table_and_backlog_chart():
    # Finding 4: Dropped (hidden) still showed Trakt's S01E04 and its air date. The frame keeps
    # them; the outputs say "hidden" where a next episode to watch would be.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shows = progress().shows
    assert shows.set_index("title").loc["Dropped", "next_number"] == 4
    soup = BeautifulSoup(ta.report_html(progress(), charts=False), "html.parser")
    header = [th.get_text() for th in soup.select("#shows-table thead th")]
    at, airs = header.index("next"), header.index("next airs")
    cells = {
        tr.select("td")[0].get_text(): (
            tr.select("td")[at].get_text(),
            tr.select("td")[airs].get_text(),
        )
        for tr in soup.select("#shows-table tbody tr")
    }
    aired = "2020-09-13"  # 1,600,000,000 s after the epoch, UTC
    assert cells["Watching"] == ("S01E03", aired)
    assert cells["Dropped"][0] == "hidden"
    assert aired not in cells["Dropped"][1]
    assert cells["Done Hidden"][0] == ""  # finished: no next episode at all
    assert cells["Unknown Flag"] == ("S01E06", aired)  # hidden unknown: never taken as hidden
    assert cells["Untouched"] == ("S01E01", aired)
    ax = ta.plot_backlog(shows)
    try:
        (right,) = ax.child_axes
        notes = dict(
            zip(
                [t.get_text() for t in ax.get_yticklabels()],
                [t.get_text() for t in right.get_yticklabels()],
                strict=True,
            )
        )
    finally:
        plt.close(ax.figure)
    assert notes == {
        "Dropped": "hidden",
        "Untouched": f"S01E01 “Next” · {aired}",
        "Unknown Flag": f"S01E06 “Next” · {aired}",
        "Watching": f"S01E03 “Next” · {aired}",
    }
