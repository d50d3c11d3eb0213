"""Benchmark: ``trakt-analysis report`` as the user waits for it, against the import time.

Target (issue 28 item 3): each report, end to end in a new process, at most 2x
the wall time of ``python -c "import trakt_analysis, pandas, matplotlib.pyplot"``
on a 2-core machine. Two reports:

- the account export of 100,000 plays (Trakt's cap; 1,750 generated shows, the
  history in 100 parts of 1,000, the other files as trakt.tv writes them) with
  ``--year 2025``;
- the 2,500-show API v1 payload (issue 15's target was 3 s).

The three commands run in turns, RUNS rounds, so that a machine shared with
others slows each alike; the ratios are of the medians, measured in this one run,
and the load average is printed beside them. Beside the wall times, the CPU
seconds each process used (user + system): on a busy machine the wall time
mostly measures the others, the CPU time much less so. Then where the time goes, in this
process (imports already done, so not counted): loading and each step of the
report, the charts apart from the rest.

Each report is also run with ``--jobs 1`` (its sections built one after another in
one process, the file read there too) to show what the forked processes save.

Prints the figures; asserts nothing. Run: ``.venv/bin/python benchmarks/report.py``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path
from unittest import mock

TARGET = 2.0  # x the import time
N_SHOWS = 2_500
N_PLAYS = 100_000
YEAR = 2025
RUNS = 5
IMPORTS = "import trakt_analysis, pandas, matplotlib.pyplot"


def _cpu_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


#: The processes run as for an installed package: Python caches the bytecode of the
#: modules it compiles (the first, warming round writes it), even where the environment
#: says not to (PYTHONDONTWRITEBYTECODE, set on the development machine).
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _run(command: list[str]) -> tuple[float, float]:
    """Wall seconds of `command` in a new process, and the CPU seconds it used."""
    cpu, start = _cpu_children(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=_ENV)
    return time.perf_counter() - start, _cpu_children() - cpu


def write_export(path: Path) -> int:
    """A 100,000-play account export of generated shows, as trakt.tv writes it; the plays."""
    from trakt_analysis.demo import export
    from trakt_analysis.demo.generate import make_specs
    from trakt_analysis.demo.history import plan_history

    # 1,750 shows of up to 80 episodes plan about 102,000 plays; the newest 100,000 are kept.
    specs = make_specs(1_750, seed=7, profile="full", episodes_per_show=80)
    plays = plan_history(specs, seed="bench", timezone="Europe/Berlin", movies=True)[:N_PLAYS]
    # The demo export's renderer, given these plans and parts of 1,000 entries.
    with (
        mock.patch.object(export, "demo_plan", return_value=(specs, plays)),
        mock.patch.object(export, "HISTORY_PART_SIZE", 1_000),
    ):
        members = export.export_members("demo")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return len(plays)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min), {os.cpu_count()} cores"


def _steps(run_report) -> tuple[list[tuple[str, float]], list[float]]:
    """Seconds per status step of one report in this process; its charts' wall and CPU time."""
    from contextlib import ExitStack

    from trakt_analysis.report import _html

    drawn = [0.0, 0.0]  # wall, CPU
    figure_img = _html.figure_img

    def timed_img(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return figure_img(*args, **kwargs)
        finally:
            drawn[0] += time.perf_counter() - start
            drawn[1] += time.process_time() - cpu

    steps: list[tuple[str, float]] = []
    last = time.perf_counter()

    def status(message: str) -> None:
        nonlocal last
        now = time.perf_counter()
        if steps:
            steps[-1] = (steps[-1][0], now - last)
        steps.append((message, 0.0))
        last = now

    # Every report module that embeds charts imports figure_img by name: time it there.
    users = [m for n, m in sys.modules.items() if n.startswith("trakt_analysis.report")]
    with ExitStack() as stack:
        for module in users:
            if getattr(module, "figure_img", None) is figure_img:
                stack.enter_context(mock.patch.object(module, "figure_img", timed_img))
        run_report(status)
    steps[-1] = (steps[-1][0], time.perf_counter() - last)
    return steps, drawn


def _print_steps(name: str, load: float, steps: list[tuple[str, float]]) -> None:
    total = load + sum(s for _, s in steps)
    print(f"  {name}, in this process: {total:.2f} s, of which loading {load:.2f} s")
    for message, seconds in steps:
        print(f"    {message:<26} {seconds:6.2f} s")


def main() -> None:
    from trakt_analysis.demo.generate import generate_progress

    cli = str(Path(sys.executable).with_name("trakt-analysis"))
    with tempfile.TemporaryDirectory() as tmp:
        payload = Path(tmp) / "bench.json"
        payload.write_bytes(generate_progress(N_SHOWS, episodes_per_show=80, indent=False))
        archive = Path(tmp) / "trakt-export.zip"
        n_plays = write_export(archive)
        print(
            f"v1 payload: {N_SHOWS:,} shows, {payload.stat().st_size / 1e6:.1f} MB of JSON; "
            f"export: {n_plays:,} plays, {archive.stat().st_size / 1e6:.1f} MB ZIP"
        )
        out = Path(tmp) / "report.html"
        commands = {
            "import": [sys.executable, "-c", IMPORTS],
            "v1": [cli, "report", str(payload), "-o", str(out), "-q"],
            "export": [cli, "report", str(archive), "-o", str(out), "-q", "--year", str(YEAR)],
        }
        # The same reports in one process (--jobs 1): what the forked processes save.
        commands["v1 --jobs 1"] = [*commands["v1"], "--jobs", "1"]
        commands["export --jobs 1"] = [*commands["export"], "--jobs", "1"]
        before = _load()
        wall: dict[str, list[float]] = {key: [] for key in commands}
        cpu: dict[str, list[float]] = {key: [] for key in commands}
        sizes: dict[str, int] = {}
        for command in commands.values():  # once each first: disk caches warm
            _run(command)
        for _ in range(RUNS):
            for key, command in commands.items():
                seconds, used = _run(command)
                wall[key].append(seconds)
                cpu[key].append(used)
                if key != "import":
                    sizes[key] = out.stat().st_size
        after = _load()
        base, base_cpu = statistics.median(wall["import"]), statistics.median(cpu["import"])
        print(f"machine: before the runs {before}; after {after}")
        print(
            f"import ({IMPORTS!r}): {base:.2f} s median of {RUNS} "
            f"({min(wall['import']):.2f}-{max(wall['import']):.2f}); CPU {base_cpu:.2f} s"
        )
        for key, label in (
            ("export", f"export report --year {YEAR}"),
            ("export --jobs 1", f"export report --year {YEAR} --jobs 1"),
            ("v1", "v1 report (2,500 shows)"),
            ("v1 --jobs 1", "v1 report --jobs 1"),
        ):
            median, used = statistics.median(wall[key]), statistics.median(cpu[key])
            ratios = [t / i for t, i in zip(wall[key], wall["import"], strict=True)]
            verdict = "within" if median / base <= TARGET else "OVER"
            print(
                f"{label}: {median:.2f} s median = {median / base:.2f}x the import "
                f"(per round {min(ratios):.2f}-{max(ratios):.2f}x; "
                f"{sizes[key] / 1e6:.1f} MB of HTML); target <= {TARGET:.0f}x: {verdict}; "
                f"CPU {used:.2f} s = {used / base_cpu:.2f}x the import's"
            )

        # Where the time goes, in this process (imports done above: not counted).
        import trakt_analysis as ta
        import trakt_analysis.report.history_html
        import trakt_analysis.report.stats_html  # patched by _steps
        from trakt_analysis.report.html import write_report

        warnings.simplefilter("ignore")  # the generated titles' font warnings
        for name, load, kwargs in (
            ("export report", lambda: ta.load_export(archive), {"year": YEAR}),
            ("v1 report", lambda: ta.load_progress(payload, user="bench"), {}),
        ):
            start = time.perf_counter()
            progress = load()
            loaded = time.perf_counter() - start
            steps, drawn = _steps(
                # jobs=1: each step in this process, one after another, to say where the
                # time goes (the forked processes of the command line share it out)
                lambda status: write_report(progress, out, status=status, jobs=1, **kwargs)  # noqa: B023
            )
            _print_steps(name, loaded, steps)
            print(
                "    (rendering the charts' figures to PNG, in the steps above: "
                f"{drawn[0]:.2f} s, CPU {drawn[1]:.2f} s)"
            )


if __name__ == "__main__":
    main()
