"""Run every benchmark in this folder and print its figures (``make bench``).

Each runs in a process of its own, as ``python benchmarks/NAME.py`` would: what
one leaves behind (a heap grown by 100,000 plays, matplotlib's state) must not
move another's figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    # Files starting with "_" are helpers the benchmarks import, not benchmarks.
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != "run.py" and p.name[0] != "_")
    for script in scripts:
        print(f"== {script.stem} ==", flush=True)
        result = subprocess.run([sys.executable, str(script)], check=False)
        print(flush=True)
        if result.returncode:
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
