"""Time each history chart and the review card on 100,000 plays; print seconds, assert nothing.

Run ``python benchmarks/history.py`` (``make bench`` runs every benchmark). The
history is synthetic: 400 shows over ten years, evening-heavy, a tenth of the
runtimes unknown, in Europe/Berlin. The statistics themselves (``watch_clock``,
``year_in_review``, ...) are timed by ``benchmarks/stats.py``, on 2,500 shows.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import trakt_analysis as ta
from trakt_analysis.frames import history_frame

N_PLAYS = 100_000
ZONE = "Europe/Berlin"
DPI = 100


def make_history(n: int = N_PLAYS, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2016-01-01", tz="UTC")
    day = rng.integers(0, 3650, n)
    hour_weights = np.r_[np.full(17, 1.0), np.full(7, 6.0)]
    hour = rng.choice(24, n, p=hour_weights / hour_weights.sum())
    at = (
        start
        + pd.to_timedelta(day, "D")
        + pd.to_timedelta(hour * 60 + rng.integers(0, 60, n), "min")
    )
    show = rng.integers(0, 400, n)
    movie = rng.random(n) < 0.05
    runtime = rng.choice([22, 30, 45, 60], n).astype(object)
    runtime[rng.random(n) < 0.1] = None
    columns = {
        "title": np.array([f"Show {s}" for s in range(400)], dtype=object)[show],
        "year": 2000 + show % 20,
        "trakt_id": show + 1,
        "watched_at": at,
        "action": rng.choice(["scrobble", "checkin", "watch"], n),
        "type": np.where(movie, "movie", "episode"),
        "season": np.where(movie, None, 1 + rng.integers(0, 5, n)),
        "episode": np.where(movie, None, 1 + rng.integers(0, 20, n)),
        "runtime": runtime,
    }
    return history_frame(columns, user="bench")


def timed(label: str, run) -> None:
    start = time.perf_counter()
    result = run()
    if hasattr(result, "figure"):  # a chart: render it as the report would
        result.figure.savefig(io.BytesIO(), format="png", dpi=DPI)
        plt.close(result.figure)
    print(f"  {label:38s} {time.perf_counter() - start:6.2f} s", flush=True)


def main() -> None:
    history = make_history()
    print(f"{len(history):,} plays, time zone {ZONE}; charts include savefig at {DPI} dpi")
    review = ta.year_in_review(history, 2024, tz=ZONE)
    card_path = Path(tempfile.mkdtemp()) / "card.png"
    steps = {
        # the share card: drawn and saved as a 1080 x 1350 PNG (the target: < 2 s)
        "review card (PNG)": lambda: review.card(card_path),
        "plot_watch_clock": lambda: ta.plot_watch_clock(history, tz=ZONE),
        "plot_watch_time (month)": lambda: ta.plot_watch_time(history, tz=ZONE),
        "plot_watch_time (week)": lambda: ta.plot_watch_time(history, freq="week", tz=ZONE),
        "plot_watch_calendar": lambda: ta.plot_watch_calendar(history, year=2024, tz=ZONE),
    }
    for label, run in steps.items():
        timed(label, run)


if __name__ == "__main__":
    main()
