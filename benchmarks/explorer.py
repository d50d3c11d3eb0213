"""How fast the explorer answers on a large user: a change of sort, filter or selection.

Prints figures and asserts nothing (see the README's performance section).
Target (issue 15): from the control's change until the table and the chart image
the user sees are updated, at most 300 ms median on a 2,500-show payload.

    .venv/bin/python benchmarks/explorer.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable

from trakt_analysis import Progress, ProgressExplorer, load_progress
from trakt_analysis.demo.generate import generate_progress
from trakt_analysis.explore import view
from trakt_analysis.explore._html import table_html
from trakt_analysis.explore._view import figure_png

TARGET_MS = 300.0
SORTS = ("title", "most-completed", "least-completed", "recently-aired", "previously-aired")


def _median_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    progress = load_progress(
        generate_progress(2500, episodes_per_show=80, indent=False), user="bench"
    )
    load_s = time.perf_counter() - start
    shows = progress.shows
    print(
        f"payload: {len(shows):,} shows, {len(progress.episodes):,} episodes "
        f"(generated and loaded in {load_s:.1f} s)"
    )
    pick = [(str(t), int(y)) for t, y in zip(shows["title"], shows["year"], strict=True)]

    class BenchSource:  # any object with users() and load(user) is a source
        def users(self) -> list[str]:
            return ["bench"]

        def load(self, user: str) -> Progress:
            return progress

    def new_figure_each_time(i: int) -> object:
        # Without the explorer's kept figure: a new figure drawn whole each time.
        v = view(progress, sort=SORTS[i % len(SORTS)])
        table_html(v.table, max_rows=50)
        return figure_png(v.figure)  # type: ignore[arg-type]

    def table_only(i: int) -> object:
        return view(progress, sort=SORTS[i % len(SORTS)], charts=False)

    # End to end in the kernel, as the user waits: callback, view, HTML table,
    # chart PNG, widget state. The widget keeps one figure and draws what changed.
    def sort_change(i: int) -> object:
        explorer.controls.sort.value = SORTS[(i + 1) % len(SORTS)]
        return explorer._chart.value

    def filter_change(i: int) -> object:
        explorer.controls.hide_completed.value = not explorer.controls.hide_completed.value
        return explorer._chart.value

    def selection_change(i: int) -> object:
        at = i * 37 % (len(pick) - 50)
        explorer.controls.shows.value = tuple(pick[at : at + 50])
        return explorer._chart.value

    def focus_change(i: int) -> object:
        options = [key for _, key in explorer.controls.focus.options]
        explorer.controls.focus.value = options[(i + 1) % len(options)]
        return explorer._chart.value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # library deprecation notes: not what is measured
        view(progress)  # warm-up: first imports, font cache
        results = {
            "table only (no charts), reference": _median_ms(table_only, args.repeat),
            "new figure drawn whole each time, reference": _median_ms(
                new_figure_each_time, args.repeat
            ),
        }
        explorer = ProgressExplorer(BenchSource())
        widget = {
            "sort change": sort_change,
            "filter change (hide completed)": filter_change,
            "selection change (50 shows)": selection_change,
            "episode grid's show change": focus_change,
        }
        for name, action in widget.items():
            results[f"explorer: {name}"] = _median_ms(action, args.repeat)
        if explorer.error is not None:
            print(f"explorer error: {explorer.error}")
    for name, ms in results.items():
        print(f"{name:<48} median {ms:7.1f} ms")
    worst = max(ms for name, ms in results.items() if name.startswith("explorer:"))
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(
        f"slowest change, table and chart updated: {worst:.0f} ms median "
        f"(target <= {TARGET_MS:.0f} ms): {verdict}"
    )
    return 0


if __name__ == "__main__":
    main()  # no SystemExit: benchmarks/run.py runs this with runpy
