"""Provenance notes more than one source writes or reads (one text, one place)."""

from __future__ import annotations

__all__ = ["EXPORT_AIRED_NA"]

#: The export's note that its aired counts are unknown; a metadata provider
#: that fills them (TVmaze) removes it.
EXPORT_AIRED_NA = (
    "The account export has no aired counts: aired, left, percentage, completion and "
    "the next episode are NA (unknown, not 0). To fill them from TVmaze, pass "
    "metadata=ta.TVmaze() to load_export (on the command line: --metadata tvmaze)."
)
