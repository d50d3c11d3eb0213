"""The v2 per-show progress parsers, on hand-worked payloads; and parsers stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from trakt_analysis.errors import TraktArgumentError
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers.v2_progress import parse_public_progress, parse_show_progress

SHOW = {
    "title": "Dark",
    "year": 2017,
    "ids": {"trakt": 7, "slug": "dark", "tvdb": 9, "imdb": "tt1"},
}
PROGRESS = {
    "aired": 3,
    "completed": 1,
    "last_watched_at": "2025-02-01T20:00:00.000Z",
    "reset_at": "2025-01-01T00:00:00.000Z",
    "seasons": [
        {
            "number": 1,
            "aired": 3,
            "completed": 1,
            "episodes": [
                {"number": 1, "completed": True, "last_watched_at": "2025-02-01T20:00:00.000Z"},
                {"number": 2, "completed": False, "last_watched_at": None},
                {"number": 3, "completed": False, "last_watched_at": None},
            ],
        }
    ],
    "hidden_seasons": [{"number": 2, "ids": {"trakt": 1}}],
    "next_episode": {"season": 1, "number": 2, "title": "Lies", "ids": {"trakt": 5}},
    "last_episode": {"season": 1, "number": 1, "title": "Secrets", "ids": {"trakt": 4}},
}
WATCHED = {
    "plays": 4,
    "last_watched_at": "2025-02-01T20:00:00.000Z",
    "reset_at": "2025-01-01T00:00:00.000Z",
    "show": SHOW,
    "seasons": [
        {
            "number": 1,
            "episodes": [
                {"number": 1, "plays": 2, "last_watched_at": "2025-02-01T20:00:00.000Z"},
                {"number": 2, "plays": 2, "last_watched_at": "2024-06-01T20:00:00.000Z"},
            ],
        }
    ],
}


def _frames(parsed):
    return frames_from_parsed(parsed, user="u")


def test_signed_in_current_progress():
    p = _frames(parse_show_progress([{"show": SHOW, "watched": WATCHED, "progress": PROGRESS}]))
    row = p.shows.iloc[0]
    assert (row["aired"], row["completed"], row["left"], row["plays"]) == (3, 1, 2, 4)
    assert pd.isna(row["percentage"])
    assert row["completion"] == pytest.approx(1 / 3)
    assert (row["next_season"], row["next_number"], row["next_title"]) == (1, 2, "Lies")
    assert row["reset_at"] == pd.Timestamp("2025-01-01", tz="UTC")
    assert (row["trakt_id"], row["slug"], row["imdb_id"]) == (7, "dark", "tt1")
    assert list(p.seasons["season"]) == [1, 2]
    assert list(p.seasons["hidden"]) == [False, True]
    assert p.seasons["aired"].isna().tolist() == [False, True]
    assert list(p.episodes["watched"]) == [True, False, False]
    assert list(p.episodes["plays"].fillna(0)) == [2, 2, 0]


def test_lifetime_counts_every_episode_ever_played():
    p = _frames(
        parse_show_progress(
            [{"show": SHOW, "watched": WATCHED, "progress": PROGRESS}], reset="lifetime"
        )
    )
    row = p.shows.iloc[0]
    assert (row["completed"], row["left"]) == (2, 1)  # episode 2 was played before the reset
    assert list(p.episodes["watched"]) == [True, True, False]
    assert p.seasons["completed"].iloc[0] == 2


def test_public_progress_counts_aired_episodes_by_date():
    seasons = [
        {
            "number": 1,
            "episodes": [
                {"number": 1, "title": "A", "first_aired": "1963-11-23T17:15:00.000Z"},
                {"number": 2, "title": "B", "first_aired": "1963-11-30T17:15:00.000Z"},
                {"number": 3, "title": "C", "first_aired": "2099-01-01T00:00:00.000Z"},
                {"number": 4, "title": "D", "first_aired": None},
            ],
        },
        {"number": 0, "episodes": [{"number": 1, "first_aired": "1970-01-01T00:00:00Z"}]},
    ]
    watched = {
        "plays": 1,
        "last_watched_at": "2025-01-01T00:00:00.000Z",
        "reset_at": None,
        "seasons": [{"number": 1, "episodes": [{"number": 1, "plays": 1}]}],
    }
    p = _frames(
        parse_public_progress(
            [{"show": SHOW, "watched": watched, "seasons": seasons}],
            now=pd.Timestamp("2026-01-01", tz="UTC"),
        )
    )
    row = p.shows.iloc[0]
    assert (row["aired"], row["completed"], row["left"]) == (2, 1, 1)
    assert (row["next_season"], row["next_number"], row["next_title"]) == (1, 2, "B")
    assert list(p.seasons["season"]) == [1]  # specials not asked for
    assert p.episodes["first_aired"].iloc[0] == pd.Timestamp("1963-11-23 17:15", tz="UTC")


def test_public_progress_current_ignores_plays_before_the_reset():
    seasons = [{"number": 1, "episodes": [{"number": 1, "first_aired": "2020-01-01T00:00Z"}]}]
    watched = {
        "plays": 1,
        "reset_at": "2024-01-01T00:00:00.000Z",
        "seasons": [
            {
                "number": 1,
                "episodes": [{"number": 1, "plays": 1, "last_watched_at": "2023-01-01T00:00Z"}],
            }
        ],
    }
    entry = {"show": SHOW, "watched": watched, "seasons": seasons}
    now = pd.Timestamp("2026-01-01", tz="UTC")
    assert _frames(parse_public_progress([entry], now=now)).shows["completed"].iloc[0] == 0
    lifetime = parse_public_progress([entry], now=now, reset="lifetime")
    assert _frames(lifetime).shows["completed"].iloc[0] == 1


def test_bad_values_are_na_with_a_warning_naming_the_show():
    progress = {**PROGRESS, "last_watched_at": "not a date", "aired": -3}
    parsed = parse_show_progress([{"show": SHOW, "watched": None, "progress": progress}])
    p = _frames(parsed)
    assert pd.isna(p.shows["aired"].iloc[0])
    assert pd.isna(p.shows["last_watched_at"].iloc[0])
    # One warning per show, naming it, with both values.
    [message] = parsed.warnings
    assert message.startswith("<API v2>: 'Dark': ")
    assert "aired: " in message
    assert "last_watched_at 'not a date' is not a time; loaded as NA" in message


def test_a_bad_next_episode_number_warns_and_loads_as_na():
    # These loaded as NA with no warning (a throwaway list of warnings).
    nxt = {"season": "two", "number": -1, "title": "Lies", "ids": {"trakt": 5}}
    progress = {**PROGRESS, "next_episode": nxt}
    parsed = parse_show_progress([{"show": SHOW, "watched": None, "progress": progress}])
    p = _frames(parsed)
    assert pd.isna(p.shows["next_season"].iloc[0])
    assert pd.isna(p.shows["next_number"].iloc[0])
    [message] = parsed.warnings
    assert "'Dark': next_episode.season: " in message
    assert "next_episode.number: " in message
    assert message.count("loaded as NA") == 2


def test_a_bad_episode_runtime_warns_and_loads_as_na():
    # The public path reads each aired episode's runtime from the show's seasons.
    aired = "2020-01-01T00:00:00.000Z"
    episodes = [
        {"number": 1, "first_aired": aired, "runtime": "long"},
        {"number": 2, "first_aired": aired, "runtime": 51},
    ]
    entry = {"show": SHOW, "watched": None, "seasons": [{"number": 1, "episodes": episodes}]}
    parsed = parse_public_progress([entry], now=pd.Timestamp("2026-01-01", tz="UTC"))
    runtime = _frames(parsed).episodes.set_index("episode")["runtime"]
    assert pd.isna(runtime[1])
    assert runtime[2] == 51
    [message] = parsed.warnings
    assert "'Dark': episodes.runtime: " in message


def test_broken_structure_leaves_the_part_out_naming_the_show():
    progress = {
        **PROGRESS,
        "seasons": [{"number": 1, "episodes": [{"number": 1, "completed": "yes"}]}],
    }
    parsed = parse_show_progress(
        [{"show": SHOW, "watched": None, "progress": progress}, "not an entry"]
    )
    [dark, entry] = parsed.warnings
    assert dark == (
        "<API v2>: 'Dark': seasons[0].episodes[0].completed: expected true or false, "
        "got 'yes'; left out"
    )
    assert entry == "<API v2>: show 1: entry is not an object; left out"
    assert len(parsed.shows["title"]) == 1
    assert parsed.episodes["episode"] == []  # the one episode was left out
    # A show without a title loads (title NA) with a warning naming its ids: one show.
    parsed = parse_show_progress(
        [{"show": {"ids": {"trakt": 5}}, "watched": None, "progress": PROGRESS}]
    )
    assert pd.isna(parsed.shows["title"][0])
    assert any("show.title" in m and "trakt 5" in m for m in parsed.warnings)
    with pytest.raises(TraktArgumentError, match="reset"):
        parse_show_progress([], reset="forever")


def test_parsers_import_no_transport():
    root = Path(__file__).resolve().parents[2] / "trakt_analysis" / "parsers"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                assert not name.startswith(("requests", "urllib3", "requests_cache")), path
                assert "_http" not in name, path


def test_public_progress_keeps_a_watched_episode_the_seasons_do_not_list():
    seasons = [{"number": 1, "episodes": [{"number": 1, "first_aired": "2020-01-01T00:00Z"}]}]
    watched = {
        "plays": 3,
        "seasons": [
            {"number": 1, "episodes": [{"number": 2, "plays": 2}]},
            {"number": 2, "episodes": [{"number": 1, "plays": 1}]},
        ],
    }
    p = _frames(
        parse_public_progress(
            [{"show": SHOW, "watched": watched, "seasons": seasons}],
            now=pd.Timestamp("2026-01-01", tz="UTC"),
        )
    )
    got = list(zip(p.episodes["season"], p.episodes["episode"], p.episodes["watched"], strict=True))
    assert got == [(1, 1, False), (1, 2, True), (2, 1, True)]
    row = p.shows.iloc[0]
    assert (row["aired"], row["completed"], row["next_season"], row["next_number"]) == (3, 2, 1, 1)


# -- one odd season or episode number costs that part of one show, never the list (#23) ------

ODD_NUMBERS = ["S1", -1, 1.5, None, 2**40, True, [1]]
LOST = {"title": "Lost", "year": 2004, "ids": {"trakt": 8, "slug": "lost"}}
AIRED = "2020-01-01T00:00:00.000Z"


def _lost_public():
    """A second show, valid: 2 aired episodes, the first watched (hand count: 2, 1, next 1x2)."""
    seasons = [{"number": 1, "episodes": [{"number": n, "first_aired": AIRED} for n in (1, 2)]}]
    watched = {"plays": 1, "seasons": [{"number": 1, "episodes": [{"number": 1, "plays": 1}]}]}
    return {"show": LOST, "watched": watched, "seasons": seasons}


@pytest.mark.parametrize("odd", ODD_NUMBERS, ids=repr)
def test_public_an_odd_episode_number_leaves_it_out_and_its_counts_unknown(odd):
    episodes = [{"number": n, "first_aired": AIRED} for n in (1, odd, 3)]
    watched = {"plays": 1, "seasons": [{"number": 1, "episodes": [{"number": 1, "plays": 1}]}]}
    dark = {"show": SHOW, "watched": watched, "seasons": [{"number": 1, "episodes": episodes}]}
    parsed = parse_public_progress([dark, _lost_public()], now=pd.Timestamp("2026-01-01", tz="UTC"))
    p = _frames(parsed)
    [message] = parsed.warnings
    assert message.startswith("<API v2>: 'Dark': seasons[0].episodes[1].number: ")
    assert message.endswith("; left out")
    shows = p.shows.set_index("title")
    # Dark: 3 episodes aired, one of them unreadable: aired, completed, next unknown (not 2, 1).
    for column in ("aired", "completed", "left", "next_season", "next_number"):
        assert pd.isna(shows.loc["Dark", column]), column
    assert p.seasons.set_index("title").loc["Dark", ["aired", "completed"]].isna().all()
    dark_eps = p.episodes[p.episodes["title"] == "Dark"]
    assert list(dark_eps["episode"]) == [1, 3]
    # Lost loads whole.
    assert tuple(shows.loc["Lost", ["aired", "completed", "next_season", "next_number"]]) == (
        2,
        1,
        1,
        2,
    )


@pytest.mark.parametrize("odd", ODD_NUMBERS, ids=repr)
def test_public_an_odd_season_number_leaves_the_season_out(odd):
    seasons = [
        {"number": odd, "episodes": [{"number": 1, "first_aired": AIRED}]},
        {"number": 2, "episodes": [{"number": 1, "first_aired": AIRED}]},
    ]
    dark = {"show": SHOW, "watched": {"plays": 0}, "seasons": seasons}
    parsed = parse_public_progress([dark, _lost_public()], now=pd.Timestamp("2026-01-01", tz="UTC"))
    p = _frames(parsed)
    [message] = parsed.warnings
    assert "'Dark': seasons[0].number: " in message
    shows = p.shows.set_index("title")
    assert pd.isna(shows.loc["Dark", "aired"])  # a season is missing: not 1
    seasons = p.seasons.set_index("title").loc[["Dark"]]
    assert list(seasons["season"]) == [2]
    assert (seasons["aired"].iloc[0], seasons["completed"].iloc[0]) == (1, 0)  # whole
    assert shows.loc["Lost", "aired"] == 2


@pytest.mark.parametrize("odd", ODD_NUMBERS, ids=repr)
def test_signed_in_odd_numbers_leave_the_part_out_naming_the_show(odd):
    progress = {
        **PROGRESS,
        "seasons": [
            {"number": odd, "aired": 2, "completed": 0, "episodes": []},
            {
                "number": 1,
                "aired": 3,
                "completed": 1,
                "episodes": [
                    {"number": 1, "completed": True},
                    {"number": odd, "completed": False},
                    {"number": 3, "completed": False},
                ],
            },
        ],
        "hidden_seasons": [{"number": odd}],
    }
    lost = {"show": LOST, "watched": None, "progress": {**PROGRESS, "aired": 4, "completed": 4}}
    entries = [{"show": SHOW, "watched": WATCHED, "progress": progress}, lost]
    current = parse_show_progress(entries)
    [message] = current.warnings
    assert message.startswith("<API v2>: 'Dark': ")
    assert message.count("; left out") == 3  # the season, the episode, the hidden season
    p = _frames(current)
    shows = p.shows.set_index("title")
    # The API's own counts stand (current): aired 3, completed 1 as sent.
    assert tuple(shows.loc["Dark", ["aired", "completed"]]) == (3, 1)
    assert tuple(shows.loc["Lost", ["aired", "completed"]]) == (4, 4)
    dark = p.seasons.set_index("title").loc[["Dark"]]
    assert list(dark["season"]) == [1]
    assert list(p.episodes[p.episodes["title"] == "Dark"]["episode"]) == [1, 3]
    # Lifetime recounts from the episodes: with one left out, unknown (not 2 from 1 and 2).
    p = _frames(parse_show_progress(entries, reset="lifetime"))
    shows = p.shows.set_index("title")
    assert pd.isna(shows.loc["Dark", "completed"])
    assert pd.isna(p.seasons.set_index("title").loc[["Dark"], "completed"].iloc[0])
    assert shows.loc["Lost", "completed"] == 1  # Lost's episode 1 of PROGRESS, recounted


def test_public_an_odd_special_not_counted_leaves_the_counts_known():
    # An odd number among the specials' plays: left out with a warning, but specials do
    # not count here, so the show's counts stand (hand count: 2 aired, 1 watched).
    watched = {
        "plays": 2,
        "seasons": [
            {"number": 0, "episodes": [{"number": "x", "plays": 1}]},
            {"number": 1, "episodes": [{"number": 1, "plays": 1}]},
        ],
    }
    entry = _lost_public() | {"watched": watched}
    parsed = parse_public_progress([entry], now=pd.Timestamp("2026-01-01", tz="UTC"))
    [message] = parsed.warnings
    assert "'Lost': watched.seasons[0].episodes[0].number: " in message
    row = _frames(parsed).shows.iloc[0]
    assert (row["aired"], row["completed"], row["next_number"]) == (2, 1, 2)
