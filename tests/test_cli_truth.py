"""The CLI's small promises of issue #22: --offline with --metadata, warnings said once, the
stand-in servers from the command line without TVmaze's throttle, aligned wide titles."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from trakt_analysis.cli import _is_loopback, main
from trakt_analysis.demo import serve
from trakt_analysis.report.text import _cols, _text_table

EXPORT = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "export" / "demo-export.zip"


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")
def test_offline_with_metadata_reads_the_cache(capsys, monkeypatch, tmp_path, tvmaze_server):
    monkeypatch.setenv("TVMAZE_BASE_URL", tvmaze_server.base_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["summary", str(EXPORT), "--metadata", "tvmaze", "-q"]) == 0  # fills the cache
    online = capsys.readouterr().out
    tvmaze_server.requests.clear()
    assert main(["summary", str(EXPORT), "--metadata", "tvmaze", "--offline", "-q"]) == 0
    captured = capsys.readouterr()
    assert tvmaze_server.requests == []
    assert captured.out == online
    # TVmaze's warnings: once each, as notes, none repeated on stderr.
    for line in (x for x in captured.out.splitlines() if x.startswith("  note: TVmaze")):
        assert line[len("  note: ") :] not in captured.err


def test_offline_without_a_networked_source_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["summary", str(EXPORT), "--offline"])
    assert "--offline applies to a networked source" in capsys.readouterr().err


def test_the_cli_does_not_throttle_a_local_tvmaze(monkeypatch, tmp_path, tvmaze_server):
    # TVmaze allows 20 calls per 10 s; the demo's 35 shows take ~70 calls: over 30 s throttled.
    monkeypatch.setenv("TVMAZE_BASE_URL", tvmaze_server.base_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    start = time.perf_counter()
    assert main(["summary", str(EXPORT), "--metadata", "tvmaze", "-q"]) == 0
    assert time.perf_counter() - start < 25
    assert len(tvmaze_server.requests) > 40  # more than one throttled window's worth


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080", True),
        ("http://localhost/", True),
        ("http://[::1]:9", True),
        ("https://api.tvmaze.com", False),
        ("http://10.0.0.1", False),
        ("", False),
    ],
)
def test_loopback_urls(url, local):
    assert _is_loopback(url) is local


@pytest.mark.parametrize("which", ["tvmaze", "v2"])
def test_serve_prints_the_url_and_credentials(which, capsys):
    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(serve.main([which], stop=stop)))
    thread.start()
    deadline = time.monotonic() + 20
    while "Serving" not in (out := capsys.readouterr().out) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    assert result == [0]
    assert "http://127.0.0.1:" in out
    if which == "tvmaze":
        assert "export TVMAZE_BASE_URL=http://127.0.0.1:" in out
    else:
        from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET

        assert f"TRAKT_CLIENT_ID={FAKE_CLIENT_ID}" in out
        assert f"TRAKT_CLIENT_SECRET={FAKE_CLIENT_SECRET}" in out
        assert "export TRAKT_API_URL=http://127.0.0.1:" in out


def test_wide_titles_align():
    rows = [["사랑의 불시착", "2019"], ["Ψ Station 🚀", "2021"], ["Fargo", "2014"]]
    lines = _text_table(["title", "year"], rows)
    # Every year ends in the same terminal column: CJK and emoji take two columns each.
    ends = {_cols(line) for line in lines}
    assert len(ends) == 1
    assert _cols("사랑") == 4
    assert _cols("🚀") == 2


@pytest.mark.parametrize(
    "text",
    [
        '[{"watched_at":"2020-01-01T00:00:00Z","action":"watch","type":"episode"}]',
        '{"user": {"username": "x"}}',
        '{"show": {}}',
        "nonsense",
    ],
)
def test_errors_name_the_file_once(text, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    assert main(["summary", str(path), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trakt-analysis: error: {path}")
    assert err.count(str(path)) == 1
