"""Progress.ratings: the export's ratings-*.json and v2's /sync/ratings, hand-worked examples."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import load_demo_export
from trakt_analysis import schema
from trakt_analysis.demo.export import export_members
from trakt_analysis.demo.history import MOVIES, show_ids
from trakt_analysis.demo.ratings import MOVIE_RATINGS, UNWATCHED_RATED_AT
from trakt_analysis.demo.users import demo_plan
from trakt_analysis.errors import TraktDataError, TraktDataWarning
from trakt_analysis.frames import ratings_frame
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.ratings import parse_ratings

SHOW = {"title": "Dark", "year": 2017, "ids": {"trakt": 1, "slug": "dark", "tvdb": 2}}
ITEMS = [
    {"rated_at": "2024-03-02T21:10:00.000Z", "rating": 9, "type": "show", "show": SHOW},
    {
        "rated_at": "2024-03-01T20:00:00.000Z",
        "rating": 7,
        "type": "season",
        "season": {"number": 2, "ids": {"trakt": 55}},
        "show": SHOW,
    },
    {
        "rated_at": "2024-02-29T23:30:00+01:00",
        "rating": 10,
        "type": "episode",
        "episode": {"season": 1, "number": 8, "title": "As You Sow", "ids": {"trakt": 77}},
        "show": SHOW,
    },
    {
        "rated_at": "2023-01-01T00:00:00.000Z",
        "rating": 4,
        "type": "movie",
        "movie": {"title": "Dune", "year": 2021, "ids": {"trakt": 9, "imdb": "tt1160419"}},
    },
]


def test_each_type_becomes_one_row_with_its_identity_and_numbers():
    frame = ratings_frame(parse_ratings(ITEMS, label="t"), user="ana")
    assert list(frame.columns) == list(schema.RATINGS)
    assert frame["type"].tolist() == ["show", "season", "episode", "movie"]
    assert frame["title"].tolist() == ["Dark", "Dark", "Dark", "Dune"]
    assert frame["season"].tolist() == [pd.NA, 2, 1, pd.NA]
    assert frame["episode"].tolist() == [pd.NA, pd.NA, 8, pd.NA]
    assert frame["rating"].tolist() == [9, 7, 10, 4]
    assert frame["episode_title"].tolist()[2] == "As You Sow"
    assert frame["episode_trakt_id"].tolist()[2] == 77
    assert frame["imdb_id"].tolist()[3] == "tt1160419"
    assert (frame["user"] == "ana").all()
    # +01:00 at 23:30 is 22:30 UTC
    assert frame["rated_at"][2] == pd.Timestamp("2024-02-29T22:30:00Z")
    assert str(frame["rated_at"].dtype) == "datetime64[ns, UTC]"


def test_a_rating_outside_1_to_10_loads_as_na_with_a_warning_naming_it():
    items = [dict(ITEMS[0], rating=11), dict(ITEMS[3], rating="9")]
    with pytest.warns(TraktDataWarning) as seen:
        frame = ratings_frame(parse_ratings(items, label="ratings-shows.json"))
    assert [str(w.message) for w in seen] == [
        "ratings-shows.json: entry 0 ('Dark'): rating 11 is not 1-10; loaded as NA",
        "ratings-shows.json: entry 1 ('Dune'): rating '9' is not 1-10; loaded as NA",
    ]
    assert frame["rating"].isna().tolist() == [True, True]
    assert len(frame) == 2  # kept: the item is known, its rating is not


def test_an_entry_naming_nothing_is_left_out_and_the_others_load():
    items = [ITEMS[0], {"rated_at": "x", "rating": 3, "type": "podcast"}, 5, ITEMS[3]]
    with pytest.warns(TraktDataWarning) as seen:
        frame = ratings_frame(parse_ratings(items, label="t"))
    assert [str(w.message) for w in seen] == [
        "t: entry 1: unknown type 'podcast'; left out",
        "t: entry 2: expected an object, got 5; left out",
    ]
    assert frame["title"].tolist() == ["Dark", "Dune"]


def test_problems_go_to_the_collector_the_source_issues_and_not_to_warnings():
    items = [
        dict(ITEMS[0], rated_at="yesterday", rating=0),
        "x",
        ITEMS[1],
        dict(ITEMS[3], rated_at=5),
    ]
    problems = Problems("ratings.json")
    frame = ratings_frame(parse_ratings(items, label="ratings.json", problems=problems))
    assert problems.found() == {
        "entry 0 ('Dark')": [
            "rating 0 is not 1-10; loaded as NA",
            "rated_at 'yesterday' is not a time; loaded as NaT",
        ],
        "entry 1": ["expected an object, got 'x'; left out"],
        "entry 3 ('Dune')": ["rated_at: expected a time, got 5; loaded as NaT"],
    }
    assert frame["title"].tolist() == ["Dark", "Dark", "Dune"]
    assert frame["rated_at"].isna().tolist() == [True, False, True]
    assert frame["rating"].tolist() == [pd.NA, 7, 4]


def test_many_odd_ratings_name_ten_and_count_the_rest_in_one_line(tmp_path):
    history = json.loads(export_members("demo")["watched-history-1.json"])[:3]
    # 13 movies (one movie rated 13 times would be one rating, read once).
    movie = ITEMS[3]["movie"]
    odd = [dict(ITEMS[3], rating=99, movie={**movie, "ids": {"trakt": 100 + i}}) for i in range(13)]
    export = _write_export(
        tmp_path / "e.zip", {"watched-history.json": history, "ratings-movies.json": odd}
    )
    with pytest.warns(TraktDataWarning) as seen:
        progress = ta.load_export(export)
    where = f"{export}: ratings-movies.json"
    lines = [str(w.message) for w in seen if str(w.message).startswith(where)]
    assert lines == [
        *(f"{where}: entry {i} ('Dune'): rating 99 is not 1-10; loaded as NA" for i in range(10)),
        f"{where}: ... and 3 more with odd values or inconsistencies",
    ]
    assert progress.ratings["rating"].isna().sum() == 13


def test_not_a_list_is_an_error_naming_the_file():
    with pytest.raises(TraktDataError, match=r"ratings-movies\.json: expected a JSON list"):
        parse_ratings({"rating": 1}, label="ratings-movies.json")


def test_no_ratings_is_the_empty_frame_with_every_column():
    frame = ratings_frame(None)
    assert len(frame) == 0
    assert list(frame.columns) == list(schema.RATINGS)
    assert str(frame["rating"].dtype) == "Int64"


def _write_export(path: Path, members: dict[str, object]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, json.dumps(data))
    return path


def _movies_on_two_pages(tmp_path, second: list) -> Path:
    """An export with a short history, Dune on ratings page 1, `second` on page 2, one show."""
    history = json.loads(export_members("demo")["watched-history-1.json"])[:3]
    return _write_export(
        tmp_path / "e.zip",
        {
            "watched-history.json": history,
            "ratings-movies-1.json": [ITEMS[3]],
            "ratings-movies-2.json": second,
            "ratings-shows.json": [ITEMS[0]],
        },
    )


def test_paged_ratings_files_are_read_and_newest_first(tmp_path):
    # Another movie on page 2 (one item rated twice would be one rating, read once).
    sequel = {"title": "Dune: Part Two", "year": 2024, "ids": {"trakt": 10}}
    export = _movies_on_two_pages(
        tmp_path, [dict(ITEMS[3], rated_at="2025-05-05T00:00:00Z", movie=sequel)]
    )
    progress = ta.load_export(export)
    assert progress.ratings["rated_at"].tolist() == [
        pd.Timestamp("2025-05-05T00:00:00Z"),
        pd.Timestamp("2024-03-02T21:10:00Z"),
        pd.Timestamp("2023-01-01T00:00:00Z"),
    ]
    assert progress.ratings["type"].tolist() == ["movie", "show", "movie"]


def test_an_export_without_ratings_files_has_an_empty_ratings_frame(tmp_path):
    history = json.loads(export_members("demo")["watched-history-1.json"])[:3]
    progress = ta.load_export(_write_export(tmp_path / "e.zip", {"watched-history.json": history}))
    assert progress.ratings is not None
    assert len(progress.ratings) == 0


def test_the_demo_exports_ratings_are_the_plans():
    specs, plays = demo_plan("demo")
    ratings = load_demo_export().ratings  # no warning but the one it expects
    watched = {p.show for p in plays if p.type == "episode"}
    movies = {p.show for p in plays if p.type == "movie"}
    shows = ratings[ratings["type"] == "show"].set_index("trakt_id")["rating"]
    expected = {
        show_ids(s)["trakt"]: 6 + s.index % 5
        for s in specs
        if s.index in watched and s.index % 3 == 0
    }
    never = next(s for s in specs if s.index not in watched)
    expected[show_ids(never)["trakt"]] = 4
    assert shows.to_dict() == expected
    assert ratings.loc[
        ratings["trakt_id"] == show_ids(never)["trakt"], "rated_at"
    ].item() == pd.Timestamp(UNWATCHED_RATED_AT)
    rated_movies = ratings[ratings["type"] == "movie"]
    assert sorted(
        zip(rated_movies["title"], rated_movies["year"], rated_movies["rating"], strict=True)
    ) == sorted((MOVIES[i][0], MOVIES[i][1], MOVIE_RATINGS[i]) for i in movies)
    n_episodes = sum(1 for s in specs if s.index in watched and s.index % 4 == 1)
    n_seasons = sum(1 for s in specs if s.index in watched and s.index % 5 == 2)
    assert (ratings["type"] == "episode").sum() == n_episodes
    assert (ratings["type"] == "season").sum() == n_seasons
    assert ratings["rated_at"].is_monotonic_decreasing


def test_ratings_round_trip_through_parquet_and_csv(tmp_path):
    pytest.importorskip("pyarrow")
    progress = load_demo_export()
    written = progress.to_parquet(tmp_path / "pq")
    assert tmp_path / "pq" / "ratings.parquet" in written
    back = ta.read_parquet(tmp_path / "pq")
    pd.testing.assert_frame_equal(back.ratings, progress.ratings)
    paths = progress.to_csv(tmp_path / "csv")
    assert tmp_path / "csv" / "ratings.csv" in paths
    csv = pd.read_csv(tmp_path / "csv" / "ratings.csv")
    assert csv["rating"].tolist() == progress.ratings["rating"].tolist()


def test_a_progress_without_ratings_writes_no_ratings_file(tmp_path):
    pytest.importorskip("pyarrow")
    progress = ta.load_demo()
    assert progress.ratings is None  # v1: not asked, unknown
    progress.to_parquet(tmp_path)
    assert not (tmp_path / "ratings.parquet").exists()
    assert ta.read_parquet(tmp_path).ratings is None


def test_an_item_rated_in_two_ratings_files_is_one_rating(tmp_path):
    export = _movies_on_two_pages(
        tmp_path, [ITEMS[3], dict(ITEMS[3], rated_at="2025-05-05T00:00:00Z")]
    )
    with pytest.warns(TraktDataWarning, match="2 ratings were listed twice") as caught:
        progress = ta.load_export(export)
    assert len(caught) == 1
    # Dune once (the first read: ratings-movies-1.json), the show once.
    assert progress.ratings["type"].tolist() == ["show", "movie"]
    assert progress.ratings["rated_at"].tolist()[1] == pd.Timestamp("2023-01-01T00:00:00Z")
    assert any("2 ratings were listed twice" in n for n in progress.provenance.notes)
