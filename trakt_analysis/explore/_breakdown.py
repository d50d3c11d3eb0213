"""The explorer's breakdown panel, without widgets: progress + field -> table and chart.

:func:`breakdown_view` computes :func:`~trakt_analysis.breakdown` for the loaded
user and draws :func:`~trakt_analysis.plot_breakdown`; the widget only
displays the result, so this is tested with plain pytest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .._docstrings import fill_doc
from .._format import without_runtime
from ..analysis.breakdown import BREAKDOWNS, breakdown
from ..errors import TraktArgumentError
from ..progress import Progress

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["BREAKDOWN_CHOICES", "BreakdownView", "breakdown_view"]

#: The panel's dropdown: (label, ``by``).
BREAKDOWN_CHOICES: tuple[tuple[str, str], ...] = (
    ("genre", "genre"),
    ("network / streaming service", "network"),
    ("country", "country"),
    ("language", "language"),
    ("decade", "decade"),
    ("show type", "type"),
    ("status", "status"),
)


@dataclass(frozen=True, eq=False)
class BreakdownView:
    """What the explorer's breakdown panel shows.

    Attributes
    ----------
    table : pandas.DataFrame
        :func:`~trakt_analysis.breakdown` of the user, by `by`.
    by : str
        The field.
    figure : matplotlib.figure.Figure or None
        The bars of :func:`~trakt_analysis.plot_breakdown`; None when not asked for.
    message : str
        One line: where the plays come from, and what the shares mean for genres.
    """

    table: pd.DataFrame
    by: str
    figure: Figure | None
    message: str


@fill_doc
def breakdown_view(
    progress: Progress,
    by: str = "genre",
    *,
    metric: str = "hours",
    top: int = 12,
    charts: bool = True,
) -> BreakdownView:
    """The loaded user's hours (or plays, shows) per genre, network, country, ...

    %(parameters_user_progress)s
    by : str
        One of :data:`~trakt_analysis.analysis.breakdown.BREAKDOWNS`.
    metric : {"hours", "plays", "shows", "episodes"}
        What the bars measure.
    top : int
        Bars before "other".
    charts : bool
        Draw the figure.

    Raises
    ------
    TraktArgumentError
        Unknown `by` or `metric`.
    """
    if by not in BREAKDOWNS:
        raise TraktArgumentError(
            f"breakdown_view: by must be one of {', '.join(map(repr, BREAKDOWNS))}, got {by!r}"
        )
    table = breakdown(progress, by)
    source = (
        "plays from the history"
        if table.attrs.get("plays_from") == "history"
        else "plays from the shows' counts (no history); hours estimated"
    )
    unknown = table.loc[table[by] == "unknown", "shows"].sum()
    parts = [f"{len(table) - (1 if unknown else 0)} {by} value(s); {source}"]
    if unknown:
        parts.append(f"{int(unknown)} show(s) without a {by}: 'unknown'")
    if by == "genre":
        parts.append("a show counts in each of its genres")
    without = int(table.attrs.get("plays_without_runtime", 0))
    if without:  # the hours and their shares are of the known hours only
        parts.append(f"hours and their shares leave out {without_runtime(without)}")
    figure = _draw(table, by, metric, top) if charts else None
    return BreakdownView(table, by, figure, "; ".join(parts) + ".")


def _draw(table: pd.DataFrame, by: str, metric: str, top: int) -> Figure:
    from matplotlib.figure import Figure

    from ..plotting.breakdown import plot_breakdown

    figure = Figure(figsize=(9.0, 4.8), layout="constrained")
    plot_breakdown(table, by, metric=metric, top=top, ax=figure.subplots())
    return figure
