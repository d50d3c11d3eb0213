"""Regenerate the example PNGs of the README from the bundled demo user.

Run ``make examples`` (or ``python scripts/make_examples.py [OUT_DIR]``).
Writes small PNGs (about 90 dpi) to ``docs/images/`` by default, and screenshots
of the report of the demo account export (``report_export.png``, its first
screen) with Debian's headless Chromium when ``/usr/bin/chromium`` is there.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

import trakt_analysis as ta

DPI = 90
EXPORT = "data/fixtures/export/demo-export.zip"
OUT = Path(__file__).resolve().parent.parent / "docs" / "images"
CHROMIUM = Path("/usr/bin/chromium")


def report_screenshots(out: Path) -> None:
    """Screenshots of the demo export's report (what a new user's first report looks like)."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: no report screenshots (bash scripts/ensure-chromium)")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)
        export = ta.load_export(Path(__file__).resolve().parent.parent / EXPORT)
    generated = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        page = ta.write_report(export, Path(tmp) / "report.html", generated=generated, dpi=72)
        for name, anchor, height in (("report_export", "", 1100),):
            path = out / f"{name}.png"
            subprocess.run(
                [
                    str(CHROMIUM),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--hide-scrollbars",
                    f"--window-size=1200,{height}",
                    f"--screenshot={path}",
                    page.as_uri() + anchor,
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            print(f"{path} ({path.stat().st_size / 1024:.0f} KiB)")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    out.mkdir(parents=True, exist_ok=True)
    demo = ta.load_demo()
    binger = ta.load_demo("binger")
    both = ta.Progress(
        *(pd.concat(pair, ignore_index=True) for pair in zip(demo, binger, strict=True))
    )
    charts = {
        "completion": lambda: ta.plot_completion(demo.shows, top=20),
        "completion_two_users": lambda: ta.plot_completion(both.shows, top=20),
        "watch_stats": lambda: ta.plot_watch_stats(demo.shows, top=15),
        "episode_grid": lambda: ta.plot_episode_grid(
            demo.episodes, ("Doctor Who", 2005), seasons=demo.seasons
        ),
        "episode_grid_daily": lambda: ta.plot_episode_grid(
            demo.episodes, "The Daily Show", seasons=demo.seasons
        ),
        "season_progress": lambda: ta.plot_season_progress(demo.seasons, "The Wire"),
        "backlog": lambda: ta.plot_backlog(demo.shows, top=15),
        "overview": lambda: ta.plot_overview(demo, figsize=(14, 10)),
    }
    for name, draw in charts.items():
        with warnings.catch_warnings():
            # DejaVu Sans has no CJK or emoji glyphs; they are drawn as boxes.
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            result = draw()
            fig = result if isinstance(result, matplotlib.figure.Figure) else result.figure
            path = out / f"{name}.png"
            fig.savefig(path, dpi=DPI if name != "overview" else 60)
        plt.close(fig)
        print(f"{path} ({path.stat().st_size / 1024:.0f} KiB)")
    report_screenshots(out)
    # The README's year in review card, from the bundled account export (not the demo user).
    export = ta.load_export(Path(__file__).resolve().parent.parent / EXPORT)
    path = out / "review_card.png"
    ta.year_in_review(export, 2025).card(path, size=(720, 900), dpi=100)
    print(f"{path} ({path.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
