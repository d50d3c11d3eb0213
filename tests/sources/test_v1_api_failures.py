"""Every way the v1 server can fail, against the live local server; retries counted there."""

from __future__ import annotations

import socket
import time

import pytest

import trakt_analysis as ta
from trakt_analysis.demo.v1_server import FAKE_KEY, Failure

FAILURE = {"status": "failure", "error": "server is over capacity"}
HTML = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def client_for(server, **kwargs) -> ta.TraktClient:
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("backoff", 0)
    kwargs.setdefault("retry_after_margin", 0.01)
    return ta.TraktClient(FAKE_KEY, base_url=server.base_url, **kwargs)


def fetch(server, user="casual", **kwargs):
    with client_for(server, **kwargs) as client:
        return client.progress_watched(user)


def test_401_is_an_auth_error_with_the_api_message(v1_server):
    client = ta.TraktClient("wrong-key", base_url=v1_server.base_url)
    with client, pytest.raises(ta.TraktAuthError) as info:
        client.progress_watched("casual")
    assert info.value.status == 401
    assert "the API says: invalid api key" in str(info.value)
    assert len(v1_server.requests) == 1  # 401 is not retried


def test_404_is_a_not_found_error(v1_server):
    with pytest.raises(ta.TraktNotFoundError, match=r"no such user or show.*user nobody not found"):
        fetch(v1_server, "nobody")
    assert len(v1_server.requests) == 1


def test_429_honours_retry_after_with_the_margin_then_succeeds(v1_server):
    v1_server.status(429, FAILURE, **{"Retry-After": "1"})
    start = time.monotonic()
    data = fetch(v1_server, retry_after_margin=0.2)
    elapsed = time.monotonic() - start
    assert len(data) > 0
    assert len(v1_server.requests) == 2
    assert 1.2 <= elapsed < 3


def test_429_persisting_raises_rate_limit_after_the_bounded_retries(v1_server):
    v1_server.status(429, FAILURE, times=10, **{"Retry-After": "0"})
    with pytest.raises(ta.TraktRateLimitError) as info:
        fetch(v1_server, retries=2)
    assert info.value.status == 429
    assert len(v1_server.requests) == 3
    message = str(info.value)
    assert "rate limited; gave up after 3 attempts" in message
    assert "the server asks to wait 0 s (Retry-After)" in message


def test_429_asking_to_wait_beyond_the_cap_gives_up_at_once(v1_server):
    v1_server.status(429, FAILURE, times=5, **{"Retry-After": "3600"})
    start = time.monotonic()
    with pytest.raises(ta.TraktRateLimitError, match="asks to wait 3600 s"):
        fetch(v1_server, max_retry_time=5)
    assert time.monotonic() - start < 2
    assert len(v1_server.requests) == 1


@pytest.mark.parametrize("status", [503, 500, 502])
def test_5xx_a_few_times_then_success(v1_server, status):
    v1_server.status(status, FAILURE, times=2)
    data = fetch(v1_server, retries=3)
    assert isinstance(data, list)
    assert len(v1_server.requests) == 3


def test_503_persisting_raises_after_retries_with_backoff(v1_server):
    v1_server.status(503, FAILURE, times=10)
    start = time.monotonic()
    with pytest.raises(ta.TraktHTTPError) as info:
        fetch(v1_server, retries=3, backoff=0.05)
    elapsed = time.monotonic() - start
    assert type(info.value) is ta.TraktHTTPError
    assert info.value.status == 503
    assert "over capacity; gave up after 4 attempts" in str(info.value)
    assert len(v1_server.requests) == 4
    # urllib3's backoff: 0, then 2 x 0.05, then 4 x 0.05 seconds.
    assert elapsed >= 0.3


def test_total_retry_time_is_capped(v1_server):
    v1_server.status(503, FAILURE, times=10)
    with pytest.raises(ta.TraktHTTPError, match="gave up after 3 attempts"):
        # Waits 0, 0.4, 0.8 s: the third retry would end after 1 s, so it is not made.
        fetch(v1_server, retries=5, backoff=0.2, max_retry_time=1.0)
    assert len(v1_server.requests) == 3


def test_html_error_page_raises_with_status_and_excerpt(v1_server):
    v1_server.status(502, HTML, times=10)
    with pytest.raises(ta.TraktHTTPError) as info:
        fetch(v1_server, retries=0)
    assert info.value.status == 502
    assert "(HTTP 502): server error" in str(info.value)
    assert "502 Bad Gateway" in str(info.value)


def test_html_page_with_200_raises_not_json(v1_server):
    v1_server.status(200, HTML)
    with pytest.raises(ta.TraktHTTPError, match=r"\(HTTP 200\): expected JSON, got .*HTML") as info:
        fetch(v1_server)
    assert info.value.status == 200


def test_failure_body_with_200_raises_the_api_message(v1_server):
    v1_server.status(200, {"status": "failure", "error": "shows not found"})
    with pytest.raises(ta.TraktAPIError, match="the API reported a failure: shows not found") as i:
        fetch(v1_server)
    assert i.value.status == 200


def test_truncated_body_with_content_length_raises_connection_error(v1_server):
    v1_server.fail(Failure("truncate"))
    with pytest.raises(ta.TraktConnectionError, match="cut off before its end"):
        fetch(v1_server, retries=0)


def test_truncated_body_without_length_is_never_half_loaded(v1_server):
    v1_server.fail(Failure("unterminated"))
    with pytest.raises(ta.TraktHTTPError, match="truncated"):
        ta.fetch_progress("casual", api_key=FAKE_KEY, base_url=v1_server.base_url)


def test_reset_connection_retries_then_raises(v1_server):
    v1_server.fail(Failure("reset"), times=10)
    with pytest.raises(ta.TraktConnectionError, match="could not get a response") as info:
        fetch(v1_server, retries=2)
    assert isinstance(info.value, ConnectionError)
    assert len(v1_server.requests) == 3


def test_reset_once_then_success(v1_server):
    v1_server.fail(Failure("reset"))
    assert isinstance(fetch(v1_server, retries=1), list)
    assert len(v1_server.requests) == 2


def test_timeout_raises_connection_error(v1_server):
    v1_server.fail(Failure("hang", delay=0.5), times=2)
    with pytest.raises(ta.TraktConnectionError, match="timed out waiting for the server"):
        fetch(v1_server, retries=1, timeout=0.1)
    assert len(v1_server.requests) == 2


def test_refused_connection_raises_connection_error():
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = ta.TraktClient(FAKE_KEY, base_url=f"http://127.0.0.1:{port}", retries=1, backoff=0)
    with (
        client,
        pytest.raises(ta.TraktConnectionError, match=r"could not connect: .*[Cc]onnection refused"),
    ):
        client.progress_watched("casual")


def test_network_guard_blocks_non_loopback():
    with pytest.raises(OSError, match="must not"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(OSError, match="must not"):
        socket.getaddrinfo("api.trakt.tv", 80)


def test_a_retry_object_can_be_given(v1_server):
    from trakt_analysis._http.session import RETRY_STATUSES, PoliteRetry

    v1_server.status(503, FAILURE, times=10)
    retry = PoliteRetry(total=1, status_forcelist=RETRY_STATUSES, raise_on_status=False)
    with pytest.raises(ta.TraktHTTPError, match="gave up after 2 attempts"):
        fetch(v1_server, retries=retry)
    assert len(v1_server.requests) == 2


PROTECTED = {"status": "error", "message": "This user has a protected profile."}


@pytest.mark.parametrize("status", [200, 401])
def test_v1_error_shape_carries_the_whole_message(v1_server, status):
    v1_server.status(status, PROTECTED)
    with pytest.raises(ta.TraktAPIError) as info:
        fetch(v1_server)
    assert "This user has a protected profile." in str(info.value)
    assert "API key is invalid" not in str(info.value)
    assert info.value.status == status
