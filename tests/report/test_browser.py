"""The demo report in headless Chromium: it renders offline, and a screenshot is kept.

Uses Debian's chromium (``bash scripts/ensure-chromium``); never downloads a
browser. Skipped when /usr/bin/chromium is missing, unless
``TRAKT_REQUIRE_BROWSER=1`` (CI), where a missing browser fails.
"""

from __future__ import annotations

import pytest

import trakt_analysis as ta
from tests.helpers.browser_setup import ARTIFACTS
from trakt_analysis.report.html import write_report

pytestmark = pytest.mark.browser


def test_report_renders_offline_and_screenshot(chromium, tmp_path):
    path = write_report(ta.load_demo(), tmp_path / "report.html", source="the demo user")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Anything but the file itself and inline data would be a network load: refuse it.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file://", "data:"))
            else route.abort()
        ),
    )
    page.goto(path.as_uri(), wait_until="load")

    assert page.title() == "Watched progress of demo"
    # Every chart decoded and has a size in the page.
    sizes = page.eval_on_selector_all(
        "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
    )
    assert len(sizes) >= 3
    assert all(done and w > 100 and h > 100 for done, w, h in sizes), sizes
    # The title with markup in it is shown as text, and created no element.
    cell = page.locator("#shows-table td", has_text="<Tales> & =SUM(A1)")
    assert cell.count() == 1
    assert page.locator("tales").count() == 0
    assert page.locator('[data-metric="shows"] .value').inner_text() == "40"
    # Seasons start folded; the summary opens them.
    assert not page.locator("#seasons-table").is_visible()
    page.locator("#seasons summary").click()
    assert page.locator("#seasons-table").is_visible()

    external = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert external == []
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    page.close()
