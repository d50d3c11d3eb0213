"""urllib3's retry policy as the clients use it, and v1's placeholder for the API key.

Request URLs carry a placeholder where v1 wants the API key, so the session,
requests-cache (its keys and stored entries) and every response object only
ever see the placeholder; the transport (:mod:`.client`) puts the real key into
a copy of the request just before it goes on the wire.
"""

from __future__ import annotations

import time
from typing import Any

from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from .throttle import Throttle

__all__ = ["KEY_PLACEHOLDER", "RETRY_STATUSES", "PoliteRetry"]

# What the API key segment holds until SecretAdapter.send: ``<redacted>`` URL-encoded.
KEY_PLACEHOLDER = "%3Credacted%3E"

# 429 (rate limit) and every 5xx (503 is v1's "server is over capacity").
RETRY_STATUSES = frozenset({429, *range(500, 600)})


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
    throttle : Throttle, optional
        Each retry waits for it after the backoff, and is counted: urllib3
        retries below the transport adapter, where the first attempt waits.
    """

    def __init__(
        self,
        *args: Any,
        retry_after_margin: float = 1.0,
        max_retry_time: float = 60.0,
        first_failure: float | None = None,
        throttle: Throttle | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after_margin = retry_after_margin
        self.max_retry_time = max_retry_time
        self.first_failure = first_failure
        self.throttle = throttle

    def new(self, **kw: Any) -> PoliteRetry:
        kw.setdefault("retry_after_margin", self.retry_after_margin)
        kw.setdefault("max_retry_time", self.max_retry_time)
        kw.setdefault("first_failure", self.first_failure)
        kw.setdefault("throttle", self.throttle)
        return super().new(**kw)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["throttle"] = None  # a lock and a clock: not part of the policy
        return state

    def sleep(self, response: Any = None) -> None:
        super().sleep(response)
        if self.throttle is not None:
            method = self.history[-1].method if self.history else None
            self.throttle.wait(method or "GET")

    def get_retry_after(self, response: Any) -> float | None:
        try:
            seconds = super().get_retry_after(response)
        except InvalidHeader:  # an unparsable Retry-After: fall back to backoff
            return None
        return None if seconds is None else seconds + self.retry_after_margin

    def increment(
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ):
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
