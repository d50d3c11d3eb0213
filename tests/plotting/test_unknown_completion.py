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
    return [t.get_text() for t in ax.texts]


def legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


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
    # by title: Big, Counts lost, Unknown, Zero
    assert notes(ax) == ["8/1,008", "?/10", "52/?", "0/49"]
    bars = ax.patches[:4]
    # The unknown ones: a full dotted grey bar (as the season bars), never 0 % and never
    # "finished" (an unknown "left" is not 0 left).
    assert [b.get_width() for b in bars] == [0, 100, 100, 0]
    assert [b.get_hatch() for b in bars] == [None, "..", "..", None]
    assert [to_hex(b.get_facecolor()) for b in bars] == [
        palette.IN_PROGRESS,
        palette.UNKNOWN,
        palette.UNKNOWN,
        palette.IN_PROGRESS,
    ]
    assert legend(ax) == ["finished", "episodes left", "completion unknown"]
    # All known: no such legend entry.
    known = ta.plot_completion(progress.shows.iloc[[0, 1]], by="title")
    assert legend(known) == ["finished", "episodes left"]


def test_the_more_bar_of_unknown_completion_is_marked_too():
    progress = ta.load_progress(
        [
            item("Known", 4, 2, 2, 50),
            item("U1", None, 3, None, None),
            item("U2", None, 5, None, None),
        ],
        user="u",
    )
    ax = ta.plot_completion(progress.shows, top=1)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == (
        "+2 more shows (completion unknown)"
    )
    more = ax.patches[1]
    assert (more.get_width(), more.get_hatch()) == (100, "..")


def test_season_bars_write_an_unknown_count_as_unknown():
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
    seasons = progress.seasons
    ax = ta.plot_season_progress(seasons, "Wire")
    assert notes(ax) == ["13/?", "1,200/1,200"]
    # a watched count lost too: "?", not 0
    lost = seasons.assign(completed=seasons["completed"].mask(seasons["season"] == 1))
    ax = ta.plot_season_progress(lost, "Wire")
    assert notes(ax) == ["?/?", "1,200/1,200"]
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


def test_an_update_in_place_keeps_the_unknown_marked():
    from trakt_analysis.plotting.completion import update_completion

    progress = ta.load_progress(
        [item("Known", 4, 2, 2, 50), item("Unknown", None, 3, None, None)], user="u"
    )
    ax = ta.plot_completion(progress.shows)
    assert update_completion(ax, progress.shows, by="least-completed")
    # least completed first; the unknown completion still comes last, dotted and pale
    bars = ax.patches[:2]
    assert [(b.get_width(), b.get_hatch(), b.get_alpha()) for b in bars] == [
        (50, None, None),
        (100, "..", 0.5),
    ]
    assert notes(ax) == ["2/4", "3/?"]
    # Without an unknown the legend changes: drawn anew, not updated in place.
    known = progress.shows.iloc[[0, 0]]
    assert not update_completion(ax, known)
