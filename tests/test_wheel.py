"""After a plain install (no repository checkout) the demo data is one call away."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    # Build offline with the hatchling of this environment: tests never reach the network.
    code = (
        "import sys, os; from hatchling.build import build_wheel; "
        "os.chdir(sys.argv[1]); print(build_wheel(sys.argv[2]))"
    )
    name = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(out)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out / name


def test_wheel_ships_the_package_typed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "trakt_analysis/py.typed" in names
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "trakt_analysis").rglob("*.py")}
    assert sources <= names


def test_load_demo_from_the_wheel_alone(wheel, tmp_path):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import trakt_analysis as ta; "
        "assert ta.__file__.startswith(sys.argv[1]), ta.__file__; "
        "p = ta.load_demo(); print(len(p.shows), len(p.episodes))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(wheel)],
        cwd=tmp_path,  # nowhere near the repository's data/ folder
        check=True,
        capture_output=True,
        text=True,
    )
    n_shows = 40  # DEMO_USERS["demo"]
    assert result.stdout.split()[0] == str(n_shows)


def test_cli_report_from_the_wheel_alone(wheel, tmp_path):
    """The README's main job works after a plain install: no repository, no key, no network."""
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith("entry_points.txt"))
    )
    assert b"trakt-analysis = trakt_analysis.cli:main" in entry_points
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from trakt_analysis.cli import main; "
        "raise SystemExit(main(['report', '-o', 'out/report.html', '-q', '--no-charts']))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(wheel)],
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out" / "report.html"
    assert result.stdout.startswith(f"Report written to {out.resolve()}")
    assert 'data-metric="shows"><div class="value">40<' in out.read_text(encoding="utf-8")
