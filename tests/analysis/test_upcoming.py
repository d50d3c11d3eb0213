"""ta.upcoming against the hand-worked schedule of tests/helpers/backlog_cases.py."""

from __future__ import annotations

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.backlog_cases import NY, TODAY, progress


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
    assert out.attrs == {
        "timezone": NY,
        "today": pd.Timestamp(TODAY),
        "days": 30,
        "schedule_known": True,  # ann has a guide (Progress.schedule)
    }


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


# -- the guide's unaired episodes are kept (complete_progress) ------------------------------


def test_complete_progress_keeps_the_announced_episodes():
    from tests.helpers.completion_cases import complete

    result, _ = complete()  # now 2025-01-01: only S1E4 (2099) is announced with a time
    schedule = result.schedule
    assert list(zip(schedule["title"], schedule["season"], schedule["episode"], strict=True)) == [
        ("A", 1, 4)
    ]
    assert schedule["episode_title"].iloc[0] == "Four"
    assert schedule["first_aired"].iloc[0] == pd.Timestamp("2099-01-01T00:00:00Z")
    assert schedule["runtime"].iloc[0] == 30
    assert list(schedule.columns) == list(ta.schema.SCHEDULE)
    # Never counted: A's totals are those of the module's docstring.
    assert (result.shows["aired"].iloc[0], result.shows["left"].iloc[0]) == (5, 2)


def test_announced_episodes_by_now_and_specials():
    from tests.helpers.completion_cases import complete

    result, _ = complete(now=pd.Timestamp("2020-01-10T00:00:00Z"))
    keys = list(zip(result.schedule["season"], result.schedule["episode"], strict=True))
    assert keys == [(1, 3), (1, 4), (2, 1)]  # specials stay out; S1E5 has no air time
    result, _ = complete(now=pd.Timestamp("2020-01-10T00:00:00Z"), specials=True)
    keys = list(zip(result.schedule["season"], result.schedule["episode"], strict=True))
    assert keys == [(0, 2), (1, 3), (1, 4), (2, 1)]


# -- the .ics file ---------------------------------------------------------------------------

STAMP = pd.Timestamp("2026-03-10T12:00:00Z")


def test_write_ics(tmp_path):
    import icalendar

    out = ta.upcoming(progress("ann"), days=30, today=TODAY, tz=NY)
    path = ta.write_ics(out, tmp_path / "next.ics", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Daily S02E01 “Back”",
        "Returning S01E04 “Finale”",
    ]
    # Times in UTC (not New York), the runtime as the duration.
    assert events[0].decoded("dtstart") == pd.Timestamp("2026-03-15 02:00Z").to_pydatetime()
    assert events[0].decoded("dtstart").utcoffset().total_seconds() == 0
    assert events[0].decoded("duration").total_seconds() == 30 * 60
    assert str(events[0]["description"]) == "on HBO, 30 min"
    assert str(events[1]["description"]) == "45 min"
    assert "DTSTART:20260315T020000Z" in path.read_text()


def test_ics_uids_are_stable_and_unique(tmp_path):
    import icalendar

    first = ta.upcoming(progress("ann"), days=30, today=TODAY, tz=NY)
    later = ta.upcoming(progress("ann"), days=30, today="2026-03-12", tz="UTC")
    a = icalendar.Calendar.from_ical(ta.write_ics(first, tmp_path / "a.ics").read_bytes())
    b = icalendar.Calendar.from_ical(ta.write_ics(later, tmp_path / "b.ics").read_bytes())
    uids_a = [str(e["uid"]) for e in a.walk("VEVENT")]
    uids_b = [str(e["uid"]) for e in b.walk("VEVENT")]
    assert uids_a == uids_b  # the same episodes, another day and zone: the same UIDs
    assert len(set(uids_a)) == 2
    assert all("ann" not in uid for uid in uids_a)  # the user name is hashed


def test_ics_without_icalendar_says_what_to_install(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_icalendar(name, *args, **kwargs):
        if name == "icalendar":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_icalendar)
    out = ta.upcoming(progress("ann"), days=30, today=TODAY, tz=NY)
    with pytest.raises(ta.TraktDependencyError, match=r"trakt_analysis\[calendar\]"):
        ta.write_ics(out, tmp_path / "x.ics")
    assert not (tmp_path / "x.ics").exists()


def test_ics_refuses_a_frame_that_is_not_upcoming(tmp_path):
    with pytest.raises(ta.TraktArgumentError, match="write_ics"):
        ta.write_ics(pd.DataFrame({"title": ["A"]}), tmp_path / "x.ics")


def test_without_a_guide_only_a_coming_air_date_makes_the_schedule_known():
    # No guide: the episodes frame's one air date is Returning S01E04, 2026-03-21 01:00 UTC.
    bare = progress("ann", schedule=False)
    before = ta.upcoming(bare, days=5, today=TODAY, tz=NY)
    assert before.empty  # 03-21 is past the 5 days from 03-10 ...
    assert before.attrs["schedule_known"] is True  # ... yet announced: "nothing airs" is true
    after = ta.upcoming(bare, days=30, today="2026-06-01", tz=NY)
    assert after.empty
    assert after.attrs["schedule_known"] is False  # only past air dates: unknown, not "none"


def test_api_v2_lists_aired_episodes_only_so_its_schedule_is_unknown(v2_server, tmp_path):
    from tests.helpers.v2_expect import make_api, sign_in

    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    out = ta.upcoming(api.progress(), days=30, today="2026-03-10", tz="UTC")
    assert out.empty
    assert out.attrs["schedule_known"] is False
