"""The optional on-disk HTTP cache (requests-cache), so re-running a notebook does not call the API.

Needs the ``cache`` extra: ``pip install 'trakt_analysis[cache]'``. Entries are
keyed on the URL with the API key replaced by a placeholder (see ``_http``), so
neither keys nor stored entries hold the key.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests

from ..errors import TraktDependencyError, TraktFileError
from .cache_guard import open_cache
from .private import private_file, private_folder

__all__ = ["DEFAULT_TTL", "cached_session", "default_cache_dir", "is_complete_json"]

DEFAULT_TTL = timedelta(hours=1)
CACHE_NAME = "http_cache"  # the SQLite file is <cache dir>/http_cache.sqlite


def default_cache_dir() -> Path:
    """The user's cache directory for the toolkit, e.g. ``~/.cache/trakt_analysis``."""
    import platformdirs  # comes with requests-cache

    return Path(platformdirs.user_cache_dir("trakt_analysis", appauthor=False))


def is_complete_json(response: requests.Response) -> bool:
    """Cache a whole JSON list or object, never a failure page or a cut-off body."""
    body = (response.content or b"").strip()
    return (body[:1], body[-1:]) in ((b"[", b"]"), (b"{", b"}"))


def _cache_directory(cache_dir: str | os.PathLike[str] | None) -> Path:
    """`cache_dir` (else the user's cache directory), created (0700) if needed."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        private_folder(directory)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TraktFileError(f"cannot create the cache directory {directory}: {reason}") from None
    return directory


def cached_session(
    cache_dir: str | os.PathLike[str] | None,
    *,
    name: str = CACHE_NAME,
    expire_after: float | timedelta | None,
    offline: bool,
    partition: str = "",
    allowable_codes: tuple[int, ...] = (200,),
    filter_fn: Callable[[requests.Response], bool] | None = None,
    extra: str = "cache",
) -> requests.Session:
    """Return a ``requests_cache.CachedSession`` storing in ``<cache_dir>/<name>.sqlite``.

    The folder is created 0700 and the file 0600 (it holds the user's watch
    history and settings); an existing file others may read is narrowed to 0600
    with a :class:`~trakt_analysis.TraktWarning`.

    Keys are SHA-256 digests of the request's key, `partition` and the
    request's :data:`~trakt_analysis._http.client.PARTITION_HEADER` (whose data
    this is, and which version of it): no URL, user or secret shows in the
    database's keys or file name.

    Parameters
    ----------
    cache_dir : path or None
        Where the SQLite file goes; None for :func:`default_cache_dir`.
    name : str
        The SQLite file's name, one per API.
    expire_after : float (seconds), timedelta or None
        How long a response is served from the cache; None keeps it until a
        request says otherwise (``expire_after=`` per request).
    offline : bool
        Serve only from the cache (expired entries too) and never send a request.
    partition : str
        Mixed into every key, so responses fetched with different auth are kept apart.
    allowable_codes : tuple of int
        The statuses that are cached.
    filter_fn : callable, optional
        Which responses to keep (never a failure body or a cut-off one).
    extra : str
        The package extra that installs requests-cache, for the message when it is missing.
    """
    try:
        import requests_cache
    except ImportError:
        raise TraktDependencyError(
            f"the HTTP cache needs requests-cache: pip install 'trakt_analysis[{extra}]', "
            "or pass cache=False"
        ) from None
    from .client import PARTITION_HEADER, cache_key_digest, check_ttl

    ttl = check_ttl(expire_after)
    directory = _cache_directory(cache_dir)

    def key_fn(request: Any, **kwargs: Any) -> str:
        key = requests_cache.create_key(request, **kwargs)
        return cache_key_digest(key, partition, request.headers.get(PARTITION_HEADER, ""))

    db_path = directory / f"{name}.sqlite"

    def make() -> requests.Session:
        # Created 0600 before SQLite opens it (its -wal/-journal files copy the mode):
        # the answers are the user's watch history and settings.
        private_file(
            db_path,
            f"the HTTP cache {db_path}",
            "It holds your watch history; if others had access, delete it.",
        )
        return requests_cache.CachedSession(
            str(directory / name),
            backend="sqlite",
            expire_after=requests_cache.NEVER_EXPIRE if ttl is None else ttl,
            allowable_codes=allowable_codes,
            allowable_methods=("GET",),
            filter_fn=filter_fn or is_complete_json,
            key_fn=key_fn,
            only_if_cached=offline,
            stale_if_error=offline,
        )

    return open_cache(make, db_path)
