"""The one place where what a parse found becomes warnings the user sees.

Parsers record odd values and inconsistencies in a
:class:`~trakt_analysis.parsers._problems.Problems` (they never warn); every
source hands it here once the parse is done.
"""

from __future__ import annotations

from .._warnings import warn
from ..errors import TraktDataWarning
from ..parsers._problems import Problems

__all__ = ["issue"]


def issue(problems: Problems) -> None:
    """Issue one :class:`~trakt_analysis.TraktDataWarning` per line of `problems`."""
    for message in problems.messages():
        warn(message, TraktDataWarning)
