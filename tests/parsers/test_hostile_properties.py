"""Property tests per source (#23 item 3): any value in any field, and the parsers keep their word.

Each source's entries start from a valid template; hypothesis replaces some
fields with arbitrary JSON values (huge numbers, out-of-range times, wrong
types, nested objects). Whatever it sends:

- only :class:`TraktError` is raised (warnings are fine), never a bare error;
- no valid entry (one left untouched) is dropped;
- no count is above what was given.
"""

from __future__ import annotations

import copy
import warnings
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trakt_analysis.errors import TraktError
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.history import parse_history
from trakt_analysis.parsers.tvmaze import parse_episode_list
from trakt_analysis.parsers.v2 import parse_watched_shows

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ODD_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "0001-01-01T00:00:00+01:00",
            "now",
            "",
            "2024-02-30T00:00:00Z",
            "1e400",
            "=cmd",
        ]
    ),
    st.text(max_size=12),
)
ODD = st.recursive(
    ODD_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _quietly(call, *args, **kwargs) -> Any:
    """Call, keeping warnings out of the way; any exception but a TraktError fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return call(*args, **kwargs)
        except TraktError:
            return None


def _mutate(draw, entries: list[dict[str, Any]], paths: list[tuple[str, ...]]) -> set[int]:
    """Replace some fields of some entries with odd values; return the entries touched."""
    touched: set[int] = set()
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(entries) - 1))
        path = draw(st.sampled_from(paths))
        target: Any = entries[i]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = draw(ODD)
        touched.add(i)
    return touched


def mutated(make, paths: list[tuple[Any, ...]], most: int) -> st.SearchStrategy:
    """(1 to `most` entries made by `make(i)`, with odd values at some `paths`; the touched)."""

    @st.composite
    def entries_and_touched(draw):
        entries = [make(i) for i in range(draw(st.integers(min_value=1, max_value=most)))]
        return entries, _mutate(draw, entries, paths)

    return entries_and_touched()


def assert_untouched_kept(titles: Any, entries: list[Any], touched: set[int]) -> None:
    """No row invented, and every entry left untouched (titled "Show i") kept."""
    kept = list(pd.array(titles).to_numpy(dtype=object, na_value=None))
    assert len(kept) <= len(entries)
    for i in range(len(entries)):
        if i not in touched:
            assert f"Show {i}" in kept  # a valid entry is never dropped


ITEM_PATHS = [
    ("episode", "season"),
    ("episode", "number"),
    ("episode", "ids"),
    ("show", "title"),
    ("show", "year"),
    ("show", "ids"),
]


# -- history (export watched-history-N.json, v2 /sync/history) --------------------------------


def _history_entry(i: int) -> dict[str, Any]:
    return {
        "id": 1000 + i,
        "watched_at": f"2024-01-{1 + i % 28:02d}T20:00:00.000Z",
        "action": "scrobble",
        "type": "episode",
        "episode": {"season": 1, "number": 1 + i, "title": f"E{i}", "ids": {"trakt": 50 + i}},
        "show": {"title": f"Show {i % 3}", "year": 2020, "ids": {"trakt": 10 + i % 3}},
    }


HISTORY_PATHS = [("id",), ("watched_at",), ("action",), ("type",), *ITEM_PATHS, ("extra",)]


histories = mutated(_history_entry, HISTORY_PATHS, most=6)


@SETTINGS
@given(histories)
def test_history_any_value(case):
    entries, touched = case
    columns = _quietly(parse_history, copy.deepcopy(entries), label="h", problems=Problems("h"))
    if columns is None:  # a TraktError: allowed
        return
    rows = len(columns["watched_at"])
    assert rows <= len(entries)  # nothing invented
    kept_ids = set(pd.array(columns["id"]).dropna().tolist()) if "id" in columns else set()
    for i, entry in enumerate(entries):
        if i not in touched:  # a valid entry is never dropped
            assert entry["id"] in kept_ids


# -- watched-shows (export watched-shows-N.json, v2 /sync/watched/shows) ----------------------


def _shows_item(i: int) -> dict[str, Any]:
    return {
        "plays": 2,
        "last_watched_at": "2024-01-02T00:00:00.000Z",
        "last_updated_at": "2024-01-02T00:00:00.000Z",
        "reset_at": None,
        "show": {"title": f"Show {i}", "year": 2020, "ids": {"trakt": 100 + i}},
        "seasons": [
            {
                "number": 1,
                "episodes": [
                    {"number": 1, "plays": 1, "last_watched_at": "2024-01-01T00:00:00.000Z"},
                    {"number": 2, "plays": 1, "last_watched_at": "2024-01-02T00:00:00.000Z"},
                ],
            }
        ],
    }


SHOWS_PATHS = [
    ("plays",),
    ("last_watched_at",),
    ("reset_at",),
    ("show", "title"),
    ("show", "year"),
    ("show", "ids"),
    ("seasons",),
    ("extra",),
]


watched_lists = mutated(_shows_item, SHOWS_PATHS, most=5)


@SETTINGS
@given(watched_lists)
def test_watched_shows_any_value(case):
    items, touched = case
    parsed = _quietly(parse_watched_shows, copy.deepcopy(items), label="w")
    if parsed is None:
        return
    shows = parsed.shows
    assert_untouched_kept(shows["title"], items, touched)
    completed = pd.array(shows["completed"], dtype="Int64")
    assert not (completed.fillna(0) > 2).any()  # at most the two episodes given
    # What a show's plays may be: an int, or an integral float (20.0 is 20, as the parser reads it).
    given = [
        int(value)
        for value in (item["plays"] for item in items)
        if type(value) is int or (type(value) is float and value.is_integer())
    ]
    plays = pd.array(shows["plays"], dtype="Int64")
    assert not (plays.fillna(0) > max([2, *given])).any()  # at most the plays given


# -- TVmaze episode lists ---------------------------------------------------------------------


def _tvmaze_episode(i: int) -> dict[str, Any]:
    return {
        "id": 5000 + i,
        "season": 1,
        "number": 1 + i,
        "type": "regular",
        "name": f"Episode {i}",
        "airstamp": f"2020-01-{1 + i:02d}T01:00:00+00:00",
        "runtime": 30,
    }


TVMAZE_PATHS = [("id",), ("season",), ("number",), ("type",), ("airstamp",), ("runtime",)]


episode_lists = mutated(_tvmaze_episode, TVMAZE_PATHS, most=6)


@SETTINGS
@given(episode_lists)
def test_tvmaze_any_value(case):
    episodes, touched = case
    columns = _quietly(
        parse_episode_list, copy.deepcopy(episodes), label="t", problems=Problems("t")
    )
    if columns is None:
        return
    assert len(columns["episode"]) <= len(episodes)
    pairs = set(zip(columns["season"].tolist(), columns["episode"].tolist(), strict=True))
    for i, episode in enumerate(episodes):
        if i not in touched:
            assert (1, episode["number"]) in pairs  # a valid episode is never dropped
    assert all(0 <= s < 2**31 for s in columns["season"].tolist())


# -- a public profile's progress (v2 watched list + /shows/{id}/seasons) ----------------------


def _public_entry(i: int) -> dict[str, Any]:
    show = {"title": f"Show {i}", "year": 2020, "ids": {"trakt": 300 + i}}
    return {
        "show": show,
        "watched": {
            "plays": 1,
            "last_watched_at": "2024-01-02T00:00:00.000Z",
            "reset_at": None,
            "show": show,
            "seasons": [
                {
                    "number": 1,
                    "episodes": [
                        {"number": 1, "plays": 1, "last_watched_at": "2024-01-02T00:00:00.000Z"}
                    ],
                }
            ],
        },
        "seasons": [
            {
                "number": 1,
                "episodes": [
                    {"number": 1, "title": "A", "first_aired": "2020-01-01T00:00:00.000Z"},
                    {"number": 2, "title": "B", "first_aired": "2020-01-08T00:00:00.000Z"},
                ],
            }
        ],
    }


PUBLIC_PATHS = [
    ("watched", "last_watched_at"),
    ("watched", "reset_at"),
    ("watched", "plays"),
    ("seasons", 0, "episodes", 0, "first_aired"),
    ("seasons", 0, "episodes", 1, "first_aired"),
    ("seasons", 0, "episodes", 1, "runtime"),
    ("show", "year"),
    ("seasons", 0, "number"),
    ("seasons", 0, "episodes", 1, "number"),
    ("watched", "seasons", 0, "episodes", 0, "number"),
]


public_entries = mutated(_public_entry, PUBLIC_PATHS, most=4)


@SETTINGS
@given(public_entries)
def test_public_progress_any_value(case):
    from trakt_analysis.parsers.v2_progress import parse_public_progress

    entries, touched = case
    now = pd.Timestamp("2026-01-01", tz="UTC")
    parsed = _quietly(parse_public_progress, copy.deepcopy(entries), now=now, label="p")
    if parsed is None:
        return
    assert_untouched_kept(parsed.shows["title"], entries, touched)
    completed = pd.array(parsed.shows["completed"], dtype="Int64")
    assert not (completed.fillna(0) > 2).any()  # at most the episodes listed


# -- signed-in v2 progress (/sync/watched/shows + /shows/{id}/progress/watched) ---------------


def _signed_in_entry(i: int) -> dict[str, Any]:
    show = {"title": f"Show {i}", "year": 2020, "ids": {"trakt": 400 + i}}
    episodes = [
        {"number": 1, "completed": True, "last_watched_at": "2024-01-02T00:00:00.000Z"},
        {"number": 2, "completed": False, "last_watched_at": None},
    ]
    return {
        "show": show,
        "watched": {
            "plays": 1,
            "show": show,
            "seasons": [{"number": 1, "episodes": [{"number": 1, "plays": 1}]}],
        },
        "progress": {
            "aired": 2,
            "completed": 1,
            "last_watched_at": "2024-01-02T00:00:00.000Z",
            "reset_at": None,
            "seasons": [{"number": 1, "aired": 2, "completed": 1, "episodes": episodes}],
            "hidden_seasons": [],
            "next_episode": {"season": 1, "number": 2, "title": "B"},
        },
    }


SIGNED_IN_PATHS = [
    ("progress", "aired"),
    ("progress", "completed"),
    ("progress", "last_watched_at"),
    ("progress", "reset_at"),
    ("progress", "seasons", 0, "number"),
    ("progress", "seasons", 0, "episodes", 0, "number"),
    ("progress", "seasons", 0, "episodes", 1, "completed"),
    ("progress", "hidden_seasons"),
    ("progress", "next_episode"),
    ("watched", "seasons", 0, "episodes", 0, "number"),
    ("watched", "plays"),
    ("show", "year"),
]


signed_in_entries = st.tuples(
    mutated(_signed_in_entry, SIGNED_IN_PATHS, most=4), st.sampled_from(["current", "lifetime"])
)


@SETTINGS
@given(signed_in_entries)
def test_signed_in_progress_any_value(case):
    from trakt_analysis.parsers.v2_progress import parse_show_progress

    (entries, touched), reset = case
    parsed = _quietly(parse_show_progress, copy.deepcopy(entries), label="p", reset=reset)
    assert parsed is not None  # one odd value never costs the whole list
    assert_untouched_kept(parsed.shows["title"], entries, touched)
    if reset == "lifetime":  # recounted here: never above the episodes listed
        completed = pd.array(parsed.shows["completed"], dtype="Int64")
        assert not (completed.fillna(0) > 2).any()


# -- ratings (export ratings-*.json, v2 /sync/ratings) ---------------------------------------


def _rating_entry(i: int) -> dict[str, Any]:
    show = {"title": f"Show {i}", "year": 2020, "ids": {"trakt": 500 + i}}
    return {
        "rated_at": "2024-03-02T21:10:00.000Z",
        "rating": 1 + i % 10,
        "type": "episode",
        "episode": {"season": 1, "number": 1 + i, "ids": {"trakt": 900 + i}},
        "show": show,
    }


RATING_PATHS = [("rated_at",), ("rating",), ("type",), *ITEM_PATHS]


rating_lists = mutated(_rating_entry, RATING_PATHS, most=6)


@SETTINGS
@given(rating_lists)
def test_ratings_any_value(case):
    from trakt_analysis.parsers.ratings import parse_ratings

    entries, touched = case
    problems = Problems("r")
    columns = _quietly(parse_ratings, copy.deepcopy(entries), label="r", problems=problems)
    assert columns is not None  # a list is never refused for one odd entry
    assert_untouched_kept(columns["title"], entries, touched)
    ratings = pd.array(columns["rating"], dtype="Int64")
    assert ((ratings >= 1) & (ratings <= 10)).fillna(True).all()  # 1-10 or NA, never more
