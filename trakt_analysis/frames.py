"""The :class:`Progress` container and :func:`load_progress`, the loader.

Data flows one way: a source is read into JSON (:mod:`.sources`), a parser
checks it and returns columns (:mod:`._v1`), and this module types those
columns by the schema (:mod:`.schema`) into the three frames.
"""

from __future__ import annotations

import gc
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .errors import TraktDataWarning, TraktSourceError
from .parsers.v1 import ParsedProgress, parse_progress
from .sources.files import Source, describe_source, read_json

__all__ = ["Progress", "frames_from_parsed", "load_progress"]


@dataclass(frozen=True, eq=False)
class Progress:
    """Watched progress as three tidy frames: shows, seasons and episodes.

    Unpacks like a tuple: ``shows, seasons, episodes = ta.load_progress(...)``.

    Attributes
    ----------
    shows : pandas.DataFrame
        One row per show, in the response's order. Columns: :data:`schema.SHOWS`,
        then the show object's extra fields.
    seasons : pandas.DataFrame
        One row per season, listed or hidden, by show then season number.
    episodes : pandas.DataFrame
        One row per episode of every listed season, by show, season, episode.
    user : str or None
        The username, when known.
    """

    shows: pd.DataFrame
    seasons: pd.DataFrame
    episodes: pd.DataFrame
    user: str | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.shows, self.seasons, self.episodes))

    def __len__(self) -> int:
        return 3

    def __getitem__(self, index: int | slice) -> Any:
        """Index like the tuple ``(shows, seasons, episodes)``."""
        return (self.shows, self.seasons, self.episodes)[index]

    def __repr__(self) -> str:
        user = "unknown user" if self.user is None else repr(self.user)
        return (
            f"<Progress of {user}: {len(self.shows)} shows, {len(self.seasons)} seasons, "
            f"{len(self.episodes)} episodes>"
        )

    # Thin wrappers: the logic lives in summary.py, display.py and export.py.
    def summary(self) -> pd.DataFrame:
        """Totals, one row per user: see :func:`trakt_analysis.summary.summarize`."""
        from .analysis.summary import summarize

        return summarize(self.shows)

    def _repr_html_(self) -> str:
        from .report.display import progress_html

        return progress_html(self)

    def to_csv(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write the three frames as CSV files: see :func:`trakt_analysis.export.to_csv`."""
        from .report.tables import to_csv

        return to_csv(self, directory)

    def to_parquet(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write the three frames as Parquet: see :func:`trakt_analysis.export.to_parquet`."""
        from .report.tables import to_parquet

        return to_parquet(self, directory)


def load_progress(source: Source, *, user: str | None = None) -> Progress:
    """Load a ``user/progress/watched`` response into three typed frames.

    Parameters
    ----------
    source : str, os.PathLike, bytes, binary file object or list
        The response: a path to a JSON file (a ``str`` is always a path), the
        JSON as bytes, an open binary file, or the already parsed list.
    user : str, optional
        The username the response belongs to. It fills the ``user`` column of
        every frame (NA when not given), so several users' frames concatenate.

    Returns
    -------
    Progress
        ``.shows``, ``.seasons`` and ``.episodes``; unpacks as a 3-tuple.

    Raises
    ------
    TraktDataError
        The input is not a valid progress response. The message says where:
        the line and column of invalid JSON, or the item, show and field.
    TraktAPIError
        The input is the API's failure body, ``{"status": "failure", ...}``.
    TraktFileError
        A path cannot be read.

    Warns
    -----
    TraktDataWarning
        The data loaded but is inconsistent, e.g. a percentage that disagrees
        with its counts. The warning names the shows.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> shows, seasons, episodes = ta.load_demo()
    >>> shows[["title", "completed", "aired"]].head(2)  # doctest: +SKIP
    """
    if user is not None and not isinstance(user, str):
        raise TraktSourceError(f"user must be a string or None, got {type(user).__name__}")
    label = describe_source(source)
    with _gc_paused():
        parsed = parse_progress(read_json(source), label=label)
    for message in parsed.warnings:
        warnings.warn(f"{label}: {message}", TraktDataWarning, stacklevel=2)
    return frames_from_parsed(parsed, user=user)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a response is parsed.

    Parsing allocates hundreds of thousands of small objects and no cycles;
    without this, the collector rescans them over and over (about 15% of the
    load time of a large response).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def frames_from_parsed(parsed: ParsedProgress, *, user: str | None = None) -> Progress:
    """Type a parser's columns into the three frames of the schema.

    Any source's parser that returns :class:`ParsedProgress` gets the same
    frames; the seasons' ``_item`` and the episodes' ``_season_rank`` columns
    say which show and season each row belongs to.
    """
    cols = parsed.shows
    n_shows = len(cols["title"])
    user_array = pd.array([user] * n_shows, dtype=schema.STR)
    shows = _frame({"user": user_array, **cols}, schema.SHOWS, long=False)

    identity = {name: shows[name].array for name in schema.IDENTITY}
    s_cols = dict(parsed.seasons)
    s_item = s_cols.pop("_item")
    s_cols.pop("_row", None)
    seasons = _frame({**_repeat_identity(identity, s_item), **s_cols}, schema.SEASONS, long=True)

    e_cols = dict(parsed.episodes)
    e_rank = e_cols.pop("_season_rank")
    e_item = s_item[e_rank] if len(e_rank) else np.zeros(0, dtype=np.int64)
    e_cols["season"] = seasons["season"].to_numpy()[e_rank]
    episodes = _frame({**_repeat_identity(identity, e_item), **e_cols}, schema.EPISODES, long=True)
    return Progress(shows, seasons, episodes, user)


def _repeat_identity(identity: dict[str, Any], item: np.ndarray) -> dict[str, Any]:
    """The identity columns repeated for each row of a long frame.

    Text columns become categoricals built from the shows' values, so a
    title costs one integer code per row.
    """
    out: dict[str, Any] = {}
    for name, values in identity.items():
        if name in schema.CATEGORICAL_IN_LONG_FRAMES:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            categories = pd.Index(uniques, dtype=schema.STR)
            out[name] = pd.Categorical.from_codes(
                codes[item].astype(np.int32, copy=False),
                dtype=pd.CategoricalDtype(categories),
            )
        else:
            out[name] = values[item]
    return out


def _frame(columns: dict[str, Any], layout: dict[str, object], *, long: bool) -> pd.DataFrame:
    dtypes = schema.frame_dtypes(layout, long=long)
    data: dict[str, Any] = {}
    for name, dtype in dtypes.items():
        data[name] = pd.Series(columns[name], dtype=dtype, copy=False)
    for name, values in columns.items():  # extra fields, after the schema's columns
        if name not in data:
            data[name] = pd.Series(values, copy=False)
    return pd.DataFrame(data, copy=False)
