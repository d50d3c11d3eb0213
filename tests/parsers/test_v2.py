"""parse_watched_shows: watched-shows summaries (and the history) -> the three frames."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.problems import issued
from trakt_analysis.errors import TraktDataError, TraktDataWarning
from trakt_analysis.frames import frames_from_parsed
from trakt_analysis.parsers.history import parse_history
from trakt_analysis.parsers.v2 import parse_watched_shows

IDS = {"trakt": 146535, "slug": "loki", "tvdb": 362472, "imdb": "tt9140554", "tmdb": 84958}
LOKI = {"title": "Loki", "year": 2021, "ids": {**IDS, "tvrage": None}}
T = "2023-10-2{}T20:00:00.000Z"


def summary(**extra):
    return {
        "plays": 4,
        "last_watched_at": T.format(3),
        "last_updated_at": T.format(3),
        "reset_at": None,
        "show": LOKI,
        "seasons": [
            {"number": 0, "episodes": [{"number": 1, "plays": 1, "last_watched_at": T.format(1)}]},
            {
                "number": 1,
                "episodes": [
                    {"number": 1, "plays": 2, "last_watched_at": T.format(2)},
                    {"number": 2, "plays": 1, "last_watched_at": T.format(3)},
                ],
            },
        ],
        **extra,
    }


def hist(i, season, number, action, show=LOKI):
    return {
        "id": i,
        "watched_at": T.format(i),
        "action": action,
        "type": "episode",
        "show": show,
        "episode": {"season": season, "number": number, "runtime": 50},
    }


def test_summaries_alone():
    progress = frames_from_parsed(parse_watched_shows([summary()], label="w"), user="me")
    shows, seasons, episodes = progress
    row = shows.iloc[0]
    assert row["plays"] == 4
    assert row["completed"] == 2
    assert row["last_watched_at"] == pd.Timestamp(T.format(3))
    assert pd.isna(row["reset_at"])
    for column in ("aired", "left", "completion", "percentage", "scrobbles", "seen", "next_number"):
        assert pd.isna(row[column]), column  # the summaries have none: NA, never 0
    assert row["trakt_id"] == 146535
    assert row["slug"] == "loki"
    assert list(seasons["season"]) == [0, 1]
    assert list(seasons["completed"]) == [1, 2]
    assert seasons["aired"].isna().all()
    assert not seasons["hidden"].any()
    assert list(zip(episodes["season"], episodes["episode"], strict=True)) == [
        (0, 1),
        (1, 1),
        (1, 2),
    ]
    assert list(episodes["plays"]) == [1, 2, 1]
    assert episodes["watched"].all()
    assert episodes["first_aired"].isna().all()


def test_specials_count_when_asked():
    shows = frames_from_parsed(parse_watched_shows([summary()], label="w", specials=True)).shows
    assert shows["completed"].iloc[0] == 3


def test_history_adds_the_action_split_runtimes_and_missing_shows():
    other = {"title": "Dark", "year": 2017, "ids": {"trakt": 9}}
    items = [
        hist(5, 1, 3, "checkin"),  # an episode the summary lacks
        hist(4, 1, 1, "scrobble"),
        hist(3, 1, 2, "watch"),
        hist(2, 1, 1, "scrobble"),
        hist(1, 0, 1, "scrobble"),
        hist(6, 2, 1, "watch", show=other),  # a show only the history names
    ]
    history = issued(parse_history, items, label="h")
    shows, seasons, episodes = frames_from_parsed(
        parse_watched_shows([summary()], label="w", history=history)
    )
    assert list(shows["title"]) == ["Loki", "Dark"]
    loki, dark = shows.iloc[0], shows.iloc[1]
    assert (loki["scrobbles"], loki["checkins"], loki["seen"]) == (3, 1, 1)
    assert loki["plays"] == 4  # the summary's count wins where it has one
    assert loki["completed"] == 3
    assert (dark["plays"], dark["completed"], dark["seen"], dark["scrobbles"]) == (1, 1, 1, 0)
    assert dark["last_watched_at"] == pd.Timestamp(T.format(6))
    new = episodes[(episodes["title"] == "Loki") & (episodes["episode"] == 3)].iloc[0]
    assert new["plays"] == 1
    assert new["last_watched_at"] == pd.Timestamp(T.format(5))
    assert new["runtime"] == 50
    assert list(seasons["season"]) == [0, 1, 2]


def test_a_show_without_seasons_keeps_its_plays_and_unknown_completed():
    item = {k: v for k, v in summary().items() if k != "seasons"}
    shows = frames_from_parsed(parse_watched_shows([item], label="w")).shows
    assert shows["plays"].iloc[0] == 4
    assert pd.isna(shows["completed"].iloc[0])


def test_bad_summaries_are_named_and_the_others_load():
    bad_season = summary(seasons=[7, {"number": 1, "episodes": [{"number": "x"}]}])
    bad_season["show"] = {**LOKI, "ids": {**LOKI["ids"], "trakt": 999_001}}  # another show
    data = [summary(), "oops", {"show": {"year": 1}}, bad_season]
    parsed = parse_watched_shows(data, label="w.json")
    text = " | ".join(parsed.warnings)
    assert "w.json: item 1: expected an object" in text
    assert "item 2: a show without a title or ids; left out" in text
    assert "item 3 ('Loki'): seasons[0]: expected an object" in text
    assert "seasons[1].episodes[0]" in text
    assert len(parsed.shows["title"]) == 2


def test_a_show_listed_twice_is_read_once_and_said():
    # Offset paging over a list that changed while it was read repeats an entry.
    parsed = parse_watched_shows([summary(), summary()], label="w.json")
    assert len(parsed.shows["title"]) == 1
    assert parsed.shows["plays"].tolist() == [4]
    assert parsed.notes == [
        "w.json: 1 show was listed twice (the same Trakt id); each is counted once"
    ]


def test_unwatched_shows_are_not_shows_you_watched():
    item = summary(plays=0, seasons=[])
    assert len(parse_watched_shows([item], label="w").shows["title"]) == 0


@pytest.mark.parametrize("data", [{"a": 1}, "x", 3])
def test_a_top_level_that_is_not_a_list_raises(data):
    with pytest.raises(TraktDataError, match=r"w\.json: expected a JSON list of watched shows"):
        parse_watched_shows(data, label="w.json")


def test_history_plays_go_to_the_show_they_match_when_they_are_read():
    # A Trakt id first seen under a title a summary holds (matched by title), then
    # under another title (a new show, with that id): the later plays of the first
    # title now match the new show by its id, as when the plays are read one by one.
    dark = {"title": "Dark", "year": 2017, "ids": {"trakt": 100}}
    items = [
        hist(1, 1, 1, "scrobble", show={"title": "Dark", "year": 2017, "ids": {"trakt": 200}}),
        hist(2, 1, 2, "scrobble", show={"title": "Dark II", "year": 2017, "ids": {"trakt": 200}}),
        hist(3, 1, 3, "scrobble", show={"title": "Dark", "year": 2017, "ids": {"trakt": 200}}),
    ]
    history = issued(parse_history, items, label="h")
    summary_only = {"plays": 1, "last_watched_at": T.format(1), "reset_at": None, "show": dark}
    shows = frames_from_parsed(
        parse_watched_shows([summary_only], label="w", history=history)
    ).shows
    got = dict(
        zip(shows["title"], zip(shows["scrobbles"], shows["completed"], strict=True), strict=True)
    )
    assert got == {"Dark": (1, 1), "Dark II": (2, 2)}
    assert list(shows["trakt_id"]) == [100, 200]


def test_history_plays_of_one_show_under_two_titles_count_once_per_episode():
    # The same Trakt id under two titles (a rename): one show, its episodes counted once.
    items = [
        hist(1, 1, 1, "scrobble", show={"title": "Dark", "year": 2017, "ids": {"trakt": 200}}),
        hist(2, 1, 1, "watch", show={"title": "Dunkel", "year": 2017, "ids": {"trakt": 200}}),
        hist(3, 1, 2, "checkin", show={"title": "Dunkel", "year": 2017, "ids": {"trakt": 200}}),
    ]
    history = issued(parse_history, items, label="h")
    progress = frames_from_parsed(parse_watched_shows(None, label="w", history=history))
    shows, episodes = progress.shows, progress.episodes
    assert list(shows["title"]) == ["Dark"]  # the first play's identity
    row = shows.iloc[0]
    assert (row["plays"], row["completed"], row["scrobbles"], row["seen"], row["checkins"]) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert episodes["plays"].tolist() == [2, 1]
    assert episodes["last_watched_at"].tolist() == [
        pd.Timestamp(T.format(2)),
        pd.Timestamp(T.format(3)),
    ]


# -- identities Trakt always sends (trakt-api's contracts: a play's ``id`` and a show's
# ``ids.trakt`` are never null; a show's ``year`` may be) ----------------------------------


def test_a_play_without_a_history_id_is_kept_and_named():
    items = [hist(2, 1, 1, "scrobble"), {**hist(1, 1, 2, "scrobble"), "id": None}]
    with pytest.warns(TraktDataWarning) as caught:
        history = issued(parse_history, items, label="h.json")
    assert [str(w.message) for w in caught] == [
        "h.json: entry 1 ('Loki'): id is None, not a history id "
        "(a copy of it, on another page or part, would count twice; kept)"
    ]
    assert history["id"].tolist() == [2, pd.NA]


@pytest.mark.parametrize("ids", [{**IDS, "trakt": None}, {"slug": "loki"}, None])
def test_a_watched_show_without_a_trakt_id_loads_as_na_and_is_named(ids):
    parsed = parse_watched_shows([summary(show={**LOKI, "ids": ids})], label="w.json")
    assert parsed.warnings == [
        "w.json: item 0 ('Loki'): show.ids.trakt is None, not a Trakt id; loaded as NA"
    ]
    assert pd.isna(parsed.shows["trakt_id"][0])
    assert parsed.shows["plays"].tolist() == [4]  # kept


def test_a_plays_null_year_is_the_year_of_its_show():
    no_year = {**LOKI, "year": None}
    movie = {"title": "Heat", "year": 1995, "ids": {"trakt": 7}}

    def seen(i, film):
        return {"id": i, "watched_at": T.format(i), "type": "movie", "movie": film}

    items = [
        hist(5, 1, 1, "scrobble", show=no_year),  # the watched show says 2021
        hist(4, 1, 2, "scrobble"),
        seen(3, {**movie, "year": None}),  # another play of the movie says 1995
        seen(2, movie),
        hist(1, 1, 1, "watch", show={"title": "Dark", "year": None, "ids": {"trakt": 9}}),
    ]
    history = issued(parse_history, items, label="h")
    parsed = parse_watched_shows([summary()], label="w", history=history)
    assert parsed.history is not None
    # Dark has no year anywhere (Trakt sends none for it): NA, not a guess.
    assert parsed.history["year"].tolist() == [2021, 2021, 1995, 1995, pd.NA]
    assert parsed.notes == [
        "w: 2 history entries have a null year where the same show or movie (Trakt id) "
        "has one; filled: Heat (1995), Loki (2021)"
    ]
    shows = frames_from_parsed(parsed).shows
    assert shows.set_index("title")["plays"].to_dict() == {"Loki": 4, "Dark": 1}
