"""Parse the user's ratings into the columns of the ratings frame (:data:`schema.RATINGS`).

The same items come from the account export's ``ratings-shows.json``,
``ratings-seasons.json``, ``ratings-episodes.json`` and ``ratings-movies.json``
(``GET /users/{slug}/ratings/{type}``, written ``ratings-movies-2.json`` ... when
paged) and from API v2's ``GET /sync/ratings/{type}``. Each item is one rating::

    {"rated_at": "2024-03-02T21:10:00.000Z", "rating": 9, "type": "episode",
     "episode": {"season": 1, "number": 2, "title": ..., "ids": {...}},
     "show": {"title": ..., "year": ..., "ids": {...}}}

a season carries ``"season": {"number": 1, "ids": {...}}`` and its ``show``; a
show only ``show``; a movie ``"movie": {title, year, ids}``.

Pure: payload in, columns out. The top level must be a list (else
:class:`TraktDataError`); an entry that names nothing (not an object, an
unknown type, no show or movie, an episode without numbers) is left out with
one :class:`TraktDataWarning` naming it by position; an odd value in a kept
entry (a rating outside 1-10, an unparsable time, a bad id) loads as NA with
the same warning.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import schema
from .._warnings import warn
from ..errors import TraktDataError, TraktDataWarning
from ._checks import BadValue, count, short
from .history import _watched_at, parse_ids

__all__ = ["parse_ratings"]

_MAX_WARNINGS = 10
_MAX_NUMBER = 10**6


def parse_ratings(data: object, *, label: str) -> dict[str, Any]:
    """Check rating items and return the columns of the ratings frame.

    Parameters
    ----------
    data : object
        The parsed JSON: a list of rated items, as one ``ratings-*.json``
        export file or one page of ``/sync/ratings`` sends it.
    label : str
        Names the source (file or URL) in messages.

    Returns
    -------
    dict of str to array
        The columns of :data:`trakt_analysis.schema.RATINGS` except ``user``,
        one value per kept entry, in the input's order. ``rated_at`` is UTC,
        ``rating`` an integer 1-10 (NA when the value was outside that range).

    Raises
    ------
    TraktDataError
        `data` is not a list.

    Warns
    -----
    TraktDataWarning
        Entries left out or holding an odd value, named by position and title.
    """
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of rated items at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    columns: dict[str, list[Any]] = {name: [] for name in schema.RATINGS if name != "user"}
    problems: list[str] = []
    for index, entry in enumerate(data):
        row, notes = _entry(index, entry)
        problems.extend(notes)
        if row is None:
            continue
        for name, values in columns.items():
            values.append(row.get(name))
    if problems:
        shown = problems[:_MAX_WARNINGS]
        more = f"; ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        warn(f"{label}: " + "; ".join(shown) + more, TraktDataWarning)
    out: dict[str, Any] = {}
    for name, values in columns.items():
        if name == "rated_at":
            times, bad = _watched_at(values)
            if bad:
                warn(
                    f"{label}: {len(bad)} rated_at value(s) that are no time loaded as NaT "
                    f"(first: {short(values[bad[0][0]])})",
                    TraktDataWarning,
                )
            out[name] = times
        else:
            out[name] = pd.array(values, dtype=schema.RATINGS[name])
    return out


def _entry(index: int, entry: object) -> tuple[dict[str, Any] | None, list[str]]:
    where = f"entry {index}"
    if type(entry) is not dict:
        return None, [f"{where}: expected an object, got {short(entry)}; left out"]
    kind = entry.get("type")
    if kind is None:  # infer it, as a file of one type may omit it
        kind = next((k for k in ("episode", "season", "movie", "show") if k in entry), None)
    if kind not in schema.RATING_TYPES:
        return None, [f"{where}: unknown type {short(kind)}; left out"]
    owner = entry.get("movie" if kind == "movie" else "show")
    if type(owner) is not dict:
        what = "movie" if kind == "movie" else "show"
        return None, [f"{where}: a {kind} rating without its {what}; left out"]
    title = owner.get("title")
    notes: list[str] = []
    if title is not None and type(title) is not str:
        notes.append(f"title: expected a string, got {short(title)}")
        title = None
    where = f"{where} ({short(title)})" if title is not None else where
    row: dict[str, Any] = {"type": kind, "title": title}
    ids, id_problems = parse_ids(owner.get("ids"))
    notes.extend(id_problems)
    row.update(ids)
    try:
        row["year"] = count(owner.get("year"), allow_str=True)
    except BadValue as exc:
        notes.append(f"year: {exc}")
    if kind in ("season", "episode"):
        part = entry.get(kind)
        if type(part) is not dict:
            return None, [f"{where}: a {kind} rating without its {kind}; left out"]
        try:
            season = count(part.get("season") if kind == "episode" else part.get("number"))
            number = count(part.get("number")) if kind == "episode" else None
        except BadValue as exc:
            return None, [f"{where}: {kind} number: {exc}; left out"]
        if season is None or (kind == "episode" and number is None):
            return None, [f"{where}: the {kind} has no season or number; left out"]
        if max(season, number or 0) > _MAX_NUMBER:
            return None, [f"{where}: implausible {kind} number; left out"]
        row["season"], row["episode"] = season, number
        if kind == "episode":
            episode_title = part.get("title")
            row["episode_title"] = episode_title if type(episode_title) is str else None
            part_ids = part.get("ids")
            if type(part_ids) is dict:
                try:
                    row["episode_trakt_id"] = count(part_ids.get("trakt"), allow_str=True) or None
                except BadValue as exc:
                    notes.append(f"episode.ids.trakt: {exc}")
    rating = entry.get("rating")
    if type(rating) is int and 1 <= rating <= 10:
        row["rating"] = rating
    else:
        notes.append(f"rating {short(rating)} is not 1-10; loaded as NA")
    rated_at = entry.get("rated_at")
    if rated_at is not None and type(rated_at) is not str:
        notes.append(f"rated_at: expected a time, got {short(rated_at)}")
        rated_at = None
    row["rated_at"] = rated_at
    return row, [f"{where}: " + "; ".join(notes)] if notes else []
