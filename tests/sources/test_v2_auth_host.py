"""API v2's OAuth on its own host (auth.trakt.tv since 2026-07-30): the stand-in's two addresses."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID


def _host(url: str) -> str:
    return urlsplit(url).netloc


def test_oauth_goes_to_the_auth_host_and_only_oauth(v2_server, tmp_path):
    v2_server.token_lifetime = 1000  # refreshed at once: the refresh must go there too
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = json.loads((tmp_path / "token.json").read_text())
    later = make_api(v2_server, tmp_path, clock=lambda: old["created_at"] + old["expires_in"])
    later.progress()
    oauth = [s for s in v2_server.requests if s.path.startswith("/oauth/")]
    data = [s for s in v2_server.requests if not s.path.startswith("/oauth/")]
    assert {s.path for s in oauth} == {"/oauth/device/code", "/oauth/device/token", "/oauth/token"}
    assert {s.headers["Host"] for s in oauth} == {_host(v2_server.auth_url)}
    assert data
    assert {s.headers["Host"] for s in data} == {_host(v2_server.base_url)}
    # The access token never goes to the auth host.
    assert not [s for s in oauth if "Authorization" in s.headers]


def test_the_api_host_no_longer_answers_oauth(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, auth_url=v2_server.base_url)  # the pre-July setup
    with pytest.raises(ta.TraktNotFoundError, match="oauth/device/code"):
        sign_in(v2_server, api)


def test_the_auth_host_comes_from_the_environment(monkeypatch):
    assert ta.TraktAPI(FAKE_CLIENT_ID).auth_url == "https://auth.trakt.tv"
    monkeypatch.setenv("TRAKT_AUTH_URL", "http://127.0.0.1:8124/")
    api = ta.TraktAPI(FAKE_CLIENT_ID)
    assert api.auth_url == "http://127.0.0.1:8124"
    assert "auth_url='http://127.0.0.1:8124'" in repr(api)
    with pytest.raises(ta.TraktArgumentError, match="auth_url"):
        ta.TraktAPI(FAKE_CLIENT_ID, auth_url="ftp://auth")


def test_the_activation_link_is_the_one_the_server_gives(v2_server, tmp_path):
    shown = []
    make_api(v2_server, tmp_path).login(display=shown.append)
    assert [d.verification_url for d in shown] == [f"{v2_server.auth_url}/activate"]


def test_no_client_id_points_to_the_apps_page(monkeypatch):
    monkeypatch.delenv("TRAKT_CLIENT_ID", raising=False)
    with pytest.raises(ta.TraktArgumentError, match=r"https://app\.trakt\.tv/settings/apps"):
        ta.TraktAPI()
