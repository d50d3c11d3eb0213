"""The API key and the password digest appear nowhere but on the wire.

Every scenario runs with urllib3 logging at DEBUG; each exception (message, repr,
full traceback with its chain), log record, warning, printed output, repr, and the
cache directory (file names and bytes) is searched for every form of the secrets.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import pickle
import socket
import traceback
import warnings
from urllib.parse import quote, quote_plus

import pytest

import trakt_analysis as ta
from trakt_analysis._http.redact import REDACTED, SecretFilter, redact
from trakt_analysis.demo.v1_server import FAKE_KEY, Failure, fixture_bytes

ODD_KEY = "odd key/+?&=%41-" + "9" * 16  # needs encoding in a path segment
SHORT_KEY = "k3Y7q"  # a hand-made key under 8 characters: redacted as a whole token
PASSWORD = "hunter2-not-real"
DIGEST = hashlib.sha1(PASSWORD.encode()).hexdigest()
FAILURE = {"status": "failure", "error": "nope"}


def secret_forms(key: str) -> list[str]:
    token = base64.b64encode(f"justin:{DIGEST}".encode()).decode()
    forms = {key, quote(key, safe=""), quote_plus(key), DIGEST, DIGEST.upper(), token}
    return sorted(forms)


def assert_clean(text: str, key: str) -> None:
    for secret in secret_forms(key):
        assert secret not in text, f"secret form {secret!r} leaked into: {text[:300]!r}"


def _refused_base() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


# (name, set up the server, client options, expected error or None)
SCENARIOS = [
    ("ok", lambda s: None, {}, None),
    (
        "401",
        lambda s: s.status(401, {"status": "failure", "error": "invalid api key"}),
        {},
        ta.TraktAuthError,
    ),
    ("404", lambda s: s.status(404, FAILURE), {}, ta.TraktNotFoundError),
    (
        "429",
        lambda s: s.status(429, FAILURE, times=3, **{"Retry-After": "0"}),
        {},
        ta.TraktRateLimitError,
    ),
    ("503-then-ok", lambda s: s.status(503, FAILURE, times=2), {}, None),
    ("html", lambda s: s.status(502, b"<html>down</html>", times=3), {}, ta.TraktHTTPError),
    ("failure-200", lambda s: s.status(200, FAILURE), {}, ta.TraktAPIError),
    ("truncated", lambda s: s.fail(Failure("truncate")), {}, ta.TraktConnectionError),
    ("unterminated", lambda s: s.fail(Failure("unterminated")), {}, ta.TraktHTTPError),
    ("reset", lambda s: s.fail(Failure("reset"), times=3), {}, ta.TraktConnectionError),
    (
        "timeout",
        lambda s: s.fail(Failure("hang", delay=0.3), times=3),
        {"timeout": 0.05},
        ta.TraktConnectionError,
    ),
    ("refused", lambda s: None, {"base_url": "refused"}, ta.TraktConnectionError),
]


@pytest.mark.parametrize(
    "key", [FAKE_KEY, ODD_KEY, SHORT_KEY], ids=["hex-key", "odd-key", "short-key"]
)
@pytest.mark.parametrize(
    ("name", "setup", "options", "error"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_secrets_never_leak(v1_server, caplog, capsys, key, name, setup, options, error):
    v1_server.key = key
    setup(v1_server)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="urllib3")
    options = dict(options)
    base = _refused_base() if options.pop("base_url", None) == "refused" else v1_server.base_url
    seen: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = ta.TraktClient(
            key,
            base_url=base,
            auth=("justin", PASSWORD),
            retries=2,
            backoff=0,
            retry_after_margin=0,
            **options,
        )
        seen += [repr(client), str(client), repr(client.auth), repr(vars(client))]
        raised, data = None, None
        try:
            data = client.progress_watched("casual")
        except ta.TraktError as exc:
            raised = exc
        finally:
            client.close()
    if error is None:
        assert raised is None
        assert data == _json("casual")
    else:
        assert isinstance(raised, error), repr(raised)
        seen += [str(raised), repr(raised), "".join(traceback.format_exception(raised))]
        seen.append(repr(raised.__cause__ or raised.__context__))
    seen += [w.message.__str__() for w in caught]
    seen += [record.getMessage() for record in caplog.records]
    seen += [caplog.text, *capsys.readouterr()]
    # The test must be able to fail: the key really went over the wire (except "refused").
    if name != "refused":
        assert v1_server.requests[0].path.split("/")[4] == quote(key, safe="")
        assert v1_server.requests[0].headers["Authorization"]
        assert any("watched.json" in r.getMessage() for r in caplog.records)
    for text in seen:
        assert_clean(text, key)


def test_redirect_location_holding_the_key_is_followed_safely(v1_server, caplog):
    caplog.set_level(logging.DEBUG, logger="urllib3")
    target = f"{v1_server.base_url}/user/progress/watched.json/{FAKE_KEY}/binger"
    v1_server.status(301, b"", Location=target)
    with ta.TraktClient(FAKE_KEY, base_url=v1_server.base_url) as client:
        assert client.progress_watched("casual") == _json("binger")
    assert len(v1_server.requests) == 2
    assert_clean(caplog.text, FAKE_KEY)


def test_cache_files_and_names_hold_no_secret(v1_server, tmp_path):
    with ta.TraktClient(
        FAKE_KEY, base_url=v1_server.base_url, auth=("justin", PASSWORD), cache=tmp_path
    ) as client:
        client.progress_watched("casual")
        client.progress_watched("binger", sort="activity", extended="full")
    offline = ta.TraktClient(
        base_url=v1_server.base_url, cache=tmp_path, offline=True, auth=("justin", PASSWORD)
    )
    with offline:
        assert offline.progress_watched("casual") == _json("casual")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files, "the cache wrote nothing"
    stored = b"".join(p.read_bytes() for p in files)
    assert b"watched.json" in stored  # the URL is there, with the placeholder
    for path in files:
        assert_clean(str(path), FAKE_KEY)
    for secret in secret_forms(FAKE_KEY):
        assert secret.encode() not in stored


def test_client_cannot_be_pickled_with_its_secrets(v1_server):
    client = ta.TraktClient(FAKE_KEY, base_url=v1_server.base_url, auth=("justin", PASSWORD))
    with pytest.raises(TypeError):
        pickle.dumps(client)
    adapter = client._session.get_adapter(v1_server.base_url + "/")
    assert FAKE_KEY.encode() not in pickle.dumps(adapter)


def test_redact_and_log_filter_replace_every_form():
    ta.TraktClient(ODD_KEY, base_url="http://127.0.0.1:9")
    text = f"a {ODD_KEY} b {quote(ODD_KEY, safe='')} c"
    assert redact(text) == f"a {REDACTED} b {REDACTED} c"
    record = logging.LogRecord("urllib3.x", logging.DEBUG, __file__, 1, "url %s", (ODD_KEY,), None)
    assert SecretFilter().filter(record)
    assert record.getMessage() == f"url {REDACTED}"


def _json(user):
    import json

    return json.loads(fixture_bytes(user))
