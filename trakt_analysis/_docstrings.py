"""Docstring texts written once and put in at import (after seaborn's _docstrings).

A docstring names a fragment as ``%(name)s`` on a line of its own, indented like
a parameter; ``%(name:word)s`` also puts `word` where the fragment says ``{}``.
:func:`fill_doc` fills in :data:`FRAGMENTS` (the texts of analysis, report and
explore); :func:`doc_filler` makes such a decorator for other fragments (the
charts' own, in ``plotting/_docstrings.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

_PLACEHOLDER = re.compile(
    r"^(?P<indent>[ \t]*)%\((?P<name>\w+)(?::(?P<word>[^)]*))?\)s[ \t]*$", re.MULTILINE
)


def fill(doc: str, fragments: Mapping[str, str]) -> str:
    """`doc` with each ``%(name)s`` line replaced by its fragment, indented like the line.

    >>> fill("Parameters\\n    %(top:Shows)s", {"top": "top : int\\n    {} kept."})
    'Parameters\\n    top : int\\n        Shows kept.'
    """

    def fragment(match: re.Match[str]) -> str:
        text = fragments[match.group("name")]
        if match.group("word") is not None:
            text = text.replace("{}", match.group("word"))
        return "\n".join(match.group("indent") + line for line in text.splitlines())

    return _PLACEHOLDER.sub(fragment, doc)


def doc_filler(fragments: Mapping[str, str]) -> Callable[[F], F]:
    """A decorator that fills `fragments` into the docstring of what it decorates."""

    def fill_doc(func: F) -> F:
        """Replace each ``%(name)s`` line of `func`'s docstring by its fragment, indented."""
        if func.__doc__:
            func.__doc__ = fill(func.__doc__, fragments)
        return func

    return fill_doc


#: Parameter texts shared by the docstrings of analysis, report and explore.
FRAGMENTS: dict[str, str] = {
    # analysis
    "parameters_history": """Parameters
----------
history : pandas.DataFrame or Progress
    The history frame or a Progress holding one; {}.""",
    "top": """top : int or None
    {} kept per user; None keeps all.""",
    # report
    "parameters_progress": """Parameters
----------
progress : Progress
    The loaded progress.""",
    # explore
    "parameters_user_progress": """Parameters
----------
progress : Progress
    The loaded user's progress.""",
}

#: Replaces each ``%(name)s`` line of a docstring by its fragment of :data:`FRAGMENTS`.
fill_doc = doc_filler(FRAGMENTS)
