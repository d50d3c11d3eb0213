"""Fields beyond the schema: flattened with ``_`` into extra columns, nothing dropped."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import itemgetter, methodcaller
from typing import Any, cast

import numpy as np
import pandas as pd

from ._checks import MAX_UNIX_SECONDS, str_array, unix_times


class Extras:
    """Fields beyond the schema, flattened with ``_``, gathered column by column.

    ``{"images": {"poster": "p.jpg"}}`` becomes the column ``images_poster``;
    an empty object stays a value. Columns come in the order their fields first
    appear: a level's own values, then its nested objects, the last one first
    (the order of the row-by-row flattening this replaced). The work is per
    field, not per row: a response's shows share their fields, so each column
    is read with one pass over the objects.
    """

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        # name -> chunks of (rows, values, the values' types), written in order when built
        self.columns: dict[str, list[tuple[Sequence[int], list[object], set[type]]]] = {}

    def add(
        self,
        rows: Sequence[int],
        prefix: str,
        objs: Sequence[dict[str, Any]],
        skip: tuple[str, ...] | frozenset[str] = (),
    ) -> None:
        """The fields of `objs` (the objects of `rows`) but `skip`, under `prefix`."""
        # Iterative (a stack of levels): a deeply nested object must not hit the recursion limit.
        stack = [(prefix, rows, objs, skip)]
        while stack:
            base, level_rows, level_objs, level_skip = stack.pop()
            names = dict.fromkeys(chain.from_iterable(level_objs))  # first-appearance order
            nested = []
            for key in names:
                if key in level_skip:
                    continue
                name = f"{base}_{key}" if base else str(key)
                try:  # the field is in every object, as a response's shows share their fields
                    values = list(map(itemgetter(key), level_objs))
                except KeyError:
                    values = list(map(methodcaller("get", key, _MISSING), level_objs))
                kinds = set(map(type, values))
                rows = level_rows
                if kinds == {dict} and all(values):  # a non-empty object in every row
                    nested.append((name, level_rows, values, ()))
                    continue
                if dict in kinds:
                    inner = [i for i, v in enumerate(values) if type(v) is dict and v]
                    if inner:
                        nested.append(
                            (
                                name,
                                [level_rows[i] for i in inner],
                                [values[i] for i in inner],
                                (),
                            )
                        )
                        keep = sorted(set(range(len(values))) - set(inner))
                        rows = [level_rows[i] for i in keep]
                        values = [values[i] for i in keep]
                self._write(name, rows, values, kinds, filter_missing=_Missing in kinds)
            stack.extend(nested)  # the last nested object is flattened next, as before

    def _write(
        self,
        name: str,
        rows: Sequence[int],
        values: list[object],
        kinds: set[type],
        *,
        filter_missing: bool,
    ) -> None:
        if filter_missing or name in self.columns:
            # Rows without the field, or one name from two paths ("a_b" and {"a": {"b"}}):
            # only the values that are there are written.
            collision = name in self.columns
            pairs = [
                (r, v)
                for r, v in zip(rows, values, strict=True)
                if v is not _MISSING and not (collision and v is None)
            ]
            rows, values = [r for r, _ in pairs], [v for _, v in pairs]
            kinds = set(map(type, values))
        if rows:
            self.columns.setdefault(name, []).append((rows, values, kinds))

    def build(self, n_rows: int, *, collision_prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, chunks in self.columns.items():
            column = name
            while column in self.reserved or column in out:
                column = f"{collision_prefix}{column}"
            rows, cells, kinds = chunks[0]
            if len(chunks) > 1 or len(cells) != n_rows or not _is_range(rows):
                filled = np.full(n_rows, None, dtype=object)
                for rows, values, _ in chunks:
                    filled[np.asarray(rows, dtype=np.intp)] = _object_array(values)
                cells = filled.tolist()
                kinds = set(map(type, cells))
            out[column] = infer_array(cells, name, kinds)
        return out


class _Missing:
    """The marker of a field an object does not have (unlike one that is null)."""


_MISSING = _Missing()


def _is_range(rows: Sequence[int]) -> bool:
    return isinstance(rows, range) and rows.start == 0 and rows.step == 1


def _object_array(values: list[object]) -> np.ndarray:
    # np.array would turn a list of lists into a 2-D array; fromiter keeps each value whole.
    return np.fromiter(values, dtype=object, count=len(values))


def infer_array(values: list[object], name: str, kinds: set[type] | None = None) -> Any:
    """The narrowest dtype that holds every value of an extra column exactly.

    `kinds` are the types of `values`, where the caller has them already.
    """
    kinds = (set(map(type, values)) if kinds is None else kinds) - {type(None)}
    if not kinds:
        return pd.array(values, dtype=object)
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    if kinds == {str}:
        return str_array(values)
    if kinds == {int}:
        try:
            if len(values) and None not in values:  # every value known: no per-value NA
                ints = np.array(values, dtype=np.int64)
                ints = pd.arrays.IntegerArray(ints, np.zeros(len(ints), dtype=bool))
            else:
                ints = pd.array(values, dtype="Int64")
        except (OverflowError, TypeError):  # beyond int64: kept exactly, as Python ints
            return pd.array(values, dtype=object)
        if (
            name.endswith(("first_aired", "first_aired_utc"))
            and not ((ints < -MAX_UNIX_SECONDS) | (ints > MAX_UNIX_SECONDS)).any()
        ):
            return unix_times(values, lambda i: name)
        return ints
    if kinds <= {int, float}:
        try:
            floats = [None if v is None else float(cast(float, v)) for v in values]
            return pd.array(floats, dtype="Float64")
        except OverflowError:  # an int beyond a float (10**400): kept exactly, as Python numbers
            return pd.array(values, dtype=object)
    return pd.array(values, dtype=object)
