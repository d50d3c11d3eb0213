"""The interactive explorer: :class:`ProgressExplorer` and the logic behind it.

``ipywidgets`` is imported only when an explorer is built, so
``import trakt_analysis`` works without it; :func:`view` never needs it.
"""

from __future__ import annotations

from ..sources.catalog import (
    ClientSource,
    DemoSource,
    DirectorySource,
    ExplorerSource,
    LiveSource,
    as_source,
)
from ._breakdown import BreakdownView, breakdown_view
from ._history import HistoryView, history_view
from ._view import TABLE_COLUMNS, Filters, Summary, View, show_options, view
from ._widget import Controls, ProgressExplorer

__all__ = [
    "TABLE_COLUMNS",
    "BreakdownView",
    "ClientSource",
    "Controls",
    "DemoSource",
    "DirectorySource",
    "ExplorerSource",
    "Filters",
    "HistoryView",
    "LiveSource",
    "ProgressExplorer",
    "Summary",
    "View",
    "as_source",
    "breakdown_view",
    "history_view",
    "show_options",
    "view",
]
