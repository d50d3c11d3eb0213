"""Your top actors and creators: the people of the shows you watched, by hours and by shows.

Reads ``Progress.people`` (:data:`~trakt_analysis.schema.PEOPLE`, from
``ta.TVmaze(people=True)``) and the plays per show as :func:`~.breakdown.breakdown`
counts them (the history where the source has one, else the shows' counts).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import schema
from .._docstrings import fill_doc
from ..errors import TraktArgumentError
from ..progress import Progress
from .breakdown import _per_show_from_counts, _per_show_from_history, _progresses, show_positions

__all__ = ["ROLES", "top_people"]

#: ``role`` of :func:`top_people`: actors (with their characters) or the crew (with jobs).
ROLES: tuple[str, ...] = ("cast", "crew")


def _one(progress: Progress, role: str, func: str) -> pd.DataFrame:
    people = progress.people
    if people is None:
        raise TraktArgumentError(
            f"{func}: this progress has no people; fetch them with "
            "metadata=ta.TVmaze(people=True) (cast and crew come with each show's request)"
        )
    if progress.history is not None:
        per_show, attrs = _per_show_from_history(progress, None, None, func)
    else:
        per_show, attrs = _per_show_from_counts(progress)
    credits = people[(people["role"].astype(object) == role).to_numpy(dtype=bool)]
    credits = credits.reset_index(drop=True)
    show = show_positions(credits, progress.shows)
    detail = "character" if role == "cast" else "job"
    key = credits["person_id"].astype("Int64").astype(object)
    key = key.where(key.notna(), "name:" + credits["name"].astype(object).astype(str))
    work = pd.DataFrame(
        {
            "key": key.to_numpy(),
            "name": credits["name"].astype(object).to_numpy(),
            "person_id": credits["person_id"].astype("Int64").to_numpy(),
            "show": show,
            "title": credits["title"].astype(object).to_numpy(),
            "detail": credits[detail].astype(object).to_numpy(),
        }
    )
    work = work[work["show"] >= 0].merge(per_show, left_on="show", right_index=True, how="inner")
    # One credit per person and show (an actor with two characters counts the show once);
    # whole-column group sums, no Python function per group.
    per_credit = work.drop_duplicates(["key", "show"])
    codes, keys = pd.factorize(per_credit["key"], sort=False)
    grouped = per_credit.groupby(codes, sort=True)
    with_detail = work[work["detail"].notna()].drop_duplicates(["key", "detail"])
    out = pd.DataFrame(
        {
            "name": grouped["name"].first().to_numpy(),
            "person_id": grouped["person_id"].first().array,
            "shows": grouped.size().to_numpy(),
            "plays": grouped["plays"].sum().to_numpy(),
            "known": grouped["known"].sum().to_numpy(),
            "minutes": grouped["minutes"].sum().to_numpy(),
            "titles": _lists(codes, per_credit["title"].to_numpy(object), len(keys)),
            detail + "s": _lists(
                keys.get_indexer(with_detail["key"]),
                with_detail["detail"].to_numpy(object),
                len(keys),
            ),
        }
    )
    hours = (out["minutes"] / 60).astype("Float64")
    hours[out["known"] == 0] = pd.NA
    out["hours"] = hours
    out["plays_without_runtime"] = (out["plays"] - out["known"]).astype("int64")
    out.attrs.update(attrs)
    return out


def _lists(codes: np.ndarray, values: np.ndarray, n: int) -> list[list[object]]:
    """The values of each group 0 .. n-1 as a list, in their order (no Python per group call)."""
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n + 1))
    ordered = values[order].tolist()
    return [ordered[bounds[i] : bounds[i + 1]] for i in range(n)]


@fill_doc
def top_people(
    data: Progress | Iterable[Progress],
    *,
    role: str = "cast",
    by: str = "hours",
    top: int | None = 20,
) -> pd.DataFrame:
    """The people whose shows you watched most: actors or crew, by hours or by shows.

    Parameters
    ----------
    data : Progress or list of Progress
        With ``people`` (``ta.load_export(..., metadata=ta.TVmaze(people=True))``);
        one user or several (one Progress each).
    role : {"cast", "crew"}
        Actors (with the characters they play) or the crew (with their jobs).
    by : {"hours", "shows"}
        The ranking; ties go to the other measure, then plays, then the name.
    %(top:People)s

    Returns
    -------
    pandas.DataFrame
        One row per user and person, best first. Columns: ``user``, ``name``,
        ``person_id`` (TVmaze's), ``shows`` (watched shows they are in),
        ``plays`` (of those shows' episodes), ``hours`` (Float64, known
        runtimes; NA when none), ``plays_without_runtime``, ``titles`` (list of
        the shows), ``characters`` (cast) or ``jobs`` (crew) as lists, ``rank``.
        ``attrs["plays_from"]`` says whether plays came from the history.

    Raises
    ------
    TraktArgumentError
        A bad `role`, `by` or `top`, or a progress without people.
    """
    func = "top_people"
    if role not in ROLES:
        raise TraktArgumentError(f"{func}: role must be 'cast' or 'crew', got {role!r}")
    if by not in ("hours", "shows"):
        raise TraktArgumentError(f"{func}: by must be 'hours' or 'shows', got {by!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise TraktArgumentError(f"{func}: top must be a positive integer or None, got {top!r}")
    frames = []
    attrs: dict[str, object] = {}
    for progress in _progresses(data, func):
        frame = _one(progress, role, func)
        attrs = attrs or dict(frame.attrs)
        other = "shows" if by == "hours" else "hours"
        frame = frame.sort_values(
            [by, other, "plays", "name"],
            ascending=[False, False, False, True],
            na_position="last",
            kind="stable",
        ).reset_index(drop=True)
        frame["rank"] = np.arange(1, len(frame) + 1, dtype=np.int64)
        if top is not None:
            frame = frame[frame["rank"] <= top]
        frame.insert(0, "user", progress.user)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    detail = "characters" if role == "cast" else "jobs"
    out = out[
        [
            "user",
            "name",
            "person_id",
            "shows",
            "plays",
            "hours",
            "plays_without_runtime",
            "titles",
            detail,
            "rank",
        ]
    ].astype(
        {
            "user": schema.STR,
            "name": schema.STR,
            "person_id": "Int64",
            "shows": "int64",
            "plays": "int64",
            "hours": "Float64",
        }
    )
    out.attrs.update(attrs)
    return out
