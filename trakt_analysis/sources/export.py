"""Load the trakt.tv account export (Settings -> Data -> Export): ``ta.load_export``.

The export is a ZIP of JSON files (or the folder it unpacks to). Its format is
not documented; public reports show:

- ``watched-history-1.json``, ``watched-history-2.json``, ...: one entry per
  play, newest first, in the shape of API v2 history items
  (:mod:`trakt_analysis.parsers.history`);
- ``watched-shows-1.json``, ...: per-show summaries in the shape of v2
  ``/sync/watched/shows?extended=progress`` (:mod:`trakt_analysis.parsers.v2`);
- ``ratings-shows.json``, ``ratings-seasons.json``, ``ratings-episodes.json``,
  ``ratings-movies.json`` (``-N`` when paged): ``Progress.ratings``
  (:mod:`trakt_analysis.parsers.ratings`);
- ``watched-movies.json``, lists, the watchlist, the profile and settings, many
  of them just ``[]``: not used (the watchlist names shows the user has not watched).

Files are told apart by name and content: a ``watched-history-N.json`` must
hold history entries, and a file of history entries under another name is
used too. The archive is untrusted: nothing is extracted to disk or written
next to it, members are read in memory with a cap on each member's and on the
total uncompressed size (checked on the declared sizes, on the compression
ratio, and while reading), and member names with ``..`` or an absolute path
are ignored.
"""

from __future__ import annotations

import dataclasses
import os
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from .._warnings import warn
from ..errors import (
    TraktArgumentError,
    TraktDataError,
    TraktDataWarning,
    TraktSourceError,
)
from ..frames import frames_from_parsed, ratings_frame
from ..parsers._checks import short
from ..parsers._json import parse_json
from ..parsers._problems import Problems
from ..parsers._repeats import IDENTITY as REPEAT_KEYS
from ..parsers._repeats import drop_repeated, repeated, repeats_note
from ..parsers.detect import detect_format
from ..parsers.history import TypedPart, history_columns, parse_history, typed_history_part
from ..parsers.ratings import parse_ratings
from ..parsers.v2 import (
    RESET_MODES,
    HiddenProgress,
    parse_hidden_progress,
    parse_watched_shows,
)
from ..progress import Progress, Provenance
from ._archive import (
    _MAX_MEMBERS,
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    Members,
    _read_files,
    merge_small_lists,
)
from ._issue import issue
from ._notes import EXPORT_AIRED_NA
from .metadata import MetadataProvider

__all__ = [
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "is_export",
    "load_export",
]

_HISTORY_NAME = re.compile(r"^watched-history(?:-(\d+))?\.json$", re.IGNORECASE)
_SHOWS_NAME = re.compile(r"^watched-shows(?:-(\d+))?\.json$", re.IGNORECASE)
_HIDDEN_NAME = re.compile(r"^hidden-progress-watched(?:-(\d+))?\.json$", re.IGNORECASE)
# Names of files that may hold watch data or the profile under another name (copies).
_MAYBE_WATCH = ("watched", "history", "user", "prof")
# The last part of an endpoint -> the file trakt.tv's exporter writes it to.
_ENDPOINT_FILES = {
    "history": "watched-history",
    "shows": "watched-shows",
    "progress_watched": "hidden-progress-watched",
    "settings": "user-settings",
}
# ratings-movies.json, ratings-shows-2.json, ...: GET /users/{slug}/ratings/{type}, paged.
_RATINGS_NAME = re.compile(
    r"^ratings-(movies|shows|seasons|episodes)(?:-(\d+))?\.json$", re.IGNORECASE
)
_NA_NOTE = EXPORT_AIRED_NA


def is_export(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a ZIP archive or a folder that holds ``watched-*.json`` files.

    A cheap check by name (it reads the ZIP's directory, no member), for the
    CLI and the explorer to pick the loader.
    """
    path = Path(path)
    try:
        if path.is_dir():
            return any(_kind_by_name(p.name) for p in path.rglob("*.json"))
        if path.is_file() and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()[:_MAX_MEMBERS]
            return any(_kind_by_name(PurePosixPath(name).name) for name in names)
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def load_export(
    path: str | os.PathLike[str],
    *,
    user: str | None = None,
    metadata: MetadataProvider | None = None,
    specials: bool = False,
    reset: str = "current",
) -> Progress:
    """Load a trakt.tv account export (the ZIP, or the folder it unpacks to).

    Parameters
    ----------
    path : str or os.PathLike
        The export's ZIP file, or the folder it was unpacked to.
    user : str, optional
        The username for the ``user`` column. When None, the export's profile
        or settings file names it if it has one (else NA).
    metadata : MetadataProvider, optional
        Where season aired counts, air dates, runtimes, the next episode and
        show metadata come from (e.g. ``ta.TVmaze()``); see Returns for what
        the export fills without it.
    specials : bool
        Count specials (season 0) in ``completed`` (and, with metadata, in the
        aired counts), as Trakt does when its "count specials" setting is on.
    reset : {"current", "lifetime"}
        After a progress reset (``watched-shows``' ``reset_at``, set when a
        rewatch starts): ``"current"`` (the default, as trakt.tv and
        :meth:`TraktAPI.progress <trakt_analysis.TraktAPI.progress>`) counts
        the episodes played since the reset, ``"lifetime"`` every episode
        ever watched. Episodes played only before the reset keep their rows
        with ``watched`` False.

    Returns
    -------
    Progress
        ``shows``: every show with at least one watched episode, with
        ``plays`` and its split into ``scrobbles``, ``checkins`` and ``seen``
        (from the history), ``last_watched_at`` and ``reset_at`` (UTC),
        ``completed`` (distinct episodes watched) and Trakt's ids.
        ``seasons`` and ``episodes``: every watched episode, with ``plays``
        and ``last_watched_at``. ``history``: one row per play, episodes and
        movies, newest first (:data:`~trakt_analysis.schema.HISTORY`).

        Without `metadata`: the shows' ``aired`` is Trakt's own show-level
        count (``show.aired_episodes`` of ``watched-shows``), and ``left``,
        ``percentage`` and ``completion`` follow from it; they are NA for a
        show whose count is absent, or that has a hidden season, or when
        `specials` is on (Trakt's count leaves both out otherwise than
        ``completed``). Season ``aired`` counts, episode ``first_aired`` and
        ``runtime`` (minutes), the history's ``runtime``, the ``next_*``
        columns and the show metadata (``genres``, ``network``, ``status``,
        ``runtime``, ...) are NA: the export has none; ``provenance.notes``
        says so (:data:`schema.FILLED_BY <trakt_analysis.schema.FILLED_BY>`
        lists what the export fills). With `metadata`, the provider fills them
        where it knows the show.

    Raises
    ------
    TraktFileError
        `path` cannot be read.
    TraktSourceError
        `path` is not a path.
    TraktDataError
        Not a ZIP archive (or a partial download), a member that is too large
        or truncated, invalid JSON in a watch file, or no watch data at all;
        the message names the member and where.

    Warns
    -----
    TraktDataWarning
        An entry that was left out or holds an odd value (named by file and
        position), or a ``watched-*`` file whose content is something else.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> progress = ta.load_export("trakt-export.zip")  # doctest: +SKIP
    >>> progress.history[["title", "season", "episode", "watched_at", "action"]]  # doctest: +SKIP
    """
    if not isinstance(path, str | os.PathLike):
        raise TraktSourceError(
            f"load_export takes the path of the export's ZIP or folder, got {type(path).__name__}"
        )
    if user is not None and not isinstance(user, str):
        raise TraktArgumentError(f"user must be a string or None, got {type(user).__name__}")
    if metadata is not None and not callable(getattr(metadata, "complete", None)):
        raise TraktArgumentError(
            f"metadata must be a metadata provider such as ta.TVmaze() (with a complete() "
            f"method), got {type(metadata).__name__}"
        )
    if reset not in RESET_MODES:
        raise TraktArgumentError(f"reset must be one of {RESET_MODES}, got {reset!r}")
    label = os.fspath(path)
    # Not held here: the members' bytes are freed once read (the peak of a large export).
    progress = _progress_from_files(
        _read_files(Path(path), label), label, user=user, specials=specials, reset=reset
    )
    if metadata is None:
        return progress
    completed = metadata.complete(progress, specials=specials)
    if not isinstance(completed, Progress):
        raise TraktArgumentError(
            f"{type(metadata).__name__}.complete() returned {type(completed).__name__}, "
            "not a Progress"
        )
    provenance = completed.provenance or progress.provenance
    assert provenance is not None
    # The note that the counts are NA no longer holds once a provider filled them.
    notes = tuple(n for n in provenance.notes if n != _NA_NOTE)
    provenance = dataclasses.replace(
        provenance, metadata=provenance.metadata or metadata.name, notes=notes
    )
    return dataclasses.replace(completed, provenance=provenance)


# -- reading ---------------------------------------------------------------------------------


def _kind_by_name(name: str) -> str | None:
    if _HISTORY_NAME.match(name):
        return "history"
    if _SHOWS_NAME.match(name):
        return "shows"
    return None


def _part(name: str) -> int:
    match = _HISTORY_NAME.match(name) or _SHOWS_NAME.match(name)
    return int(match.group(1) or 0) if match else 0


# -- telling files apart ---------------------------------------------------------------------


def _kind_by_content(data: object) -> str | None:
    """The kind of an export file from its JSON: history, shows, profile, empty or None.

    Defers to the project-wide recogniser, :func:`~trakt_analysis.parsers.detect.detect_format`.
    """
    if type(data) is list and not data:
        return "empty"
    return _EXPORT_KINDS.get(detect_format(data) or "")


_EXPORT_KINDS = {"v2-history": "history", "v2-watched-shows": "shows", "export-profile": "profile"}


def _progress_from_files(
    files: list[tuple[str, bytes]],
    label: str,
    *,
    user: str | None,
    specials: bool,
    reset: str = "current",
) -> Progress:
    # Per history file: its entries (parsed JSON), or its plays where the typed path took it.
    history_parts: list[tuple[int, str, list[Any] | TypedPart]] = []
    shows_parts: list[tuple[int, str, list[Any]]] = []
    profiles: list[tuple[str, dict[str, Any]]] = []
    hidden_parts: list[tuple[str, object]] = []
    errors: list[tuple[str, object]] = []
    ratings_parts: list[tuple[str, int, str, bytes]] = []
    # Many small history parts are parsed together, in part order (the typed path).
    merged: set[str] = set()
    for run, joined in merge_small_lists(_history_members(files)):
        typed = typed_history_part(joined)
        if typed is not None:
            history_parts.append((_part(_base(run[0])), run[0], typed))
            merged.update(run)
    for name, raw in files:
        if name in merged:
            continue
        base = _base(name)
        by_name = _kind_by_name(base)
        where = f"{label}: {name}"
        rated = _RATINGS_NAME.match(base)
        if rated:
            ratings_parts.append((rated.group(1).lower(), int(rated.group(2) or 0), name, raw))
            continue
        extra = _extra_kind(base)
        if by_name is None and extra is None and not base.lower().startswith(_MAYBE_WATCH):
            continue  # ratings, lists, watchlist, comments...: not used
        if by_name == "history":
            # The typed path: the plays straight from the bytes, when it takes them
            # (it takes only history entries that load without a warning).
            typed = typed_history_part(raw)
            if typed is not None:
                history_parts.append((_part(base), name, typed))
                continue
        try:
            data = parse_json(raw, label=where)
        except TraktDataError:
            if by_name is not None or extra in ("errors", "hidden"):
                raise
            continue  # an unused file that does not parse costs nothing
        if extra == "errors":
            errors.append((name, data))
            continue
        if extra == "hidden":
            hidden_parts.append((name, data))
            continue
        by_content = _kind_by_content(data)
        if by_name is not None and by_content not in (by_name, "empty"):
            warn(
                f"{where}: the name says {by_name} but the content is not; the file is ignored",
                TraktDataWarning,
            )
            continue
        kind = by_name or by_content
        if kind == "history":
            history_parts.append((_part(base), name, data))
        elif kind == "shows":
            shows_parts.append((_part(base), name, data))
        elif kind == "profile" and type(data) is dict:
            profiles.append((base, data))
    if not any(part for _, _, part in history_parts) and not any(
        part for _, _, part in shows_parts
    ):
        raise TraktDataError(
            f"{label}: no watch data: the export holds no watched-history-N.json or "
            "watched-shows-N.json with entries (is it a trakt.tv account export?); "
            + (files.found() if isinstance(files, Members) else "")
        )
    # Every member is read (the ratings' bytes are kept apart): freed before the history is built.
    files.clear()
    raw = joined = b""
    notes: list[str] = []
    for name, data in errors:
        notes.extend(_failed_endpoints(data, f"{label}: {name}"))
    history, repeated = _history(sorted(history_parts, key=lambda p: (p[0], p[1])), label)
    history_parts.clear()  # the parts' own arrays: freed once joined
    if repeated:
        where = "in two watched-history parts or in a copy of one"
        notes.append(repeats_note("history", repeated, where))
    hidden = _hidden(hidden_parts, label)
    summaries: list[Any] = []
    for _, _, part in sorted(shows_parts, key=lambda p: (p[0], p[1])):
        summaries.extend(part)
    names = ", ".join(name for _, name, _ in shows_parts) or "no watched-shows file"
    parsed = parse_watched_shows(
        summaries or None,
        label=f"{label}: {names}",
        history=history,
        specials=specials,
        reset=reset,
        hidden=hidden,
    )
    for message in notes:
        warn(message, TraktDataWarning)
    issue(parsed.problems)
    for message in parsed.notes:
        warn(message, TraktDataWarning)
    notes.extend(parsed.notes)
    username, timezone = _profile(profiles)
    user = user if user is not None else username
    if timezone is None:
        from ..analysis.timezone import local_timezone  # the one lookup of the machine's zone

        machine = local_timezone()
        notes.append(
            "the export names no time zone (user-settings.json has no account.timezone): "
            f"local times use this machine's zone, {machine}; pass tz= to choose another"
        )
    ratings, rated_twice = _ratings(ratings_parts, label, user)
    if rated_twice:
        note = repeats_note("ratings", rated_twice, "in two ratings parts or in a copy of one")
        warn(note, TraktDataWarning)
        notes.append(note)
    notes.append(_NA_NOTE)
    provenance = Provenance("export", label, timezone=timezone, notes=tuple(notes))
    progress = frames_from_parsed(parsed, user=user, provenance=provenance)
    return dataclasses.replace(progress, ratings=ratings)


def _ratings(
    parts: list[tuple[str, int, str, bytes]], label: str, user: str | None
) -> tuple[pd.DataFrame, int]:
    """The ratings frame from the ``ratings-*.json`` members (empty when there are none),
    and how many repeats of one rated item were dropped.

    Parts are read by type, then page; the rows are newest first (by ``rated_at``).
    """
    pieces = []
    for _, _, name, raw in sorted(parts):
        problems = Problems(f"{label}: {name}")
        data = parse_json(raw, label=problems.label)
        pieces.append(parse_ratings(data, label=problems.label, problems=problems))
        issue(problems)
    if not pieces:
        return ratings_frame(None, user=user), 0
    columns = {
        key: pd.concat([pd.Series(p[key]) for p in pieces], ignore_index=True).array
        for key in pieces[0]
    }
    columns, repeats = drop_repeated(columns, "ratings")
    frame = ratings_frame(columns, user=user)
    frame = frame.sort_values("rated_at", ascending=False, kind="stable", na_position="last")
    return frame.reset_index(drop=True), repeats


def _history_members(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The ``watched-history-N.json`` members, in part order (as :func:`_history` joins them)."""
    named = [
        (_part(base), name, raw)
        for name, raw in files
        if _kind_by_name(base := _base(name)) == "history"
    ]
    named.sort(key=lambda member: member[:2])
    return [(name, raw) for _, name, raw in named]


def _base(name: str) -> str:
    """The file name of a member's name (``/`` separated): as ``PurePosixPath(name).name``."""
    return name if "/" not in name and name not in (".", "..") else PurePosixPath(name).name


def _extra_kind(base: str) -> str | None:
    """The other export files the loader reads: ``_errors.json``, hidden items, the profile."""
    lower = base.lower()
    if lower == "_errors.json":
        return "errors"
    if _HIDDEN_NAME.match(lower):
        return "hidden"
    return None


def _failed_endpoints(data: object, where: str) -> list[str]:
    """One note per ``_errors.json`` entry: the endpoint, the pages fetched of how many, why."""
    if type(data) is not list:
        return [f"{where}: the export says it is partial, in a form not understood: {short(data)}"]
    out = []
    for entry in data:
        if type(entry) is not dict:
            out.append(f"{where}: the export says it is partial: {short(entry)}")
            continue
        endpoint = entry.get("endpoint")
        fetched, total = entry.get("fetchedPages"), entry.get("totalPages")
        pages = f"{fetched} of {total} page(s) fetched" if total else f"{fetched} page(s) fetched"
        file = _ENDPOINT_FILES.get(str(endpoint).split("?")[0].rsplit("/", 1)[-1], "")
        what = f" ({file})" if file else ""
        out.append(
            f"the export is partial: trakt.tv could not read {endpoint}{what}, "
            f"{pages} ({short(entry.get('error'))}); what it holds is incomplete"
        )
    return out


def _history(
    parts: list[tuple[int, str, list[Any] | TypedPart]], label: str
) -> tuple[dict[str, Any] | None, int]:
    """The history columns of every part, one row per history id, newest first; and the repeats."""
    if not parts:
        return None, 0
    pieces = []
    typed: list[TypedPart] = []  # consecutive parts the typed path read: typed once, together
    for _, name, data in parts:
        if isinstance(data, TypedPart):
            typed.append(data)
            continue
        if typed:
            pieces.append(history_columns(typed))
            typed = []
        problems = Problems(f"{label}: {name}")
        pieces.append(parse_history(data, label=problems.label, problems=problems))
        issue(problems)
    if typed:
        pieces.append(history_columns(typed))
    columns = pieces[0]
    if len(pieces) > 1:
        columns = {
            key: pd.concat([pd.Series(p[key]) for p in pieces], ignore_index=True).array
            for key in pieces[0]
        }
    # The same id twice is one play read twice (a copy of a part): kept once, by the
    # rule of every source; one take drops the repeats and puts the rest in order.
    names, required, *_ = REPEAT_KEYS["history"]
    repeats = repeated({name: columns[name] for name in names}, required=required)
    n_repeated = int(repeats.sum())
    kept = np.flatnonzero(~repeats)
    # Newest first, as Trakt writes them; the sort keeps file order among equals.
    order = kept[
        pd.Series(columns["watched_at"][kept] if n_repeated else columns["watched_at"])
        .sort_values(ascending=False, kind="stable", na_position="last")
        .index.to_numpy()
    ]
    if len(order) == len(repeats) and (order == np.arange(len(order))).all():
        return columns, 0  # in order already, nothing repeated: no copy
    return {key: values[order] for key, values in columns.items()}, n_repeated


def _hidden(parts: list[tuple[str, object]], label: str) -> HiddenProgress | None:
    """What ``hidden-progress-watched*.json`` hides; None when the export has no such file."""
    if not parts:
        return None
    hidden = HiddenProgress()
    for name, data in parts:
        part, problems = parse_hidden_progress(data, label=f"{label}: {name}")
        issue(problems)
        hidden.shows |= part.shows
        for key, numbers in part.seasons.items():
            hidden.seasons.setdefault(key, set()).update(numbers)
    return hidden


def _profile(profiles: list[tuple[str, dict[str, Any]]]) -> tuple[str | None, str | None]:
    """(username, time zone) from the settings and profile files, whatever their order.

    ``user-settings.json`` (``{user: {username}, account: {timezone}}``) wins over
    ``user-profile.json`` (``{username}``, no zone); a file without a zone never
    hides one that has it.
    """
    ranked = sorted(profiles, key=lambda p: p[0].lower() != "user-settings.json")
    username = timezone = None
    for _, profile in ranked:
        user = profile.get("user")
        person: dict[str, Any] = user if isinstance(user, dict) else profile
        name = person.get("username")
        account = profile.get("account")
        zone = account.get("timezone") if isinstance(account, dict) else None
        if username is None and isinstance(name, str) and name:
            username = name
        if timezone is None and isinstance(zone, str) and zone:
            timezone = zone
    return username, timezone
