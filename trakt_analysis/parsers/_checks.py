"""Value checks shared by the parsers: each says what was wrong, the caller says where.

The scalar checks raise :class:`BadValue`; the column converters take a
``where(i)`` function and raise :class:`TraktDataError` with the location of the
first bad value. Columns are checked in bulk with numpy where the values allow.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktDataError

# Seconds since the epoch that pandas' nanosecond datetimes can hold (to 2262).
MAX_UNIX_SECONDS = 9_000_000_000


class BadValue(Exception):
    """A value failed a check; the caller adds where it was."""


def locate(index: int, title: object, path: str = "") -> str:
    """Where a value is, for messages: ``item 3 ('Suits'): seasons[0].aired``."""
    label = f"item {index}" if title is None else f"item {index} ({short(title)})"
    return f"{label}: {path}" if path else label


# -- scalar checks ---------------------------------------------------------------------------


def count(value: object, *, allow_str: bool = False) -> int | None:
    """A non-negative whole number, or None. Integral floats such as 20.0 pass."""
    if value is None:
        return None
    kind = type(value)
    if kind is int:
        if 0 <= value < 2**63:
            return value
        raise BadValue(f"expected a non-negative whole number, got {value!r}")
    if kind is float:
        if math.isfinite(value) and value.is_integer() and 0 <= value < 2**63:
            return int(value)
        raise BadValue(f"expected a non-negative whole number, got {value!r}")
    if kind is str and allow_str:
        if value.isascii() and value.isdigit() and len(value) < 19:
            return int(value)
        raise BadValue(f"expected a number, got {short(value)}")
    raise BadValue(f"expected a non-negative whole number, got {short(value)}")


def short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def int_array(
    values: list[object], where: Callable[[int], str], *, allow_str: bool = False
) -> pd.arrays.IntegerArray:
    """Check and convert a column of counts or ids to a nullable Int64 array."""
    kinds = set(map(type, values))
    if kinds <= {int, type(None)}:
        mask = np.zeros(len(values), dtype=bool)
        filled = values
        if type(None) in kinds:
            mask = np.array([v is None for v in values], dtype=bool)
            filled = [0 if v is None else v for v in values]
        try:
            arr = np.array(filled, dtype=np.int64)
        except OverflowError:
            pass
        else:
            if not (arr < 0).any():
                return pd.arrays.IntegerArray(arr, mask)
    out = np.zeros(len(values), dtype=np.int64)
    mask = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        try:
            number = count(value, allow_str=allow_str)
        except BadValue as exc:
            raise TraktDataError(f"{where(i)}: {exc}") from None
        if number is None:
            mask[i] = True
        else:
            out[i] = number
    return pd.arrays.IntegerArray(out, mask)


def id_array(values: list[object], where: Callable[[int], str]) -> pd.arrays.IntegerArray:
    """tvdb/tvrage ids: numbers or numeric strings; 0 means unknown."""
    arr = int_array(values, where, allow_str=True)
    arr[arr == 0] = pd.NA
    return arr


def text(value: object, what: str = "a string") -> str | None:
    if value is None or type(value) is str:
        return value
    raise BadValue(f"expected {what}, got {short(value)}")


def flag(value: object) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise BadValue(f"expected true or false, got {short(value)}")


def rating(value: object) -> str | None:
    # v1 sends "love", "hate", or false for "not rated".
    if value is None or value is False:
        return None
    if type(value) is str:
        return value
    raise BadValue(f"expected 'love', 'hate' or false, got {short(value)}")


def mapping(value: object, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if type(value) is dict:
        return value
    raise BadValue(f"expected {what}, got {type(value).__name__} {short(value)}")


def completion(completed: pd.arrays.IntegerArray, aired: pd.arrays.IntegerArray) -> Any:
    """completed / aired as a Float64 fraction; NA where nothing has aired."""
    aired_float = aired.astype("Float64")
    out = completed.astype("Float64") / aired_float
    out[aired_float == 0] = pd.NA
    return out


def unix_times(values: list[int | None], where: Callable[[int], str]) -> Any:
    """Unix seconds to UTC datetimes; 0 and None are unknown (NaT)."""
    for i, value in enumerate(values):
        if value is not None and value > MAX_UNIX_SECONDS:
            raise TraktDataError(f"{where(i)}: {value} is not a plausible unix time")
    return pd.array(
        pd.to_datetime([v if v else None for v in values], unit="s", utc=True),
        dtype=schema.UTC,
    )
