"""The API v2 transport adapter: the bearer token on the wire only, the throttle, offline mode.

Requests carry no ``Authorization`` header until :meth:`BearerAdapter.send`
puts it on a copy: the session, requests-cache (keys and stored entries) and
the response objects handed back never see the token. The adapter is reached
only on a cache miss, so the throttle counts real requests only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from urllib3.util.retry import Retry

from ..errors import TraktCacheMissError
from .cache import PARTITION_HEADER
from .limits import LimitedAdapter
from .redact import install_log_filter
from .throttle import Throttle

__all__ = ["BearerAdapter"]


class BearerAdapter(LimitedAdapter):
    """An ``HTTPAdapter`` that throttles, and adds ``Authorization: Bearer`` on the wire.

    Parameters
    ----------
    authorization : callable
        Returns the header value (``"Bearer ..."``) or None; asked per request,
        so a refreshed token is used at once.
    throttle : Throttle
        Waits before a request that would exceed the rate limit; logs each one.
    offline : bool
        Refuse every request (only the cache answers).
    """

    def __init__(
        self,
        *,
        authorization: Callable[[], str | None],
        throttle: Throttle,
        offline: bool = False,
        max_retries: Retry,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self._authorization = authorization
        self.throttle = throttle
        self._offline = offline

    def __repr__(self) -> str:
        return f"<{type(self).__name__} offline={self._offline}>"

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["_authorization"] = None  # never pickle a way to the token
        return state

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if self._offline:
            raise TraktCacheMissError(
                f"offline mode: {request.method} {request.url} is not in the cache"
            )
        install_log_filter()
        wire = request.copy()
        wire.headers.pop(PARTITION_HEADER, None)
        if wire.headers.get("Authorization") is None:
            value = self._authorization()
            if value is not None:
                wire.headers["Authorization"] = value
        self.throttle.wait(request.method or "GET")
        response = super().send(wire, *args, **kwargs)
        response.request = request  # hand back only what holds no token
        return response
