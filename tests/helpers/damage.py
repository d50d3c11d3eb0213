"""Hypothesis helpers that damage JSON the way real files are damaged: junk values, lost keys."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

#: Values that do not belong where they land: nulls, booleans, integers beyond 64 bits,
#: NaN and infinities, short text, small lists and objects.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def damage(draw: st.DrawFn, data: Any, *, replace_root: bool, delete_one_in: int) -> Any:
    """`data` with one to three values replaced by :data:`JUNK` or their keys dropped.

    Each damage walks down from the top to a random depth. A key of an object is
    dropped one time in `delete_one_in`; with `replace_root`, a walk that stops
    at the top replaces the whole document.
    """
    for _ in range(draw(st.integers(1, 3))):
        node: Any = data
        parent, key = None, None
        while isinstance(node, dict | list) and node:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = node[key]
            if draw(st.booleans()):
                break
        if parent is None:
            if replace_root:
                data = draw(JUNK)
        elif isinstance(parent, dict) and draw(st.integers(0, delete_one_in - 1)) == 0:
            del parent[key]
        else:
            parent[key] = draw(JUNK)
    return data
