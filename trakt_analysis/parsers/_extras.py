"""Fields beyond the schema: flattened with ``_`` into extra columns, nothing dropped."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import schema
from ._checks import MAX_UNIX_SECONDS, unix_times


class Extras:
    """Fields beyond the schema, flattened with ``_``: sparse until built."""

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        self.columns: dict[str, dict[int, object]] = {}

    def add(self, row: int, prefix: str, obj: dict[str, Any], skip: tuple[str, ...]) -> None:
        # Iterative flattening: a deeply nested object must not hit the recursion limit.
        stack = [(prefix, {k: v for k, v in obj.items() if k not in skip})]
        while stack:
            base, mapping = stack.pop()
            for key, value in mapping.items():
                name = f"{base}_{key}" if base else str(key)
                if type(value) is dict and value:
                    stack.append((name, value))
                else:
                    self.columns.setdefault(name, {})[row] = value

    def build(self, n_rows: int, *, collision_prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, cells in self.columns.items():
            column = name
            while column in self.reserved or column in out:
                column = f"{collision_prefix}{column}"
            out[column] = infer_array([cells.get(i) for i in range(n_rows)], name)
        return out


def infer_array(values: list[object], name: str) -> Any:
    """The narrowest dtype that holds every value of an extra column exactly."""
    kinds = set(map(type, values)) - {type(None)}
    if not kinds:
        return pd.array(values, dtype=object)
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    if kinds == {str}:
        return pd.array(values, dtype=schema.STR)
    if kinds == {int} and all(v is None or -(2**63) <= v < 2**63 for v in values):
        if name.endswith(("first_aired", "first_aired_utc")) and all(
            v is None or -MAX_UNIX_SECONDS <= v <= MAX_UNIX_SECONDS for v in values
        ):
            return unix_times(values, lambda i: name)
        return pd.array(values, dtype="Int64")
    if kinds <= {int, float}:
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    return pd.array(values, dtype=object)
