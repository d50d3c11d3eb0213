"""Export benchmark: an account export at Trakt's cap of 100,000 plays, against its floor.

Run with ``make bench`` (or ``python benchmarks/export.py``). The export is built
by the generator (:func:`trakt_analysis.demo.export.render_export`) as trakt.tv
writes it: the history in parts of 1,000 (offset paging repeats one entry at the
top of part 2), ``watched-shows``, the settings, the hidden items, the ratings,
the watchlist and the empty files. Prints, in one process, each time the best of
several runs (quiet) and the median of one call in new processes (first call):

- ``load_export`` against its floor, unzipping every member and running
  ``json.loads`` on it (target at most 1.0x, issue 28), and against what a pandas
  user would write, ``pd.json_normalize`` of each history part;
- the history files' parse alone, the typed path and the full walk;
- the history frame's deep memory against the history's JSON (target at most 1.5x).

``benchmarks/export_memory.py`` measures the peak memory of the same load and 9,999
one-play parts. Asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import trakt_analysis as ta
from trakt_analysis.demo.export import render_export
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.history import plan_history
from trakt_analysis.parsers._json import parse_json
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.history import parse_history, typed_history_part

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loader import best_seconds  # the best of runs, as the loader's benchmark takes it

N_PLAYS = 100_000
PART_SIZE = 1_000
TARGET = 1.0


def export_members(n_plays: int = N_PLAYS, part_size: int = PART_SIZE) -> dict[str, bytes]:
    """The members of a generated export with `n_plays` plays (the newest of the plan)."""
    specs = make_specs(n_plays // 100, seed=7, profile="binger", episodes_per_show=60)
    plays = plan_history(specs, seed="bench", timezone="Europe/Berlin")[:n_plays]
    return render_export(specs, plays, user="bench", timezone="Europe/Berlin", part_size=part_size)


def write_zip(path: Path, members: dict[str, bytes]) -> int:
    """Write `members` as a deflated ZIP; returns their uncompressed size in bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return sum(map(len, members.values()))


def floor(path: Path) -> None:
    """Unzip every member and json.loads it: what any loader of the export must at least do."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            json.loads(archive.read(name))


def normalize(path: Path) -> pd.DataFrame:
    """What a pandas user would write: json_normalize of each history part, concatenated."""
    with zipfile.ZipFile(path) as archive:
        parts = [
            pd.json_normalize(json.loads(archive.read(name)))
            for name in archive.namelist()
            if name.startswith("watched-history")
        ]
    return pd.concat(parts, ignore_index=True)


def load(path: Path) -> ta.Progress:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the repeated entry of offset paging
        return ta.load_export(path)


def floor_and_load(path: Path, clock: Callable[[], float]) -> tuple[float, float]:
    """The best of 5 of the floor and of load_export on `path`, by `clock`."""
    t_floor = best_seconds(lambda: floor(path), repeat=5, clock=clock)
    return t_floor, best_seconds(lambda: load(path), repeat=5, clock=clock)


_FIRST_CALL = """
import json, sys, time, warnings, zipfile
sys.path.insert(0, {here!r})
from export import floor, load
warnings.simplefilter("ignore")
path, warm, what = sys.argv[1:4]
load(warm), floor(warm)  # imports and first calls, left out
run = floor if what == "floor" else load
start = time.perf_counter()
run(path)
print(time.perf_counter() - start)
"""


def first_call_seconds(path: Path, warm: Path, what: str, processes: int = 5) -> float:
    """The median, over new processes, of one call: a user's load, once."""
    here = str(Path(__file__).resolve().parent)
    code = _FIRST_CALL.format(here=here)
    return statistics.median(
        float(
            subprocess.run(
                [sys.executable, "-c", code, str(path), str(warm), what],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(processes)
    )


def _full_walk(member: bytes) -> object:
    return parse_history(
        parse_json(member, label="bench"), label="bench", problems=Problems("bench")
    )


def main() -> None:
    members = export_members()
    history = [raw for name, raw in members.items() if name.startswith("watched-history")]
    with tempfile.TemporaryDirectory() as tmp:
        path, warm = Path(tmp) / "export.zip", Path(tmp) / "warm.zip"
        raw = write_zip(path, members)
        write_zip(warm, export_members(500, 250))
        progress = load(path)
        print(
            f"export: {len(progress.history):,} plays in {len(history)} history parts, "
            f"{len(progress.shows):,} shows, {len(members)} members; "
            f"{path.stat().st_size / 2**20:.1f} MiB ZIP, {raw / 2**20:.1f} MiB JSON"
        )
        t_floor, t_load = floor_and_load(path, time.perf_counter)
        t_norm = best_seconds(lambda: normalize(path), repeat=3)
        print(
            f"  quiet (best of 5): load_export {t_load:.2f} s = {t_load / t_floor:.2f}x the floor "
            f"(unzip + json.loads of every member, {t_floor:.2f} s; target <= {TARGET:g}x); "
            f"json_normalize per part {t_norm:.2f} s = {t_norm / t_load:.1f}x load_export's time"
        )
        # CPU time: what the load costs this process, whatever else the machine runs.
        c_floor, c_load = floor_and_load(path, time.process_time)
        print(
            f"  CPU time (best of 5): load_export {c_load:.2f} s = {c_load / c_floor:.2f}x the "
            f"floor's ({c_floor:.2f} s)"
        )
        f_floor = first_call_seconds(path, warm, "floor")
        f_load = first_call_seconds(path, warm, "load")
        print(
            f"  first call in a new process (median of 5): load_export {f_load:.2f} s = "
            f"{f_load / f_floor:.2f}x the floor ({f_floor:.2f} s)"
        )
    t_json = best_seconds(lambda: [json.loads(m) for m in history], repeat=5)
    typed = sum(typed_history_part(m) is not None for m in history)
    t_typed = best_seconds(lambda: [typed_history_part(m) for m in history], repeat=5)
    t_full = best_seconds(lambda: [_full_walk(m) for m in history], repeat=3)
    print(
        f"  history parts alone: json.loads {t_json:.2f} s; the typed path {t_typed:.2f} s = "
        f"{t_typed / t_json:.2f}x ({typed} of {len(history)} parts took it); the full walk "
        f"(orjson + parse_history) {t_full:.2f} s = {t_full / t_json:.2f}x"
    )
    frame = int(progress.history.memory_usage(deep=True).sum())
    history_json = sum(map(len, history))
    print(
        f"  history frame: {frame / 2**20:.1f} MiB = {frame / history_json:.2f}x its JSON "
        f"({history_json / 2**20:.1f} MiB; target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
