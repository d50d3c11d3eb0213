"""Progress as the account export gives it, made from a demo user (until tests use the export).

The export holds what was watched, not what aired: the watched episode rows
only, and NA aired, left, percentage, completion, next episode and the
viewer's fields (what ``schema.FILLED_BY["export"]`` says it fills).
"""

from __future__ import annotations

from pathlib import Path

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


DEMO_EXPORT = (
    Path(__file__).resolve().parents[2] / "data" / "fixtures" / "export" / "demo-export.zip"
)


def load_demo_export(**kwargs) -> Progress:
    """``ta.load_export`` on the shipped demo export, whose only warning is expected.

    trakt.tv's exporter pages the history by offset, so one entry is in two parts:
    the loader counts it once and says so in a ``TraktDataWarning``.
    """
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        progress = ta.load_export(DEMO_EXPORT, **kwargs)
    unexpected = [
        str(w.message)
        for w in caught
        if not (issubclass(w.category, ta.TraktDataWarning) and "listed twice" in str(w.message))
    ]
    assert not unexpected, unexpected
    return progress


def write_export_without_aired_counts(path: Path) -> Path:
    """The demo export without ``show.aired_episodes`` (a source with no aired counts at all).

    Written as a ZIP at `path`; the history and everything else as the demo export has them.
    """
    import zipfile

    import orjson

    from trakt_analysis.demo.export import export_members

    members = export_members("demo")
    shows = orjson.loads(members["watched-shows.json"])
    for item in shows:
        item["show"].pop("aired_episodes", None)
    members["watched-shows.json"] = orjson.dumps(shows)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path
