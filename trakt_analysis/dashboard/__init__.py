"""The dashboard: the explorer, the year in review, breakdowns and the backlog as a web page.

``trakt-analysis dashboard [SOURCE]`` serves it on 127.0.0.1 with Voilà (the
``dashboard`` extra); :class:`Dashboard` is the same page in JupyterLab.
"""

from __future__ import annotations

__all__ = ["Dashboard"]


def __getattr__(name: str) -> object:
    if name == "Dashboard":  # ipywidgets and matplotlib load only when it is used
        from .app import Dashboard

        return Dashboard
    raise AttributeError(f"module 'trakt_analysis.dashboard' has no attribute {name!r}")
