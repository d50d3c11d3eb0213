"""``ShowIndex``: which show each row of a long frame belongs to, worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from trakt_analysis.analysis._inputs import ShowIndex, show_positions


def _shows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user": ["a", "a", "b", "a", "a"],
            "trakt_id": pd.array([1, 1, 1, None, None], dtype="Int64"),
            "tvdb_id": pd.array([10, 11, 10, 30, None], dtype="Int64"),
            "imdb_id": pd.array([None, None, None, None, None], dtype="str"),
            "title": ["X", "X2", "X", "Y", "Z"],
            "year": pd.array([2000, 2000, 2000, 2001, None], dtype="Int64"),
        }
    )


def test_rows_match_by_the_first_id_known_within_their_user():
    frame = pd.DataFrame(
        {
            "user": pd.Categorical(["a", "b", "a", "a", "c", "a", "a"]),
            "trakt_id": pd.array([1, 1, None, 2, 1, 1, None], dtype="Int64"),
            "tvdb_id": pd.array([None, None, 30, None, None, None, None], dtype="Int64"),
            "title": pd.Categorical(["?", "?", "?", "Y", "X", "?", "Z"]),
            "year": pd.array([None, None, None, 2001, 2000, None, None], dtype="Int16"),
        }
    )
    got = ShowIndex(_shows()).positions(frame)
    # Trakt id 1 of user a is rows 0 and 1 of the shows: the first wins. User b has its own.
    # Trakt id 2 is no show's: title and year find Y. User c has no shows. "Z" without a
    # year matches nothing (a title alone is not a key).
    assert got.tolist() == [0, 2, 3, 3, -1, 0, -1]
    assert got.dtype == np.int64


def test_no_shows_or_no_rows():
    assert show_positions(_shows().iloc[:0], _shows()).tolist() == [-1] * 5
    assert show_positions(_shows(), _shows().iloc[:0]).tolist() == []
    # Each show finds itself, but the second "a / trakt 1" row finds the first.
    assert show_positions(_shows(), _shows()).tolist() == [0, 0, 2, 3, -1]
