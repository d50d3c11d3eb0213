"""The dashboard served by Voilà, driven by headless Chromium (Playwright).

``trakt-analysis dashboard`` is started as a user would start it, on the bundled
demo export, on 127.0.0.1 with a free port; Debian's chromium through
``executable_path`` (no browser download). Without chromium, playwright or voila
the test is skipped, unless ``TRAKT_REQUIRE_BROWSER=1`` (as in CI).
Expected values come from the demo export read with plain pandas here, and from
the demo users' plan (DEMO_USERS), not from the dashboard's own functions.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import trakt_analysis as ta
from tests.helpers.browser_setup import ARTIFACTS, CHROMIUM_ARGS
from tests.helpers.export_like import load_demo_export
from trakt_analysis.dashboard.serve import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "data" / "fixtures" / "export" / "demo-export.zip"
TIMEOUT_MS = 120_000

# The demo export's one expected warning (an entry in two history parts) is not an error here.
pytestmark = pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")


def _missing(reason: str) -> None:
    if os.environ.get("TRAKT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and TRAKT_REQUIRE_BROWSER=1 requires the browser test")
    pytest.skip(f"{reason} (run `bash scripts/ensure-chromium`; pip install -e '.[test]')")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if shutil.which("chromium") is None:
        _missing("Debian's chromium is not installed")
    if importlib.util.find_spec("voila") is None:
        _missing("voila is not installed")
    log = tmp_path_factory.mktemp("dashboard") / "voila.log"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "trakt_analysis",
                "dashboard",
                str(EXPORT),
                f"--port={free_port()}",
                "--no-browser",
                "-q",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path_factory.mktemp("cwd"),
        )
    try:
        url = None
        while url is None and time.monotonic() - started < 90:
            if proc.poll() is not None:
                raise RuntimeError(f"the dashboard exited ({proc.returncode}):\n{log.read_text()}")
            found = re.search(r"The dashboard is at (\S+)", log.read_text())
            url = found.group(1) if found else None
            time.sleep(0.2)
        assert url is not None, log.read_text()
        assert url.startswith("http://127.0.0.1:")
        yield {"url": url, "started_in": time.monotonic() - started, "log": log}
    finally:
        proc.terminate()  # SIGTERM: the command stops Voilà and its kernels
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def page(dashboard: dict[str, Any]) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(dashboard["url"])
            yield page
        finally:
            browser.close()


def _plays_in(year: int, zone: str) -> int:
    """Plays of the demo export in `year`, local time, counted with plain pandas."""
    progress = load_demo_export()
    at = progress.history["watched_at"]
    at = at[at > "1970-01-02"]  # the epoch is Trakt's "unknown date": no year
    return int((at.dt.tz_convert(zone).dt.year == year).sum())


def _row(page: Any, label: str) -> str:
    rows = page.locator(".ta-review #review-table tbody tr")
    return (
        rows.filter(has=page.locator("td", has_text=re.compile(f"^{label}$")))
        .first.locator("td")
        .nth(1)
        .inner_text()
    )


def test_dashboard_in_chromium(dashboard: dict[str, Any], page: Any) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    assert dashboard["started_in"] < 60  # "a few seconds" on an idle machine; CI is shared

    # The demo export from the command line: its user, with no code on the page.
    summary = page.locator(".ta-dashboard .ta-summary-area")
    expect(summary).to_contain_text("demo: ")
    expect(page.locator(".ta-source select")).to_have_value("demo-export.zip")
    assert page.get_by_text("Dashboard()").count() == 0
    assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor").count() == 0
    assert page.get_by_text("Error displaying widget").count() == 0
    # the export's one repeated entry is said on the page, as a note
    expect(page.locator(".ta-dashboard-message")).to_contain_text("listed twice")

    # The year in review: change the year, then the month; read what is drawn.
    page.get_by_role("tab", name="Year in review").click()
    title = page.locator(".ta-review .ta-review-title")
    expect(title).to_have_text(re.compile(r"^\d{4} in review$"))
    page.locator(".ta-year select").select_option("2025")
    expect(title).to_have_text("2025 in review")
    zone = load_demo_export().provenance.timezone
    assert _row(page, "plays") == f"{_plays_in(2025, zone):,}"
    page.locator(".ta-year select").select_option("2024")
    expect(title).to_have_text("2024 in review")
    assert _row(page, "plays") == f"{_plays_in(2024, zone):,}"
    page.locator(".ta-month select").select_option(label="October")
    expect(title).to_have_text("October 2024 in review")
    card = page.locator(".ta-card")
    expect(card).to_have_attribute("src", re.compile(r"^blob:|^data:image/png"))
    assert card.bounding_box()["width"] > 100

    # The backlog: the table of ta.backlog and the chart.
    page.get_by_role("tab", name="Backlog").click()
    expect(page.locator(".ta-backlog-table #backlog-table")).to_be_visible()
    shows = load_demo_export().shows
    listed = int((shows["left"] != 0).fillna(True).sum())  # all but those with nothing left
    assert page.locator("#backlog-table tbody tr").count() == min(30, listed)

    ARTIFACTS.mkdir(exist_ok=True)
    page.get_by_role("tab", name="Year in review").click()
    page.screenshot(path=str(ARTIFACTS / "dashboard-review.png"))

    # Another source: the demo users; change the user and the sort.
    page.get_by_role("tab", name="Explorer").click()
    page.locator(".ta-source select").select_option("demo users")
    expect(summary).to_contain_text("demo: 40 shows")  # DEMO_USERS: demo has 40
    user = page.locator(".ta-dashboard .ta-user input")
    user.fill("binger")
    user.press("Enter")
    expect(summary).to_contain_text("binger: 25 shows")
    binger = ta.load_demo("binger").shows
    most = ta.sort_shows(binger, "most-completed")["title"].iloc[0]
    by_title = ta.sort_shows(binger, "title")["title"].iloc[0]
    assert most != by_title  # else the change would be invisible
    first = page.locator(".ta-table-area tbody tr").first.locator("td").first
    expect(first).to_have_text(by_title)
    page.locator(".ta-dashboard .ta-sort select").select_option("most-completed")
    expect(first).to_have_text(most)
    page.get_by_role("tab", name="Year in review").click()
    # the month chosen stays chosen; the year is the newest of binger's
    expect(title).to_have_text(re.compile(r"^October \d{4} in review$"))

    # An upload of the export ZIP: read on this machine, chosen as the source.
    page.get_by_role("tab", name="Explorer").click()
    with page.expect_file_chooser() as chooser:  # the button opens the file dialog
        page.locator(".ta-upload").click()
    chooser.value.set_files(str(EXPORT))
    expect(page.locator(".ta-source select")).to_have_value("demo-export.zip (uploaded)")
    expect(summary).to_contain_text("demo: ")
    expect(page.locator(".ta-dashboard-message .ta-error")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
