"""Peak memory of loading a 100,000-play export (Trakt's cap) against its uncompressed JSON.

Target (#23 item 5): at most 3x the export's uncompressed JSON. The export is
``benchmarks/export.py``'s (the generator's, as trakt.tv writes it). The load runs
in a child process of its own; the figure is its peak resident memory (sampled
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
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import best_seconds, export_members, floor, write_zip

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


def _child(path: Path, warm: Path) -> tuple[int, int, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(warm)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]), int(out[1]), float(out[2])


def main() -> None:
    members = export_members(N_PLAYS)
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.zip"
        write_zip(warm, export_members(500, 250))
        big = Path(tmp) / "export.zip"
        raw = write_zip(big, members)
        n_parts = sum(name.startswith("watched-history") for name in members)
        rss, traced, seconds = _child(big, warm)
        print(
            f"export: {N_PLAYS:,} plays in {n_parts} history parts, {len(members)} members, "
            f"{big.stat().st_size / 2**20:.1f} MiB ZIP, {raw / 2**20:.1f} MiB JSON; "
            f"load {seconds:.1f} s"
        )
        print(
            f"  peak memory of the load: {rss / 2**20:.0f} MiB resident = {rss / raw:.2f}x the "
            f"JSON (target {TARGET:g}x); tracemalloc {traced / 2**20:.0f} MiB = "
            f"{traced / raw:.2f}x"
        )
        items = [
            entry
            for name, data in members.items()
            if name.startswith("watched-history")
            for entry in orjson.loads(data)
        ]
        few = items[:9_999]
        one = Path(tmp) / "one.zip"
        write_zip(one, {"watched-history-1.json": orjson.dumps(few)})
        parts = Path(tmp) / "parts.zip"
        write_zip(
            parts,
            {f"watched-history-{i}.json": orjson.dumps([e]) for i, e in enumerate(few, start=1)},
        )
        t_one = min(_child(one, warm)[2] for _ in range(3))
        t_parts = min(_child(parts, warm)[2] for _ in range(3))
        f_one = best_seconds(lambda: floor(one), repeat=3)
        f_parts = best_seconds(lambda: floor(parts), repeat=3)
        print(
            f"  9,999 plays: one part {t_one:.2f} s; 9,999 one-play parts {t_parts:.2f} s "
            f"({t_parts / t_one:.1f}x; best of 3); their floors (unzip + json.loads of each "
            f"member) {f_one:.2f} s and {f_parts:.2f} s"
        )


if __name__ == "__main__":
    main()
