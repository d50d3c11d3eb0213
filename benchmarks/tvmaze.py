"""TVmaze metadata benchmark: aired counts for 300 shows, from a warm cache.

Run with ``make bench`` (or ``python benchmarks/tvmaze.py``). Prints figures;
asserts nothing. The stand-in TVmaze (demo/tvmaze_server.py) serves the
generator's shows; the first run fills the cache (unthrottled, so it says
nothing of TVmaze's speed), the timed runs must send no request at all.
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
    print(
        f"{N_SHOWS} shows, {len(export.episodes)} watched episodes -> "
        f"{len(full.episodes)} episode rows"
    )
    print(f"cold cache (stand-in, unthrottled): {cold:.2f} s, {cold_requests} requests")
    print(f"warm cache: {warm:.2f} s (median of 3), {warm_requests} requests")
    print(f"offline (cache only): {offline:.2f} s")
    print(f"warm cache / loading the same shows from v1 JSON ({load:.3f} s): {warm / load:.1f}x")
    print(
        f"at TVmaze's limit ({ta.sources.tvmaze.RATE_LIMIT[0]} calls per "
        f"{ta.sources.tvmaze.RATE_LIMIT[1]:.0f} s) the cold run would take at least "
        f"{cold_requests / ta.sources.tvmaze.RATE_LIMIT[0] * ta.sources.tvmaze.RATE_LIMIT[1]:.0f} s"
    )


if __name__ == "__main__":
    main()
