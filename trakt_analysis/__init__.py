"""trakt_analysis: analyse trakt.tv watched progress with pandas, matplotlib and Jupyter.

>>> import trakt_analysis as ta
>>> shows, seasons, episodes = ta.load_demo()

``import trakt_analysis`` loads pandas but not matplotlib or ipywidgets: the
charts (``ta.plot_*``), the explorer and the report are imported on first use
(PEP 562), so a pandas user or ``trakt-analysis summary`` never pays for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import schema
from ._version import __version__
from .analysis.backlog import backlog
from .analysis.breakdown import breakdown
from .analysis.history import (
    binge_sessions,
    rewatches,
    streaks,
    top_shows,
    watch_calendar,
    watch_clock,
    watch_time,
)
from .analysis.movies import shows_vs_movies, top_movies
from .analysis.people import top_people
from .analysis.ratings import RatingStats, rating_stats
from .analysis.sorting import (
    SORT_ORDERS,
    filter_shows,
    hide_completed,
    only_in_progress,
    sort_shows,
)
from .analysis.summary import Totals, completion_distribution, summarize, totals, watch_next
from .analysis.timezone import resolve_timezone
from .analysis.upcoming import upcoming
from .analysis.year_review import MonthInReview, YearInReview, month_in_review, year_in_review
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
    TraktDeviceCodeError,
    TraktError,
    TraktFileError,
    TraktFontWarning,
    TraktHTTPError,
    TraktLoginDeniedError,
    TraktLoginError,
    TraktLoginExpiredError,
    TraktNotFoundError,
    TraktPagingError,
    TraktPrivateProfileError,
    TraktRateLimitError,
    TraktSortWarning,
    TraktSourceError,
    TraktWarning,
)
from .parsers.detect import detect_format
from .progress import Progress, Provenance
from .sources.export import load_export
from .sources.files import load_progress, read_parquet
from .sources.metadata import MetadataProvider

if TYPE_CHECKING:  # for type checkers and IDEs; at run time these load lazily
    from ._http.limits import HTTPLimits
    from .explore import ProgressExplorer
    from .plotting import (
        plot_backlog,
        plot_breakdown,
        plot_completion,
        plot_episode_grid,
        plot_overview,
        plot_ratings,
        plot_season_progress,
        plot_upcoming,
        plot_watch_calendar,
        plot_watch_clock,
        plot_watch_split,
        plot_watch_stats,
        plot_watch_time,
    )
    from .plotting.card import plot_review_card
    from .report.html import report_html, write_report
    from .report.ics import write_ics
    from .sources.tvmaze import TVmaze
    from .sources.v1_api import TraktAuth, TraktClient, fetch_progress
    from .sources.v2_api import TraktAPI

# name -> module that defines it, imported on first access.
_LAZY: dict[str, str] = {
    "ProgressExplorer": ".explore",
    "plot_backlog": ".plotting",
    "plot_breakdown": ".plotting",
    "plot_ratings": ".plotting",
    "plot_completion": ".plotting",
    "plot_episode_grid": ".plotting",
    "plot_overview": ".plotting",
    "plot_review_card": ".plotting.card",
    "plot_season_progress": ".plotting",
    "plot_upcoming": ".plotting",
    "plot_watch_calendar": ".plotting",
    "plot_watch_clock": ".plotting",
    "plot_watch_split": ".plotting",
    "plot_watch_stats": ".plotting",
    "plot_watch_time": ".plotting",
    "report_html": ".report.html",
    "write_report": ".report.html",
    "write_ics": ".report.ics",
    # The HTTP client: requests and urllib3 load only when it is used.
    "TraktAuth": ".sources.v1_api",
    "TraktClient": ".sources.v1_api",
    "fetch_progress": ".sources.v1_api",
    "TraktAPI": ".sources.v2_api",
    "TVmaze": ".sources.tvmaze",
    "HTTPLimits": "._http.limits",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'trakt_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "SORT_ORDERS",
    "HTTPLimits",
    "MetadataProvider",
    "MonthInReview",
    "Progress",
    "ProgressExplorer",
    "Provenance",
    "RatingStats",
    "TVmaze",
    "Totals",
    "TraktAPI",
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
    "TraktDeviceCodeError",
    "TraktError",
    "TraktFileError",
    "TraktFontWarning",
    "TraktHTTPError",
    "TraktLoginDeniedError",
    "TraktLoginError",
    "TraktLoginExpiredError",
    "TraktNotFoundError",
    "TraktPagingError",
    "TraktPrivateProfileError",
    "TraktRateLimitError",
    "TraktSortWarning",
    "TraktSourceError",
    "TraktWarning",
    "YearInReview",
    "__version__",
    "backlog",
    "binge_sessions",
    "breakdown",
    "completion_distribution",
    "demo_users",
    "detect_format",
    "fetch_progress",
    "filter_shows",
    "hide_completed",
    "load_demo",
    "load_export",
    "load_progress",
    "month_in_review",
    "only_in_progress",
    "plot_backlog",
    "plot_breakdown",
    "plot_completion",
    "plot_episode_grid",
    "plot_overview",
    "plot_ratings",
    "plot_review_card",
    "plot_season_progress",
    "plot_upcoming",
    "plot_watch_calendar",
    "plot_watch_clock",
    "plot_watch_split",
    "plot_watch_stats",
    "plot_watch_time",
    "rating_stats",
    "read_parquet",
    "report_html",
    "resolve_timezone",
    "rewatches",
    "schema",
    "shows_vs_movies",
    "sort_shows",
    "streaks",
    "summarize",
    "top_movies",
    "top_people",
    "top_shows",
    "totals",
    "upcoming",
    "watch_calendar",
    "watch_clock",
    "watch_next",
    "watch_time",
    "write_ics",
    "write_report",
    "year_in_review",
]
