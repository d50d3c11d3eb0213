"""'now' and 'today' in a date field are no time: pandas would read them as the time of the load.

The history parser had it (found by the adversarial tests); these are the other
parsers that read ISO 8601 text with pandas.
"""

from __future__ import annotations

import pandas as pd
import pytest

from trakt_analysis.parsers._checks import iso_times
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.tvmaze import _air_stamps
from trakt_analysis.parsers.v2_progress import _time, _times


@pytest.mark.parametrize("word", ["now", "today"])
def test_iso_times_reads_clock_words_as_nat(word):
    parsed = iso_times([word, "2020-01-01T00:00:00Z", None, "2020-01-01T02:00:00+02:00"])
    assert pd.isna(parsed.iloc[0])
    assert parsed.iloc[1] == parsed.iloc[3] == pd.Timestamp("2020-01-01", tz="UTC")
    assert pd.isna(parsed.iloc[2])


@pytest.mark.parametrize("word", ["now", "today"])
def test_v2_progress_times_warn_on_clock_words(word):
    problems = Problems("v2")
    times = _times([word, "2020-01-01T00:00:00.000Z"], "last_watched_at", ["A", "B"], problems)
    assert pd.isna(times[0])
    assert times[1] == pd.Timestamp("2020-01-01", tz="UTC")
    assert problems.messages() == [f"v2: 'A': last_watched_at '{word}' is not a date; loaded as NA"]
    assert _time(word) is None


def test_tvmaze_airstamps_warn_on_clock_words():
    problems = Problems("Show")
    stamps = _air_stamps(["now", "2020-01-01T01:00:00+00:00"], problems)
    assert pd.isna(stamps[0])
    assert stamps[1] == pd.Timestamp("2020-01-01 01:00", tz="UTC")
    assert problems.messages() == ["Show: episode 0: airstamp 'now'; loaded as NA"]
