"""Aired counts from an episode guide: watched progress + air dates -> full progress (pure).

The account export knows what the user watched, not what has aired. Given
each show's episode guide (from TVmaze, see :class:`~trakt_analysis.TVmaze`),
:func:`complete_progress` fills what the export lacks, by Trakt's rules:

- only episodes that have aired count: an air stamp at or before `now`. An
  episode with no known air stamp has not aired. An episode the user watched
  counts as aired whatever the guide says (watched before its air date, or
  missing from the guide), so ``completed <= aired`` always holds;
- specials (season 0) are left out of the show's totals unless
  ``specials=True``. With ``specials=False`` season 0 keeps only its watched
  episodes, and its season row keeps NA aired counts;
- hidden seasons are left out of the show's totals (they keep their own counts);
- the next episode is the first unwatched aired episode of a counted season,
  in (season, episode) order.

Numbering can differ between Trakt and the guide. A watched episode the guide
does not list is kept, never dropped; it counts as aired and as a mismatch
(specials only when ``specials=True``: their numbering is the least reliable).
When the guide lists fewer than half of a show's watched episodes, its
numbering is another scheme (TVmaze numbers some daily shows' seasons by year):
counting by it would be wrong, so the show keeps NA aired counts, like a show
the guide does not know. All three are named in a
:class:`~trakt_analysis.TraktDataWarning` and in ``Provenance.notes``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from .. import schema
from .._warnings import warn
from ..errors import TraktArgumentError, TraktDataError, TraktDataWarning
from ..frames import CompactIdentity
from ..progress import Progress, Provenance

__all__ = [
    "GUIDE_COLUMNS",
    "complete_progress",
    "history_runtimes",
    "history_show_runtimes",
    "show_runtimes",
]

#: The columns of the episode guide frame :func:`complete_progress` takes.
GUIDE_COLUMNS = ("show", "season", "episode", "title", "first_aired", "runtime")

# Names listed in one warning or note before "and N more".
_MAX_NAMES = 10


def complete_progress(
    progress: Progress,
    guide: pd.DataFrame,
    known: Mapping[int, int],
    *,
    specials: bool = False,
    now: pd.Timestamp | None = None,
    source: str = "TVmaze",
) -> Progress:
    """Fill aired, left, completion, unwatched aired episodes and ``next_*`` from a guide.

    Parameters
    ----------
    progress : Progress
        Watched progress, e.g. from the account export: watched episodes with
        their plays; ``aired``, ``left`` and ``completion`` may be NA.
    guide : pandas.DataFrame
        The episode guides of the known shows, one row per episode, with
        :data:`GUIDE_COLUMNS`: ``show`` (the row position of the show in
        ``progress.shows``), ``season`` and ``episode`` (Trakt's numbering,
        specials in season 0), ``title``, ``first_aired`` (UTC) and
        ``runtime`` (minutes).
    known : mapping of int to int
        Row position in ``progress.shows`` -> the guide's id of the show (the
        TVmaze id), for every show the guide knows. Other shows keep NA counts.
    specials : bool
        Count season 0 in the shows' totals.
    now : pandas.Timestamp, optional
        What "has aired" is relative to (UTC); defaults to the current time.
    source : str
        The guide's name, for ``Provenance.metadata`` and messages.

    Returns
    -------
    Progress
        The same shows in the same order. Episodes gain a row (``watched``
        False; ``plays`` 0, or NA when the source has no plays) for every
        aired episode of a counted season that was not watched, and
        ``first_aired``/``runtime`` from the guide where they were NA.
        Seasons and shows get ``aired``, ``completed``, ``left``,
        ``percentage`` (rounded down, as Trakt's) and ``completion`` (shows
        also ``next_*``). The shows frame gains two
        columns after the schema's: ``tvmaze_id`` (Int64, NA for unknown
        shows) and ``unlisted_watched`` (Int64: watched episodes the guide
        does not list, the numbering mismatches; NA for unknown shows).
        ``provenance.metadata`` is `source`; its notes name the unknown and
        the mismatched shows. ``schedule`` holds the guide's episodes of
        counted seasons announced to air after `now`
        (:data:`~trakt_analysis.schema.SCHEDULE`).

    Warns
    -----
    TraktDataWarning
        Naming the shows the guide does not know, and those whose numbering
        disagrees with it.

    Raises
    ------
    TraktArgumentError
        `guide` lacks a column of :data:`GUIDE_COLUMNS`.
    TraktDataError
        A season or episode row belongs to no show of ``progress.shows``.
    """
    missing = [c for c in GUIDE_COLUMNS if c not in guide.columns]
    if missing:
        raise TraktArgumentError(f"the episode guide lacks the column(s) {', '.join(missing)}")
    now = pd.Timestamp.now(tz="UTC") if now is None else pd.Timestamp(now)
    if now.tzinfo is None:
        raise TraktArgumentError(f"now must be time-zone aware (UTC), got {now!r}")
    shows = progress.shows
    n_shows = len(shows)
    is_known = np.zeros(n_shows, dtype=bool)
    for position in known:
        if 0 <= position < n_shows:
            is_known[position] = True

    # Which show each season and episode row belongs to (by its identity columns).
    e_show = _show_positions(shows, progress.episodes, "episodes")
    s_show = _show_positions(shows, progress.seasons, "seasons")

    guide = _typed_guide(guide, is_known)
    guide_aired = guide["first_aired"].notna() & (guide["first_aired"] <= now)
    counted_season_guide = (guide["season"] > 0) | specials

    # Episodes: the watched (or listed) rows, with the guide's columns beside them.
    episodes = progress.episodes.reset_index(drop=True)
    keys = pd.DataFrame(
        {
            "_show": e_show,
            "season": episodes["season"].to_numpy(np.int64),
            "episode": episodes["episode"].to_numpy(np.int64),
        }
    )
    g = guide.rename(columns={"show": "_show"}).assign(_aired=guide_aired.to_numpy(), _listed=True)
    side = keys.merge(g, on=["_show", "season", "episode"], how="left", sort=False)
    listed = side["_listed"].fillna(False).to_numpy(bool)
    known_row = is_known[e_show]
    watched = episodes["watched"].to_numpy(bool)
    counted_row = (episodes["season"].to_numpy() > 0) | specials
    mismatch = known_row & watched & ~listed & counted_row
    mismatches = np.bincount(e_show[mismatch], minlength=n_shows)
    # When the guide lists fewer than half of a show's watched episodes, its numbering
    # is another scheme (e.g. seasons by year): its counts would be wrong, so they stay NA.
    watched_counted = np.bincount(e_show[known_row & watched & counted_row], minlength=n_shows)
    renumbered = is_known & (2 * mismatches > watched_counted)
    # A show with Trakt's own aired count (the export's show.aired_episodes) keeps it when the
    # guide numbers it otherwise: a watched episode the guide does not list (a show released
    # in "Parts": Trakt 10 + 7, the guide 5 + 5 + 7), or fewer aired episodes than Trakt's.
    trakt_aired = shows["aired"].astype("Int64").to_numpy(dtype=np.int64, na_value=-1)
    hidden_mask = progress.seasons["hidden"].to_numpy(bool)
    hidden_guide = pd.MultiIndex.from_arrays(
        [s_show[hidden_mask], progress.seasons["season"].to_numpy(np.int64)[hidden_mask]]
    )
    in_hidden = pd.MultiIndex.from_arrays([guide["show"], guide["season"]]).isin(hidden_guide)
    guide_counted = (guide_aired & counted_season_guide).to_numpy() & ~in_hidden
    guide_total = np.bincount(guide["show"].to_numpy(np.int64)[guide_counted], minlength=n_shows)
    disagrees = (
        is_known
        & ~renumbered
        & (trakt_aired >= 0)
        & ((mismatches > 0) | (guide_total < trakt_aired))
    )
    renumbered = renumbered | disagrees
    provider_known = is_known.copy()
    if renumbered.any():
        is_known = is_known & ~renumbered
        drop = renumbered[e_show]
        side.loc[drop, ["title", "first_aired", "runtime", "_aired"]] = pd.NA
        g = g[is_known[g["_show"].to_numpy()]].reset_index(drop=True)
        guide_aired = g["_aired"]
        counted_season_guide = (g["season"] > 0) | specials

    first_aired = episodes["first_aired"].astype(schema.UTC).copy()
    first_aired = first_aired.fillna(side["first_aired"].astype(schema.UTC))
    runtime = episodes["runtime"].astype("Int64").fillna(side["runtime"].astype("Int64"))
    old = pd.DataFrame(
        {
            "_show": e_show,
            "season": keys["season"],
            "episode": keys["episode"],
            "watched": watched,
            "plays": episodes["plays"].astype("Int64"),
            "last_watched_at": episodes["last_watched_at"].astype(schema.UTC),
            "first_aired": first_aired,
            "runtime": runtime,
            "_title": side["title"].astype(object),
            "_aired": watched | side["_aired"].fillna(False).to_numpy(bool),
        }
    )

    # Aired episodes of counted seasons that the user has not watched: new rows.
    plays_known = bool(episodes["plays"].notna().any())
    present = pd.MultiIndex.from_arrays([e_show, keys["season"], keys["episode"]])
    g_index = pd.MultiIndex.from_arrays([g["_show"], g["season"], g["episode"]])
    add = (guide_aired & counted_season_guide).to_numpy() & ~g_index.isin(present)
    added = g.loc[add]
    new = pd.DataFrame(
        {
            "_show": added["_show"].to_numpy(np.int64),
            "season": added["season"].to_numpy(np.int64),
            "episode": added["episode"].to_numpy(np.int64),
            "watched": np.zeros(len(added), dtype=bool),
            # A source with plays (the export holds every play) has none of an episode
            # it does not list; a source without them (v1) leaves them NA.
            "plays": pd.array([0 if plays_known else pd.NA] * len(added), dtype="Int64"),
            "last_watched_at": pd.Series(pd.NaT, index=range(len(added)), dtype=schema.UTC),
            "first_aired": added["first_aired"].astype(schema.UTC).array,
            "runtime": added["runtime"].astype("Int64").array,
            "_title": added["title"].astype(object).to_numpy(),
            "_aired": np.ones(len(added), dtype=bool),
        }
    )
    # Announced episodes not aired yet: kept apart (Progress.schedule), never counted.
    future = g.loc[
        (g["first_aired"].notna() & ~guide_aired.astype(bool)).to_numpy()
        & counted_season_guide.to_numpy()
        & ~g_index.isin(present)
    ]
    rows = pd.concat([old, new], ignore_index=True)
    rows = rows.sort_values(["_show", "season", "episode"], kind="stable", ignore_index=True)

    # Seasons: counts from the episode rows, for the known shows.
    hidden_pairs = set(
        zip(
            s_show[progress.seasons["hidden"].to_numpy(bool)],
            progress.seasons["season"].to_numpy()[progress.seasons["hidden"].to_numpy(bool)],
            strict=True,
        )
    )
    rows_known = rows[is_known[rows["_show"].to_numpy()]]
    per_season = rows_known.groupby(["_show", "season"], sort=True).agg(
        aired=("_aired", "sum"), completed=("watched", "sum")
    )
    seasons = _seasons(progress.seasons, s_show, per_season, is_known, specials)

    # Shows: totals over counted, listed, not hidden seasons.
    counted = seasons[
        is_known[seasons["_show"].to_numpy()]
        & ~seasons["hidden"].to_numpy(bool)
        & ((seasons["season"].to_numpy() > 0) | specials)
    ]
    totals = counted.groupby("_show")[["aired", "completed"]].sum()
    out_shows = shows.copy()
    positions = np.flatnonzero(is_known)
    aired = pd.array([pd.NA] * n_shows, dtype="Int64")
    completed = out_shows["completed"].astype("Int64").array.copy()
    aired[positions] = 0
    completed[positions] = 0
    aired[totals.index.to_numpy()] = totals["aired"].to_numpy(np.int64)
    completed[totals.index.to_numpy()] = totals["completed"].to_numpy(np.int64)
    for column, values in _counts(aired, completed, is_known, out_shows).items():
        out_shows[column] = values
    # A show whose completed count is unknown (an incomplete history) keeps it unknown:
    # what its rows hold is a lower bound, never shown as exact.
    unknown_done = is_known & shows["completed"].isna().to_numpy()
    if unknown_done.any():
        for column in ("completed", "left", "percentage", "completion"):
            values = out_shows[column].array.copy()
            values[unknown_done] = pd.NA
            out_shows[column] = values
        at = unknown_done[seasons["_show"].to_numpy()]
        for column in ("completed", "left", "percentage", "completion"):
            values = seasons[column].array.copy()
            values[at] = pd.NA
            seasons[column] = values

    # Next episode: the first unwatched aired episode of a counted season.
    row_show = rows["_show"].to_numpy()
    row_season = rows["season"].to_numpy()
    candidate = (
        is_known[row_show]
        & ~unknown_done[row_show]
        & ~rows["watched"].to_numpy(bool)
        & rows["_aired"].to_numpy(bool)
        & ((row_season > 0) | specials)
        & ~np.array(
            [(s, n) in hidden_pairs for s, n in zip(row_show, row_season, strict=True)], dtype=bool
        )
    )
    nxt = rows[candidate].drop_duplicates("_show", keep="first").set_index("_show")
    for column in ("next_season", "next_number", "next_title", "next_first_aired"):
        if column in out_shows:
            values = out_shows[column].copy()
            values.iloc[positions] = pd.NA if column != "next_first_aired" else pd.NaT
            out_shows[column] = values
    if len(nxt):
        at = nxt.index.to_numpy()
        out_shows.loc[out_shows.index[at], "next_season"] = nxt["season"].to_numpy()
        out_shows.loc[out_shows.index[at], "next_number"] = nxt["episode"].to_numpy()
        out_shows.loc[out_shows.index[at], "next_title"] = nxt["_title"].to_numpy()
        out_shows.loc[out_shows.index[at], "next_first_aired"] = nxt["first_aired"].array
    out_shows = out_shows.astype(
        {c: schema.SHOWS[c] for c in ("next_season", "next_number", "next_title")}
    )
    out_shows["next_first_aired"] = out_shows["next_first_aired"].astype(schema.UTC)

    provider_ids = pd.array([pd.NA] * n_shows, dtype="Int64")
    for position, provider_id in known.items():
        if 0 <= position < n_shows:
            provider_ids[position] = provider_id
    unlisted = pd.array(mismatches, dtype="Int64")
    unlisted[~provider_known] = pd.NA
    out_shows["tvmaze_id"] = provider_ids
    out_shows["unlisted_watched"] = unlisted

    # Rebuild the long frames, their identity columns from the shows (as the builder does).
    identity = CompactIdentity({name: out_shows[name].array for name in schema.IDENTITY})
    item = rows["_show"].to_numpy(np.int64)
    e_cols = {
        **identity.repeat(item),
        "season": rows["season"].to_numpy(np.int32),
        "episode": rows["episode"].to_numpy(np.int32),
        "watched": rows["watched"].to_numpy(bool),
        "plays": rows["plays"].array,
        "last_watched_at": rows["last_watched_at"].array,
        "first_aired": rows["first_aired"].array,
        "runtime": rows["runtime"].array,
    }
    out_episodes = pd.DataFrame(e_cols).astype(schema.frame_dtypes(schema.EPISODES, long=True))
    s_item = seasons["_show"].to_numpy(np.int64)
    s_cols = {
        **identity.repeat(s_item),
        **{c: seasons[c].array for c in schema.SEASONS if c not in schema.IDENTITY},
    }
    out_seasons = pd.DataFrame(s_cols).astype(schema.frame_dtypes(schema.SEASONS, long=True))
    out_seasons["season"] = out_seasons["season"].astype("int32")

    f_item = future["_show"].to_numpy(np.int64)
    schedule = pd.DataFrame(
        {
            **identity.repeat(f_item),
            "season": future["season"].to_numpy(np.int32),
            "episode": future["episode"].to_numpy(np.int32),
            "episode_title": future["title"].astype(object).to_numpy(),
            "first_aired": future["first_aired"].astype(schema.UTC).array,
            "runtime": future["runtime"].astype("Int64").array,
        }
    ).astype(schema.frame_dtypes(schema.SCHEDULE, long=True))

    notes = list(progress.provenance.notes if progress.provenance else ())
    unknown_names = _names(out_shows, ~provider_known)
    mismatched = (mismatches > 0) & ~renumbered
    mismatched_names = _names(out_shows, mismatched)
    kept_names = _names(out_shows, disagrees)
    renumbered = renumbered & ~disagrees
    renumbered_names = _names(out_shows, renumbered)
    if unknown_names:
        message = (
            f"{source} does not know {_count(int((~provider_known).sum()))}, whose aired counts "
            f"stay NA (or Trakt's own show-level count, where the source has it): {unknown_names}"
        )
        notes.append(message)
        warn(message, TraktDataWarning)
    if renumbered_names:
        message = (
            f"{source} numbers the episodes of {_count(int(renumbered.sum()))} in another "
            "scheme (it lists fewer than half of the watched episodes, e.g. seasons by year), "
            "so their aired counts stay NA, or Trakt's own show-level count where the source "
            f"has it (column unlisted_watched): {renumbered_names}"
        )
        notes.append(message)
        warn(message, TraktDataWarning)
    if kept_names:
        message = (
            f"{source} numbers the episodes of {_count(int(disagrees.sum()))} otherwise than "
            "Trakt (watched episodes it does not list, or fewer aired episodes than Trakt "
            "counts): they keep Trakt's own aired count (show.aired_episodes), with season "
            f"counts and the next episode NA: {kept_names}"
        )
        notes.append(message)
        warn(message, TraktDataWarning)
    if mismatched_names:
        message = (
            f"{source} numbers the episodes of {_count(int(mismatched.sum()))} otherwise than "
            f"Trakt: {int(mismatches[mismatched].sum())} watched episode(s) it does not list were "
            f"kept and counted as aired (column unlisted_watched): {mismatched_names}"
        )
        notes.append(message)
        warn(message, TraktDataWarning)
    history = progress.history
    if history is not None and len(history):
        history, filled = history_runtimes(history, out_episodes)
        if filled:
            unknown = int(history["runtime"].isna().sum())
            notes.append(
                f"runtimes of {filled:,} plays in the history come from {source}'s episode "
                "guide (the history had none)"
                + (f"; {unknown:,} plays have no known runtime" if unknown else "")
            )
    provenance = progress.provenance or Provenance(kind="unknown", label=progress.user or "")
    provenance = replace(provenance, metadata=source, notes=tuple(notes))
    return Progress(
        out_shows,
        out_seasons,
        out_episodes,
        progress.user,
        history=history,
        provenance=provenance,
        ratings=progress.ratings,
        schedule=schedule,
    )


def history_runtimes(history: pd.DataFrame, episodes: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Fill the history's unknown episode runtimes from the episodes frame.

    Parameters
    ----------
    history : pandas.DataFrame
        :data:`~trakt_analysis.schema.HISTORY` rows; ``runtime`` (minutes) may be NA
        (the account export's history carries none).
    episodes : pandas.DataFrame
        :data:`~trakt_analysis.schema.EPISODES` rows with ``runtime`` (minutes),
        e.g. filled from TVmaze's episode guide.

    Returns
    -------
    (pandas.DataFrame, int)
        The history with each episode play's NA runtime taken from its episode
        (matched on the show's Trakt id, else title and year, and season and
        episode), and how many were filled. A runtime the history had is kept;
        movies keep theirs (an episode guide has none).
    """
    need = history["runtime"].isna().to_numpy() & (history["type"] == "episode").to_numpy()
    if not need.any():
        return history, 0
    keys = ["trakt_id", "title", "year", "season", "episode"]

    def frame(rows: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "trakt_id": rows["trakt_id"].astype("Int64").to_numpy(dtype=object, na_value=None),
                "title": rows["title"].astype(object).to_numpy(),
                "year": rows["year"].astype("Int64").to_numpy(dtype=object, na_value=None),
                "season": rows["season"].astype("Int64").to_numpy(dtype=object, na_value=None),
                "episode": rows["episode"].astype("Int64").to_numpy(dtype=object, na_value=None),
            }
        )

    known = episodes["runtime"].notna().to_numpy()
    right = frame(episodes[known]).assign(_runtime=episodes["runtime"][known].to_numpy())
    right = right.drop_duplicates(keys, keep="first")
    left = frame(history)
    matched = left.merge(right, on=keys, how="left", sort=False)["_runtime"]
    runtime = pd.array(matched.to_numpy(dtype=object, na_value=None), dtype="Int64")
    fill = need & ~pd.isna(runtime)
    if not fill.any():
        return history, 0
    out = history.copy()
    values = out["runtime"].array.copy()
    values[fill] = runtime[fill].astype(values.dtype)
    out["runtime"] = values
    return out, int(fill.sum())


_NO_RUNTIME = re.compile(r"; [\d,]+ plays have no known runtime$")


def show_runtimes(
    shows: pd.DataFrame, episodes: pd.DataFrame | None, pos: np.ndarray
) -> np.ndarray:
    """Per show, the runtime (minutes) of an episode whose own runtime is unknown.

    The one rule for hours left (:func:`~trakt_analysis.backlog`) and hours
    watched (:func:`history_show_runtimes`): the shows frame's ``runtime``,
    else the median of the show's episodes' known runtimes; NaN when neither
    is known. `pos` is each episode row's position in `shows` (-1: none).
    """
    n = len(shows)
    runtime = (
        # A copy, written below: a Float64 column's to_numpy shares the frame's memory.
        pd.to_numeric(shows["runtime"], errors="coerce").to_numpy(
            np.float64, na_value=np.nan, copy=True
        )
        if "runtime" in shows.columns
        else np.full(n, np.nan)
    )
    runtime[~(runtime > 0)] = np.nan
    if episodes is not None and len(episodes) and "runtime" in episodes.columns:
        minutes = pd.to_numeric(episodes["runtime"], errors="coerce").to_numpy(
            np.float64, na_value=np.nan
        )
        ok = (pos >= 0) & (minutes > 0)
        if ok.any():
            median = pd.Series(minutes[ok]).groupby(pos[ok]).median()
            missing = np.isnan(runtime)
            fill = np.full(n, np.nan)
            fill[median.index.to_numpy(np.int64)] = median.to_numpy()
            runtime[missing] = fill[missing]
    return runtime


def history_show_runtimes(progress: Progress) -> Progress:
    """Give each episode play whose runtime is still unknown its show's runtime.

    The rule of the backlog's hours left (:func:`show_runtimes`: the show's
    ``runtime``, else its episodes' median), so that hours watched and hours
    left count an episode alike. Plays are matched to their show on the
    Trakt id, title and year; movies and plays of no show keep theirs.

    Returns
    -------
    Progress
        The same, with the history's ``runtime`` filled and a note in
        ``provenance.notes`` saying for how many plays; `progress` itself when
        nothing was filled.
    """
    history, shows = progress.history, progress.shows
    if history is None or not len(history) or not len(shows):
        return progress
    need = history["runtime"].isna().to_numpy() & (history["type"] == "episode").to_numpy()
    if not need.any():
        return progress
    keys = ["trakt_id", "title", "year"]

    def frame(rows: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "trakt_id": rows["trakt_id"].astype("Int64").to_numpy(dtype=object, na_value=None),
                "title": rows["title"].astype(object).to_numpy(),
                "year": rows["year"].astype("Int64").to_numpy(dtype=object, na_value=None),
            }
        )

    # Each row's show, on the Trakt id, title and year (-1: none).
    right = frame(shows).assign(_pos=np.arange(len(shows))).drop_duplicates(keys, keep="first")

    def positions(rows: pd.DataFrame) -> np.ndarray:
        matched = frame(rows).merge(right, on=keys, how="left", sort=False)["_pos"]
        return matched.fillna(-1).to_numpy(np.int64)

    episodes = progress.episodes
    e_pos = positions(episodes) if episodes is not None else np.zeros(0, np.int64)
    per_show = show_runtimes(shows, episodes, e_pos)
    h_pos = positions(history)
    minutes = np.where(h_pos >= 0, per_show[h_pos], np.nan)
    fill = need & ~np.isnan(minutes)
    if not fill.any():
        return progress
    values = history["runtime"].array.copy()
    values[fill] = pd.array(np.round(minutes[fill]).astype(np.int64), dtype="Int64").astype(
        values.dtype
    )
    out = history.copy()
    out["runtime"] = values
    unknown = int(out["runtime"].isna().sum())
    note = (
        f"runtimes of {int(fill.sum()):,} plays in the history are their show's runtime "
        "(their episodes have none), as the backlog's hours left counts them"
        + (f"; {unknown:,} plays have no known runtime" if unknown else "")
    )
    provenance = progress.provenance or Provenance(kind="unknown", label=progress.user or "")
    # The guide's note counted the plays without a runtime before these were filled.
    notes = tuple(_NO_RUNTIME.sub("", n) for n in provenance.notes)
    provenance = replace(provenance, notes=(*notes, note))
    return replace(progress, history=out, provenance=provenance)


def _show_positions(shows: pd.DataFrame, frame: pd.DataFrame, what: str) -> np.ndarray:
    """The row position in `shows` of each row of a long frame, matched on the identity columns."""
    columns = list(schema.IDENTITY)
    left = pd.DataFrame({c: frame[c].astype(object).to_numpy() for c in columns})
    right = pd.DataFrame({c: shows[c].astype(object).to_numpy() for c in columns})
    right["_pos"] = np.arange(len(shows))
    right = right.drop_duplicates(columns, keep="first")
    matched = left.merge(right, on=columns, how="left", sort=False)["_pos"]
    if matched.isna().any():
        first = int(np.flatnonzero(matched.isna().to_numpy())[0])
        raise TraktDataError(
            f"{what} row {first} ({frame['title'].iloc[first]!r}) belongs to no show of the "
            "shows frame"
        )
    return matched.to_numpy(np.int64)


def _typed_guide(guide: pd.DataFrame, is_known: np.ndarray) -> pd.DataFrame:
    show = guide["show"].to_numpy(np.int64)
    keep = (show >= 0) & (show < len(is_known))
    keep[keep] = is_known[show[keep]]
    out = pd.DataFrame(
        {
            "show": show[keep],
            "season": guide["season"].to_numpy(np.int64)[keep],
            "episode": guide["episode"].to_numpy(np.int64)[keep],
            "title": guide["title"].astype(object).to_numpy()[keep],
            "first_aired": guide["first_aired"].astype(schema.UTC).array[keep],
            "runtime": guide["runtime"].astype("Int64").array[keep],
        }
    )
    return out.drop_duplicates(["show", "season", "episode"], keep="first", ignore_index=True)


def _seasons(
    seasons: pd.DataFrame,
    s_show: np.ndarray,
    per_season: pd.DataFrame,
    is_known: np.ndarray,
    specials: bool,
) -> pd.DataFrame:
    """Season rows with counts: the input's rows, and one per new season of a known show."""
    base = pd.DataFrame(
        {
            "_show": s_show,
            "season": seasons["season"].to_numpy(np.int64),
            "aired": seasons["aired"].astype("Int64").array,
            "completed": seasons["completed"].astype("Int64").array,
            "left": seasons["left"].astype("Int64").array,
            "percentage": seasons["percentage"].astype("Int64").array,
            "completion": seasons["completion"].astype("Float64").array,
            "hidden": seasons["hidden"].to_numpy(bool),
        }
    )
    base_index = pd.MultiIndex.from_arrays([base["_show"], base["season"]])
    fresh = per_season.loc[~per_season.index.isin(base_index)]
    extra = pd.DataFrame(
        {
            "_show": fresh.index.get_level_values(0).to_numpy(np.int64),
            "season": fresh.index.get_level_values(1).to_numpy(np.int64),
            "aired": pd.array([pd.NA] * len(fresh), dtype="Int64"),
            "completed": pd.array([pd.NA] * len(fresh), dtype="Int64"),
            "left": pd.array([pd.NA] * len(fresh), dtype="Int64"),
            "percentage": pd.array([pd.NA] * len(fresh), dtype="Int64"),
            "completion": pd.array([pd.NA] * len(fresh), dtype="Float64"),
            "hidden": np.zeros(len(fresh), dtype=bool),
        }
    )
    out = pd.concat([base, extra], ignore_index=True)
    # Counted seasons of known shows take the episode rows' counts (0 where none).
    target = is_known[out["_show"].to_numpy()] & ((out["season"].to_numpy() > 0) | specials)
    idx = pd.MultiIndex.from_arrays([out["_show"], out["season"]])
    counts = per_season.reindex(idx)
    aired = counts["aired"].fillna(0).to_numpy(np.int64)
    completed = counts["completed"].fillna(0).to_numpy(np.int64)
    for column, values in (("aired", aired), ("completed", completed)):
        column_values = out[column].array.copy()
        column_values[target] = values[target]
        out[column] = column_values
    left = out["aired"] - out["completed"]
    out.loc[target, "left"] = left[target]
    ratio = (out["completed"].astype("Float64") / out["aired"].astype("Float64")).where(
        out["aired"] > 0, pd.NA
    )
    completion = out["completion"].array.copy()
    completion[target] = ratio.array[target]
    out["completion"] = completion
    percentage = out["percentage"].array.copy()
    percentage[target] = _percentage(out["completed"], out["aired"]).array[target]
    out["percentage"] = percentage
    return out.sort_values(["_show", "season"], kind="stable", ignore_index=True)


def _counts(
    aired: pd.api.extensions.ExtensionArray,
    completed: pd.api.extensions.ExtensionArray,
    is_known: np.ndarray,
    shows: pd.DataFrame,
) -> dict[str, object]:
    """aired, completed, left, percentage and completion of the shows; unknown shows keep theirs."""
    out: dict[str, object] = {}
    old_aired = shows["aired"].astype("Int64").array.copy()
    old_left = shows["left"].astype("Int64").array.copy()
    old_completion = shows["completion"].astype("Float64").array.copy()
    old_completed = shows["completed"].astype("Int64").array.copy()
    new_aired = pd.Series(aired, dtype="Int64")
    new_completed = pd.Series(completed, dtype="Int64")
    ratio = (new_completed.astype("Float64") / new_aired.astype("Float64")).where(
        new_aired > 0, pd.NA
    )
    old_aired[is_known] = new_aired.array[is_known]
    old_completed[is_known] = new_completed.array[is_known]
    old_left[is_known] = (new_aired - new_completed).array[is_known]
    old_completion[is_known] = ratio.array[is_known]
    old_percentage = shows["percentage"].astype("Int64").array.copy()
    old_percentage[is_known] = _percentage(new_completed, new_aired).array[is_known]
    out["percentage"] = old_percentage
    out["aired"] = old_aired
    out["completed"] = old_completed
    out["left"] = old_left
    out["completion"] = old_completion
    return out


def _percentage(completed: pd.Series, aired: pd.Series) -> pd.Series:
    """Trakt's whole-number percentage, rounded down; NA when nothing has aired."""
    completed = completed.astype("Int64").reset_index(drop=True)
    aired = aired.astype("Int64").reset_index(drop=True)
    return ((completed * 100) // aired.where(aired > 0, pd.NA)).astype("Int64")


def _names(shows: pd.DataFrame, mask: np.ndarray) -> str:
    picked = shows.loc[mask]
    labels = [
        f"{title} ({year})" if pd.notna(year) else str(title)
        for title, year in zip(picked["title"], picked["year"], strict=True)
    ]
    text = ", ".join(labels[:_MAX_NAMES])
    if len(labels) > _MAX_NAMES:
        text += f" and {len(labels) - _MAX_NAMES} more"
    return text


def _count(n: int) -> str:
    return f"{n} show" if n == 1 else f"{n} shows"
