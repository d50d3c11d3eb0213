"""TVmaze's show lookup and episode list -> columns, on hand-written documents in TVmaze's shape."""

from __future__ import annotations

import pandas as pd
import pytest

from trakt_analysis.errors import TraktDataError
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.tvmaze import parse_episode_list, parse_show_lookup


def episode(id, season, number, stamp, *, kind="regular", name=None, runtime=60):
    return {
        "id": id,
        "url": f"https://www.tvmaze.com/episodes/{id}",
        "name": name or f"Episode {id}",
        "season": season,
        "number": number,
        "type": kind,
        "airdate": stamp[:10] if stamp else "",
        "airtime": "",
        "airstamp": stamp,
        "runtime": runtime,
        "rating": {"average": None},
        "image": None,
        "summary": None,
    }


def test_show_lookup_reads_the_ids():
    data = {
        "id": 82,
        "name": "Game of Thrones",
        "externals": {"tvrage": 24493, "thetvdb": 121361, "imdb": "tt0944947"},
    }
    assert parse_show_lookup(data, label="x") == {
        "tvmaze_id": 82,
        "name": "Game of Thrones",
        "tvdb_id": 121361,
        "imdb_id": "tt0944947",
    }


def test_show_lookup_with_null_externals():
    data = {"id": 5, "name": "X", "externals": {"thetvdb": None, "imdb": None}}
    assert parse_show_lookup(data, label="x")["tvdb_id"] is None


@pytest.mark.parametrize("data", [[], {"name": "no id"}, {"id": "82"}, {"id": True}, None])
def test_show_lookup_without_an_id_is_refused(data):
    with pytest.raises(TraktDataError, match="lookup"):
        parse_show_lookup(data, label="GET /lookup")


def _episodes(data, label):
    """The columns and the warning lines of one episode list."""
    problems = Problems(label)
    columns = parse_episode_list(data, label=label, problems=problems)
    return columns, problems.messages()


def test_regular_episodes_keep_their_numbers_in_order():
    data = [
        episode(3, 2, 1, "2020-02-01T02:00:00+00:00"),
        episode(1, 1, 1, "2020-01-01T02:00:00+00:00", name="Pilot", runtime=61),
        episode(2, 1, 2, "2020-01-08T02:00:00+00:00"),
    ]
    columns, warnings = _episodes(data, "Show")
    assert warnings == []
    assert list(columns["season"]) == [1, 1, 2]
    assert list(columns["episode"]) == [1, 2, 1]
    assert columns["title"][0] == "Pilot"
    assert list(columns["runtime"]) == [61, 60, 60]
    assert list(columns["tvmaze_episode_id"]) == [1, 2, 3]
    assert columns["first_aired"][0] == pd.Timestamp("2020-01-01T02:00:00Z")


def test_specials_go_to_season_0_numbered_in_air_order():
    # TVmaze keeps specials in the season they aired in, with number null.
    data = [
        episode(1, 1, 1, "2020-01-01T00:00:00+00:00"),
        episode(10, 2, None, "2021-12-25T00:00:00+00:00", kind="significant_special"),
        episode(11, 1, None, "2020-12-25T00:00:00+00:00", kind="insignificant_special"),
        episode(12, 1, None, None, kind="insignificant_special"),  # unknown date: last
    ]
    columns, _ = _episodes(data, "Show")
    frame = pd.DataFrame(columns)
    specials = frame[frame["season"] == 0]
    assert list(specials["episode"]) == [1, 2, 3]
    assert list(specials["tvmaze_episode_id"]) == [11, 10, 12]
    assert pd.isna(specials["first_aired"].iloc[2])


def test_historical_and_offset_air_stamps_are_utc():
    data = [
        episode(1, 1, 1, "1963-11-23T17:16:00+00:00"),
        episode(2, 1, 2, "2020-01-01T22:00:00-05:00"),
    ]
    columns, _ = _episodes(data, "Doctor Who")
    assert columns["first_aired"][0] == pd.Timestamp("1963-11-23T17:16:00Z")
    assert columns["first_aired"][1] == pd.Timestamp("2020-01-02T03:00:00Z")


def test_odd_values_load_as_na_with_a_warning_naming_the_show():
    data = [
        episode(1, 1, 1, "not a date"),
        episode(2, 1, 2, "2020-01-08T02:00:00+00:00", runtime=-5),
        episode(3, 1, 3, None, runtime=None),
    ]
    columns, warnings = _episodes(data, "Suits")
    assert pd.isna(columns["first_aired"][0])
    assert pd.isna(columns["runtime"][1])
    assert pd.isna(columns["first_aired"][2])
    assert pd.isna(columns["runtime"][2])
    assert len(warnings) == 2
    assert all(w.startswith("Suits: ") for w in warnings)
    assert "Suits: episode 0: airstamp 'not a date' is not a time; loaded as NA" in warnings
    assert "Suits: episode 1: runtime -5; loaded as NA" in warnings


def test_a_repeated_episode_keeps_the_first_with_a_warning():
    data = [episode(1, 1, 1, "2020-01-01T00:00:00Z"), episode(2, 1, 1, "2020-01-02T00:00:00Z")]
    columns, warnings = _episodes(data, "Show")
    assert list(columns["tvmaze_episode_id"]) == [1]
    assert "listed twice" in warnings[0]


def test_an_empty_list_gives_empty_columns():
    columns, warnings = _episodes([], "Show")
    assert len(columns["season"]) == 0
    assert len(columns["first_aired"]) == 0
    assert warnings == []


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"id": 1}, "expected a list of episodes"),
        ([1], "episode 0: expected an object"),
    ],
)
def test_broken_lists_are_refused_saying_where(data, match):
    with pytest.raises(TraktDataError, match=match):
        parse_episode_list(data, label="Show", problems=Problems("Show"))


@pytest.mark.parametrize(
    ("season", "number"), [("1", 1), (1, 0), (1, -1), (1.5, 1), (1, 2.5), (2**40, 1), (-1, 2)]
)
def test_an_odd_regular_number_leaves_the_episode_out_and_the_list_partial(season, number):
    data = [
        episode(1, 1, 1, "2020-01-01T00:00:00Z"),
        episode(2, season, number, "2020-01-08T00:00:00Z"),
        episode(3, 1, 2, "2020-01-15T00:00:00Z"),
    ]
    columns, warnings = _episodes(data, "Dark (2017)")
    assert list(columns["episode"]) == [1, 2]  # the two others load
    assert columns["partial"] is True
    [message] = warnings
    assert message.startswith("Dark (2017): episode 1: season ")
    assert message.endswith("the episode is left out; the show's counts from TVmaze are unknown")
    whole, _ = _episodes(data[:1], "Dark (2017)")
    assert whole["partial"] is False


def test_people_left_out_are_recorded_naming_the_show():
    from trakt_analysis.parsers.people import parse_tvmaze_people

    problems = Problems("Dark (2017)")
    cast = [{"person": {"id": 1, "name": "Louis Hofmann"}}, {"person": {"name": " "}}]
    rows = parse_tvmaze_people(cast, "oops", problems=problems)
    assert [r["name"] for r in rows] == ["Louis Hofmann"]
    assert problems.messages() == [
        "Dark (2017): cast entry 1: names no person; left out",
        "Dark (2017): TVmaze's crew: not a list ('oops'); left out",
    ]
