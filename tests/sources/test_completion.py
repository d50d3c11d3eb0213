"""complete_progress: Trakt's rules on a hand-worked example (no HTTP).

Show A (TVmaze id 77): the guide lists S0E1 (2019-12-25), S0E2 (2020-03-01),
S1E1..E3 (2020-01-01, -08, -15), S1E4 (2099, not aired), S1E5 (no air stamp)
and S2E1 (2020-02-01). The user watched S0E1, S1E1, S1E2 and S2E5, which the
guide does not list (a numbering mismatch). Show B is unknown to the guide.

With now = 2025-01-01 and specials=False, by hand:
  S1: aired E1 E2 E3 = 3, completed 2; S2: aired E1 + watched E5 = 2, completed 1;
  A: aired 5, completed 3, left 2, completion 0.6, next S1E3 "Three";
  season 0 keeps NA aired counts and only its watched episode.
"""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.completion_cases import NOW, _item, complete, guide, watched_only
from trakt_analysis.errors import TraktArgumentError, TraktDataWarning
from trakt_analysis.progress import Progress
from trakt_analysis.sources.completion import complete_progress


def episode_keys(episodes, title):
    rows = episodes[episodes["title"] == title]
    return list(zip(rows["season"], rows["episode"], rows["watched"], strict=True))


def test_totals_follow_trakts_rules():
    result, _ = complete()
    a = result.shows.iloc[0]
    assert (a["aired"], a["completed"], a["left"]) == (5, 3, 2)
    assert a["completion"] == pytest.approx(0.6)
    assert a["percentage"] == 60
    assert (a["next_season"], a["next_number"], a["next_title"]) == (1, 3, "Three")
    assert a["next_first_aired"] == pd.Timestamp("2020-01-15T00:00:00Z")
    assert a["tvmaze_id"] == 77
    assert a["unlisted_watched"] == 1


def test_seasons_get_counts_and_specials_stay_out():
    result, _ = complete()
    seasons = result.seasons[result.seasons["title"] == "A"].set_index("season")
    assert list(seasons.index) == [0, 1, 2]
    assert (seasons.loc[1, "aired"], seasons.loc[1, "completed"], seasons.loc[1, "left"]) == (
        3,
        2,
        1,
    )
    assert seasons.loc[1, "completion"] == pytest.approx(2 / 3)
    assert seasons.loc[1, "percentage"] == 66  # rounded down, as Trakt's
    assert (seasons.loc[2, "aired"], seasons.loc[2, "completed"]) == (2, 1)
    assert pd.isna(seasons.loc[0, "aired"])


def test_unwatched_aired_episodes_are_added_and_nothing_is_dropped():
    result, _ = complete()
    assert episode_keys(result.episodes, "A") == [
        (0, 1, True),
        (1, 1, True),
        (1, 2, True),
        (1, 3, False),  # aired, not watched: added
        (2, 1, False),
        (2, 5, True),  # not in the guide: kept
    ]
    added = result.episodes[(result.episodes["title"] == "A") & ~result.episodes["watched"]]
    assert list(added["plays"]) == [0, 0]
    # the guide's air times and runtimes, on watched rows too
    a = result.episodes[result.episodes["title"] == "A"].set_index(["season", "episode"])
    assert a.loc[(1, 1), "first_aired"] == pd.Timestamp("2020-01-01T00:00:00Z")
    assert a.loc[(1, 3), "runtime"] == 31
    assert pd.isna(a.loc[(2, 5), "first_aired"])


def test_added_episodes_have_no_plays_only_when_the_source_has_plays():
    progress = watched_only()
    no_plays = progress.episodes.assign(plays=pd.array([pd.NA] * 5, dtype="Int64"))
    result, _ = complete(Progress(progress.shows, progress.seasons, no_plays, "u"))
    added = result.episodes[~result.episodes["watched"]]
    assert len(added) == 2
    assert added["plays"].isna().all()  # v1 has no plays: unknown, not 0


def test_specials_count_when_asked():
    result, _ = complete(specials=True)
    a = result.shows.iloc[0]
    assert (a["aired"], a["completed"], a["left"]) == (7, 4, 3)
    assert (a["next_season"], a["next_number"]) == (0, 2)
    seasons = result.seasons[result.seasons["title"] == "A"].set_index("season")
    assert (seasons.loc[0, "aired"], seasons.loc[0, "completed"]) == (2, 1)
    assert (0, 2, False) in episode_keys(result.episodes, "A")


def test_only_episodes_aired_by_now_count():
    result, _ = complete(now=pd.Timestamp("2020-01-10T00:00:00Z"))
    a = result.shows.iloc[0]
    # S1: E1 E2 aired; S2: E1 not yet, the watched E5 counts as aired.
    assert (a["aired"], a["completed"], a["left"]) == (3, 3, 0)
    assert pd.isna(a["next_season"])
    assert pd.isna(a["next_title"])
    assert (1, 3, False) not in episode_keys(result.episodes, "A")


def test_hidden_seasons_stay_out_of_the_totals():
    progress = watched_only()
    seasons = progress.seasons.copy()
    seasons.loc[(seasons["title"] == "A") & (seasons["season"] == 1), "hidden"] = True
    progress = Progress(progress.shows, seasons, progress.episodes, "u")
    result, _ = complete(progress)
    a = result.shows.iloc[0]
    assert (a["aired"], a["completed"]) == (2, 1)
    assert (a["next_season"], a["next_number"]) == (2, 1)


def test_unknown_and_mismatched_shows_are_named():
    result, messages = complete()
    b = result.shows.iloc[1]
    assert pd.isna(b["aired"])
    assert pd.isna(b["left"])
    assert pd.isna(b["completion"])
    assert pd.isna(b["tvmaze_id"])
    assert pd.isna(b["unlisted_watched"])
    assert b["completed"] == 1  # what the export said, kept
    assert any("does not know 1 show" in m and "B (2001)" in m for m in messages)
    assert any("otherwise than Trakt" in m and "A (2020)" in m for m in messages)
    assert result.provenance.metadata == "TVmaze"
    assert result.provenance.kind == "export"
    assert any("B (2001)" in note for note in result.provenance.notes)
    assert episode_keys(result.episodes, "B") == [(1, 1, True)]


def test_frames_keep_the_schema():
    result, _ = complete()
    for frame, layout in (
        (result.shows, ta.schema.SHOWS),
        (result.seasons, ta.schema.SEASONS),
        (result.episodes, ta.schema.EPISODES),
    ):
        assert list(frame.columns[: len(layout)]) == list(layout)
    long = ta.schema.frame_dtypes(ta.schema.EPISODES, long=True)
    assert {c: str(t) for c, t in result.episodes.dtypes.items()} == {
        c: str(pd.Series([], dtype=t).dtype) for c, t in long.items()
    }


def test_the_input_is_not_changed():
    progress = watched_only()
    before = [frame.copy() for frame in progress]
    complete(progress)
    for frame, copy in zip(progress, before, strict=True):
        pd.testing.assert_frame_equal(frame, copy)


def test_a_show_numbered_in_another_scheme_keeps_na_counts():
    # C: watched S1E1..E3; the guide numbers its seasons by year (S2019E1..E3).
    items = [_item("C", 2019, 3, [(1, {1: True, 2: True, 3: True})])]
    shows, seasons, episodes = ta.load_progress(items, user="u")
    na = pd.array([pd.NA], dtype="Int64")
    shows = shows.assign(aired=na, left=na, completion=pd.array([pd.NA], dtype="Float64"))
    by_year = pd.DataFrame(
        {
            "show": [0, 0, 0],
            "season": [2019, 2019, 2019],
            "episode": [1, 2, 3],
            "title": ["a", "b", "c"],
            "first_aired": pd.to_datetime(["2019-01-01", "2019-01-02", "2019-01-03"], utc=True),
            "runtime": pd.array([20, 20, 20], dtype="Int64"),
        }
    )
    with pytest.warns(TraktDataWarning, match="another scheme") as record:
        result = complete_progress(
            Progress(shows, seasons, episodes, "u"), by_year, {0: 9}, now=NOW
        )
    assert not any("does not know" in str(w.message) for w in record)
    c = result.shows.iloc[0]
    assert pd.isna(c["aired"])
    assert pd.isna(c["left"])
    assert pd.isna(c["next_season"])
    assert c["tvmaze_id"] == 9
    assert c["unlisted_watched"] == 3
    assert episode_keys(result.episodes, "C") == [(1, 1, True), (1, 2, True), (1, 3, True)]
    assert result.episodes["first_aired"].isna().all()


def test_bad_arguments_are_refused():
    with pytest.raises(TraktArgumentError, match="lacks the column"):
        complete_progress(watched_only(), guide().drop(columns="runtime"), {0: 77})
    with pytest.raises(TraktArgumentError, match="time-zone aware"):
        complete_progress(watched_only(), guide(), {0: 77}, now=pd.Timestamp("2025-01-01"))


def test_no_known_show_keeps_every_count_na_and_the_schema():
    empty_guide = pd.DataFrame({c: [] for c in ("show", "season", "episode", "title")})
    empty_guide["first_aired"] = pd.Series([], dtype="datetime64[ns, UTC]")
    empty_guide["runtime"] = pd.Series([], dtype="Int64")
    with pytest.warns(TraktDataWarning, match="does not know 2 shows"):
        result = complete_progress(watched_only(), empty_guide, {}, now=NOW)
    assert result.shows["aired"].isna().all()
    assert list(result.shows["completed"]) == [3, 1]  # the source's, kept
    assert len(result.episodes) == 5
    assert str(result.episodes["first_aired"].dtype) == "datetime64[ns, UTC]"


def test_an_empty_progress_stays_empty():
    progress = watched_only()
    empty = Progress(progress.shows.iloc[:0], progress.seasons.iloc[:0], progress.episodes.iloc[:0])
    result = complete_progress(empty, guide().iloc[:0], {}, now=NOW)
    assert (len(result.shows), len(result.seasons), len(result.episodes)) == (0, 0, 0)
