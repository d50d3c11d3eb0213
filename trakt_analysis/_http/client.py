"""One HTTP client base under every API client: the template for the next one.

:class:`HTTPClient` owns what every API client shares: the base URL (checked,
with its environment variable), the timeout (checked), urllib3's retries, the
throttle, the on-disk cache or offline mode, the User-Agent, redaction, the
repr, :meth:`~HTTPClient.close` and ``with``. An API client (``TraktClient``
for v1, ``TraktAPI`` for v2, ``TVmaze``) subclasses it and adds its routes,
its secrets (:meth:`HTTPClient._authorize`) and its parsing.

Every request on the wire passes :class:`Transport` (an ``HTTPAdapter``),
behind the cache: a cache hit never reaches it. The transport puts the secrets
on a copy of the request, applies the per-request :class:`Policy` objects
(redirect, size and deadline rules plug in here), waits for the throttle and
sends. urllib3's own retries happen below the adapter, so :class:`PoliteRetry`
waits for the same throttle before each one: every request the throttle lets
through is counted, retries included.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any, ClassVar, Protocol, Self, cast
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .._version import __version__
from ..errors import TraktArgumentError, TraktCacheMissError, TraktError
from .cache_guard import damaged_cache_error
from .limits import AnswerPolicy, HTTPLimits, as_limits
from .redact import install_log_filter
from .responses import transport_error
from .session import RETRY_STATUSES, PoliteRetry
from .throttle import CLIENT_BUDGET, RateLimit, Throttle

__all__ = [
    "PARTITION_HEADER",
    "USER_AGENT",
    "HTTPClient",
    "Policy",
    "Transport",
    "check_text",
    "check_timeout",
    "check_ttl",
    "check_url",
    "make_retry",
]

USER_AGENT = f"trakt_analysis/{__version__} (python-requests/{requests.__version__})"

#: A request header that only the cache sees: its value is mixed into the cache
#: key (whose data this is, and which version of it); the transport removes it
#: before the request goes on the wire.
PARTITION_HEADER = "X-Trakt-Analysis-Cache-Partition"


# -- one convention per argument ---------------------------------------------------------


def check_url(url: str | None, *, what: str, env: str | None, default: str) -> str:
    """`url`, else the variable `env`, else `default`: an http(s) URL without a final ``/``.

    Raises
    ------
    TraktArgumentError
        Not a str, not http(s), or holding a query, a fragment or credentials.
    """
    if url is None:
        url = (os.environ.get(env, "").strip() if env else "") or default
    if not isinstance(url, str):
        raise TraktArgumentError(f"{what} must be a str, got {type(url).__name__}")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        source = f" (from {env})" if env and os.environ.get(env) == url else ""
        raise TraktArgumentError(f"{what} must be an http(s) URL like {default!r}{source}")
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise TraktArgumentError(f"{what} must not hold a query, a fragment or credentials")
    return url.strip().rstrip("/")


def check_text(value: str | None, *, what: str, env: str) -> str | None:
    """`value`, else the variable `env`, stripped; None when neither holds any text.

    Raises
    ------
    TraktArgumentError
        `value` is not a str.
    """
    value = value if value is not None else os.environ.get(env)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TraktArgumentError(f"{what} must be a str, got {type(value).__name__}")
    return value.strip() or None


def check_timeout(timeout: Any) -> float | tuple[float, float]:
    """Seconds > 0, or a (connect, read) pair of them."""
    values = timeout if isinstance(timeout, tuple) else (timeout,)
    if len(values) not in (1, 2) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in values
    ):
        raise TraktArgumentError(
            f"timeout must be seconds > 0 or a (connect, read) pair, got {timeout!r}"
        )
    return timeout


def check_ttl(ttl: Any, what: str = "cache_ttl") -> timedelta | None:
    """Seconds >= 0 or a timedelta as a timedelta; None (never expire) stays None."""
    if ttl is None:
        return None
    if isinstance(ttl, timedelta) and ttl >= timedelta(0):
        return ttl
    if isinstance(ttl, int | float) and not isinstance(ttl, bool) and ttl >= 0:
        return timedelta(seconds=ttl)
    raise TraktArgumentError(
        f"{what} must be seconds >= 0, a timedelta or None (never expire), got {ttl!r}"
    )


_RETRY_FIELDS = tuple(p for p in inspect.signature(Retry.__init__).parameters if p != "self")


def make_retry(
    retries: int | Retry,
    *,
    backoff: float = 0.5,
    retry_after_margin: float = 1.0,
    max_retry_time: float = 60.0,
    throttle: Throttle | None = None,
) -> PoliteRetry:
    """urllib3's retry policy for an int (429, 5xx, timeouts, broken connections), or yours.

    A ``Retry`` you pass keeps its settings; it is made a :class:`PoliteRetry`
    so that each retry waits for the throttle (and is counted).
    """
    if isinstance(retries, Retry):
        if isinstance(retries, PoliteRetry):
            return retries.new(throttle=throttle)
        params = {name: getattr(retries, name) for name in _RETRY_FIELDS if hasattr(retries, name)}
        return PoliteRetry(**params, throttle=throttle)
    if type(retries) is not int or retries < 0:
        raise TraktArgumentError(f"retries must be an int >= 0 or a Retry, got {retries!r}")
    if not isinstance(backoff, int | float) or isinstance(backoff, bool) or backoff < 0:
        raise TraktArgumentError(f"backoff must be seconds >= 0, got {backoff!r}")
    return PoliteRetry(
        total=retries,
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff,
        raise_on_status=False,  # the last 429/5xx comes back, to be described
        retry_after_margin=retry_after_margin,
        max_retry_time=max_retry_time,
        redirect=5,
        throttle=throttle,
    )


# -- the transport -----------------------------------------------------------------------


class Policy(Protocol):
    """A per-request rule the transport applies to every request it sends.

    ``before(wire, options)`` sees the request about to go on the wire (with
    its secrets) and the ``send`` options (``timeout``, ``stream``...), and may
    change them or raise a :class:`~trakt_analysis.TraktError`; ``after(wire,
    response)`` sees the answer before anyone else (redirects, size caps,
    deadlines plug in here).
    """

    def before(self, wire: requests.PreparedRequest, options: dict[str, Any]) -> None: ...

    def after(self, wire: requests.PreparedRequest, response: requests.Response) -> None: ...


class Transport(HTTPAdapter):
    """The adapter every request on the wire passes: secrets, policies, throttle, offline.

    Parameters
    ----------
    throttle : Throttle
        Waits before each request (urllib3's retries wait in :class:`PoliteRetry`).
    max_retries : PoliteRetry
        urllib3's retry policy.
    offline : bool
        Refuse every request (only the cache answers).
    authorize : callable, optional
        ``authorize(wire)`` puts the secrets (API key, ``Authorization``) on the
        copy of the request that goes on the wire; the session, the cache and
        the response handed back never see them.
    scrub : callable, optional
        ``scrub(response)`` takes secrets out of what comes back (e.g. a
        ``Location`` holding the key).
    policies : sequence of Policy
        Per-request rules, applied in order.
    """

    def __init__(
        self,
        *,
        throttle: Throttle,
        max_retries: Retry,
        offline: bool = False,
        authorize: Callable[[requests.PreparedRequest], None] | None = None,
        scrub: Callable[[requests.Response], None] | None = None,
        policies: Sequence[Policy] = (),
    ) -> None:
        super().__init__(max_retries=max_retries)
        self.throttle = throttle
        self._offline = offline
        self._authorize = authorize
        self._scrub = scrub
        # The client's own list: a policy it adds later applies at once.
        self.policies = policies if isinstance(policies, list) else list(policies)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} offline={self._offline}>"

    def __getstate__(self) -> dict[str, Any]:
        state = cast(dict[str, Any], super().__getstate__())  # requests' own dict
        state["_authorize"] = state["_scrub"] = None  # never pickle a way to a secret
        return state

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self._offline:
            raise TraktCacheMissError(
                f"offline mode: {request.method} {request.url} is not in the cache"
            )
        install_log_filter()
        wire = request.copy()
        wire.headers.pop(PARTITION_HEADER, None)
        request.headers.pop(PARTITION_HEADER, None)
        if self._authorize is not None:
            self._authorize(wire)
        for policy in self.policies:
            policy.before(wire, kwargs)
        self.throttle.wait(request.method or "GET")
        response = super().send(wire, *args, **kwargs)
        for policy in self.policies:
            policy.after(wire, response)
        # Hand back only what holds no secret.
        response.request = request
        response.url = request.url or ""
        if getattr(response.raw, "_request_url", None) is not None:
            response.raw._request_url = request.url
        if self._scrub is not None:
            self._scrub(response)
        return response


# -- the base ----------------------------------------------------------------------------


class HTTPClient:
    """The base of every API client: session, retries, throttle, cache or offline, timeout.

    Subclasses set :attr:`DEFAULT_URL`, :attr:`URL_ENV`, :attr:`CACHE_FILE` and
    :attr:`RATE_LIMITS`, call ``super().__init__(...)``, and add their routes. The
    arguments follow one convention in every client:

    Parameters
    ----------
    base_url : str, optional
        Where the API lives; None reads :attr:`URL_ENV`, else :attr:`DEFAULT_URL`.
    timeout : float or (float, float)
        Seconds to connect and to wait for the answer (> 0).
    retries : int or urllib3.util.Retry
        Retries of 429 (after ``Retry-After`` plus `retry_after_margin`), 5xx,
        timeouts and broken connections.
    backoff : float
        urllib3's backoff factor between retries (0, 2b, 4b, ... seconds).
    retry_after_margin : float
        Seconds added to the server's ``Retry-After``.
    max_retry_time : float
        No retry whose wait would end later than this after the first failure.
    cache : bool or path
        Keep answers in an on-disk cache (requests-cache, the ``cache`` extra):
        True for the user's cache directory, or the directory to use.
    cache_ttl : float (seconds), timedelta or None
        How long cached answers are used; None for ever.
    offline : bool
        Only the cache answers (expired entries too); a miss raises
        :class:`~trakt_analysis.TraktCacheMissError`. Implies ``cache=True``.
    session : requests.Session, optional
        Your own session (not with `cache`); the client mounts its transport on it.
    rate_limits : dict, optional
        Method -> :class:`~trakt_analysis._http.throttle.RateLimit`; :attr:`RATE_LIMITS` by default.
    sleep : callable
        ``time.sleep``; tests pass a fake.
    policies : sequence of Policy
        Per-request rules for the transport.
    cache_partition : str
        Mixed into every cache key (whose data: e.g. the signed-in user).
    cache_expire_after : timedelta, optional
        The cache's default lifetime when it is not `cache_ttl` (requests
        then say their own with ``expire_after=``).
    http_limits : HTTPLimits, optional
        Bounds on each answer (decoded size, time for its body), the pages of
        a list and the sign-in's waits (:class:`~trakt_analysis.HTTPLimits`);
        its policy (:class:`~trakt_analysis._http.limits.AnswerPolicy`, which
        also refuses redirects to another origin) comes first in `policies`.
    """

    #: Where the API lives when neither `base_url` nor the environment says.
    DEFAULT_URL: ClassVar[str] = ""
    #: The environment variable that may name the base URL.
    URL_ENV: ClassVar[str | None] = None
    #: The cache's SQLite file (``<cache dir>/<CACHE_FILE>.sqlite``), one per API.
    CACHE_FILE: ClassVar[str] = "http_cache"
    #: The statuses the cache keeps.
    CACHE_CODES: ClassVar[tuple[int, ...]] = (200,)
    #: The rate limits the throttle keeps to.
    RATE_LIMITS: ClassVar[Mapping[str, RateLimit]] = CLIENT_BUDGET
    #: The extra that installs requests-cache, named in the message when it is missing.
    CACHE_EXTRA: ClassVar[str] = "cache"
    user_agent: ClassVar[str] = USER_AGENT

    _session: requests.Session

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float | tuple[float, float] = 10.0,
        retries: int | Retry = 3,
        backoff: float = 0.5,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 60.0,
        cache: bool | str | os.PathLike[str] = False,
        cache_ttl: float | timedelta | None = None,
        offline: bool = False,
        session: requests.Session | None = None,
        rate_limits: Mapping[str, RateLimit] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        policies: Sequence[Policy] = (),
        cache_partition: str = "",
        cache_expire_after: timedelta | bool | None = False,
        http_limits: HTTPLimits | None = None,
    ) -> None:
        self.base_url = check_url(
            base_url, what="base_url", env=self.URL_ENV, default=self.DEFAULT_URL
        )
        self.timeout = check_timeout(timeout)
        self.cache_ttl = check_ttl(cache_ttl)
        self.offline = bool(offline)
        self.http_limits = as_limits(http_limits)
        self.policies: list[Policy] = [AnswerPolicy(self.http_limits), *policies]
        self.throttle = Throttle(
            dict(rate_limits if rate_limits is not None else self.RATE_LIMITS), sleep=sleep
        )
        self._retry = make_retry(
            retries,
            backoff=backoff,
            retry_after_margin=retry_after_margin,
            max_retry_time=max_retry_time,
            throttle=self.throttle,
        )
        install_log_filter()
        if self.offline and cache is False:
            cache = True
        if session is not None and cache is not False:
            raise TraktArgumentError("pass either session= or cache=/offline=, not both")
        self._cached = cache is not False
        self._cache_label = "off" if session is None else "session"
        self._plain: requests.Session | None = None
        if session is None:
            if cache is False:
                session = requests.Session()
            else:
                from .cache import cached_session

                cache_dir = None if cache is True else os.fspath(cache)
                self._cache_label = cache_dir or "user cache dir"
                session = cached_session(
                    cache_dir,
                    name=self.CACHE_FILE,
                    expire_after=self.cache_ttl
                    if cache_expire_after is False
                    else cache_expire_after,
                    offline=self.offline,
                    partition=cache_partition,
                    allowable_codes=self.CACHE_CODES,
                    filter_fn=self._cacheable,
                    extra=self.CACHE_EXTRA,
                )
                if not self.offline:
                    prune_cache(session)
        self._session = session
        self._mount(session, self.base_url, authorize=self._authorize, retry=self._retry)

    # -- for subclasses ------------------------------------------------------------------

    def _authorize(self, wire: requests.PreparedRequest) -> None:
        """Put the client's secrets on the wire copy of a request (none by default)."""

    def _scrub(self, response: requests.Response) -> None:
        """Take secrets out of an answer before anyone sees it (nothing by default)."""

    def _cacheable(self, response: requests.Response) -> bool:
        """Which answers the cache keeps: by default a whole JSON list or object."""
        from .cache import is_complete_json

        return is_complete_json(response)

    def _repr_fields(self) -> dict[str, str]:
        """The fields a subclass adds to the repr (values already formatted, secrets redacted)."""
        return {}

    def _mount(
        self,
        session: requests.Session,
        url: str,
        *,
        authorize: Callable[[requests.PreparedRequest], None] | None,
        retry: Retry,
    ) -> Transport:
        """Mount a :class:`Transport` for every URL under `url` on `session`."""
        transport = Transport(
            throttle=self.throttle,
            max_retries=retry,
            offline=self.offline,
            authorize=authorize,
            scrub=self._scrub,
            policies=self.policies,
        )
        session.mount(url + "/", transport)
        return transport

    def _plain_session(self, *urls: str) -> requests.Session:
        """A session that never caches and never retries, for requests that carry secrets
        in their body (sign-in); its transport adds no ``Authorization``."""
        if self._plain is None:
            self._plain = requests.Session()
            once = make_retry(0, throttle=self.throttle)
            for url in urls or (self.base_url,):
                self._mount(self._plain, url, authorize=None, retry=once)
        return self._plain

    def _request(
        self,
        method: str,
        url: str,
        *,
        label: str,
        plain: bool = False,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Send one request; every failure a :class:`~trakt_analysis.TraktError` named by `label`.

        Raises
        ------
        TraktConnectionError
            A timeout, a refused or reset connection, a cut-off body.
        TraktCacheMissError
            Offline mode, and the answer is not in the cache.
        TraktFileError
            The cache's database is damaged (named, with how to clear it).
        TraktHTTPError
            A redirect to another origin, or an answer over ``http_limits``.
        """
        session = self._plain_session() if plain else self._session
        kwargs.setdefault("timeout", self.timeout)
        sent = {"User-Agent": self.user_agent, "Accept": "application/json", **(headers or {})}
        error: TraktError | None = None
        try:
            response = session.request(method, url, headers=sent, **kwargs)
        except TraktCacheMissError:  # the transport's offline refusal, named by our label
            error = TraktCacheMissError(f"offline mode: {label} is not in the cache")
        except requests.RequestException as exc:
            error = transport_error(exc, label)
        except sqlite3.Error as exc:  # the cache's database, damaged since it was opened
            error = damaged_cache_error(session, exc, label)
        # Raised outside the except blocks, so the original (holding the real URL) is
        # not attached as __context__.
        if error is not None:
            raise error
        # requests-cache answers an offline miss with a made-up 504 (only 200s are cached).
        if self.offline and (
            not getattr(response, "from_cache", False) or response.status_code == 504
        ):
            raise TraktCacheMissError(f"offline mode: {label} is not in the cache")
        return response

    # -- the protocol ----------------------------------------------------------------------

    @property
    def requests_made(self) -> int:
        """Requests sent to the server so far, retries included (cache hits are not requests)."""
        return self.throttle.count

    def __repr__(self) -> str:
        fields = {"base_url": repr(self.base_url), **self._repr_fields()}
        fields["cache"] = repr(self._cache_label)
        fields["offline"] = repr(self.offline)
        return f"{type(self).__name__}({', '.join(f'{k}={v}' for k, v in fields.items())})"

    def __reduce__(self) -> Any:
        raise TypeError(f"{type(self).__name__} holds a session and secrets; it cannot be pickled")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP sessions (and the cache database)."""
        self._session.close()
        if self._plain is not None:
            self._plain.close()


def prune_cache(session: requests.Session) -> None:
    """Drop the expired answers of `session`'s cache (one SQL ``DELETE``; no vacuum).

    Online, an expired answer is asked again anyway; without this the file would
    keep every old version of every answer (API v2 keys its answers on the
    data's version).
    """
    cache = getattr(session, "cache", None)
    if cache is None:
        return
    try:
        cache.delete(expired=True, vacuum=False)  # SQLite: no rewrite of the whole file
    except TypeError:  # another backend
        cache.delete(expired=True)


def cache_key_digest(key: str, *partitions: str) -> str:
    """A cache key as a SHA-256 digest of the URL key and the partitions: no URL or user shows."""
    return hashlib.sha256("|".join((key, *partitions)).encode()).hexdigest()[:40]
