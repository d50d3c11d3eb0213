"""Other Trakt documents are recognised by content and never load as a v1 progress response."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

import trakt_analysis as ta
from tests.helpers.documents import EPISODE_V2, SHOW_V2, V2_HISTORY, V2_PROGRESS
from trakt_analysis.parsers.detect import FORMATS, detect_format

V2_SHOW_PROGRESS = {
    "aired": 8,
    "completed": 6,
    "last_watched_at": "2015-03-21T19:03:58.000Z",
    "reset_at": None,
    "seasons": [
        {
            "number": 1,
            "title": "Season 1",
            "aired": 8,
            "completed": 6,
            "episodes": [
                {"number": 1, "completed": True, "last_watched_at": "2015-03-21T19:03:58.000Z"},
                {"number": 2, "completed": False, "last_watched_at": None},
            ],
        }
    ],
    "hidden_seasons": [],
    "next_episode": EPISODE_V2,
    "last_episode": None,
}
V2_WATCHED_SHOWS = [
    {
        "plays": 56,
        "last_watched_at": "2014-10-11T17:00:54.000Z",
        "last_updated_at": "2014-10-11T17:00:54.000Z",
        "reset_at": None,
        "show": SHOW_V2,
        "seasons": [{"number": 1, "episodes": [{"number": 1, "plays": 1, "last_watched_at": "x"}]}],
    }
]
MOVIE = {"title": "Batman Begins", "year": 2005, "ids": {"trakt": 1, "slug": "batman-begins"}}
WATCHED_MOVIES = [{"plays": 4, "last_watched_at": "2014-10-11T17:00:54.000Z", "movie": MOVIE}]
RATINGS = [{"rated_at": "2014-09-01T09:10:11.000Z", "rating": 10, "type": "show", "show": SHOW_V2}]
WATCHLIST = [
    {"rank": 1, "id": 101, "listed_at": "2014-09-01T09:10:11.000Z", "notes": None,
     "type": "show", "show": SHOW_V2}
]  # fmt: skip
COLLECTION = [{"last_collected_at": "2014-09-01T09:10:11.000Z", "show": SHOW_V2, "seasons": []}]
LISTS = [{"name": "Star Wars", "description": "", "privacy": "public", "item_count": 8,
          "ids": {"trakt": 55, "slug": "star-wars"}}]  # fmt: skip
PROFILE = {"username": "sean", "private": False, "name": "Sean", "vip": True,
           "ids": {"slug": "sean"}}  # fmt: skip
V1_LIBRARY = [
    {"title": "The Walking Dead", "year": 2010, "url": "http://trakt.tv/show/the-walking-dead",
     "imdb_id": "tt1520211", "tvdb_id": 153021, "tvrage_id": 25056,
     "seasons": [{"season": 1, "episodes": [1, 2, 3, 4, 5, 6]}]}
]  # fmt: skip

OTHERS: list[tuple[str, Any, str]] = [
    ("v2-progress", V2_PROGRESS, "ta.TraktAPI"),
    ("v2-show-progress", V2_SHOW_PROGRESS, "ta.TraktAPI"),
    ("v2-watched-shows", V2_WATCHED_SHOWS, "ta.load_export"),
    ("v2-history", V2_HISTORY, "ta.load_export"),
    ("export-watched-movies", WATCHED_MOVIES, "ta.load_export"),
    ("export-ratings", RATINGS, "ta.load_export"),
    ("export-watchlist", WATCHLIST, "ta.load_export"),
    ("export-collection", COLLECTION, "ta.load_export"),
    ("export-lists", LISTS, "ta.load_export"),
    ("export-profile", PROFILE, "ta.load_export"),
    ("v1-library", V1_LIBRARY, "user/progress/watched"),
]


@pytest.mark.parametrize(("fmt", "data", "instead"), OTHERS, ids=[o[0] for o in OTHERS])
def test_other_documents_are_recognised(fmt, data, instead):
    assert detect_format(data) == fmt
    assert fmt in FORMATS


@pytest.mark.parametrize(("fmt", "data", "instead"), OTHERS, ids=[o[0] for o in OTHERS])
def test_load_progress_refuses_other_documents_naming_them(fmt, data, instead):
    with pytest.raises(ta.TraktDataError) as info:
        ta.load_progress(data)
    message = str(info.value)
    assert FORMATS[fmt][0] in message
    assert instead in message


def test_v2_progress_is_not_counted_as_finished():
    """The issue's example: before, it loaded with NA left and a summary of "1 finished"."""
    with pytest.raises(ta.TraktDataError, match=r"/sync/progress/watched.*ta\.TraktAPI"):
        ta.load_progress(V2_PROGRESS)


def test_seed_and_empty_list_are_v1_progress():
    seed = ta.sources.files.read_json("data/fixtures/seed_example.json")
    assert detect_format(seed) == "v1-progress"
    assert detect_format([]) == "v1-progress"


@pytest.mark.parametrize("data", [None, 3, "x", [1, 2], [[]], {"a": 1}])
def test_unknown_shapes_are_none(data):
    assert detect_format(data) is None


def test_a_zip_is_pointed_to_load_export(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("watched-history.json", "[]")
    path = tmp_path / "trakt-export.zip"
    path.write_bytes(buffer.getvalue())
    for source in (path, buffer.getvalue()):
        with pytest.raises(ta.TraktDataError, match=r"ZIP archive.*ta\.load_export"):
            ta.load_progress(source)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"status": "error", "message": "This user has a protected profile."},
         "This user has a protected profile."),
        ({"status": "failure", "error": "server is over capacity"}, "server is over capacity"),
        ({"error": "invalid_grant", "error_description": "The provided authorization grant is "
          "invalid, expired, revoked"}, "invalid_grant: The provided authorization grant is "
         "invalid, expired, revoked"),
    ],
    ids=["v1-error", "v1-failure", "v2-error"],
)  # fmt: skip
def test_error_bodies_are_api_errors_with_the_whole_message(body, message):
    with pytest.raises(ta.TraktAPIError) as info:
        ta.load_progress(body)
    assert message in str(info.value)
    assert not isinstance(info.value, ta.TraktDataError)


def test_a_v2_item_after_many_v1_items_is_caught_by_the_required_keys():
    from tests.helpers.v1_items import make_item

    data = [make_item(f"Show {i}") for i in range(60)] + V2_PROGRESS
    with pytest.raises(ta.TraktDataError, match=r"item 60 \('Game of Thrones'\): seasons"):
        ta.load_progress(data)


def test_a_long_api_message_is_not_cut():
    message = "This user has a protected profile. " * 20
    with pytest.raises(ta.TraktAPIError) as info:
        ta.load_progress({"status": "error", "message": message})
    assert message in str(info.value)
