"""Read the episodes objects of v1 seasons from their JSON text, all at once, with numpy.

A v1 season lists its episodes as ``{"1":true,"2":false,...}``: most of a
progress response's bytes, and hundreds of thousands of pairs. Building a dict
for each season and reading it back costs more than the rest of the decode, so
the typed path keeps each season's episodes as raw JSON (``msgspec.Raw``,
already checked to be valid JSON) and :func:`read_episodes` reads the numbers
and flags of all of them in a few passes over the joined bytes.

It reads only the compact form the API sends: keys of 1 to 7 ASCII digits,
values ``true`` or ``false``, no whitespace. For anything else (an indented
file, a null, another value) it returns None and the caller decodes the objects
the ordinary way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["read_episodes"]

# The bytes the compact form is made of; "t" and "f" begin true and false.
_OPEN, _CLOSE, _QUOTE, _COLON, _TRUE, _FALSE, _ZERO = b'{}":tf0'
_MAX_DIGITS = 7  # as the full walk's episode keys
# About 200 KB of episodes text (a season lists about a dozen): measured best, 1,000 to 4,000.
_SEASONS_PER_CHUNK = 2000


def read_episodes(
    raws: Sequence[bytes | memoryview],
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The episode numbers, watched flags and counts of compact episodes objects.

    Parameters
    ----------
    raws : sequence of bytes-like
        One valid JSON value per season (a :class:`msgspec.Raw` is one).

    Returns
    -------
    (numbers, watched, sizes) or None
        ``numbers`` (int32) and ``watched`` (bool), one per episode, flat, in
        the order of the text; ``sizes`` (int64), the episodes of each season.
        None when a value is not a compact ``{"digits":true|false,...}``
        object. A key listed twice in one object is read twice (a JSON parser
        keeps the last): the caller's check for an episode listed twice sends
        such input to the full walk.
    """
    if len(raws) <= _SEASONS_PER_CHUNK:
        return _read_chunk(raws)
    # A chunk at a time: each pass's arrays then stay in the processor's cache, about
    # twice as fast on a large response as one pass over all of it.
    chunks = []
    for start in range(0, len(raws), _SEASONS_PER_CHUNK):
        chunk = _read_chunk(raws[start : start + _SEASONS_PER_CHUNK])
        if chunk is None:
            return None
        chunks.append(chunk)
    numbers, watched, sizes = zip(*chunks, strict=True)
    return np.concatenate(numbers), np.concatenate(watched), np.concatenate(sizes)


def _read_chunk(
    raws: Sequence[bytes | memoryview],
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """:func:`read_episodes` of a few thousand seasons."""
    byte_sizes = np.fromiter(map(len, raws), np.int64, count=len(raws))
    text = np.frombuffer(b"".join(raws), np.uint8)
    ends = np.cumsum(byte_sizes)
    begins = ends - byte_sizes
    if not len(raws):
        return np.zeros(0, np.int32), np.zeros(0, bool), np.zeros(0, np.int64)
    if byte_sizes.min() < 2 or np.any(text[begins] != _OPEN) or np.any(text[ends - 1] != _CLOSE):
        return None
    colon = np.flatnonzero(text == _COLON)
    # Valid JSON, so a colon is a key's end or inside a string; the checks below hold
    # only where every colon ends a key of digits (no string holds one then).
    upto = np.searchsorted(colon, ends)
    sizes = np.diff(upto, prepend=0)
    if np.any(byte_sizes[sizes == 0] != 2):  # no pairs: exactly {}
        return None
    value = text[colon + 1]
    watched = value == _TRUE
    if not np.all(watched | (value == _FALSE)):
        return None
    value_end = colon + 5  # one past "true" (4 bytes) or "false" (5)
    value_end += ~watched
    has_pairs = sizes > 0
    last = upto[has_pairs] - 1
    first = last - sizes[has_pairs] + 1
    key_open = np.empty_like(colon)
    key_open[1:] = value_end[:-1]
    key_open += 1
    key_open[first] = begins[has_pairs] + 1
    # Each key is "digits" right after the value before it (so a comma is between them:
    # the text is valid JSON), and the last value ends at the closing brace.
    at = colon - 1  # each key's closing quote; below, each of its digits, right to left
    if (
        np.any(text[key_open] != _QUOTE)
        or np.any(text[at] != _QUOTE)
        or np.any(value_end[last] != ends[has_pairs] - 1)
    ):
        return None
    digits = np.subtract(colon, key_open, out=key_open)
    digits -= 2
    if len(digits) and (digits.min() < 1 or digits.max() > _MAX_DIGITS):
        return None
    # The numbers, a digit place at a time from the last digit; int32 holds 7 digits.
    numbers = np.zeros(len(colon), np.int32)
    for place in range(int(digits.max(initial=0))):
        at -= 1  # a byte before a shorter key is masked (>= -8; the text is longer)
        digit = text[at]
        digit -= _ZERO  # below "0" wraps to > 9
        if place:
            digit[digits <= place] = 0
        if digit.max() > 9:
            return None
        scaled = digit.astype(np.int32)
        scaled *= 10**place
        numbers += scaled
    return numbers, watched, sizes
