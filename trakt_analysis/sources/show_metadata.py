"""Fill the shows frame's metadata columns (:data:`schema.SHOW_METADATA`) from a provider.

The source's own values (Trakt's ``extended=full`` fields) come first; a
provider such as TVmaze fills only what they leave NA, so one show never
mixes two sources in one column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import schema

__all__ = ["fill_show_metadata", "people_frame"]


def fill_show_metadata(
    shows: pd.DataFrame, values: Mapping[int, Mapping[str, Any]]
) -> pd.DataFrame:
    """A copy of `shows` with NA metadata filled from `values`.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame.
    values : mapping of int to mapping
        Row position -> :data:`~trakt_analysis.schema.SHOW_METADATA` values
        (e.g. :func:`~trakt_analysis.parsers.show_metadata.parse_tvmaze_show`'s);
        None where the provider does not know.

    Returns
    -------
    pandas.DataFrame
        `shows`, each metadata column typed by the schema, NA cells filled.
    """
    shows = shows.copy()
    n = len(shows)
    for name, dtype in schema.SHOW_METADATA.items():
        if name in shows.columns:
            current = shows[name]
        else:
            current = pd.Series([None] * n, index=shows.index, dtype=object)
        if dtype == "object":
            cells = np.fromiter(current, dtype=object, count=n)
            for position, row in values.items():
                if _missing(cells[position]) and row.get(name) is not None:
                    cells[position] = list(row[name])
            shows[name] = [None if _missing(c) else c for c in cells]
            shows[name] = shows[name].astype(object)
            continue
        filler = [None] * n
        for position, row in values.items():
            filler[position] = row.get(name)
        typed = current.astype(dtype)
        shows[name] = typed.fillna(pd.Series(filler, index=shows.index).astype(dtype))
    return shows


def _missing(cell: object) -> bool:
    if isinstance(cell, list | tuple | np.ndarray):
        return len(cell) == 0
    return cell is None or bool(pd.isna(cell))


def people_frame(
    shows: pd.DataFrame, credits: Mapping[int, Sequence[Mapping[str, Any]]]
) -> pd.DataFrame:
    """The people frame (:data:`schema.PEOPLE`): each show's credits beside its identity.

    Parameters
    ----------
    shows : pandas.DataFrame
        The shows frame, for the identity columns.
    credits : mapping of int to list of dict
        Row position -> the show's credits (``role``, ``person_id``, ``name``,
        ``character``, ``job``), e.g. from
        :func:`~trakt_analysis.parsers.people.parse_tvmaze_people`.
    """
    shows = shows.reset_index(drop=True)
    positions = [p for p, rows in credits.items() for _ in rows]
    flat = [row for rows in credits.values() for row in rows]
    data: dict[str, Any] = {}
    for name, dtype in schema.PEOPLE.items():
        if name in schema.IDENTITY:
            column = shows[name] if name in shows.columns else pd.Series([None] * len(shows))
            data[name] = column.iloc[positions].astype(dtype).array
        else:
            data[name] = pd.array([row.get(name) for row in flat], dtype=dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(len(flat)))
