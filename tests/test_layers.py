"""The layers stay apart: read each module's imports (its syntax tree), not a convention.

Data flows one way: sources -> parsers -> frames -> analysis -> plotting -> explore,
report, cli. Every layer has a rank (:data:`RANKS`, the same table as the README's
map); a module imports only from its own rank or lower. The few imports that go up
are listed in :data:`EXCEPTIONS`, each with its reason. Besides the package's layers:
parsers take payloads, never connections, and analysis does not draw.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "trakt_analysis"

#: The layers of the package, from the bottom: a module imports from its rank or lower.
#: Printed under the map in README.md ("The package's layers"); keep the two alike.
RANKS: dict[str, int] = {
    # 0: what every layer shares: errors and warnings, the schema, the Progress container,
    # and the small helpers (formats, choice checks, advice, the version, what a saved
    # Progress holds, the docstring fragments)
    "errors": 0,
    "_warnings": 0,
    "schema": 0,
    "progress": 0,
    "_format": 0,
    "_validate": 0,
    "_advice": 0,
    "_version": 0,
    "_stored": 0,
    "_docstrings": 0,
    # 1: document shape -> columns (pure); HTTP, knowing no Trakt document
    "parsers": 1,
    "_http": 1,
    # 2: columns -> typed frames
    "frames": 2,
    # 3: where data comes from; the demo users and stand-in servers
    "sources": 3,
    "demo": 3,
    # 4: frames -> frames, no matplotlib
    "analysis": 4,
    # 5: one chart each
    "plotting": 5,
    # 6: what formats and shows what analysis computed
    "report": 6,
    "explore": 6,
    "dashboard": 6,
    # 7: the command line
    "cli": 7,
    "_cli_review": 7,
    "_cli_backlog": 7,
    # 8: the public face, which names everything (the charts, explorer and report lazily)
    "__init__": 8,
    "__main__": 8,
}

#: Imports that go up a rank, by (importing file, imported layer): each with its reason.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("progress.py", "analysis"): (
        "Progress.summary() and .totals() are conveniences for notebook users; the "
        "import is inside the method, so loading a Progress loads no analysis"
    ),
    ("sources/export.py", "analysis"): (
        "the profile's time zone is read with analysis/timezone.py's resolver (IANA names and "
        "aliases), and an export without one names the machine's zone in its notes; "
        "timezone.py is a leaf with no frame logic (it belongs at rank 0, to move)"
    ),
    ("progress.py", "report"): (
        "Progress._repr_html_, .to_csv() and .to_parquet() write what the report layer "
        "formats; imported inside the methods, on first use"
    ),
}


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


def layer_of(path: Path) -> str:
    """The layer a file of the package belongs to: its first part, without ``.py``."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_layers(path: Path) -> set[str]:
    """The package's layers `path` imports from, other than its own."""
    own = layer_of(path)
    layers = set()
    for name in imported_modules(path):
        parts = name.split(".")
        if parts[0] == "trakt_analysis" and len(parts) > 1 and parts[1] != own:
            layers.add(parts[1])
    return layers


def test_the_import_reader_sees_relative_and_absolute_imports(tmp_path):
    # The checks below are only as good as this reader: it must resolve both forms.
    names = imported_modules(PACKAGE / "parsers" / "v1" / "build.py")
    assert "trakt_analysis.schema" in names  # from ... import schema
    assert "numpy" in names
    assert "trakt_analysis.parsers._checks" in names
    assert imported_layers(PACKAGE / "sources" / "files.py") >= {"parsers", "frames", "errors"}


def test_every_module_of_the_package_has_a_rank():
    files = sorted(PACKAGE.rglob("*.py"))
    assert {layer_of(path) for path in files} - set(RANKS) == set()


def test_every_import_goes_to_an_equal_or_lower_rank():
    upward = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        me = str(path.relative_to(PACKAGE))
        for other in imported_layers(path):
            if other in RANKS and RANKS[other] > RANKS[layer_of(path)]:
                upward[(me, other)] = f"rank {RANKS[layer_of(path)]} imports rank {RANKS[other]}"
    unexplained = {edge: why for edge, why in upward.items() if edge not in EXCEPTIONS}
    assert unexplained == {}
    # An exception that no longer happens is taken off the list.
    assert set(EXCEPTIONS) <= set(upward)


def test_the_readme_prints_the_same_rank_table():
    readme = (PACKAGE.parent / "README.md").read_text("utf-8")
    by_rank: dict[int, list[str]] = {}
    for name, rank in RANKS.items():
        by_rank.setdefault(rank, []).append(name)
    for rank, names in by_rank.items():
        row = f"| {rank} | " + ", ".join(f"`{n}`" for n in names) + " |"
        assert row in readme, row


def offending(folder: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """Modules of `folder` importing any of `forbidden` (third-party or ours)."""
    found = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        bad = sorted(
            name
            for name in imported_modules(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[str(path.relative_to(PACKAGE))] = bad
    return found


def test_parsers_take_payloads_not_connections():
    # The HTTP layer shares their rank: parsers still never reach it.
    forbidden = ("requests", "urllib3", "requests_cache", "http", "socket", "trakt_analysis._http")
    assert offending("parsers", forbidden) == {}


def test_the_http_layer_knows_http_not_trakt_documents():
    # Same rank as the parsers, but the API's documents are the sources' business:
    # they pass hooks (a failure-body check, the API's error words).
    forbidden = ("trakt_analysis.parsers.detect", "trakt_analysis.parsers.v1")
    assert offending("_http", forbidden) == {}


def test_analysis_is_frames_to_frames_without_matplotlib():
    assert offending("analysis", ("matplotlib", "ipywidgets")) == {}


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


def test_no_test_imports_another_test_module():
    # Shared builders live in tests/helpers/: a test module is collected, never imported.
    tests = PACKAGE.parent / "tests"
    found = {}
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        names = {
            node.module or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and not node.level
        }
        names |= {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        bad = sorted(n for n in names if n.startswith("tests.") and ".test_" in f".{n}")
        if bad:
            found[str(path.relative_to(tests))] = bad
    assert found == {}
