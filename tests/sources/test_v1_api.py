"""TraktClient and fetch_progress against a live local v1 server: URLs, headers, results, cache."""

from __future__ import annotations

import sys
import time

import pandas as pd
import pytest
import requests

import trakt_analysis as ta
from trakt_analysis.demo.v1_server import FAKE_KEY, FIXTURES, fixture_bytes
from trakt_analysis.sources.v1_api import USER_AGENT

P = f"/user/progress/watched.json/{FAKE_KEY}"


def client_for(server, **kwargs) -> ta.TraktClient:
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("backoff", 0)
    return ta.TraktClient(FAKE_KEY, base_url=server.base_url, **kwargs)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        ({}, f"{P}/casual"),
        ({"titles": "game-of-thrones"}, f"{P}/casual/game-of-thrones"),
        ({"titles": 121361}, f"{P}/casual/121361"),
        # The seed's example request: titles joined by commas, sort and extended left off.
        (
            {"titles": ["game-of-thrones", "suits", 74897]},
            f"{P}/casual/game-of-thrones,suits,74897",
        ),
        ({"titles": "game-of-thrones, suits"}, f"{P}/casual/game-of-thrones,suits"),
        ({"sort": "activity"}, f"{P}/casual/all/activity"),
        ({"sort": "title"}, f"{P}/casual"),
        ({"extended": "full"}, f"{P}/casual/all/title/full"),
        (
            {"extended": "normal", "sort": "least-completed"},
            f"{P}/casual/all/least-completed/normal",
        ),
        ({"titles": ["suits"], "sort": "recently-aired"}, f"{P}/casual/suits/recently-aired"),
        ({"titles": ["suits"], "extended": "full"}, f"{P}/casual/suits/title/full"),
        (
            {"titles": ["a", "b"], "sort": "previously-aired", "extended": "normal"},
            f"{P}/casual/a,b/previously-aired/normal",
        ),
        # Each title is one encoded item: spaces, quotes, slashes, commas, non-ASCII.
        (
            {"titles": ["Hell's Kitchen", "a/b", "x,y", "Pokémon"]},
            f"{P}/casual/Hell%27s%20Kitchen,a%2Fb,x%2Cy,Pok%C3%A9mon",
        ),
    ],
)
def test_exact_url_for_each_parameter_combination(v1_server, args, path):
    with client_for(v1_server) as client:
        data = client.progress_watched("casual", **args)
    assert v1_server.paths == [path]
    assert isinstance(data, list)


def test_username_is_encoded(v1_server):
    with client_for(v1_server) as client, pytest.raises(ta.TraktNotFoundError):
        client.progress_watched("no body/?#")
    assert v1_server.paths == [f"{P}/no%20body%2F%3F%23"]


def test_url_shown_to_users_has_the_key_redacted():
    client = ta.TraktClient(FAKE_KEY, base_url="http://example.invalid/v1/")
    url = client.progress_watched_url("justin", ["suits"], "activity")
    assert (
        url
        == "http://example.invalid/v1/user/progress/watched.json/<redacted>/justin/suits/activity"
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"sort": "newest"}, "unknown sort 'newest'; choose one of: title, activity, most-"),
        ({"sort": None}, "unknown sort None"),
        ({"extended": "min"}, "unknown extended 'min'; choose one of: None, normal, full"),
        ({"extended": "none"}, "unknown extended 'none'"),
        ({"titles": []}, "titles is empty"),
        ({"titles": ["ok", ""]}, "empty title"),
        ({"titles": [1.5]}, "each title must be a slug"),
        ({"titles": 3.0}, "titles must be a slug"),
        ({"titles": ".."}, "not a valid username or title"),
    ],
)
def test_bad_arguments_raise_before_any_request(v1_server, kwargs, match):
    with client_for(v1_server) as client, pytest.raises(ta.TraktArgumentError, match=match) as info:
        client.progress_watched("casual", **kwargs)
    assert isinstance(info.value, ValueError)
    assert v1_server.requests == []


def test_bad_username_raises_before_any_request(v1_server):
    with client_for(v1_server) as client, pytest.raises(ta.TraktArgumentError, match="username"):
        client.progress_watched("  ")
    assert v1_server.requests == []


def test_user_agent_names_the_toolkit_and_version(v1_server):
    with client_for(v1_server) as client:
        client.progress_watched("casual")
    agent = v1_server.requests[0].headers["User-Agent"]
    assert agent == USER_AGENT
    assert agent.startswith(f"trakt_analysis/{ta.__version__} ")


def test_auth_sends_basic_with_the_sha1_digest(v1_server):
    # sha1("secret") worked out once by hand with `printf secret | sha1sum`.
    digest = "e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4"
    import base64

    expected = "Basic " + base64.b64encode(f"justin:{digest}".encode()).decode()
    for auth in (("justin", "secret"), ta.TraktAuth("justin", password_sha1=digest.upper())):
        with client_for(v1_server, auth=auth) as client:
            client.progress_watched("casual")
        assert v1_server.requests[-1].headers["Authorization"] == expected
    assert "Authorization" not in _requests_without_auth(v1_server)


def _requests_without_auth(server):
    with client_for(server) as client:
        client.progress_watched("casual")
    return server.requests[-1].headers


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("justin",), "exactly one of password or password_sha1"),
        (("justin", "pw"), None),
        (("", "pw"), "username must be a non-empty str"),
    ],
)
def test_auth_arguments(args, match):
    if match is None:
        assert repr(ta.TraktAuth(*args)) == "TraktAuth(username='justin', password_sha1=<redacted>)"
    else:
        with pytest.raises(ta.TraktArgumentError, match=match):
            ta.TraktAuth(*args)
    with pytest.raises(ta.TraktArgumentError, match="40-character"):
        ta.TraktAuth("justin", password_sha1="abc")


def test_fetch_progress_loads_the_served_fixture_with_user_filled_in(v1_server):
    progress = ta.fetch_progress("casual", api_key=FAKE_KEY, base_url=v1_server.base_url, backoff=0)
    expected = ta.load_progress(FIXTURES / "users" / "casual.json", user="casual")
    assert isinstance(progress, ta.Progress)
    assert progress.user == "casual"
    assert set(progress.shows["user"]) == {"casual"}
    for got, want in zip(progress, expected, strict=True):
        pd.testing.assert_frame_equal(got, want)


def test_fetch_progress_seed_example_with_a_given_client(v1_server):
    with client_for(v1_server) as client:
        shows, _seasons, episodes = ta.fetch_progress(
            "seed", titles=["game-of-thrones", "suits", 74897], client=client
        )
    # The seed's example: Game of Thrones, Hell's Kitchen, Suits; 20 GoT episodes listed.
    assert list(shows["title"]) == ["Game of Thrones", "Hell's Kitchen", "Suits"]
    got = episodes[episodes["title"] == "Game of Thrones"]
    assert len(got) == 20
    assert int(got["watched"].sum()) == 17


def test_fetch_progress_rejects_client_plus_options_and_unknown_options(v1_server):
    with client_for(v1_server) as client, pytest.raises(ta.TraktArgumentError, match="not both"):
        ta.fetch_progress("casual", client=client, timeout=1)
    with pytest.raises(ta.TraktArgumentError, match=r"unknown client option.*apikey"):
        ta.fetch_progress("casual", apikey=FAKE_KEY)
    assert v1_server.requests == []


def test_environment_variables_supply_key_and_base_url(v1_server, monkeypatch):
    monkeypatch.setenv("TRAKT_API_KEY", f" {FAKE_KEY}\n")
    monkeypatch.setenv("TRAKT_BASE_URL", v1_server.base_url + "/")
    with ta.TraktClient() as client:
        assert client.base_url == v1_server.base_url
        client.progress_watched("casual")
    assert v1_server.paths == [f"{P}/casual"]


def test_default_base_url_and_missing_key(monkeypatch):
    monkeypatch.delenv("TRAKT_BASE_URL", raising=False)
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    with pytest.raises(ta.TraktArgumentError, match="TRAKT_API_KEY"):
        ta.TraktClient()
    assert ta.TraktClient("k" * 32).base_url == "http://api.trakt.tv"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"base_url": "api.trakt.tv"}, "http"),
        ({"base_url": "ftp://x"}, "http"),
        ({"base_url": "http://u:p@host"}, "credentials"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": (1, 2, 3)}, "timeout"),
        ({"retries": -1}, "retries"),
        ({"auth": "justin"}, "auth must be"),
        ({"cache_ttl": -5, "cache": True}, "cache_ttl"),
        ({"session": requests.Session(), "cache": True}, "not both"),
    ],
)
def test_bad_client_options(kwargs, match, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(ta.TraktArgumentError, match=match):
        ta.TraktClient("k" * 32, **kwargs)


def test_own_session_is_used(v1_server):
    session = requests.Session()
    with client_for(v1_server, session=session) as client:
        client.progress_watched("casual")
    assert session.get_adapter(v1_server.base_url + "/x").__class__.__name__ == "Transport"
    assert len(v1_server.requests) == 1


# --- cache -------------------------------------------------------------------------------


def test_cache_serves_a_repeat_without_calling_the_server(v1_server, tmp_path):
    with client_for(v1_server, cache=tmp_path) as client:
        first = client.progress_watched("casual")
        second = client.progress_watched("casual")
        client.progress_watched("casual", sort="activity")  # another URL: a miss
    assert first == second
    assert len(v1_server.requests) == 2
    assert (tmp_path / "http_cache.sqlite").is_file()


def test_cache_lives_in_the_user_cache_dir_by_default(v1_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    with client_for(v1_server, cache=True) as client:
        client.progress_watched("casual")
    assert (tmp_path / "trakt_analysis" / "http_cache.sqlite").is_file()


def test_cache_ttl_expires(v1_server, tmp_path):
    with client_for(v1_server, cache=tmp_path, cache_ttl=0.3) as client:
        client.progress_watched("casual")
        client.progress_watched("casual")
        assert len(v1_server.requests) == 1
        time.sleep(0.5)
        client.progress_watched("casual")
    assert len(v1_server.requests) == 2


def test_cache_keeps_no_failures(v1_server, tmp_path):
    v1_server.status(200, {"status": "failure", "error": "over capacity"})
    with client_for(v1_server, cache=tmp_path) as client:
        with pytest.raises(ta.TraktAPIError):
            client.progress_watched("casual")
        client.progress_watched("casual")
    assert len(v1_server.requests) == 2


def test_offline_serves_from_cache_and_a_miss_raises(v1_server, tmp_path):
    with client_for(v1_server, cache=tmp_path, cache_ttl=0.01) as client:
        online = client.progress_watched("casual")
    time.sleep(0.05)  # expired: offline mode still serves it
    offline = ta.TraktClient(base_url=v1_server.base_url, cache=tmp_path, offline=True)
    assert offline.progress_watched("casual") == online
    with pytest.raises(
        ta.TraktCacheMissError, match=r"offline mode: GET .*/binger is not in the cache"
    ):
        offline.progress_watched("binger")
    offline.close()
    assert len(v1_server.requests) == 1


def test_offline_without_cache_dir_argument_uses_user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("TRAKT_API_KEY", raising=False)
    client = ta.TraktClient(base_url="http://127.0.0.1:9", offline=True)
    with client, pytest.raises(ta.TraktCacheMissError):
        client.progress_watched("casual")


def test_without_requests_cache_installed(v1_server, monkeypatch):
    monkeypatch.setitem(sys.modules, "requests_cache", None)  # import now fails
    with client_for(v1_server) as client:
        assert client.progress_watched("casual") == _json("casual")
    with pytest.raises(
        ta.TraktDependencyError, match=r"pip install 'trakt_analysis\[cache\]'"
    ) as info:
        client_for(v1_server, cache=True)
    assert isinstance(info.value, ImportError)


def _json(user):
    import json

    return json.loads(fixture_bytes(user))
