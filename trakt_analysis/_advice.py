"""Advice in messages: command-line advice on the command line, Python advice in Python.

A message that tells the user what to do next (sign in again, fill the aired
counts) asks :func:`advice` for the words; the command line runs inside
:func:`command_line`, so its messages name its commands and flags.

>>> advice(python="api.login()", cli="trakt-analysis login")
'api.login()'
>>> with command_line():
...     advice(python="api.login()", cli="trakt-analysis login")
'trakt-analysis login'
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["advice", "command_line", "sign_in_again"]

_ON_COMMAND_LINE = contextvars.ContextVar("trakt_analysis_command_line", default=False)


@contextmanager
def command_line() -> Iterator[None]:
    """Within this block, :func:`advice` gives the command line's words."""
    token = _ON_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _ON_COMMAND_LINE.reset(token)


def advice(*, python: str, cli: str) -> str:
    """`cli` inside :func:`command_line`, else `python`."""
    return cli if _ON_COMMAND_LINE.get() else python


def sign_in_again() -> str:
    """How to sign in to API v2 again, in the caller's words."""
    return advice(python="api.login()", cli="`trakt-analysis login`")
