"""Benchmark: ``trakt-analysis report`` of a 2,500-show payload, as the user waits for it.

Target (issue 15): at most 3 s end to end: starting Python, importing, loading the
file and writing the report, measured as the wall time of the command in a new
process (median of 3 runs). Also printed: where the time goes, measured in this
process, and the time of ``import trakt_analysis`` (lazy: no matplotlib) against
the same import with matplotlib imported eagerly, as it was before (issue 10).

Prints the figures; asserts nothing. Run: ``.venv/bin/python benchmarks/report.py``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 3.0
N_SHOWS = 2_500
RUNS = 3


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _import_times() -> tuple[float, float, float]:
    """Medians of: bare Python start, `import trakt_analysis`, the same plus matplotlib."""
    py = [sys.executable, "-c"]
    bare = statistics.median(_wall([*py, "pass"]) for _ in range(5))
    lazy = statistics.median(_wall([*py, "import trakt_analysis"]) for _ in range(5))
    eager_code = "import trakt_analysis, matplotlib.pyplot, trakt_analysis.plotting"
    eager = statistics.median(_wall([*py, eager_code]) for _ in range(5))
    return bare, lazy, eager


def main() -> None:
    from trakt_analysis.demo.generate import generate_progress

    payload = generate_progress(N_SHOWS, episodes_per_show=80, indent=False)
    print(f"payload: {N_SHOWS:,} shows, {len(payload) / 1e6:.1f} MB of JSON")
    bare, lazy, eager = _import_times()
    print(
        f"import trakt_analysis: {lazy - bare:5.2f} s now (matplotlib loads on first chart); "
        f"{eager - bare:5.2f} s with matplotlib imported eagerly, as before "
        f"(Python's own start, {bare:.2f} s, left out)"
    )
    cli = str(Path(sys.executable).with_name("trakt-analysis"))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.json"
        source.write_bytes(payload)
        out = Path(tmp) / "report.html"
        times = [_wall([cli, "report", str(source), "-o", str(out), "-q"]) for _ in range(RUNS)]
        size = out.stat().st_size
        total = statistics.median(times)

        # Where the time goes, in this process (imports already done above: not counted).
        import trakt_analysis as ta
        from trakt_analysis.report.html import write_report

        steps: list[tuple[str, float]] = []
        start = time.perf_counter()
        progress = ta.load_progress(source, user="bench")
        steps.append(("load", time.perf_counter() - start))
        last = time.perf_counter()

        def status(message: str) -> None:
            nonlocal last
            now = time.perf_counter()
            if len(steps) > 1:
                steps[-1] = (steps[-1][0], now - last)
            steps.append((message, 0.0))
            last = now

        write_report(progress, Path(tmp) / "again.html", status=status)
        steps[-1] = (steps[-1][0], time.perf_counter() - last)
    for message, seconds in steps:
        print(f"  {message:<24} {seconds:6.2f} s")
    verdict = "within" if total <= TARGET_S else "OVER"
    print(
        f"trakt-analysis report, end to end: {total:.2f} s median of {RUNS} "
        f"({size / 1e6:.1f} MB of HTML); target <= {TARGET_S:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
