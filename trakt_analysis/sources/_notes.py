"""Provenance notes more than one source writes or reads (one text, one place)."""

from __future__ import annotations

__all__ = ["EXPORT_AIRED_NA"]

#: The export's note that its aired counts are unknown; a metadata provider
#: that fills them (TVmaze) removes it.
EXPORT_AIRED_NA = (
    "The account export has aired counts per show only (Trakt's show.aired_episodes): "
    "seasons' aired counts, air dates and the next episode are NA (unknown, not 0), and so "
    "are a show's when it has a hidden season or specials are counted. To fill them from "
    "TVmaze, pass metadata=ta.TVmaze() to load_export (on the command line: --metadata tvmaze)."
)
