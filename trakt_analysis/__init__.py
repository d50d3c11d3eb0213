"""trakt_analysis: analyse trakt.tv watched progress with pandas, matplotlib and Jupyter.

>>> import trakt_analysis as ta
>>> shows, seasons, episodes = ta.load_demo()
"""

from __future__ import annotations

from . import schema
from ._version import __version__
from .analysis.sorting import (
    SORT_ORDERS,
    filter_shows,
    hide_completed,
    only_in_progress,
    sort_shows,
)
from .analysis.summary import completion_distribution, summarize, watch_next
from .demo.users import demo_users, load_demo
from .errors import (
    TraktAPIError,
    TraktArgumentError,
    TraktAuthError,
    TraktCacheMissError,
    TraktConnectionError,
    TraktDataError,
    TraktDataWarning,
    TraktDependencyError,
    TraktError,
    TraktFileError,
    TraktHTTPError,
    TraktNotFoundError,
    TraktRateLimitError,
    TraktSortWarning,
    TraktSourceError,
)
from .explore import ProgressExplorer
from .frames import Progress, load_progress
from .plotting import (
    plot_backlog,
    plot_completion,
    plot_episode_grid,
    plot_overview,
    plot_season_progress,
    plot_watch_split,
    plot_watch_stats,
)
from .report.html import report_html, write_report
from .sources.v1_api import TraktAuth, TraktClient, fetch_progress

__all__ = [
    "SORT_ORDERS",
    "Progress",
    "ProgressExplorer",
    "TraktAPIError",
    "TraktArgumentError",
    "TraktAuth",
    "TraktAuthError",
    "TraktCacheMissError",
    "TraktClient",
    "TraktConnectionError",
    "TraktDataError",
    "TraktDataWarning",
    "TraktDependencyError",
    "TraktError",
    "TraktFileError",
    "TraktHTTPError",
    "TraktNotFoundError",
    "TraktRateLimitError",
    "TraktSortWarning",
    "TraktSourceError",
    "__version__",
    "completion_distribution",
    "demo_users",
    "fetch_progress",
    "filter_shows",
    "hide_completed",
    "load_demo",
    "load_progress",
    "only_in_progress",
    "plot_backlog",
    "plot_completion",
    "plot_episode_grid",
    "plot_overview",
    "plot_season_progress",
    "plot_watch_split",
    "plot_watch_stats",
    "report_html",
    "schema",
    "sort_shows",
    "summarize",
    "watch_next",
    "write_report",
]
