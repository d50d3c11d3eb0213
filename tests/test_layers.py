"""The layers stay apart: read each module's imports (its syntax tree), not a convention.

Data flows one way: sources -> parsers -> frames -> analysis -> plotting -> explore,
report, cli. Parsers take payloads, never connections; the HTTP layer knows HTTP, not
Trakt documents; analysis is frames to frames, without matplotlib.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "trakt_analysis"


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module `path` imports, relative imports resolved."""
    tree = ast.parse(path.read_text("utf-8"))
    module = ".".join(("trakt_analysis", *path.relative_to(PACKAGE).with_suffix("").parts))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            names.add(name)
            names.update(f"{name}.{alias.name}" for alias in node.names)
    return names


def modules_in(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def offending(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for path in modules_in(folder):
        bad = sorted(
            name
            for name in imported_modules(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[str(path.relative_to(PACKAGE))] = bad
    return found


def test_the_import_reader_sees_relative_and_absolute_imports(tmp_path):
    # The checks below are only as good as this reader: it must resolve both forms.
    names = imported_modules(PACKAGE / "parsers" / "v1" / "build.py")
    assert "trakt_analysis.schema" in names  # from .. import schema
    assert "numpy" in names
    assert "trakt_analysis.parsers._checks" in names


def test_parsers_take_payloads_not_connections():
    forbidden = (
        "requests",
        "urllib3",
        "requests_cache",
        "http",
        "socket",
        "trakt_analysis._http",
        "trakt_analysis.sources",
    )
    assert offending("parsers", forbidden) == {}


def test_the_http_layer_knows_http_not_trakt_documents():
    forbidden = (
        "trakt_analysis.parsers.v1",
        "trakt_analysis.sources",
        "trakt_analysis.frames",
        "trakt_analysis.analysis",
    )
    assert offending("_http", forbidden) == {}


def test_analysis_is_frames_to_frames_without_matplotlib():
    forbidden = ("matplotlib", "ipywidgets", "trakt_analysis.plotting", "trakt_analysis.explore")
    assert offending("analysis", forbidden) == {}


@pytest.mark.parametrize("heavy", ["matplotlib", "ipywidgets"])
def test_importing_the_package_does_not_load(heavy):
    code = f"import sys, trakt_analysis; print({heavy!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_lazy_names_still_resolve():
    code = (
        "import sys, trakt_analysis as ta; f = ta.plot_completion; e = ta.ProgressExplorer; "
        "r = ta.write_report; print('matplotlib' in sys.modules, f.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "trakt_analysis.plotting.completion"]
