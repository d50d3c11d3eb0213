"""API v2 ``extended=full``: the shows' metadata columns, without TVmaze or an extra request.

Expected values come from the generator's plan (``demo/show_facts.py``'s facts,
read through the one TVmaze -> Trakt table) and from hand-worked examples.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in, watched_specs
from trakt_analysis import schema
from trakt_analysis.demo.show_facts import facts
from trakt_analysis.demo.v2_server import RUNTIME
from trakt_analysis.parsers.show_metadata import TVMAZE_TO_TRAKT, parse_trakt_show
from trakt_analysis.parsers.v2_progress import parse_show_progress


def _planned(spec):
    """The metadata the plan gives a show, in Trakt's words (its facts, through the table)."""
    known = facts(spec.title, spec.year, spec.index)
    return {
        "genres": [TVMAZE_TO_TRAKT["genres"][g] for g in known.genres] or None,
        "network": known.network,
        # Trakt gives a country where TVmaze has none (a web channel): the plan's "us"
        "country": known.country.lower() if known.country else "us",
        "language": TVMAZE_TO_TRAKT["language"][known.language],
        "status": TVMAZE_TO_TRAKT["status"][known.status],
        "premiered_year": spec.year,  # the plan's first_aired is in the show's year
        "runtime": RUNTIME,
    }


def _row(row):
    return {name: (None if _na(row[name]) else row[name]) for name in _planned_keys()}


def _planned_keys():
    return [name for name in schema.SHOW_METADATA if name != "show_type"]


def _na(value):
    return not isinstance(value, list) and pd.isna(value)


@pytest.mark.parametrize("signed_in", [True, False], ids=["signed in", "public profile"])
def test_the_watched_list_fills_the_metadata_with_no_extra_request(v2_server, tmp_path, signed_in):
    api = make_api(v2_server, tmp_path)
    if signed_in:
        sign_in(v2_server, api)
    v2_server.requests.clear()
    progress = api.progress() if signed_in else api.progress("ada")
    specs = watched_specs(v2_server.users["ada"])
    shows = progress.shows
    for (_, row), spec in zip(shows.iterrows(), specs, strict=True):
        assert _row(row) == _planned(spec), spec.title
    # Trakt has no show type: unknown (TVmaze's), never made up
    assert shows["show_type"].isna().all()
    # The watched list asked extended=full; no /shows/{id} summary was asked.
    paths = v2_server.paths
    watched = [p for p in paths if "/watched/shows" in p]
    assert watched
    assert all("extended=progress%2Cfull" in p for p in watched)
    assert not [p for p in paths if re.fullmatch(r"/shows/\d+(\?.*)?", p)]


def test_hand_worked_game_of_thrones(v2_server, tmp_path):
    """make_specs(12, seed=7)'s first show: Game of Thrones (2011), HBO, three genres."""
    api = make_api(v2_server, tmp_path)
    shows = api.progress("ada").shows
    row = shows[shows["title"] == "Game of Thrones"].iloc[0]
    assert row["genres"] == ["drama", "adventure", "fantasy"]
    assert (row["network"], row["country"], row["language"]) == ("HBO", "us", "en")
    assert (row["status"], row["premiered_year"], row["runtime"]) == ("ended", 2011, 42)


def test_breakdown_by_genre_works_without_tvmaze(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    progress = api.progress("ada")
    specs = watched_specs(v2_server.users["ada"])
    expected = Counter(g for s in specs for g in (_planned(s)["genres"] or ["unknown"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        rows = ta.breakdown(progress, "genre")
    got = dict(zip(rows["genre"], rows["shows"], strict=True))
    assert got == dict(expected)
    assert "unknown" not in got  # every planned show has a genre: none left unknown


def test_a_show_without_full_fields_is_unknown_and_odd_values_warn():
    entries = [
        {
            "show": {"title": "Plain", "year": 2001, "ids": {"trakt": 1}},
            "watched": {"plays": 1, "seasons": []},
            "progress": {"aired": 1, "completed": 0, "seasons": [], "hidden_seasons": []},
        },
        {
            "show": {
                "title": "Odd",
                "year": 2002,
                "ids": {"trakt": 2},
                "genres": "drama",
                "runtime": -5,
                "first_aired": "soon",
                "network": "BBC One",
                "country": "GB",
            },
            "watched": {"plays": 1, "seasons": []},
            "progress": {"aired": 1, "completed": 0, "seasons": [], "hidden_seasons": []},
        },
    ]
    parsed = parse_show_progress(entries, label="<v2>")
    found = parsed.problems.found()
    assert list(found) == ["'Odd'"]
    assert found["'Odd'"] == [
        "show.genres 'drama' is not a list; loaded as NA",
        "show.runtime -5 is not a number of minutes; loaded as NA",
        "show.first_aired 'soon' is not a date; loaded as NA",
    ]
    cols = parsed.shows
    assert cols["genres"] == [None, None]
    assert [None if pd.isna(v) else v for v in cols["network"]] == [None, "BBC One"]
    assert [None if pd.isna(v) else v for v in cols["country"]] == [None, "gb"]  # lower case
    assert cols["runtime"].isna().all()
    assert cols["premiered_year"].isna().all()


def test_parse_trakt_show_hand_worked():
    values, problems = parse_trakt_show(
        {
            "title": "Dark",
            "genres": ["drama", "science-fiction", "mystery", "drama"],
            "network": "Netflix",
            "country": "DE",
            "language": "de",
            "status": "ended",
            "first_aired": "2017-12-01T09:00:00.000Z",
            "runtime": 53,
        }
    )
    assert problems == []
    assert values == {
        "genres": ["drama", "science-fiction", "mystery"],
        "network": "Netflix",
        "country": "de",
        "language": "de",
        "show_type": None,
        "status": "ended",
        "premiered_year": 2017,
        "runtime": 53,
    }
    assert parse_trakt_show({"title": "x"}) == (dict.fromkeys(values), [])


def test_trakts_value_wins_and_tvmaze_fills_the_rest():
    from trakt_analysis.sources.show_metadata import fill_show_metadata

    shows = pd.DataFrame(
        {
            "genres": [["drama"], None],
            "network": pd.array(["HBO", None], dtype=schema.STR),
            "show_type": pd.array([None, None], dtype=schema.STR),
        }
    )
    tvmaze = {
        0: {"genres": ["comedy"], "network": "Netflix", "show_type": "scripted"},
        1: {"genres": ["crime"], "network": "ITV1", "show_type": "reality"},
    }
    filled = fill_show_metadata(shows, tvmaze)
    assert list(filled["genres"]) == [["drama"], ["crime"]]
    assert list(filled["network"]) == ["HBO", "ITV1"]
    assert list(filled["show_type"]) == ["scripted", "reality"]
