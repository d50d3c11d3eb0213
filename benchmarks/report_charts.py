"""Benchmark: the CPU time of each chart of the two reports of ``benchmarks/report.py``.

The 2,500-show API v1 payload and the 100,000-play account export (``--year
2025``), each reported in a new process, its sections one after another
(``jobs=1``, as ``trakt-analysis report --jobs 1``): a chart's time runs from
its figure's creation to its ``<figure>`` HTML (drawing the statistic, the
layout, the Agg draw and the PNG), in CPU seconds, so that a machine shared
with others moves it less than the wall time. The first chart of a report pays
for what matplotlib sets up on first use.

Prints the figures; asserts nothing. Run: ``.venv/bin/python benchmarks/report_charts.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
#: The report's date: the backlog's finish dates depend on it.
GENERATED = datetime(2026, 1, 15, tzinfo=UTC)


def _one(kind: str, path: Path) -> None:
    """Write one report in this (new) process; print each chart's CPU seconds."""
    import trakt_analysis as ta
    from trakt_analysis.report import _html, html
    from trakt_analysis.report.html import write_report

    warnings.simplefilter("ignore")  # the generated titles' font warnings
    if kind == "v1":
        progress, options = ta.load_progress(path, user="bench"), {}
    else:
        progress, options = ta.load_export(path), {"year": 2025}
    started: list[float] = []
    times: list[tuple[str, float]] = []
    report_figure, figure_html = _html.report_figure, _html.figure_html

    def timed_figure(*args, **kwargs):
        started.append(time.process_time())
        return report_figure(*args, **kwargs)

    def timed_html(key, *args, **kwargs):
        try:
            return figure_html(key, *args, **kwargs)
        finally:
            times.append((key, time.process_time() - started.pop()))

    # html.py imported both by name; chart_html uses _html's.
    for module in (_html, html):
        module.report_figure = timed_figure  # type: ignore[attr-defined]
        module.figure_html = timed_html  # type: ignore[attr-defined]
    start = time.process_time()
    # jobs=1: every chart drawn in this process, where it is timed (the report's default
    # draws its sections in forked processes, one per core).
    write_report(progress, path.with_suffix(".html"), generated=GENERATED, jobs=1, **options)
    total = time.process_time() - start
    for key, seconds in times:
        print(f"    {key:<22} {seconds:5.2f} s")
    charts = sum(seconds for _, seconds in times)
    print(f"    {'all charts':<22} {charts:5.2f} s of the report's {total:.2f} s (loading apart)")


def main() -> None:
    sys.path.insert(0, str(HERE))
    from report import N_PLAYS, N_SHOWS, write_export

    from trakt_analysis.demo.generate import generate_progress

    with tempfile.TemporaryDirectory() as tmp:
        payload = Path(tmp) / "bench.json"
        payload.write_bytes(generate_progress(N_SHOWS, episodes_per_show=80, indent=False))
        archive = Path(tmp) / "trakt-export.zip"
        write_export(archive)
        print("CPU seconds per chart, each report in a new process:")
        for kind, path, label in (
            ("v1", payload, f"v1 report ({N_SHOWS:,} shows)"),
            ("export", archive, f"export report ({N_PLAYS:,} plays, --year 2025)"),
        ):
            print(f"  {label}", flush=True)
            subprocess.run([sys.executable, __file__, kind, str(path)], check=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        _one(sys.argv[1], Path(sys.argv[2]))
    else:
        main()
