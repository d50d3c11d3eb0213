"""The completion charts never draw an unknown completion like 0 % (fresh findings, no. 6).

The account export without metadata has no aired counts: a show's (or a season's)
completion is unknown. Before, the bar had width 0, as a show at 0 %, and only a
tiny "?" told them apart; the season bars wrote "0/0". Counts group thousands
as the tables do ("8/1,008").
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import trakt_analysis as ta
from tests.helpers.v1_items import make_item
from trakt_analysis.plotting import palette


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def item(title, aired, completed, left, percentage, seasons=()):
    out = make_item(title, tvdb_id=len(title))
    out["progress"] = {
        "aired": aired,
        "completed": completed,
        "left": left,
        "percentage": percentage,
    }
    out["seasons"] = list(seasons)
    return out


def season(number, aired, completed, left, percentage):
    return {
        "season": number,
        "aired": aired,
        "completed": completed,
        "left": left,
        "percentage": percentage,
        "episodes": {},
    }


def notes(ax):
    return {t.get_text(): to_hex(t.get_color()) for t in ax.texts}


def test_unknown_completion_is_marked_not_drawn_as_zero():
    progress = ta.load_progress(
        [
            item("Zero", 49, 0, 49, 0),
            item("Big", 1008, 8, 1000, 0),  # 8 / 1008 = 0.79 %, floored to 0
            item("Unknown", None, 52, None, None),
            item("Counts lost", 10, None, None, None),
        ],
        user="u",
    )
    ax = ta.plot_completion(progress.shows, by="title")
    written = notes(ax)
    grey = palette.NO_DATA
    # by title: Big, Counts lost, Unknown, Zero
    assert list(written) == ["8/1,008", "?/10 unknown", "52/? unknown", "0/49"]
    assert written["52/? unknown"] == grey
    assert written["?/10 unknown"] == grey
    assert written["0/49"] != grey
    assert written["8/1,008"] != grey
    # No bar for the unknown ones, and an unknown "left" is not "finished".
    bars = ax.patches[:4]
    assert [b.get_width() for b in bars] == [0, 0, 0, 0]
    assert to_hex(bars[1].get_facecolor()) == palette.IN_PROGRESS


def test_season_bars_write_unknown_counts_as_unknown():
    progress = ta.load_progress(
        [
            item(
                "Wire",
                None,
                1213,
                None,
                None,
                [season(1, None, 13, None, None), season(2, 1200, 1200, 0, 100)],
            )
        ],
        user="u",
    )
    ax = ta.plot_season_progress(progress.seasons, "Wire")
    written = notes(ax)
    assert written == {"13/?\nunknown": palette.NO_DATA, "1,200/1,200": written["1,200/1,200"]}
    assert written["1,200/1,200"] != palette.NO_DATA
    heights = [b.get_height() for b in ax.patches[:2]]
    assert heights == [0, 100]
    assert to_hex(ax.patches[1].get_facecolor()) == palette.FINISHED


def test_unknown_plays_are_not_zero_plays_in_the_watch_stats():
    progress = ta.load_progress(
        [item(f"S{n}", 4, 2, 2, 50) for n in range(5)],
        user="u",
    )
    # make_item's stats: 2 plays (1 scrobble, 1 seen); S3 and S4 lose their plays
    plays = progress.shows["plays"].astype("Int64").copy()
    plays.iloc[[3, 4]] = pd.NA
    plays.iloc[2] = 8
    shows = progress.shows.assign(plays=plays, scrobbles=plays - 1)
    ax = ta.plot_watch_stats(shows, top=3)
    # S2 (8), S0, S1 drawn; S3 (unknown) and S4 (unknown) in "+2 more"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["S2", "S0", "S1", "+2 more shows (plays unknown)"]
    ax = ta.plot_watch_stats(shows, top=4)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "+1 more shows (plays unknown)"
    assert [t.get_text() for t in ax.texts] == [" plays unknown"]  # S3's row
    ax = ta.plot_watch_stats(shows, top=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "+3 more shows (avg of 1; 2 unknown)"
    # the "+3 more" bar: S1's 2 plays (1 scrobble, 1 seen), not (2 + 0 + 0) / 3
    summary = [p for p in ax.patches if p.get_y() + p.get_height() / 2 == 2]
    assert sum(p.get_width() for p in summary) == 2
