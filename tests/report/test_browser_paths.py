"""A new user's three paths in headless Chromium: the account export, the export with
TVmaze, and API v2. Each report renders offline with no empty chart, no mixed total and
every differing figure explained (issue #22). A screenshot of each is kept.

Uses Debian's chromium (``bash scripts/ensure-chromium``); never downloads a browser.
"""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

import trakt_analysis as ta
from tests.helpers.browser_setup import ARTIFACTS
from tests.helpers.fixtures import EXPORT
from trakt_analysis.report.html import write_report

pytestmark = pytest.mark.browser

GENERATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _export() -> ta.Progress:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        return ta.load_export(EXPORT)


def _export_tvmaze() -> ta.Progress:
    from trakt_analysis.demo.tvmaze_server import TVmazeServer

    with (
        TVmazeServer() as server,
        ta.TVmaze(
            base_url=server.base_url, cache=False, progress_bar=False, rate_limit=(10_000, 1.0)
        ) as tvmaze,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        return ta.load_export(EXPORT, metadata=tvmaze)


def _v2() -> ta.Progress:
    """A public profile of the API v2 stand-in, with its history."""
    import tempfile

    from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, V2Server

    with tempfile.TemporaryDirectory() as tmp, V2Server() as server:
        api = ta.TraktAPI(
            FAKE_CLIENT_ID,
            FAKE_CLIENT_SECRET,
            base_url=server.base_url,
            auth_url=server.auth_url,
            token_path=Path(tmp) / "token.json",
            sleep=lambda seconds: None,
        )
        with api:
            return api.progress("ada", specials=True, history=True)


PATHS = {"export": _export, "export-tvmaze": _export_tvmaze, "v2": _v2}


def _open(chromium, path: Path):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file://", "data:"))
            else route.abort()
        ),
    )
    page.goto(path.as_uri(), wait_until="load")
    return page, requests


def _metric(page, key: str) -> str | None:
    node = page.locator(f'[data-metric="{key}"]')
    return node.inner_text() if node.count() else None


@pytest.mark.parametrize("name", list(PATHS))
def test_each_path_gives_a_truthful_report(chromium, tmp_path, name):
    progress = PATHS[name]()
    path = write_report(progress, tmp_path / f"{name}.html", dpi=48, generated=GENERATED)
    page, requests = _open(chromium, path)
    totals = ta.totals(progress)

    # Every chart decoded with a size: none was left empty ("no data").
    sizes = page.eval_on_selector_all(
        "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
    )
    assert sizes
    assert all(done and w > 50 and h > 50 for done, w, h in sizes), sizes
    figures = set(page.eval_on_selector_all("figure", "els => els.map(e => e.id)"))
    assert "chart-plays" in figures  # plays drawn, split or not
    text = page.locator("main").inner_text()
    assert "no data" not in text.lower()
    assert "no plays" not in text.lower()

    if totals.shows_counted == 0:  # the export alone: no aired counts
        assert not figures & {"chart-completion", "chart-backlog", "chart-seasons"}
        assert "--metadata tvmaze" in page.locator("#completion").inner_text()
        assert _metric(page, "completion") is None
        nav = page.eval_on_selector_all("nav a", "els => els.map(e => e.hash)")
        assert nav[1] == "#watch-time"  # the history first
    else:
        assert "chart-completion" in figures
        card = _metric(page, "completion")
        assert card is not None
        # The completion shown is watched over aired over the same shows.
        want = totals.episodes_watched / totals.episodes_aired
        assert card.startswith(f"{want:.1%}")
        if totals.partial:
            assert totals.coverage() in card
            assert totals.coverage() in (_metric(page, "episodes_aired") or "")
    # The history's plays and the per-show plays: a note wherever they differ.
    if progress.history is not None and totals.plays not in (None, len(progress.history)):
        assert page.locator("#plays-note").count() == 1
    assert "{zone}" not in page.content()

    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{name}.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    page.close()
