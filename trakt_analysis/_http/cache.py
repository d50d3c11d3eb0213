"""The optional on-disk HTTP cache (requests-cache), so re-running a notebook does not call the API.

Needs the ``cache`` extra: ``pip install 'trakt_analysis[cache]'``. Entries are
keyed on the URL with the API key replaced by a placeholder (see ``_http``), so
neither keys nor stored entries hold the key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import requests

from ..errors import TraktArgumentError, TraktDependencyError, TraktFileError
from .cache_guard import open_cache

__all__ = ["DEFAULT_TTL", "cached_session", "default_cache_dir", "is_complete_json"]

DEFAULT_TTL = timedelta(hours=1)
CACHE_NAME = "http_cache"  # the SQLite file is <cache dir>/http_cache.sqlite


def default_cache_dir() -> Path:
    """The user's cache directory for the toolkit, e.g. ``~/.cache/trakt_analysis``."""
    import platformdirs  # comes with requests-cache

    return Path(platformdirs.user_cache_dir("trakt_analysis", appauthor=False))


def _is_complete_progress(response: requests.Response) -> bool:
    """Cache only what looks like a whole progress list, never a failure body or a cut-off one."""
    body = (response.content or b"").strip()
    return body[:1] == b"[" and body[-1:] == b"]"


def is_complete_json(response: requests.Response) -> bool:
    """Cache a whole JSON list or object (for APIs whose failures are not sent with 200).

    v1 sends failure bodies (objects) with status 200, so its cache keeps to
    :func:`_is_complete_progress`; TVmaze sends objects, and its 404 for an
    unknown show is worth keeping too (see ``allowable_codes``).
    """
    body = (response.content or b"").strip()
    return (body[:1], body[-1:]) in ((b"[", b"]"), (b"{", b"}"))


def _cache_directory(cache_dir: str | os.PathLike[str] | None) -> Path:
    """`cache_dir` (else the user's cache directory), created if needed."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TraktFileError(f"cannot create the cache directory {directory}: {reason}") from None
    return directory


def cached_session(
    cache_dir: str | os.PathLike[str] | None,
    *,
    ttl: float | timedelta | None,
    offline: bool,
    partition: str = "",
    name: str = CACHE_NAME,
    allowable_codes: tuple[int, ...] = (200,),
    filter_fn: Callable[[requests.Response], bool] | None = None,
) -> requests.Session:
    """Return a ``requests_cache.CachedSession`` storing under `cache_dir`.

    Parameters
    ----------
    cache_dir : path or None
        Where the SQLite file goes; None for :func:`default_cache_dir`.
    ttl : float (seconds), timedelta or None
        How long a response is served from the cache; None keeps it forever.
    offline : bool
        Serve only from the cache (expired entries too) and never send a request.
    partition : str
        Mixed into every key, so responses fetched with different auth are kept apart.
    name : str
        The SQLite file's name (``<name>.sqlite``), one per API.
    allowable_codes : tuple of int
        The statuses that are cached.
    filter_fn : callable, optional
        Which responses to keep; by default a whole JSON list (a progress
        response), never a failure body or a cut-off one.
    """
    try:
        import requests_cache
    except ImportError:
        raise TraktDependencyError(
            "the HTTP cache needs requests-cache: pip install 'trakt_analysis[cache]'"
        ) from None
    if ttl is None:
        expire_after: Any = requests_cache.NEVER_EXPIRE
    elif isinstance(ttl, timedelta):
        expire_after = ttl
    elif isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl >= 0:
        expire_after = timedelta(seconds=ttl)
    else:
        raise TraktArgumentError(
            f"cache_ttl must be seconds >= 0, a timedelta or None (never expire), got {ttl!r}"
        )
    directory = _cache_directory(cache_dir)

    def key_fn(request: Any, **kwargs: Any) -> str:
        key = requests_cache.create_key(request, **kwargs)
        if not partition:
            return key
        return hashlib.sha256(f"{key}|{partition}".encode()).hexdigest()[:32]

    return open_cache(
        lambda: requests_cache.CachedSession(
            str(directory / name),
            backend="sqlite",
            expire_after=expire_after,
            allowable_codes=allowable_codes,
            allowable_methods=("GET",),
            filter_fn=filter_fn or _is_complete_progress,
            key_fn=key_fn,
            only_if_cached=offline,
            stale_if_error=offline,
        ),
        directory / f"{name}.sqlite",
    )


#: A request header that only the cache sees: its value is mixed into the cache
#: key (whose data this is, and which version of it), and the adapter removes it
#: before the request goes on the wire.
PARTITION_HEADER = "X-Trakt-Analysis-Cache-Partition"


def _is_json_document(response: requests.Response) -> bool:
    """Cache only a whole JSON list or object, never a failure page or a cut-off body."""
    body = (response.content or b"").strip()
    return (body[:1], body[-1:]) in ((b"[", b"]"), (b"{", b"}"))


def partitioned_session(
    cache_dir: str | os.PathLike[str] | None, *, offline: bool
) -> requests.Session:
    """A ``requests_cache.CachedSession`` for API v2, keyed on URL + :data:`PARTITION_HEADER`.

    Entries never expire by themselves: each request says how long its answer
    may be used (``expire_after=``), and a partition that names the data's
    version (e.g. the show's ``last_watched_at``) makes a changed show a new
    key, so an unchanged one is served without a request. Responses that are
    the same for every user (show metadata) use no user in their partition and
    are shared across users. Keys are SHA-256 hashes: no URL, user or secret
    shows in the database's keys or file name. ``offline`` serves only the
    cache, expired entries included.
    """
    try:
        import requests_cache
    except ImportError:
        raise TraktDependencyError(
            "the HTTP cache needs requests-cache: pip install 'trakt_analysis[cache]'"
        ) from None
    directory = _cache_directory(cache_dir)

    def key_fn(request: Any, **kwargs: Any) -> str:
        key = requests_cache.create_key(request, **kwargs)
        partition = request.headers.get(PARTITION_HEADER, "")
        return hashlib.sha256(f"{key}|{partition}".encode()).hexdigest()[:40]

    return open_cache(
        lambda: requests_cache.CachedSession(
            str(directory / "api_v2_cache"),
            backend="sqlite",
            expire_after=requests_cache.NEVER_EXPIRE,
            allowable_codes=(200,),
            allowable_methods=("GET",),
            filter_fn=_is_json_document,
            key_fn=key_fn,
            only_if_cached=offline,
            stale_if_error=offline,
        ),
        directory / "api_v2_cache.sqlite",
    )
