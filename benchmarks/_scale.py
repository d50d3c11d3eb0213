"""The scale the statistics benchmarks print beside their times: ``json.loads`` of the history.

Not a benchmark itself (``run.py`` skips files starting with ``_``). The history
frame is written back as the JSON Trakt sends for it (``/sync/history``, the
export's ``watched-history-N.json``: one object per play with its show or movie
and ids), compact, and the best of several ``json.loads`` of those bytes is the
unit: a statistic at 1.0x takes as long as parsing the history it reads once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pandas as pd


def history_json(history: pd.DataFrame) -> bytes:
    """`history` (the history frame) as Trakt's history items, compact JSON."""
    items = []
    columns = ["id", "watched_at", "action", "type", "title", "year", "trakt_id"]
    columns += ["season", "episode", "runtime"]
    present = [c for c in columns if c in history.columns]
    for n, row in enumerate(history[present].itertuples(index=False)):
        play = row._asdict()
        ids = {"trakt": _int(play.get("trakt_id")), "slug": None, "tvdb": None, "imdb": None}
        item = {
            "id": _int(play.get("id")) or n + 1,
            "watched_at": pd.Timestamp(play["watched_at"]).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "action": play.get("action"),
            "type": play.get("type"),
        }
        what = {"title": play.get("title"), "year": _int(play.get("year")), "ids": ids}
        if play.get("type") == "movie":
            item["movie"] = {**what, "runtime": _int(play.get("runtime"))}
        else:
            item["episode"] = {
                "season": _int(play.get("season")),
                "number": _int(play.get("episode")),
                "title": None,
                "ids": {"trakt": n + 1},
                "runtime": _int(play.get("runtime")),
            }
            item["show"] = what
        items.append(item)
    return json.dumps(items, separators=(",", ":")).encode()


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def best_seconds(run: Callable[[], object], repeat: int = 5) -> float:
    """The best of `repeat` runs: the one least disturbed by the machine's other work."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def loads_seconds(history: pd.DataFrame) -> tuple[float, float, int]:
    """``json.loads`` of the history's JSON: seconds and CPU seconds (best of 5), and bytes."""
    payload = history_json(history)
    wall, cpu = [], []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        json.loads(payload)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), len(payload)
