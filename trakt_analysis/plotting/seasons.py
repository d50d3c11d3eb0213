"""plot_season_progress: completion per season."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .._format import fmt_int
from ..analysis.sorting import percent_complete
from ..progress import Progress
from ._common import (
    check_frame,
    get_ax,
    legend_outside,
    no_data,
    of_user,
    rows_legend,
    show_labels,
    user_color_map,
    user_name,
)
from ._docstrings import fill_doc
from ._select import ShowKey, select_show
from .fonts import with_fallback_fonts
from .palette import (
    COMPLETION_CMAP,
    FINISHED,
    IN_PROGRESS,
    STATE_COLORS,
    UNKNOWN,
    UNKNOWN_HATCH,
)
from .text import shorten

__all__ = ["plot_season_progress"]

_COLUMNS = ("user", "title", "year", "season", "aired", "completed", "percentage", "hidden")
HIDDEN_HATCH = "//"
TITLE = "Completion per season"


@with_fallback_fonts
@fill_doc
def plot_season_progress(
    seasons: pd.DataFrame | Progress,
    show: ShowKey | None = None,
    *,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Completion per season: bars for one show, or a heatmap of every show.

    Parameters
    ----------
    seasons : pandas.DataFrame or Progress
        The seasons frame of :func:`load_progress` (or the Progress), one user or several.
    show : str or (str, int), optional
        One show: a bar per season (height = ``percentage``, annotated
        "completed/aired"; hidden seasons drawn as hatched full-height bars,
        seasons of unknown completion as dotted grey ones, "completed/?";
        several users side by side in their colours). When None, a heatmap:
        a row per show and user, a column per season, colour = percentage,
        hidden seasons in the hidden colour, seasons whose completion is
        unknown (no aired count) in the unknown grey; blank cells are
        seasons the frame does not list.
    %(ax)s
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.bar` (one show) or
        :meth:`~matplotlib.axes.Axes.imshow` (all shows).

    %(returns_ax)s

    Raises
    ------
    TraktArgumentError
        `show` is unknown or ambiguous (the message lists the candidates).
    """
    seasons = check_frame(seasons, _COLUMNS, "plot_season_progress", "seasons")
    if seasons.empty:
        return no_data(get_ax(ax, (8.0, 4.0)), TITLE)
    if show is None:
        return _heatmap(seasons, ax, **kwargs)
    mask, title, year = select_show(seasons, show, "plot_season_progress")
    return _bars(seasons[mask], title, year, ax, **kwargs)


def _bars(rows: pd.DataFrame, title: str, year: object, ax: Axes | None, **kwargs: Any) -> Axes:
    colors_by_user = user_color_map(rows)
    users = list(colors_by_user)
    several = len(users) > 1
    numbers = sorted(set(rows["season"].tolist()))
    ax = get_ax(ax, (max(5.0, min(14.0, 2.0 + 0.5 * len(numbers) * len(users))), 4.5))
    width = 0.8 / len(users)
    any_unknown = False
    for k, user in enumerate(users):
        mine = rows[of_user(rows, user)]
        x = (
            np.array([numbers.index(s) for s in mine["season"]])
            + (k - (len(users) - 1) / 2) * width
        )
        hidden = mine["hidden"].to_numpy(dtype=bool)
        pct = percent_complete(mine).to_numpy(dtype=float, na_value=np.nan)
        # Unknown completion (no aired count): a hatched grey full-height bar, never 0 %.
        unknown = ~hidden & np.isnan(pct)
        any_unknown |= bool(unknown.any())
        # NaN compares False: an unknown count is not finished.
        left = mine["left"].to_numpy(dtype=float, na_value=np.nan)
        finished = (left == 0) & (mine["aired"].to_numpy(dtype=float, na_value=np.nan) > 0)
        heights = np.where(hidden | unknown, 100.0, pct)
        if several:
            colors = [colors_by_user[user]] * len(mine)
        else:
            colors = [FINISHED if f else IN_PROGRESS for f in finished]
        colors = [
            STATE_COLORS["hidden"] if h else UNKNOWN if u else c
            for h, u, c in zip(hidden, unknown, colors, strict=True)
        ]
        options: dict[str, Any] = {"width": width, "color": colors} | kwargs
        bars = ax.bar(x, heights, **options)
        for bar, h, u, c, a in zip(
            bars, hidden, unknown, mine["completed"], mine["aired"], strict=True
        ):
            if h or u:
                bar.set_hatch(HIDDEN_HATCH if h else UNKNOWN_HATCH)
                bar.set_alpha(0.5)
            note = "hidden" if h else f"{fmt_int(c, '?')}/{fmt_int(a, '?')}"  # unknown: "?", not 0
            ax.annotate(
                note,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="x-small",
            )
    ax.set_xticks(range(len(numbers)), labels=["Sp" if n == 0 else str(n) for n in numbers])
    ax.set_ylim(0, 110)
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlabel("season")
    ax.set_ylabel("completed (%)")
    year_text = "" if pd.isna(year) else f" ({year})"
    ax.set_title(f"{shorten(title, 48)}{year_text}: completion per season")
    hidden_patch = Patch(
        facecolor=STATE_COLORS["hidden"], alpha=0.5, hatch=HIDDEN_HATCH, label="hidden"
    )
    marked = [hidden_patch]
    if any_unknown:
        marked.append(
            Patch(facecolor=UNKNOWN, alpha=0.5, hatch=UNKNOWN_HATCH, label="completion unknown")
        )
    handles = [
        Patch(facecolor=FINISHED, label="finished"),
        Patch(facecolor=IN_PROGRESS, label="episodes left"),
        *marked,
    ]
    rows_legend(ax, colors_by_user, marked, handles)
    return ax


def _heatmap(seasons: pd.DataFrame, ax: Axes | None, **kwargs: Any) -> Axes:
    keys = ["user", "title", "year"]
    users = seasons["user"].astype(object)
    frame = seasons.assign(user=users.where(users.notna(), None))  # NA as None, as user_key
    frame = frame.assign(title=frame["title"].astype(object))
    shows = frame[keys].drop_duplicates()
    shows = shows.assign(row=np.arange(len(shows)))
    frame = frame.merge(shows, on=keys, how="left")
    numbers = sorted(set(frame["season"].tolist()))
    column = {n: i for i, n in enumerate(numbers)}
    n_rows, n_cols = len(shows), len(numbers)
    rows = frame["row"].to_numpy()
    cols = frame["season"].map(column).to_numpy()
    values = np.full((n_rows, n_cols), np.nan)
    # 1.0 = hidden season, 0.0 = a listed season of unknown completion (not 0 %, and
    # not blank, which is a season the frame does not list); NaN = drawn by `values`.
    marks = np.full((n_rows, n_cols), np.nan)
    is_hidden = frame["hidden"].to_numpy(dtype=bool)
    known = percent_complete(frame).to_numpy(dtype=float, na_value=np.nan)
    unknown = ~is_hidden & np.isnan(known)
    values[rows[~is_hidden], cols[~is_hidden]] = known[~is_hidden]
    marks[rows[is_hidden], cols[is_hidden]] = 1.0
    marks[rows[unknown], cols[unknown]] = 0.0

    ax = get_ax(ax, (8.0, float(np.clip(1.6 + 0.25 * n_rows, 3.0, 14.0))))
    options: dict[str, Any] = {"cmap": COMPLETION_CMAP, "vmin": 0, "vmax": 100, "aspect": "auto"}
    # Nearest cells picked from the percentages, then coloured: the same pixels as
    # colouring every cell first (matplotlib's choice when a row is thinner than a
    # pixel), without an RGBA array of floats of the size of the image.
    options |= {"interpolation": "nearest", "interpolation_stage": "data"} | kwargs
    extent = (-0.5, n_cols - 0.5, n_rows - 0.5, -0.5)
    image = ax.imshow(np.ma.masked_invalid(values), extent=extent, **options)
    ax.imshow(
        np.ma.masked_invalid(marks),
        cmap=ListedColormap([UNKNOWN, STATE_COLORS["hidden"]]),
        vmin=0,
        vmax=1,
        extent=extent,
        aspect="auto",
        interpolation="nearest",
        interpolation_stage="data",
    )
    ax.figure.colorbar(image, ax=ax, label="completed (%)", location="bottom", shrink=0.6)
    ax.set_xticks(range(n_cols), labels=["Sp" if n == 0 else str(n) for n in numbers])
    if n_cols > 30:
        ax.set_xticks([i for i in range(n_cols) if i % 5 == 0])
    colors_by_user = user_color_map(shows)
    several = len(colors_by_user) > 1
    # Label rows only where a label fits: the row height in points sets the font size.
    figure = ax.get_figure(root=True)
    figure_height = figure.get_figheight() if figure is not None else 4.0
    row_pts = ax.get_position().height * figure_height * 72 / max(1, n_rows)
    if row_pts >= 5:
        ax.set_yticks(range(n_rows), labels=show_labels(shows), fontsize=min(10.0, row_pts * 0.85))
        if several:
            for tick, user in zip(ax.get_yticklabels(), shows["user"], strict=True):
                tick.set_color(colors_by_user[user])
        ax.set_ylabel("show")
    else:
        ax.set_ylabel(f"show ({n_rows} rows)")
    ax.set_xlabel("season")
    ax.set_title(TITLE)
    marked = [Patch(facecolor=STATE_COLORS["hidden"], label="hidden season")]
    if unknown.any():
        marked.append(Patch(facecolor=UNKNOWN, label="completion unknown"))
    if several:
        handles = [Patch(facecolor=c, label=user_name(u)) for u, c in colors_by_user.items()]
        legend_outside(ax, [*handles, *marked], title="user (label colour)")
    else:
        legend_outside(ax, marked)
    return ax
