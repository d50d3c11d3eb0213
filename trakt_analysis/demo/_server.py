"""What every stand-in server shares: a real HTTP server on 127.0.0.1 with scripted failures.

The stand-ins for API v1, API v2 and TVmaze (tests and notebooks use them; nothing
reaches the internet) each answer their own API's paths; this base listens on a
free port the system picks, records every request, and hands out the queued
:class:`Failure` answers one request at a time.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

__all__ = ["Failure", "QuietHandler", "Seen", "StandInServer", "listen"]


@dataclass
class Failure:
    """One scripted answer. ``kind`` "status" sends `status`, `body` and `headers`
    (with `trickle` > 0, the body one byte every `trickle` seconds); "hang" waits
    `delay` seconds, then answers normally; each server documents the other kinds
    it knows (a reset connection, a truncated body, a short page...)."""

    kind: str = "status"
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    trickle: float = 0.0


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    method: str = "GET"


class QuietHandler(BaseHTTPRequestHandler):
    """A keep-alive handler that logs nothing and answers without Nagle's delay."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and
    # delayed ACKs hold each keep-alive answer back by some 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, *args: object) -> None:  # keep test and notebook output quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        """Answer `status` with `body` (its length sent) and `headers`."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_failure(self, failure: Failure) -> None:
        """Answer a scripted "status" failure, its body trickled when it says so."""
        if failure.trickle <= 0:
            self._send(failure.status, failure.body, failure.headers)
            return
        self.send_response(failure.status)
        for name, value in failure.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(failure.body)))
        self.end_headers()
        self.wfile.flush()
        for i in range(len(failure.body)):
            self.wfile.write(failure.body[i : i + 1])
            self.wfile.flush()
            time.sleep(failure.trickle)


class StandInServer:
    """Start with :meth:`start` (or ``with``); ``base_url`` is where it listens.

    Parameters
    ----------
    handler : type
        The request handler class, usually a :class:`QuietHandler` made for this
        server instance.
    """

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.requests: list[Any] = []
        self._failures: list[Failure] = []
        self._lock = threading.Lock()
        self.httpd, self._thread, self.base_url = listen(handler)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(self, *failures: Failure, times: int = 1) -> None:
        """Queue `failures` (repeated `times` times) for the next requests."""
        with self._lock:
            self._failures.extend(list(failures) * times)

    def status(self, code: int, body: object = b"", times: int = 1, **headers: str) -> None:
        """Queue `times` answers with this status, e.g. ``status(429, **{"Retry-After": "1"})``."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.fail(Failure("status", code, data, dict(headers)), times=times)

    @property
    def paths(self) -> list[str]:
        """The paths asked for, in order."""
        return [seen.path for seen in self.requests]

    def _next(self) -> Failure | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None


def listen(
    handler: type[BaseHTTPRequestHandler],
) -> tuple[ThreadingHTTPServer, threading.Thread, str]:
    """A server for `handler` on a free port of 127.0.0.1, its (unstarted) thread, its URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    # A client that gave up (timeout, reset) leaves a broken pipe: not worth a traceback.
    httpd.handle_error = _quiet_error  # type: ignore[method-assign]
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    return httpd, thread, f"http://127.0.0.1:{httpd.server_address[1]}"


def _quiet_error(request: object, client_address: object) -> None:
    """A client that gave up (timeout, reset) leaves a broken pipe: not worth a traceback."""
