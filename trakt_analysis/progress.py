"""The :class:`Progress` container: the frames of one load, and where they came from.

A leaf module: every source returns a :class:`Progress`, and every chart, the
explorer and the report take one, so it imports nothing heavy.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["Progress", "Provenance"]


@dataclass(frozen=True)
class Provenance:
    """Where a :class:`Progress` came from, for reports, charts and messages.

    Attributes
    ----------
    kind : str
        ``"v1"`` (a saved v1 response or the v1 API), ``"v2"`` (API v2),
        ``"export"`` (the account export) or ``"demo"`` (generated demo data).
        :data:`trakt_analysis.schema.FILLED_BY` says which columns each fills.
    label : str
        The file, URL or demo user name; never a secret.
    metadata : str or None
        Where the aired counts and air dates came from when the source lacks
        them, e.g. ``"TVmaze"``; None when the source itself has them (or
        nobody does).
    timezone : str or None
        The IANA time zone of the user's profile, when the source has it.
    notes : tuple of str
        What the reader should know, e.g. why the aired counts are NA.
    """

    kind: str
    label: str
    metadata: str | None = None
    timezone: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Progress:
    """Watched progress as tidy frames: shows, seasons, episodes, and the history.

    Unpacks like a tuple of three: ``shows, seasons, episodes = ta.load_progress(...)``.

    Attributes
    ----------
    shows : pandas.DataFrame
        One row per show. Columns: :data:`~trakt_analysis.schema.SHOWS`, then
        the show object's extra fields.
    seasons : pandas.DataFrame
        One row per season, listed or hidden, by show then season number
        (:data:`~trakt_analysis.schema.SEASONS`).
    episodes : pandas.DataFrame
        One row per episode of every listed season, by show, season, episode
        (:data:`~trakt_analysis.schema.EPISODES`).
    user : str or None
        The username, when known.
    history : pandas.DataFrame or None
        One row per play, newest first (:data:`~trakt_analysis.schema.HISTORY`);
        None for sources without a history (v1).
    provenance : Provenance or None
        Where the data came from.
    ratings : pandas.DataFrame or None
        One row per rating the user gave to a show, season, episode or movie
        (:data:`~trakt_analysis.schema.RATINGS`): from the export's
        ``ratings-*.json`` or API v2's ``/sync/ratings``. Empty when the
        source holds none; None when the source was not asked (v1, or v2
        without ``ratings=True``): unknown, not "rated nothing".
    schedule : pandas.DataFrame or None
        Announced episodes that have not aired yet (:data:`~trakt_analysis.schema.SCHEDULE`),
        from the metadata's episode guide (:meth:`TVmaze.complete
        <trakt_analysis.TVmaze.complete>`); None when no source listed them.
        :func:`~trakt_analysis.upcoming` reads it.
    people : pandas.DataFrame or None
        Cast and crew of the shows (:data:`~trakt_analysis.schema.PEOPLE`), from
        TVmaze with ``ta.TVmaze(people=True)``; None when not fetched.
    """

    shows: pd.DataFrame
    seasons: pd.DataFrame
    episodes: pd.DataFrame
    user: str | None = None
    history: pd.DataFrame | None = None
    provenance: Provenance | None = field(default=None)
    ratings: pd.DataFrame | None = None
    schedule: pd.DataFrame | None = field(default=None)
    people: pd.DataFrame | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.shows, self.seasons, self.episodes))

    def __len__(self) -> int:
        return 3

    def __getitem__(self, index: int | slice) -> Any:
        """Index like the tuple ``(shows, seasons, episodes)``."""
        return (self.shows, self.seasons, self.episodes)[index]

    def __repr__(self) -> str:
        user = "unknown user" if self.user is None else repr(self.user)
        plays = "" if self.history is None else f", {len(self.history)} plays"
        rated = "" if self.ratings is None else f", {len(self.ratings)} ratings"
        return (
            f"<Progress of {user}: {len(self.shows)} shows, {len(self.seasons)} seasons, "
            f"{len(self.episodes)} episodes{plays}{rated}>"
        )

    # Thin wrappers: the logic lives in analysis/ and report/.
    def summary(self) -> pd.DataFrame:
        """Totals, one row per user: see :func:`trakt_analysis.summarize`."""
        from .analysis.summary import summarize

        return summarize(self.shows)

    def totals(self) -> Any:
        """The totals of all shows, every user together: see :func:`trakt_analysis.totals`."""
        from .analysis.summary import totals

        return totals(self.shows)

    def _repr_html_(self) -> str:
        from .report.display import progress_html

        return progress_html(self)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write the frames as CSV files: see :func:`trakt_analysis.report.tables.to_csv`."""
        from .report.tables import to_csv

        return to_csv(self, directory)

    def to_parquet(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write the frames as Parquet: see :func:`trakt_analysis.report.tables.to_parquet`."""
        from .report.tables import to_parquet

        return to_parquet(self, directory)
