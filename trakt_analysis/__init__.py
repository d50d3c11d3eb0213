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

from . import errors, schema
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
from .errors import *  # noqa: F403  (the exception family: errors.__all__)
from .parsers.detect import detect_format
from .progress import Progress, Provenance
from .sources.export import load_export
from .sources.files import load_progress, read_parquet
from .sources.metadata import MetadataProvider

if TYPE_CHECKING:  # for type checkers and IDEs; at run time these load lazily
    from ._http.limits import HTTPLimits as HTTPLimits
    from .explore import ProgressExplorer as ProgressExplorer
    from .plotting import plot_backlog as plot_backlog
    from .plotting import plot_breakdown as plot_breakdown
    from .plotting import plot_completion as plot_completion
    from .plotting import plot_episode_grid as plot_episode_grid
    from .plotting import plot_overview as plot_overview
    from .plotting import plot_ratings as plot_ratings
    from .plotting import plot_season_progress as plot_season_progress
    from .plotting import plot_upcoming as plot_upcoming
    from .plotting import plot_watch_calendar as plot_watch_calendar
    from .plotting import plot_watch_clock as plot_watch_clock
    from .plotting import plot_watch_split as plot_watch_split
    from .plotting import plot_watch_stats as plot_watch_stats
    from .plotting import plot_watch_time as plot_watch_time
    from .plotting.card import plot_review_card as plot_review_card
    from .report.html import report_html as report_html
    from .report.html import write_report as write_report
    from .report.ics import write_ics as write_ics
    from .sources.tvmaze import TVmaze as TVmaze
    from .sources.v1_api import TraktAuth as TraktAuth
    from .sources.v1_api import TraktClient as TraktClient
    from .sources.v1_api import fetch_progress as fetch_progress
    from .sources.v2_api import TraktAPI as TraktAPI

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
    "MetadataProvider",
    "MonthInReview",
    "Progress",
    "Provenance",
    "RatingStats",
    "Totals",
    "YearInReview",
    "__version__",
    "backlog",
    "binge_sessions",
    "breakdown",
    "completion_distribution",
    "demo_users",
    "detect_format",
    "filter_shows",
    "hide_completed",
    "load_demo",
    "load_export",
    "load_progress",
    "month_in_review",
    "only_in_progress",
    "rating_stats",
    "read_parquet",
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
    "year_in_review",
]
# Each name is listed once: the exception family in errors.__all__, the lazy names in _LAZY
# (re-exported for type checkers by the `X as X` imports above).
__all__ += errors.__all__
__all__ += _LAZY
