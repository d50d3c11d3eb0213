"""Parse an API v1 ``user/progress/watched`` response into frame columns.

Two ways in, one result. :func:`parse_progress_json` takes the bytes: msgspec
decodes them into the Structs of :mod:`.typed` (seasons and episodes checked
while parsing) and :func:`.typed.gather` reads the shows' fields column by
column. Anything unusual sends the bytes to :func:`parse_progress`, the full
walk (:mod:`.walk`), which checks the parsed JSON show by show in Python (a few
thousand objects) and hands the episodes (hundreds of thousands of ``"key":
bool`` pairs) to numpy in bulk. Both fill a :class:`~.state.V1State` and end in
the same build of the columns (:mod:`.build`), and both give the same columns,
warnings and errors (``tests/parsers/test_v1_typed.py``).

Every value is checked. A broken structure raises :class:`TraktDataError`
naming the item, the show's title and the field path; an odd value of one show
loads as NA and, like the inconsistencies real data has (a percentage that
disagrees with its counts, totals against seasons), is returned as a warning
naming the show for the caller to emit. ``docs/data-rules.md`` has the rules.
"""

from __future__ import annotations

from ...errors import TraktAPIError, TraktDataError
from .._checks import short
from .._json import as_utf8, decode_json
from .._problems import Problems
from ..detect import (
    V1_ERROR,
    V1_PROGRESS,
    V2_ERROR,
    detect_format,
    error_message,
    wrong_format_message,
)
from ..parsed import ParsedProgress
from .build import build
from .state import V1State
from .typed import Item, decode_items, gather, typed_seasons
from .walk import walk

__all__ = ["check_failure_body", "parse_progress", "parse_progress_json", "parse_typed"]


def check_failure_body(data: object, label: str) -> None:
    """Raise :class:`TraktAPIError` for an API error body, with the API's whole message.

    v1 answered ``{"status": "failure", "error": ...}`` and ``{"status":
    "error", "message": ...}`` (with HTTP 200 or 401); v2 answers ``{"error":
    ..., "error_description": ...}``.
    """
    if type(data) is dict and detect_format(data) in (V1_ERROR, V2_ERROR):
        raise TraktAPIError(f"{label}: the API reported a failure: {error_message(data)}")


def parse_progress(data: object, *, label: str = "<input>") -> ParsedProgress:
    """Check a v1 progress response and return the columns of the three frames.

    Parameters
    ----------
    data : object
        The parsed JSON: a list with one item per show.
    label : str
        Names the source in error messages.

    Raises
    ------
    TraktAPIError
        `data` is the API's error body (v1 ``{"status": "failure" | "error"}``
        or v2 ``{"error": ...}``); the message is the API's, whole.
    TraktDataError
        `data` is another Trakt document (a v2 response, an account-export
        member, a v1 library file: the message names it and what to call
        instead), or its structure is not a progress response's.
    """
    check_failure_body(data, label)
    fmt = detect_format(data)
    if fmt is not None and fmt != V1_PROGRESS:
        raise TraktDataError(wrong_format_message(fmt, label))
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of shows at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    state = V1State(problems=Problems(label))
    walk(state, data)
    return build(state)


def parse_progress_json(payload: bytes, *, label: str = "<input>") -> ParsedProgress:
    """Parse and check the JSON bytes of a v1 progress response: :func:`parse_progress`, faster.

    The seasons are decoded and checked by msgspec while the JSON is parsed
    (:mod:`.typed`). Where that decoder declines (invalid JSON, an odd
    value, an unknown field, another document), the bytes are parsed again and
    walked in full, so the result, the warnings and the errors are exactly
    those of :func:`parse_progress` on the parsed JSON.

    Raises
    ------
    TraktDataError, TraktAPIError
        As :func:`parse_progress`; invalid JSON gives its line and column.
    """
    payload = as_utf8(payload, label=label)
    items = decode_items(payload)
    if items:
        try:
            return parse_typed(items, label=label)
        except TraktDataError:
            pass  # the full walk names the first problem, exactly as parse_progress does
    return parse_progress(decode_json(payload, label=label), label=label)


def parse_typed(items: list[Item], *, label: str = "<input>") -> ParsedProgress:
    """The columns of the typed path's items (:func:`.typed.decode_items`).

    Raises
    ------
    TraktDataError
        The typed path leaves this input to the full walk (which names the
        problem): :func:`parse_progress_json` then walks the bytes in full.
    """
    state = V1State(typed=True, problems=Problems(label))
    gather(state, items)
    typed_seasons(state)
    return build(state)
