"""The dashboard's plain functions and the command's checks, without a browser."""

from __future__ import annotations

import dataclasses
import importlib.util
from datetime import UTC, datetime

import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import load_demo_export, write_export_without_aired_counts
from tests.helpers.history_cases import history
from trakt_analysis.cli import main
from trakt_analysis.dashboard import _logic, serve
from trakt_analysis.dashboard._logic import review_panel, review_years, save_upload

# The demo export's one expected warning (an entry in two history parts) is not an error here.
pytestmark = pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")


def progress(timezone="UTC"):
    return ta.Progress(
        pd.DataFrame(),
        pd.DataFrame(),
        pd.DataFrame(),
        "ann",
        history=history(),
        provenance=ta.Provenance("demo", "test", timezone=timezone),
    )


def test_review_years_are_local_and_newest_first():
    # plays in 2024, 2025 and 2026 (UTC)
    assert review_years(progress()) == [2026, 2025, 2024]
    assert review_years(None) == []
    assert review_years(dataclasses.replace(progress(), history=None)) == []


def test_review_panel_holds_the_highlights_and_a_card():
    panel = review_panel(progress(), 2025)
    assert panel.review.label == "2025"
    assert '<h3 class="ta-review-title">2025 in review</h3>' in panel.html
    assert "<td>9</td>" in panel.html  # 9 plays in 2025 (see the table of that module)
    assert panel.card.startswith(b"\x89PNG")
    march = review_panel(progress(), 2025, 3)
    assert march.review.label == "March 2025"


def test_uploads_are_checked_and_kept_on_this_machine(tmp_path):
    out = save_upload("../../my export.zip", b"PK\x03\x04", tmp_path)
    assert out == tmp_path / "my_export.zip"  # no path from the browser is followed
    assert out.read_bytes() == b"PK\x03\x04"
    with pytest.raises(ta.TraktArgumentError, match=r"\.zip"):
        save_upload("history.json", b"{}", tmp_path)
    with pytest.raises(ta.TraktArgumentError, match="empty"):
        save_upload("x.zip", b"", tmp_path)


def test_too_large_an_upload_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(_logic, "MAX_UPLOAD_BYTES", 3)
    with pytest.raises(ta.TraktArgumentError, match="more than"):
        save_upload("x.zip", b"PK\x03\x04", tmp_path)


def test_the_source_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(_logic.SOURCE_ENV, raising=False)
    assert _logic.source_from_env()[0] == "demo users"
    monkeypatch.setenv(_logic.SOURCE_ENV, "data/fixtures/export/demo-export.zip")
    label, source = _logic.source_from_env()
    assert label == "demo-export.zip"
    # the demo export lists one history entry twice, as trakt.tv's paged exporter can
    with pytest.warns(ta.TraktDataWarning, match="listed twice"):
        assert source.users() == ["demo"]


def test_what_loading_warned_about_is_a_note_on_the_page():
    from trakt_analysis.dashboard.app import Dashboard

    board = Dashboard("data/fixtures/export/demo-export.zip")  # no warning escapes
    assert "listed twice" in board.message.value
    assert "ta-note" in board.message.value
    board.source_choice.value = "demo users"
    assert board.message.value == ""


def test_without_voila_the_message_says_how_to_install(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a)
    )
    assert main(["dashboard", "--no-browser", "-q"]) == 1
    err = capsys.readouterr().err
    assert "pip install 'trakt_analysis[dashboard]'" in err


def test_the_command_serves_on_loopback_with_a_token_and_no_code():
    command = serve.voila_command(8866, "abc")
    assert "--Voila.ip=127.0.0.1" in command
    assert "--token=abc" in command
    assert "--strip_sources=True" in command
    assert str(serve.NOTEBOOK) in command
    assert serve.NOTEBOOK.exists()


def test_voila_set_up_warnings_do_not_reach_the_terminal():
    import io

    lines = [
        "[W 2026-12-08 02:20:01 ServerApp] Notebook dashboard.ipynb is not trusted\n",
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All ...\n",
        "The websocket_ping_timeout (90000) cannot be longer than the ...\n",
        "Setting websocket_ping_timeout=30000\n",
        "[E 2026-12-08 02:20:02 ServerApp] Uncaught exception GET /voila/render\n",
    ]
    out = io.StringIO()
    serve.forward_stderr(lines, out)
    assert out.getvalue() == lines[-1]  # an error still does


def test_live_and_missing_sources_are_refused(capsys):
    assert main(["dashboard", "--trakt", "me", "--no-browser", "-q"]) == 1
    assert "SOURCE file" in capsys.readouterr().err
    assert main(["dashboard", "no/such/export.zip", "--no-browser", "-q"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_the_dashboard_in_a_kernel_changes_user_year_and_month():
    from trakt_analysis.dashboard.app import Dashboard

    board = Dashboard()  # the demo users
    assert board.explorer.progress.user == "demo"
    assert board.year.label == str(board.year.value)  # the page's select shows the year
    board.tabs.selected_index = 1
    # The last full year when it has plays (as the report chooses), else the newest.
    last_full = datetime.now(UTC).year - 1
    expected = last_full if last_full in board.year.options else board.year.options[0]
    assert board.review.review.year == expected
    board.explorer.controls.user.value = "binger"
    assert board.explorer.progress.user == "binger"
    assert board.review.review.user == "binger"
    year = board.year.options[-1]
    board.year.value = year
    assert board.review.review.year == year
    board.month.value = 2
    assert board.review.review.label == f"February {year}"
    board.tabs.selected_index = 3  # the demo users have aired counts: a chart
    assert bytes(board._backlog.value).startswith(b"\x89PNG")


def test_a_tab_with_nothing_to_draw_says_why_and_shows_no_image(tmp_path):
    from trakt_analysis.dashboard.app import Dashboard

    board = Dashboard("data/fixtures/seed_example.json")  # a v1 response: no history
    board.tabs.selected_index = 1
    assert "No watch history in this source" in board._review_html.value
    assert "ta-note" in board._review_html.value
    assert board.review is None
    assert bytes(board._card.value) == b""

    board = Dashboard(write_export_without_aired_counts(tmp_path / "export.zip"))
    board.tabs.selected_index = 3
    assert "no aired counts" in board._backlog_note.value
    assert "ta-note" in board._backlog_note.value
    assert bytes(board._backlog.value) == b""


def test_backlog_table_says_unknown_not_zero():
    from bs4 import BeautifulSoup

    for progress in (load_demo_export(), ta.load_demo()):
        page = BeautifulSoup(_logic.backlog_html(progress, rows=100), "html.parser")
        shown = {
            (tds[0].get_text(), tds[1].get_text()): tds[2].get_text()
            for tds in (tr.select("td") for tr in page.select("#backlog-table tbody tr"))
        }
        shows = progress.shows
        # Every show but those with nothing left (0), as the report lists them.
        expected = {
            (t, str(y)): "unknown" if pd.isna(n) else f"{int(n):,}"  # 1,000 grouped
            for t, y, n in zip(shows["title"], shows["year"], shows["left"], strict=True)
            if pd.isna(n) or n != 0
        }
        assert shown == expected


def test_breakdown_tab_uses_ta_breakdown_when_there_is_one(monkeypatch):
    from trakt_analysis.dashboard.app import Dashboard

    calls = []

    def fake_breakdown(progress, by):
        calls.append(by)
        return pd.DataFrame(
            {by: ["drama"], "shows": [2], "plays": [7], "hours": pd.array([3.5], "Float64")}
        )

    board = Dashboard()
    if not hasattr(ta, "breakdown"):
        board.tabs.selected_index = 2
        assert "no all-time breakdown" in board._breakdown.value
    monkeypatch.setattr(ta, "breakdown", fake_breakdown, raising=False)
    board.explorer.controls.user.value = "binger"  # marks every tab to be drawn again
    board.tabs.selected_index = 2
    assert calls == ["genre", "network"]
    assert "<td>drama</td>" in board._breakdown.value
    assert "3.5" in board._breakdown.value


def test_review_opens_on_the_last_full_year_as_the_report_does():
    # history(): plays in 2024, 2025 and 2026 (UTC). On 1 March 2026 the last full year,
    # 2025, has plays: the tab opens on it, as the report and `summary` do, not on 2026.
    years = review_years(progress())
    assert years == [2026, 2025, 2024]
    march = datetime(2026, 3, 1, tzinfo=UTC)
    assert _logic.review_default_year(progress(), years, today=march) == 2025
    # In 2028 the last full year (2027) has none: the newest year with a play.
    later = datetime(2028, 1, 5, tzinfo=UTC)
    assert _logic.review_default_year(progress(), years, today=later) == 2026
    assert _logic.review_default_year(progress(), [], today=march) is None


def test_breakdowns_without_metadata_say_how_to_get_them():
    export = load_demo_export()  # no show metadata: one "unknown" row per breakdown
    frames = [ta.breakdown(export, by) for by in ("genre", "network")]
    assert "--metadata tvmaze" in _logic.breakdown_hint(frames, ["genre", "network"])
    html = _logic.breakdown_html(frames[0], "genre")
    assert "1,376" in html or "1,386" in html  # plays grouped by thousands
    known = pd.DataFrame({"genre": ["Drama", "unknown"], "shows": [1, 2], "plays": [3, 4]})
    assert _logic.breakdown_hint([known], ["genre"]) == ""


def test_backlog_states_are_written_as_the_report_writes_them():
    from bs4 import BeautifulSoup

    page = BeautifulSoup(_logic.backlog_html(load_demo_export(), rows=100), "html.parser")
    states = {tr.select("td")[4].get_text() for tr in page.select("#backlog-table tbody tr")}
    assert "not started" in states
    assert not any("_" in state for state in states)
