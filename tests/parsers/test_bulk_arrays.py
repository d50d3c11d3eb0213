"""The parsers' bulk array builders give what pandas' own constructors give, value for value."""

from __future__ import annotations

import pandas as pd
import pytest

from trakt_analysis import schema
from trakt_analysis.parsers._checks import masked_na, str_array, unix_times


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
