"""Hand-worked histories for the backlog planner and the calendar (tests/analysis/test_backlog.py).

User ``ann`` (New York, UTC-5 in winter), today = Tue 2026-03-10; the pace
window is the 28 local days 2026-02-11 .. 2026-03-10.

=====  ==============  =====  =====  ====  =======  =================================  ==========
show   title           aired  done   left  runtime  plays (New York time)              status
=====  ==============  =====  =====  ====  =======  =================================  ==========
1      Daily           10     6      4     30 (E9:  S1E1-6 at 20:00 on 03-04 .. 03-09  NA
                                           60)
2      Old             10     2      8     45 show  S1E1-2 on 2025-03-01               NA
3      Hidden          5      1      4     NA       S1E1 on 03-09 12:00, hidden        NA
4      Ended           3      3      0     30       S1E1-3 on 2025-12-01               Ended
5      Returning       3      3      0     30       S1E1-3 on 2025-12-01; S1E4         Returning
                                                    announced for 2026-03-20           Series
6      NoRuntime       4      2      2     NA       S1E1-2 on 2026-01-29 (40 days)     NA
7      Binge           10     4      6     NA       S1E1-4 at 23:10, 23:40 on 02-10,   NA
                                                    00:10, 00:40 on 02-11 (UTC: all
                                                    04:10-05:40 on 02-11)
8      Unstarted       5      0      5     NA       none                               NA
9      Counts unknown  NA     2      NA    NA       S1E1-2 on 03-01                    NA
=====  ==============  =====  =====  ====  =======  =================================  ==========

User ``bob``: show 1 (Daily), aired 10, completed 3, plays of S1E1-3 on 03-09.

Announced episodes (``Progress.schedule`` of ann; Returning's S1E4 is also an
unwatched row of the episodes frame, air time only):

=========  ======  ==========  =================  =================  =======
show       ep      title       UTC                New York           runtime
=========  ======  ==========  =================  =================  =======
Daily      S02E01  Back        03-15 02:00        Sat 03-14 22:00    NA (show: 30)
Old        S01E11  Late        03-12 01:00        03-11 21:00        NA (dropped)
Hidden     S01E06  Gone        03-13 01:00        03-12 21:00        NA (hidden)
Returning  S01E04  Finale      03-21 01:00        Fri 03-20 21:00    45
Daily      S02E02  Far         05-01 01:00        04-30 21:00        NA (past 30 days)
=========  ======  ==========  =================  =================  =======

Network: Daily "HBO", the others NA.
"""

from __future__ import annotations

import pandas as pd

from trakt_analysis import Progress, Provenance

TODAY = "2026-03-10"
NY = "America/New_York"

_SHOWS = [
    # trakt_id, title, aired, completed, left, runtime, status, hidden
    (1, "Daily", 10, 6, 4, 30, None, False),
    (2, "Old", 10, 2, 8, 45, None, False),
    (3, "Hidden", 5, 1, 4, None, None, True),
    (4, "Ended", 3, 3, 0, 30, "Ended", False),
    (5, "Returning", 3, 3, 0, 30, "Returning Series", False),
    (6, "NoRuntime", 4, 2, 2, None, None, False),
    (7, "Binge", 10, 4, 6, None, None, False),
    (8, "Unstarted", 5, 0, 5, None, None, False),
    (9, "Counts unknown", None, 2, None, None, None, None),
]


def _ny(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=NY).tz_convert("UTC")


def _plays() -> list[tuple[int, int, pd.Timestamp]]:
    plays = [(1, e, _ny(f"2026-03-{3 + e:02d} 20:00")) for e in range(1, 7)]
    plays += [(2, e, _ny("2025-03-01 21:00")) for e in (1, 2)]
    plays += [(3, 1, _ny("2026-03-09 12:00"))]
    plays += [(4, e, _ny("2025-12-01 21:00")) for e in (1, 2, 3)]
    plays += [(5, e, _ny("2025-12-01 22:00")) for e in (1, 2, 3)]
    plays += [(6, e, _ny("2026-01-29 21:00")) for e in (1, 2)]
    binge = ("2026-02-10 23:10", "2026-02-10 23:40", "2026-02-11 00:10", "2026-02-11 00:40")
    plays += [(7, e, _ny(at)) for e, at in enumerate(binge, start=1)]
    plays += [(9, e, _ny("2026-03-01 21:00")) for e in (1, 2)]
    return plays


def _episodes(user: str) -> pd.DataFrame:
    rows = []
    for trakt_id, title, aired, done, _left, _rt, _status, _hidden in _SHOWS:
        if user == "bob" and trakt_id != 1:
            continue
        if aired is None or trakt_id == 2:  # no episode list: Old has the show's runtime only
            continue
        done = 3 if user == "bob" else done
        for e in range(1, aired + 1):
            runtime = {1: 60 if e == 9 else 30, 4: 30, 5: 30}.get(trakt_id)
            rows.append((user, title, trakt_id, 1, e, e <= done, runtime, pd.NaT))
        if trakt_id == 5:  # announced, not aired: never in `left`
            rows.append((user, title, 5, 1, 4, False, 30, pd.Timestamp("2026-03-21 01:00Z")))
    frame = pd.DataFrame(
        rows,
        columns=[
            "user",
            "title",
            "trakt_id",
            "season",
            "episode",
            "watched",
            "runtime",
            "first_aired",
        ],
    )
    frame["runtime"] = frame["runtime"].astype("Int32")
    frame["first_aired"] = pd.to_datetime(frame["first_aired"], utc=True)
    frame["year"] = 2020
    return frame


def _history(user: str) -> pd.DataFrame:
    plays = [(1, e, _ny("2026-03-09 21:00")) for e in (1, 2, 3)] if user == "bob" else _plays()
    titles = {s[0]: s[1] for s in _SHOWS}
    return pd.DataFrame(
        {
            "user": user,
            "title": [titles[s] for s, _, _ in plays],
            "year": 2020,
            "trakt_id": [s for s, _, _ in plays],
            "watched_at": pd.to_datetime([at for _, _, at in plays], utc=True),
            "type": "episode",
            "season": 1,
            "episode": [e for _, e, _ in plays],
            "runtime": pd.array([None] * len(plays), dtype="Int32"),
        }
    )


def _shows(user: str) -> pd.DataFrame:
    rows = [s for s in _SHOWS if user == "ann" or s[0] == 1]
    frame = pd.DataFrame(
        rows,
        columns=["trakt_id", "title", "aired", "completed", "left", "runtime", "status", "hidden"],
    )
    frame.insert(0, "user", user)
    frame["year"] = 2020
    if user == "bob":
        frame[["completed", "left"]] = [3, 7]
    frame["plays"] = frame["completed"]
    for column in ("aired", "completed", "left", "plays", "runtime", "trakt_id", "year"):
        frame[column] = frame[column].astype("Int64")
    frame["hidden"] = frame["hidden"].astype("boolean")
    frame["network"] = pd.array(["HBO" if t == 1 else None for t in frame["trakt_id"]], dtype="str")
    return frame


_SCHEDULE = [
    (1, "Daily", 2, 1, "Back", "2026-03-15 02:00Z", None),
    (2, "Old", 1, 11, "Late", "2026-03-12 01:00Z", None),
    (3, "Hidden", 1, 6, "Gone", "2026-03-13 01:00Z", None),
    (5, "Returning", 1, 4, "Finale", "2026-03-21 01:00Z", 45),
    (1, "Daily", 2, 2, "Far", "2026-05-01 01:00Z", None),
]


def _schedule() -> pd.DataFrame:
    frame = pd.DataFrame(
        _SCHEDULE,
        columns=[
            "trakt_id",
            "title",
            "season",
            "episode",
            "episode_title",
            "first_aired",
            "runtime",
        ],
    )
    frame.insert(0, "user", "ann")
    frame["year"] = 2020
    frame["first_aired"] = pd.to_datetime(frame["first_aired"], utc=True)
    frame["runtime"] = frame["runtime"].astype("Int32")
    return frame


def _seasons(user: str) -> pd.DataFrame:
    shows = _shows(user)
    return pd.DataFrame(
        {
            "user": user,
            "title": shows["title"],
            "year": 2020,
            "trakt_id": shows["trakt_id"],
            "season": 1,
            "hidden": False,
        }
    )


def progress(user: str = "ann", *, tz: str | None = NY, schedule: bool = True) -> Progress:
    """The hand-worked progress of `user` (``ann`` or ``bob``)."""
    return Progress(
        _shows(user),
        _seasons(user),
        _episodes(user),
        user,
        history=_history(user),
        provenance=Provenance(kind="demo", label=user, timezone=tz),
        schedule=_schedule() if user == "ann" and schedule else None,
    )
