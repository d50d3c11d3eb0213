"""ta.upcoming against the hand-worked schedule of tests/analysis/backlog_cases.py."""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.analysis.backlog_cases import NY, TODAY, progress


def codes(frame: pd.DataFrame) -> list[str]:
    return [
        f"{t} S{s:02d}E{e:02d}"
        for t, s, e in zip(frame["title"], frame["season"], frame["episode"], strict=True)
    ]


def test_next_30_days_in_new_york():
    out = ta.upcoming(progress("ann"), days=30, today=TODAY, tz=NY)
    # Old is dropped (374 days) and Hidden hidden: left out. Daily S02E02 is past the window.
    assert codes(out) == ["Daily S02E01", "Returning S01E04"]
    daily, returning = out.iloc[0], out.iloc[1]
    assert daily["local"] == pd.Timestamp("2026-03-14 22:00", tz=NY)
    assert daily["date"] == pd.Timestamp("2026-03-14")
    assert daily["first_aired"] == pd.Timestamp("2026-03-15 02:00Z")
    assert daily["episode_title"] == "Back"
    assert daily["runtime"] == 30  # the show's runtime: the episode's is unknown
    assert daily["network"] == "HBO"
    assert daily["state"] == "watching"
    # Listed twice (schedule and episodes frame): one row, the guide's title and runtime.
    assert returning["episode_title"] == "Finale"
    assert returning["runtime"] == 45
    assert pd.isna(returning["network"])
    assert returning["state"] == "caught_up"
    assert out.attrs == {"timezone": NY, "today": pd.Timestamp(TODAY), "days": 30}


def test_the_window_is_local_days():
    # Returning S01E04 airs Fri 03-20 21:00 in New York, Sat 03-21 01:00 UTC.
    assert "Returning S01E04" in codes(ta.upcoming(progress("ann"), days=11, today=TODAY, tz=NY))
    assert "Returning S01E04" not in codes(
        ta.upcoming(progress("ann"), days=10, today=TODAY, tz=NY)
    )
    assert "Returning S01E04" not in codes(
        ta.upcoming(progress("ann"), days=11, today=TODAY, tz="UTC")
    )
    utc = ta.upcoming(progress("ann"), days=12, today=TODAY, tz="UTC")
    assert utc.set_index("title").loc["Returning", "date"] == pd.Timestamp("2026-03-21")


def test_episode_rows_alone_are_read():
    # Without the schedule: the episodes frame's unwatched row with an air time.
    out = ta.upcoming(progress("ann", schedule=False), days=30, today=TODAY, tz=NY)
    assert codes(out) == ["Returning S01E04"]
    assert pd.isna(out["episode_title"].iloc[0])
    assert out["runtime"].iloc[0] == 30  # the row's own runtime


def test_nothing_announced_gives_an_empty_frame():
    out = ta.upcoming(progress("bob"), days=30, today=TODAY, tz=NY)
    assert out.empty
    assert "local" in out.columns


def test_several_users():
    out = ta.upcoming([progress("bob"), progress("ann")], days=30, today=TODAY, tz=NY)
    assert list(out["user"]) == ["ann", "ann"]


def test_schedule_makes_a_show_caught_up_without_status():
    p = progress("ann")
    shows = p.shows.drop(columns="status")
    from dataclasses import replace

    plan = ta.backlog(replace(p, shows=shows), today=TODAY, tz=NY).set_index("title")
    assert plan["state"]["Returning"] == "caught_up"  # S01E04 is announced
    assert plan["state"]["Ended"] == "unknown"


def test_bad_days():
    with pytest.raises(ta.TraktArgumentError, match="days"):
        ta.upcoming(progress("ann"), days=0, today=TODAY)
