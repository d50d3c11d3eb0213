"""Probe for issue 15's loader target: msgspec's typed decode of the v1 shape, measured alone.

Not the loader: v1 Structs (ids as int or str, ``next_episode`` a Struct or
``false``, undeclared fields skipped) decoded by msgspec, then the episode
columns built in bulk, each against ``json.loads`` of the same bytes. It says
how much of the <= 1.0x target a typed decoder leaves for the checks and the
frames. Prints figures; asserts nothing; skips when msgspec is not installed.
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np
import orjson

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress

try:
    import msgspec
except ImportError:  # not a dependency (yet)
    msgspec = None


if msgspec is not None:  # the v1 shape as Structs (undeclared fields are skipped)

    class Show(msgspec.Struct, dict=False):
        title: str
        year: int | None = None
        imdb_id: str | None = None
        tvdb_id: int | str | None = None
        tvrage_id: int | str | None = None

    class Counts(msgspec.Struct):
        percentage: int | float | None = None
        aired: int | None = None
        completed: int | None = None
        left: int | None = None

    class Season(msgspec.Struct):
        season: int
        episodes: dict[str, bool]
        percentage: int | float | None = None
        aired: int | None = None
        completed: int | None = None
        left: int | None = None

    class Stats(msgspec.Struct):
        plays: int | None = None
        scrobbles: int | None = None
        checkins: int | None = None
        seen: int | None = None

    class Next(msgspec.Struct):
        season: int | None = None
        number: int | None = None
        num: int | None = None
        title: str | None = None
        first_aired: int | None = None

    class Item(msgspec.Struct):
        show: Show
        progress: Counts
        seasons: list[Season]
        stats: Stats | None = None
        next_episode: Next | bool | None = None
        hidden_seasons: list[msgspec.Raw] = msgspec.field(default_factory=list)


def med(run, n=7):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    if msgspec is None:
        print("msgspec is not installed: probe skipped (pip install msgspec to run it)")
        return
    payload = generate_progress(2500, episodes_per_show=80, indent=False)
    dec_any = msgspec.json.Decoder()
    dec = msgspec.json.Decoder(list[Item])

    def typed_and_columns():
        watched, numbers, sizes = [], [], []
        for it in dec.decode(payload):
            for season in it.seasons:
                episodes = season.episodes
                watched.extend(episodes.values())
                numbers.extend(episodes.keys())
                sizes.append(len(episodes))
        w = np.fromiter(watched, dtype=bool, count=len(watched))
        n = np.array(numbers, dtype=np.int32)
        k = np.repeat(np.arange(len(sizes)), sizes)
        return w, n, k

    t_json = med(lambda: json.loads(payload))
    rows = [
        ("json.loads", t_json),
        ("orjson.loads", med(lambda: orjson.loads(payload))),
        ("msgspec untyped", med(lambda: dec_any.decode(payload))),
        ("msgspec typed (v1 Structs)", med(lambda: dec.decode(payload))),
        ("typed + episode columns", med(typed_and_columns)),
        ("load_progress today", med(lambda: ta.load_progress(payload))),
    ]
    print(f"payload {len(payload) / 1e6:.1f} MB")
    for name, seconds in rows:
        print(f"{name:<28} {seconds * 1000:7.1f} ms = {seconds / t_json:.2f}x json.loads")


if __name__ == "__main__":
    main()
