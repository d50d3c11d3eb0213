"""HTTP client for the v1 ``user/progress/watched`` endpoint, and the one-step fetch.

>>> import trakt_analysis as ta
>>> progress = ta.fetch_progress("justin")  # doctest: +SKIP
>>> shows, seasons, episodes = progress  # doctest: +SKIP

The API key goes into the URL path only on the wire (see ``_http``): it never
appears in an error message, a repr, a log record, or the cache.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import requests
from urllib3.util.retry import Retry

from .._http.cache import DEFAULT_TTL
from .._http.client import USER_AGENT, HTTPClient, check_text  # noqa: F401 (USER_AGENT: old home)
from .._http.limits import HTTPLimits
from .._http.redact import REDACTED, Secret, register_basic_auth, register_secret
from .._http.responses import parse_response
from .._http.session import KEY_PLACEHOLDER
from .._validate import check_choice
from ..errors import TraktArgumentError
from ..parsers.detect import api_error_words
from ..parsers.v1 import check_failure_body
from ..progress import Progress
from ..schema import API_SORT_ORDERS
from ..sources.files import load_progress

__all__ = [
    "DEFAULT_BASE_URL",
    "EXTENDED_LEVELS",
    "TraktAuth",
    "TraktClient",
    "fetch_progress",
]

DEFAULT_BASE_URL = "http://api.trakt.tv"
EXTENDED_LEVELS = ("normal", "full")
#: The v1 endpoint's ``sort`` segment (the seed doc's list). The server sorts; this
#: is the API's parameter, not :func:`~trakt_analysis.sort_shows`' list.
#: The sort orders API v1 takes: the API's six (schema.API_SORT_ORDERS).
V1_SORTS = API_SORT_ORDERS
_SHA1_HEX = re.compile(r"^[0-9a-fA-F]{40}$")


class TraktAuth:
    """The seed's optional authentication: a username and the SHA-1 digest of the password.

    Only the digest is kept, in memory; it is sent as HTTP Basic auth.

    Parameters
    ----------
    username : str
        The trakt.tv username to authenticate as.
    password : str, optional
        The plain password; it is hashed at once and not kept.
    password_sha1 : str, optional
        The SHA-1 hex digest of the password, instead of `password`.
    """

    __slots__ = ("_digest", "username")

    def __init__(
        self, username: str, password: str | None = None, *, password_sha1: str | None = None
    ) -> None:
        if not isinstance(username, str) or not username:
            raise TraktArgumentError(f"auth username must be a non-empty str, got {username!r}")
        if (password is None) == (password_sha1 is None):
            raise TraktArgumentError("auth needs exactly one of password or password_sha1")
        if password is not None:
            if not isinstance(password, str):
                raise TraktArgumentError("auth password must be a str")
            digest = hashlib.sha1(password.encode("utf-8")).hexdigest()
        else:
            if not isinstance(password_sha1, str) or not _SHA1_HEX.match(password_sha1):
                raise TraktArgumentError("password_sha1 must be the 40-character SHA-1 hex digest")
            digest = password_sha1.lower()
        self.username = username
        self._digest = digest
        register_basic_auth(username, digest)

    def __repr__(self) -> str:
        return f"TraktAuth(username={self.username!r}, password_sha1={REDACTED})"

    def __reduce__(self) -> Any:
        raise TypeError("TraktAuth holds a secret and cannot be pickled")

    def _header(self) -> str:
        from requests.auth import _basic_auth_str

        return _basic_auth_str(self.username, self._digest)


def _segment(value: str) -> str:
    """URL-encode one path segment."""
    if value in (".", ".."):  # would be read as path navigation, even encoded
        raise TraktArgumentError(f"{value!r} is not a valid username or title")
    return quote(value, safe="")


def _titles_segment(titles: str | int | Iterable[str | int]) -> str:
    items: list[str | int]
    if isinstance(titles, str):
        items = list(titles.split(","))  # the seed's own comma-delimited form
    elif isinstance(titles, int) and not isinstance(titles, bool):
        items = [titles]
    elif isinstance(titles, Iterable):
        items = list(titles)
    else:
        raise TraktArgumentError(
            f"titles must be a slug, a TVDB id, or a list of them, got {type(titles).__name__}"
        )
    parts = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise TraktArgumentError(
                f"each title must be a slug (str) or a TVDB id (int), got {item!r}"
            )
        text = str(item).strip()
        if not text:
            raise TraktArgumentError(f"empty title in titles={titles!r}")
        parts.append(_segment(text))
    if not parts:
        raise TraktArgumentError("titles is empty; pass None for every show")
    return ",".join(parts)


def progress_watched_path(
    username: str,
    titles: str | int | Iterable[str | int] | None = None,
    sort: str = "title",
    extended: str | None = None,
) -> str:
    """The request path, with a placeholder for the API key.

    Optional segments are left off at the end; ``all`` and ``title`` (the
    seed's defaults) fill in when a later segment is needed.

    Raises
    ------
    TraktArgumentError
        An empty username, a bad title, or an unknown `sort` or `extended`.
    """
    if not isinstance(username, str) or not username.strip():
        raise TraktArgumentError(f"username must be a non-empty str, got {username!r}")
    check_choice(sort, V1_SORTS, name="sort", func="progress_watched")
    check_choice(extended, (None, *EXTENDED_LEVELS), name="extended", func="progress_watched")
    segments = ["user", "progress", "watched.json", KEY_PLACEHOLDER, _segment(username.strip())]
    optional = [
        None if titles is None else _titles_segment(titles),
        None if sort == "title" else sort,
        extended,
    ]
    defaults = ["all", "title", None]
    last = max((i for i, v in enumerate(optional) if v is not None), default=-1)
    for i in range(last + 1):
        segments.append(optional[i] if optional[i] is not None else defaults[i])  # type: ignore[arg-type]
    return "/" + "/".join(segments)


class TraktClient(HTTPClient):
    """A polite, safe client for the v1 ``user/progress/watched`` endpoint.

    Parameters
    ----------
    api_key : str, optional
        The API key; defaults to the ``TRAKT_API_KEY`` environment variable.
        Not needed in offline mode.
    base_url : str, optional
        Where the API lives; defaults to ``TRAKT_BASE_URL``, else
        ``http://api.trakt.tv`` (v1 is gone: point this at a compatible server).
    auth : TraktAuth or (username, password) tuple, optional
        Sent as HTTP Basic auth with the password's SHA-1 digest. With auth,
        shows carry the viewer's fields (watched, plays, in watchlist, rating).
    session : requests.Session, optional
        Your own session; the client mounts its adapter on it for `base_url`.
    timeout : float or (float, float)
        Seconds to connect and to wait for the answer.
    retries : int or urllib3.util.Retry
        Retries for 429, 5xx, timeouts and broken connections.
    backoff : float
        urllib3's backoff factor between retries (0, 2b, 4b, ... seconds).
    retry_after_margin : float
        Seconds added to the server's ``Retry-After``.
    max_retry_time : float
        No retry whose wait would end later than this after the first failure.
    cache : bool or path
        Keep responses in an on-disk cache (needs the ``cache`` extra): True for
        the user's cache directory, or the directory to use.
    cache_ttl : float (seconds), timedelta or None
        How long cached responses are used; None for ever.
    offline : bool
        Serve only from the cache (expired entries too); a miss raises
        :class:`~trakt_analysis.TraktCacheMissError`. Implies ``cache=True``.
    http_limits : HTTPLimits, optional
        Bounds on an answer's decoded size and time (:class:`~trakt_analysis.HTTPLimits`).

    Examples
    --------
    >>> with TraktClient("my-api-key", base_url="http://localhost:8000") as client:
    ...     data = client.progress_watched("justin", sort="activity")  # doctest: +SKIP
    """

    DEFAULT_URL = DEFAULT_BASE_URL
    URL_ENV = "TRAKT_BASE_URL"
    CACHE_FILE = "http_cache"

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        auth: TraktAuth | tuple[str, str] | None = None,
        session: requests.Session | None = None,
        timeout: float | tuple[float, float] = 10.0,
        retries: int | Retry = 3,
        backoff: float = 0.5,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 60.0,
        cache: bool | str | os.PathLike[str] = False,
        cache_ttl: float | timedelta | None = DEFAULT_TTL,
        offline: bool = False,
        http_limits: HTTPLimits | None = None,
    ) -> None:
        key = check_text(api_key, what="api_key", env="TRAKT_API_KEY")
        if key is None and not offline:
            raise TraktArgumentError("no API key: pass api_key=... or set TRAKT_API_KEY")
        if key is not None:
            register_secret(key)
        if isinstance(auth, tuple):
            if len(auth) != 2:
                raise TraktArgumentError("auth must be a TraktAuth or a (username, password) pair")
            auth = TraktAuth(auth[0], auth[1])
        elif auth is not None and not isinstance(auth, TraktAuth):
            raise TraktArgumentError(
                "auth must be a TraktAuth or a (username, password) pair, "
                f"not {type(auth).__name__}"
            )
        self.auth = auth
        self._api_key = None if key is None else Secret(key)
        self._basic = Secret(auth._header()) if auth else None
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            retry_after_margin=retry_after_margin,
            max_retry_time=max_retry_time,
            cache=cache,
            cache_ttl=cache_ttl,
            offline=offline,
            session=session,
            cache_partition=auth.username if auth else "",
            http_limits=http_limits,
        )

    def _authorize(self, wire: requests.PreparedRequest) -> None:
        if self._api_key is not None and wire.url:
            key = quote(self._api_key.reveal(), safe="")
            wire.url = wire.url.replace(f"/{KEY_PLACEHOLDER}/", f"/{key}/", 1)
        if self._basic is not None:
            wire.headers["Authorization"] = self._basic.reveal()

    def _scrub(self, response: requests.Response) -> None:
        location = response.headers.get("Location")
        if location and self._api_key:
            key = self._api_key.reveal()
            response.headers["Location"] = location.replace(
                quote(key, safe=""), KEY_PLACEHOLDER
            ).replace(key, KEY_PLACEHOLDER)

    def _cacheable(self, response: requests.Response) -> bool:
        # Only a whole list (a progress answer): v1 sends failure bodies (objects) with 200.
        body = (response.content or b"").strip()
        return body[:1] == b"[" and body[-1:] == b"]"

    def _repr_fields(self) -> dict[str, str]:
        return {"api_key": REDACTED, "auth": repr(self.auth)}

    def progress_watched_url(
        self,
        username: str,
        titles: str | int | Iterable[str | int] | None = None,
        sort: str = "title",
        extended: str | None = None,
    ) -> str:
        """The URL :meth:`progress_watched` requests, with the API key shown as ``<redacted>``."""
        path = progress_watched_path(username, titles, sort, extended)
        return (self.base_url + path).replace(KEY_PLACEHOLDER, REDACTED)

    def progress_watched(
        self,
        username: str,
        titles: str | int | Iterable[str | int] | None = None,
        sort: str = "title",
        extended: str | None = None,
    ) -> Any:
        """GET ``user/progress/watched`` and return the parsed response (a list of shows).

        Parameters
        ----------
        username : str
            Whose progress.
        titles : str, int or list of them, optional
            Slugs or TVDB ids (a str may be the seed's comma-delimited list);
            None for every show.
        sort : str
            One of :data:`V1_SORTS`; the server sorts.
        extended : {None, 'normal', 'full'}
            How much show detail to include.

        Raises
        ------
        TraktArgumentError
            A bad argument, before any request is made.
        TraktAuthError, TraktNotFoundError, TraktRateLimitError, TraktHTTPError
            The server answered 401, 404, 429 (after retries), or another error,
            or a body that is not whole JSON.
        TraktAPIError
            A v1 failure body (also with status 200).
        TraktConnectionError
            A timeout, a refused or reset connection, a cut-off body.
        TraktCacheMissError
            Offline mode, and the response is not cached.
        """
        url = self.base_url + progress_watched_path(username, titles, sort, extended)
        label = "GET " + url.replace(KEY_PLACEHOLDER, REDACTED)
        response = self._request("GET", url, label=label)
        return parse_response(
            response, label, check_body=check_failure_body, error_words=api_error_words
        )


_CLIENT_OPTIONS = frozenset(inspect.signature(TraktClient.__init__).parameters) - {"self"}


def fetch_progress(
    username: str,
    *,
    titles: str | int | Iterable[str | int] | None = None,
    sort: str = "title",
    extended: str | None = None,
    client: TraktClient | None = None,
    **client_kwargs: Any,
) -> Progress:
    """Fetch a user's watched progress and load it into the three frames.

    Parameters
    ----------
    username : str
        Whose progress; also fills the frames' ``user`` column.
    titles, sort, extended
        As in :meth:`TraktClient.progress_watched`.
    client : TraktClient, optional
        The client to use; otherwise one is made from `client_kwargs` (e.g.
        ``api_key=``, ``base_url=``, ``cache=True``) and closed afterwards.

    Returns
    -------
    Progress
        ``shows, seasons, episodes = fetch_progress(...)``.

    Examples
    --------
    >>> shows, seasons, episodes = fetch_progress("justin", cache=True)  # doctest: +SKIP
    """
    if client is not None and client_kwargs:
        raise TraktArgumentError(
            f"pass either client= or client options ({', '.join(sorted(client_kwargs))}), not both"
        )
    unknown = set(client_kwargs) - _CLIENT_OPTIONS
    if unknown:
        raise TraktArgumentError(
            f"unknown client option(s) {', '.join(sorted(unknown))}; "
            f"valid: {', '.join(sorted(_CLIENT_OPTIONS))}"
        )
    if client is not None:
        data = client.progress_watched(username, titles, sort, extended)
    else:
        with TraktClient(**client_kwargs) as own:
            data = own.progress_watched(username, titles, sort, extended)
    return load_progress(data, user=username)
