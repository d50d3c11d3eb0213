"""What you watch, broken down by genre, network, country, language, decade, type or status.

Trakt shows these "all-time stats" to its VIP members; here they come from any
source whose shows frame carries the show metadata
(:data:`~trakt_analysis.schema.SHOW_METADATA`: API v1 ``extended=full``, API
v2's watched list (:class:`~trakt_analysis.TraktAPI` asks ``extended=full``), or
TVmaze as ``metadata=ta.TVmaze()``).

Counting rules
--------------
- Plays come from the history (``Progress.history``: one row per play, movies
  left out) where the source has one; else from the shows frame's ``plays``
  (v1), and ``attrs["plays_from"]`` says which (``"history"`` or ``"shows"``).
- Hours are the known runtimes' sum (the history's per play; from the shows
  frame, each show's typical ``runtime`` times its plays, an estimate, said in
  ``attrs["hours_from"]``); ``plays_without_runtime`` counts the plays the hours
  lack, as in :func:`~trakt_analysis.watch_time`. Hours are NA, never 0, when
  no play of the row has a known runtime.
- A show in three genres counts in each of the three rows: the genre shares
  then add up to more than 100%. Every other field has one value per show.
- Shows without the field (and plays of shows the shows frame does not list)
  are one ``"unknown"`` row, never dropped; it comes last.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..errors import TraktArgumentError
from ..progress import Progress
from .history import _runtime, plays_in_year, watched_at

__all__ = ["BREAKDOWNS", "UNKNOWN", "breakdown", "show_positions", "show_values"]

#: ``by`` of :func:`breakdown` -> the shows frame's column it reads.
BREAKDOWNS: dict[str, str] = {
    "genre": "genres",
    "network": "network",
    "country": "country",
    "language": "language",
    "decade": "premiered_year",
    "type": "show_type",
    "status": "status",
}
#: The label of the row of shows without the field.
UNKNOWN = "unknown"

_COLUMNS = (
    "user",
    "shows",
    "episodes",
    "plays",
    "hours",
    "plays_without_runtime",
    "shows_share",
    "plays_share",
    "hours_share",
)


def _check_by(by: object, func: str) -> str:
    if by not in BREAKDOWNS:
        raise TraktArgumentError(
            f"{func}: by must be one of {', '.join(map(repr, BREAKDOWNS))}, got {by!r}"
        )
    return str(by)


def _progresses(data: object, func: str) -> list[Progress]:
    if isinstance(data, Progress):
        return [data]
    if isinstance(data, Iterable) and not isinstance(data, str | bytes | pd.DataFrame):
        items = list(data)
        if items and all(isinstance(p, Progress) for p in items):
            return items
    raise TraktArgumentError(
        f"{func}: expected a Progress (or a list of them, one per user), got {type(data).__name__}"
    )


def show_values(shows: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per show and value of the field `by`: ``show`` (position) and ``value``.

    A show with several genres has one row per genre; a show without the field
    one row with :data:`UNKNOWN`. Decades are labelled ``"1990s"``, from
    ``premiered_year``, else the show's ``year``.
    """
    by = _check_by(by, "show_values")
    column = BREAKDOWNS[by]
    n = len(shows)
    positions = np.arange(n, dtype=np.int64)
    if column not in shows.columns:
        values = pd.Series([None] * n, dtype=object)
    else:
        values = shows[column].reset_index(drop=True)
    if by == "genre":
        cells = [
            list(v) if isinstance(v, list | tuple | np.ndarray) and len(v) else [UNKNOWN]
            for v in values.astype(object)
        ]
        lengths = np.fromiter((len(c) for c in cells), dtype=np.int64, count=n)
        flat = [g for cell in cells for g in cell]
        return pd.DataFrame(
            {"show": np.repeat(positions, lengths), "value": pd.Series(flat, dtype=object)}
        )
    if by == "decade":
        years = pd.to_numeric(values, errors="coerce").astype("Float64")
        if "year" in shows.columns:
            fallback = pd.to_numeric(shows["year"].reset_index(drop=True), errors="coerce")
            years = years.fillna(fallback.astype("Float64"))
        decade = (years // 10 * 10).astype("Int64")
        labels = decade.astype(object).map(lambda d: UNKNOWN if pd.isna(d) else f"{d}s")
        return pd.DataFrame({"show": positions, "value": labels.astype(object)})
    labels = values.astype(object).where(values.notna(), UNKNOWN)
    labels = labels.map(lambda v: v if not isinstance(v, str) or v.strip() else UNKNOWN)
    return pd.DataFrame({"show": positions, "value": labels.astype(object)})


def _id_numbers(values: pd.Series) -> np.ndarray:
    """Ids as floats (NaN where NA); a categorical column is read by its few categories."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = pd.to_numeric(values.cat.categories.to_series(), errors="coerce")
        per_category = categories.to_numpy(dtype=float, na_value=np.nan)
        codes = values.cat.codes.to_numpy()
        out = np.full(len(values), np.nan)
        out[codes >= 0] = per_category[codes[codes >= 0]]
        return out
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _keys(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["title"].astype(object).astype(str)
        + "\x00"
        + frame["year"].astype("Int64").astype(str)
    )


def show_positions(history: pd.DataFrame, shows: pd.DataFrame) -> np.ndarray:
    """Each history row's show as its position in `shows`; -1 where `shows` lacks it.

    Matched by Trakt id, else by title and year (v1 frames have no Trakt id).
    """
    out = np.full(len(history), -1, dtype=np.int64)
    if not len(history) or not len(shows):
        return out
    shows = shows.reset_index(drop=True)
    if "trakt_id" in shows.columns and "trakt_id" in history.columns:
        index = pd.Index(_id_numbers(shows["trakt_id"]))
        wanted = _id_numbers(history["trakt_id"])
        found = index.get_indexer(wanted) if index.is_unique else _first_of(index, wanted)
        out = np.where(np.isnan(wanted), -1, found).astype(np.int64)
    missing = out < 0
    if missing.any() and {"title", "year"} <= set(history.columns):
        keys = pd.Index(_keys(shows))
        wanted_keys = _keys(history[missing])
        found = keys.get_indexer(wanted_keys) if keys.is_unique else _first_of(keys, wanted_keys)
        out[missing] = found
    return out


def _first_of(index: pd.Index, wanted: object) -> np.ndarray:
    """Positions in `index` (its first occurrence of each value), -1 where absent."""
    first = pd.Series(np.arange(len(index)), index=index)
    first = first[~first.index.duplicated()]
    positions = pd.Index(first.index).get_indexer(wanted)
    values = first.to_numpy()
    return np.where(positions >= 0, values[np.maximum(positions, 0)], -1).astype(np.int64)


def _per_show_from_history(
    progress: Progress, year: int | None, tz: object, func: str
) -> tuple[pd.DataFrame, dict[str, Any]]:
    history = progress.history
    assert history is not None
    attrs: dict[str, Any] = {"plays_from": "history", "hours_from": "history"}
    if year is not None:
        history = plays_in_year(progress, year, tz=tz)
        attrs["timezone"] = history.attrs.get("timezone")
    # Only the columns read: filtering every column of 100,000 rows costs more than the rest.
    wanted = ["trakt_id", "title", "year", "type", "season", "episode", "runtime", "watched_at"]
    history = history[[c for c in wanted if c in history.columns]].reset_index(drop=True)
    if "type" in history.columns:
        kinds = history["type"]
        is_episode = (
            (kinds.cat.codes == kinds.cat.categories.get_loc("episode")).to_numpy()
            if isinstance(kinds.dtype, pd.CategoricalDtype) and "episode" in kinds.cat.categories
            else (kinds.astype(object) == "episode").to_numpy(dtype=bool)
        )
        history = history[is_episode].reset_index(drop=True)
    show = show_positions(history, progress.shows)
    minutes = _runtime(history)
    season = pd.to_numeric(history.get("season"), errors="coerce")
    episode = pd.to_numeric(history.get("episode"), errors="coerce")
    work = pd.DataFrame(
        {
            "show": show,
            "season": np.zeros(len(history)) if season is None else season.to_numpy(float),
            "episode": np.zeros(len(history)) if episode is None else episode.to_numpy(float),
            "minutes": minutes,
        }
    )
    grouped = work.groupby("show", sort=True)
    per_show = pd.DataFrame(
        {
            "plays": grouped.size(),
            "known": grouped["minutes"].count(),
            "minutes": grouped["minutes"].sum(),
            "episodes": work.drop_duplicates(["show", "season", "episode"]).groupby("show").size(),
        }
    )
    per_show["plays_unknown"] = 0
    if year is not None:
        attrs["plays_without_time"] = int(watched_at(history, func).isna().sum())
    return per_show, attrs


def _per_show_from_counts(progress: Progress) -> tuple[pd.DataFrame, dict[str, Any]]:
    shows = progress.shows.reset_index(drop=True)
    plays = pd.to_numeric(shows.get("plays"), errors="coerce").astype("Float64")
    runtime = pd.to_numeric(shows.get("runtime"), errors="coerce").astype("Float64")
    runtime = runtime.where(runtime > 0)
    completed = pd.to_numeric(shows.get("completed"), errors="coerce").astype("Float64")
    known_plays = plays.fillna(0)
    has_runtime = runtime.notna()
    per_show = pd.DataFrame(
        {
            "plays": known_plays.to_numpy(float),
            "known": known_plays.where(has_runtime, 0).to_numpy(float),
            "minutes": (known_plays * runtime).fillna(0).to_numpy(float),
            "episodes": completed.fillna(0).to_numpy(float),
            "plays_unknown": plays.isna().to_numpy(int),
        },
        index=pd.RangeIndex(len(shows), name="show"),
    )
    # A show with no play is no show watched.
    per_show = per_show[(per_show["plays"] > 0) | (per_show["plays_unknown"] > 0)]
    attrs = {"plays_from": "shows", "hours_from": "shows' runtime x plays (an estimate)"}
    return per_show, attrs


def _per_show(
    progress: Progress, year: int | None, tz: object, func: str
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Plays, runtimes and episodes per show: the part of a breakdown every `by` shares."""
    if progress.history is not None:
        return _per_show_from_history(progress, year, tz, func)
    if year is not None:
        raise TraktArgumentError(
            f"{func}: year= needs the history (when each play was), which this source "
            "lacks (API v1); load the account export or use API v2"
        )
    return _per_show_from_counts(progress)


def _one(progress: Progress, by: str, year: int | None, tz: object, func: str) -> pd.DataFrame:
    return _table(progress, by, *_per_show(progress, year, tz, func))


def _table(
    progress: Progress, by: str, per_show: pd.DataFrame, attrs: dict[str, Any]
) -> pd.DataFrame:
    """The breakdown of one user's `per_show` by `by` (columns as :func:`breakdown`'s)."""
    values = show_values(progress.shows, by)
    unlisted = pd.DataFrame({"show": [-1], "value": [UNKNOWN]})  # plays of unlisted shows
    rows = pd.concat([values, unlisted], ignore_index=True).merge(
        per_show, left_on="show", right_index=True, how="inner"
    )
    grouped = rows.groupby("value", sort=False)
    out = pd.DataFrame(
        {
            "shows": grouped["show"].nunique(),
            "episodes": grouped["episodes"].sum(),
            "plays": grouped["plays"].sum(),
            "known": grouped["known"].sum(),
            "minutes": grouped["minutes"].sum(),
        }
    )
    # Shows of plays the shows frame lacks (-1) are counted once per distinct title.
    totals = {
        "shows": float(len(per_show)),
        "plays": float(per_show["plays"].sum()),
        "minutes": float(per_show["minutes"].sum()),
        "known": float(per_show["known"].sum()),
    }
    hours = (out["minutes"] / 60).astype("Float64")
    hours[out["known"] == 0] = pd.NA
    frame = pd.DataFrame(
        {
            "value": out.index.astype(object),
            "shows": out["shows"].astype("int64").to_numpy(),
            "episodes": out["episodes"].astype("int64").to_numpy(),
            "plays": out["plays"].astype("int64").to_numpy(),
            "hours": hours.to_numpy(),
            "plays_without_runtime": (out["plays"] - out["known"]).astype("int64").to_numpy(),
        }
    )
    frame["shows_share"] = _share(frame["shows"], totals["shows"])
    frame["plays_share"] = _share(frame["plays"], totals["plays"])
    frame["hours_share"] = _share(frame["hours"], totals["minutes"] / 60 if totals["known"] else 0)
    frame = _order(frame, by)
    user = progress.user
    if user is None and "user" in progress.shows.columns and len(progress.shows):
        first = progress.shows["user"].iloc[0]
        user = None if pd.isna(first) else str(first)
    frame.insert(0, "user", pd.Series([user] * len(frame), dtype=schema.STR))
    frame.attrs.update(attrs)
    frame.attrs["plays_of_unlisted_shows"] = (
        int(per_show.loc[[-1], "plays"].sum()) if -1 in per_show.index else 0
    )
    # Each play once: a play of a show in three genres is in three rows' counts.
    frame.attrs["plays_without_runtime"] = int(totals["plays"] - totals["known"])
    return frame


def _share(values: pd.Series, total: float) -> pd.Series:
    if not total:
        return pd.Series(pd.NA, index=values.index, dtype="Float64")
    return (values.astype("Float64") / total).astype("Float64")


def _order(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    unknown = frame["value"] == UNKNOWN
    known = frame[~unknown]
    if by == "decade":
        known = known.sort_values("value", kind="stable")
    else:
        known = known.sort_values(
            ["hours", "plays", "value"], ascending=[False, False, True], na_position="last"
        )
    return pd.concat([known, frame[unknown]], ignore_index=True)


def breakdown(
    data: Progress | Iterable[Progress],
    by: str,
    *,
    year: int | None = None,
    tz: object = None,
) -> pd.DataFrame:
    """Shows, episodes, plays and hours per genre, network, country, language, decade, ...

    Parameters
    ----------
    data : Progress or list of Progress
        One user's progress, or several users' (one Progress each). The shows
        frame needs the metadata columns
        (:data:`~trakt_analysis.schema.SHOW_METADATA`): from API v1 or v2
        ``extended=full``, or ``metadata=ta.TVmaze()``; without them every show
        is ``"unknown"``.
    by : {"genre", "network", "country", "language", "decade", "type", "status"}
        The field (:data:`BREAKDOWNS`). ``"network"`` is the TV network or the
        streaming service; ``"decade"`` the decade the show premiered
        (``"1990s"``); ``"type"`` TVmaze's show type (``"scripted"``, ...).
    year : int, optional
        Only plays in this year, in local time (needs a history).
    tz : str, optional
        IANA time zone of `year` (default: the profile's, else the machine's).

    Returns
    -------
    pandas.DataFrame
        One row per user and value, by user, then hours (most first; decades
        in order), with ``"unknown"`` last. Columns: ``user``, `by` (the
        value), ``shows`` (shows with a play), ``episodes`` (distinct episodes
        played), ``plays``, ``hours`` (Float64, known runtimes; NA when no play
        has one), ``plays_without_runtime``, and ``shows_share``,
        ``plays_share``, ``hours_share`` (fractions of the user's totals; a
        show in several genres counts in each, so genre shares add up to more
        than 1; ``hours_share`` is of the known hours). ``attrs``:
        ``plays_from`` (``"history"`` or ``"shows"``), ``hours_from``,
        ``plays_without_runtime`` (the plays the hours leave out, each
        once, all users), ``by``, and with `year` ``timezone``.

    Raises
    ------
    TraktArgumentError
        Unknown `by`, a `year` that is not an int, `year` without a history, or
        `data` that is not a Progress.

    Examples
    --------
    >>> ta.breakdown(progress, "genre").head()  # doctest: +SKIP
    >>> progress.shows.explode("genres")  # one row per show and genre  # doctest: +SKIP
    """
    func = "breakdown"
    by = _check_by(by, func)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int | np.integer)):
        raise TraktArgumentError(f"{func}: year must be an int or None, got {year!r}")
    frames = [
        _one(p, by, None if year is None else int(year), tz, func) for p in _progresses(data, func)
    ]
    return _joined(frames, by)


def _joined(frames: list[pd.DataFrame], by: str) -> pd.DataFrame:
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out = out.rename(columns={"value": by})
    out = out[["user", by, *_COLUMNS[1:]]]
    out.attrs = dict(frames[0].attrs)
    out.attrs["plays_without_runtime"] = sum(f.attrs["plays_without_runtime"] for f in frames)
    out.attrs["by"] = by
    return out


def breakdowns(progress: Progress, bys: Iterable[str]) -> dict[str, pd.DataFrame]:
    """:func:`breakdown` of one user's `progress` by each of `bys`, all time.

    The same frames as one :func:`breakdown` call per `by`; the plays per
    show, which every `by` shares, are computed once (the report's all-time
    section asks for five).

    Raises
    ------
    TraktArgumentError
        An unknown `by`.
    """
    func = "breakdown"
    checked = [_check_by(by, func) for by in bys]
    if not isinstance(progress, Progress):
        raise TraktArgumentError(f"{func}: expected a Progress, got {type(progress).__name__}")
    per_show, attrs = _per_show(progress, None, None, func)
    return {by: _joined([_table(progress, by, per_show, dict(attrs))], by) for by in checked}
