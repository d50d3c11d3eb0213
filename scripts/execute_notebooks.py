"""Re-execute notebooks in place so that their stored outputs are byte-stable.

``make notebooks`` runs this on ``notebooks/*.ipynb``. Each notebook runs top to bottom in a
fresh kernel of *this* Python (the project's venv, as nbval's ``--nbval-current-env`` does),
with the notebook's folder as working directory and no ``TRAKT_*`` variables in its
environment, so stored outputs always come from the bundled fixtures, never from an account.
Cells marked ``# NBVAL_SKIP`` (they need a real account) are not run and keep no output.

Then what would change from run to run is made stable:
- consecutive prints are joined into one stream output (the kernel splits them by timing);
- text outputs pass through the patterns of ``notebooks/sanitize.cfg``, as nbval compares
  them (a local server's port is stored as ``127.0.0.1:PORT``);
- no execution timestamps; widget model ids numbered in order of use;
- the ``python3`` kernelspec; one newline at the end of the file.

Usage: python scripts/execute_notebooks.py NOTEBOOK.ipynb [...]
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager
from nbval.plugin import get_sanitize_patterns

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SKIP_MARKER = re.compile(r"^\s*#\s*NBVAL_SKIP\s*$", re.MULTILINE)
SKIP_TAG = "skip-execution"  # nbclient leaves cells with this tag alone
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
SANITIZE = Path(__file__).resolve().parent.parent / "notebooks" / "sanitize.cfg"


def needs_account(cell) -> bool:
    return cell.cell_type == "code" and bool(SKIP_MARKER.search(cell.source))


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    skipped = [cell for cell in nb.cells if needs_account(cell)]
    for cell in skipped:
        cell.metadata.setdefault("tags", []).append(SKIP_TAG)
    km = KernelManager(
        kernel_name=CURRENT_ENV_KERNEL_NAME, kernel_spec_manager=NbvalKernelspecManager()
    )
    client = NotebookClient(
        nb,
        km=km,
        timeout=600,
        record_timing=False,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in skipped:
        cell.metadata["tags"].remove(SKIP_TAG)
        if not cell.metadata["tags"]:
            del cell.metadata["tags"]
        cell.outputs, cell.execution_count = [], None
    sanitize_outputs(nb)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    renumbered = nbformat.reads(renumber_widget_ids(nbformat.writes(nb)), as_version=4)
    nbformat.validate(renumbered)
    text = nbformat.writes(renumbered)  # again, so that the new ids are in sorted order
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def sanitize_outputs(nb) -> None:
    """Apply sanitize.cfg to the text that nbval compares (stdout, stderr, text/* data)."""
    patterns = [
        (re.compile(regex), replace)
        for regex, replace in get_sanitize_patterns(SANITIZE.read_text(encoding="utf-8"))
    ]

    def clean(text: str) -> str:
        for regex, replace in patterns:
            text = regex.sub(replace, text)
        return text

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = clean(output.text)
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(value, str):
                    output.data[mime] = clean(value)


def coalesce_streams(outputs: list) -> list:
    """Join consecutive prints to one stream (the kernel splits them as timing has it)."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output.output_type == previous.output_type == "stream"
            and output.name == previous.name
        ):
            previous.text += output.text
        else:
            joined.append(output)
    return joined


def renumber_widget_ids(text: str) -> str:
    """Replace the random widget model ids with ``00..01``, ``00..02``... in a stable order.

    The order is that of the widget tree, depth first: from each displayed widget in cell
    order, then from the widgets that were never displayed (ordered by their content with
    the ids replaced by what they refer to), so the numbering does not depend on the order
    in which the kernel's messages arrived.
    """
    nb = json.loads(text)
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return text
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order or model_id not in state:
            return
        order.append(model_id)
        for ref in MODEL_REF.findall(json.dumps(state[model_id], sort_keys=True)):
            visit(ref)

    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])

    def canonical(model_id: str, seen: frozenset[str] = frozenset()) -> str:
        """The model's content with each reference replaced by the referred model's."""
        text = json.dumps(state[model_id], sort_keys=True)
        if model_id in seen:
            return text
        return MODEL_REF.sub(
            lambda m: canonical(m.group(1), seen | {model_id}) if m.group(1) in state else "",
            text,
        )

    referenced = {ref for model in state.values() for ref in MODEL_REF.findall(json.dumps(model))}
    roots = [model_id for model_id in state if model_id not in referenced]
    for model_id in sorted(roots, key=canonical) + sorted(state, key=canonical):
        visit(model_id)
    new = {old: f"{n:032x}" for n, old in enumerate(order, start=1)}
    return re.sub("|".join(map(re.escape, new)), lambda m: new[m.group(0)], text)


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    # The kernel inherits this environment: no account, and the inline backend for figures.
    for name in [name for name in os.environ if name.startswith("TRAKT_")] + ["MPLBACKEND"]:
        os.environ.pop(name, None)
    for name in paths:
        print(f"executing {name}", flush=True)
        execute(Path(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
