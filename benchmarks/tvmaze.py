"""TVmaze metadata benchmark: aired counts for 300 shows, cold, warm and after the cache expired.

Run with ``make bench`` (or ``python benchmarks/tvmaze.py``). Prints figures;
asserts nothing. The stand-in TVmaze (demo/tvmaze_server.py) serves the
generator's shows; the first run fills the cache (unthrottled, so it says
nothing of TVmaze's speed), the warm runs must send no request at all. The
re-runs with an expired cache (``cache_ttl=0``) ask ``/updates/shows`` once,
then only the shows marked changed (#28); the figures at TVmaze's limit are
what the requests alone cost there.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import warnings

import pandas as pd

import trakt_analysis as ta
from trakt_analysis.demo.generate import make_specs, render
from trakt_analysis.demo.tvmaze_server import TVmazeServer
from trakt_analysis.progress import Progress

N_SHOWS = 300
N_CHANGED = 10  # shows TVmaze says changed, as on a typical day for a 300-show account


def watched_only(progress: Progress) -> Progress:
    """What the account export has: watched episodes, no aired counts."""
    shows, seasons, episodes = progress
    shows = shows.copy()
    for column in ("aired", "left", "percentage", "completion"):
        shows[column] = pd.Series(pd.NA, index=shows.index, dtype=shows[column].dtype)
    episodes = episodes[episodes["watched"]].reset_index(drop=True)
    return Progress(shows, seasons, episodes, progress.user)


def main() -> None:
    specs = make_specs(N_SHOWS, seed=7)
    started = time.perf_counter()
    progress = ta.load_progress(render(specs), user="bench")
    load = time.perf_counter() - started
    export = watched_only(progress)
    with TVmazeServer(specs=specs) as server, tempfile.TemporaryDirectory() as cache:

        def run(**kwargs: object) -> Progress:
            client = ta.TVmaze(
                base_url=server.base_url,
                cache=cache,
                progress_bar=False,
                rate_limit=(1_000_000, 1.0),
                **kwargs,
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ta.TraktDataWarning)
                try:
                    return client.complete(export)
                finally:
                    client.close()

        started = time.perf_counter()
        full = run()
        cold = time.perf_counter() - started
        cold_requests = len(server.requests)
        server.requests.clear()
        times = []
        for _ in range(3):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        warm = statistics.median(times)
        warm_requests = len(server.requests)
        started = time.perf_counter()
        run(offline=True)
        offline = time.perf_counter() - started
        server.requests.clear()
        started = time.perf_counter()
        run(cache_ttl=0)
        expired = time.perf_counter() - started
        expired_requests = len(server.requests)
        server.requests.clear()
        server.mark_updated(*sorted(server.updated)[:N_CHANGED])
        started = time.perf_counter()
        run(cache_ttl=0)
        changed = time.perf_counter() - started
        changed_requests = len(server.requests)
    print(
        f"{N_SHOWS} shows, {len(export.episodes)} watched episodes -> "
        f"{len(full.episodes)} episode rows"
    )
    print(f"cold cache (stand-in, unthrottled): {cold:.2f} s, {cold_requests} requests")
    print(f"warm cache: {warm:.2f} s (median of 3), {warm_requests} requests")
    print(f"offline (cache only): {offline:.2f} s")
    print(
        f"expired cache, nothing changed: {expired:.2f} s, {expired_requests} request(s) "
        "(before #28: a cold run's, at 3 per show)"
    )
    print(f"expired cache, {N_CHANGED} shows changed: {changed:.2f} s, {changed_requests} requests")
    print(f"warm cache / loading the same shows from v1 JSON ({load:.3f} s): {warm / load:.1f}x")
    calls, seconds = ta.sources.tvmaze.RATE_LIMIT
    print(
        f"at TVmaze's limit ({calls} calls per {seconds:.0f} s), requests alone: cold "
        f"{cold_requests / calls * seconds:.0f} s, expired re-run "
        f"{max(expired_requests - calls, 0) / calls * seconds:.0f} s, "
        f"with {N_CHANGED} changed {max(changed_requests - calls, 0) / calls * seconds:.0f} s "
        f"(the first {calls} go at once)"
    )


if __name__ == "__main__":
    main()
