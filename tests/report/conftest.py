"""Fixtures of the report's browser tests."""

from __future__ import annotations

import os

import pytest

from tests.helpers.browser_setup import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium through Playwright; skipped without it unless CI requires it."""
    if not CHROMIUM.exists():
        if os.environ.get("TRAKT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing; run: bash scripts/ensure-chromium")
        pytest.skip(f"{CHROMIUM} is missing (bash scripts/ensure-chromium installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
