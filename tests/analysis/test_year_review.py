"""The deeper year and month in review, against values worked out by hand (zone UTC).

====  =================  ===================  =======  ==================================
play  UTC                what                 runtime  note
====  =================  ===================  =======  ==================================
1     2024-05-01 20:00   Alpha S1E1           60       2024
2     2024-06-01 20:00   movie Gamma          120      2024
3     2025-01-05 10:00   Alpha S1E2           60       Sun; a binge: each starts as the
4     2025-01-05 11:00   Alpha S1E3           60       one before ends (0 min break)
5     2025-01-05 12:00   Alpha S1E4           60
6     2025-02-10 21:00   Beta S1E1            30       Mon; a binge of 3 too (a tie)
7     2025-02-10 21:30   Beta S1E2            30
8     2025-02-10 22:00   Beta S1E3            30
9     2025-03-01 20:00   movie Gamma          120      Sat; a rewatch of play 2
10    2025-03-02 20:00   movie Omega          90       Sun
11    2025-12-31 22:00   Delta S1E1           NA       Wed
12    2026-01-01 00:30   Delta S1E2           45       2026
====  =================  ===================  =======  ==================================

2025: 9 plays (7 episodes, 2 movies); episode hours 3x1 + 3x0.5 = 4.5, movie hours
2 + 1.5 = 3.5, total 8.0 with one play (11) without runtime. 2024: 2 plays, 3.0 hours,
1 show, 1 movie. January and February tie on plays (3 each); March has the most hours
(3.5). Days: 5; the streak is 1-2 March. Alpha was first played in 2024 (continued);
Beta and Delta are new.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.history_cases import history
from trakt_analysis.analysis.review_parts import ranked_shows, ratings_in


@pytest.fixture(scope="module")
def review():
    return ta.year_in_review(history(), 2025, tz="UTC")


def test_shows_and_movies_apart(review):
    t = review.totals
    assert (t["plays"], t["episode_plays"], t["movie_plays"]) == (9, 7, 2)
    assert (t["hours"], t["episode_hours"], t["movie_hours"]) == (8.0, 4.5, 3.5)
    assert t["plays_without_runtime"] == 1
    assert (t["shows"], t["movies"]) == (3, 2)
    assert t["rewatches"] == 1  # Gamma again
    assert list(review.top_movies["title"]) == ["Gamma", "Omega"]
    # one play each, but Gamma is longer: ranked, not tied
    assert list(review.top_movies["rank"]) == [1, 2]
    assert not review.top_movies["tied"].any()


def test_first_and_last_play(review):
    first, last = review.first_play, review.last_play
    assert (first["title"].tolist(), first["episode"].tolist()) == (["Alpha"], [2])
    assert first["watched_at"].iloc[0] == pd.Timestamp("2025-01-05 10:00", tz="UTC")
    assert last["title"].tolist() == ["Delta"]
    table = review.table().set_index("label")["value"]
    assert table["first play"] == "Alpha (2001) S01E02 (2025-01-05 10:00)"
    assert table["last play"] == "Delta (2001) S01E01 (2025-12-31 22:00)"


def test_against_the_year_before(review):
    vs = review.vs_previous
    assert review.previous == pd.Period("2024", "Y")
    assert vs.loc["plays"].tolist() == [9, 2, 7, 350.0]
    assert vs.loc["hours", "previous"] == 3.0
    assert vs.loc["hours", "change"] == 5.0
    assert vs.loc["hours", "change_pct"] == pytest.approx(500 / 3)
    assert vs.loc["shows"].tolist() == [3, 1, 2, 200.0]
    assert vs.loc["movies"].tolist() == [2, 1, 1, 100.0]
    table = review.table().set_index("label")["value"]
    assert table["plays vs 2024"] == "9 vs 2 (+7, +350%)"
    assert table["hours vs 2024"] == "8.0 vs 3.0 (+5.0, +167%)"


def test_months_and_their_top_shows(review):
    months = review.months.set_index("month")
    assert len(months) == 12
    jan, feb, mar, dec = (pd.Period(f"2025-{m}", "M") for m in ("01", "02", "03", "12"))
    assert months.loc[jan, ["plays", "hours", "top_show"]].tolist() == [3, 3.0, "Alpha (2001)"]
    assert months.loc[feb, "top_show"] == "Beta (2001)"  # named with its year
    assert pd.isna(months.loc[mar, "top_show"])  # movies only
    assert months.loc[mar, "hours"] == 3.5
    assert pd.isna(months.loc[dec, "hours"])  # its one play has no runtime: unknown, not 0
    assert months.loc[dec, "top_show"] == "Delta (2001)"
    assert months.loc[pd.Period("2025-07", "M"), "plays"] == 0
    assert review.most_hours_month == mar
    assert review.busiest["hours_month"] == 3.5


def test_ties_are_named(review):
    assert review.busiest_month == pd.Period("2025-01", "M")  # the earliest of the tie
    assert review.ties["month"] == (pd.Period("2025-01", "M"), pd.Period("2025-02", "M"))
    assert review.ties["date"] == (pd.Timestamp("2025-01-05"), pd.Timestamp("2025-02-10"))
    assert review.ties["hour"] == (20, 21, 22)
    assert review.busiest_weekday == "Sunday"  # 5 Jan (3) + 2 Mar (1)
    table = review.table().set_index("label")["value"]
    assert table["busiest month"] == "January, February (3 plays each)"
    assert table["busiest hour"] == "20:00, 21:00, 22:00 (2 plays each)"
    assert table["busiest weekday"] == "Sunday (4 plays)"
    assert table["month with most hours"] == "March (3.5 hours)"


def test_binges_streak_and_shows_new_or_continued(review):
    assert review.totals["binges"] == 2
    binge = review.longest_binge
    assert binge["title"].tolist() == ["Alpha", "Beta"]  # both 3 plays: a tie
    assert binge["first"].tolist() == ["S01E02", "S01E01"]
    assert (review.longest_streak, review.streak_start) == (2, pd.Timestamp("2025-03-01"))
    assert review.totals["days"] == 5
    assert review.shows_started["title"].tolist() == ["Beta", "Delta"]
    assert review.shows_continued["title"].tolist() == ["Alpha"]
    assert review.shows_continued["plays"].tolist() == [3]
    assert (review.totals["new_shows"], review.totals["continued_shows"]) == (2, 1)
    table = review.table().set_index("label")["value"]
    assert table["longest binge"] == (
        "Alpha (2001) S01E02-S01E04 on 2025-01-05; "
        "Beta (2001) S01E01-S01E03 on 2025-02-10 (3 plays)"
    )


def test_binges_are_unknown_when_no_play_has_a_runtime():
    # The account export's history has no runtimes: the plays of 2025-01-05 (an hour
    # apart) may have been one sitting or three; the count is unknown, not 0.
    frame = history()
    frame["runtime"] = pd.array([pd.NA] * len(frame), dtype="Int32")
    review = ta.year_in_review(frame, 2025, tz="UTC")
    assert pd.isna(review.totals["binges"])
    assert any(n.startswith("binge sessions unknown") for n in review.notes)
    table = review.table().set_index("label")["value"]
    assert table["binge sessions"] == "unknown"
    # No longest binge either: "unknown" above a named binge was a contradiction.
    assert review.longest_binge.empty
    assert table["longest binge"] == "unknown"


def test_a_show_titled_na_is_named_with_its_year():
    # A show may be titled "NA" (the demo's 2019 comedy): with its year it reads as a
    # title, not as a missing value.
    frame = history()
    frame["title"] = frame["title"].astype(object).replace({"Alpha": "NA"})
    frame["year"] = frame["year"].astype("Int64").mask(frame["title"] == "NA", 2019)
    table = ta.year_in_review(frame, 2025, tz="UTC").table().set_index("label")["value"]
    assert table["first play"] == "NA (2019) S01E02 (2025-01-05 10:00)"
    assert table["longest binge"].startswith("NA (2019) S01E02-S01E04 on 2025-01-05; Beta (2001) ")


def test_what_the_source_lacks_is_unknown_with_a_reason(review):
    assert review.genres is None
    assert review.networks is None
    assert review.ratings is None
    assert pd.isna(review.totals["ratings"])
    assert review.shows_finished is None
    assert any("genres" in n for n in review.notes)
    assert any("ratings" in n for n in review.notes)
    table = review.table().set_index("label")["value"]
    assert table["top genre"] == "unknown"
    assert table["ratings given"] == "unknown"


def test_genres_and_networks_from_show_metadata():
    shows = pd.DataFrame(
        {
            "title": ["Alpha", "Beta", "Delta"],
            "year": pd.array([2001] * 3, dtype="Int64"),
            "trakt_id": pd.array([1, 2, 4], dtype="Int64"),
            "aired": pd.array([10, 3, 8], dtype="Int64"),
            "completed": pd.array([4, 3, 2], dtype="Int64"),
            "genres": [["Drama", "Comedy"], ["Drama"], None],
            "network": ["HBO", "BBC One", pd.NA],
        }
    )
    progress = ta.Progress(
        shows,
        pd.DataFrame(),
        pd.DataFrame(),
        "ann",
        history=history(),
        provenance=ta.Provenance("demo", "test", timezone="UTC"),
    )
    review = ta.year_in_review(progress, 2025)
    genres = review.genres
    # Delta's genres are unknown: its one play (no runtime) is "unknown", never a genre.
    assert genres["genre"].tolist() == ["Drama", "Comedy", "unknown"]
    assert genres["plays"].tolist() == [6, 3, 1]
    assert genres["hours"].tolist()[:2] == [4.5, 3.0]
    assert pd.isna(genres["hours"].iloc[2])
    assert genres["shows"].tolist() == [2, 1, 1]
    assert review.networks["network"].tolist() == ["HBO", "BBC One", "unknown"]
    assert review.shows_finished["title"].tolist() == ["Beta"]  # 3 of 3, last on 10 Feb
    # one month: January has Alpha's plays alone; a tie goes by name (breakdown's rule)
    january = ta.month_in_review(progress, 2025, 1).genres
    assert january["genre"].tolist() == ["Comedy", "Drama"]
    assert january["plays"].tolist() == [3, 3]
    table = review.table().set_index("label")["value"]
    assert table["top genre"] == "Drama (4.5 hours, 6 plays)"


def test_ratings_given_in_the_period():
    ratings = pd.DataFrame(
        {
            "title": ["Alpha", "Beta", "Gamma"],
            "rating": [8, 6, 9],
            "rated_at": pd.to_datetime(
                ["2024-12-31 23:30", "2025-03-01 10:00", "2025-12-31 23:30"], utc=True
            ),
        }
    )
    year, reason = ratings_in(ratings, "UTC", pd.Period("2025", "Y"))
    assert reason is None
    assert year["title"].tolist() == ["Beta", "Gamma"]
    # In Kolkata (+5:30) the last one is already 2026, the first already 2025.
    year, _ = ratings_in(ratings, "Asia/Kolkata", pd.Period("2025", "Y"))
    assert year["title"].tolist() == ["Alpha", "Beta"]
    assert ratings_in(None, "UTC", pd.Period("2025", "Y"))[0] is None


def test_top_lists_keep_every_show_tied_with_the_last_place():
    rows = [
        ("2025-05-01 20:00", "Alpha", 1, 1, 30, "episode"),
        ("2025-05-02 20:00", "Beta", 1, 1, 30, "episode"),
        ("2025-05-03 20:00", "Delta", 1, 1, 30, "episode"),
        ("2025-05-04 20:00", "Delta", 1, 2, 30, "episode"),
    ]
    top = ranked_shows(history(rows), by="plays", top=2)
    assert top["title"].tolist() == ["Delta", "Alpha", "Beta"]
    assert top["rank"].tolist() == [1, 2, 2]
    assert top["tied"].tolist() == [False, True, True]


def test_month_in_review():
    march = ta.month_in_review(history(), 2025, 3, tz="UTC")
    assert isinstance(march, ta.MonthInReview)
    assert march.label == "March 2025"
    assert march.period == pd.Period("2025-03", "M")
    t = march.totals
    assert (t["plays"], t["episode_plays"], t["movie_plays"], t["hours"]) == (2, 0, 2, 3.5)
    assert march.previous == pd.Period("2025-02", "M")
    assert march.vs_previous.loc["plays"].tolist()[:3] == [2, 3, -1]
    assert march.vs_previous.loc["plays", "change_pct"] == pytest.approx(-100 / 3)
    assert pd.isna(march.vs_previous.loc["movies", "change_pct"])  # from 0 movies
    assert march.vs_previous.loc["movies", "change"] == 2
    assert march.top_by_hours.empty
    assert march.top_movies["title"].tolist() == ["Gamma", "Omega"]
    assert (march.longest_streak, march.streak_end) == (2, pd.Timestamp("2025-03-02"))
    assert len(march.months) == 1
    assert march.table().set_index("label")["value"]["plays vs 2025-02"] == "2 vs 3 (-1, -33%)"


def test_month_in_review_across_new_year():
    january = ta.month_in_review(history(), 2026, 1, tz="UTC")
    assert january.totals["plays"] == 1
    # December's one play has no runtime: its hours are unknown, so is the change.
    assert pd.isna(january.vs_previous.loc["hours", "previous"])
    assert pd.isna(january.vs_previous.loc["hours", "change"])
    assert january.table().set_index("label")["value"]["hours vs 2025-12"] == "unknown"
    assert january.shows_continued["title"].tolist() == ["Delta"]
    assert january.shows_started.empty


def test_month_in_review_errors():
    with pytest.raises(ta.TraktArgumentError, match="month must be 1-12"):
        ta.month_in_review(history(), 2025, 13, tz="UTC")
    with pytest.raises(ta.TraktArgumentError, match="month must be an int"):
        ta.month_in_review(history(), 2025, "3", tz="UTC")


def test_an_empty_year(review):
    empty = ta.year_in_review(history(), 2030, tz="UTC")
    assert empty.totals["plays"] == 0
    assert empty.totals["hours"] == 0
    assert empty.first_play.empty
    assert empty.longest_binge.empty
    assert empty.ties["month"] == ()
    table = empty.table().set_index("label")["value"]
    assert table["busiest month"] == "-"
    assert table["top movie"] == "-"
    assert dataclasses.replace(review, notes=()).notes == ()


def test_ratings_given_that_year_through_the_progress():
    ratings = pd.DataFrame(
        {
            "type": ["show", "movie", "episode"],
            "title": ["Alpha", "Gamma", "Beta"],
            "rating": pd.array([8, 7, 4], dtype="Int64"),
            "rated_at": pd.to_datetime(
                ["2025-02-01 10:00", "2025-03-01 22:00", "2024-12-31 12:00"], utc=True
            ),
        }
    )
    progress = ta.Progress(
        pd.DataFrame({"title": [], "year": [], "aired": [], "completed": []}),
        pd.DataFrame(),
        pd.DataFrame(),
        "ann",
        history=history(),
        provenance=ta.Provenance("demo", "test", timezone="UTC"),
        ratings=ratings,
    )
    review = ta.year_in_review(progress, 2025)
    assert review.ratings["title"].tolist() == ["Alpha", "Gamma"]
    assert review.totals["ratings"] == 2
    assert review.table().set_index("label")["value"]["ratings given"] == "2, mean 7.5"
    assert not any("ratings" in n for n in review.notes)
    # none given in 2026, but the source has ratings: 0, not unknown
    assert ta.year_in_review(progress, 2026).totals["ratings"] == 0


def test_months_to_come_are_left_out_not_zero_plays():
    from tests.helpers.history_cases import plays

    # 2200 has not begun (the test clock is before it): only March, whose play is dated,
    # is a month of the review; January, February and April to December have no count yet.
    ahead = plays([("2200-03-10 20:00", "Alpha", 1, 1, 45, "episode")])
    review = ta.year_in_review(ahead, 2200, tz="UTC")
    assert review.months["month"].tolist() == [pd.Period("2200-03", "M")]
    assert review.months["plays"].tolist() == [1]
    assert review.busiest_month == pd.Period("2200-03", "M")
    # A year gone by keeps its twelve months, those without a play at 0.
    past = ta.year_in_review(plays([("2025-03-10 20:00", "Alpha", 1, 1, 45, "episode")]), 2025)
    assert len(past.months) == 12
    assert past.months["plays"].sum() == 1
