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

# The instants a datetime64[ns] column holds (1677 to 2262).
EARLIEST = pd.Timestamp.min.tz_localize("UTC")
LATEST = pd.Timestamp.max.tz_localize("UTC")
_BEYOND = "is beyond the years 1677 to 2262"


def utc_time(value: object) -> pd.Timestamp | None:
    """One time of any source as a UTC timestamp (ns), or None for None.

    ISO 8601 text (one without an offset is UTC), a ``datetime`` or a
    ``pandas.Timestamp``. The one conversion every source uses: Go's zero time
    ``0001-01-01T00:00:00Z``, ``9999-12-31...`` and offsets that leave the range
    (``0001-01-01T00:00:00+01:00``) are :class:`BadValue`, never a wrapped date.

    Raises
    ------
    BadValue
        Not a time, or one outside 1677 to 2262 (the reason, for the caller's warning).
    """
    if value is None:
        return None
    stamp: Any = value
    if type(value) is str:
        if value.strip().lower() in CLOCK_WORDS:
            raise BadValue("is not a time")
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            parsed = iso_times([value])[0]  # ISO 8601 forms fromisoformat does not read
            if pd.isna(parsed):
                raise BadValue("is not a time") from None
            stamp = parsed
    elif not isinstance(value, datetime):  # pd.Timestamp is a datetime
        raise BadValue(f"expected a time, got {short(value)}")
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        moment = pd.Timestamp(stamp).tz_convert("UTC")
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        raise BadValue(_BEYOND) from None
    if not EARLIEST <= moment <= LATEST:
        raise BadValue(_BEYOND)
    return moment.as_unit("ns")


def utc_times(values: Any) -> tuple[Any, list[tuple[int, str]]]:
    """Times (ISO 8601 text, datetimes or None) as a UTC datetime array, and the odd ones.

    Returns the array (NaT for None and for every odd value) and, per odd value,
    its position and what is wrong (not a time; beyond 1677 to 2262), for the
    caller's :class:`~trakt_analysis.TraktDataWarning` naming the show. Text
    columns are parsed in bulk.
    """
    values = list(values)
    ticks = _trakt_stamps(values)
    if ticks is not None:  # the usual case: every one as Trakt writes them, read in bulk
        return pd.array(ticks.view("M8[ns]"), dtype=schema.UTC, copy=False), []
    if set(map(type, values)) <= {str, type(None)}:
        texts = pd.Series(values, dtype=object)
        parsed = iso_times(texts)  # "now" and "today" are no time a file records: NaT
        sent = pd.notna(texts).to_numpy()
        bad = [(int(i), "is not a time") for i in np.flatnonzero(parsed.isna().to_numpy() & sent)]
        # pandas may hold such times at a coarser unit: the frame's column cannot.
        beyond = ((parsed < EARLIEST) | (parsed > LATEST)).to_numpy()
        if beyond.any():
            bad.extend((int(i), _BEYOND) for i in np.flatnonzero(beyond))
            bad.sort()
            parsed = parsed.mask(beyond)
        return pd.array(parsed, dtype=schema.UTC), bad
    out: list[pd.Timestamp | None] = []
    bad = []
    for i, value in enumerate(values):
        try:
            out.append(utc_time(value))
        except BadValue as exc:
            bad.append((i, str(exc)))
            out.append(None)
    return pd.array(pd.to_datetime(pd.Series(out, dtype=object), utc=True), dtype=schema.UTC), bad


def utc_ticks(values: list[Any]) -> np.ndarray | None:
    """:func:`utc_times` as int64 nanoseconds (NaT for None), or None when a value is odd."""
    ticks = _trakt_stamps(values)
    if ticks is not None:
        return ticks
    times, bad = utc_times(values)
    return None if bad else times.asi8


# Trakt writes every time as 2023-10-23T18:31:05.000Z: the digits' and the signs' places.
_STAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22]
_STAMP_SIGNS = {4: "-", 7: "-", 10: "T", 13: ":", 16: ":", 19: ".", 23: "Z"}


def _trakt_stamps(values: list[Any]) -> np.ndarray | None:
    """Texts all in Trakt's form, and valid, as int64 UTC nanoseconds; else None.

    Read in bulk from their bytes. Anything else (another form, a null, a date
    that does not exist, a year near the ends of what pandas holds) is None,
    for :func:`utc_times`' general path to read and explain.
    """
    n = len(values)
    if not n or None in values or set(map(type, values)) != {str}:
        return None
    if set(map(len, values)) != {24}:
        return None
    text = "".join(values)
    if not text.isascii():
        return None
    grid = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(n, 24)
    for place, sign in _STAMP_SIGNS.items():
        if not (grid[:, place] == ord(sign)).all():
            return None
    d = grid[:, _STAMP_DIGITS].astype(np.int64) - ord("0")
    if ((d < 0) | (d > 9)).any():
        return None
    year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    month, day = d[:, 4] * 10 + d[:, 5], d[:, 6] * 10 + d[:, 7]
    hour, minute, second = (
        d[:, 8] * 10 + d[:, 9],
        d[:, 10] * 10 + d[:, 11],
        d[:, 12] * 10 + d[:, 13],
    )
    milli = d[:, 14] * 100 + d[:, 15] * 10 + d[:, 16]
    if (
        (year < 1678).any()
        | (year > 2261).any()
        | (month < 1).any()
        | (month > 12).any()
        | (hour > 23).any()
        | (minute > 59).any()
        | (second > 59).any()
    ):
        return None
    months = (year - 1970) * 12 + month - 1
    first = months.astype("M8[M]").astype("M8[D]").astype(np.int64)  # days since 1970
    length = (months + 1).astype("M8[M]").astype("M8[D]").astype(np.int64) - first
    if ((day < 1) | (day > length)).any():
        return None
    seconds = (first + day - 1) * 86_400 + hour * 3_600 + minute * 60 + second
    return (seconds * 1_000 + milli) * 1_000_000


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
