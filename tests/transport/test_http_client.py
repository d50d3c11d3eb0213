"""The one HTTP base under TraktClient (v1), TraktAPI (v2) and TVmaze: one convention each."""

from __future__ import annotations

import pickle
import sqlite3
import time
from datetime import timedelta

import pytest
import requests
from urllib3.util.retry import Retry

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis._http.client import HTTPClient, Transport
from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET

FAKE_KEY = "f4k3f4k3f4k3f4k3f4k3f4k3f4k3f4k3"


def _clients(v1_url: str, v2_url: str, tvmaze_url: str) -> list[HTTPClient]:
    return [
        ta.TraktClient(FAKE_KEY, base_url=v1_url),
        ta.TraktAPI(FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, base_url=v2_url),
        ta.TVmaze(base_url=tvmaze_url, cache=False),
    ]


def test_every_client_is_an_http_client_with_the_same_protocol():
    for client in _clients("http://127.0.0.1:9", "http://127.0.0.1:9", "http://127.0.0.1:9"):
        assert isinstance(client, HTTPClient)
        text = repr(client)
        assert text.startswith(f"{type(client).__name__}(base_url='http://127.0.0.1:9'")
        assert text.endswith("cache='off', offline=False)")
        assert FAKE_KEY not in text
        assert FAKE_CLIENT_SECRET not in text
        assert FAKE_KEY not in repr(vars(client))
        adapter = client._session.get_adapter("http://127.0.0.1:9/x")
        assert isinstance(adapter, Transport)
        with client as same:
            assert same is client
        with pytest.raises(TypeError):
            pickle.dumps(client)


@pytest.mark.parametrize(
    ("make", "env"),
    [
        (lambda: ta.TraktClient(FAKE_KEY), "TRAKT_BASE_URL"),
        (lambda: ta.TraktAPI(FAKE_CLIENT_ID), "TRAKT_API_URL"),
        (lambda: ta.TVmaze(cache=False), "TVMAZE_BASE_URL"),
    ],
)
def test_each_base_url_comes_from_its_environment_variable(monkeypatch, make, env):
    monkeypatch.setenv(env, "http://127.0.0.1:8123/")
    assert make().base_url == "http://127.0.0.1:8123"
    monkeypatch.setenv(env, "ftp://nowhere")
    with pytest.raises(ta.TraktArgumentError, match=env):
        make()


@pytest.mark.parametrize(
    "make",
    [
        lambda **kw: ta.TraktClient(FAKE_KEY, base_url="http://127.0.0.1:9", **kw),
        lambda **kw: ta.TraktAPI(FAKE_CLIENT_ID, base_url="http://127.0.0.1:9", **kw),
        lambda **kw: ta.TVmaze(base_url="http://127.0.0.1:9", cache=False, **kw),
    ],
    ids=["v1", "v2", "tvmaze"],
)
def test_one_convention_per_argument(make):
    for bad in ({"timeout": 0}, {"timeout": "10"}, {"retries": -1}, {"retries": 1.5}):
        with pytest.raises(ta.TraktArgumentError):
            make(**bad)
    # retries: an int or urllib3's Retry; cache_ttl: seconds, a timedelta or None.
    assert make(retries=Retry(total=2))._retry.total == 2
    for ttl, expected in ((90, timedelta(seconds=90)), (timedelta(hours=2), timedelta(hours=2))):
        assert make(cache_ttl=ttl).cache_ttl == expected
    assert make(cache_ttl=None).cache_ttl is None
    with pytest.raises(ta.TraktArgumentError, match="cache_ttl"):
        make(cache_ttl=-1)


def test_a_retried_request_is_counted_by_the_throttle(tvmaze_server):
    tvmaze_server.status(503, {"name": "Service Unavailable"})
    client = ta.TVmaze(
        base_url=tvmaze_server.base_url, cache=False, progress_bar=False, rate_limit=(100, 1.0)
    )
    client.lookup(tvdb_id=123_456_789)  # unknown: a 503, then the 404
    assert len(tvmaze_server.requests) == 2
    assert client.requests_made == 2
    assert [method for method, _ in client.throttle.sent] == ["GET", "GET"]


def test_a_retry_waits_for_the_throttle(tvmaze_server):
    # One request per 0.4 s: the retry of the 503 (no backoff, no Retry-After) must wait.
    tvmaze_server.status(503, {"name": "Service Unavailable"})
    client = ta.TVmaze(
        base_url=tvmaze_server.base_url,
        cache=False,
        progress_bar=False,
        rate_limit=(1, 0.4),
        retries=Retry(total=1, status_forcelist=[503], backoff_factor=0, raise_on_status=False),
    )
    started = time.monotonic()
    client.lookup(tvdb_id=123_456_789)
    assert time.monotonic() - started >= 0.4
    assert client.requests_made == 2


def test_a_policy_sees_every_request_on_the_wire(tvmaze_server):
    seen: list[tuple[str, int]] = []

    class Record:
        def before(self, wire: requests.PreparedRequest, options: dict) -> None:
            seen.append(("before", 0))

        def after(self, wire: requests.PreparedRequest, response: requests.Response) -> None:
            seen.append(("after", response.status_code))

    client = ta.TVmaze(base_url=tvmaze_server.base_url, cache=False, progress_bar=False)
    client.policies.append(Record())
    client.lookup(tvdb_id=123_456_789)
    assert seen == [("before", 0), ("after", 404)]


def _entries(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]


def test_the_v2_cache_prunes_old_versions(v2_server, tmp_path, monkeypatch):
    import trakt_analysis.sources.v2_api as v2_api

    monkeypatch.setattr(v2_api, "VERSION_KEEP", timedelta(seconds=1))
    cache = tmp_path / "cache"
    api = make_api(v2_server, tmp_path, cache=cache)
    sign_in(v2_server, api)
    api.progress()
    api.close()
    database = cache / "api_v2_cache.sqlite"
    before = _entries(database)
    v2_server.touch("ada", 0)  # a new version of the watched list
    time.sleep(1.2)  # the old version's answers (kept VERSION_KEEP) have expired
    again = make_api(v2_server, tmp_path, cache=cache)
    # Opened online, the cache drops what expired: the old watched list and activities.
    after_open = _entries(database)
    assert after_open < before
    again.progress()
    again.close()
    # The new version's answers replace the old: the file does not grow with each version.
    assert _entries(database) <= before
