"""The second half of the v1 parser: the walked or gathered fields become frame columns.

:func:`build` reads what the full walk or the typed path left in the
:class:`~.state.V1State` (the shows' values, the season objects, the episodes'
flags) and checks and types them a column at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd

from ... import schema
from ...errors import TraktDataError
from .._checks import (
    completion,
    id_array,
    int_array,
    locate,
    masked_na,
    short,
    str_array,
    unix_times,
)
from .._consistency import find_inconsistencies, season_totals
from ..parsed import ParsedProgress
from .fields import (
    _EXTRA_OBJECTS,
    _MAX_NUMBER,
    _PROGRESS_KEYS,
    _SEASON_CORE,
    _SEASON_CORE_SET,
    _STATS_KEYS,
    _VIEWER_KEYS,
)
from .state import V1State


def build(state: V1State) -> ParsedProgress:
    """The columns of the three frames, and the warnings, from a walked or gathered `state`."""
    titles = state.titles
    n_shows = len(titles)

    def show_at(path: str) -> Callable[[int], str]:
        return lambda i: locate(i, titles[i], path)

    def odd(path: str) -> Callable[[int, str], None]:
        return lambda i, what: state.report(i, path, what)

    shows: dict[str, Any] = {}
    shows["title"] = str_array(titles)
    shows["year"] = int_array(
        state.show["year"], show_at("show.year"), allow_str=True, report=odd("show.year")
    )
    shows["imdb_id"] = str_array(state.show["imdb_id"])
    for key in ("tvdb_id", "tvrage_id"):
        shows[key] = id_array(state.show[key], show_at(f"show.{key}"), report=odd(f"show.{key}"))
    for key in _PROGRESS_KEYS:
        shows[key] = int_array(
            state.show[key], show_at(f"progress.{key}"), report=odd(f"progress.{key}")
        )
    shows["completion"] = completion(shows["completed"], shows["aired"])
    for key in _STATS_KEYS:
        shows[key] = int_array(state.show[key], show_at(f"stats.{key}"), report=odd(f"stats.{key}"))
    for key in ("season", "number"):
        path = f"next_episode.{key}"
        shows[f"next_{key}"] = int_array(state.next[key], show_at(path), report=odd(path))
    shows["next_title"] = str_array(state.next["title"])
    shows["next_first_aired"] = unix_times(
        state.next["aired"],
        show_at("next_episode.first_aired"),
        report=lambda i, what: state.report(i, f"next_episode.{state.next['aired_key'][i]}", what),
    )
    for key in _VIEWER_KEYS:
        dtype = schema.SHOWS[f"viewer_{key}"]
        values = state.viewer[key]
        if values.count(None) == n_shows and dtype in ("boolean", "Int64"):  # none sent
            values = masked_na(pd.api.types.pandas_dtype(dtype), n_shows)
        shows[f"viewer_{key}"] = pd.array(values, dtype=dtype)
    for kind, (prefix, skip) in _EXTRA_OBJECTS.items():
        rows, objs = state.extra_objs[kind]
        # A kind every show has (rows increase, one per show) is range(n): no reindexing.
        state.extras.add(range(n_shows) if len(rows) == n_shows else rows, prefix, objs, skip)
    shows.update(state.extras.build(n_shows, collision_prefix="show_"))

    seasons, order = build_seasons(state)
    episodes = build_episodes(state, order)
    episodes["runtime"] = _episode_runtimes(shows.get("runtime"), seasons, episodes)
    totals = season_totals(shows, seasons, episodes)
    found = find_inconsistencies(shows, seasons, episodes, totals)
    _completion_from_episodes(shows, totals)
    for i, msgs in found.items():
        for msg in msgs:
            state.problems.inconsistent(locate(i, titles[i]), msg, order=i)
    return ParsedProgress(shows, seasons, episodes, state.problems)


def build_seasons(state: V1State) -> tuple[dict[str, Any], np.ndarray]:
    """The seasons' columns, sorted by show and number, and the order that sorts them."""
    titles = state.titles
    objs = state.season_objs
    n_listed = len(objs)
    per_item = np.array(state.seasons_per_item, dtype=np.int64)
    listed_item = np.repeat(np.arange(len(per_item)), per_item)
    listed_pos = np.arange(n_listed) - np.repeat(np.cumsum(per_item) - per_item, per_item)
    hidden_only = np.array(state.hidden_only, dtype=np.int64).reshape(-1, 3)
    state.s_item = np.concatenate([listed_item, hidden_only[:, 0]])
    state.s_pos = np.concatenate([listed_pos, -1 - hidden_only[:, 1]])
    number = np.concatenate([np.array(state.season_numbers, dtype=np.int64), hidden_only[:, 2]])

    def at(path: str) -> Callable[[int], str]:
        def where(r: int) -> str:
            item = int(state.s_item[r])
            return locate(item, titles[item], f"{state.season_path(r)}{path}")

        return where

    if len(number) and number.max() > _MAX_NUMBER:
        r = int(number.argmax())
        raise TraktDataError(f"{at('.season')(r)}: season number {number[r]} is not plausible")
    order = np.lexsort((number, state.s_item))  # by show (response order), then number
    if state.typed and np.any(
        (np.diff(state.s_item[order]) == 0) & (np.diff(number[order]) == 0)
    ):  # the full walk says where (the typed path leaves the input to it)
        raise TraktDataError("a season is listed twice")
    seasons: dict[str, Any] = {"_item": state.s_item[order], "season": number[order]}
    padding = [None] * len(hidden_only)
    typed_counts = _typed_counts(objs, len(padding)) if state.typed else {}
    for key in _PROGRESS_KEYS:
        if state.typed:
            seasons[key] = typed_counts[key][order]
            continue
        values = [season.get(key) for season in objs]

        def odd(r: int, what: str, key: str = key) -> None:
            state.report(int(state.s_item[r]), f"{state.season_path(r)}.{key}", what)

        seasons[key] = int_array(values + padding, at(f".{key}"), report=odd)[order]
    seasons["completion"] = completion(seasons["completed"], seasons["aired"])
    hidden = np.zeros(len(number), dtype=bool)
    hidden[n_listed:] = True
    hidden[state.listed_and_hidden] = True
    seasons["hidden"] = hidden[order]
    if not state.typed:  # the typed Structs have no fields beyond these
        rows = [r for r, season in enumerate(objs) if not season.keys() <= _SEASON_CORE_SET]
        skip = frozenset(_SEASON_CORE)
        state.season_extras.add(rows, "", [objs[r] for r in rows], skip)
    extras = state.season_extras.build(len(order), collision_prefix="season_")
    seasons.update({k: v[order] for k, v in extras.items()})
    return seasons, order


def build_episodes(state: V1State, season_order: np.ndarray) -> dict[str, Any]:
    """The episodes' columns, in the order of the sorted seasons (`season_order`)."""
    titles = state.titles
    sizes = np.array(state.ep_sizes, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    ep_row = np.repeat(np.arange(len(sizes)), sizes)  # listed season row of each episode
    if state.ep_numbers is not None:  # typed: numbered while decoding
        number = state.ep_numbers
    else:  # keys are "1".."n" in nearly every season: number them without parsing
        number = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(starts, sizes) + 1

    def at(i: int, what: str) -> str:
        r = int(ep_row[i])
        keys = state.odd_keys.get(r)
        key = keys[i - starts[r]] if keys is not None else str(number[i])
        path = f"{state.season_path(r)}.episodes[{key!r}]"
        item = int(state.s_item[r])
        return f"{locate(item, titles[item], path)}: {what}"

    for row, keys in state.odd_keys.items():
        start = int(starts[row])
        for offset, key in enumerate(keys):
            if not (key.isascii() and key.isdigit() and len(key) <= 7):
                raise TraktDataError(
                    at(start + offset, "episode keys must be non-negative whole numbers")
                )
        number[start : start + len(keys)] = list(map(int, keys))
    if len(number) and number.max() > _MAX_NUMBER:
        raise TraktDataError(at(int(number.argmax()), "episode number is not plausible"))

    if state.ep_watched is not None:  # typed: checked while decoding
        watched = state.ep_watched
    else:
        values = state.ep_values
        if not set(map(type, values)) <= {bool}:
            i = next(i for i, v in enumerate(values) if type(v) is not bool)
            raise TraktDataError(at(i, f"expected true or false, got {short(values[i])}"))
        watched = np.asarray(values, dtype=bool)

    rank = np.empty(len(season_order), dtype=np.int64)
    rank[season_order] = np.arange(len(season_order))
    ep_rank = rank[ep_row]
    step_rank, step_number = np.diff(ep_rank), np.diff(number)
    if not np.all((step_rank > 0) | ((step_rank == 0) & (step_number > 0))):
        order = np.lexsort((number, ep_rank))
        ep_rank, number, watched = ep_rank[order], number[order], watched[order]
        dup = np.flatnonzero((ep_rank[1:] == ep_rank[:-1]) & (number[1:] == number[:-1]))
        if len(dup):
            i = int(order[dup[0] + 1])
            raise TraktDataError(at(i, f"episode {number[dup[0]]} is listed twice"))
    return {"_season_rank": ep_rank, "episode": number, "watched": watched}


def _typed_counts(objs: list[Any], n_unknown: int) -> dict[str, pd.arrays.IntegerArray]:
    """The counts of typed seasons (0 to 2**53, or None; checked while decoding) as Int64.

    `n_unknown` NA values follow each (the seasons only named in ``hidden_seasons``).
    """
    n, width = len(objs), len(_PROGRESS_KEYS)
    # One row per count (each a contiguous array for its column), one column per season.
    values = np.zeros((width, n + n_unknown), dtype=np.int64)
    missing = np.ones((width, n + n_unknown), dtype=bool)
    fields = attrgetter(*_PROGRESS_KEYS)
    try:  # the usual case, every count known: all four at once
        counts = np.fromiter(chain.from_iterable(map(fields, objs)), np.int64, count=n * width)
        values[:, :n] = counts.reshape(n, width).T
        missing[:, :n] = False
    except TypeError:  # a null count: None -> nan (exact up to 2**53), then masked
        floats = np.array(list(map(fields, objs)), dtype=np.float64).reshape(n, width).T
        missing[:, :n] = np.isnan(floats)
        values[:, :n] = np.where(missing[:, :n], 0, floats)
    return {
        key: pd.arrays.IntegerArray(values[i], missing[i]) for i, key in enumerate(_PROGRESS_KEYS)
    }


def _episode_runtimes(show_runtime: Any, seasons: dict[str, Any], episodes: dict[str, Any]) -> Any:
    """Each episode's runtime in minutes: v1 knows only the show's (``extended=full``).

    NA where the show has no whole-number runtime (or 0, which means unknown).
    """
    n = len(episodes["episode"])
    if show_runtime is None or not pd.api.types.is_integer_dtype(show_runtime):
        return pd.arrays.IntegerArray(np.zeros(n, dtype=np.int32), np.ones(n, dtype=bool))
    runtime = pd.array(show_runtime, dtype="Int64")
    runtime[runtime <= 0] = pd.NA
    if not (runtime > np.iinfo(np.int32).max).any():
        runtime = runtime.astype("Int32")  # the episodes' dtype; beyond it, the frame warns
    item = np.asarray(seasons["_item"])[episodes["_season_rank"]]
    return runtime[item]


def _completion_from_episodes(shows: dict[str, Any], totals: dict[str, np.ndarray]) -> None:
    """Where a show's totals disagree with its seasons, its completion follows the episodes.

    The reported ``aired``/``completed``/``left``/``percentage`` stay as the API
    sent them (with a warning); ``completion``, which this package computes, is
    then the watched episode flags over the seasons' aired episodes. `totals` is
    :func:`._consistency.season_totals` of the parsed columns.
    """
    aired = shows["aired"].to_numpy(dtype=np.float64, na_value=np.nan)
    done = shows["completed"].to_numpy(dtype=np.float64, na_value=np.nan)
    summed = totals["aired"]
    with np.errstate(invalid="ignore"):
        disagree = ~np.isnan(summed) & ((aired != summed) | (done != totals["completed"]))
    rows = np.flatnonzero(disagree & (summed > 0))
    if len(rows):
        completion = shows["completion"].copy()
        completion[rows] = np.minimum(totals["watched"][rows], summed[rows]) / summed[rows]
        shows["completion"] = completion
