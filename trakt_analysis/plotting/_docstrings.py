"""Parameter texts the chart docstrings share, written once (after seaborn's _docstrings).

A chart's docstring names a fragment as ``%(name)s`` on a line of its own,
indented like a parameter; :func:`fill_doc` puts the text in at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

FRAGMENTS: dict[str, str] = {
    "shows": """shows : pandas.DataFrame or Progress
    The shows frame of :func:`load_progress` (or the Progress itself), one
    user or several concatenated with :func:`pandas.concat` (users are told
    apart by colour).""",
    "top": """top : int
    Number of shows drawn; the rest are summarised in one last bar,
    "+N more shows".""",
    "ax": """ax : matplotlib.axes.Axes, optional
    Axes to draw on; a new figure is made when None.""",
    "barh_kwargs": """**kwargs
    Passed to :meth:`matplotlib.axes.Axes.barh`; they win over the palette.""",
    "returns_ax": """Returns
-------
matplotlib.axes.Axes""",
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)%\((?P<name>\w+)\)s[ \t]*$", re.MULTILINE)


def fill_doc(func: F) -> F:
    """Replace each ``%(name)s`` line of `func`'s docstring by its fragment, indented."""

    def fragment(match: re.Match[str]) -> str:
        indent = match.group("indent")
        return "\n".join(indent + line for line in FRAGMENTS[match.group("name")].splitlines())

    if func.__doc__:
        func.__doc__ = _PLACEHOLDER.sub(fragment, func.__doc__)
    return func
