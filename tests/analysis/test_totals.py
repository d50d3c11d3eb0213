"""One definition of the totals: ratios and differences over the same shows, said over which.

Hand-worked frames: "alice" (v1-like) has "Show" 2 of 4 watched and "Done" 4 of 4
(6 of 8, 75 %), plays 2 + 2 split 1 scrobble / 0 check-ins / 1 seen each;
"bob" (export-like) has "A" with 6 and "B" with 3 watched, aired unknown, and
plays with no split. Every output must say 6 of 8 (75 %) over 2 of 4 shows,
never 15 of 8 or 15 / 8 = 187 % or an average of 75 % and 0 %.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.report_expect import card
from tests.helpers.v1_items import bob, make_item
from trakt_analysis.explore._view import selection_totals
from trakt_analysis.report.text import format_summary


def alice() -> ta.Progress:
    done = make_item("Done", tvdb_id=8)
    done["progress"].update(completed=4, left=0, percentage=100)
    done["seasons"][0].update(completed=4, left=0, percentage=100)
    done["seasons"][0]["episodes"] = {str(e): True for e in range(1, 5)}
    return ta.load_progress([make_item(), done], user="alice")


def both() -> ta.Progress:
    a, b = alice(), bob()
    frames = [pd.concat([x, y], ignore_index=True) for x, y in zip(a, b, strict=True)]
    return ta.Progress(*frames)


def test_totals_of_several_users_are_over_the_known_shows():
    t = ta.totals(both())
    assert (t.shows, t.shows_counted, t.unknown, t.users) == (4, 2, 2, 2)
    assert (t.episodes_watched, t.episodes_aired, t.episodes_left) == (6, 8, 2)
    assert t.completion == pytest.approx(0.75)  # not 15 / 8, not (75 % + 0 %) / 2
    assert t.episodes_watched_all == 6 + 6 + 3
    assert t.coverage() == "over 2 of 4 shows; 2 unknown"
    assert (t.plays, t.shows_split, t.scrobbles, t.checkins, t.seen) == (8, 2, 2, 0, 2)
    assert t.split_coverage() == "split over 2 of 4 shows; 2 unknown"


def test_totals_take_a_progress_or_its_shows_alike():
    assert ta.totals(both()) == ta.totals(both().shows) == both().totals()


def test_one_user_all_known_says_nothing_about_coverage():
    t = ta.totals(alice())
    assert not t.partial
    assert t.coverage() == ""
    assert t.split_coverage() == ""


def test_the_readme_example_demo_counts_every_show():
    # README's "pieces": ta.totals(ta.load_demo()).coverage() is "", the demo users' plans
    # give every show its aired and watched counts.
    p = ta.load_demo()
    t = ta.totals(p)
    assert t.shows_counted == t.shows == len(p.shows)
    assert t.coverage() == ""


def test_summary_per_user_uses_the_same_definition():
    got = both().summary()
    assert list(got.index) == ["alice", "bob"]
    assert got.loc["alice", "completion"] == pytest.approx(0.75)
    assert pd.isna(got.loc["bob", "completion"])
    assert pd.isna(got.loc["bob", "episodes_aired"])
    assert got.loc["bob", "episodes_watched_all"] == 9
    assert got.loc["bob", "shows_split"] == 0
    assert pd.isna(got.loc["bob", "scrobbles"])


def test_cli_summary_says_over_which_shows():
    text = format_summary(both())
    assert "6  watched of 8 aired (75.0%), 2 left, over 2 of 4 shows; 2 unknown" in text
    assert "15  watched in all shows" in text
    assert "split over 2 of 4 shows; 2 unknown" in text
    assert "187" not in text


def test_report_cards_are_over_the_same_shows():
    soup = BeautifulSoup(ta.report_html(both(), charts=False), "html.parser")
    assert card(soup, "episodes_watched") == "6 episodes watched (over 2 of 4 shows; 2 unknown)"
    assert card(soup, "episodes_aired") == "8 episodes aired (over 2 of 4 shows; 2 unknown)"
    assert card(soup, "episodes_left").startswith("2 episodes left")
    assert card(soup, "completion").startswith("75.0%")
    assert card(soup, "episodes_watched_all").startswith("15 ")
    summary = soup.select_one("#summary").get_text(" ", strip=True)
    assert "split into scrobbles, check-ins and seen is split over 2 of 4 shows" in summary
    # No share of a mixed total in the plays table.
    shares = [td.get_text() for td in soup.select("#plays-table td.num:last-child")]
    assert all(s in ("", "\N{EM DASH}") for s in shares)


def test_explorer_totals_over_the_same_shows():
    summary = selection_totals(both().shows)
    assert (summary.shows, summary.watched, summary.left, summary.unknown) == (4, 15, 2, 2)
    # Watched and left over the same 2 shows (6 and 2, as the CLI and the report say), the
    # 15 of all shows named apart.
    assert str(summary) == (
        "4 shows · 6 episodes watched, 2 left (over 2 of 4 shows; 2 unknown) · "
        "15 watched in all shows"
    )


def test_explorer_with_no_aired_counts_does_not_say_zero_left():
    summary = selection_totals(bob().shows)
    assert summary.left is None
    assert str(summary) == "2 shows · 9 episodes watched · episodes left unknown (no aired counts)"


def test_completion_chart_more_bar_leaves_unknown_out_of_the_average():
    ax = ta.plot_completion(both(), by="title", top=1)  # "A" shown; Done, Show, B in the rest
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # Done is 100 %, Show 50 %: the average of the two known is 75 %, B is unknown.
    assert labels[-1] == "+3 more shows (avg 75% of 2; 1 unknown)"
    notes = [t.get_text() for t in ax.texts]
    assert notes[-1] == "6/8"  # over the shows whose counts are both known
    plt.close(ax.figure)


def test_plays_chart_draws_unknown_split_as_one_bar():
    ax = ta.plot_watch_stats(bob())
    hatched = [p for p in ax.patches if p.get_hatch() == "///" and p.get_width() > 0]
    assert sorted(p.get_width() for p in hatched) == [2.0, 2.0]  # each show's 2 plays
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "split unknown" in labels
    plt.close(ax.figure)


def test_plays_split_inset_marks_unknown():
    ax = ta.plot_watch_split(both())
    texts = {t.get_text() for t in ax.texts}
    assert "no plays" not in texts
    assert "split unknown 100%" in texts  # bob
    plt.close(ax.figure)


@pytest.mark.parametrize(
    "func",
    [ta.plot_completion, ta.plot_backlog, ta.plot_watch_stats, ta.watch_next, ta.summarize],
)
def test_functions_that_take_the_shows_frame_take_a_progress(func):
    out = func(alice())
    if isinstance(out, plt.Axes):
        plt.close(out.figure)
    assert out is not None


def test_season_and_episode_charts_take_a_progress():
    ax = ta.plot_season_progress(alice())
    plt.close(ax.figure)
    ax = ta.plot_episode_grid(alice(), "Show")
    assert ax.images
    plt.close(ax.figure)
    assert list(ta.hide_completed(alice())["title"]) == ["Show"]
