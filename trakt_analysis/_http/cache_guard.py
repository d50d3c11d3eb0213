"""A damaged cache database is named, moved aside and rebuilt, never a bare ``sqlite3`` error.

The on-disk cache (requests-cache's SQLite file) can be damaged by a full disk,
a crash of another program, or a file copied half-way. Opening it then raises
``sqlite3.DatabaseError`` on every run. :func:`open_cache` moves a file that
cannot be opened aside (``<name>.damaged``) with a warning and starts an empty
cache; damage found later, while reading an answer, is a
:class:`~trakt_analysis.TraktFileError` that names the file and how to clear it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from .._warnings import warn
from ..errors import TraktFileError, TraktWarning

__all__ = ["cache_file", "damaged_cache_error", "open_cache"]

_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def open_cache(make: Callable[[], requests.Session], db_path: Path) -> requests.Session:
    """``make()``, the cached session; a damaged `db_path` is moved aside and made anew.

    Raises
    ------
    TraktFileError
        The cache cannot be opened even afresh (e.g. the folder is read-only).
    """
    problem = None
    try:
        return _probed(make())
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    aside = db_path.with_name(db_path.name + ".damaged")
    try:
        for suffix in _SIDE_FILES:
            source = Path(f"{db_path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{aside}{suffix}"))
    except OSError as exc:
        raise TraktFileError(
            f"the HTTP cache {db_path} is damaged ({problem}) and cannot be moved aside "
            f"({exc.strerror}); delete it, or pass cache=False"
        ) from None
    warn(
        f"the HTTP cache {db_path} was damaged ({problem}); it was moved to {aside} and "
        "an empty cache started (answers are asked again)",
        TraktWarning,
    )
    failure = None
    try:
        return _probed(make())
    except sqlite3.DatabaseError as exc:
        failure = str(exc)
    raise TraktFileError(f"cannot open the HTTP cache {db_path}: {failure}; pass cache=False")


def _probed(session: requests.Session) -> requests.Session:
    """`session`, after one read of its database (damage shows on the first read)."""
    responses = getattr(getattr(session, "cache", None), "responses", None)
    if responses is not None:
        len(responses)
    return session


def cache_file(session: Any) -> str:
    """The cache database's path, for messages (or "the HTTP cache" when unknown)."""
    path = getattr(getattr(getattr(session, "cache", None), "responses", None), "db_path", None)
    return str(path) if path else "the HTTP cache"


def damaged_cache_error(session: Any, exc: sqlite3.Error, label: str) -> TraktFileError:
    """Say which cache file is damaged and how to clear it."""
    return TraktFileError(
        f"{label}: the HTTP cache {cache_file(session)} is damaged or locked ({exc}); "
        "delete that file to clear the cache, or pass cache=False"
    )
