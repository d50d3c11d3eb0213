"""Value checks shared by the parsers: each says what was wrong, the caller says where.

The scalar checks raise :class:`BadValue`; the column converters take a
``where(i)`` function and raise :class:`TraktDataError` with the location of the
first bad value. Columns are checked in bulk with numpy where the values allow.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktDataError

# Seconds either side of the epoch that pandas' nanosecond datetimes can hold
# (1684 to 2255, inside pandas' 1677 to 2262).
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
    if type(value) is int:
        if 0 <= value < 2**63:
            return value
        raise BadValue(f"expected a non-negative whole number, got {value!r}")
    if type(value) is float:
        if math.isfinite(value) and value.is_integer() and 0 <= value < 2**63:
            return int(value)
        raise BadValue(f"expected a non-negative whole number, got {value!r}")
    if type(value) is str and allow_str:
        if value.isascii() and value.isdigit() and len(value) < 19:
            return int(value)
        raise BadValue(f"expected a number, got {short(value)}")
    raise BadValue(f"expected a non-negative whole number, got {short(value)}")


def short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


Report = Callable[[int, str], None]
"""``report(i, what)``: value `i` of a column is odd; the caller loads it as NA and warns."""


def int_array(
    values: Sequence[object],
    where: Callable[[int], str],
    *,
    allow_str: bool = False,
    report: Report | None = None,
) -> pd.arrays.IntegerArray:
    """Check and convert a column of counts or ids to a nullable Int64 array.

    A value that is not a non-negative whole number raises
    :class:`TraktDataError`, or, when `report` is given, is passed to it and
    loads as NA.
    """
    kinds = set(map(type, values))
    if kinds <= {int, type(None)}:
        mask = np.zeros(len(values), dtype=bool)
        filled: Any = values
        if type(None) in kinds:  # in bulk: an object array, its Nones masked and zeroed
            filled = np.array(values, dtype=object)
            mask = filled == None  # noqa: E711 (elementwise, on an object array)
            filled[mask] = 0
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
            if report is None:
                raise TraktDataError(f"{where(i)}: {exc}") from None
            report(i, str(exc))
            number = None
        if number is None:
            mask[i] = True
        else:
            out[i] = number
    return pd.arrays.IntegerArray(out, mask)


def str_array(values: list[Any]) -> Any:
    """Text (str or None values) as an array of :data:`schema.STR`, as ``pd.array`` makes it.

    With pyarrow, built by pyarrow at once: pandas' own constructor checks each
    value again in Python first. Anything else takes pandas' way.
    """
    if schema.STR.storage == "pyarrow":
        import pyarrow as pa  # pandas has it loaded already: it is the dtype's storage

        try:
            arrow = pa.array(values, type=pa.large_string())
        except (pa.ArrowTypeError, pa.ArrowInvalid):  # not all str or None
            pass
        else:
            return pd.arrays.ArrowStringArray(arrow, dtype=schema.STR)
    return pd.array(values, dtype=schema.STR)


def masked_na(dtype: Any, n: int) -> Any:
    """`n` NA values of a masked dtype (``Int64``, ``Float64``, ``boolean``), in bulk."""
    return dtype.construct_array_type()(
        np.zeros(n, dtype=dtype.numpy_dtype), np.ones(n, dtype=bool)
    )


def id_array(
    values: list[object], where: Callable[[int], str], *, report: Report | None = None
) -> pd.arrays.IntegerArray:
    """tvdb/tvrage ids: numbers or numeric strings; 0 means unknown."""
    if str in set(map(type, values)):  # v1 sent some ids as text: the plain ones in bulk
        values = [
            int(v) if type(v) is str and v.isascii() and v.isdigit() and len(v) < 19 else v
            for v in values
        ]
    arr = int_array(values, where, allow_str=True, report=report)
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


def unix_times(
    values: list[object], where: Callable[[int], str], report: Report | None = None
) -> Any:
    """Air times to UTC datetimes: unix seconds (signed), or ISO 8601 text with an offset.

    0 and None are unknown (NaT): v1 sent 0 for "no date". Negative seconds are
    before 1970 (classic TV: -192091500 is 1963-11-30 17:15 UTC); anything
    pandas can hold (years 1677 to 2262) is accepted. Another value raises
    :class:`TraktDataError`, or, with `report`, is reported and loads as NaT.
    """
    if set(map(type, values)) <= {int, type(None)}:  # the usual case: whole seconds, in bulk
        try:
            data = np.array(values, dtype=np.float64)  # None -> nan; exact in the range below
        except OverflowError:  # an int beyond a float (10**400): reported one by one below
            data = None
        if data is not None and not (np.abs(data) > MAX_UNIX_SECONDS).any():
            unknown = np.isnan(data) | (data == 0)
            # Whole seconds in the dtype's unit, as int64 (UTC); NaT is int64's minimum.
            per_second = np.timedelta64(1, "s") // np.timedelta64(1, schema.UTC.unit)
            ticks = np.where(unknown, 0, data).astype(np.int64) * per_second
            ticks[unknown] = np.iinfo(np.int64).min
            return pd.array(ticks, dtype=schema.UTC, copy=False)
    seconds: list[object] = [None] * len(values)
    for i, value in enumerate(values):
        if value is None or value == 0:
            continue
        try:
            seconds[i] = _unix_seconds(value)
        except BadValue as exc:
            if report is None:
                raise TraktDataError(f"{where(i)}: {exc}") from None
            report(i, str(exc))
    return pd.array(pd.to_datetime(seconds, unit="s", utc=True), dtype=schema.UTC)


def _unix_seconds(value: object) -> float:
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):  # type: ignore[arg-type]
        if -MAX_UNIX_SECONDS <= value <= MAX_UNIX_SECONDS:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        raise BadValue(f"{value!r} is not a plausible unix time")
    if kind is str:
        return iso_seconds(value)  # type: ignore[arg-type]
    raise BadValue(f"expected unix seconds or an ISO 8601 time, got {short(value)}")


#: Text that pandas reads as the clock's time when it parses dates: never a time a file records.
CLOCK_WORDS = ("now", "today")


def iso_times(texts: Any) -> pd.Series:
    """ISO 8601 texts (a Series or list; None allowed) as UTC datetimes, in bulk.

    NaT where a text is missing, is no ISO 8601 time, or is one of
    :data:`CLOCK_WORDS` (pandas would read those as the time of the load).
    """
    texts = pd.Series(texts, dtype=object)
    parsed = pd.to_datetime(texts, utc=True, format="ISO8601", errors="coerce")
    return parsed.mask(texts.isin(CLOCK_WORDS).to_numpy())


def iso_seconds(value: str) -> float:
    """Unix seconds of an ISO 8601 time; one without an offset is read as UTC."""
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise BadValue(f"expected an ISO 8601 time, got {short(value)}") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    seconds = stamp.timestamp()
    if not -MAX_UNIX_SECONDS <= seconds <= MAX_UNIX_SECONDS:
        raise BadValue(f"{short(value)} is not a plausible time")
    return seconds
