"""JSON decoding with precise messages: line and column, HTML error pages, truncation.

Pure: takes bytes, returns parsed JSON or raises :class:`TraktDataError`.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import orjson

from ..errors import TraktDataError

__all__ = ["as_utf8", "decode_json", "excerpt", "parse_json", "typed_decode"]

_EXCERPT = 80


def parse_json(data: bytes, *, label: str = "<bytes>") -> Any:
    """Parse JSON bytes, turning every failure into a :class:`TraktDataError`.

    The message gives the line and column of the problem, and says so when the
    bytes look like an HTML page (a server's error page) rather than JSON.
    A number beyond a double (``1e400``, valid JSON) is read as infinity, as
    :func:`json.loads` reads it, wherever it is: the field that holds it loads
    as NA with a warning if it is read at all, and the file is not refused.
    """
    data = as_utf8(data, label=label)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        error = exc
    except RecursionError:  # pragma: no cover - orjson limits depth itself
        raise TraktDataError(f"{label}: JSON is nested too deeply") from None
    if "infinity" in error.msg:  # orjson refuses 1e400; the JSON itself is valid
        parsed = _with_huge_numbers(data)
        if parsed is not _REFUSED:
            return parsed
    raise _decode_error(data, error, label)


_REFUSED = object()


def typed_decode(decoder: msgspec.json.Decoder, payload: bytes) -> Any:
    """What a typed path's msgspec `decoder` reads from `payload`, or None where it refuses.

    `payload` is JSON text (UTF-8, without a byte order mark). None means the
    full walk must look: invalid JSON, a value of the wrong kind or range, a
    missing or unknown field, nesting too deep. The typed paths' Structs
    (:mod:`.history_typed`, :mod:`.v1.typed`) say what they take.
    """
    try:
        return decoder.decode(payload)
    except (msgspec.DecodeError, RecursionError):
        return None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python's extension, not JSON


def _with_huge_numbers(data: bytes) -> Any:
    """`data` parsed by :mod:`json` (1e400 -> inf), or ``_REFUSED`` if it is no JSON."""
    try:
        return json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return _REFUSED


def decode_json(data: bytes, *, label: str = "<bytes>") -> Any:
    """Parse JSON bytes with msgspec, as the typed v1 path does; :func:`parse_json`'s errors.

    msgspec keeps integers beyond 64 bits exact (orjson makes them floats), so
    the v1 loader's typed path and its full walk see the same values. Where
    msgspec refuses the bytes, :func:`parse_json` gives the message (line and
    column) or, should orjson accept them, the parsed JSON.
    """
    data = as_utf8(data, label=label)
    try:
        return msgspec.json.decode(data)
    except (msgspec.DecodeError, RecursionError):
        return parse_json(data, label=label)


def as_utf8(data: bytes, *, label: str = "<bytes>") -> bytes:
    """`data` as UTF-8 without a byte order mark, as :func:`json.loads` would read it.

    A UTF-8 byte order mark (some editors save one) is dropped. JSON saved as
    UTF-16 or UTF-32 (Windows Notepad's "Unicode"), told by its byte order mark
    or its zero bytes as :func:`json.detect_encoding` tells it, is re-encoded.

    Raises
    ------
    TraktDataError
        The bytes look like UTF-16 or UTF-32 but do not decode as it (cut short,
        say); the message names the encoding and the byte.
    """
    encoding = json.detect_encoding(data)  # looks at the first four bytes only
    if encoding == "utf-8":
        return data
    if encoding == "utf-8-sig":
        return data[3:]
    try:
        return data.decode(encoding).encode("utf-8")  # "utf-16"/"utf-32" drop the mark
    except UnicodeDecodeError as exc:
        name = encoding.upper().replace("-LE", " little-endian").replace("-BE", " big-endian")
        raise TraktDataError(
            f"{label}: looks like {name} text but is not valid {name} at byte {exc.start} "
            f"({exc.reason}); save the file as UTF-8"
        ) from None


def _decode_error(data: bytes, exc: orjson.JSONDecodeError, label: str) -> TraktDataError:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line, col = _line_col(
            data.decode("utf-8", errors="replace"),
            len(data[: bad.start].decode("utf-8", errors="replace")),
        )
        return TraktDataError(
            f"{label}: not valid UTF-8 at line {line} column {col} "
            f"(byte {bad.start}: {data[bad.start : bad.start + 1]!r})"
        )
    if data.lstrip().startswith(b"<"):  # an HTML (or XML) error page
        return TraktDataError(f"{label}: expected JSON, got what looks like HTML: {excerpt(data)}")
    if not data.strip():
        return TraktDataError(f"{label}: empty input, expected a JSON list")
    line, col = _line_col(text, exc.pos)  # orjson's pos counts characters
    what = exc.msg
    if exc.pos >= len(text.rstrip()):
        what = f"{what} (the JSON ends early: truncated?)"
    return TraktDataError(f"{label}: invalid JSON at line {line} column {col}: {what}")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of character offset `pos` in `text`."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - text.rfind("\n", 0, pos)


def excerpt(data: bytes) -> str:
    """The start of a body, whitespace folded, quoted: for error messages."""
    text = " ".join(data[:400].decode("utf-8", errors="replace").split())
    return repr(text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else ""))
