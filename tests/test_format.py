import pandas as pd

from trakt_analysis._format import episode_code, fmt_int, fmt_pct


def test_episode_code():
    assert episode_code(2, 9) == "S02E09"
    assert episode_code(1, 168) == "S01E168"
    assert episode_code(pd.NA, 3) == ""


def test_missing_numbers_are_never_shown_as_zero():
    assert fmt_int(pd.NA) == "\N{EM DASH}"
    assert fmt_int(None, "?") == "?"
    assert fmt_pct(float("nan")) == "\N{EM DASH}"
    assert fmt_int(0) == "0"
    assert fmt_pct(0.526) == "52.6%"


def test_show_label_names_the_year_and_never_writes_na_for_a_missing_title():
    from trakt_analysis._format import show_label

    assert show_label("The Office", 2001) == "The Office (2001)"
    assert show_label("NA", pd.array([2019], dtype="Int64")[0]) == "NA (2019)"
    assert show_label("Dark", pd.NA) == "Dark"
    assert show_label(pd.NA, 2017) == "unknown"


def test_next_episode_codes_leave_unknown_pairs_empty():
    from trakt_analysis._format import next_episode_codes

    shows = pd.DataFrame(
        {
            "next_season": pd.array([2, None, 1, 0], dtype="Int64"),
            "next_number": pd.array([9, 4, None, 168], dtype="Int64"),
        }
    )
    assert next_episode_codes(shows) == ["S02E09", "", "", "S00E168"]
    assert next_episode_codes(shows.iloc[:0]) == []


def test_fmt_date_writes_the_day_of_its_own_time_zone():
    import datetime

    from trakt_analysis._format import fmt_date

    late = pd.Timestamp("2024-12-31 23:30", tz="UTC")
    assert fmt_date(late) == "2024-12-31"
    assert fmt_date(late.tz_convert("Europe/Berlin")) == "2025-01-01"
    assert fmt_date(datetime.date(2024, 4, 2)) == "2024-04-02"
    assert fmt_date("2021-07-08T05:00") == "2021-07-08"
    assert fmt_date(pd.NaT) == ""
    assert fmt_date(None) == ""
