"""A real HTTP server on 127.0.0.1 that speaks the seed's v1 ``user/progress/watched`` URL.

The stand-in for the long-gone API v1, shared by the tests and notebook 05. It
serves the demo users' generated responses (the same bytes as
``data/fixtures/users/<name>.json``; and the repository's ``seed_example.json``
as user ``seed``), checks the API key, and can be told to misbehave: queue failures with
:meth:`V1Server.fail`; each request takes the next one, then it serves normally.
Every request is recorded (path and headers), so tests count retries and check URLs.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote

from ._server import Failure, QuietHandler, Seen, StandInServer
from .users import DEMO_USERS, demo_payload

__all__ = ["FAKE_KEY", "FIXTURES", "Failure", "V1Server", "fixture_bytes"]

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "fixtures"
FAKE_KEY = "f4k3f4k3f4k3f4k3f4k3f4k3f4k3f4k3"  # an obvious fake, never a real key
PREFIX = "/user/progress/watched.json/"


def fixture_bytes(user: str) -> bytes:
    """The response for `user`: a demo user's generated payload, or the seed's example.

    Raises :class:`OSError` for an unknown user (the server answers 404).
    """
    if user == "seed":  # the API doc's example, kept in the repository's fixtures
        return (FIXTURES / "seed_example.json").read_bytes()
    if user not in DEMO_USERS:
        raise FileNotFoundError(user)
    return demo_payload(user)


class V1Server(StandInServer):
    """The stand-in v1 server; see the module docstring."""

    def __init__(self) -> None:
        self.key = FAKE_KEY  # the key the server accepts
        super().__init__(_make_handler(self))

    def paths_without_key(self) -> list[str]:
        """The paths asked for, with the accepted key shown as ``<key>``: safe to print."""
        return [path.replace(self.key, "<key>") for path in self.paths]


def _make_handler(server: V1Server) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            server.requests.append(Seen(self.path, dict(self.headers)))
            failure = server._next()
            if failure is None or failure.kind == "hang":
                if failure is not None:
                    time.sleep(failure.delay)
                self._serve()
            elif failure.kind == "status":
                self._send_failure(failure)
            elif failure.kind == "reset":
                # SO_LINGER 0: close() sends RST, the client sees "connection reset".
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
            elif failure.kind in ("truncate", "unterminated"):
                # Half the body, then the connection closes: short of the Content-Length
                # sent (truncate), or with no length at all (unterminated).
                body = fixture_bytes("casual")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if failure.kind == "truncate":
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True

        def _serve(self) -> None:
            if not self.path.startswith(PREFIX):
                self._send(404, b"<html><body><h1>Not Found</h1></body></html>", {})
                return
            segments = [unquote(s) for s in self.path[len(PREFIX) :].split("/")]
            key, user = segments[0], segments[1] if len(segments) > 1 else ""
            if key != server.key:
                self._failure(401, "invalid api key")
                return
            try:
                body = fixture_bytes(user)
            except OSError:
                self._failure(404, f"user {user} not found")
                return
            self._send(200, body, {"Content-Type": "application/json"})

        def _failure(self, status: int, message: str) -> None:
            body = json.dumps({"status": "failure", "error": message}).encode()
            self._send(status, body, {"Content-Type": "application/json"})

    return Handler
