"""History statistics, against values worked out by hand in three zones.

The zones: UTC; Europe/Berlin, which left CET (+1) for CEST (+2) at 01:00 UTC
on 30 March 2025 (there is no 02:xx that night); and Asia/Kolkata (+5:30, no
DST). Six plays straddle that DST change and New Year.

====  =====================  ==================  ==================  ==================  =======
play  UTC                    Berlin              Kolkata             what                runtime
====  =====================  ==================  ==================  ==================  =======
1     Sat 2025-03-29 22:30   Sat 03-29 23:30     Sun 03-30 04:00     Alpha S1E1          45
2     Sun 2025-03-30 00:45   Sun 03-30 01:45     Sun 03-30 06:15     Alpha S1E2          45
3     Sun 2025-03-30 01:15   Sun 03-30 03:15     Sun 03-30 06:45     Alpha S1E3          NA
4     Wed 2025-12-31 23:10   Thu 2026-01-01 00:10  Thu 01-01 04:40   Beta S1E1           30
5     Wed 2025-12-31 18:40   Wed 12-31 19:40     Thu 2026-01-01 00:10  Alpha S1E1 again  0 (unknown)
6     Sun 2025-06-15 19:00   Sun 06-15 21:00     Mon 06-16 00:30     the movie Gamma     120
====  =====================  ==================  ==================  ==================  =======
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.history_cases import SIX, plays
from trakt_analysis.analysis.history import (
    WEEKDAYS,
    binge_sessions,
    rewatches,
    streaks,
    top_shows,
    watch_calendar,
    watch_clock,
    watch_time,
)
from trakt_analysis.analysis.timezone import local_timezone, resolve_timezone
from trakt_analysis.analysis.year_review import year_in_review

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture
def six():
    return plays(SIX)


def cells(clock):
    """The non-zero cells of a clock as {(weekday, hour): plays}."""
    out = {}
    for day, row in enumerate(clock.to_numpy()):
        for hour, n in enumerate(row):
            if n:
                out[(day, hour)] = int(n)
    return out


# -- the clock ---------------------------------------------------------------------------


def test_clock_shape_and_labels(six):
    clock = watch_clock(six, tz="UTC")
    assert clock.shape == (7, 24)
    assert list(clock.index) == list(WEEKDAYS)
    assert clock.index[0] == "Monday"
    assert list(clock.columns) == list(range(24))
    assert clock.attrs["timezone"] == "UTC"
    assert clock.to_numpy().sum() == 6


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", {(SAT, 22): 1, (SUN, 0): 1, (SUN, 1): 1, (WED, 23): 1, (WED, 18): 1, (SUN, 19): 1}),
        # Across the DST change: 01:45 CET then 03:15 CEST; no play at 02:xx.
        (
            "Europe/Berlin",
            {(SAT, 23): 1, (SUN, 1): 1, (SUN, 3): 1, (THU, 0): 1, (WED, 19): 1, (SUN, 21): 1},
        ),
        # +5:30: 22:30 UTC is 04:00, 00:45 is 06:15, 01:15 is 06:45.
        ("Asia/Kolkata", {(SUN, 4): 1, (SUN, 6): 2, (THU, 4): 1, (THU, 0): 1, (MON, 0): 1}),
    ],
)
def test_clock_in_three_zones(six, zone, expected):
    assert cells(watch_clock(six, tz=zone)) == expected


def test_clock_of_an_empty_history(six):
    clock = watch_clock(six.iloc[:0], tz="Asia/Kolkata")
    assert clock.shape == (7, 24)
    assert clock.to_numpy().sum() == 0


# -- watch time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # (year, plays, hours, plays without runtime)
        ("UTC", [(2025, 6, 4.0, 2)]),
        ("Europe/Berlin", [(2025, 5, 3.5, 2), (2026, 1, 0.5, 0)]),
        ("Asia/Kolkata", [(2025, 4, 3.5, 1), (2026, 2, 0.5, 1)]),
    ],
)
def test_watch_time_per_year_across_new_year(six, zone, expected):
    years = watch_time(six, freq="year", tz=zone)
    got = [
        (p.year, n, float(h), u)
        for p, n, h, u in zip(
            years["period"],
            years["plays"],
            years["hours"],
            years["plays_without_runtime"],
            strict=True,
        )
    ]
    assert got == expected
    assert years.attrs["timezone"] == zone


def test_watch_time_per_month_unknown_is_not_zero(six):
    months = watch_time(six, freq="month", tz="Europe/Berlin").set_index("period")
    assert len(months) == 11  # 2025-03 .. 2026-01, empty months included
    assert months.loc[pd.Period("2025-03", "M"), "plays"] == 3
    assert months.loc[pd.Period("2025-03", "M"), "hours"] == 1.5
    assert months.loc[pd.Period("2025-04", "M"), "plays"] == 0
    assert months.loc[pd.Period("2025-04", "M"), "hours"] == 0
    # December's only play (Berlin) has runtime 0 = unknown: hours NA, not 0.
    assert months.loc[pd.Period("2025-12", "M"), "plays"] == 1
    assert pd.isna(months.loc[pd.Period("2025-12", "M"), "hours"])
    assert months.loc[pd.Period("2025-12", "M"), "plays_without_runtime"] == 1
    assert months.loc[pd.Period("2025-06", "M"), "hours"] == 2.0  # the movie counts


def test_watch_time_weeks_start_on_monday(six):
    weeks = watch_time(six, freq="week", tz="Europe/Berlin")
    first = weeks.iloc[0]
    # Sat 29 and Sun 30 March are in the week of Monday 24 March.
    assert first["period"].start_time == pd.Timestamp("2025-03-24")
    assert first["plays"] == 3


def test_watch_time_per_day_in_kolkata(six):
    days = watch_time(six, freq="day", tz="Asia/Kolkata").set_index("period")
    assert days.loc[pd.Period("2025-03-30", "D"), "plays"] == 3
    assert days.loc[pd.Period("2026-01-01", "D"), "plays"] == 2
    assert days["plays"].sum() == 6


def test_watch_time_without_runtimes():
    rows = [(t, "Alpha", 1, e, None, "episode") for e, t in enumerate(["2025-01-01", "2025-02-01"])]
    months = watch_time(plays(rows), tz="UTC")
    assert months["hours"].isna().all()
    assert list(months["plays_without_runtime"]) == [1, 1]


def test_watch_time_empty_and_bad_freq(six):
    empty = watch_time(six.iloc[:0], tz="UTC")
    assert list(empty.columns) == ["user", "period", "plays", "hours", "plays_without_runtime"]
    assert empty.empty
    with pytest.raises(ta.TraktArgumentError, match="freq"):
        watch_time(six, freq="fortnight", tz="UTC")


def test_watch_time_several_users(six):
    both = pd.concat([six, plays(SIX[:3], user="bob")], ignore_index=True)
    years = watch_time(both, freq="year", tz="UTC")
    assert list(zip(years["user"], years["plays"], strict=True)) == [("ann", 6), ("bob", 3)]
    assert list(years["hours"]) == [4.0, 1.5]


# -- calendar and streaks ----------------------------------------------------------------


def test_calendar_layout_and_counts(six):
    cal = watch_calendar(six, year=2025, tz="Europe/Berlin")
    assert len(cal) == 365
    assert cal.attrs == {"timezone": "Europe/Berlin", "year": 2025, "plays_without_time": 0}
    # 1 Jan 2025 was a Wednesday: column 0, row 2; Monday 6 Jan starts column 1.
    assert (cal.loc[0, "weekday"], cal.loc[0, "week"]) == (WED, 0)
    assert cal.set_index("date").loc["2025-01-06", "week"] == 1
    by_day = cal.set_index("date")["plays"]
    assert by_day[by_day > 0].to_dict() == {
        pd.Timestamp("2025-03-29"): 1,
        pd.Timestamp("2025-03-30"): 2,
        pd.Timestamp("2025-06-15"): 1,
        pd.Timestamp("2025-12-31"): 1,  # play 4 is already 2026 in Berlin
    }
    assert watch_calendar(six, tz="Europe/Berlin").attrs["year"] == 2026  # latest year
    assert len(watch_calendar(six, year=2024, tz="UTC")) == 366


@pytest.mark.parametrize(
    ("today", "not_yet"),
    [
        # 15 June 2025 is day 166: 199 days after it, less 31 Dec, which has a play.
        ("2025-06-15", 198),
        # 23:30 UTC is 01:30 on 16 June in Berlin: one day fewer to come.
        (pd.Timestamp("2025-06-15T23:30:00Z"), 197),
        ("2024-12-31", 365 - 4),  # the year has not begun: only the days with a play count
        ("2026-01-01", 0),
    ],
)
def test_calendar_days_to_come_are_not_zero_plays(six, today, not_yet):
    cal = watch_calendar(six, year=2025, tz="Europe/Berlin", today=today).set_index("date")
    unknown = cal["plays"].isna()
    assert int(unknown.sum()) == not_yet
    assert (cal.loc[unknown, ["hours", "plays_without_runtime"]].isna()).all().all()
    if not_yet == 198:
        assert cal.loc["2025-06-15", "plays"] == 1  # today counts
        assert cal.loc["2025-06-14", "plays"] == 0  # a day gone by without a play: 0
        assert pd.isna(cal.loc["2025-06-16", "plays"])
        assert cal.loc["2025-12-31", "plays"] == 1  # a play dated on a day to come is counted
    assert int(cal["plays"].sum()) == 5


@pytest.mark.parametrize("today", ["soon", [2025]])
def test_calendar_today_must_be_a_date(six, today):
    with pytest.raises(ta.TraktArgumentError, match="watch_calendar: today must be a date"):
        watch_calendar(six, year=2025, tz="UTC", today=today)


@pytest.mark.parametrize(
    ("zone", "today", "longest", "start", "current", "current_start"),
    [
        ("UTC", "2026-01-01", 2, "2025-03-29", 1, "2025-12-31"),
        # Berlin: 12-31 and 01-01 make a second 2-day run; the earliest longest is given.
        ("Europe/Berlin", "2026-01-02", 2, "2025-03-29", 2, "2025-12-31"),
        ("Europe/Berlin", "2026-01-03", 2, "2025-03-29", 0, None),
        # Kolkata: plays 1-3 fall on one day, 30 March.
        ("Asia/Kolkata", "2026-01-01", 1, "2025-03-30", 1, "2026-01-01"),
    ],
)
def test_streaks(six, zone, today, longest, start, current, current_start):
    got = streaks(six, tz=zone, today=today).iloc[0]
    assert got["longest"] == longest
    assert got["longest_start"] == pd.Timestamp(start)
    assert got["current"] == current
    if current_start is None:
        assert pd.isna(got["current_start"])
    else:
        assert got["current_start"] == pd.Timestamp(current_start)


def test_streaks_several_users_and_empty(six):
    bob = plays([("2025-05-01 10:00", "Beta", 1, 1, 30, "episode")], user="bob")
    got = streaks(pd.concat([six, bob], ignore_index=True), tz="UTC", today="2025-05-02")
    assert list(got["user"]) == ["ann", "bob"]
    assert list(got["current"]) == [0, 1]
    empty = streaks(six.iloc[:0], tz="UTC", today="2025-01-01")
    assert empty.empty


# -- binges ------------------------------------------------------------------------------

BINGE = [
    # 30-minute episodes: breaks of 10 and 20 minutes, then 45 (a new sitting).
    ("2025-05-02 20:00", "Beta", 1, 1, 30, "episode"),
    ("2025-05-02 20:40", "Beta", 1, 2, 30, "episode"),
    ("2025-05-02 21:30", "Beta", 1, 3, 30, "episode"),
    ("2025-05-02 22:45", "Beta", 1, 4, 30, "episode"),
    # another show in between does not break Beta's sitting
    ("2025-05-02 21:00", "Alpha", 1, 1, 45, "episode"),
    # a season marked as seen at one instant is no sitting
    ("2025-05-01 12:00", "Alpha", 2, 1, 45, "episode"),
    ("2025-05-01 12:00", "Alpha", 2, 2, 45, "episode"),
    ("2025-05-01 12:00", "Alpha", 2, 3, 45, "episode"),
    # unknown runtimes: watched_at 25 minutes apart
    ("2025-05-03 10:00", "Delta", 1, 1, None, "episode"),
    ("2025-05-03 10:25", "Delta", 1, 2, None, "episode"),
    ("2025-05-03 10:50", "Delta", 1, 3, None, "episode"),
]


def test_binge_sessions_rule():
    got = binge_sessions(plays(BINGE), tz="Europe/Berlin")
    assert list(got["title"]) == ["Beta", "Delta"]
    beta = got.iloc[0]
    assert beta["plays"] == 3
    assert (beta["first"], beta["last"]) == ("S01E01", "S01E03")
    # starts at 19:30 UTC (the first episode's runtime before 20:00) = 21:30 CEST
    assert beta["start"] == pd.Timestamp("2025-05-02 21:30", tz="Europe/Berlin")
    assert beta["end"] == pd.Timestamp("2025-05-02 23:30", tz="Europe/Berlin")
    assert beta["hours"] == 1.5
    assert beta["plays_without_runtime"] == 0
    delta = got.iloc[1]
    assert pd.isna(delta["hours"])
    assert delta["plays_without_runtime"] == 3
    assert got.attrs["timezone"] == "Europe/Berlin"


def test_binge_sessions_parameters():
    history = plays(BINGE)
    assert list(binge_sessions(history, max_break="20min", tz="UTC")["title"]) == ["Beta"]
    four = binge_sessions(history, max_break="50min", min_plays=4, tz="UTC")
    assert list(four["plays"]) == [4]
    with pytest.raises(ta.TraktArgumentError, match="min_plays"):
        binge_sessions(history, min_plays=1)
    with pytest.raises(ta.TraktArgumentError, match="max_break"):
        binge_sessions(history, max_break="soon")
    assert binge_sessions(history.iloc[:0], tz="UTC").empty


def test_binges_per_user():
    both = pd.concat([plays(BINGE[:3]), plays(BINGE[:3], user="bob")], ignore_index=True)
    assert list(binge_sessions(both, tz="UTC")["user"]) == ["ann", "bob"]


def test_movies_are_never_binges():
    movies = [(f"2025-05-02 {h}:00", "Gamma", None, None, 50, "movie") for h in (18, 19, 20)]
    assert binge_sessions(plays(movies), tz="UTC").empty


# -- top shows and rewatches -------------------------------------------------------------

TOP = [
    *[(f"2025-01-0{d} 20:00", "Xeno", 1, d, 60, "episode") for d in (1, 2)],  # 2 plays, 2 h
    *[(f"2025-02-0{d} 20:00", "Yoke", 1, d, 20, "episode") for d in range(1, 6)],  # 5, 1.67 h
    *[(f"2025-03-0{d} 20:00", "Zulu", 1, d, None, "episode") for d in range(1, 4)],  # 3, NA
    ("2025-04-01 20:00", "Gamma", None, None, 600, "movie"),  # movies are not shows
]


def test_top_shows_by_hours_and_plays():
    history = plays(TOP)
    by_hours = top_shows(history, by="hours")
    assert list(by_hours["title"]) == ["Xeno", "Yoke", "Zulu"]
    assert by_hours["hours"].iloc[0] == 2.0
    assert by_hours["hours"].iloc[1] == pytest.approx(100 / 60)
    assert pd.isna(by_hours["hours"].iloc[2])
    assert by_hours["plays_without_runtime"].iloc[2] == 3
    assert list(top_shows(history, by="plays")["title"]) == ["Yoke", "Zulu", "Xeno"]
    assert list(top_shows(history, by="plays", top=1)["rank"]) == [1]
    with pytest.raises(ta.TraktArgumentError, match="by"):
        top_shows(history, by="minutes")


def test_top_shows_several_users():
    both = pd.concat([plays(TOP), plays(TOP[:2], user="bob")], ignore_index=True)
    got = top_shows(both, top=2)
    assert list(zip(got["user"], got["title"], strict=True)) == [
        ("ann", "Xeno"),
        ("ann", "Yoke"),
        ("bob", "Xeno"),
    ]


def test_rewatches(six):
    extra = plays(
        [
            ("2025-07-01 20:00", "Gamma", None, None, 120, "movie"),
            ("2025-08-01 20:00", "Alpha", 1, 1, 45, "episode"),
        ]
    )
    got = rewatches(pd.concat([six, extra], ignore_index=True))
    rows = list(zip(got["type"], got["title"], got["episode"], got["rewatches"], strict=True))
    # Alpha S1E1: plays 1, 5 and the extra one; the movie twice.
    assert rows[0][:2] == ("episode", "Alpha")
    assert rows[0][3] == 2
    assert rows[0][2] == 1
    assert rows[1][:2] == ("movie", "Gamma")
    assert rows[1][3] == 1
    assert pd.isna(rows[1][2])
    assert len(got) == 2
    assert got.loc[0, "first_watched_at"] == pd.Timestamp("2025-03-29 22:30", tz="UTC")


# -- year in review ----------------------------------------------------------------------


def progress_of(history, *, timezone=None, shows=None):
    shows = (
        shows
        if shows is not None
        else pd.DataFrame({"title": [], "year": [], "trakt_id": [], "aired": [], "completed": []})
    )
    empty = pd.DataFrame()
    provenance = ta.Provenance("demo", "test", timezone=timezone)
    return ta.Progress(shows, empty, empty, "ann", history=history, provenance=provenance)


def test_year_in_review_in_berlin(six):
    review = year_in_review(six, 2025, tz="Europe/Berlin")
    totals = review.totals
    assert (totals["plays"], totals["episode_plays"], totals["movie_plays"]) == (5, 4, 1)
    assert totals["hours"] == 3.5
    assert totals["plays_without_runtime"] == 2
    assert totals["shows"] == 1  # Beta's play is 2026 in Berlin
    assert totals["days"] == 4
    assert totals["rewatches"] == 1
    assert review.busiest_month == pd.Period("2025-03", "M")
    assert review.busiest["month"] == 3
    assert review.busiest_date == pd.Timestamp("2025-03-30")
    assert review.busiest["date"] == 2
    assert review.busiest_weekday == "Sunday"
    assert review.busiest["weekday"] == 3
    assert review.busiest_hour == 1  # ties (1 play each): the earliest hour
    assert (review.longest_streak, review.streak_start) == (2, pd.Timestamp("2025-03-29"))
    assert list(review.shows_started["title"]) == ["Alpha"]
    assert review.shows_finished is None  # a bare frame: aired counts unknown
    table = review.table().set_index("label")["value"]
    assert table["time zone"] == "Europe/Berlin"
    assert table["shows finished"] == "unknown"


def test_year_in_review_new_year_in_kolkata(six):
    review = year_in_review(six, 2026, tz="Asia/Kolkata")
    assert review.totals["plays"] == 2  # plays 4 and 5
    assert review.busiest_hour == 0
    assert review.busiest_weekday == "Thursday"
    assert review.totals["rewatches"] == 1  # play 5: Alpha S1E1 again
    assert list(review.shows_started["title"]) == ["Beta"]


def test_year_in_review_of_a_progress_uses_its_zone_and_finds_finished_shows():
    history = plays(
        [
            ("2024-12-20 20:00", "Xeno", 1, 1, 60, "episode"),
            ("2025-02-01 20:00", "Xeno", 1, 2, 60, "episode"),
            ("2026-01-10 20:00", "Xeno", 1, 1, 60, "episode"),  # a rewatch: not a finish
            ("2025-03-01 20:00", "Yoke", 1, 1, 20, "episode"),
        ]
    )
    shows = pd.DataFrame(
        {
            "title": ["Xeno", "Yoke"],
            "year": pd.array([2001, 2001], dtype="Int64"),
            "aired": pd.array([2, 10], dtype="Int64"),
            "completed": pd.array([2, 1], dtype="Int64"),
        }
    )
    shows["trakt_id"] = pd.array([pd.NA, pd.NA], dtype="Int64")  # matched by (title, year)
    review = year_in_review(progress_of(history, timezone="Asia/Kolkata", shows=shows), 2025)
    assert review.timezone == "Asia/Kolkata"
    assert list(review.shows_finished["title"]) == ["Xeno"]
    assert review.shows_finished["finished_at"].iloc[0] == pd.Timestamp("2025-02-01 20:00Z")
    assert list(review.shows_started["title"]) == ["Yoke"]
    assert year_in_review(progress_of(history, shows=shows), 2024, tz="UTC").shows_finished.empty


def test_year_in_review_errors(six):
    both = pd.concat([six, plays(SIX, user="bob")], ignore_index=True)
    with pytest.raises(ta.TraktArgumentError, match="2 users"):
        year_in_review(both, 2025, tz="UTC")
    assert year_in_review(both, 2025, tz="UTC", user="bob").user == "bob"
    with pytest.raises(ta.TraktArgumentError, match="year"):
        year_in_review(six, "2025")
    empty = year_in_review(six.iloc[:0], 2025, tz="UTC")
    assert empty.totals["plays"] == 0
    assert empty.totals["hours"] == 0
    assert empty.busiest_month is None
    assert empty.longest_streak == 0


# -- time zones and input ----------------------------------------------------------------


def test_zone_default_is_the_profiles_then_the_machines(six, monkeypatch):
    assert watch_clock(progress_of(six, timezone="Asia/Kolkata")).attrs["timezone"] == (
        "Asia/Kolkata"
    )
    assert (
        watch_clock(progress_of(six, timezone="Asia/Kolkata"), tz="UTC").attrs["timezone"] == "UTC"
    )
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    assert local_timezone() == "America/Sao_Paulo"
    assert resolve_timezone() == "America/Sao_Paulo"
    assert watch_clock(six).attrs["timezone"] == "America/Sao_Paulo"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert resolve_timezone() != "Not/AZone"


def test_bad_input_gets_clear_errors(six):
    with pytest.raises(ta.TraktArgumentError, match="IANA"):
        watch_clock(six, tz="Mars/Olympus")
    with pytest.raises(ta.TraktArgumentError, match="no watch history"):
        watch_clock(progress_of(None))
    with pytest.raises(ta.TraktArgumentError, match="watched_at"):
        watch_clock(pd.DataFrame({"title": ["x"]}))
    with pytest.raises(ta.TraktArgumentError, match="history frame"):
        watch_clock([1, 2])


def test_naive_times_are_taken_as_utc(six):
    naive = six.assign(watched_at=six["watched_at"].dt.tz_localize(None))
    assert np.array_equal(
        watch_clock(naive, tz="Asia/Kolkata").to_numpy(),
        watch_clock(six, tz="Asia/Kolkata").to_numpy(),
    )


def test_public_names():
    for name in (
        "watch_clock",
        "watch_time",
        "watch_calendar",
        "streaks",
        "binge_sessions",
        "top_shows",
        "rewatches",
        "year_in_review",
    ):
        assert name in ta.__all__
        assert callable(getattr(ta, name))


def test_unknown_dates_at_the_epoch_are_no_time(six):
    # Trakt returns a play marked as watched on an "unknown date" at the Unix epoch.
    unknown = plays([("1970-01-01 00:00", "Alpha", 1, 4, 45, "episode")])
    history = pd.concat([six, unknown])  # index labels repeat: positions must be used
    clock = watch_clock(history, tz="Europe/Berlin")
    assert clock.to_numpy().sum() == 6
    assert clock.attrs["plays_without_time"] == 1
    years = watch_time(history, freq="year", tz="UTC")
    assert list(years["plays"]) == [6]  # no 1970, no 55 empty years
    assert years.attrs["plays_without_time"] == 1
    assert streaks(history, tz="UTC", today="2026-01-01").loc[0, "longest"] == 2
    shows = top_shows(history, by="plays")
    alpha = shows.set_index("title").loc["Alpha"]
    assert alpha["plays"] == 5  # still a play
    assert alpha["first_watched_at"] == pd.Timestamp("2025-03-29 22:30", tz="UTC")
    assert year_in_review(history, 2025, tz="UTC").totals["plays"] == 6


def test_concat_without_ignore_index(six):
    both = pd.concat([six, plays(SIX, user="bob")])  # labels 0-5 twice
    got = binge_sessions(both, max_break="3h", tz="UTC")
    assert list(got["user"]) == ["ann", "bob"]
    assert len(rewatches(both)) == 2
    assert list(top_shows(both, top=1)["user"]) == ["ann", "bob"]


# -- the demo users: expected values from the generator's plan ----------------------------


@pytest.mark.parametrize("user", ["demo", "casual", "binger"])
def test_demo_clock_and_years_match_the_plan(user):
    from collections import Counter
    from zoneinfo import ZoneInfo

    from trakt_analysis.demo.users import DEMO_TIMEZONES, demo_plan

    _, planned = demo_plan(user)
    zone = ZoneInfo(DEMO_TIMEZONES[user])
    local = [(p, p.watched_at.astimezone(zone)) for p in planned]  # datetime, not pandas
    progress = ta.load_demo(user)
    clock = watch_clock(progress)  # the profile's zone
    assert clock.attrs["timezone"] == DEMO_TIMEZONES[user]
    assert cells(clock) == dict(Counter((t.weekday(), t.hour) for _, t in local))
    years = watch_time(progress, freq="year")
    rows = zip(years["period"], years["plays"], years["hours"], strict=True)
    got = {p.year: (n, h) for p, n, h in rows}
    plays = Counter(t.year for _, t in local)
    minutes = Counter()
    for p, t in local:
        minutes[t.year] += p.runtime
    for year, n in plays.items():
        assert got[year][0] == n
        assert got[year][1] == pytest.approx(minutes[year] / 60)


def test_the_export_and_the_demo_agree():
    from tests.helpers.export_like import load_demo_export

    export = load_demo_export()
    demo = ta.load_demo()
    same = ["plays", "episode_plays", "movie_plays", "shows", "days", "rewatches"]
    for year in (2014, 2025):
        got, want = year_in_review(export, year).totals, year_in_review(demo, year).totals
        assert got[same].equals(want[same])
        # The export's history has no runtimes (extended=gdpr): hours are unknown, not 0.
        assert pd.isna(got["hours"])
        assert got["plays_without_runtime"] == want["plays"]
    # The export has aired counts for the shows without a hidden season only: the shows
    # it can say were finished are some of those the demo (all aired counts) says.
    finished = year_in_review(export, 2025).shows_finished
    want = year_in_review(demo, 2025).shows_finished
    assert finished is not None
    assert want is not None
    assert set(zip(finished["title"], finished["year"], strict=True)) <= set(
        zip(want["title"], want["year"], strict=True)
    )
