"""An unknown count (NA) never counts as 0, true or "finished"."""

from __future__ import annotations

import pandas as pd

import trakt_analysis as ta
from tests.helpers.v1_items import make_item, unknown_item


def frames():
    # Hand-worked: "Show" is 2 of 4 (in progress); "Done" 4 of 4 (finished); "Mystery" unknown.
    done = make_item("Done", tvdb_id=8)
    done["progress"].update(completed=4, left=0, percentage=100)
    done["seasons"][0].update(completed=4, left=0, percentage=100)
    done["seasons"][0]["episodes"] = {str(e): True for e in range(1, 5)}
    return ta.load_progress([make_item(), done, unknown_item()])


def test_unknown_show_is_not_finished_in_the_summary():
    totals = frames().summary().iloc[0]
    assert totals["shows"] == 3
    assert totals["finished"] == 1
    assert totals["in_progress"] == 1
    assert totals["unknown"] == 1
    assert totals["episodes_aired"] == 8  # 4 + 4; the unknown one adds nothing, not 0
    # Watched, aired, left and completion over the same two shows (both counts known).
    assert totals["shows_counted"] == 2
    assert totals["episodes_watched"] == 2 + 4
    assert totals["episodes_left"] == 2
    assert totals["completion"] == 6 / 8
    assert totals["episodes_watched_all"] == 2 + 4 + 6  # every known watched count


def test_all_unknown_totals_are_na_not_zero():
    totals = ta.load_progress([unknown_item("A"), unknown_item("B", 3)]).summary().iloc[0]
    assert totals["unknown"] == 2
    assert totals["finished"] == 0
    assert pd.isna(totals["episodes_aired"])
    assert pd.isna(totals["episodes_left"])
    assert totals["shows_counted"] == 0
    assert pd.isna(totals["episodes_watched"])  # over no counted show
    assert totals["episodes_watched_all"] == 9
    assert pd.isna(totals["completion"])


def test_completion_distribution_has_an_unknown_bin():
    counts = ta.completion_distribution(frames().shows)
    assert counts["unknown"] == 1
    assert counts["finished"] == 1
    assert counts.sum() == 3


def test_the_issue_v2_like_frame_is_not_finished():
    """A show with completed known and left NA: before, "1 finished, 0 left"."""
    from trakt_analysis.report.text import format_summary

    text = format_summary(ta.load_progress([unknown_item("Game of Thrones")]))
    assert "0 finished" in text
    assert "1 unknown" in text
    assert "aired and left unknown for all 1 shows" in text


def test_filters_keep_unknown_out_of_finished():
    shows = frames().shows
    assert list(ta.hide_completed(shows)["title"]) == ["Show", "Mystery"]
    # Unknown counts are neither finished nor in progress, as in ta.summarize.
    assert list(ta.only_in_progress(shows)["title"]) == ["Show"]
    bare = shows.assign(completed=pd.array([2, 4, None], dtype="Int64"))
    assert list(ta.only_in_progress(bare)["title"]) == ["Show"]  # unknown is not "started"


def test_watch_next_puts_unknown_progress_last():
    shows = frames().shows
    order = list(
        ta.watch_next(shows.assign(completed=pd.array([2, 4, None], dtype="Int64")))["title"]
    )
    assert order[-1] == "Mystery"


def test_explorer_totals_count_unknown_apart():
    from trakt_analysis.explore._view import selection_totals

    summary = selection_totals(frames().shows)
    assert (summary.shows, summary.watched, summary.left, summary.unknown) == (3, 12, 2, 1)
    # Left is over the two shows whose counts are known, and says so.
    assert "2 left (over 2 of 3 shows; 1 unknown) · 12 watched in all shows" in str(summary)
