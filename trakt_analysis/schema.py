"""The schema of the three frames, declared once: column name -> dtype.

Every source (a v1 response, later v2 and the account export) produces the
same frames, so plotting, widgets and reports can rely on these names and
dtypes. Columns listed here are always present, in this order. The shows frame
may carry further columns after them: the extra fields of the ``show`` object
(``extended=normal|full``), flattened with ``_``.

The identity columns (``user``, ``title``, ``year`` and the three ids) are on
every frame, so the frames join on them. In the long frames (seasons and
episodes) the text identity columns are categoricals: a title repeated on
200,000 episode rows then costs a small integer code per row instead of a
string object, and season and episode numbers are int32 (the parser caps
them far below its limit).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = [
    "EPISODES",
    "IDENTITY",
    "SEASONS",
    "SHOWS",
    "VIEWER",
    "frame_dtypes",
]

STR = pd.StringDtype(na_value=float("nan"))  # pandas 3's default "str" dtype
UTC = pd.DatetimeTZDtype(tz="UTC")

#: Columns that identify a show; present on every frame.
IDENTITY: dict[str, object] = {
    "user": STR,
    "title": STR,
    "year": "Int64",
    "imdb_id": STR,
    "tvdb_id": "Int64",
    "tvrage_id": "Int64",
}

#: Fields that valid auth adds. They describe the viewer, not the show's stats.
VIEWER: dict[str, object] = {
    "viewer_watched": "boolean",
    "viewer_plays": "Int64",
    "viewer_in_watchlist": "boolean",
    "viewer_rating": STR,
}

#: One row per show (per item of the response), in the response's order.
SHOWS: dict[str, object] = {
    **IDENTITY,
    "aired": "Int64",
    "completed": "Int64",
    "left": "Int64",
    "percentage": "Int64",
    # completed / aired as a fraction in [0, 1]; NA when nothing has aired.
    # Recomputed by us; ``percentage`` is what the API reported.
    "completion": "Float64",
    "plays": "Int64",
    "scrobbles": "Int64",
    "checkins": "Int64",
    "seen": "Int64",
    "next_season": "Int64",
    "next_number": "Int64",
    "next_title": STR,
    "next_first_aired": UTC,
    **VIEWER,
}

#: One row per season, listed or hidden; by show, then season number.
SEASONS: dict[str, object] = {
    **IDENTITY,
    "season": "int32",
    "aired": "Int64",
    "completed": "Int64",
    "left": "Int64",
    "percentage": "Int64",
    "completion": "Float64",
    "hidden": "bool",
}

#: One row per episode key of every listed season; by show, season, episode.
EPISODES: dict[str, object] = {
    **IDENTITY,
    "season": "int32",
    "episode": "int32",
    "watched": "bool",
}

#: Identity text columns stored as categoricals in the long frames.
CATEGORICAL_IN_LONG_FRAMES = ("user", "title", "imdb_id")


def frame_dtypes(schema: Mapping[str, object], *, long: bool) -> dict[str, object]:
    """The column -> dtype mapping of a frame; ``"category"`` for long frames' text ids.

    ``frame.astype(frame_dtypes(...))`` is safe: "category" keeps every value.
    """
    if not long:
        return dict(schema)
    return {
        name: "category" if name in CATEGORICAL_IN_LONG_FRAMES else dtype
        for name, dtype in schema.items()
    }
