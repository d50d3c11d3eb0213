"""Turn an HTTP response, or a transport failure, into parsed JSON or a TraktError.

Every message is built from the placeholder URL and passed through
:func:`~trakt_analysis._redact.redact`; the requests/urllib3 exception is never
chained (its message holds the real URL), only described.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)

from ..errors import (
    TraktAPIError,
    TraktAuthError,
    TraktConnectionError,
    TraktDataError,
    TraktError,
    TraktHTTPError,
    TraktNotFoundError,
    TraktRateLimitError,
)
from ..parsers._json import excerpt, parse_json
from .redact import redact

__all__ = ["attempts_made", "parse_response", "transport_error"]

_STATUS_ERRORS: dict[int, tuple[type[TraktHTTPError], str]] = {
    401: (TraktAuthError, "authentication failed or the API key is invalid"),
    404: (TraktNotFoundError, "no such user or show"),
    429: (TraktRateLimitError, "rate limited"),
    503: (TraktHTTPError, "the server is over capacity"),
}


def attempts_made(response: requests.Response) -> int:
    """How many requests urllib3 sent for this response (1 + its retries)."""
    retries = getattr(response.raw, "retries", None)
    history = getattr(retries, "history", None) or ()
    return 1 + len(history)


def parse_response(
    response: requests.Response,
    label: str,
    *,
    check_body: Callable[[Any, str], None] | None = None,
    error_words: Callable[[Any], str | None] | None = None,
    status_errors: Mapping[int, tuple[type[TraktHTTPError], str]] | None = None,
) -> Any:
    """Return the parsed JSON of a successful response, or raise the matching error.

    Parameters
    ----------
    response : requests.Response
        The answer.
    label : str
        Names the request in messages (with any secret already redacted).
    check_body : callable, optional
        ``check_body(data, where)`` raises :class:`TraktAPIError` for an API's
        failure body that came with a 2xx status (v1's ``{"status": "failure"}``);
        this layer knows HTTP, not the API's documents.
    error_words : callable, optional
        ``error_words(data)`` returns the API's own message from the parsed
        body of a 4xx/5xx answer, or None when the body is not the API's error
        document (the source knows its API's documents; this layer does not).
    status_errors : mapping, optional
        Status -> (error class, meaning) for this API, over the defaults.

    Raises
    ------
    TraktAuthError, TraktNotFoundError, TraktRateLimitError, TraktHTTPError
        The status is 4xx/5xx, or the body is not (whole) JSON.
    TraktAPIError
        A v1 failure body, ``{"status": "failure", ...}``, with a 2xx status.
    """
    status = response.status_code
    body = response.content or b""
    where = f"{label} (HTTP {status})"
    # Errors are raised outside the except blocks, so none carries a __context__.
    parse_error = failure = None
    try:
        data = parse_json(body, label=where)
    except TraktDataError as exc:
        parse_error = redact(str(exc))
    if parse_error is not None:
        if status >= 400:
            raise _status_error(response, where, excerpt(body), status_errors)
        raise TraktHTTPError(parse_error, status=status)
    if status >= 400:
        said = error_words(data) if error_words is not None else None
        if said is not None:
            # The API's own words, whole. On 401 they replace the usual "the API
            # key is invalid": v1 also sent 401 for "This user has a protected profile."
            raise _status_error(
                response,
                where,
                f"the API says: {said}",
                status_errors,
                # A caller's own meaning for 401 (e.g. "the profile is private") stays.
                meaning=status != 401 or 401 in (status_errors or {}),
            )
        message = data.get("error") if isinstance(data, dict) else None
        detail = f"the API says: {message}" if message else excerpt(body)
        raise _status_error(response, where, detail, status_errors)
    try:
        if check_body is not None:
            check_body(data, where)
    except TraktAPIError as exc:
        failure = redact(str(exc))
    if failure is not None:
        raise TraktAPIError(failure, status=status)
    return data


def _status_error(
    response: requests.Response,
    where: str,
    detail: str,
    status_errors: Mapping[int, tuple[type[TraktHTTPError], str]] | None = None,
    *,
    meaning: bool = True,
) -> TraktHTTPError:
    status = response.status_code
    table = {**_STATUS_ERRORS, **(status_errors or {})}
    cls, usual = table.get(
        status,
        (TraktHTTPError, "server error" if status >= 500 else "the request was refused"),
    )
    parts = [f"{where}: {usual}" if meaning else where]
    attempts = attempts_made(response)
    if attempts > 1:
        parts.append(f"gave up after {attempts} attempts")
    retry_after = response.headers.get("Retry-After")
    if status == 429 and retry_after:
        parts.append(f"the server asks to wait {retry_after.strip()} s (Retry-After)")
    parts.append(detail)
    return cls(redact("; ".join(parts)), status=status)


def transport_error(exc: requests.RequestException, label: str) -> TraktError:
    """Describe a requests exception as a :class:`TraktConnectionError`, without its URL."""
    root = _root(exc)
    if isinstance(root, ReadTimeoutError) or isinstance(exc, requests.exceptions.ReadTimeout):
        what = "timed out waiting for the server to answer"
    elif isinstance(root, NewConnectionError):
        what = f"could not connect: {_text(root)}"
    elif isinstance(root, ConnectTimeoutError) or isinstance(
        exc, requests.exceptions.ConnectTimeout
    ):
        what = "timed out while connecting"
    elif isinstance(exc, requests.exceptions.ChunkedEncodingError):
        what = f"the response was cut off before its end (truncated): {_text(root)}"
    elif isinstance(exc, requests.exceptions.ContentDecodingError):
        what = "the response body could not be decoded (truncated or corrupt)"
    elif isinstance(exc, requests.exceptions.SSLError):
        what = f"TLS failed: {_text(root)}"
    elif isinstance(exc, requests.exceptions.ConnectionError):
        what = f"could not get a response: {_text(root)}"
    else:
        what = f"the request failed: {type(exc).__name__}: {_text(root)}"
    return TraktConnectionError(redact(f"{label}: {what}"))


def _root(exc: BaseException) -> BaseException:
    """The innermost cause of a requests/urllib3 error."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MaxRetryError) and exc.reason is not None:
            exc = exc.reason
        elif isinstance(exc, NewConnectionError):
            break
        elif exc.args and isinstance(exc.args[-1], BaseException):
            exc = exc.args[-1]
        else:
            break
    return exc


def _text(exc: BaseException) -> str:
    """The error in words, without urllib3's "HTTPConnectionPool(host=..., port=...): " prefix."""
    if isinstance(exc, OSError) and exc.strerror and not str(exc).startswith("HTTP"):
        return exc.strerror
    text = str(exc) or type(exc).__name__
    if text.startswith(("HTTPConnection", "HTTPSConnection")) and "): " in text:
        text = text.split("): ", 1)[1]
    return redact(text)
