"""How fast the explorer re-renders on a large user: a sort or selection change.

Prints figures and asserts nothing (see the README's benchmark section).
Target: a change of sort or selection re-renders (table and charts computed)
in at most 300 ms median on a 2,500-show payload.

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
from trakt_analysis.explore import Filters, view
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
    parser.add_argument("--repeat", type=int, default=15)
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
    selections = [pick[i * 7 % len(pick) : i * 7 % len(pick) + 50] for i in range(args.repeat)]

    def sort_change(i: int) -> object:
        v = view(progress, sort=SORTS[i % len(SORTS)], filters=Filters())
        v.figure.clear()  # type: ignore[union-attr]
        return v

    def selection_change(i: int) -> object:
        return view(progress, selection=selections[i], sort="most-completed")

    def shown(i: int) -> object:
        # What the widget adds on top: the displayed HTML table and the PNG.
        v = view(progress, sort=SORTS[i % len(SORTS)])
        table_html(v.table, max_rows=50)
        return figure_png(v.figure)  # type: ignore[arg-type]

    def table_only(i: int) -> object:
        return view(progress, sort=SORTS[i % len(SORTS)], charts=False)

    class BenchSource:  # any object with users() and load(user) is a source
        def users(self) -> list[str]:
            return ["bench"]

        def load(self, user: str) -> Progress:
            return progress

    def widget_sort_change(i: int) -> object:
        # End to end in the kernel: callback, view, HTML, PNG, widget state.
        explorer.controls.sort.value = SORTS[(i + 1) % len(SORTS)]
        return explorer.table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # library deprecation notes: not what is measured
        view(progress)  # warm-up: first imports, font cache
        results = {
            "sort change (table + charts computed)": _median_ms(sort_change, args.repeat),
            "selection change, 50 shows (table + charts)": _median_ms(
                selection_change, args.repeat
            ),
            "table only (no charts)": _median_ms(table_only, args.repeat),
            "full re-render incl. HTML table and PNG": _median_ms(shown, args.repeat),
        }
        explorer = ProgressExplorer(BenchSource())
        results["widget: sort change, end to end"] = _median_ms(widget_sort_change, args.repeat)
        if explorer.error is not None:
            print(f"explorer error: {explorer.error}")
    for name, ms in results.items():
        print(f"{name:<46} median {ms:7.1f} ms")
    worst = max(
        results["sort change (table + charts computed)"],
        results["selection change, 50 shows (table + charts)"],
    )
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"target: {TARGET_MS:.0f} ms median for a sort or selection change: {verdict}")
    return 0


if __name__ == "__main__":
    main()  # no SystemExit: benchmarks/run.py runs this with runpy
