"""ta.backlog against the hand-worked histories of tests/helpers/backlog_cases.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.backlog_cases import NY, TODAY, progress


def by_title(plan: pd.DataFrame, user: str = "ann") -> pd.DataFrame:
    return plan[plan["user"] == user].set_index("title")


@pytest.fixture
def ann() -> pd.DataFrame:
    return by_title(ta.backlog(progress("ann"), today=TODAY, tz=NY))


def test_states(ann):
    assert ann["state"].astype(str).to_dict() == {
        "Daily": "watching",
        "Old": "dropped",  # 374 days since the last play
        "Hidden": "dropped",  # hidden on Trakt, though played yesterday
        "Ended": "finished",
        "Returning": "caught_up",
        "NoRuntime": "stalled",  # 40 days
        "Binge": "watching",  # 27 days
        "Unstarted": "not_started",
        "Counts unknown": "unknown",
    }


def test_hours_left(ann):
    hours = ann["hours_left"]
    assert hours["Daily"] == pytest.approx(2.5)  # E7, E8, E10 at 30 min, E9 at 60
    assert hours["Old"] == pytest.approx(6.0)  # no episode rows: 8 x the show's 45 min
    assert hours["Ended"] == 0
    assert hours["Returning"] == 0
    for title in ("Hidden", "NoRuntime", "Binge", "Unstarted", "Counts unknown"):
        assert pd.isna(hours[title]), title  # unknown, never 0


def test_left_and_days_since(ann):
    assert ann["left"]["Returning"] == 0
    assert pd.isna(ann["left"]["Counts unknown"])
    assert pd.isna(ann["days_since"]["Unstarted"])
    assert ann["days_since"].drop("Unstarted").to_dict() == {
        "Daily": 1,
        "Old": 374,
        "Hidden": 1,
        "Ended": 99,
        "Returning": 99,
        "NoRuntime": 40,
        "Binge": 27,
        "Counts unknown": 9,
    }


def test_last_played_is_local(ann):
    assert ann["last_played"]["Daily"] == pd.Timestamp("2026-03-09 20:00", tz=NY)
    assert str(ann["last_played"].dt.tz) == NY
    assert pd.isna(ann["last_played"]["Unstarted"])


def test_pace_and_finish(ann):
    # 6 plays of Daily in the window: 6 / 4 weeks. Binge has 2 there (in New York), so the
    # overall pace: 11 plays of 4 shows in the window -> 11 / 4 / 4 = 0.6875 a week.
    assert ann["pace"]["Daily"] == pytest.approx(1.5)
    assert ann["pace_from"]["Daily"] == "show"
    assert ann["pace"]["Binge"] == pytest.approx(0.6875)
    assert ann["pace_from"]["Binge"] == "overall"
    assert ann["finish_date"]["Daily"] == pd.Timestamp("2026-03-29")  # ceil(4 / 1.5 * 7) = 19
    assert ann["finish_date"]["Binge"] == pd.Timestamp("2026-05-11")  # ceil(6 / .6875 * 7) = 62
    not_watching = ann.index.difference(["Daily", "Binge"])
    assert ann.loc[not_watching, "finish_date"].isna().all()


def test_binge_at_midnight_depends_on_the_zone():
    # In UTC all four binge plays fall on 02-11, inside the window: the show's own pace.
    utc = by_title(ta.backlog(progress("ann"), today=TODAY, tz="UTC"))
    assert utc["pace"]["Binge"] == pytest.approx(1.0)
    assert utc["pace_from"]["Binge"] == "show"
    assert utc["finish_date"]["Binge"] == pd.Timestamp("2026-04-21")  # 42 days
    assert utc["days_since"]["Daily"] == 0  # 20:00 EDT on 03-09 is 00:00 UTC on 03-10


def test_profile_zone_is_the_default():
    plan = ta.backlog(progress("ann"), today=TODAY)
    assert plan.attrs["timezone"] == NY
    assert plan.attrs["today"] == pd.Timestamp(TODAY)


def test_several_users_are_apart():
    both = ta.backlog([progress("ann"), progress("bob")], today=TODAY, tz=NY)
    bob = by_title(both, "bob")
    assert list(bob.index) == ["Daily"]
    assert bob["hours_left"]["Daily"] == pytest.approx(4.0)  # E4-E10: 6 x 30 + 60 minutes
    assert bob["pace"]["Daily"] == pytest.approx(0.75)  # 3 plays: bob's own, not ann's
    assert bob["finish_date"]["Daily"] == pd.Timestamp("2026-05-15")  # ceil(7 / .75 * 7) = 66
    assert by_title(both)["pace"]["Daily"] == pytest.approx(1.5)


def test_frames_tuple_is_the_same_as_the_progress():
    p = progress("ann")
    from_frames = ta.backlog((p.shows, p.seasons, p.episodes, p.history), today=TODAY, tz=NY)
    pd.testing.assert_frame_equal(from_frames, ta.backlog(p, today=TODAY, tz=NY))


def test_shows_frame_alone_has_no_pace():
    plan = by_title(ta.backlog(progress("ann").shows, today=TODAY, tz=NY))
    assert plan["pace"].isna().all()
    assert plan["finish_date"].isna().all()
    assert plan["hours_left"]["Daily"] == pytest.approx(2.0)  # 4 x the show's 30 min
    # No last play known: a show in progress is unknown, never guessed watching.
    assert plan["state"]["Daily"] == "unknown"


def test_without_status_or_hidden_the_state_is_unknown():
    p = progress("ann")
    shows = p.shows.drop(columns=["status", "hidden"])
    plan = by_title(ta.backlog((shows, p.seasons, p.episodes, p.history), today=TODAY, tz=NY))
    assert plan["state"]["Ended"] == "unknown"
    assert plan["state"]["Returning"] == "unknown"
    assert plan["state"]["Hidden"] == "watching"
    na = p.shows.assign(status=pd.NA, hidden=pd.array([pd.NA] * len(p.shows), dtype="boolean"))
    plan = by_title(ta.backlog((na, p.seasons, p.episodes, p.history), today=TODAY, tz=NY))
    assert plan["state"]["Ended"] == "unknown"
    assert plan["state"]["Hidden"] == "watching"


def test_thresholds():
    plan = by_title(ta.backlog(progress("ann"), today=TODAY, tz=NY, stalled_after="50D"))
    assert plan["state"]["NoRuntime"] == "watching"
    plan = by_title(ta.backlog(progress("ann"), today=TODAY, tz=NY, dropped_after="35D"))
    assert plan["state"]["NoRuntime"] == "dropped"
    with pytest.raises(ta.TraktArgumentError, match="dropped_after"):
        ta.backlog(progress("ann"), today=TODAY, tz=NY, stalled_after="30D", dropped_after="20D")
    with pytest.raises(ta.TraktArgumentError, match="stalled_after"):
        ta.backlog(progress("ann"), today=TODAY, tz=NY, stalled_after="soon")


def test_bad_input():
    with pytest.raises(ta.TraktArgumentError, match="backlog"):
        ta.backlog(42, today=TODAY)
    with pytest.raises(ta.TraktArgumentError, match="today"):
        ta.backlog(progress("ann"), today="not a day", tz=NY)


def test_columns_and_index():
    p = progress("ann")
    plan = ta.backlog(p, today=TODAY, tz=NY)
    assert plan.index.equals(p.shows.index)
    assert list(plan.columns[-11:]) == list(ta.analysis.backlog.BACKLOG_COLUMNS)
    assert list(plan["state"].cat.categories) == list(ta.analysis.backlog.BACKLOG_STATES)
    assert plan["hours_left"].dtype == "Float64"
    assert (
        not (plan["hours_left"].fillna(-1) == 0)
        .to_numpy()[~np.isin(plan["title"], ["Ended", "Returning"])]
        .any()
    )


def test_demo_runs():
    plan = ta.backlog(ta.load_demo(), today="2026-07-20", tz="Europe/Berlin")
    assert len(plan) == 40
    assert set(plan["state"].astype(str)) <= set(ta.analysis.backlog.BACKLOG_STATES)


def test_notes_say_why_a_state_may_puzzle():
    p = progress("ann")
    seasons = p.seasons.copy()
    seasons.loc[seasons["title"] == "Unstarted", "hidden"] = True
    p = ta.Progress(p.shows, seasons, p.episodes, p.user, history=p.history, schedule=p.schedule)
    notes = by_title(ta.backlog(p, today=TODAY, tz=NY))["note"]
    assert notes.dropna().to_dict() == {
        "Hidden": "hidden from progress on Trakt",
        "Unstarted": "season 1 hidden on Trakt (not counted)",
        "Counts unknown": "episode counts unknown",
    }


def test_hours_left_total_is_unknown_when_only_nothing_left_is_known(ann):
    # ann: Old 6 h + Daily 2.5 h known, 5 shows unknown (test_hours_left).
    assert ta.analysis.backlog.hours_left_total(ann) == (pytest.approx(8.5), 5)
    done = ann.loc[["Ended", "Returning", "NoRuntime"]]  # 0 h, 0 h, unknown
    assert ta.analysis.backlog.hours_left_total(done) == (None, 1)
    assert ta.analysis.backlog.hours_left_total(ann.loc[["Ended"]]) == (0.0, 0)


# -- sorting by time left ------------------------------------------------------------------


def test_sort_by_time_left_from_the_backlog():
    plan = ta.backlog(progress("ann"), today=TODAY, tz=NY)
    most = list(ta.sort_shows(plan, "most-time-left")["title"])
    # Old 6 h, Daily 2.5 h, then the unknown hours by episodes left (6, 5, 4, 2): more
    # than nothing left, so before Ended and Returning's known 0 h (ties keep the input
    # order); unknown left last.
    assert most == [
        "Old",
        "Daily",
        "Binge",
        "Unstarted",
        "Hidden",
        "NoRuntime",
        "Ended",
        "Returning",
        "Counts unknown",
    ]
    least = list(ta.sort_shows(plan, "least-time-left")["title"])
    assert least == [
        "Ended",
        "Returning",
        "Daily",
        "Old",
        "NoRuntime",
        "Hidden",
        "Unstarted",
        "Binge",
        "Counts unknown",
    ]


def test_sort_by_time_left_from_the_shows_frame():
    shows = progress("ann").shows  # runtime x left: Old 8 x 45, Daily 4 x 30 minutes
    most = list(ta.sort_shows(shows, "most-time-left")["title"])
    assert most[:2] == ["Old", "Daily"]
    assert "Counts unknown" in most[4:]


@pytest.mark.parametrize("keep_done", [False, True])
def test_sort_by_time_left_without_runtimes_warns(keep_done):
    shows = progress("ann").shows.drop(columns="runtime")
    if not keep_done:
        shows = shows[shows["left"].fillna(1) > 0]
    # The known 0 h of Ended and Returning (nothing left) is no time left to sort by.
    with pytest.warns(ta.TraktSortWarning, match="time left"):
        out = ta.sort_shows(shows, "most-time-left")
    assert list(out["title"]) == list(shows["title"])


def test_plays_after_today_are_left_out():
    # On 2026-03-05 (New York) Daily's last play is S1E2 on 03-05 20:00; the later ones wait.
    plan = by_title(ta.backlog(progress("ann"), today="2026-03-05", tz=NY))
    assert plan["last_played"]["Daily"] == pd.Timestamp("2026-03-05 20:00", tz=NY)
    assert plan["days_since"]["Daily"] == 0
    # Hidden's only play (03-09) is after the day: unknown, not a negative age.
    assert pd.isna(plan["last_played"]["Hidden"])
    assert (plan["days_since"].dropna() >= 0).all()


def test_last_watched_at_stands_in_without_a_history():
    p = progress("ann")
    shows = p.shows.assign(
        last_watched_at=pd.to_datetime(["2026-03-09T01:00Z"] + [None] * 8, utc=True)
    )
    plan = by_title(ta.backlog(shows, today=TODAY, tz=NY))
    assert plan["last_played"]["Daily"] == pd.Timestamp("2026-03-08 21:00", tz=NY)  # EDT
    assert plan["state"]["Daily"] == "watching"


def test_a_last_play_in_the_repeated_hour_of_a_dst_change():
    # New York fell back on 2025-11-02: 01:30 happened twice. 06:30 UTC is the second (EST).
    p = progress("ann")
    history = p.history.copy()
    old = (history["title"] == "Old").to_numpy()
    history.loc[old, "watched_at"] = pd.Timestamp("2025-11-02T06:30Z")
    from dataclasses import replace

    plan = by_title(ta.backlog(replace(p, history=history), today=TODAY, tz=NY))
    last = plan["last_played"]["Old"]
    assert last == pd.Timestamp("2025-11-02T06:30Z")
    assert last.utcoffset() == pd.Timedelta(hours=-5)
    assert plan["days_since"]["Old"] == 128  # 2025-11-02 .. 2026-03-10


def _with_plays(source, rows: list[tuple[int, str, int, int, str]]):
    """`source` with more episode plays: (trakt_id, title, season, episode, New York time)."""
    import dataclasses

    extra = pd.DataFrame(
        {
            "user": "ann",
            "title": [r[1] for r in rows],
            "year": 2020,
            "trakt_id": [r[0] for r in rows],
            "watched_at": pd.to_datetime(
                [pd.Timestamp(r[4], tz=NY).tz_convert("UTC") for r in rows], utc=True
            ),
            "type": "episode",
            "season": [r[2] for r in rows],
            "episode": [r[3] for r in rows],
            "runtime": pd.array([None] * len(rows), dtype="Int32"),
        }
    )
    history = pd.concat([source.history, extra], ignore_index=True)
    return dataclasses.replace(source, history=history)


def test_a_show_with_only_specials_played_says_so():
    # Finding 12: Unstarted (aired 5, none watched) with one play of S00E01 on 03-05.
    # Not started (specials are never counted), last played 03-05: the note says why.
    special = ta.backlog(
        _with_plays(progress("ann"), [(8, "Unstarted", 0, 1, "2026-03-05 20:00")]),
        today=TODAY,
        tz=NY,
    )
    row = by_title(special).loc["Unstarted"]
    assert row["state"] == "not_started"
    assert row["last_played"] == pd.Timestamp("2026-03-05 20:00", tz=NY)
    assert row["note"] == "only specials played (season 0 is not counted)"
    # No play at all, or a special beside a regular play: no such note.
    assert pd.isna(
        by_title(ta.backlog(progress("ann"), today=TODAY, tz=NY)).loc["Unstarted", "note"]
    )
    both = _with_plays(
        progress("ann"),
        [(8, "Unstarted", 0, 1, "2026-03-05 20:00"), (2, "Old", 0, 1, "2026-03-05 21:00")],
    )
    notes = by_title(ta.backlog(both, today=TODAY, tz=NY))["note"]
    assert notes.notna().to_dict() == {
        "Daily": False,
        "Old": False,
        "Hidden": True,  # "hidden from progress on Trakt"
        "Ended": False,
        "Returning": False,
        "NoRuntime": False,
        "Binge": False,
        "Unstarted": True,
        "Counts unknown": True,  # "episode counts unknown"
    }
