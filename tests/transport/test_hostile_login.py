"""Sign-in against a hostile or failing server (#23 items 1 and 6): text, token file, settings."""

from __future__ import annotations

import json
import stat

import pytest

from tests.helpers.v2_expect import make_api
from trakt_analysis._http import redact as redact_module
from trakt_analysis._http.oauth import DeviceCode
from trakt_analysis._http.redact import redact, register_secret
from trakt_analysis.demo.v2_server import Failure
from trakt_analysis.errors import TraktDataWarning, TraktFileError, TraktWarning
from trakt_analysis.sources.v2_api import _device_code_html

HOSTILE_CODE = "h0st1l3-d3v1c3-c0d3-0001"


def _hostile_device_code(v2_server, **fields) -> Failure:
    """A /oauth/device/code answer with the server's own text in it."""
    v2_server._device_codes[HOSTILE_CODE] = False  # polls with it are answered
    answer = {
        "device_code": HOSTILE_CODE,
        "user_code": "F4K3C0DE",
        "verification_url": f"{v2_server.base_url}/activate",
        "expires_in": 600,
        "interval": 5,
        **fields,
    }
    return Failure("status", 200, json.dumps(answer).encode(), {"Content-Type": "application/json"})


def test_control_characters_from_the_server_are_not_printed(v2_server, tmp_path, capsys):
    v2_server.fail(
        _hostile_device_code(
            v2_server,
            user_code="F4K3\x1b[2J\x1b]0;owned\x07C0DE\u202e",
            verification_url=f"{v2_server.base_url}/activate\r\nPassword: ",
        )
    )
    api = make_api(v2_server, tmp_path)
    api.login()
    out = capsys.readouterr().out
    for bad in ("\x1b", "\x07", "\u202e", "\r"):
        assert bad not in out
    assert "F4K3[2J]0;ownedC0DE" in out  # what is left is shown, as text
    assert f"{v2_server.base_url}/activatePassword:" in out


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://trakt.tv/activate", True),
        ("http://127.0.0.1:8000/activate", True),
        ("javascript:alert(document.cookie)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("JaVaScRiPt\t:alert(1)", False),
        ("//evil.example/activate", False),
    ],
)
def test_the_notebook_links_only_http_urls(url, linked):
    device = DeviceCode.from_json(
        {
            "device_code": "0123456789abcdef",
            "user_code": "ABCD1234",
            "verification_url": url,
            "expires_in": 600,
            "interval": 5,
        },
        "test",
    )
    shown = _device_code_html(device)
    assert ("<a href=" in shown) is linked
    assert "<script>" not in shown


def test_a_very_short_secret_is_redacted_only_as_a_whole_token(monkeypatch):
    # The secrets are process-wide: this test's are forgotten after it.
    for name in ("_secrets", "_short", "_short_pattern"):
        monkeypatch.setattr(redact_module, name, getattr(redact_module, name))
    register_secret("a")
    register_secret("ab1")
    # Not inside other words ("cab", "ab12", "xab1"): a whole token only.
    assert redact("a cab at ab12 xab1 street") == "<redacted> cab at ab12 xab1 street"
    assert redact("GET /user/ab1/x?key=ab1&k=a") == (
        "GET /user/<redacted>/x?key=<redacted>&k=<redacted>"
    )
    register_secret("long-enough-secret")
    assert redact("x long-enough-secret y") == "x <redacted> y"
    assert redact("xlong-enough-secrety") == "x<redacted>y"  # a long one anywhere


def test_a_token_file_others_can_read_is_narrowed_with_a_warning(v2_server, tmp_path):
    api = make_api(v2_server, tmp_path)
    api.login(display=lambda device: None)
    path = tmp_path / "token.json"
    path.chmod(0o644)
    again = make_api(v2_server, tmp_path)
    with pytest.warns(TraktWarning, match=r"could be read by others \(mode 644\)"):
        assert again.signed_in
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_sign_in_survives_a_failing_settings_call(v2_server, tmp_path):
    v2_server.device_script = ["approve"]
    # device code, the approving poll, then /users/settings fails.
    v2_server.fail(Failure("none"), Failure("none"), Failure("status", 404, b'{"error":"x"}'))
    api = make_api(v2_server, tmp_path)
    with pytest.warns(TraktDataWarning, match="token is saved, but the username is unknown"):
        assert api.login(display=lambda device: None) == "me"
    saved = json.loads((tmp_path / "token.json").read_text())
    assert saved["access_token"]
    later = make_api(v2_server, tmp_path)
    assert later.signed_in
    assert len(later.progress().shows) > 0


def test_an_unwritable_token_folder_is_found_before_the_sign_in(v2_server, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    api = make_api(v2_server, tmp_path, token_path=blocker / "token.json")
    with pytest.raises(TraktFileError, match=r"cannot save a token in .*not-a-folder.*token_path"):
        api.login(display=lambda device: None)
    assert v2_server.requests == []  # no code asked for, nothing for the user to approve in vain
