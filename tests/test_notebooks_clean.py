"""The notebooks are documentation: check that what is stored in them is clean.

nbval (``make test``) re-runs every notebook and compares outputs; these tests check the
stored files themselves: valid, executed in order from a fresh kernel, free of errors, paths,
usernames and secrets, small, and with nbval markers used only where they are allowed.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
MAX_BYTES = 1_000_000
MAX_SKIPPED_CELLS = 3  # in all notebooks together: cells that need a real account

SKIP_MARKER = re.compile(r"^\s*#\s*NBVAL_SKIP\s*$", re.MULTILINE)
IGNORE_MARKER = re.compile(r"^\s*#\s*NBVAL_IGNORE_OUTPUT\s*$", re.MULTILINE)
# An absolute path of a machine: /work/..., /root/..., /home/x, /tmp/..., /Users/x, C:\...
# The look-behind skips URL paths such as https://example.org/home/.
ABSOLUTE_PATH = re.compile(
    r"(?<![\w.:/-])/(work|root|home|tmp|Users|private/var)(/|\b)|\b[A-Za-z]:\\\\?[A-Za-z]"
)
# What a secret looks like: a trakt API key or OAuth token (32 or 64 hex digits), a SHA-1
# password digest (40), an Authorization header.
KEY_LIKE = re.compile(r"\b[0-9a-f]{32,}\b|\bBearer\s+\w{8,}|\bBasic\s+[A-Za-z0-9+/=]{12,}")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
GENERIC_ACCOUNTS = {"root", "user", "admin", "runner", "jovyan", "ubuntu", "debian", "vscode"}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def needs_account(cell: nbformat.NotebookNode) -> bool:
    return bool(SKIP_MARKER.search(cell.source))


def output_texts(nb: nbformat.NotebookNode) -> list[str]:
    """Every text a reader sees in the outputs (images and widget views left out)."""
    texts = []
    for cell in code_cells(nb):
        for output in cell.outputs:
            if output.output_type == "stream":
                texts.append(output.text)
            elif output.output_type == "error":
                texts.append("\n".join([output.ename, output.evalue, *output.traceback]))
            else:
                for mime, value in output.get("data", {}).items():
                    readable = mime.startswith("text/") or mime.endswith("json")
                    if readable and mime != WIDGET_VIEW:
                        texts.append(value if isinstance(value, str) else json.dumps(value))
    return texts


def scanned_text(path: Path) -> str:
    """The notebook's sources and outputs, without images and widget ids (random-looking)."""
    nb = read(path)
    texts = [cell.source for cell in nb.cells] + output_texts(nb)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    texts += [json.dumps(model.get("state", {})) for model in state.values()]
    return "\n".join(texts)


def test_there_are_notebooks():
    assert NOTEBOOKS_DIR / "01_getting_started.ipynb" in NOTEBOOKS


@pytest.fixture(params=NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


def test_valid_nbformat(notebook):
    nb = read(notebook)
    assert nb.nbformat == 4
    nbformat.validate(nb)


def test_kernelspec_is_python3(notebook):
    kernelspec = read(notebook).metadata.get("kernelspec", {})
    assert kernelspec.get("name") == "python3"
    assert kernelspec.get("language") == "python"


def test_small_enough_for_github(notebook):
    assert notebook.stat().st_size < MAX_BYTES


def test_executed_top_to_bottom_in_one_kernel(notebook):
    """Counts 1..n in cell order: run from a fresh kernel, no cell skipped or re-run.

    Cells that need an account are not run when the notebook is saved (they keep no
    output), so nbval has something to compare in every other cell.
    """
    cells = code_cells(read(notebook))
    run = [cell.execution_count for cell in cells if not needs_account(cell)]
    assert run == list(range(1, len(run) + 1))
    for cell in cells:
        if needs_account(cell):
            assert cell.execution_count is None
            assert cell.outputs == []


def test_no_error_outputs_or_warnings(notebook):
    for n, cell in enumerate(code_cells(read(notebook)), start=1):
        for output in cell.outputs:
            assert output.output_type != "error", f"code cell {n}: {output.get('ename')}"
            is_stderr = output.output_type == "stream" and output.name == "stderr"
            assert not is_stderr, f"code cell {n} wrote to stderr: {output.text[:200]!r}"


def test_byte_stable_metadata(notebook):
    """No execution timestamps; widget model ids numbered by scripts/execute_notebooks.py."""
    nb = read(notebook)
    for cell in nb.cells:
        assert "execution" not in cell.metadata
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model_id in state:
        assert re.fullmatch(r"0{20}[0-9a-f]{12}", model_id), model_id


def test_no_absolute_paths(notebook):
    found = ABSOLUTE_PATH.search(scanned_text(notebook))
    assert found is None, f"absolute path in {notebook.name}: {found.group(0)!r}"


def test_no_machine_username(notebook):
    text = scanned_text(notebook)
    user = getpass.getuser()
    if user.lower() in GENERIC_ACCOUNTS:  # a common word too: look for it as a path or address
        pattern = rf"[/\\~]{re.escape(user)}\b|\b{re.escape(user)}@"
    else:
        pattern = rf"\b{re.escape(user)}\b"
    assert re.search(pattern, text) is None, f"username {user!r} in {notebook.name}"


def test_nothing_key_like(notebook):
    text = scanned_text(notebook)
    found = KEY_LIKE.search(text)
    assert found is None, f"key-like text in {notebook.name}: {found.group(0)[:12]}..."
    for name in ("TRAKT_API_KEY", "TRAKT_PASSWORD", "TRAKT_PASSWORD_SHA1"):
        secret = os.environ.get(name, "")
        if len(secret) >= 8:
            assert secret not in text, f"the value of {name} is in {notebook.name}"


def test_fake_keys_never_in_outputs(notebook):
    """A placeholder key written in a cell must not come back in any output."""
    nb = read(notebook)
    placeholders = set()
    for cell in code_cells(nb):
        placeholders |= set(
            re.findall(r"(?:api_key|API_KEY)\s*=\s*[\"']([^\"']{6,})[\"']", cell.source)
        )
    outputs = "\n".join(output_texts(nb))
    for placeholder in placeholders:
        assert placeholder not in outputs


def test_ignore_output_marks_say_why(notebook):
    """NBVAL_IGNORE_OUTPUT only with a comment saying why the output cannot be compared."""
    for cell in code_cells(read(notebook)):
        if IGNORE_MARKER.search(cell.source):
            comments = [line for line in cell.source.splitlines() if line.strip().startswith("#")]
            assert len(comments) >= 2, f"no reason given for NBVAL_IGNORE_OUTPUT:\n{cell.source}"


def test_skip_only_cells_that_need_an_account():
    skipped = [
        (path.name, cell.source)
        for path in NOTEBOOKS
        for cell in code_cells(read(path))
        if needs_account(cell)
    ]
    assert len(skipped) <= MAX_SKIPPED_CELLS, [name for name, _ in skipped]
    for name, source in skipped:
        # A cell that needs an account reads the credentials from the environment.
        assert "TRAKT_" in source, f"{name}: NBVAL_SKIP on a cell that needs no account"
