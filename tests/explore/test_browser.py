"""ProgressExplorer in a real JupyterLab, driven by headless Chromium (Playwright).

One JupyterLab server and one browser for this module; module scope, not
session, because Playwright's sync API cannot run twice at once in a thread
and other browser tests start their own. The server binds
127.0.0.1 on a free port with a random token, and runs in temporary
directories (notebook, settings, workspaces), so parallel runs never collide.
Debian's chromium is used through ``executable_path``: no browser download.
Without chromium (or playwright) the test is skipped, unless
``TRAKT_REQUIRE_BROWSER=1`` (as in CI), which makes it a failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import trakt_analysis as ta
from tests.helpers.browser_setup import ARTIFACTS, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

NOTEBOOK_CELLS = [
    "import trakt_analysis as ta",
    "explorer = ta.ProgressExplorer()\nexplorer",
]


def _missing(reason: str) -> None:
    if os.environ.get("TRAKT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and TRAKT_REQUIRE_BROWSER=1 requires the browser test")
    pytest.skip(f"{reason} (run `bash scripts/ensure-chromium`)")


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        _missing("Debian's chromium is not installed")
    return path  # type: ignore[return-value]


def _write_notebook(path: Path) -> None:
    cells = [
        {
            "id": f"cell-{i}",
            "cell_type": "code",
            "metadata": {},
            "source": src,
            "outputs": [],
            "execution_count": None,
        }
        for i, src in enumerate(NOTEBOOK_CELLS)
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook))


def _wait_for_url(proc: subprocess.Popen[str], log: Path, token: str, timeout: float) -> str:
    """The server's base URL, from its log once it listens and answers."""
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited ({proc.returncode}):\n{log.read_text()}")
        if url is None:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read_text())
            if found:
                url = f"http://127.0.0.1:{found.group(1)}"
        if url is not None:
            request = urllib.request.Request(
                f"{url}/api/status", headers={"Authorization": f"token {token}"}
            )
            try:
                with urllib.request.urlopen(request, timeout=2):  # loopback only
                    return url
            except OSError:
                pass  # not ready yet
        time.sleep(0.2)
    raise RuntimeError(f"jupyter lab did not start in {timeout:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def jupyter_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    _chromium()
    root = tmp_path_factory.mktemp("lab")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "explorer.ipynb")
    settings = root / "settings"
    plugin = settings / "@jupyterlab" / "apputils-extension"
    plugin.mkdir(parents=True)
    # No "Jupyter news?" toast over the page.
    (plugin / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        # the kernel must be this interpreter, the one with trakt_analysis installed
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = root / "lab.log"
    with log.open("w") as log_file:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--allow-root",
                "--no-browser",
                "--ip=127.0.0.1",
                "--port=0",  # the OS picks a free port; read back from the log
                f"--ServerApp.root_dir={notebooks}",
                f"--IdentityProvider.token={token}",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.extension_manager=readonly",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
    try:
        url = _wait_for_url(proc, log, token, timeout=90)
        yield {"url": url, "token": token, "log": str(log)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _first_title(page: Any) -> str:
    return page.locator(".ta-table-area tbody tr").first.locator("td").first.inner_text()


def test_explorer_in_jupyterlab(jupyter_lab: dict[str, str], browser: Any) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=60_000)

    demo = ta.load_demo().shows
    by_title = ta.sort_shows(demo, "title")["title"].iloc[0]
    most_completed = ta.sort_shows(demo, "most-completed")["title"].iloc[0]
    assert by_title != most_completed  # else the sort change would be invisible

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{jupyter_lab['url']}/lab/tree/explorer.ipynb?token={jupyter_lab['token']}")
    # The execution indicator says "idle" once before any kernel exists; running
    # then would open a kernel chooser. Wait until the kernel itself is idle.
    page.get_by_role("button", name=re.compile(r"ipykernel\) \| Idle")).wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    summary = page.locator(".ta-explorer .ta-summary-area")
    expect(summary).to_contain_text("demo: 40 shows")
    expect(page.locator(".ta-explorer .ta-sort select")).to_have_value("title")
    assert _first_title(page) == by_title
    assert page.locator(".ta-explorer .ta-chart-area").count() == 1
    assert page.get_by_text("Error displaying widget").count() == 0

    page.locator(".ta-explorer .ta-sort select").select_option("most-completed")
    expect(page.locator(".ta-table-area tbody tr").first.locator("td").first).to_have_text(
        most_completed
    )

    user = page.locator(".ta-explorer .ta-user input")
    user.fill("binger")
    user.press("Enter")
    expect(summary).to_contain_text("binger: 25 shows")  # DEMO_USERS: binger has 25
    expect(page.locator(".ta-explorer .ta-error")).to_have_count(0)
    assert page.get_by_text("Error displaying widget").count() == 0

    page.get_by_role("button", name=re.compile(r"ipykernel\) \| Idle")).wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 2200})  # the charts too, unscrolled
    page.screenshot(path=str(ARTIFACTS / "explorer-lab.png"))
    page.locator(".ta-explorer").screenshot(path=str(ARTIFACTS / "explorer.png"))

    # A failing load shows its message; the controls keep working afterwards.
    user.fill("nobody")
    user.press("Enter")
    expect(page.locator(".ta-explorer .ta-error")).to_contain_text("no demo user 'nobody'")
    user.fill("casual")
    user.press("Enter")
    expect(summary).to_contain_text("casual: 8 shows")
    expect(page.locator(".ta-explorer .ta-error")).to_have_count(0)
    page.close()
