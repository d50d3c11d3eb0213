"""What every parser returns: plain columns for the frames, and warnings to emit.

The contract between the parsers (one per document shape) and
:func:`trakt_analysis.frames.frames_from_parsed` (the one frame builder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ParsedProgress"]


@dataclass
class ParsedProgress:
    """Columns of the frames, each a numpy/pandas array or a list, plus warnings.

    ``shows`` holds one entry per show; ``seasons`` carries ``_item`` (the show's
    row of each season) and ``episodes`` carries ``_season_rank`` (the season's
    row of each episode). A schema column a parser leaves out is filled with NA.
    ``history`` holds the columns of the history frame, or None when the
    document has no history.
    """

    shows: dict[str, Any]
    seasons: dict[str, Any]
    episodes: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    #: Messages that also belong in ``Provenance.notes`` (what is partial or estimated).
    notes: list[str] = field(default_factory=list)
    history: dict[str, Any] | None = None
