"""Values outside what pandas holds, and odd v2 shapes (#23 item 3): NA with a warning, everywhere.

Go's zero time ``0001-01-01T00:00:00Z``, ``9999-12-31...`` and offsets that leave
the range load as NaT with a TraktDataWarning naming the show, in every source;
the other shows load. Expected values are worked out by hand from the crafted input.
"""

from __future__ import annotations

import copy
import json
import warnings
import zipfile

import orjson
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.demo.v2_server import Failure
from trakt_analysis.errors import TraktAPIError, TraktDataWarning
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.tvmaze import parse_episode_list
from trakt_analysis.parsers.v2_items import watched_show_ids

ODD_TIMES = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.000Z", "0001-01-01T00:00:00+01:00"]


def _shows_item(trakt: int, title: str, last: str, episode_last: str) -> dict:
    return {
        "plays": 1,
        "last_watched_at": last,
        "last_updated_at": "2024-01-02T00:00:00.000Z",
        "reset_at": None,
        "show": {"title": title, "year": 2020, "ids": {"trakt": trakt, "slug": title.lower()}},
        "seasons": [
            {"number": 1, "episodes": [{"number": 1, "plays": 1, "last_watched_at": episode_last}]}
        ],
    }


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _messages(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, TraktDataWarning)]


def test_export_watched_shows_out_of_range_times_are_nat_naming_the_show(tmp_path):
    good = "2024-01-01T20:00:00.000Z"
    items = [
        _shows_item(1, "Zero Time", ODD_TIMES[0], good),
        _shows_item(2, "Far Future", good, ODD_TIMES[1]),
        _shows_item(3, "Shifted Zero", ODD_TIMES[2], ODD_TIMES[2]),
        _shows_item(4, "Fine Show", good, good),
    ]
    path = _zip(tmp_path / "e.zip", {"watched-shows-1.json": orjson.dumps(items)})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        progress = ta.load_export(path)
    shows = progress.shows.set_index("title")
    assert sorted(shows.index) == ["Far Future", "Fine Show", "Shifted Zero", "Zero Time"]
    # The show's own time is unknown; its episode's (a good one) is the latest play.
    assert shows.loc["Zero Time", "last_watched_at"] == pd.Timestamp(good)
    assert pd.isna(shows.loc["Shifted Zero", "last_watched_at"])  # not 1972-12-31
    assert shows.loc["Fine Show", "last_watched_at"] == pd.Timestamp(good)
    episodes = progress.episodes.set_index("title")
    assert pd.isna(episodes.loc["Far Future", "last_watched_at"])
    assert pd.isna(episodes.loc["Shifted Zero", "last_watched_at"])
    assert (shows["completed"] == 1).all()  # every show keeps its watched episode
    text = "\n".join(_messages(record))
    for title in ("Zero Time", "Far Future", "Shifted Zero"):
        assert title in text
    assert "beyond the years 1677 to 2262" in text
    assert "Fine Show" not in text


def test_v2_progress_out_of_range_times_are_nat_naming_the_show(v2_server, tmp_path):
    v2_server.page_size = 1000  # one page: the failures below line up with the requests
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    expected = len(api.progress().shows)
    first = v2_server.watched_list("ada")[0]
    user, spec = v2_server.find_show(first["show"]["ids"]["trakt"])
    progress = copy.deepcopy(
        v2_server.progress_object(user, spec, hidden=False, specials=False, count_specials=False)
    )
    progress["last_watched_at"] = ODD_TIMES[2]
    progress["seasons"][0]["episodes"][0]["last_watched_at"] = ODD_TIMES[1]
    body = json.dumps(progress).encode()
    # last_activities, the watched list, then the first show's progress.
    v2_server.fail(Failure("none"), Failure("none"), Failure("status", 200, body))
    with pytest.warns(TraktDataWarning, match=rf"{first['show']['title']}.*beyond the years"):
        result = api.progress()
    assert len(result.shows) == expected
    row = result.shows[result.shows["trakt_id"] == first["show"]["ids"]["trakt"]].iloc[0]
    assert pd.isna(row["last_watched_at"])


def test_public_seasons_out_of_range_air_dates_are_nat_naming_the_show(v2_server, tmp_path):
    v2_server.page_size = 1000
    api = make_api(v2_server, tmp_path)
    expected = len(api.progress("ada").shows)
    first = v2_server.watched_list("ada")[0]
    trakt = first["show"]["ids"]["trakt"]
    _, spec = v2_server.find_show(trakt)
    seasons = copy.deepcopy(v2_server.seasons_object(spec, trakt))
    for episode, stamp in zip(seasons[0]["episodes"], ODD_TIMES, strict=False):
        episode["first_aired"] = stamp
    v2_server.fail(Failure("none"), Failure("status", 200, json.dumps(seasons).encode()))
    with pytest.warns(TraktDataWarning, match=rf"{first['show']['title']}.*beyond the years"):
        result = api.progress("ada")
    assert len(result.shows) == expected


def test_tvmaze_air_stamps_and_numbers_beyond_range_are_na_with_a_warning():
    def episode(i, season, number, stamp):
        return {
            "id": i,
            "season": season,
            "number": number,
            "type": "regular",
            "airstamp": stamp,
            "runtime": 30,
            "name": f"E{i}",
        }

    data = [
        episode(1, 1, 1, "2020-01-01T00:00:00+00:00"),
        episode(2, 1, 2, ODD_TIMES[0]),
        episode(3, 1, 3, ODD_TIMES[2]),
        episode(4, 2**32, 1, "2020-01-08T00:00:00+00:00"),  # would wrap to season 0
        episode(2**40, 1, 4, "2020-01-15T00:00:00+00:00"),
    ]
    found = Problems("Show")
    columns = parse_episode_list(data, label="Show", problems=found)
    problems = found.messages()
    assert columns["season"].tolist() == [1, 1, 1, 1]  # season 2**32 left out, not a special
    assert columns["episode"].tolist() == [1, 2, 3, 4]
    assert pd.isna(columns["first_aired"][1])
    assert pd.isna(columns["first_aired"][2])
    assert columns["first_aired"][0] == pd.Timestamp("2020-01-01", tz="UTC")
    assert columns["tvmaze_episode_id"].isna().tolist() == [False, False, False, True]
    text = "\n".join(problems)
    assert "episode 1: airstamp '0001-01-01T00:00:00Z' is beyond the years" in text
    assert "season 4294967296, number 1 is not a whole number up to 2**31 - 1" in text
    assert columns["partial"] is True  # the show's counts from this list are unknown
    assert f"episode 4: id {2**40}; loaded as NA" in text


def test_a_huge_number_anywhere_in_a_history_file_does_not_refuse_it(tmp_path):
    show = {"title": "Dark", "year": 2017, "ids": {"trakt": 9, "slug": "dark"}}
    entries = [
        {
            "id": i,
            "watched_at": f"2024-01-0{i}T20:00:00.000Z",
            "action": "scrobble",
            "type": "episode",
            "show": show,
            "episode": {"season": 1, "number": i},
        }
        for i in (2, 1)
    ]
    text = json.dumps(entries).replace('"action"', '"unread_field": 1e400, "action"', 1)
    assert "1e400" in text
    path = _zip(tmp_path / "e.zip", {"watched-history-1.json": text.encode()})
    progress = ta.load_export(path)
    assert len(progress.history) == 2
    assert progress.shows["plays"].tolist() == [2]


def test_odd_v2_shapes_leave_that_show_out_with_a_warning(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    items = copy.deepcopy(v2_server.watched_list("ada"))
    assert len(items) >= 4
    titles = [item["show"]["title"] for item in items]
    items[0]["show"]["ids"] = None
    items[1]["show"] = "Dark"
    items[2]["show"]["ids"]["trakt"] = True
    headers = {
        "Content-Type": "application/json",
        "X-Pagination-Page": "1",
        "X-Pagination-Limit": "1000",
        "X-Pagination-Page-Count": "1",
        "X-Pagination-Item-Count": str(len(items)),
    }
    v2_server.fail(Failure("none"), Failure("status", 200, json.dumps(items).encode(), headers))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        result = api.progress()
    text = "\n".join(_messages(record))
    assert f"item 0 ({titles[0]!r}): show.ids.trakt is None" in text
    assert "item 1 (" in text
    assert "show is 'Dark', not an object" in text
    assert f"item 2 ({titles[2]!r}): show.ids.trakt is True, not a Trakt id" in text
    assert sorted(result.shows["title"]) == sorted(titles[3:])
    assert not any(p.startswith("/shows/True") for p in v2_server.paths)


def test_a_list_with_no_usable_item_is_an_api_error_naming_it():
    with pytest.raises(TraktAPIError, match=r"item 0 .*show is None"):
        watched_show_ids([{"show": None}], "GET /sync/watched/shows")
