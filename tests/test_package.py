"""The package's surface: one import, typed, versioned, fixtures faithful to the seed."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

import trakt_analysis as ta

ROOT = Path(__file__).parent.parent
SEED_DOC = ROOT.parent / "shared" / "seed" / "000_d90f81596723c342.txt"
FIXTURES = ROOT / "data" / "fixtures"


def test_public_api_from_one_import():
    for name in ("load_progress", "Progress", "sort_shows", "load_demo", "TraktError"):
        assert name in ta.__all__
        assert hasattr(ta, name)
    for name in ta.__all__:
        assert hasattr(ta, name), name


def test_every_error_derives_from_trakt_error():
    errors = [getattr(ta, n) for n in ta.__all__ if n.startswith("Trakt") and n.endswith("Error")]
    assert len(errors) >= 10
    for error in errors:
        assert issubclass(error, ta.TraktError), error
    assert issubclass(ta.TraktDataError, ValueError)


def test_typed_marker_and_version():
    assert (Path(ta.__file__).parent / "py.typed").exists()
    assert ta.__version__ == importlib.metadata.version("trakt_analysis")


def test_corrected_fixture_differs_from_verbatim_only_by_the_comma():
    verbatim = (FIXTURES / "seed_example_verbatim.txt").read_text("utf-8")
    corrected = (FIXTURES / "seed_example.json").read_text("utf-8")
    missing = '"title":"The Prince of Winterfell"\n'
    assert verbatim.count(missing) == 1
    assert corrected == verbatim.replace(missing, missing.replace("\n", ",\n"))


def test_verbatim_fixture_is_the_seed_docs_example():
    if not SEED_DOC.exists():
        pytest.skip("the seed doc lives in ../shared beside the clone; not present here")
    doc = SEED_DOC.read_text("utf-8")
    verbatim = (FIXTURES / "seed_example_verbatim.txt").read_text("utf-8")
    assert verbatim.strip() in doc


def test_import_loads_neither_matplotlib_nor_the_http_stack():
    # `import trakt_analysis` is what every CLI run and notebook pays: charts, the
    # explorer and the HTTP client load on first use (the _LAZY map).
    import subprocess
    import sys

    code = (
        "import sys, trakt_analysis as ta\n"
        "names = ('matplotlib', 'requests', 'urllib3', 'ipywidgets')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "ta.TraktClient, ta.plot_completion\n"
        "assert 'requests' in sys.modules and 'matplotlib' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
