"""Charts of what you watch (:func:`~trakt_analysis.breakdown`) and how you rate.

``plot_breakdown``: horizontal bars per genre, network, country, ... with the
values beyond `top` as one "other" bar and the shows without the field as an
"unknown" bar, always drawn. ``plot_ratings``: how many ratings of each value,
1 to 10, stacked by what was rated.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..analysis.breakdown import BREAKDOWNS, UNKNOWN, breakdown
from ..analysis.ratings import RATINGS_SCALE, RatingStats, rating_stats
from ..errors import TraktArgumentError
from ..progress import Progress
from ._common import (
    check_top,
    get_ax,
    legend_outside,
    no_data,
    of_user,
    rows_height,
    user_name,
    users_of,
)
from ._docstrings import fill_doc
from .palette import MORE, NO_DATA, RATING_TYPE_COLORS, user_colors
from .palette import UNKNOWN as UNKNOWN_COLOR
from .text import shorten

__all__ = ["BREAKDOWN_METRICS", "RATING_TYPE_COLORS", "plot_breakdown", "plot_ratings"]

#: ``metric`` of :func:`plot_breakdown`: the column of :func:`~trakt_analysis.breakdown` drawn.
BREAKDOWN_METRICS: tuple[str, ...] = ("hours", "plays", "shows", "episodes")
OTHER = "other"
_LABEL_WIDTH = 28


def _breakdown_frame(data: object, by: str, func: str) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        if by not in data.columns:
            raise TraktArgumentError(
                f"{func}: the frame has no column {by!r}; pass a Progress or the frame of "
                f"ta.breakdown(progress, {by!r})"
            )
        return data
    return breakdown(data, by)  # type: ignore[arg-type]


def _rows_of_user(frame: pd.DataFrame, by: str, metric: str, top: int) -> pd.DataFrame:
    """`top` values, then "other" (the rest summed) and "unknown", each only when present."""
    unknown = frame[frame[by] == UNKNOWN]
    known = frame[frame[by] != UNKNOWN]
    known = known.sort_values(metric, ascending=False, na_position="last", kind="stable")
    shown = known.iloc[:top]
    rest = known.iloc[top:]
    rows = [(str(v), m) for v, m in zip(shown[by], shown[metric], strict=True)]
    if len(rest):
        total = rest[metric].sum(min_count=1)
        rows.append((f"{OTHER} ({len(rest)})", total))
    if len(unknown):
        rows.append((UNKNOWN, unknown[metric].sum(min_count=1)))
    return pd.DataFrame(rows, columns=["label", "value"])


@fill_doc
def plot_breakdown(
    data: Progress | list[Progress] | pd.DataFrame,
    by: str,
    *,
    metric: str = "hours",
    top: int = 15,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Hours (or plays, shows, episodes) per genre, network, country, language, decade, ...

    Horizontal bars, the largest at the top. The values beyond `top` are one
    grey "other (N)" bar, their sum; the shows without the field are an
    "unknown" bar, always drawn last. Several users: one bar per user and
    value, told apart by colour. By genre, a show in three genres counts in
    each, so the bars add up to more than the total.

    Parameters
    ----------
    data : Progress, list of Progress, or pandas.DataFrame
        A progress (or one per user), or the frame of :func:`~trakt_analysis.breakdown`.
    by : {"genre", "network", "country", "language", "decade", "type", "status"}
        The field (see :func:`~trakt_analysis.breakdown`).
    metric : {"hours", "plays", "shows", "episodes"}
        What the bars measure. Hours are the known runtimes' sum; a value whose
        plays have none has no bar and a "?" instead.
    top : int
        Values drawn per user before the "other" bar.
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s

    Raises
    ------
    TraktArgumentError
        Unknown `by` or `metric`, or a bad `top`.
    """
    func = "plot_breakdown"
    if by not in BREAKDOWNS:
        raise TraktArgumentError(
            f"{func}: by must be one of {', '.join(map(repr, BREAKDOWNS))}, got {by!r}"
        )
    if metric not in BREAKDOWN_METRICS:
        raise TraktArgumentError(
            f"{func}: metric must be one of {', '.join(map(repr, BREAKDOWN_METRICS))}, "
            f"got {metric!r}"
        )
    top = check_top(top, func)
    frame = _breakdown_frame(data, by, func)
    title = f"{metric} by {by}"
    users = users_of(frame) if len(frame) else []  # an unknown user (NA) is one user too
    per_user = {u: _rows_of_user(frame[of_user(frame, u)], by, metric, top) for u in users}
    if not users or all(rows.empty for rows in per_user.values()):
        return no_data(get_ax(ax, (8.0, 3.0)), title)
    labels = list(dict.fromkeys(label for rows in per_user.values() for label in rows["label"]))
    # "other" and "unknown" below the values, unknown last
    labels = (
        [x for x in labels if not x.startswith(f"{OTHER} (") and x != UNKNOWN]
        + [x for x in labels if x.startswith(f"{OTHER} (")]
        + [x for x in labels if x == UNKNOWN]
    )
    ax = get_ax(ax, rows_height(len(labels) * max(1, len(users))))
    colors = user_colors(users)
    height = 0.8 / len(users)
    y = np.arange(len(labels), dtype=float)
    for k, user in enumerate(users):
        rows = per_user[user].set_index("label")["value"]
        values = np.array(
            [
                float(rows[label]) if label in rows and pd.notna(rows[label]) else np.nan
                for label in labels
            ]
        )
        offset = (k - (len(users) - 1) / 2) * height
        bar_colors = [
            UNKNOWN_COLOR
            if label == UNKNOWN
            else MORE
            if label.startswith(f"{OTHER} (")
            else colors[user]
            for label in labels
        ]
        options: dict[str, Any] = {"color": bar_colors, "height": height}
        options |= {"label": user_name(user)} | kwargs
        ax.barh(y + offset, np.nan_to_num(values), **options)
        for yi, label, value in zip(y + offset, labels, values, strict=True):
            if label in rows and pd.isna(value):  # a value whose hours are unknown
                ax.text(0, yi, " ?", va="center", ha="left", color=NO_DATA, fontsize="small")
    ax.set_yticks(y, labels=[shorten(label, _LABEL_WIDTH) for label in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_ylabel(by)
    ax.set_xlabel(metric)
    ax.set_title(title)
    if len(users) > 1:
        legend_outside(ax, [Patch(facecolor=colors[u], label=user_name(u)) for u in users], "user")
    return ax


def _distribution(data: object) -> pd.DataFrame:
    if isinstance(data, RatingStats):
        return data.distribution
    if isinstance(data, pd.DataFrame) and {"type", "rating", "ratings"} <= set(data.columns):
        return data
    return rating_stats(data).distribution  # type: ignore[arg-type]


@fill_doc
def plot_ratings(
    data: Progress | RatingStats | pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """How many ratings of each value, 1 to 10, stacked by what was rated.

    Parameters
    ----------
    data : Progress, RatingStats or pandas.DataFrame
        A progress with ratings, :func:`~trakt_analysis.rating_stats`' result,
        or its ``distribution`` frame. All users' ratings given are counted
        together: pass one user's for one user's chart.
    %(ax)s
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.bar`; they win over the palette.

    %(returns_ax)s
    """
    dist = _distribution(data)
    title = "ratings given"
    ax = get_ax(ax, (8.0, 4.0))
    if not len(dist) or int(dist["ratings"].sum()) == 0:
        return no_data(ax, title, "no ratings")
    counts = dist.groupby(["type", "rating"])["ratings"].sum()
    bottom = np.zeros(len(RATINGS_SCALE))
    for kind, color in RATING_TYPE_COLORS.items():
        values = np.array([counts.get((kind, r), 0) for r in RATINGS_SCALE], dtype=float)
        if not values.any():
            continue
        options = {"color": color, "label": kind} | kwargs
        ax.bar(RATINGS_SCALE, values, bottom=bottom, **options)
        bottom += values
    ax.set_xticks(RATINGS_SCALE)
    ax.set_xlim(0.4, 10.6)
    ax.set_xlabel("rating")
    ax.set_ylabel("ratings")
    ax.set_title(title)
    ax.legend(title="rated", fontsize="small", title_fontsize="small")
    return ax
