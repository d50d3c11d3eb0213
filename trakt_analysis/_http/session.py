"""The transport under :class:`~trakt_analysis.client.TraktClient`: retries and the secret adapter.

Request URLs carry a placeholder where v1 wants the API key, so the session,
requests-cache (its keys and stored entries) and every response object only
ever see the placeholder. :class:`SecretAdapter` puts the real key (and the
``Authorization`` header) into a copy of the request just before it goes on the
wire, and takes them out of what comes back.
"""

from __future__ import annotations

import time
from typing import Any, Self
from urllib.parse import quote

import requests
from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from ..errors import TraktCacheMissError
from .limits import LimitedAdapter
from .redact import REDACTED, install_log_filter

__all__ = [
    "KEY_PLACEHOLDER",
    "RETRY_STATUSES",
    "PoliteRetry",
    "SecretAdapter",
    "SessionOwner",
]

# What the API key segment holds until SecretAdapter.send: ``<redacted>`` URL-encoded.
KEY_PLACEHOLDER = "%3Credacted%3E"

# 429 (rate limit) and every 5xx (503 is v1's "server is over capacity").
RETRY_STATUSES = frozenset({429, *range(500, 600)})


class SessionOwner:
    """A client that owns HTTP sessions: a context manager that closes them (and the cache).

    Subclasses keep their session in ``self._session``; one with more lists them
    in :meth:`_sessions`.
    """

    _session: requests.Session

    def _sessions(self) -> list[requests.Session]:
        return [self._session]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP sessions (and the cache database)."""
        for session in self._sessions():
            session.close()


class PoliteRetry(Retry):
    """urllib3 ``Retry`` that adds a margin to ``Retry-After`` and caps the total wait.

    Parameters
    ----------
    retry_after_margin : float
        Seconds added to the server's ``Retry-After``, so the retry does not
        arrive a hair too early.
    max_retry_time : float
        No retry is made if its wait would end more than this many seconds
        after the first failure; the last response (or error) is returned instead.
    """

    def __init__(
        self,
        *args: Any,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 60.0,
        first_failure: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after_margin = retry_after_margin
        self.max_retry_time = max_retry_time
        self.first_failure = first_failure

    def new(self, **kw: Any) -> PoliteRetry:
        kw.setdefault("retry_after_margin", self.retry_after_margin)
        kw.setdefault("max_retry_time", self.max_retry_time)
        kw.setdefault("first_failure", self.first_failure)
        return super().new(**kw)

    def get_retry_after(self, response: Any) -> float | None:
        try:
            seconds = super().get_retry_after(response)
        except InvalidHeader:  # an unparsable Retry-After: fall back to backoff
            return None
        return None if seconds is None else seconds + self.retry_after_margin

    def increment(
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ):  # type: ignore[no-untyped-def]
        now = time.monotonic()
        first = self.first_failure if self.first_failure is not None else now
        new = (
            super()
            .increment(method, url, response, error, _pool, _stacktrace)
            .new(first_failure=first)
        )
        wait = None
        if response is not None and self.respect_retry_after_header:
            wait = new.get_retry_after(response)
        if wait is None:
            wait = new.get_backoff_time()
        if now + wait - first > self.max_retry_time:
            # With raise_on_status=False urllib3 hands back the last response.
            raise MaxRetryError(_pool, url, error or ResponseError("retry time limit reached"))
        return new


class SecretAdapter(LimitedAdapter):
    """An ``HTTPAdapter`` that fills in the API key and auth on a copy of each request."""

    def __init__(
        self,
        *,
        api_key: str | None,
        authorization: str | None,
        offline: bool = False,
        max_retries: Retry,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self._api_key = api_key
        self._authorization = authorization
        self._offline = offline

    def __repr__(self) -> str:
        return f"<{type(self).__name__} api_key={REDACTED} offline={self._offline}>"

    def __getstate__(self) -> dict[str, Any]:
        # Never pickle the secrets (requests pickles adapters with sessions).
        state = super().__getstate__()
        state["_api_key"] = state["_authorization"] = None
        return state

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self._offline:
            raise TraktCacheMissError(
                f"offline mode: {request.method} {request.url} is not in the cache"
            )
        install_log_filter()
        wire = request.copy()
        if self._api_key is not None and request.url:
            key = quote(self._api_key, safe="")
            wire.url = request.url.replace(f"/{KEY_PLACEHOLDER}/", f"/{key}/", 1)
        if self._authorization is not None:
            wire.headers["Authorization"] = self._authorization
        response = super().send(wire, *args, **kwargs)
        # Hand back only what carries the placeholder.
        response.request = request
        response.url = request.url
        if getattr(response.raw, "_request_url", None) is not None:
            response.raw._request_url = request.url
        location = response.headers.get("Location")
        if location and self._api_key:
            response.headers["Location"] = location.replace(
                quote(self._api_key, safe=""), KEY_PLACEHOLDER
            ).replace(self._api_key, KEY_PLACEHOLDER)
        return response
