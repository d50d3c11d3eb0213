"""Print a summary of a progress response: ``python -m trakt_analysis.summary [FILE]``."""

from __future__ import annotations

import sys

from .core import Progress, load_progress
from .datasets import load_demo


def describe(progress: Progress) -> str:
    """A short text summary of the three frames."""
    shows, _, episodes = progress
    watched = int(episodes["watched"].sum())
    left = int(shows["left"].sum())
    lines = [
        repr(progress),
        f"episodes watched: {watched}, left to watch: {left}",
        f"finished shows: {int((shows['left'] == 0).sum())} of {len(shows)}",
        "",
        shows[["title", "year", "completed", "aired", "percentage"]].to_string(index=False),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    progress = load_progress(argv[0]) if argv else load_demo()
    print(describe(progress))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
