"""Notebook runs under nbval: find the sanitize file wherever pytest is started from."""

from __future__ import annotations

from pathlib import Path


def pytest_configure(config):
    # pyproject gives the sanitize file relative to the repository root; nbval opens it
    # relative to the working directory, which fails when pytest runs from elsewhere.
    given = getattr(config.option, "nbval_sanitize_with", None)
    if given and not Path(given).is_absolute() and not Path(given).exists():
        candidate = config.rootpath / given
        if candidate.exists():
            config.option.nbval_sanitize_with = str(candidate)
