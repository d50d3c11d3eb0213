"""What one HTTP answer may cost: its decoded size, the time its body takes, pages of a list.

Servers and the networks between are untrusted: a 1 MiB gzip answer can decode
to 1 GiB, a server can send its body one byte at a time (each socket read
within ``timeout``), and a paged list can claim 10,000 full pages. The
:class:`HTTPLimits` a client is given bound all of these; every limit reached
is an error that names the request and says which argument raises the limit.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass
from typing import Any

import requests

from ..errors import TraktArgumentError, TraktConnectionError, TraktHTTPError
from .redact import redact
from .redirects import refuse_cross_origin_redirect

__all__ = ["DEFAULT_LIMITS", "AnswerPolicy", "HTTPLimits", "as_limits", "read_limited"]

_MIB = 1024 * 1024
_CHUNK = 64 * 1024  # bytes of the (compressed) body read at a time


@dataclass(frozen=True)
class HTTPLimits:
    """Bounds on what the servers may make a client wait for or hold in memory.

    Pass one to :class:`~trakt_analysis.TraktAPI`, :class:`~trakt_analysis.TraktClient`
    or :class:`~trakt_analysis.TVmaze` as ``http_limits=`` to raise or lower them.

    Parameters
    ----------
    max_answer_bytes : int
        The most bytes one answer may hold once decoded (gzip undone), default
        64 MiB. A larger answer raises :class:`~trakt_analysis.TraktHTTPError`.
    answer_seconds : float
        The most seconds one answer's body may take to arrive, counted from its
        headers (default 120 s). ``timeout`` bounds each socket read, this the
        whole body: a server trickling it is cut off with
        :class:`~trakt_analysis.TraktConnectionError`.
    max_pages : int
        The most pages read for one paged list (default 1,000; Trakt's cap of
        100,000 plays is 100 pages of 1,000). More raises
        :class:`~trakt_analysis.TraktPagingError` before the first page past it.
    max_poll_interval : float
        The longest wait between two polls of the device-code sign-in, whatever
        the server's ``interval`` (default 30 s; trakt.tv sends 5).
    max_login_seconds : float
        The longest a sign-in waits for approval, whatever the server's
        ``expires_in`` (default 30 minutes; trakt.tv sends 10).
    """

    max_answer_bytes: int = 64 * _MIB
    answer_seconds: float = 120.0
    max_pages: int = 1000
    max_poll_interval: float = 30.0
    max_login_seconds: float = 1800.0

    def __post_init__(self) -> None:
        for name in ("max_answer_bytes", "max_pages"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise TraktArgumentError(f"HTTPLimits.{name} must be an int >= 1, got {value!r}")
        for name in ("answer_seconds", "max_poll_interval", "max_login_seconds"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise TraktArgumentError(f"HTTPLimits.{name} must be seconds > 0, got {value!r}")


DEFAULT_LIMITS = HTTPLimits()


def as_limits(limits: HTTPLimits | None) -> HTTPLimits:
    """`limits`, or the defaults for None; anything else is a :class:`TraktArgumentError`."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, HTTPLimits):
        raise TraktArgumentError(f"http_limits must be an HTTPLimits, got {type(limits).__name__}")
    return limits


def _socket_of(response: requests.Response) -> socket.socket | None:
    """The socket a streamed answer is read from (urllib3 2), or None."""
    connection = getattr(response.raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def read_limited(response: requests.Response, label: str, limits: HTTPLimits) -> None:
    """Read `response`'s whole body into ``response.content`` within `limits`.

    A watchdog shuts the socket down when ``answer_seconds`` have passed, which
    ends a read blocked on a trickling server.

    Raises
    ------
    TraktHTTPError
        The decoded body is larger than ``max_answer_bytes``.
    TraktConnectionError
        The body took longer than ``answer_seconds``.
    requests.RequestException
        The body was cut off or could not be decoded (the caller describes it).
    """
    expired = threading.Event()
    sock = _socket_of(response)

    def cut() -> None:
        expired.set()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(limits.answer_seconds, cut)
    watchdog.daemon = True
    watchdog.start()
    body = bytearray()
    problem: str | None = None
    too_slow = False
    try:
        for chunk in response.iter_content(_CHUNK):
            body += chunk
            if len(body) > limits.max_answer_bytes:
                problem = (
                    f"{label}: the answer is larger than {_size(limits.max_answer_bytes)} once "
                    "decoded; refused (raise it with http_limits=HTTPLimits(max_answer_bytes=...))"
                )
                break
            if expired.is_set():
                too_slow = True
                break
    except requests.RequestException:
        if not expired.is_set():
            raise
        too_slow = True
    finally:
        watchdog.cancel()
    if too_slow:
        problem = (
            f"{label}: the answer did not arrive within {limits.answer_seconds:g} s "
            "(the server sent it too slowly); cut off (raise it with "
            "http_limits=HTTPLimits(answer_seconds=...))"
        )
    if problem is not None:
        response.close()
        error_class = TraktConnectionError if too_slow else TraktHTTPError
        raise error_class(redact(problem))
    response._content = bytes(body)
    response._content_consumed = True  # type: ignore[attr-defined]  # requests' own flag


def _size(n: int) -> str:
    return f"{n / _MIB:g} MiB" if n >= _MIB else f"{n} bytes"


class AnswerPolicy:
    """The transport's first :class:`~trakt_analysis._http.client.Policy`: where and how much.

    After the headers of each answer: a redirect to another origin is refused
    (:func:`~trakt_analysis._http.redirects.refuse_cross_origin_redirect`), then
    the body is read within `limits` (:func:`read_limited`).
    """

    def __init__(self, limits: HTTPLimits) -> None:
        self.limits = limits

    def __repr__(self) -> str:
        return f"AnswerPolicy({self.limits!r})"

    def before(self, wire: requests.PreparedRequest, options: dict[str, Any]) -> None:
        return None

    def after(self, wire: requests.PreparedRequest, response: requests.Response) -> None:
        label = redact(f"{wire.method} {wire.url}")
        refuse_cross_origin_redirect(response, label)
        read_limited(response, label, self.limits)
