"""API v2 sign-in: the device flow's every state, the token file, refresh, status errors."""

from __future__ import annotations

import json
import logging
import stat
import time

import pytest

from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis.errors import (
    TraktArgumentError,
    TraktAuthError,
    TraktDeviceCodeError,
    TraktLoginDeniedError,
    TraktLoginExpiredError,
)


class FakeTime:
    """A clock that only the fake sleep moves; records every sleep."""

    def __init__(self) -> None:
        self.now = time.time()
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_login_polls_every_interval_and_slows_down_on_429(v2_server, tmp_path):
    fake = FakeTime()
    v2_server.device_script = ["pending", "slow_down", "pending", "approve"]
    api = make_api(v2_server, tmp_path, clock=fake.clock, sleep=fake.sleep)
    shown = []
    assert api.login(display=shown.append) == "ada"
    assert [d.user_code for d in shown] == ["F4K3C0DE"]
    polls = [p for p in v2_server.paths if p == "/oauth/device/token"]
    assert len(polls) == 4
    assert [s for s in fake.sleeps if s >= 1] == [5, 5, 6, 6]  # interval 5, +1 after the 429


@pytest.mark.parametrize(
    ("state", "error", "words"),
    [
        ("invalid", TraktDeviceCodeError, "invalid"),
        ("used", TraktDeviceCodeError, "already used"),
        ("expired", TraktLoginExpiredError, "expired"),
        ("denied", TraktLoginDeniedError, "denied"),
    ],
)
def test_each_device_failure_is_its_own_error(v2_server, tmp_path, state, error, words):
    v2_server.device_script = ["pending", state]
    api = make_api(v2_server, tmp_path)
    with pytest.raises(error, match=words) as info:
        api.login(display=lambda device: None)
    assert "d3v1c3" not in str(info.value)  # the device code is a secret
    assert not (tmp_path / "token.json").exists()


def test_login_gives_up_when_the_code_expires(v2_server, tmp_path):
    fake = FakeTime()
    v2_server.device_script = ["pending"]
    v2_server.device_expires_in = 20
    api = make_api(v2_server, tmp_path, clock=fake.clock, sleep=fake.sleep)
    with pytest.raises(TraktLoginExpiredError, match="no approval within 20 s"):
        api.login(display=lambda device: None)
    assert sum(s for s in fake.sleeps if s >= 1) <= 25


def test_login_prints_the_code_and_link_in_a_terminal(v2_server, tmp_path, capsys):
    api = make_api(v2_server, tmp_path)
    api.login()
    out = capsys.readouterr().out
    assert "F4K3C0DE" in out
    assert f"{v2_server.auth_url}/activate" in out
    assert "d3v1c3" not in out


def test_login_needs_the_client_secret(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, client_secret=None)
    with pytest.raises(TraktArgumentError, match="TRAKT_CLIENT_SECRET"):
        api.login()


def test_token_file_is_private_and_secrets_are_redacted(v2_server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    path = tmp_path / "token.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data["user"] == "ada"
    api.progress()
    for secret in (data["access_token"], data["refresh_token"], v2_server.client_secret):
        assert secret not in repr(api)
        assert secret not in caplog.text
    sent = [s for s in v2_server.requests if s.path == "/sync/last_activities"][-1]
    assert sent.headers["Authorization"] == f"Bearer {data['access_token']}"
    assert sent.headers["trakt-api-version"] == "2"
    assert sent.headers["trakt-api-key"] == v2_server.client_id
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["User-Agent"].startswith("trakt_analysis/")


def test_default_token_path_is_in_the_user_config_dir(v2_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    api = make_api(v2_server, tmp_path, token_path=None)
    sign_in(v2_server, api)
    files = list((tmp_path / "config").rglob("*.json"))
    assert len(files) == 1
    assert "trakt_analysis" in str(files[0])
    assert [p.name for p in tmp_path.glob("*.json")] == []  # nothing in the working directory


def test_token_is_refreshed_before_it_expires(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = json.loads((tmp_path / "token.json").read_text())
    # Later, the token near its end (created_at + expires_in, not an assumed lifetime).
    v2_server.expire_tokens()
    later = make_api(v2_server, tmp_path, clock=lambda: old["created_at"] + old["expires_in"] - 60)
    progress = later.progress()
    new = json.loads((tmp_path / "token.json").read_text())
    assert new["access_token"] != old["access_token"]
    assert new["user"] == "ada"
    assert "/oauth/token" in v2_server.paths
    assert len(progress.shows) > 0


def test_a_token_the_server_expired_is_refreshed_and_the_request_sent_again(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    v2_server.expire_tokens()  # the server says no, though our clock says the token is fine
    assert len(api.progress().shows) > 0
    assert v2_server.refreshes == 1
    stored = json.loads((tmp_path / "token.json").read_text())
    assert stored["refresh_token"] in v2_server._refresh  # the live one is stored


def test_a_revoked_token_says_sign_in_again(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    v2_server.revoke_tokens()  # access and refresh tokens dead (as before Trakt's July change)
    with pytest.raises(TraktAuthError, match=r"sign in again \(api\.login\(\)\)") as info:
        api.progress()
    assert info.value.status == 400


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, "sign in again"),
        (403, "invalid or deleted API app.*VIP"),
        (423, "account is locked"),
        (426, "VIP required"),
    ],
)
def test_v2_statuses_have_their_meaning(v2_server, tmp_path, status, words):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    # A 401 is refreshed once before it is final: the refresh gets a 401 too.
    v2_server.status(status, {"error": "nope"}, times=2 if status == 401 else 1)
    with pytest.raises(TraktAuthError, match=words) as info:
        api.progress()
    assert info.value.status == status


def test_a_refused_refresh_says_sign_in_again(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = json.loads((tmp_path / "token.json").read_text())
    v2_server._refresh.clear()  # the server forgot the refresh token (revoked)
    later = make_api(v2_server, tmp_path, clock=lambda: old["created_at"] + old["expires_in"])
    with pytest.raises(TraktAuthError, match="sign in again") as info:
        later.progress()
    assert old["refresh_token"] not in str(info.value)
