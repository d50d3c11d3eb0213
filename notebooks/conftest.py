"""Notebook runs under nbval: set up what the kernels inherit, wherever pytest starts."""

from __future__ import annotations

import os
from pathlib import Path


def pytest_configure(config):
    # pyproject gives the sanitize file relative to the repository root; nbval opens it
    # relative to the working directory, which fails when pytest runs from elsewhere.
    given = getattr(config.option, "nbval_sanitize_with", None)
    if given and not Path(given).is_absolute() and not Path(given).exists():
        candidate = config.rootpath / given
        if candidate.exists():
            config.option.nbval_sanitize_with = str(candidate)
    # nbval's kernels inherit this environment. MPLBACKEND=Agg there would replace the
    # inline backend, and the figures the notebooks store would not come back.
    os.environ.pop("MPLBACKEND", None)
