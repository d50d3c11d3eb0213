"""Progress as the account export gives it, made from a demo user (until tests use the export).

The export holds what was watched, not what aired: the watched episode rows
only, and NA aired, left, percentage, completion, next episode and the
viewer's fields (what ``schema.FILLED_BY["export"]`` says it fills).
"""

from __future__ import annotations

import pandas as pd

import trakt_analysis as ta
from trakt_analysis.progress import Progress, Provenance

NA_SHOW_COLUMNS = (
    "aired",
    "left",
    "percentage",
    "completion",
    "next_season",
    "next_number",
    "next_title",
    "next_first_aired",
)


def export_like(user: str = "demo") -> Progress:
    """``ta.load_demo(user)`` with only what an export has."""
    shows, seasons, episodes = ta.load_demo(user)
    shows = shows.copy()
    for column in (*NA_SHOW_COLUMNS, *ta.schema.VIEWER):
        shows[column] = pd.Series(pd.NA, index=shows.index, dtype=shows[column].dtype)
    seasons = seasons.copy()
    for column in ("aired", "left", "percentage", "completion"):
        seasons[column] = pd.Series(pd.NA, index=seasons.index, dtype=seasons[column].dtype)
    episodes = episodes[episodes["watched"]].reset_index(drop=True)
    provenance = Provenance(kind="export", label="<demo>")
    return Progress(shows, seasons, episodes, user, provenance=provenance)
