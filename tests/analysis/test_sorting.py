"""The six sort orders and the filters, on a small hand-made response."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import trakt_analysis as ta


def item(title, year, aired, completed, next_aired=None, **extra):
    """An item with one season; the next episode aired at unix time `next_aired`."""
    episodes = {str(n): n <= completed for n in range(1, aired + 1)}
    counts = {
        "aired": aired,
        "completed": completed,
        "left": aired - completed,
        "percentage": completed * 100 // aired,
    }
    nxt = False
    if next_aired is not None:
        nxt = {"season": 1, "number": completed + 1, "title": "Next", "first_aired": next_aired}
    return {
        "show": {"title": title, "year": year},
        "progress": counts,
        "seasons": [{"season": 1, **counts, "episodes": episodes}],
        "next_episode": nxt,
        **extra,
    }


DAY = 86_400
# title, year, aired, completed, next episode aired (days after the epoch)
ROWS = [
    ("suits", 2011, 10, 5, 300),
    ("Arcane", 2021, 9, 9, None),
    ("The Wire", 2002, 10, 0, 100),
    ("Dark", 2017, 10, 5, 500),
    ("arcane", 2020, 4, 1, 200),
]


@pytest.fixture
def shows() -> pd.DataFrame:
    data = [item(t, y, a, c, None if d is None else d * DAY) for t, y, a, c, d in ROWS]
    return ta.load_progress(data).shows


def titles(frame: pd.DataFrame) -> list[tuple[str, int]]:
    return list(zip(frame["title"], frame["year"], strict=True))


def test_title_order_ignores_case_then_year(shows):
    assert titles(ta.sort_shows(shows, "title")) == [
        ("arcane", 2020),
        ("Arcane", 2021),
        ("Dark", 2017),
        ("suits", 2011),
        ("The Wire", 2002),
    ]


def test_default_order_is_title(shows):
    pd.testing.assert_frame_equal(ta.sort_shows(shows), ta.sort_shows(shows, "title"))


def test_most_completed(shows):
    # 100%, then the two 50% (5 completed each, input order kept), 25%, 0%
    assert titles(ta.sort_shows(shows, "most-completed")) == [
        ("Arcane", 2021),
        ("suits", 2011),
        ("Dark", 2017),
        ("arcane", 2020),
        ("The Wire", 2002),
    ]


def test_least_completed(shows):
    assert titles(ta.sort_shows(shows, "least-completed"))[:2] == [
        ("The Wire", 2002),
        ("arcane", 2020),
    ]
    assert titles(ta.sort_shows(shows, "least-completed"))[-1] == ("Arcane", 2021)


def test_recently_aired_newest_first_and_no_next_episode_last(shows):
    assert [t for t, _ in titles(ta.sort_shows(shows, "recently-aired"))] == [
        "Dark",
        "suits",
        "arcane",
        "The Wire",
        "Arcane",
    ]


def test_previously_aired_oldest_first(shows):
    assert [t for t, _ in titles(ta.sort_shows(shows, "previously-aired"))] == [
        "The Wire",
        "arcane",
        "suits",
        "Dark",
        "Arcane",
    ]


def test_sorting_keeps_the_index_and_every_row(shows):
    for by in ta.SORT_ORDERS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ta.TraktSortWarning)
            out = ta.sort_shows(shows, by)
        assert sorted(out.index) == list(shows.index)
        pd.testing.assert_frame_equal(out.loc[shows.index], shows)


def test_activity_without_times_warns_and_keeps_order(shows):
    with pytest.warns(ta.TraktSortWarning, match="'activity'.*keeping the input order") as w:
        out = ta.sort_shows(shows, "activity")
    assert [r.filename for r in w] == [__file__]
    assert titles(out) == titles(shows)


def test_activity_with_last_watched_times():
    data = [item(title, 2000, 2, 1) for title in "ABCD"]
    shows = ta.load_progress(data).shows
    # v2 and the export fill last_watched_at; C was never watched (NaT).
    shows["last_watched_at"] = pd.to_datetime(
        ["2024-01-01", "2024-03-01", None, "2024-02-01"], utc=True
    )
    out = ta.sort_shows(shows, "activity")
    assert list(out["title"]) == ["B", "D", "A", "C"]


def test_air_dates_missing_everywhere_warns():
    data = [item("A", 2000, 2, 2), item("B", 2000, 2, 2)]
    with pytest.warns(ta.TraktSortWarning, match="recently-aired"):
        out = ta.sort_shows(ta.load_progress(data).shows, "recently-aired")
    assert list(out["title"]) == ["A", "B"]


def test_unknown_order_lists_the_valid_ones(shows):
    with pytest.raises(ValueError, match="unknown sort order 'newest'") as info:
        ta.sort_shows(shows, "newest")
    assert isinstance(info.value, ta.TraktError)
    for name in ta.SORT_ORDERS:
        assert name in str(info.value)


def test_empty_frame_sorts(shows):
    empty = shows.iloc[:0]
    for by in ("title", "most-completed", "recently-aired"):
        assert ta.sort_shows(empty, by).empty


def test_hide_completed(shows):
    assert "Arcane" not in set(ta.hide_completed(shows)["title"])
    assert len(ta.hide_completed(shows)) == 4


def test_only_in_progress(shows):
    got = ta.only_in_progress(shows)
    assert titles(got) == [("suits", 2011), ("Dark", 2017), ("arcane", 2020)]


def test_filter_shows_combines(shows):
    assert len(ta.filter_shows(shows)) == 5
    assert titles(ta.filter_shows(shows, titles=["Arcane", "Dark"])) == [
        ("Arcane", 2021),
        ("Dark", 2017),
    ]
    assert titles(ta.filter_shows(shows, titles=["Arcane", "Dark"], hide_completed=True)) == [
        ("Dark", 2017)
    ]
    assert titles(ta.filter_shows(shows, in_progress=True)) == titles(ta.only_in_progress(shows))


def test_percent_complete_falls_back_to_the_recomputed_completion():
    # v1 sends percentage; v2 and the export with metadata send only counts.
    frame = pd.DataFrame(
        {
            "percentage": pd.array([50, None, None, 99], dtype="Int64"),
            "completion": pd.array([0.5, 1 / 3, None, 0.5], dtype="Float64"),
        }
    )
    got = ta.analysis.sorting.percent_complete(frame)
    assert got.tolist()[:2] == [50.0, 33.0]  # rounded down, as Trakt rounds
    assert got.isna().tolist() == [False, False, True, False]  # unknown stays unknown
    assert got.iloc[3] == 99.0  # the API's own figure wins where it was sent


def test_most_completed_orders_shows_without_a_percentage_and_puts_unknowns_last():
    shows = ta.load_progress([item(t, 2000, 4, 1) for t in "ABC"]).shows
    shows["percentage"] = pd.array([None, None, None], dtype="Int64")
    shows["completion"] = pd.array([0.25, None, 0.75], dtype="Float64")
    assert list(ta.sort_shows(shows, "most-completed")["title"]) == ["C", "A", "B"]
    assert list(ta.sort_shows(shows, "least-completed")["title"]) == ["A", "C", "B"]
