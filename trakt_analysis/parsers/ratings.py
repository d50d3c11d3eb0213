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
unknown type, no show or movie, an episode without numbers) is left out, and
an odd value in a kept entry (a rating outside 1-10, an unparsable time, a bad
id) loads as NA; each is recorded in the parse's
:class:`~._problems.Problems`, named by position and title, and the source
issues the warnings.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import schema
from .._warnings import warn
from ..errors import TraktDataError, TraktDataWarning
from ._checks import BadValue, count, short
from ._problems import Problems
from .history import _watched_at, parse_ids

__all__ = ["parse_ratings"]

_MAX_NUMBER = 10**6


def parse_ratings(data: object, *, label: str, problems: Problems | None = None) -> dict[str, Any]:
    """Check rating items and return the columns of the ratings frame.

    Parameters
    ----------
    data : object
        The parsed JSON: a list of rated items, as one ``ratings-*.json``
        export file or one page of ``/sync/ratings`` sends it.
    label : str
        Names the source (file or URL) in messages.
    problems : Problems, optional
        Where entries left out or holding an odd value are recorded, each named
        by its position in `data` and its title; the caller issues them as
        warnings. Without one, they are warned here (one
        :class:`TraktDataWarning` per entry, as :func:`trakt_analysis.sources._issue.issue`
        does), for callers that pass none yet.

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
        Only without `problems`: entries left out or holding an odd value.
    """
    if type(data) is not list:
        raise TraktDataError(
            f"{label}: expected a JSON list of rated items at the top level, "
            f"got {type(data).__name__} {short(data)}"
        )
    own = problems is None
    if problems is None:  # a caller that passes no collector yet: warned below
        problems = Problems(label)
    columns: dict[str, list[Any]] = {name: [] for name in schema.RATINGS if name != "user"}
    places: list[tuple[str, int]] = []  # each kept row's place, for rated_at's problems
    for index, entry in enumerate(data):
        row, where = _entry(index, entry, problems)
        if row is None:
            continue
        places.append((where, index))
        for name, values in columns.items():
            values.append(row.get(name))
    out: dict[str, Any] = {}
    for name, values in columns.items():
        if name == "rated_at":
            times, bad = _watched_at(values)
            for i, what in bad:
                where, index = places[i]
                problems.odd(
                    where, f"rated_at {short(values[i])} {what}", then="loaded as NaT", order=index
                )
            out[name] = times
        else:
            out[name] = pd.array(values, dtype=schema.RATINGS[name])
    if own:
        for message in problems.messages():
            warn(message, TraktDataWarning)
    return out


def _entry(index: int, entry: object, problems: Problems) -> tuple[dict[str, Any] | None, str]:
    """One rating's row (None when it is left out) and the place that names it."""
    where = f"entry {index}"

    def left_out(what: str) -> tuple[None, str]:
        problems.odd(where, what, then="left out", order=index)
        return None, where

    if type(entry) is not dict:
        return left_out(f"expected an object, got {short(entry)}")
    kind = entry.get("type")
    if kind is None:  # infer it, as a file of one type may omit it
        kind = next((k for k in ("episode", "season", "movie", "show") if k in entry), None)
    if kind not in schema.RATING_TYPES:
        return left_out(f"unknown type {short(kind)}")
    owner = entry.get("movie" if kind == "movie" else "show")
    if type(owner) is not dict:
        what = "movie" if kind == "movie" else "show"
        return left_out(f"a {kind} rating without its {what}")
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
            return left_out(f"a {kind} rating without its {kind}")
        try:
            season = count(part.get("season") if kind == "episode" else part.get("number"))
            number = count(part.get("number")) if kind == "episode" else None
        except BadValue as exc:
            return left_out(f"{kind} number: {exc}")
        if season is None or (kind == "episode" and number is None):
            return left_out(f"the {kind} has no season or number")
        if max(season, number or 0) > _MAX_NUMBER:
            return left_out(f"implausible {kind} number")
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
        notes.append(f"rating {short(rating)} is not 1-10")
    for note in notes:
        problems.odd(where, note, order=index)
    rated_at = entry.get("rated_at")
    if rated_at is not None and type(rated_at) is not str:
        problems.odd(
            where,
            f"rated_at: expected a time, got {short(rated_at)}",
            then="loaded as NaT",
            order=index,
        )
        rated_at = None
    row["rated_at"] = rated_at
    return row, where
