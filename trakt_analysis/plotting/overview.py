"""plot_overview: a multi-panel figure for reports."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..errors import TraktArgumentError
from ..progress import Progress
from ._common import user_color_map, user_name
from .backlog import plot_backlog
from .completion import plot_completion
from .fonts import with_fallback_fonts
from .seasons import plot_season_progress
from .watch_stats import plot_watch_stats

__all__ = ["plot_overview"]


@with_fallback_fonts
def plot_overview(
    progress: Progress | tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], **kwargs: Any
) -> Figure:
    """Four panels: completion, backlog, plays (with their split), seasons.

    Parameters
    ----------
    progress : Progress or (shows, seasons, episodes)
        What :func:`load_progress` returns, or its three frames (for
        several users, concatenate each frame).
    **kwargs
        Passed to :func:`matplotlib.pyplot.figure` (e.g. ``figsize``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    try:
        shows, seasons, _ = progress
    except (TypeError, ValueError):
        raise TraktArgumentError(
            "plot_overview: progress must be a Progress or a (shows, seasons, episodes) "
            f"tuple, got {type(progress).__name__}"
        ) from None
    options = {"figsize": (16.0, 12.0), "layout": "constrained"} | kwargs
    import matplotlib.pyplot as plt  # imported on use: the report never needs pyplot

    fig = plt.figure(**options)
    axes = fig.subplots(2, 2)
    plot_completion(shows, top=15, ax=axes[0, 0])
    plot_backlog(shows, top=15, ax=axes[0, 1])
    plot_watch_stats(shows, top=15, ax=axes[1, 0])
    plot_season_progress(seasons, ax=axes[1, 1])
    users = [user_name(u) for u in user_color_map(shows)] if "user" in shows else []
    who = ", ".join(users) if users else "no user"
    fig.suptitle(f"Watched progress: {who} ({len(shows)} shows)")
    return fig
