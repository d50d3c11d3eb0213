"""Single-use refresh tokens (Trakt since July 2026): what refreshed last is stored, first.

The stand-in kills a refresh token when it is used (and the access token it
refreshed), as trakt.tv does; every test here fails if a dead token is spent.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

import trakt_analysis as ta
from tests.helpers.v2_expect import make_api, sign_in
from trakt_analysis._advice import command_line
from trakt_analysis._http.oauth import TokenStore
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.v2_server import V2Server


def _stored(tmp_path):
    return json.loads((tmp_path / "token.json").read_text())


def test_a_token_refreshed_during_login_is_the_one_stored(v2_server, tmp_path):
    # The client's clock is a week ahead: the new token needs a refresh at once.
    week = 7 * 86_400
    api = make_api(v2_server, tmp_path, clock=lambda: time.time() + week)
    assert api.login(display=lambda device: None) == "ada"
    assert v2_server.refreshes == 1  # the settings request refreshed it
    stored = _stored(tmp_path)
    assert stored["refresh_token"] in v2_server._refresh  # alive, not the spent one
    assert stored["user"] == "ada"
    # The next run (another object, same file) reads the data with it.
    again = make_api(v2_server, tmp_path)
    assert len(again.progress().shows) > 0
    assert v2_server.refreshes == 1


class SteppingClock:
    """A clock that moves `step` seconds on each reading: a long crawl, quickly."""

    def __init__(self, start: float, step: float) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_token_that_expires_mid_crawl_is_refreshed_once(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    created = _stored(tmp_path)["created_at"]
    lifetime = v2_server.token_lifetime
    # The crawl starts two hours before the refresh margin and takes ~10 minutes a request.
    clock = SteppingClock(created + lifetime - 3600 - 7200, 600)
    v2_server.clock = clock  # the server's clock is the same one
    crawler = make_api(v2_server, tmp_path, clock=clock)
    progress = crawler.progress(history=True)
    assert len(progress.shows) > 0
    assert v2_server.refreshes == 1
    assert _stored(tmp_path)["refresh_token"] in v2_server._refresh


def test_two_clients_sharing_a_token_file_never_spend_a_dead_token(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = _stored(tmp_path)
    later = old["created_at"] + old["expires_in"]
    v2_server.clock = lambda: later
    first = make_api(v2_server, tmp_path, clock=lambda: later)
    second = make_api(v2_server, tmp_path, clock=lambda: later)
    assert first.signed_in
    assert second.signed_in  # both hold the old pair now
    first.progress()
    second.progress()  # must take the pair `first` stored, not refresh with the spent one
    assert v2_server.refreshes == 1
    assert first._token.refresh_token == second._token.refresh_token


def test_a_client_whose_access_token_was_replaced_takes_the_new_pair(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = _stored(tmp_path)
    idle = make_api(v2_server, tmp_path)  # its clock says the token is fine
    assert idle.signed_in
    # Another client refreshed: the server killed the access token `idle` holds.
    later = old["created_at"] + old["expires_in"]
    v2_server.clock = lambda: later
    make_api(v2_server, tmp_path, clock=lambda: later).progress()
    v2_server.clock = time.time
    assert v2_server.refreshes == 1
    assert len(idle.progress().shows) > 0  # a 401, then the stored pair: no second refresh
    assert v2_server.refreshes == 1


def test_a_refused_refresh_gives_advice_in_the_callers_words(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    old = _stored(tmp_path)
    v2_server._refresh.clear()  # e.g. issued before the July 2026 change: 400 invalid_grant
    later = make_api(v2_server, tmp_path, clock=lambda: old["created_at"] + old["expires_in"])
    with pytest.raises(ta.TraktAuthError, match=r"sign in again \(api\.login\(\)\)") as info:
        later.progress()
    assert info.value.status == 400
    with command_line(), pytest.raises(ta.TraktAuthError, match="`trakt-analysis login`"):
        later.progress()


def test_a_wrong_client_secret_at_login_says_so(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path, client_secret="not-the-secret")
    with pytest.raises(ta.TraktLoginError, match="client id or secret was refused") as info:
        sign_in(v2_server, api)
    assert info.value.status == 401
    assert "not-the-secret" not in str(info.value)


def test_a_refused_token_on_a_public_read_falls_back_with_a_warning(monkeypatch, tmp_path):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with V2Server({"ada": make_specs(4, seed=7), "bob": make_specs(5, seed=8)}) as server:
        api = make_api(server, tmp_path)
        sign_in(server, api)
        server.revoke_tokens()  # e.g. a token from another server, or revoked
        with pytest.warns(ta.TraktDataWarning, match="stored token was refused.*api.login"):
            bob = api.progress("bob")
        assert len(bob.shows) > 0
        with pytest.raises(ta.TraktPrivateProfileError):
            api.progress("hermit")


def test_the_token_file_lock_is_exclusive(tmp_path):
    store = TokenStore(tmp_path / "token.json")
    order: list[str] = []

    def other() -> None:
        with store.lock():
            order.append("other")

    with store.lock():
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "other"]


def test_a_private_profile_does_not_cost_the_session(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    sign_in(v2_server, api)
    with pytest.raises(ta.TraktPrivateProfileError):
        api.progress("hermit")  # 401 with the token and without: private, not a bad token
    assert len(api.progress().shows) > 0  # still signed in
