"""Peak memory of loading a 100,000-play export (Trakt's cap) against its uncompressed JSON.

Target (#23 item 5): at most 3x the export's uncompressed JSON. The load runs in
a child process of its own; the figure is its peak resident memory (sampled
every 2 ms from /proc/self/statm) above what the same process held just before
the load (imports done, a small export loaded once), which counts pyarrow's and
numpy's buffers as well as Python's. tracemalloc's peak (Python and numpy
allocations only) is printed beside it. Also: 9,999 one-play history parts
against one part of the same plays. Prints figures and asserts nothing.

    .venv/bin/python benchmarks/export_memory.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import orjson

from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.history import history_items, plan_history

N_PLAYS = 100_000
TARGET = 3.0

CHILD = r"""
import os, sys, threading, time, tracemalloc, warnings
import trakt_analysis as ta
warnings.simplefilter("ignore")
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss():
    with open("/proc/self/statm") as fh:  # Linux; elsewhere only tracemalloc's figure
        return int(fh.read().split()[1]) * PAGE


ta.load_export(sys.argv[2])  # warm: every module and cache loaded
before = rss()
peak = [before]
done = threading.Event()


def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss())
        time.sleep(0.002)


watcher = threading.Thread(target=sample)
watcher.start()
start = time.perf_counter()
progress = ta.load_export(sys.argv[1])
seconds = time.perf_counter() - start
done.set()
watcher.join()
del progress
tracemalloc.start()
ta.load_export(sys.argv[1])
_, traced = tracemalloc.get_traced_memory()
print(peak[0] - before, traced, seconds)
"""


def _items(n: int) -> list[dict]:
    specs = make_specs(3_000, seed=7, profile="binger", episodes_per_show=60)
    plays = plan_history(specs, seed="bench", timezone="UTC", movies=True)
    items = history_items(specs, plays)
    while len(items) < n:  # the plan gives what it gives: rewatch from the top
        items = items + [{**item, "id": item["id"] + 10**9} for item in items]
    return items[:n]


def _write(path: Path, items: list[dict], per_part: int) -> int:
    raw = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, start in enumerate(range(0, len(items), per_part), start=1):
            data = orjson.dumps(items[start : start + per_part])
            raw += len(data)
            archive.writestr(f"watched-history-{part}.json", data)
    return raw


def _child(path: Path, warm: Path) -> tuple[int, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(warm)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]), int(out[1]), float(out[2])


def main() -> None:
    items = _items(N_PLAYS)
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.zip"
        _write(warm, items[:500], 500)
        big = Path(tmp) / "export.zip"
        raw = _write(big, items, 1_000)
        rss, traced, seconds = _child(big, warm)
        print(
            f"export: {len(items):,} plays in {len(items) // 1_000} parts, "
            f"{big.stat().st_size / 2**20:.1f} MiB ZIP, {raw / 2**20:.1f} MiB JSON; "
            f"load {seconds:.1f} s"
        )
        print(
            f"  peak memory of the load: {rss / 2**20:.0f} MiB resident = {rss / raw:.2f}x the "
            f"JSON (target {TARGET:g}x); tracemalloc {traced / 2**20:.0f} MiB = "
            f"{traced / raw:.2f}x"
        )
        few = items[:9_999]
        one = Path(tmp) / "one.zip"
        _write(one, few, len(few))
        parts = Path(tmp) / "parts.zip"
        _write(parts, few, 1)
        t_one = min(_child(one, warm)[2] for _ in range(3))
        t_parts = min(_child(parts, warm)[2] for _ in range(3))
        print(
            f"  9,999 plays: one part {t_one:.2f} s; 9,999 one-play parts {t_parts:.2f} s "
            f"({t_parts / t_one:.1f}x; best of 3)"
        )


if __name__ == "__main__":
    main()
