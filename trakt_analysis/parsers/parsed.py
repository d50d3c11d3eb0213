"""What every parser returns: plain columns for the frames, and the problems it found.

The contract between the parsers (one per document shape) and
:func:`trakt_analysis.frames.frames_from_parsed` (the one frame builder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._problems import Problems

__all__ = ["ParsedProgress"]


@dataclass
class ParsedProgress:
    """Columns of the frames, each a numpy/pandas array or a list, plus the problems found.

    ``shows`` holds one entry per show; ``seasons`` carries ``_item`` (the show's
    row of each season) and ``episodes`` carries ``_season_rank`` (the season's
    row of each episode). A schema column a parser leaves out is filled with NA.
    ``history`` holds the columns of the history frame, or None when the
    document has no history. ``problems`` holds the odd values and
    inconsistencies the parse found; the source issues them as warnings.
    """

    shows: dict[str, Any]
    seasons: dict[str, Any]
    episodes: dict[str, Any]
    problems: Problems
    history: dict[str, Any] | None = None
    #: What the reader should know beyond odd values (what is partial, what was counted
    #: once): the source warns them and puts them in ``Provenance.notes``.
    notes: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The warnings the source issues: :meth:`Problems.messages`."""
        return self.problems.messages()
