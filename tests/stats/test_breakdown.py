"""ta.breakdown on hand-worked examples (tests/stats/conftest.py says what each show is)."""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.stats.conftest import make_progress
from trakt_analysis.errors import TraktArgumentError


def row(frame, column, value):
    found = frame[frame[column] == value]
    assert len(found) == 1, (value, frame)
    return found.iloc[0]


def test_by_genre_counts_a_two_genre_show_in_each_and_keeps_unknown_last(hand_progress):
    out = ta.breakdown(hand_progress, "genre")
    assert list(out.columns) == [
        "user",
        "genre",
        "shows",
        "episodes",
        "plays",
        "hours",
        "plays_without_runtime",
        "shows_share",
        "plays_share",
        "hours_share",
    ]
    assert out["genre"].tolist() == ["drama", "science-fiction", "unknown"]
    drama = row(out, "genre", "drama")
    # A (3 plays: 50 + 50 + unknown, 2 distinct episodes) and B (1 play, 60 minutes)
    assert (drama["shows"], drama["episodes"], drama["plays"]) == (2, 3, 4)
    assert drama["hours"] == pytest.approx(160 / 60)
    assert drama["plays_without_runtime"] == 1
    # 6 episode plays in all (the movie is left out), 230 known minutes, 4 shows (A, B, C, D)
    assert drama["plays_share"] == pytest.approx(4 / 6)
    assert drama["hours_share"] == pytest.approx(160 / 230)
    assert drama["shows_share"] == pytest.approx(2 / 4)
    scifi = row(out, "genre", "science-fiction")
    assert (scifi["shows"], scifi["plays"], scifi["hours"]) == (1, 3, pytest.approx(100 / 60))
    # C (no genres) and D (not in the shows frame): one unknown row, never dropped
    unknown = row(out, "genre", "unknown")
    assert (unknown["shows"], unknown["plays"], unknown["hours"]) == (2, 2, pytest.approx(70 / 60))
    assert out["plays_share"].sum() > 1  # genres overlap: shares add up to more than 100%
    assert out.attrs["plays_from"] == "history"
    assert (out["user"] == "ana").all()


def test_a_year_is_local_and_crosses_the_utc_year_boundary(hand_progress):
    out = ta.breakdown(hand_progress, "genre", year=2024, tz="Europe/Berlin")
    # A's first play is 2023 in UTC but 2024-01-01 00:30 in Berlin; B's is 2023 there
    drama = row(out, "genre", "drama")
    assert (drama["shows"], drama["plays"], drama["episodes"]) == (1, 3, 2)
    assert drama["hours"] == pytest.approx(100 / 60)
    assert out["genre"].tolist() == ["drama", "science-fiction", "unknown"]  # a tie: by name
    assert out.attrs["timezone"] == "Europe/Berlin"
    in_utc = ta.breakdown(hand_progress, "genre", year=2024, tz="UTC")
    assert row(in_utc, "genre", "drama")["plays"] == 2


def test_by_network_a_streaming_show_counts_under_its_service(hand_progress):
    out = ta.breakdown(hand_progress, "network")
    assert out["network"].tolist() == ["Netflix", "HBO", "unknown"]
    assert row(out, "network", "Netflix")["plays"] == 3
    assert row(out, "network", "HBO")["hours"] == pytest.approx(1.0)
    assert out["plays_share"].sum() == pytest.approx(1.0)  # one value per show


def test_by_country_a_show_without_one_is_unknown(hand_progress):
    out = ta.breakdown(hand_progress, "country")
    assert out["country"].tolist() == ["us", "unknown"]
    assert row(out, "country", "unknown")["plays"] == 5  # A (no country), C, D


def test_by_decade_from_the_premiere_else_the_year_in_order(hand_progress):
    out = ta.breakdown(hand_progress, "decade")
    # A 2017, B 2008, C: no premiere but year 1994; D unlisted: unknown
    assert out["decade"].tolist() == ["1990s", "2000s", "2010s", "unknown"]
    assert row(out, "decade", "unknown")["plays"] == 1


def test_without_a_history_plays_come_from_the_shows_counts_and_attrs_say_so():
    progress = make_progress(history=False)
    out = ta.breakdown(progress, "genre")
    assert out.attrs["plays_from"] == "shows"
    drama = row(out, "genre", "drama")
    # A: 3 plays x 50 minutes; B: 1 play, runtime unknown; C: no play (not watched)
    assert (drama["shows"], drama["episodes"], drama["plays"]) == (2, 3, 4)
    assert drama["hours"] == pytest.approx(150 / 60)
    assert drama["plays_without_runtime"] == 1
    assert "unknown" not in out["genre"].tolist()
    with pytest.raises(TraktArgumentError, match="year= needs the history"):
        ta.breakdown(progress, "genre", year=2024)


def test_no_known_runtime_is_na_hours_never_zero(hand_progress):
    progress = make_progress()
    progress.history["runtime"] = pd.array([None] * len(progress.history), dtype="Int32")
    out = ta.breakdown(progress, "network")
    assert out["hours"].isna().all()
    assert out["hours_share"].isna().all()
    assert out["plays_without_runtime"].tolist() == out["plays"].tolist()


def test_several_users_have_a_user_column():
    out = ta.breakdown([make_progress("ana"), make_progress("bo", history=False)], "network")
    assert out["user"].unique().tolist() == ["ana", "bo"]
    assert row(out[out["user"] == "bo"], "network", "Netflix")["plays"] == 3


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("genre",), "expected a Progress"),
        (("genres",), "by must be one of"),
    ],
)
def test_bad_arguments_say_what(hand_progress, args, match):
    data = hand_progress if args[0] != "genre" else hand_progress.shows
    with pytest.raises(TraktArgumentError, match=match):
        ta.breakdown(data, *args)
    with pytest.raises(TraktArgumentError, match="year must be an int"):
        ta.breakdown(hand_progress, "genre", year="2024")


@pytest.mark.parametrize("history", [True, False])
def test_several_breakdowns_at_once_are_each_breakdown(hand_progress, history):
    # The report's all-time section computes the plays per show once for its five fields.
    import dataclasses

    from trakt_analysis.analysis.breakdown import breakdowns

    progress = hand_progress if history else dataclasses.replace(hand_progress, history=None)
    fields = ["genre", "network", "country", "language", "decade"]
    together = breakdowns(progress, fields)
    assert list(together) == fields
    for by in fields:
        alone = ta.breakdown(progress, by)
        pd.testing.assert_frame_equal(together[by], alone)
        assert together[by].attrs == alone.attrs
    with pytest.raises(TraktArgumentError, match="imdb"):
        breakdowns(progress, ["genre", "imdb"])
