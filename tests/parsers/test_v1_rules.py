"""The loader's rules, one test each: what raises, what warns, what loads quietly."""

from __future__ import annotations

import copy
import math
import random
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.v1_items import DELETE, make_item, with_change
from trakt_analysis import schema

SEED = Path(__file__).parents[2] / "data" / "fixtures" / "seed_example.json"


# The document's structure is broken: the whole load raises.
# (path, value, what the message must contain)
BAD = [
    ("show", DELETE, "item 0: show: is missing"),
    ("show", None, "item 0: show: is null"),
    ("show", ["Show"], "item 0: show: is a list"),
    ("progress", "x", "item 0 ('Show'): progress: expected an object"),
    ("stats", [1], "item 0 ('Show'): stats: expected an object"),
    ("seasons", {"1": {}}, "item 0 ('Show'): seasons: expected a list"),
    ("seasons.0", 3, "seasons[0]: expected an object, got 3"),
    ("seasons.0.season", DELETE, "seasons[0].season: is missing"),
    ("seasons.0.season", None, "seasons[0].season: is null"),
    ("seasons.0.season", -1, "seasons[0].season: expected a non-negative whole number"),
    ("seasons.0.season", 1.5, "seasons[0].season: expected a non-negative whole number"),
    ("seasons.0.season", 10**7, "seasons[0].season: season number 10000000 is not plausible"),
    ("seasons.0.season", 2**63, "seasons[0].season: expected a non-negative whole number"),
    ("seasons.0.episodes", [True, False], "seasons[0].episodes: expected an object"),
    ("seasons.0.episodes", "1,2", "seasons[0].episodes: expected an object"),
    ("seasons.0.episodes.1", "yes", "seasons[0].episodes['1']: expected true or false, got 'yes'"),
    ("seasons.0.episodes.3", "false", "seasons[0].episodes['3']: expected true or false"),
    ("seasons.0.episodes.2", 1, "seasons[0].episodes['2']: expected true or false, got 1"),
    ("seasons.0.episodes.4", None, "seasons[0].episodes['4']: expected true or false, got None"),
    ("hidden_seasons", "1", "item 0 ('Show'): hidden_seasons: expected a list"),
    ("hidden_seasons", [None], "hidden_seasons[0]: is null"),
    ("hidden_seasons", [-2], "hidden_seasons[0]: expected a non-negative whole number"),
    ("hidden_seasons", [2, 2], "hidden_seasons[1]: season 2 is hidden twice"),
    ("next_episode", "soon", "next_episode: expected an object or false, got 'soon'"),
]


@pytest.mark.parametrize(
    ("value", "message"),
    [(DELETE, "show.title: is missing"), (None, "show.title: is null"), (7, "is not a string: 7")],
)
def test_a_show_without_a_title_loads_with_na_named_by_its_ids(value, message):
    # Trakt has sent a null title for a show it could not resolve: one show, not the file.
    items = with_change("show.title", value)
    items.append(copy.deepcopy(items[0]))
    items[1]["show"]["title"] = "Other"
    with pytest.warns(ta.TraktDataWarning, match=message) as caught:
        progress = ta.load_progress(items)
    ids = items[0]["show"]
    text = str(caught[0].message)
    assert "item 0" in text
    assert any(f"{k} {ids[k]}" in text for k in ("imdb_id", "tvdb_id") if ids.get(k))
    assert progress.shows["title"].isna().tolist() == [True, False]
    assert progress.shows["title"].iloc[1] == "Other"


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[b[2][:48] for b in BAD])
def test_bad_value_raises_saying_where(path, value, message):
    with pytest.raises(ta.TraktDataError) as info:
        ta.load_progress(with_change(path, value))
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


# One odd value in one show: NA in its column, a TraktDataWarning naming the
# show and the field, and the other show loads whole.
# (path, value, frame, column, what the warning must contain)
ODD = [
    ("show.year", "20x", "shows", "year", "show.year: expected a number, got '20x'"),
    ("show.imdb_id", 5, "shows", "imdb_id", "show.imdb_id: expected a string"),
    ("show.tvdb_id", "abc", "shows", "tvdb_id", "show.tvdb_id: expected a number, got 'abc'"),
    ("show.tvdb_id", -4, "shows", "tvdb_id", "show.tvdb_id: expected a non-negative whole"),
    (
        "progress.aired",
        1.5,
        "shows",
        "aired",
        "progress.aired: expected a non-negative whole number, got 1.5",
    ),
    (
        "progress.aired",
        -1,
        "shows",
        "aired",
        "progress.aired: expected a non-negative whole number, got -1",
    ),
    (
        "progress.aired",
        math.nan,
        "shows",
        "aired",
        "progress.aired: expected a non-negative whole number, got nan",
    ),
    ("progress.aired", math.inf, "shows", "aired", "got inf"),
    ("progress.aired", True, "shows", "aired", "got True"),
    (
        "progress.aired",
        "4",
        "shows",
        "aired",
        "progress.aired: expected a non-negative whole number, got '4'",
    ),
    (
        "progress.aired",
        2**70,
        "shows",
        "aired",
        "progress.aired: expected a non-negative whole number",
    ),
    (
        "progress.left",
        -2,
        "shows",
        "left",
        "progress.left: expected a non-negative whole number, got -2",
    ),
    (
        "stats.plays",
        -3,
        "shows",
        "plays",
        "stats.plays: expected a non-negative whole number, got -3",
    ),
    (
        "seasons.0.aired",
        2.5,
        "seasons",
        "aired",
        "seasons[0].aired: expected a non-negative whole number, got 2.5",
    ),
    (
        "next_episode.title",
        5,
        "shows",
        "next_title",
        "next_episode.title: expected a string, got 5",
    ),
    (
        "next_episode.season",
        -1,
        "shows",
        "next_season",
        "next_episode.season: expected a non-negative",
    ),
    ("next_episode.num", 4, "shows", "next_number", "'num' (4) and 'number' (3) disagree"),
    (
        "next_episode.first_aired",
        "today",
        "shows",
        "next_first_aired",
        "next_episode.first_aired: expected an ISO 8601 time, got 'today'",
    ),
    (
        "next_episode.first_aired",
        2**62,
        "shows",
        "next_first_aired",
        "next_episode.first_aired: 4611686018427387904 is not a plausible unix time",
    ),
    (
        "next_episode.first_aired",
        [1],
        "shows",
        "next_first_aired",
        "expected unix seconds or an ISO 8601 time, got [1]",
    ),
    (
        "watched",
        "yes",
        "shows",
        "viewer_watched",
        "item 1 ('Show'): watched: expected true or false, got 'yes'",
    ),
    (
        "show.in_watchlist",
        1,
        "shows",
        "viewer_in_watchlist",
        "show.in_watchlist: expected true or false, got 1",
    ),
    ("rating", 10, "shows", "viewer_rating", "rating: expected 'love', 'hate' or false, got 10"),
    (
        "plays",
        1.25,
        "shows",
        "viewer_plays",
        "plays: expected a non-negative whole number, got 1.25",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "frame", "column", "message"), ODD, ids=[o[4][:48] for o in ODD]
)
def test_odd_value_loads_as_na_with_a_warning_naming_the_show(path, value, frame, column, message):
    data = [make_item("Other", tvdb_id=77), *with_change(path, value)]
    with pytest.warns(ta.TraktDataWarning) as caught:
        progress = ta.load_progress(data)
    texts = [str(w.message) for w in caught]
    assert any("item 1 ('Show')" in t and message in t and "loaded as NA" in t for t in texts)
    assert not any("'Other'" in t for t in texts)
    table = getattr(progress, frame)
    row = table.index[table["title"] == "Show"][0]
    assert pd.isna(table.loc[row, column])
    # The other show is whole: its counts, its season and all its episodes.
    other = progress.shows.set_index("title").loc["Other"]
    assert (other["aired"], other["completed"], other["left"]) == (4, 2, 2)
    assert (progress.episodes["title"] == "Other").sum() == 4
    assert len(progress.shows) == 2


def test_viewer_field_inside_and_beside_show_disagreeing_is_na_with_a_warning():
    data = [make_item(plays=3)]
    data[0]["plays"] = 4
    with pytest.warns(ta.TraktDataWarning, match=r"plays: 4 disagrees with show\.plays 3"):
        shows = ta.load_progress(data).shows
    assert pd.isna(shows.loc[0, "viewer_plays"])


@pytest.mark.parametrize(
    "key",
    ["a", "-1", "1.5", " 1", "+1", "", "\u0661", "1e3", "99999999"],
    ids=["letter", "negative", "fraction", "space", "plus", "empty", "arabic-digit", "exp", "long"],
)
def test_episode_keys_must_be_non_negative_whole_numbers(key):
    data = with_change("seasons.0.episodes", {"1": True, key: False})
    with pytest.raises(ta.TraktDataError) as info:
        ta.load_progress(data)
    assert f"seasons[0].episodes[{key!r}]: episode keys must be" in str(info.value)


def test_implausible_episode_number():
    data = with_change("seasons.0.episodes", {"1": True, "5000000": False})
    with pytest.raises(ta.TraktDataError, match=r"episodes\['5000000'\]: episode number"):
        ta.load_progress(data)


def test_same_episode_number_twice():
    data = with_change("seasons.0.episodes", {"1": True, "01": False})
    with pytest.raises(ta.TraktDataError, match="episode 1 is listed twice"):
        ta.load_progress(data)


def test_duplicate_season_numbers():
    data = [make_item()]
    data[0]["seasons"].append(copy.deepcopy(data[0]["seasons"][0]))
    with pytest.raises(ta.TraktDataError, match=r"seasons\[1\].season: season 1 is listed twice"):
        ta.load_progress(data)


def test_item_that_is_not_an_object():
    with pytest.raises(ta.TraktDataError, match="item 1: expected an object with a 'show'"):
        ta.load_progress([make_item(), "Suits"])


def test_error_names_the_right_item_and_title():
    data = [make_item("First"), make_item("Second"), make_item("Third")]
    data[2]["seasons"][0]["episodes"]["3"] = "no"
    with pytest.raises(ta.TraktDataError, match=r"item 2 \('Third'\): seasons\[0\]"):
        ta.load_progress(data)


def load_quietly(data: Any) -> ta.Progress:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return ta.load_progress(data)


def test_integral_floats_are_accepted():
    data = with_change("progress", {"percentage": 50.0, "aired": 4.0, "completed": 2.0, "left": 2})
    shows = load_quietly(data).shows
    assert shows.loc[0, "aired"] == 4
    assert shows["aired"].dtype == "Int64"


def test_ids_as_strings_are_accepted():
    shows = load_quietly(with_change("show.tvdb_id", "121361")).shows
    assert shows.loc[0, "tvdb_id"] == 121361


@pytest.mark.parametrize("imdb", ["", None])
def test_empty_imdb_id_is_missing(imdb):
    assert load_quietly(with_change("show.imdb_id", imdb)).shows["imdb_id"].isna().all()


@pytest.mark.parametrize("tvdb", [0, "0"])
def test_zero_ids_are_missing(tvdb):
    assert load_quietly(with_change("show.tvdb_id", tvdb)).shows["tvdb_id"].isna().all()


@pytest.mark.parametrize("value", [False, None])
def test_no_next_episode(value):
    shows = load_quietly(with_change("next_episode", value)).shows
    assert pd.isna(shows.loc[0, "next_first_aired"])
    assert pd.isna(shows.loc[0, "next_number"])


def test_next_episode_number_key_num():
    item = make_item()
    item["next_episode"]["num"] = item["next_episode"].pop("number")
    assert load_quietly([item]).shows.loc[0, "next_number"] == 3


def test_unknown_extra_fields_are_kept_as_columns():
    item = make_item(network="HBO", ratings={"percentage": 91, "votes": 10})
    item["watched_at"] = "2024-01-02T03:04:05.000Z"
    item["progress"]["last_episode"] = 2
    item["seasons"][0]["title"] = "Season One"
    shows, seasons, _ = load_quietly([item])
    assert shows.loc[0, "network"] == "HBO"
    assert shows.loc[0, "ratings_percentage"] == 91
    assert shows.loc[0, "ratings_votes"] == 10
    assert shows.loc[0, "watched_at"] == "2024-01-02T03:04:05.000Z"
    assert shows.loc[0, "progress_last_episode"] == 2
    assert seasons.loc[0, "title"] == "Show"  # the identity column is not overwritten...
    assert seasons.loc[0, "season_title"] == "Season One"  # ...the season's field is kept


def test_season_fields_named_like_the_parsers_own_columns_are_kept():
    # "_item" (which show a season row belongs to) raised a bare ValueError; "_row" vanished.
    item = make_item()
    item["seasons"][0].update(_item="x", _row=7)
    seasons = load_quietly([item, make_item(title="Other")]).seasons
    assert list(seasons["title"].unique()) == ["Show", "Other"]
    assert seasons.loc[0, "season__item"] == "x"
    assert seasons.loc[0, "season__row"] == 7


def test_extended_fields_are_flattened_with_underscores():
    item = make_item(
        images={"poster": "p.jpg", "fanart": "f.jpg"},
        genres=["drama", "crime"],
        first_aired=1_302_998_400,
        runtime=60,
    )
    shows = load_quietly([item]).shows
    assert shows.loc[0, "images_poster"] == "p.jpg"
    assert shows.loc[0, "images_fanart"] == "f.jpg"
    assert shows.loc[0, "genres"] == ["drama", "crime"]
    assert shows.loc[0, "runtime"] == 60
    # 1302998400 s = 15081 days after 1970-01-01 = 2011-04-17, 00:00 UTC
    assert shows.loc[0, "first_aired"] == pd.Timestamp("2011-04-17", tz="UTC")


@pytest.mark.parametrize("where", ["inside", "beside"])
def test_viewer_fields_get_their_own_columns(where):
    viewer = {"watched": True, "plays": 9, "in_watchlist": False, "rating": "love"}
    item = make_item(**viewer) if where == "inside" else {**make_item(), **viewer}
    shows = load_quietly([item]).shows
    assert shows.loc[0, "viewer_watched"] is True or shows.loc[0, "viewer_watched"] == True  # noqa: E712
    assert shows.loc[0, "viewer_plays"] == 9
    assert not shows.loc[0, "viewer_in_watchlist"]
    assert shows.loc[0, "viewer_rating"] == "love"
    assert shows.loc[0, "plays"] == 2  # the stats are not overwritten


def test_rating_false_means_not_rated():
    shows = load_quietly([{**make_item(), "rating": False}]).shows
    assert pd.isna(shows.loc[0, "viewer_rating"])


def test_hidden_season_that_is_also_listed_keeps_its_counts():
    seasons = load_quietly(with_change("hidden_seasons", [1])).seasons
    assert len(seasons) == 1
    assert bool(seasons.loc[0, "hidden"])
    assert seasons.loc[0, "aired"] == 4


def test_hidden_seasons_as_strings():
    seasons = load_quietly(with_change("hidden_seasons", ["3"])).seasons
    assert list(seasons["season"]) == [1, 3]
    assert list(seasons["hidden"]) == [False, True]


def test_episodes_sorted_numerically_with_their_flags():
    episodes_obj = {"10": True, "9": False, "1": True, "2": False, "0": True}
    data = with_change("seasons.0.episodes", episodes_obj)
    data[0]["seasons"][0].update(aired=5, completed=3, left=2, percentage=60)
    data[0]["progress"].update(aired=5, completed=3, left=2, percentage=60)
    episodes = load_quietly(data).episodes
    assert list(episodes["episode"]) == [0, 1, 2, 9, 10]
    assert list(episodes["watched"]) == [True, True, False, False, True]


def test_seasons_sorted_by_number_and_episodes_follow():
    item = make_item()
    second = copy.deepcopy(item["seasons"][0])
    second["season"] = 2
    item["seasons"].insert(0, second)  # listed as 2, then 1
    item["progress"].update(aired=8, completed=4, left=4)
    seasons, episodes = load_quietly([item])[1:]
    assert list(seasons["season"]) == [1, 2]
    assert list(episodes["season"]) == [1] * 4 + [2] * 4


def test_titles_come_back_exactly():
    titles = [
        "  Spaced  ",
        "NA",
        "None",
        "null",
        "1883",
        "nan",
        unicodedata.normalize("NFC", "Amélie"),
        unicodedata.normalize("NFD", "Amélie"),
        "",
    ]
    data = []
    for i, title in enumerate(titles):
        item = make_item(title)
        item["show"]["tvdb_id"] = 1000 + i
        data.append(item)
    shows, seasons, episodes = load_quietly(data)
    assert list(shows["title"]) == titles
    assert all(isinstance(t, str) for t in shows["title"])
    assert list(seasons["title"].astype(object)) == titles
    assert episodes.groupby("tvdb_id").size().tolist() == [4] * len(titles)


def test_remakes_stay_distinct():
    data = [make_item("Doctor Who", 1963), make_item("Doctor Who", 2005)]
    data[1]["seasons"][0]["episodes"] = {str(n): False for n in range(1, 14)}
    data[1]["seasons"][0].update(aired=13, completed=0, left=13, percentage=0)
    data[1]["progress"].update(aired=13, completed=0, left=13, percentage=0)
    shows, _, episodes = load_quietly(data)
    assert list(shows["year"]) == [1963, 2005]
    sizes = episodes.groupby(["title", "year"], observed=True).size()
    assert sizes.to_dict() == {("Doctor Who", 1963): 4, ("Doctor Who", 2005): 13}


def test_missing_stats_and_null_counts_are_allowed():
    item = {
        "show": {"title": "Bare"},
        "progress": {"aired": None, "completed": None},
        "seasons": [],
    }
    shows, seasons, episodes = load_quietly([item])
    assert len(shows) == 1
    assert shows[["year", "aired", "plays"]].isna().all().all()
    assert len(seasons) == len(episodes) == 0


@pytest.mark.parametrize(
    ("drop", "named"),
    [("progress", "progress.aired, progress.completed"), ("seasons", "seasons"),
     ("progress.aired", "progress.aired")],
)  # fmt: skip
def test_keys_v1_always_sends_must_be_present(drop, named):
    with pytest.raises(ta.TraktDataError, match=rf"item 0 \('Show'\): {named}: missing"):
        ta.load_progress(with_change(drop, DELETE))


def test_empty_response_gives_empty_frames_with_the_schema():
    empty = load_quietly([])
    full = load_quietly(SEED)
    for got, reference, layout in zip(
        empty, full, (schema.SHOWS, schema.SEASONS, schema.EPISODES), strict=True
    ):
        assert len(got) == 0
        assert list(got.columns) == list(layout)
        for column in layout:
            assert got[column].dtype == reference[column].dtype or (
                isinstance(got[column].dtype, pd.CategoricalDtype)
                and isinstance(reference[column].dtype, pd.CategoricalDtype)
            ), column


def test_dtypes():
    shows, seasons, episodes = load_quietly(SEED)
    for column in ("aired", "completed", "left", "percentage", "plays", "tvdb_id", "year"):
        assert shows[column].dtype == "Int64", column
    for column in ("aired", "completed", "left", "percentage"):
        assert seasons[column].dtype == "Int64", column
    # The long frames' identity is compact (schema.CATEGORICAL_IN_LONG_FRAMES, SMALL_INTS_...).
    for frame in (seasons, episodes):
        assert frame["year"].dtype == "Int16"
        assert frame["tvdb_id"].dtype.categories.dtype == "Int64"
        assert isinstance(frame["slug"].dtype, pd.CategoricalDtype)
    assert shows["title"].dtype == pd.StringDtype(na_value=np.nan)
    assert shows["next_title"].dtype == pd.StringDtype(na_value=np.nan)
    assert shows["next_first_aired"].dtype == pd.DatetimeTZDtype(tz="UTC")
    assert shows["completion"].dtype == "Float64"
    assert seasons["hidden"].dtype == bool
    assert episodes["watched"].dtype == bool
    assert episodes["episode"].dtype.kind == "i"
    assert isinstance(episodes["title"].dtype, pd.CategoricalDtype)


def test_user_is_missing_when_not_given():
    # bytes name no user; a path names the one of its file name (seed_example.json)
    for frame in load_quietly(SEED.read_bytes()):
        assert frame["user"].isna().all()
    for frame in load_quietly(SEED):
        assert set(frame["user"]) == {"seed_example"}


def test_concat_of_two_users_keeps_every_row():
    a = ta.load_progress(SEED, user="alice")
    b = ta.load_progress(SEED, user="bob")
    episodes = pd.concat([a.episodes, b.episodes], ignore_index=True)
    assert episodes.groupby("user").size().to_dict() == {"alice": 125, "bob": 125}
    shows = pd.concat([a.shows, b.shows], ignore_index=True)
    assert shows.groupby("user")["completed"].sum().to_dict() == {"alice": 112, "bob": 112}


# -- warnings --------------------------------------------------------------------------------


def test_percentage_disagreeing_with_counts_warns_naming_the_show():
    data = with_change("progress.percentage", 90)  # 2 of 4 is 50%
    with pytest.warns(ta.TraktDataWarning, match=r"item 0 \('Show'\): progress: percentage 90"):
        shows = ta.load_progress(data).shows
    assert shows.loc[0, "percentage"] == 90  # the reported value is kept


def test_completed_above_aired_warns():
    data = with_change("progress", {"percentage": 100, "aired": 4, "completed": 5, "left": 0})
    with pytest.warns(ta.TraktDataWarning, match="completed 5 exceeds aired 4"):
        ta.load_progress(data)


def test_left_disagreeing_warns():
    data = with_change("seasons.0.left", 3)
    with pytest.warns(ta.TraktDataWarning, match=r"season 1: left is 3, not aired - completed = 2"):
        ta.load_progress(data)


def test_season_completed_against_watched_flags_warns():
    data = with_change("seasons.0.episodes.3", True)  # 3 watched, "completed" says 2
    with pytest.warns(ta.TraktDataWarning, match="completed is 2 but 3 episodes are marked"):
        ta.load_progress(data)


def test_many_inconsistent_shows_give_a_bounded_number_of_warnings():
    data = []
    for i in range(25):
        item = make_item(f"Show {i}")
        item["progress"]["percentage"] = 99
        data.append(item)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ta.load_progress(data)
    messages = [str(w.message) for w in caught if w.category is ta.TraktDataWarning]
    assert len(messages) == 11
    assert messages[-1].endswith("and 15 more with odd values or inconsistencies")


# -- robustness ------------------------------------------------------------------------------

_JUNK = [None, True, False, -1, 0, 1.5, math.nan, "", "x", [], {}, [1], {"a": 1}, 2**64]


def _mutate(node: Any, rng: random.Random) -> None:
    """Replace one random value somewhere in `node` with junk."""
    path = []
    while isinstance(node, dict | list) and node:
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append((node, key))
        if rng.random() < 0.3:
            break
        node = node[key]
    if path:
        parent, key = path[-1]
        parent[key] = rng.choice(_JUNK)


def test_random_corruption_never_escapes_the_exception_family():
    original = ta.sources.files.read_json(SEED)
    rng = random.Random(20261127)
    outcomes = {"loaded": 0, "raised": 0}
    for _ in range(400):
        data = copy.deepcopy(original)
        for _ in range(rng.randint(1, 3)):
            _mutate(data, rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ta.TraktDataWarning)
            try:
                ta.load_progress(data)
            except ta.TraktError:
                outcomes["raised"] += 1
            else:
                outcomes["loaded"] += 1
    # Both outcomes occur, so the run explored valid and invalid inputs alike.
    assert outcomes["raised"] > 50, outcomes
    assert outcomes["loaded"] > 5, outcomes


def test_random_byte_damage_never_escapes_the_exception_family():
    original = SEED.read_bytes()
    rng = random.Random(7)
    raised = 0
    for _ in range(200):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ta.TraktDataWarning)
            try:
                ta.load_progress(bytes(data))
            except ta.TraktError:
                raised += 1
    assert raised > 100  # most damage breaks the JSON; all of it raised our errors


def test_extra_time_field_out_of_range_stays_a_number():
    shows = load_quietly([make_item(first_aired=2**62)]).shows
    assert shows.loc[0, "first_aired"] == 2**62


def test_an_extra_number_beyond_a_float_beside_a_fraction_is_kept_exactly():
    # Each value as a float raised a bare OverflowError on 10**400.
    shows = load_quietly([make_item(score=1.5), make_item(title="Other", score=10**400)]).shows
    assert shows.loc[0, "score"] == 1.5
    assert shows.loc[1, "score"] == 10**400


def test_a_huge_title_is_shortened_in_messages():
    data = with_change("seasons.0.season", -1)
    data[0]["show"]["title"] = "T" * 100_000
    with pytest.raises(ta.TraktDataError) as info:
        ta.load_progress(data)
    assert len(str(info.value)) < 300
    assert "TTT..." in str(info.value)
