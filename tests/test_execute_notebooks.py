"""scripts/execute_notebooks.py: what makes re-executed notebooks byte-stable."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "execute_notebooks.py"
_spec = importlib.util.spec_from_file_location("execute_notebooks", SCRIPT)
execute_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(execute_notebooks)

STATE = execute_notebooks.WIDGET_STATE
VIEW = execute_notebooks.WIDGET_VIEW


def random_id(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(32))


def widget_notebook(seed: int, *, shuffle: bool) -> str:
    """A displayed box with two same-looking children, and a box never displayed.

    The ids are random, and with `shuffle` the state lists the models in another order,
    as happens when the kernel's messages arrive in another order.
    """
    rng = random.Random(seed)
    box, left, right, hidden, hidden_child = (random_id(rng) for _ in range(5))
    models = {
        box: {
            "model_name": "VBoxModel",
            "state": {"children": [f"IPY_MODEL_{left}", f"IPY_MODEL_{right}"]},
        },
        left: {"model_name": "LayoutModel", "state": {"width": "1px"}},
        right: {"model_name": "LayoutModel", "state": {"width": "1px"}},
        hidden: {"model_name": "HBoxModel", "state": {"children": [f"IPY_MODEL_{hidden_child}"]}},
        hidden_child: {"model_name": "HTMLModel", "state": {"value": "<b>x</b>"}},
    }
    order = list(models)
    if shuffle:
        rng.shuffle(order)
    view = {"model_id": box, "version_major": 2, "version_minor": 0}
    cell = new_code_cell(
        "w", outputs=[new_output("display_data", data={VIEW: view, "text/plain": "VBox()"})]
    )
    cell.id = "cell-1"
    nb = new_notebook(cells=[cell])
    nb.metadata["widgets"] = {STATE: {"state": {k: models[k] for k in order}, "version_major": 2}}
    return nbformat.writes(nb)


def test_widget_ids_are_numbered_the_same_whatever_the_ids_and_their_order():
    first = execute_notebooks.renumber_widget_ids(widget_notebook(1, shuffle=False))
    second = execute_notebooks.renumber_widget_ids(widget_notebook(2, shuffle=True))
    assert json.loads(first) == json.loads(second)
    nb = json.loads(first)
    state = nb["metadata"]["widgets"][STATE]["state"]
    # Depth first from the displayed box, then the box nobody displayed.
    assert state[f"{1:032x}"]["model_name"] == "VBoxModel"
    assert state[f"{1:032x}"]["state"]["children"] == [f"IPY_MODEL_{2:032x}", f"IPY_MODEL_{3:032x}"]
    assert state[f"{4:032x}"]["model_name"] == "HBoxModel"
    assert nb["cells"][0]["outputs"][0]["data"][VIEW]["model_id"] == f"{1:032x}"


def test_a_notebook_without_widgets_is_unchanged():
    nb = new_notebook(cells=[new_code_cell("1 + 1")])
    text = nbformat.writes(nb)
    assert execute_notebooks.renumber_widget_ids(text) == text


def test_consecutive_prints_are_joined_per_stream():
    outputs = [
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("stream", name="stdout", text="c\n"),
    ]
    joined = execute_notebooks.coalesce_streams(outputs)
    assert [(o.name, o.text) for o in joined] == [
        ("stdout", "a\nb\n"),
        ("stderr", "warning\n"),
        ("stdout", "c\n"),
    ]


def test_stored_outputs_are_sanitized_as_nbval_compares_them():
    cell = new_code_cell(
        "x",
        outputs=[
            new_output("stream", name="stdout", text="GET http://127.0.0.1:43125/x\n"),
            new_output("execute_result", data={"text/plain": "<object at 0x7f3a2b1c9d80>"}),
        ],
    )
    nb = new_notebook(cells=[cell])
    execute_notebooks.sanitize_outputs(nb)
    assert nb.cells[0].outputs[0].text == "GET http://127.0.0.1:PORT/x\n"
    assert nb.cells[0].outputs[1].data["text/plain"] == "<object at 0xADDRESS>"


def test_cells_that_need_an_account_are_recognised():
    assert execute_notebooks.needs_account(new_code_cell("# NBVAL_SKIP\nfetch()"))
    assert not execute_notebooks.needs_account(new_code_cell("# NBVAL_IGNORE_OUTPUT\nx"))
    assert not execute_notebooks.needs_account(new_code_cell("print('# NBVAL_SKIP')"))
