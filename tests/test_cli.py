"""The command line: exit codes, messages, and no partial files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs, expected_totals
from trakt_analysis.cli import main
from trakt_analysis.demo.users import demo_payload


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    """``python -m trakt_analysis ARGS`` in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAKT_")}
    return subprocess.run(
        [sys.executable, "-m", "trakt_analysis", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def usage_error(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


def test_summary_of_the_demo_user(capsys):
    assert main(["summary"]) == 0
    out, err = capsys.readouterr()
    want = expected_totals(demo_specs())
    assert out.startswith("Watched progress of 'demo'")
    assert f"{want['episodes_watched']:,}  watched of {want['episodes_aired']:,} aired" in out
    assert "loading the bundled demo user 'demo'" in err


@pytest.mark.parametrize(
    ("name", "who"),
    [("casual.json", "'casual'"), ("saved response.txt", "unknown user")],  # <username>.json
)
def test_summary_of_a_file(tmp_path, capsys, name, who):
    path = tmp_path / name
    path.write_bytes(demo_payload("casual"))
    assert main(["summary", str(path), "--top", "2", "-q"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"Watched progress of {who}\n")
    assert "Shows (8)" in out
    assert err == ""


def test_sort_orders_the_shows(capsys):
    assert main(["summary", "--demo", "casual", "--sort", "most-completed", "-q"]) == 0
    out = capsys.readouterr().out
    table = out.split("Shows (8)\n", 1)[1].splitlines()[1:]
    # most-completed sorts by the API's whole-number percentage, completed*100 // aired.
    watched = [tuple(map(int, line.split()[-4].split("/"))) for line in table]
    percentage = [c * 100 // a for c, a in watched]
    assert percentage == sorted(percentage, reverse=True)
    assert percentage != [c * 100 // a for c, a in (_casual_watched())]


def _casual_watched():
    return [(s.completed, s.aired) for s in demo_specs("casual")]


def test_sort_warning_is_one_line(capsys, tmp_path):
    # A v1 file has no last_watched_at (the demo users fill it from their history).
    path = tmp_path / "casual.json"
    path.write_bytes(ta.demo.users.demo_payload("casual"))
    assert main(["summary", str(path), "--sort", "activity", "-q"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("trakt-analysis: warning: cannot sort by 'activity'")


def test_report_writes_the_file_and_says_where(tmp_path, capsys):
    out_path = tmp_path / "reports" / "r.html"
    assert main(["report", "--demo", "casual", "-o", str(out_path), "--no-charts"]) == 0
    out, err = capsys.readouterr()
    assert out.strip().startswith(f"Report written to {out_path.resolve()} (")
    soup = BeautifulSoup(out_path.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('[data-metric="shows"] .value').get_text() == "8"
    # Progress on stderr, step by step.
    assert "loading the bundled demo user 'casual'" in err
    assert "tables" in err


def test_report_title_and_source_from_file(tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_bytes(demo_payload("casual"))
    out_path = tmp_path / "r.html"
    argv = ["report", str(src), "-o", str(out_path), "--no-charts", "--title", "<Mine>", "-q"]
    assert main(argv) == 0
    soup = BeautifulSoup(out_path.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == "<Mine>"
    assert str(src) in soup.select_one(".meta").get_text()
    assert capsys.readouterr().err == ""


def test_missing_file_is_a_one_line_error(tmp_path, capsys):
    out_path = tmp_path / "r.html"
    code = main(["report", str(tmp_path / "nope.json"), "-o", str(out_path), "-q"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("trakt-analysis: error: ")
    assert "nope.json" in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert not out_path.exists()


def test_bad_json_leaves_no_file_and_keeps_the_old_one(tmp_path, capsys):
    src = tmp_path / "bad.json"
    src.write_bytes(b'[{"show": {"title": "x"}')
    out_path = tmp_path / "r.html"
    assert main(["report", str(src), "-o", str(out_path), "-q"]) == 1
    assert not out_path.exists()
    out_path.write_text("previous report")
    assert main(["report", str(src), "-o", str(out_path), "-q"]) == 1
    assert out_path.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "r.html"]
    err = capsys.readouterr().err
    assert "bad.json" in err
    assert "Traceback" not in err


def test_failure_while_building_leaves_no_partial_file(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("trakt_analysis.report.html._seasons_section", broken)
    out_path = tmp_path / "r.html"
    assert main(["report", "--demo", "casual", "-o", str(out_path), "--no-charts", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trakt-analysis: internal error: RuntimeError: renderer crashed")
    assert "--debug" in err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_that_python_wrapped_is_an_interruption(tmp_path, capsys, monkeypatch):
    # Python 3.11 wraps an error of __set_name__ in RuntimeError: Ctrl-C while matplotlib's
    # classes are made (the report imports it while the file is read) came out so.
    def interrupted(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on '_axis_method_wrapper'") from exc

    monkeypatch.setattr("trakt_analysis.report.html._seasons_section", interrupted)
    out_path = tmp_path / "r.html"
    assert main(["report", "--demo", "casual", "-o", str(out_path), "--no-charts", "-q"]) == 130
    assert capsys.readouterr().err == "trakt-analysis: interrupted\n"
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output(tmp_path, capsys):
    (tmp_path / "dir.html").mkdir()
    code = main(["report", "--demo", "casual", "-o", str(tmp_path / "dir.html"), "--no-charts"])
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("trakt-analysis: error: cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.html"]


def test_api_failure_body_is_reported(tmp_path, capsys):
    src = tmp_path / "failure.json"
    src.write_bytes(b'{"status": "failure", "error": "user not found"}')
    assert main(["summary", str(src), "-q"]) == 1
    assert "user not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "x.json", "--demo", "casual"], "only one data source"),
        (["summary", "--user", "justin", "--demo", "casual"], "only one data source"),
        (["summary", "--extended", "full"], "--extended needs --user"),
        (["summary", "--sort", "newest"], "invalid choice: 'newest'"),
        (["summary", "--demo", "nobody"], "invalid choice: 'nobody'"),
        (["summary", "--top", "0"], "must be at least 1"),
        (["report", "--user", " "], "--user needs a username"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "required: COMMAND"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    err = usage_error(capsys, argv)
    assert message in err
    assert "Traceback" not in err


def test_help_lists_commands_and_options(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "report" in out
    assert "summary" in out
    assert "bundled demo user" in out
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for option in ("--output", "--user", "--sort", "--extended", "--debug", "SOURCE"):
        assert option in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"trakt-analysis {ta.__version__}"


def test_python_dash_m_and_debug_traceback(tmp_path):
    ok = run("summary", "-", "-q", stdin=demo_payload("casual"))
    assert ok.returncode == 0, ok.stderr
    assert b"Shows (8)" in ok.stdout
    bad = run("summary", str(tmp_path / "missing.json"))
    assert bad.returncode == 1
    assert b"Traceback" not in bad.stderr
    assert bad.stderr.decode().splitlines()[-1].startswith("trakt-analysis: error:")
    debug = run("summary", str(tmp_path / "missing.json"), "--debug")
    assert debug.returncode == 1
    assert b"Traceback (most recent call last)" in debug.stderr
    assert b"TraktFileError" in debug.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "trakt-analysis"
    assert script.exists()
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"trakt-analysis {ta.__version__}"


@pytest.fixture
def trakt_server(monkeypatch):
    """A local stand-in for api.trakt.tv that answers every progress request with a demo user."""
    import http.server
    import threading

    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            if self.path.rstrip("/").split("/")[5:6] == ["nobody"]:
                body, status = b'{"status": "failure", "error": "user not found"}', 404
            else:
                body, status = demo_payload("casual"), 200
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("TRAKT_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("TRAKT_API_KEY", "fake-key-0123456789abcdef")
    try:
        yield seen
    finally:
        server.shutdown()
        server.server_close()


def test_user_fetches_live(trakt_server, tmp_path, capsys):
    out_path = tmp_path / "r.html"
    argv = ["report", "--user", "justin", "--sort", "activity", "--extended", "full"]
    assert main([*argv, "-o", str(out_path), "--no-charts"]) == 0
    assert len(trakt_server) == 1
    path = trakt_server[0]
    assert "/justin/" in path
    assert "/activity" in path
    assert path.endswith("/full")
    out, err = capsys.readouterr()
    html = out_path.read_text(encoding="utf-8")
    assert "fetching the progress of 'justin'" in err
    assert "Watched progress of justin" in html
    for text in (out, err, html):
        assert "fake-key-0123456789abcdef" not in text


def test_user_errors_are_one_line(trakt_server, monkeypatch, capsys):
    assert main(["summary", "--user", "nobody", "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trakt-analysis: error: ")
    assert err.count("\n") == 1
    assert "fake-key-0123456789abcdef" not in err
    monkeypatch.delenv("TRAKT_API_KEY")
    assert main(["summary", "--user", "justin", "-q"]) == 1
    assert "set the TRAKT_API_KEY environment variable" in capsys.readouterr().err


def test_report_sort_orders_the_shows_table(tmp_path, capsys):
    out_path = tmp_path / "r.html"
    argv = ["report", "--demo", "casual", "--sort", "title", "--no-charts", "-q"]
    assert main([*argv, "-o", str(out_path)]) == 0
    soup = BeautifulSoup(out_path.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id="shows-table").tbody.find_all("tr")
    got = [(tr.td.get_text(), int(tr.find_all("td")[1].get_text())) for tr in table]
    want = sorted(
        ((s.title, s.year) for s in demo_specs("casual")), key=lambda t: (t[0].casefold(), t[1])
    )
    assert got == want
    assert got != [(s.title, s.year) for s in demo_specs("casual")]  # the order did change


# -- real data (issue 11): each example through the command line ---------------------------


def _write_json(path: Path, data: object) -> Path:
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_summary_with_a_1963_next_episode(tmp_path, capsys):
    from tests.helpers.v1_items import make_item

    item = make_item("Doctor Who", 1963)
    item["next_episode"] = {"season": 1, "number": 3, "title": "The Cave of Skulls",
                            "first_aired": -192091500}  # fmt: skip
    path = _write_json(tmp_path / "progress.json", [make_item("Other", tvdb_id=5), item])
    assert main(["summary", str(path), "-q"]) == 0
    out = capsys.readouterr().out
    assert "1963-11-30" in out  # -192091500 s is 1963-11-30 17:15 UTC
    assert "Shows (2)" in out


def test_summary_refuses_a_v2_progress_file_naming_it(tmp_path, capsys):
    from tests.helpers.documents import V2_PROGRESS

    path = _write_json(tmp_path / "progress.json", V2_PROGRESS)
    assert main(["summary", str(path), "-q"]) == 1
    captured = capsys.readouterr()
    assert "API v2 /sync/progress/watched" in captured.err
    assert "finished" not in captured.out


def test_summary_refuses_an_export_member_saved_alone(tmp_path, capsys):
    from tests.helpers.documents import V2_HISTORY

    path = _write_json(tmp_path / "watched-history.json", V2_HISTORY)
    assert main(["summary", str(path), "-q"]) == 1
    err = capsys.readouterr().err
    assert "watched-history.json" in err
    assert "ta.load_export" in err


def test_summary_gives_the_whole_v1_error_message(tmp_path, capsys):
    body = {"status": "error", "message": "This user has a protected profile."}
    path = _write_json(tmp_path / "progress.json", body)
    assert main(["summary", str(path), "-q"]) == 1
    assert "This user has a protected profile." in capsys.readouterr().err


def test_summary_says_unknown_not_finished(tmp_path, capsys):
    from tests.helpers.v1_items import unknown_item

    path = _write_json(tmp_path / "progress.json", [unknown_item("Game of Thrones")])
    assert main(["summary", str(path), "-q"]) == 0
    out = capsys.readouterr().out
    assert "(0 finished, 0 in progress, 0 not started, 0 with nothing aired, 1 unknown)" in out
    assert "6  watched; aired and left unknown for all 1 shows" in out
    assert "--metadata tvmaze" in out


def test_summary_warns_about_stale_totals_naming_the_show(tmp_path, capsys):
    import warnings

    from tests.helpers.v1_items import stale_totals_item

    path = _write_json(tmp_path / "progress.json", [stale_totals_item()])
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # as outside pytest, which makes warnings errors
        assert main(["summary", str(path)]) == 0
    err = capsys.readouterr().err
    assert "Breaking Bad" in err
    assert "completed is 29 but its seasons add up to 83" in err


def test_report_writes_with_a_1963_next_episode(tmp_path):
    from tests.helpers.v1_items import make_item

    item = make_item("Doctor Who", 1963)
    item["next_episode"]["first_aired"] = -192091500
    path = _write_json(tmp_path / "progress.json", [make_item("Other", tvdb_id=5), item])
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out), "--no-charts", "-q"]) == 0
    assert "1963-11-30" in out.read_text(encoding="utf-8")


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")
def test_summary_with_metadata_from_tvmaze(capsys, monkeypatch, tmp_path, tvmaze_server):
    monkeypatch.setenv("TVMAZE_BASE_URL", tvmaze_server.base_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the user cache directory
    plan = tvmaze_server.plan
    (unknown,) = [s for s in plan.specs if s.index in plan.unknown]
    # Fill the user's cache without TVmaze's rate limit (the CLI keeps to it: 40 s here).
    with (
        ta.TVmaze(base_url=tvmaze_server.base_url, rate_limit=(10_000, 1.0)) as tvmaze,
        pytest.warns(ta.TraktDataWarning),
    ):
        tvmaze.complete(ta.load_demo())
    assert list(tmp_path.rglob("tvmaze_cache.sqlite"))
    tvmaze_server.requests.clear()
    capsys.readouterr()
    assert main(["summary", "--demo", "demo", "--metadata", "tvmaze", "-q"]) == 0
    captured = capsys.readouterr()
    assert "Watch next" in captured.out
    # Said once: as a note of the summary, not also as a warning on stderr.
    said = (
        "does not know 1 show, whose aired counts stay NA (or Trakt's own show-level count, "
        f"where the source has it): {unknown.title}"
    )
    assert (captured.out + captured.err).count(said) == 1
    assert f"note: TVmaze {said}" in captured.out
    assert tvmaze_server.requests == []  # served from the user's cache


def test_metadata_choices_are_checked(capsys):
    err = usage_error(capsys, ["summary", "--metadata", "imdb"])
    assert "invalid choice: 'imdb'" in err


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")
def test_report_of_an_export_with_metadata_from_tvmaze(
    capsys, monkeypatch, tmp_path, tvmaze_server
):
    export = (
        Path(__file__).resolve().parents[1] / "data" / "fixtures" / "export" / "demo-export.zip"
    )
    monkeypatch.setenv("TVMAZE_BASE_URL", tvmaze_server.base_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # Fill the user's cache without TVmaze's rate limit (the CLI keeps to it).
    with (
        ta.TVmaze(base_url=tvmaze_server.base_url, rate_limit=(10_000, 1.0)) as tvmaze,
        pytest.warns(ta.TraktDataWarning),
    ):
        ta.load_export(export, metadata=tvmaze)
    tvmaze_server.requests.clear()
    out = tmp_path / "report.html"
    argv = ["report", str(export), "--metadata", "tvmaze", "--no-charts", "-q", "-o", str(out)]
    assert main(argv) == 0
    assert tvmaze_server.requests == []  # served from the user's cache
    footer = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").footer.get_text()
    assert "TVmaze" in footer
    assert "CC BY-SA" in footer
