"""Export benchmark: an account export of 10,000 plays over 300 shows.

Run with ``make bench`` (or ``python benchmarks/export.py``). Prints the load
time (median of runs) against json.loads of the same members, the history files'
parse alone (the typed path and the full walk) against json.loads of the same
bytes, the peak memory the load allocates (tracemalloc) and the frames' deep
memory against the archive's uncompressed JSON; asserts nothing.
"""

from __future__ import annotations

import io
import json
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import orjson

import trakt_analysis as ta
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.demo.history import history_items, plan_history
from trakt_analysis.parsers._json import parse_json
from trakt_analysis.parsers._problems import Problems
from trakt_analysis.parsers.history import (
    parse_history,
    parse_history_json,
    typed_history_columns,
)

N_SHOWS = 300
N_PLAYS = 10_000


def build_export() -> tuple[bytes, int, int]:
    """A ZIP with about N_PLAYS plays over N_SHOWS shows (all watched), in 1,000-entry parts."""
    specs = make_specs(N_SHOWS, seed=7, profile="binger", episodes_per_show=18)
    plays = plan_history(specs, seed="bench", timezone="UTC", movies=True)
    items = history_items(specs, plays)  # about N_PLAYS: the plan is tuned to it
    buffer = io.BytesIO()
    raw = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, start in enumerate(range(0, len(items), 1_000), start=1):
            data = orjson.dumps(items[start : start + 1_000])
            raw += len(data)
            archive.writestr(f"watched-history-{part}.json", data)
    return buffer.getvalue(), len(items), raw


def _typed(member: bytes) -> object:
    return parse_history_json(member, label="bench", problems=Problems("bench"))


def _full_walk(member: bytes) -> object:
    return parse_history(
        parse_json(member, label="bench"), label="bench", problems=Problems("bench")
    )


def _seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    archive, n_plays, raw = build_export()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "trakt-export.zip"
        path.write_bytes(archive)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            progress = ta.load_export(path)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        progress = ta.load_export(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    frames = (*progress, progress.history)
    deep = sum(int(f.memory_usage(deep=True).sum()) for f in frames)
    print(
        f"export: {n_plays:,} plays over {len(progress.shows):,} shows; "
        f"{len(archive) / 2**20:.1f} MiB ZIP, {raw / 2**20:.1f} MiB JSON"
    )
    print(f"  load_export: {statistics.median(times):.2f} s (median of {len(times)})")
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        names = opened.namelist()
        members = [opened.read(name) for name in names]
    t_json = min(_seconds(lambda: [json.loads(m) for m in members]) for _ in range(5))
    print(
        f"  json.loads of its members alone: {t_json:.3f} s; load_export = "
        f"{min(times) / t_json:.1f}x that (best runs; it also reads the ZIP and builds the "
        "history, progress and frames)"
    )
    history_members = [
        opened_bytes for name, opened_bytes in zip(names, members, strict=True) if "history" in name
    ]
    t_hist_json = min(_seconds(lambda: [json.loads(m) for m in history_members]) for _ in range(7))
    typed = sum(typed_history_columns(m) is not None for m in history_members)
    t_typed = min(
        _seconds(
            lambda: [
                parse_history_json(m, label="bench", problems=Problems("bench"))
                for m in history_members
            ]
        )
        for _ in range(7)
    )
    t_full = min(_seconds(lambda: [_full_walk(m) for m in history_members]) for _ in range(7))
    print(
        f"  history files alone ({len(history_members)}): json.loads {t_hist_json:.3f} s; "
        f"parse_history_json {t_typed:.3f} s = {t_typed / t_hist_json:.2f}x json.loads "
        f"(the typed path, which load_export takes; {typed} of them took it); "
        "full walk (orjson + parse_history) "
        f"{t_full:.3f} s = {t_full / t_hist_json:.2f}x; typed {t_full / t_typed:.1f}x faster "
        "(best of 7)"
    )
    print(f"  peak memory while loading: {peak / 2**20:.0f} MiB ({peak / raw:.1f}x the JSON)")
    print(f"  frames' deep memory: {deep / 2**20:.1f} MiB ({deep / raw:.2f}x the JSON)")


if __name__ == "__main__":
    main()
