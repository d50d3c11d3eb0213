"""Client-side rate limiting: every API's limits, declared once, and a sliding-window throttle.

The throttle sits in the transport adapter, behind the cache: a response served
from the cache never reaches the adapter, so it never counts and never waits.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "CLIENT_BUDGET",
    "TRAKT_LIMITS",
    "TVMAZE_LIMITS",
    "RateLimit",
    "Throttle",
    "peak_in_window",
]


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` requests in any `seconds`-long window."""

    requests: int
    seconds: float


#: What trakt.tv enforces per user and app (API docs, "Rate Limiting"): 1000 GET
#: calls per 5 minutes, 1 POST/PUT/DELETE per second. Nobody may raise these:
#: they are the server's numbers, not ours; going over gets 429s for every app
#: the user has, and a client that keeps going gets its app's key revoked.
TRAKT_LIMITS: dict[str, RateLimit] = {
    "GET": RateLimit(1000, 300.0),
    "POST": RateLimit(1, 1.0),
}

#: What this client allows itself: 10% under the server's GET limit, so the
#: user's other apps (and a clock skew between us and Cloudflare) still fit.
CLIENT_BUDGET: dict[str, RateLimit] = {
    "GET": RateLimit(900, 300.0),
    "POST": RateLimit(1, 1.0),
}


#: TVmaze's documented limit: "at least 20 calls every 10 seconds per IP address"
#: (https://www.tvmaze.com/api#rate-limiting); above it, 429. Also the server's
#: number, not ours to raise.
TVMAZE_LIMITS: dict[str, RateLimit] = {"GET": RateLimit(20, 10.0)}


class Throttle:
    """Wait before a request that would exceed the budget; log every request sent.

    Parameters
    ----------
    limits : dict
        Method -> :class:`RateLimit`; methods not listed use the GET limit.
    clock, sleep : callables
        ``time.monotonic`` and ``time.sleep``; tests pass fakes.
    """

    def __init__(
        self,
        limits: dict[str, RateLimit] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = dict(CLIENT_BUDGET if limits is None else limits)
        self.clock = clock
        self.sleep = sleep
        self.sent: list[tuple[str, float]] = []  # (method, time) of every request sent
        self._windows: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._offset = 0.0  # virtual seconds slept by a sleep that did not pass time

    def wait(self, method: str) -> float:
        """Block until `method` may be sent, record it, and return the seconds waited."""
        kind = "POST" if method.upper() in ("POST", "PUT", "DELETE") else "GET"
        limit = self.limits.get(kind) or self.limits["GET"]
        waited = 0.0
        with self._lock:
            window = self._windows.setdefault(kind, deque())
            now = self.clock() + self._offset
            while True:
                while window and window[0] <= now - limit.seconds:
                    window.popleft()
                if len(window) < limit.requests:
                    break
                pause = window[0] + limit.seconds - now
                self.sleep(pause)
                waited += pause
                # Trust that the sleep slept: a fake sleep (tests) moves time on, virtually.
                after = self.clock() + self._offset
                if after < now + pause:
                    self._offset += now + pause - after
                    after = now + pause
                now = after
            window.append(now)
            self.sent.append((method.upper(), now))
        return waited

    @property
    def count(self) -> int:
        """Requests sent so far (cache hits are not requests)."""
        return len(self.sent)


def peak_in_window(times: list[float], seconds: float = 300.0) -> int:
    """The most requests in any `seconds`-long window of the sorted `times`."""
    times = sorted(times)
    best = start = 0
    for end, t in enumerate(times):
        while times[start] <= t - seconds:
            start += 1
        best = max(best, end - start + 1)
    return best
