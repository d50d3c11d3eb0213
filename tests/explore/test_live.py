"""ProgressExplorer.live against a local HTTP server speaking the v1 URLs."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import orjson
import pytest

import trakt_analysis as ta
from tests.helpers.explore_data import RESPONSE

KEY = "fake-explorer-key-0123"


class V1Handler(BaseHTTPRequestHandler):
    """/user/progress/watched.json/{key}/{username}: alice exists, nobody else."""

    def do_GET(self) -> None:
        parts = [unquote(p) for p in self.path.split("?")[0].strip("/").split("/")]
        if parts[:3] != ["user", "progress", "watched.json"] or len(parts) < 5:
            self._send(404, {"status": "failure", "error": "unknown endpoint"})
        elif parts[3] != KEY:
            self._send(401, {"status": "failure", "error": "invalid api key"})
        elif parts[4] != "alice":
            self._send(404, {"status": "failure", "error": "user not found"})
        else:
            self._send(200, RESPONSE)

    def _send(self, status: int, body: object) -> None:
        data = orjson.dumps(body)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server_url(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), V1Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_live_explorer_takes_the_key_from_the_password_field(server_url):
    explorer = ta.ProgressExplorer.live(base_url=server_url, user="alice", retries=0)
    c = explorer.controls
    assert c.api_key.layout.display == "flex"
    assert "no API key" in explorer.error
    c.api_key.value = KEY
    assert c.api_key.value == ""
    assert explorer.error is None
    assert len(explorer.table) == 4
    assert list(c.user.options) == ["alice"]

    c.user.value = "nobody"
    assert explorer.error is not None
    assert "user not found" in explorer.error
    assert explorer.table.empty
    for shown in (explorer.error, explorer._message.value, repr(explorer)):
        assert KEY not in shown


def test_live_explorer_with_a_wrong_key_from_the_environment(server_url, monkeypatch):
    monkeypatch.setenv("TRAKT_API_KEY", "fake-wrong-key-9")
    explorer = ta.ProgressExplorer.live(base_url=server_url, user="alice", retries=0)
    assert explorer.controls.api_key.layout.display == "none"
    assert isinstance(explorer.exception, ta.TraktAuthError)
    assert "fake-wrong-key-9" not in explorer.error
    assert "fake-wrong-key-9" not in explorer._message.value
