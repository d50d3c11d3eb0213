"""Read a data source into parsed JSON: the first step of every load.

A source is a path (``str`` or :class:`os.PathLike`), the JSON text as
``bytes``, a binary file object, or JSON that is already parsed. Nothing here
knows what the JSON means; that is the parser's job.
"""

from __future__ import annotations

import os
from typing import IO, Any, TypeAlias

import orjson

from ..errors import TraktDataError, TraktFileError, TraktSourceError

__all__ = ["Source", "describe_source", "excerpt", "parse_json", "read_json"]

Source: TypeAlias = (
    "str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | list[Any]"
)

_BOM = b"\xef\xbb\xbf"
_EXCERPT = 80


def describe_source(source: object) -> str:
    """A short, safe label for error messages: the file name, never the content."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    if isinstance(name, str):
        return name
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>"
    return f"<{type(source).__name__}>"


def read_json(source: Source) -> Any:
    """Return the parsed JSON of `source`.

    Parameters
    ----------
    source : str, os.PathLike, bytes, binary file object or list
        Where the JSON is. A ``str`` is always a path, never JSON text.
        An already parsed list is returned as it is.

    Raises
    ------
    TraktFileError
        The file cannot be read.
    TraktDataError
        The bytes are not valid UTF-8 JSON.
    TraktSourceError
        `source` is none of the accepted kinds.
    """
    if isinstance(source, list | dict):
        return source
    label = describe_source(source)
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise TraktFileError(f"cannot read {label}: {reason}") from exc
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif hasattr(source, "read"):
        try:
            data = source.read()
        except OSError as exc:
            raise TraktFileError(f"cannot read {label}: {exc}") from exc
        if isinstance(data, str):
            raise TraktSourceError(
                f"{label} is a text-mode file; open it in binary mode ('rb') so the "
                "loader can check the encoding"
            )
    else:
        raise TraktSourceError(
            f"cannot load progress from a {type(source).__name__}: pass a path, bytes, "
            "a binary file object or a parsed list"
        )
    return parse_json(data, label=label)


def parse_json(data: bytes, *, label: str = "<bytes>") -> Any:
    """Parse JSON bytes, turning every failure into a :class:`TraktDataError`.

    The message gives the line and column of the problem, and says so when the
    bytes look like an HTML page (a server's error page) rather than JSON.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _decode_error(data, exc, label) from None
    except RecursionError:  # pragma: no cover - orjson limits depth itself
        raise TraktDataError(f"{label}: JSON is nested too deeply") from None


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
