"""Time ta.backlog and ta.upcoming at Trakt's cap; print seconds, assert nothing.

Run ``python benchmarks/backlog.py`` (``make bench`` runs every benchmark).
The data: the generator's 2,500-show v1 response (40 episodes a show, their
runtimes known), a synthetic history of 100,000 episode plays of those shows
over ten years, and a schedule of 2 announced episodes a show. Target: each
under 0.5 s (issues #26, #28). Printed as the best of several runs and as a ratio
to loading the response and to ``json.loads`` of the history (``_scale.py``),
measured in the same run.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from _scale import best_seconds, loads_seconds

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress
from trakt_analysis.frames import history_frame

N_SHOWS = 2_500
N_PLAYS = 100_000
TODAY = "2026-03-10"
ZONE = "Europe/Berlin"
TARGET = 0.5  # seconds, each


def make_progress() -> ta.Progress:
    payload = generate_progress(N_SHOWS, episodes_per_show=40, indent=False)
    progress = ta.load_progress(payload, user="bench")
    shows = progress.shows
    rng = np.random.default_rng(0)
    show = rng.integers(0, len(shows), N_PLAYS)
    start = pd.Timestamp("2016-03-10", tz="UTC")
    at = start + pd.to_timedelta(rng.integers(0, 3650 * 24 * 60, N_PLAYS), "min")
    history = history_frame(
        {
            "title": shows["title"].to_numpy(object)[show],
            "year": shows["year"].to_numpy(object)[show],
            "imdb_id": shows["imdb_id"].to_numpy(object)[show],
            "tvdb_id": shows["tvdb_id"].to_numpy(object)[show],
            "watched_at": at,
            "action": np.full(N_PLAYS, "scrobble", dtype=object),
            "type": np.full(N_PLAYS, "episode", dtype=object),
            "season": 1 + rng.integers(0, 3, N_PLAYS),
            "episode": 1 + rng.integers(0, 13, N_PLAYS),
            "runtime": rng.choice([30, 45, 60], N_PLAYS),
        },
        user="bench",
    )
    announced = np.repeat(np.arange(len(shows)), 2)
    air = pd.Timestamp(TODAY, tz="UTC") + pd.to_timedelta(
        rng.integers(0, 60 * 24 * 60, len(announced)), "min"
    )
    schedule = pd.DataFrame(
        {
            **{c: shows[c].to_numpy(object)[announced] for c in ta.schema.IDENTITY},
            "season": np.full(len(announced), 99, dtype=np.int32),
            "episode": np.tile([1, 2], len(shows)).astype(np.int32),
            "episode_title": "Announced",
            "first_aired": air,
            "runtime": pd.array(np.full(len(announced), 45), dtype="Int32"),
        }
    )
    return dataclasses.replace(progress, history=history, schedule=schedule)


def main() -> None:
    progress = make_progress()
    payload = generate_progress(N_SHOWS, episodes_per_show=40, indent=False)
    load = best_seconds(lambda: ta.load_progress(payload, user="bench"))
    print(
        f"{len(progress.shows):,} shows, {len(progress.episodes):,} episode rows, "
        f"{len(progress.history):,} plays; target {TARGET} s each"
    )
    loads, _, size = loads_seconds(progress.history)
    print(f"  {'load_progress (for scale)':28s} {load:6.3f} s")
    print(f"  {'json.loads of the history':28s} {loads:6.3f} s  ({size / 1e6:.1f} MB, for scale)")
    for label, run in {
        "backlog": lambda: ta.backlog(progress, today=TODAY, tz=ZONE),
        "upcoming (30 days)": lambda: ta.upcoming(progress, days=30, today=TODAY, tz=ZONE),
    }.items():
        seconds = best_seconds(run)
        print(
            f"  {label:28s} {seconds:6.3f} s  ({seconds / load:.2f}x the load, "
            f"{seconds / loads:.2f}x json.loads)"
        )


if __name__ == "__main__":
    main()
