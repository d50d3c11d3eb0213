"""Loader benchmark: speed against json.loads and a naive build, memory against the payload.

Run with ``make bench`` (or ``python benchmarks/loader.py``). Prints figures;
asserts nothing. Each time is the best of several runs in this one process, so
the ratios hold while the machine's load moves. Targets (issue 15): the loader,
bytes to three validated frames, <= 1.0x stdlib ``json.loads`` of the same
bytes; >= 3x faster than a naive row-by-row build; the frames' deep memory
<= 2.0x the payload's bytes (printed with and without pyarrow).
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable

import pandas as pd

import trakt_analysis as ta
from trakt_analysis import schema
from trakt_analysis.demo.generate import generate_progress


def best_seconds(
    run: Callable[[], object], repeat: int = 9, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The best of `repeat` runs: the run least disturbed by the machine's other work.

    `clock` is wall time; ``time.process_time`` gives the CPU time of this process.
    """
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def naive_build(payload: bytes) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The obvious way to the same frames: a dict per row, DataFrame(rows), then dtypes.

    No validation at all, so it is a lower bound for a naive loader.
    """
    shows, seasons, episodes = [], [], []
    for item in json.loads(payload):
        show = item["show"]
        key = {"user": None, **{k: show.get(k) for k in ("title", "year", *IDS)}}
        shows.append({**key, **item["progress"], **item["stats"]})
        for season in item["seasons"]:
            counts = {k: v for k, v in season.items() if k != "episodes"}
            seasons.append({**key, **counts, "hidden": False})
            for number, watched in season["episodes"].items():
                episodes.append(
                    {**key, "season": season["season"], "episode": int(number), "watched": watched}
                )
    frames = (pd.DataFrame(shows), pd.DataFrame(seasons), pd.DataFrame(episodes))
    for frame in frames:  # ids may arrive as strings
        frame[["tvdb_id", "tvrage_id"]] = frame[["tvdb_id", "tvrage_id"]].apply(pd.to_numeric)
    layouts = (schema.SHOWS, schema.SEASONS, schema.EPISODES)
    return tuple(
        frame.astype(
            {c: t for c, t in schema.frame_dtypes(layout, long=long).items() if c in frame}
        )
        for frame, layout, long in zip(frames, layouts, (False, True, True), strict=True)
    )


IDS = ("imdb_id", "tvdb_id", "tvrage_id")


def _memory_ratio(payload: bytes) -> tuple[int, float]:
    progress = ta.load_progress(payload)
    memory = sum(int(frame.memory_usage(deep=True).sum()) for frame in progress)
    return memory, memory / len(payload)


def _unfilled_episode_columns(payload: bytes) -> int:
    """Bytes of the episode columns v1 cannot fill (all NA), kept for one schema across sources."""
    episodes = ta.load_progress(payload).episodes
    unfilled = [c for c in episodes.columns if episodes[c].isna().all()]
    return int(episodes[unfilled].memory_usage(deep=True, index=False).sum())


_WITHOUT_PYARROW = """
import sys
sys.modules["pyarrow"] = None  # as if it were not installed: pandas keeps text in Python
sys.path.insert(0, {here!r})
from loader import _memory_ratio
from trakt_analysis.demo.generate import generate_progress
memory, ratio = _memory_ratio(generate_progress(2500, episodes_per_show=80, indent=False))
print(memory, ratio)
"""


_FIRST_CALL = """
import json, sys, time
import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress
payload = generate_progress(2500, episodes_per_show=80, indent=False)
small = generate_progress(5, episodes_per_show=10, indent=False)
ta.load_progress(small), json.loads(small)  # imports and first calls, left out
run = json.loads if sys.argv[1] == "json.loads" else ta.load_progress
start = time.perf_counter()
run(payload)
print(time.perf_counter() - start)
"""


def _first_call_seconds(name: str, processes: int = 5) -> float:
    """The median, over new processes, of one call on the payload: a user's load, once."""
    import statistics
    import subprocess
    import sys

    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", _FIRST_CALL, name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(processes)
    ]
    return statistics.median(times)


def _parse_alone(payload: bytes) -> dict[str, float]:
    """Seconds of parsing alone: orjson, msgspec untyped, and msgspec into the loader's Structs."""
    import msgspec
    import orjson

    from trakt_analysis.parsers.v1.typed import decode_items

    untyped = msgspec.json.Decoder()
    return {
        "orjson.loads": best_seconds(lambda: orjson.loads(payload)),
        "msgspec decode": best_seconds(lambda: untyped.decode(payload)),
        "msgspec typed": best_seconds(lambda: decode_items(payload)),
    }


def _print_variant(name: str, what: str, payload: bytes) -> None:
    """One line: load_progress of another shape of response against its json.loads."""
    t_json = best_seconds(lambda: json.loads(payload))
    t_load = best_seconds(lambda: ta.load_progress(payload))
    print(
        f"{name} ({len(payload) / 1e6:.1f} MB, {what}): load_progress {t_load * 1000:.1f} ms "
        f"= {t_load / t_json:.2f}x json.loads ({t_json * 1000:.1f} ms)"
    )


def main() -> None:
    import subprocess
    import sys
    from pathlib import Path

    payload = generate_progress(2500, episodes_per_show=80, indent=False)
    progress = ta.load_progress(payload)
    print(
        f"payload: {len(payload) / 1e6:.1f} MB compact JSON, {len(progress.shows)} shows, "
        f"{len(progress.seasons)} seasons, {len(progress.episodes)} episodes"
    )
    gc.collect()
    t_json = best_seconds(lambda: json.loads(payload))
    t_load = best_seconds(lambda: ta.load_progress(payload))
    t_naive = best_seconds(lambda: naive_build(payload), repeat=3)
    print(f"json.loads:      {t_json * 1000:7.1f} ms")
    for name, seconds in _parse_alone(payload).items():
        print(f"{name + ':':<16} {seconds * 1000:7.1f} ms = {seconds / t_json:.2f}x json.loads")
    print(
        f"load_progress:   {t_load * 1000:7.1f} ms = {t_load / t_json:.2f}x json.loads "
        "(target <= 1.0, issue 15)"
    )
    print(
        f"naive row build: {t_naive * 1000:7.1f} ms = {t_naive / t_load:.1f}x the loader's time "
        "(target >= 3)"
    )
    # Best of runs favours whatever keeps its memory warm between runs; a user loads once.
    first_json, first_load = (_first_call_seconds(n) for n in ("json.loads", "load_progress"))
    print(
        f"first call in a new process (median of 5): load_progress {first_load * 1000:.1f} ms = "
        f"{first_load / first_json:.2f}x json.loads ({first_json * 1000:.1f} ms)"
    )
    # The seed's default shape: no extended show fields, no viewer fields (4 MB).
    _print_variant(
        "minimal response",
        "no extended fields",
        generate_progress(2500, episodes_per_show=80, indent=False, profile="minimal"),
    )
    # A file pretty-printed (json.dump(indent=2), jq): its episodes are decoded as dicts, not
    # read from their text (parsers/v1/episode_bytes.py reads the compact form the API sends).
    _print_variant(
        "indented file", "indent=2", generate_progress(2500, episodes_per_show=80, indent=True)
    )
    memory, ratio = _memory_ratio(payload)
    print(
        f"frames' memory:  {memory / 1e6:7.1f} MB = {ratio:.2f}x the payload with pyarrow "
        "(target <= 2.0, issue 15)"
    )
    unfilled = _unfilled_episode_columns(payload)
    print(
        f"                 {unfilled / 1e6:7.1f} MB = {unfilled / len(payload):.2f}x of it: the "
        "episode columns v1 cannot fill (all NA)"
    )
    here = str(Path(__file__).resolve().parent)
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_PYARROW.format(here=here)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        memory, ratio = (float(x) for x in result.stdout.split())
        print(f"                 {memory / 1e6:7.1f} MB = {ratio:.2f}x without pyarrow")
    else:
        print(f"frames' memory without pyarrow: not measured ({result.stderr.strip()[-200:]})")


if __name__ == "__main__":
    main()
