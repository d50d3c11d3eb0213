"""Render every chart for a 2,500-show payload to PNG; print the time per chart.

Target: each chart (drawing plus ``savefig`` at 100 dpi) in at most 2 s.
Run ``python benchmarks/plotting.py``. Prints figures, asserts nothing.
"""

from __future__ import annotations

import io
import time
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress

N_SHOWS = 2500
TARGET_S = 2.0
DPI = 100


def charts(progress: ta.Progress) -> dict:
    shows, seasons, episodes = progress
    return {
        "plot_completion": lambda: ta.plot_completion(shows),
        "plot_watch_stats": lambda: ta.plot_watch_stats(shows),
        "plot_watch_split": lambda: ta.plot_watch_split(shows),
        "plot_episode_grid": lambda: ta.plot_episode_grid(
            episodes, "Game of Thrones", seasons=seasons
        ),
        "plot_season_progress (one show)": lambda: ta.plot_season_progress(
            seasons, "Game of Thrones"
        ),
        "plot_season_progress (all shows)": lambda: ta.plot_season_progress(seasons),
        "plot_backlog": lambda: ta.plot_backlog(shows),
        "plot_overview": lambda: ta.plot_overview(progress),
    }


def main() -> None:
    payload = generate_progress(N_SHOWS, episodes_per_show=80, indent=False)
    progress = ta.load_progress(payload, user="bench")
    print(
        f"{N_SHOWS} shows, {len(progress.seasons)} seasons, {len(progress.episodes)} episodes; "
        f"PNG at {DPI} dpi; target {TARGET_S:.1f} s per chart"
    )
    worst = 0.0
    for name, draw in charts(progress).items():
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            result = draw()
            fig = result if isinstance(result, matplotlib.figure.Figure) else result.figure
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=DPI)
        elapsed = time.perf_counter() - start
        plt.close(fig)
        worst = max(worst, elapsed)
        verdict = "ok" if elapsed <= TARGET_S else "SLOW"
        print(f"  {name:34s} {elapsed:6.2f} s  {len(buffer.getvalue()) / 1024:7.0f} KiB  {verdict}")
    print(f"slowest chart: {worst:.2f} s (target {TARGET_S:.1f} s)")


if __name__ == "__main__":
    main()
