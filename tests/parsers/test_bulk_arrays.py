"""The parsers' bulk array builders give what pandas' own constructors give, value for value."""

from __future__ import annotations

import pandas as pd
import pytest

from trakt_analysis import schema
from trakt_analysis.parsers._checks import (
    BadValue,
    masked_na,
    str_array,
    unix_times,
    utc_time,
    utc_times,
)


@pytest.mark.parametrize(
    "values",
    [
        ["Game of Thrones", None, "", "進撃の巨人", "Señor Ávila", "😀"],
        [],
        [None, None],
        ["1883", 1883],  # not all text: as pandas makes it
    ],
    ids=["text", "empty", "only nulls", "a number"],
)
def test_str_array_is_the_schemas_text_array(values):
    got = str_array(values)
    assert got.dtype == schema.STR
    pd.testing.assert_extension_array_equal(got, pd.array(values, dtype=schema.STR))


@pytest.mark.parametrize("dtype", ["Int64", "Int32", "Float64", "boolean"])
def test_masked_na_is_all_na_of_its_dtype(dtype):
    got = masked_na(pd.api.types.pandas_dtype(dtype), 3)
    assert got.dtype == dtype
    assert got.isna().all()
    assert len(got) == 3


def test_unix_times_in_bulk_hand_worked():
    # -192091500 s: 1963-11-30 17:15 UTC (the first round's refused file); 0 and None unknown.
    got = unix_times([-192091500, 0, None, 1314216000, 9_000_000_000], str)
    assert got.dtype == schema.UTC
    assert list(got.astype(object)) == [
        pd.Timestamp("1963-11-30 17:15", tz="UTC"),
        pd.NaT,
        pd.NaT,
        pd.Timestamp("2011-08-24 20:00", tz="UTC"),
        pd.Timestamp("2255-03-14 16:00", tz="UTC"),
    ]


def _times_one_by_one(values):
    """The times as the scalar conversion (utc_time) reads each, and the odd ones' positions."""
    times, bad = [], []
    for i, value in enumerate(values):
        try:
            times.append(utc_time(value))
        except BadValue:
            times.append(None)
            bad.append(i)
    return pd.array(pd.to_datetime(pd.Series(times, dtype=object), utc=True), dtype=schema.UTC), bad


@pytest.mark.parametrize(
    "values",
    [
        # Trakt's form: read in bulk from the bytes. Hand-worked: 2024 is a leap year.
        ["2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "2261-12-31T00:00:00.001Z"],
        # One odd value anywhere: the general path reads and explains each.
        ["2023-02-29T10:00:00.000Z", "2023-03-01T10:00:00.000Z"],  # no 29 February in 2023
        ["2023-10-23T24:00:00.000Z"],
        ["2023-10-23T18:31:60.000Z"],
        ["2023-13-01T00:00:00.000Z"],
        ["2262-04-12T00:00:00.000Z", "1677-09-21T00:00:00.000Z", "0001-01-01T00:00:00.000Z"],
        ["2023-10-23T18:31:05.000+01:00", "2023-10-23T18:31:05Z", "2023-10-23 18:31:05.000Z"],
        ["2023-10-23T18:31:05.000Z", None],
        ["２０２３-10-23T18:31:05.00Z", "2023-1O-23T18:31:05.000Z"],
    ],
    ids=[
        "trakt",
        "29 Feb",
        "hour 24",
        "second 60",
        "month 13",
        "beyond",
        "other forms",
        "null",
        "not digits",
    ],
)
def test_utc_times_in_bulk_are_the_times_one_by_one(values):
    got, bad = utc_times(values)
    want, want_bad = _times_one_by_one(values)
    pd.testing.assert_extension_array_equal(got, want)
    assert [i for i, _ in bad] == want_bad


def test_trakt_stamps_hand_worked():
    got, bad = utc_times(["2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z"])
    assert bad == []
    assert got.asi8.tolist() == [
        (((19_782 * 24 + 23) * 60 + 59) * 60 + 59) * 10**9 + 999 * 10**6,  # 19,782 days
        0,
    ]
