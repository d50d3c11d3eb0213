"""Parsed columns -> the typed frames of the schema: the one frame builder every parser feeds.

Data flows one way: a source reads bytes (:mod:`.sources`), a parser checks
them and returns plain columns (:mod:`.parsers`), and this module types those
columns by the schema (:mod:`.schema`) into the frames of a :class:`Progress`.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .errors import TraktDataWarning
from .parsers.parsed import ParsedProgress
from .progress import Progress, Provenance

__all__ = ["frames_from_parsed", "history_frame"]


def frames_from_parsed(
    parsed: ParsedProgress, *, user: str | None = None, provenance: Provenance | None = None
) -> Progress:
    """Type a parser's columns into the frames of the schema.

    Any source's parser that returns :class:`ParsedProgress` gets the same
    frames; the seasons' ``_item`` and the episodes' ``_season_rank`` columns
    say which show and season each row belongs to. A schema column the parser
    did not fill is all NA.
    """
    cols = parsed.shows
    n_shows = len(cols["title"])
    user_array = pd.array([user] * n_shows, dtype=schema.STR)
    shows = _frame({"user": user_array, **cols}, schema.SHOWS, n_shows, long=False)

    identity = {name: shows[name].array for name in schema.IDENTITY}
    s_cols = dict(parsed.seasons)
    s_item = np.asarray(s_cols.pop("_item"), dtype=np.int64)
    s_cols.pop("_row", None)
    seasons = _frame(
        {**_repeat_identity(identity, s_item), **s_cols}, schema.SEASONS, len(s_item), long=True
    )

    e_cols = dict(parsed.episodes)
    e_rank = np.asarray(e_cols.pop("_season_rank"), dtype=np.int64)
    e_item = s_item[e_rank] if len(e_rank) else np.zeros(0, dtype=np.int64)
    e_cols["season"] = seasons["season"].to_numpy()[e_rank]
    episodes = _frame(
        {**_repeat_identity(identity, e_item), **e_cols}, schema.EPISODES, len(e_item), long=True
    )
    history = None if parsed.history is None else history_frame(parsed.history, user=user)
    return Progress(shows, seasons, episodes, user, history=history, provenance=provenance)


def history_frame(columns: dict[str, Any], *, user: str | None = None) -> pd.DataFrame:
    """Type a parser's history columns into the history frame (:data:`schema.HISTORY`)."""
    n = len(columns["watched_at"])
    user_array = pd.array([user] * n, dtype=schema.STR)
    return _frame({"user": user_array, **columns}, schema.HISTORY, n, long=True)


def _repeat_identity(identity: dict[str, Any], item: np.ndarray) -> dict[str, Any]:
    """The identity columns repeated for each row of a long frame, compact.

    Text columns become categoricals built from the shows' values (a title
    costs one int8/int16 code per row), numbers the smaller ints of
    :data:`schema.SMALL_INTS_IN_LONG_FRAMES`, cast once per show, not per row.
    """
    out: dict[str, Any] = {}
    titles = identity["title"]
    for name, values in identity.items():
        if name in schema.CATEGORICAL_IN_LONG_FRAMES:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            categories = pd.Index(uniques, dtype=schema.STR)
            # from_codes picks the smallest code type for the number of categories.
            out[name] = pd.Categorical.from_codes(
                codes[item], dtype=pd.CategoricalDtype(categories)
            )
        elif name in schema.SMALL_INTS_IN_LONG_FRAMES:
            small = _small_ints(values, schema.SMALL_INTS_IN_LONG_FRAMES[name], name, titles)
            out[name] = small[item]
        else:
            out[name] = values[item]
    return out


def _small_ints(values: Any, dtype: str, name: str, titles: Any = None) -> Any:
    """`values` as the nullable int `dtype`; values outside its range become NA, with a warning."""
    wide = pd.array(values, dtype="Int64")
    info = np.iinfo(dtype.lower())
    data = wide.to_numpy(dtype=np.int64, na_value=0)
    outside = ((data < info.min) | (data > info.max)) & ~wide.isna()
    if outside.any():
        where = np.flatnonzero(outside)
        named = [str(titles[i]) for i in where[:5]] if titles is not None else []
        shown = f" (shows: {', '.join(named)})" if named else ""
        warnings.warn(
            f"{name}: {len(where)} value(s) outside the range of {dtype} loaded as NA in the "
            f"long frames{shown}; the shows frame keeps them",
            TraktDataWarning,
            stacklevel=4,
        )
        wide = wide.copy()
        wide[outside] = pd.NA
    return wide.astype(dtype)


def _frame(
    columns: dict[str, Any], layout: dict[str, object], n_rows: int, *, long: bool
) -> pd.DataFrame:
    dtypes = schema.frame_dtypes(layout, long=long)
    data: dict[str, Any] = {}
    small = schema.SMALL_INTS_IN_LONG_FRAMES if long else {}
    for name, dtype in dtypes.items():
        if name in columns and name in small and not isinstance(columns[name], pd.Series):
            values = columns[name]
            if getattr(values, "dtype", None) != dtype:  # not from _repeat_identity
                values = _small_ints(values, small[name], name, columns.get("title"))
            data[name] = pd.Series(values, dtype=dtype, copy=False)
        elif name in columns:
            data[name] = pd.Series(columns[name], dtype=dtype, copy=False)
        else:  # a column this source cannot fill: all NA, never a made-up value
            data[name] = pd.Series(pd.array([None] * n_rows, dtype=_na_dtype(dtype)), dtype=dtype)
    for name, values in columns.items():  # extra fields, after the schema's columns
        if name not in data:
            data[name] = pd.Series(values, copy=False)
    return pd.DataFrame(data, copy=False)


def _na_dtype(dtype: object) -> object:
    # A categorical starts from its values' own dtype (text).
    return schema.STR if dtype == "category" else dtype
