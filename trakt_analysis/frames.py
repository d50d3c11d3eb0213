"""Parsed columns -> the typed frames of the schema: the one frame builder every parser feeds.

Data flows one way: a source reads bytes (:mod:`.sources`), a parser checks
them and returns plain columns (:mod:`.parsers`), and this module types those
columns by the schema (:mod:`.schema`) into the frames of a :class:`Progress`.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from . import schema
from ._warnings import warn
from .errors import TraktDataWarning
from .parsers._checks import masked_na, str_array
from .parsers.parsed import ParsedProgress
from .parsers.show_metadata import country_code, genre_list
from .progress import Progress, Provenance

__all__ = ["CompactIdentity", "frames_from_parsed", "history_frame", "ratings_frame"]


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
    user_array = str_array([user] * n_shows)
    shows = _frame({"user": user_array, **cols}, schema.SHOWS, n_shows, long=False)
    shows = trakt_show_metadata(shows)

    identity = CompactIdentity({name: shows[name].array for name in schema.IDENTITY})
    s_cols = dict(parsed.seasons)
    s_item = np.asarray(s_cols.pop("_item"), dtype=np.int64)
    s_cols.pop("_row", None)
    seasons = _frame({**identity.repeat(s_item), **s_cols}, schema.SEASONS, len(s_item), long=True)

    e_cols = dict(parsed.episodes)
    e_rank = np.asarray(e_cols.pop("_season_rank"), dtype=np.int64)
    e_item = s_item[e_rank] if len(e_rank) else np.zeros(0, dtype=np.int64)
    e_cols["season"] = seasons["season"].to_numpy()[e_rank]
    episodes = _frame(
        {**identity.repeat(e_item), **e_cols}, schema.EPISODES, len(e_item), long=True
    )
    history = None if parsed.history is None else history_frame(parsed.history, user=user)
    return Progress(shows, seasons, episodes, user, history=history, provenance=provenance)


def history_frame(columns: dict[str, Any], *, user: str | None = None) -> pd.DataFrame:
    """Type a parser's history columns into the history frame (:data:`schema.HISTORY`)."""
    n = len(columns["watched_at"])
    user_array = str_array([user] * n)
    return _frame({"user": user_array, **columns}, schema.HISTORY, n, long=True)


def trakt_show_metadata(shows: pd.DataFrame) -> pd.DataFrame:
    """The :data:`schema.SHOW_METADATA` columns as Trakt's show objects fill them, in one form.

    ``genres`` cells become lists of slugs (None when there is none), ``country``
    an ISO code (v1 sent names: :func:`~.parsers.show_metadata.country_code`),
    ``language`` and ``status`` lower case, a blank text NA (v1 sent ``""`` for
    unknown), and ``premiered_year`` the year of the show's
    ``first_aired`` (an ``extended=full`` field) where the source sent no other.
    """
    if shows["genres"].notna().any():
        shows["genres"] = np.fromiter(
            (genre_list(v) for v in shows["genres"]), dtype=object, count=len(shows)
        )
    for name in ("network", "country", "language", "status"):
        if shows[name].notna().any():
            column = shows[name].str.strip()
            column = column.mask(column.eq("").fillna(False).astype(bool))  # v1's "": unknown
            if name == "country":
                column = column.map(country_code, na_action="ignore")
            elif name != "network":
                column = column.str.lower()
            shows[name] = column.astype(schema.SHOW_METADATA[name])
    first = shows.get("first_aired")
    if first is not None and shows["premiered_year"].isna().any():
        if pd.api.types.is_string_dtype(first.dtype) and not pd.api.types.is_object_dtype(
            first.dtype
        ):  # v2's ISO 8601 text
            first = pd.to_datetime(first, utc=True, errors="coerce", format="ISO8601")
        if isinstance(first.dtype, pd.DatetimeTZDtype):  # else (a number): no year from it
            years = first.dt.year.astype("Int64")
            shows["premiered_year"] = shows["premiered_year"].fillna(years)
    return shows


def ratings_frame(columns: dict[str, Any] | None, *, user: str | None = None) -> pd.DataFrame:
    """Type a parser's ratings columns into the ratings frame (:data:`schema.RATINGS`).

    None or no columns give the empty frame, with every column and dtype.
    """
    columns = dict(columns or {})
    n = len(columns["rating"]) if "rating" in columns else 0
    return _frame({"user": str_array([user] * n), **columns}, schema.RATINGS, n, long=False)


class CompactIdentity:
    """The shows' identity columns, compact, to repeat for each row of a long frame.

    :data:`schema.CATEGORICAL_IN_LONG_FRAMES` become categoricals of the shows'
    values (a title or an id costs one int8/int16 code per row), the year the
    smaller int of :data:`schema.SMALL_INTS_IN_LONG_FRAMES`. Each is encoded once
    per show, not per row, and shared by the seasons and the episodes.
    """

    def __init__(self, identity: dict[str, Any]) -> None:
        self.columns: dict[str, tuple[Any, Any]] = {}  # name -> (per-show values, dtype)
        titles = identity["title"]
        for name, values in identity.items():
            if name in schema.CATEGORICAL_IN_LONG_FRAMES:
                kind = schema.categories_dtype(name)
                if values.isna().all():  # a column the source cannot fill: no categories
                    self.columns[name] = (None, _no_categories(kind))
                    continue
                codes, uniques = pd.factorize(values, use_na_sentinel=True)
                dtype = pd.CategoricalDtype(pd.Index(uniques, dtype=kind))
                # The code type from_codes would pick, once per show: the rows then gather
                # small codes.
                self.columns[name] = (codes.astype(_code_type(len(uniques))), dtype)
            elif name in schema.SMALL_INTS_IN_LONG_FRAMES:
                dtype = schema.SMALL_INTS_IN_LONG_FRAMES[name]
                self.columns[name] = (_small_ints(values, dtype, name, titles), None)
            else:
                self.columns[name] = (values, None)

    def repeat(self, item: np.ndarray) -> dict[str, Any]:
        """The identity columns of rows whose shows are `item` (positions in the shows frame)."""
        out: dict[str, Any] = {}
        for name, (values, categorical) in self.columns.items():
            if categorical is None:
                out[name] = values[item]
            elif values is None:  # no value in any show: every row NA
                codes = np.full(len(item), -1, dtype=np.int8)
                out[name] = pd.Categorical.from_codes(codes, dtype=categorical, validate=False)
            else:
                out[name] = pd.Categorical.from_codes(
                    values[item], dtype=categorical, validate=False
                )
        return out


@functools.cache
def _no_categories(kind: object) -> pd.CategoricalDtype:
    """The categorical dtype of a column with no values: no categories, of dtype `kind`.

    Made once per kind (a dtype is immutable): building the empty index costs more than
    the column.
    """
    return pd.CategoricalDtype(pd.Index([], dtype=kind))


def _code_type(n_categories: int) -> type:
    """The smallest signed int for codes -1 .. n_categories - 1 (as pandas picks it)."""
    for kind in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(kind).max:
            return kind
    return np.int64


def _small_ints(
    values: Any, dtype: str, name: str, titles: Any = None, *, kept: str = "the shows frame"
) -> Any:
    """`values` as the nullable int `dtype`; values outside its range become NA, with a warning."""
    wide = pd.array(values, dtype="Int64")
    info = np.iinfo(dtype.lower())
    data = wide.to_numpy(dtype=np.int64, na_value=0)
    outside = ((data < info.min) | (data > info.max)) & ~wide.isna()
    if outside.any():
        where = np.flatnonzero(outside)
        named = [str(titles[i]) for i in where[:5]] if titles is not None else []
        shown = f" (shows: {', '.join(named)})" if named else ""
        warn(
            f"{name}: {len(where)} value(s) outside the range of {dtype} loaded as NA"
            f"{shown}; {kept} keeps them",
            TraktDataWarning,
        )
        wide = wide.copy()
        wide[outside] = pd.NA
    return wide.astype(dtype)


# Nullable ints narrower than Int64: a value beyond one loads as NA with a warning.
_SMALL_INTS = ("Int8", "Int16", "Int32")


def _frame(
    columns: dict[str, Any], layout: dict[str, object], n_rows: int, *, long: bool
) -> pd.DataFrame:
    dtypes = schema.frame_dtypes(layout, long=long)
    data: dict[str, Any] = {}
    for name, dtype in dtypes.items():
        if name in columns and dtype in _SMALL_INTS:
            values = columns[name]
            if getattr(values, "dtype", None) != dtype:  # not from CompactIdentity
                kept = "the shows frame" if name in schema.IDENTITY else "the source"
                values = _small_ints(values, dtype, name, columns.get("title"), kept=kept)
            data[name] = _typed_array(values, dtype)
        elif name in columns:
            data[name] = _typed_array(columns[name], dtype)
        else:  # a column this source cannot fill: all NA, never a made-up value
            kind = schema.categories_dtype(name) if name in schema.IDENTITY else schema.STR
            data[name] = all_na(dtype, n_rows, categories=kind)
    for name, values in columns.items():  # extra fields, after the schema's columns
        if name not in data:
            data[name] = _typed_array(values, None)
    # Arrays, not Series: the frame then needs no index alignment (several ms a frame).
    return pd.DataFrame(data, index=pd.RangeIndex(n_rows), copy=False)


def _typed_array(values: Any, dtype: object) -> Any:
    """`values` as an array of `dtype` (None: as they are), without a copy where they are one."""
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if dtype is None:
        return values if hasattr(values, "dtype") else pd.array(values)
    if dtype == "category":
        if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
            return values
        return pd.Categorical(values)
    dtype = pandas_dtype(dtype)
    if getattr(values, "dtype", None) == dtype:
        return values
    if dtype == np.dtype(object):  # list cells (genres): np.asarray would make them 2-D
        return np.fromiter(values, dtype=object, count=len(values))
    if isinstance(dtype, np.dtype):
        return np.asarray(values, dtype=dtype)
    return pd.array(values, dtype=dtype, copy=False)


def all_na(dtype: object, n_rows: int, *, categories: object = schema.STR) -> Any:
    """An array of `n_rows` NA values of `dtype`, built in bulk (no Python object per row).

    A categorical has no categories, of the dtype `categories`.
    """
    dtype = pandas_dtype(dtype)
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iufb":
        return masked_na(dtype, n_rows)  # Int32, Float64, boolean: zeros, every one masked
    if isinstance(dtype, pd.DatetimeTZDtype):  # NaT is int64's minimum; ints are UTC already
        return pd.array(np.full(n_rows, np.iinfo(np.int64).min), dtype=dtype, copy=False)
    if isinstance(dtype, pd.CategoricalDtype):  # no categories, every code -1
        codes = np.full(n_rows, -1, dtype=np.int8)
        return pd.Categorical.from_codes(codes, dtype=_no_categories(categories))
    return pd.array([None] * n_rows, dtype=dtype)  # text and the rest: rare and short
