"""Benchmark: API v2 against the stand-in server, 500 shows, cold and warm (cache).

Prints requests made, wall time and the peak request rate over any 5-minute
window (Trakt allows 1000 GET per 5 minutes; the client budgets 900). Then a
1,200-show account with the sleep simulated: the throttle keeps every window
within the budget. Last, the parse of the history pages alone (typed path against
the full walk). Asserts nothing. Run: ``.venv/bin/python benchmarks/v2_api.py``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from trakt_analysis._http.throttle import CLIENT_BUDGET, TRAKT_LIMITS, peak_in_window
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.history import history_items, plan_history
from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, V2Server
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.history import parse_history, parse_history_items
from trakt_analysis.sources.v2_api import TraktAPI

N_SHOWS = 500
WINDOW = TRAKT_LIMITS["GET"].seconds


def _api(server: V2Server, tmp: Path, **kwargs: object) -> TraktAPI:
    kwargs.setdefault("token_path", tmp / "token.json")
    return TraktAPI(
        FAKE_CLIENT_ID,
        FAKE_CLIENT_SECRET,
        base_url=server.base_url,
        auth_url=server.auth_url,
        progress_bar=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _run(label: str, server: V2Server, api: TraktAPI, user: str) -> None:
    before_server = len(server.requests)
    before_client = api.requests_made
    start = time.perf_counter()
    progress = api.progress(user)
    wall = time.perf_counter() - start
    paths = [p.split("?")[0] for p in server.paths[before_server:]]
    data_calls = [p for p in paths if p != "/sync/last_activities"]
    times = [t for _, t in api.throttle.sent[before_client:]]
    print(
        f"{label:<22} {len(paths):5d} requests ({len(data_calls):4d} for progress data)  "
        f"{wall:6.2f} s  peak {peak_in_window(times, WINDOW):4d} per 5 min  "
        f"{len(progress.shows)} shows, {len(progress.episodes):,} episodes"
    )


def main() -> None:
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    budget = CLIENT_BUDGET["GET"]
    print(
        f"limits: server {TRAKT_LIMITS['GET'].requests} GET / {WINDOW:.0f} s, "
        f"client budget {budget.requests}"
    )
    specs = make_specs(N_SHOWS, seed=11)
    watched = sum(any(any(x.watched) for x in s.seasons) for s in specs)
    print(f"plan: {N_SHOWS} shows, {watched} with a watched episode (the others are not listed)")
    with tempfile.TemporaryDirectory() as tmp, V2Server({"bench": specs}, page_size=100) as srv:
        tmp_path = Path(tmp)
        srv.device_interval = 0
        api = _api(srv, tmp_path, cache=tmp_path / "cache", sleep=lambda s: None)
        api.login(display=lambda device: None)
        _run("signed in, cold", srv, api, "me")
        _run("signed in, warm", srv, api, "me")
        srv.touch("bench", specs[0].index)
        _run("signed in, 1 changed", srv, api, "me")
        public = _api(srv, tmp_path, cache=tmp_path / "cache2", token_path=tmp_path / "none.json")
        _run("public, cold", srv, public, "bench")
        _run("public, warm", srv, public, "bench")
        api.close()
        public.close()

    big = make_specs(1_200, seed=12)
    with tempfile.TemporaryDirectory() as tmp, V2Server({"big": big}, page_size=100) as srv:
        tmp_path = Path(tmp)
        slept: list[float] = []
        api = _api(srv, tmp_path, token_path=tmp_path / "none.json", sleep=slept.append)
        _run("1,200 shows, throttled", srv, api, "big")
        print(f"{'':<22} simulated waiting: {sum(slept):.0f} s (the throttle's sleeps)")
        api.close()
    _history_parse(specs)


def _history_parse(specs: list) -> None:
    """TraktAPI.history parses its pages with the history's typed path: time it alone."""
    items = history_items(specs, plan_history(specs, seed="bench", timezone="UTC"))

    def best(run) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    typed = best(lambda: parse_history_items(items, label="bench", problems=Problems("bench")))
    full = best(lambda: parse_history(items, label="bench", problems=Problems("bench")))
    print(
        f"history pages: {len(items):,} plays parsed; parse_history_items {typed * 1e3:.0f} ms "
        f"(the typed path, which TraktAPI.history takes), full walk {full * 1e3:.0f} ms: "
        f"{full / typed:.1f}x (best of 7; the requests are not timed)"
    )


if __name__ == "__main__":
    main()
