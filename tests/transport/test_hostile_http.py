"""A hostile server (#23 items 1, 4, 5): no secret or answer between hosts, no wait or size it sets.

Each test scripts the stand-in servers (v1, v2, TVmaze) to answer as a hostile or
broken server would; a second stand-in plays "another host" and must see nothing.
"""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
import zlib

import pytest

import trakt_analysis as ta
from tests.helpers.export_like import export_like
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.demo.tvmaze_server import TVmazeServer
from trakt_analysis.demo.v1_server import FAKE_KEY
from trakt_analysis.demo.v2_server import Failure, V2Server
from trakt_analysis.errors import (
    TraktConnectionError,
    TraktHTTPError,
    TraktLoginExpiredError,
    TraktPagingError,
)


@pytest.fixture
def other_host():
    """Another origin (its own port): whatever reaches it has leaked."""
    server = V2Server().start()
    yield server
    server.stop()


def _redirect(to: str, status: int = 307) -> Failure:
    return Failure("status", status, b"", {"Location": to})


def _signed_in(server, tmp_path, **kwargs):
    api = make_api(server, tmp_path, **kwargs)
    sign_in(server, api)
    return api


# -- 1. no redirect to another origin ----------------------------------------------------------


@pytest.mark.parametrize("status", [307, 308])
def test_device_token_post_is_not_redirected_to_another_host(
    v2_server, other_host, tmp_path, status
):
    api = make_api(v2_server, tmp_path)
    # /oauth/device/code answers normally; the first poll is redirected away.
    v2_server.fail(Failure("none"), _redirect(f"{other_host.base_url}/oauth/device/token", status))
    with pytest.raises(TraktHTTPError, match="redirected to another host") as info:
        api.login(display=lambda device: None)
    assert other_host.requests == []  # neither the client secret nor the device code left
    assert not (tmp_path / "token.json").exists()
    assert "d3v1c3" not in str(info.value)


def test_token_refresh_post_is_not_redirected_to_another_host(v2_server, other_host, tmp_path):
    api = _signed_in(v2_server, tmp_path)
    saved = (tmp_path / "token.json").read_text()
    token = json.loads(saved)
    later = make_api(v2_server, tmp_path, clock=lambda: token["created_at"] + token["expires_in"])
    v2_server.fail(_redirect(f"{other_host.base_url}/oauth/token", 308))
    with pytest.raises(TraktHTTPError, match="redirected to another host"):
        later.progress()
    assert other_host.requests == []
    assert (tmp_path / "token.json").read_text() == saved
    api.close()


def test_v2_get_redirected_to_another_host_is_refused(v2_server, other_host, tmp_path):
    api = _signed_in(v2_server, tmp_path)
    v2_server.fail(_redirect(f"{other_host.base_url}/sync/last_activities", 302))
    with pytest.raises(TraktHTTPError, match=r"GET .*/sync/last_activities.*another host"):
        api.progress()
    assert other_host.requests == []  # neither the token nor the client id went there


def test_v2_get_redirected_on_the_same_host_is_followed(v2_server, tmp_path):
    api = _signed_in(v2_server, tmp_path)
    expected = len(api.progress().shows)
    v2_server.fail(_redirect("/sync/last_activities", 302))
    assert len(api.progress().shows) == expected


def test_v1_get_redirected_to_another_host_is_refused(v1_server, other_host):
    v1_server.fail(Failure("status", 302, b"", {"Location": f"{other_host.base_url}/x"}))
    client = ta.TraktClient(FAKE_KEY, base_url=v1_server.base_url)
    with client, pytest.raises(TraktHTTPError, match="another host") as info:
        client.progress_watched("casual")
    assert other_host.requests == []
    assert FAKE_KEY not in str(info.value)


@pytest.fixture
def tvmaze_stand_in(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = TVmazeServer().start()
    yield server
    server.stop()


def _tvmaze(server, **kwargs):
    kwargs.update(cache=False, progress_bar=False, rate_limit=(10_000, 1.0))
    return ta.TVmaze(base_url=server.base_url, **kwargs)


def test_tvmaze_lookup_redirected_to_another_host_is_refused(tvmaze_stand_in, other_host):
    tvmaze_stand_in.fail(
        Failure("status", 301, b"", {"Location": f"{other_host.base_url}/shows/1000"})
    )
    with pytest.raises(TraktHTTPError, match="another host"):
        _tvmaze(tvmaze_stand_in).complete(export_like())


# -- 4. no wait the server controls ------------------------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = time.time()
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_device_code_waits_are_capped(v2_server, tmp_path):
    fake = FakeTime()
    v2_server.device_interval = 86_400  # a day between polls, as a hostile server asked
    v2_server.device_expires_in = 10**9
    v2_server.device_script = ["pending"]
    api = make_api(v2_server, tmp_path, clock=fake.clock, sleep=fake.sleep)
    with pytest.raises(TraktLoginExpiredError, match="no approval within 1800 s"):
        api.login(display=lambda device: None)
    polls = [s for s in fake.sleeps if s > 1.5]  # the rest is the throttle's 1 POST a second
    assert max(polls) == 30  # HTTPLimits.max_poll_interval
    # HTTPLimits.max_login_seconds (plus at most one throttle second of the last poll)
    assert 1700 < sum(fake.sleeps) <= 1801.5


def test_device_code_waits_follow_the_limits_given(v2_server, tmp_path):
    fake = FakeTime()
    v2_server.device_interval = 600
    v2_server.device_script = ["pending", "slow_down", "approve"]
    limits = ta.HTTPLimits(max_poll_interval=7)
    api = make_api(v2_server, tmp_path, clock=fake.clock, sleep=fake.sleep, http_limits=limits)
    api.login(display=lambda device: None)
    polls = [s for s in fake.sleeps if s > 1.5]  # the rest is the throttle's 1 POST a second
    assert polls == [7, 7, 7]  # capped, and "slow down" does not pass the cap


def test_a_trickled_body_is_cut_at_the_deadline(v2_server, tmp_path):
    limits = ta.HTTPLimits(answer_seconds=1.0)
    api = _signed_in(v2_server, tmp_path, http_limits=limits, timeout=5)
    body = json.dumps({"all": "2026-01-01T00:00:00.000Z", "pad": "x" * 40}).encode()
    # Each byte within the 5 s read timeout, the whole far beyond a second.
    v2_server.fail(Failure("status", 200, body, {"Content-Type": "application/json"}, trickle=0.2))
    started = time.monotonic()
    with pytest.raises(TraktConnectionError, match=r"within 1 s.*answer_seconds"):
        api.progress()
    assert time.monotonic() - started < 3.5


def test_the_pages_of_one_list_are_bounded(v2_server, tmp_path):
    v2_server.page_size = 1
    api = _signed_in(v2_server, tmp_path, http_limits=ta.HTTPLimits(max_pages=2))
    before = len(v2_server.requests)
    with pytest.raises(TraktPagingError, match=r"more than the limit of 2.*max_pages"):
        api.progress()
    pages = [p for p in v2_server.paths[before:] if p.startswith("/sync/watched/shows")]
    assert len(pages) == 1  # refused at the first page's count, before reading on


# -- 5. bounded memory -------------------------------------------------------------------------


def _gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    block = b"0" * (1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


def test_a_gzip_bomb_is_refused_at_the_decoded_cap(v2_server, tmp_path):
    bomb = _gzip_of_zeros(256 * 1024 * 1024)  # some 250 KiB on the wire
    assert len(bomb) < 1024 * 1024
    api = _signed_in(v2_server, tmp_path)
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    v2_server.fail(Failure("status", 200, bomb, headers))
    tracemalloc.start()
    try:
        with pytest.raises(TraktHTTPError, match=r"larger than 64 MiB once decoded"):
            api.progress()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * 64 * 1024 * 1024  # the cap, not the 256 MiB the bomb decodes to


def test_the_decoded_cap_applies_to_tvmaze(tvmaze_stand_in):
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    tvmaze_stand_in.fail(Failure("status", 200, gzip.compress(b" " * 5_000_000), headers))
    client = _tvmaze(tvmaze_stand_in, http_limits=ta.HTTPLimits(max_answer_bytes=1_000_000))
    with pytest.raises(TraktHTTPError, match="larger than 1000000 bytes once decoded"):
        client.complete(export_like())


def test_limits_are_checked():
    with pytest.raises(ta.TraktArgumentError, match="max_pages"):
        ta.HTTPLimits(max_pages=0)
    with pytest.raises(ta.TraktArgumentError, match="answer_seconds"):
        ta.HTTPLimits(answer_seconds=float("nan"))
    with pytest.raises(ta.TraktArgumentError, match="http_limits must be an HTTPLimits"):
        ta.TVmaze(cache=False, http_limits={"max_pages": 3})
