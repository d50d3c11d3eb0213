"""Charts of watched progress, in seaborn's style: ``plot_x(data, *, ..., ax=None, **kwargs)``.

Every function draws on `ax` (or a new figure's axes), returns it, never calls
``plt.show()``, and accepts the frames of :func:`load_progress` for one user or
several concatenated; users are told apart by colour. Colours live in
:mod:`.palette`.
"""

from __future__ import annotations

from . import palette
from .backlog import plot_backlog
from .breakdown import plot_breakdown, plot_ratings
from .completion import plot_completion
from .episode_grid import plot_episode_grid
from .history import plot_watch_calendar, plot_watch_clock, plot_watch_time
from .overview import plot_overview
from .seasons import plot_season_progress
from .text import shorten
from .upcoming import plot_upcoming
from .watch_stats import plot_watch_split, plot_watch_stats

__all__ = [
    "palette",
    "plot_backlog",
    "plot_breakdown",
    "plot_completion",
    "plot_episode_grid",
    "plot_overview",
    "plot_ratings",
    "plot_season_progress",
    "plot_upcoming",
    "plot_watch_calendar",
    "plot_watch_clock",
    "plot_watch_split",
    "plot_watch_stats",
    "plot_watch_time",
    "shorten",
]
