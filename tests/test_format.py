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
