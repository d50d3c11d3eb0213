"""Benchmark: the HTML report of a 2,500-show payload (target: at most 20 s).

Prints the figures; asserts nothing. Run: ``.venv/bin/python benchmarks/report.py``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress
from trakt_analysis.report.html import write_report

TARGET_S = 20.0
N_SHOWS = 2_500


def main() -> None:
    payload = generate_progress(N_SHOWS, episodes_per_show=80, indent=False)
    print(f"payload: {N_SHOWS:,} shows, {len(payload) / 1e6:.1f} MB of JSON")
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    progress = ta.load_progress(payload, user="bench")
    loaded = time.perf_counter()
    print(f"load:   {loaded - start:6.2f} s  {progress!r}")
    last = loaded

    def status(message: str) -> None:
        nonlocal last
        now = time.perf_counter()
        if steps:
            steps[-1] = (steps[-1][0], now - last)
        steps.append((message, 0.0))
        last = now

    with tempfile.TemporaryDirectory() as tmp:
        out = write_report(progress, Path(tmp) / "report.html", status=status)
        end = time.perf_counter()
        steps[-1] = (steps[-1][0], end - last)
        size = out.stat().st_size
    for message, seconds in steps:
        print(f"  {message:<24} {seconds:6.2f} s")
    build = end - loaded
    total = end - start
    print(f"report: {build:6.2f} s  ({size / 1e6:.1f} MB of HTML)")
    verdict = "within" if total <= TARGET_S else "OVER"
    print(f"total:  {total:6.2f} s  load + report, {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
