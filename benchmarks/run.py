"""Run every benchmark in this folder and print its figures (``make bench``)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != "run.py")
    for script in scripts:
        print(f"== {script.stem} ==", flush=True)
        runpy.run_path(str(script), run_name="__main__")
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
