"""Helpers shared by the charts: axes creation, column checks, labels, "no data"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.text import Annotation

from .. import _validate
from .palette import NO_DATA, user_colors
from .text import shorten

TITLE_WIDTH = 32


def get_ax(ax: Axes | None, figsize: tuple[float, float] = (8.0, 6.0)) -> Axes:
    """`ax`, or a new figure's axes when None (the only place charts create figures)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only here: charts drawn on given axes never need pyplot

    _, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def rows_height(n_rows: int) -> tuple[float, float]:
    """A figure size that fits `n_rows` horizontal bars."""
    return (8.0, float(np.clip(1.2 + 0.28 * n_rows, 2.5, 14.0)))


def check_frame(frame: object, columns: Iterable[str], func: str, name: str) -> pd.DataFrame:
    """Raise TraktArgumentError unless `frame` is a DataFrame with `columns`."""
    return _validate.check_frame(frame, columns, func=func, name=name)


def check_top(top: object, func: str) -> int:
    """`top` as an int; TraktArgumentError unless it is a positive integer."""
    return _validate.check_positive_int(top, name="top", func=func)


def top_rows(
    ordered: pd.DataFrame, top: int, ax: Axes | None
) -> tuple[pd.DataFrame, pd.DataFrame, Axes]:
    """The first `top` rows, the rest (drawn as one "+N more shows" bar), and a sized axes."""
    shown, rest = ordered.iloc[:top], ordered.iloc[top:]
    return shown, rest, get_ax(ax, rows_height(len(shown) + (1 if len(rest) else 0)))


def more_label(rest: pd.DataFrame, detail: str) -> str:
    """The label of the bar that stands for the shows beyond `top`."""
    return f"+{len(rest)} more shows ({detail})"


def label_rows(ax: Axes, labels: list[str], title: str) -> None:
    """One tick label per bar, the first show at the top; the chart's title.

    No y-axis label: the tick labels are the shows' titles, and a "show" beside the
    longest of them was pushed past the figure's edge (a few pixels of it in the report).
    """
    ax.set_yticks(np.arange(len(labels)), labels=labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_title(title)


def bar_notes(ax: Axes, notes: list[str], ends: list[float]) -> list[Annotation]:
    """A small note just right of the end of each bar, row by row (the first row is 0)."""
    return [
        ax.annotate(
            note,
            (end, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize="x-small",
        )
        for row, (note, end) in enumerate(zip(notes, ends, strict=True))
    ]


def no_data(ax: Axes, title: str, message: str = "no data") -> Axes:
    """Mark `ax` as empty: a centred message, no ticks."""
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=NO_DATA,
        fontsize=12,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    return ax


def users_of(frame: pd.DataFrame) -> list[object]:
    """Distinct users in order of appearance (NA counts as one user)."""
    # pd.unique first: a Python call per distinct value, not per row (seasons: tens of
    # thousands); None, NaN and pd.NA are three values there and one user here.
    return list(dict.fromkeys(user_key(u) for u in pd.unique(frame["user"].astype(object))))


def user_color_map(frame: pd.DataFrame) -> dict[object, str]:
    return user_colors(users_of(frame))


@dataclass(frozen=True)
class RowColors:
    """The users' colours and each drawn row's colour (see :func:`row_colors`)."""

    by_user: dict[object, str]
    rows: Any

    @property
    def several(self) -> bool:
        """More than one user: colour says the user."""
        return len(self.by_user) > 1


def row_colors(frame: pd.DataFrame, rows: pd.DataFrame, single: Any) -> RowColors:
    """A colour per user of `frame`, and per row of `rows`: its user's when there are several.

    With one user, the rows' colour is `single` (a colour, or None for "the
    chart's own colours").
    """
    by_user = user_color_map(frame)
    if len(by_user) > 1:
        return RowColors(by_user, [by_user[user_key(u)] for u in rows["user"]])
    return RowColors(by_user, single)


def user_key(value: object) -> object:
    return None if pd.isna(value) else value


def of_user(frame: pd.DataFrame, user: object) -> np.ndarray:
    """Boolean mask of `user`'s rows (None selects the rows without a user)."""
    if user is None:
        return frame["user"].isna().to_numpy(dtype=bool)
    return (frame["user"].astype(object) == user).to_numpy(dtype=bool)


def user_name(user: object) -> str:
    return "unknown user" if user is None else str(user)


def show_labels(
    frame: pd.DataFrame, among: pd.DataFrame | None = None, width: int = TITLE_WIDTH
) -> list[str]:
    """Shortened titles of `frame`'s rows.

    The year is added where a title has several years in `among` (default:
    `frame`), so remakes stay apart even when only one of them is drawn.
    """
    titles = frame["title"].astype(object)
    years = frame["year"]
    ref = frame if among is None else among
    pairs = pd.DataFrame(
        {"t": ref["title"].astype(object).to_numpy(), "y": ref["year"].to_numpy()}
    ).drop_duplicates()
    repeated = pairs["t"].value_counts().to_dict()
    labels = []
    for title, year in zip(titles, years, strict=True):
        if repeated.get(title, 1) > 1 and not pd.isna(year):
            suffix = f" ({year})"
            labels.append(shorten(title, width - len(suffix)) + suffix)
        else:
            labels.append(shorten(title, width))
    return labels


def legend_outside(ax: Axes, handles: list[Patch], title: str | None = None) -> None:
    """A legend to the right of `ax`, where it never hides data."""
    ax.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
        title_fontsize="small",
    )


def user_legend(ax: Axes, colors: dict[object, str], extra: list[Patch] | None = None) -> None:
    """A legend naming each user's colour (plus `extra` handles)."""
    handles = [Patch(facecolor=c, label=user_name(u)) for u, c in colors.items()]
    legend_outside(ax, handles + (extra or []), title="user")


def rows_legend(
    ax: Axes, by_user: dict[object, str], extra: list[Patch], single: list[Patch]
) -> None:
    """The legend of a chart whose colour says the user when there are several.

    Several users: each user's colour, then the `extra` handles; one user: the
    `single` handles (the chart's own colours).
    """
    if len(by_user) > 1:
        user_legend(ax, by_user, extra)
    else:
        legend_outside(ax, single)


def filled(series: pd.Series) -> np.ndarray:
    """A nullable count column as floats, NA -> 0."""
    values = series.to_numpy(dtype=float, na_value=np.nan)
    return np.nan_to_num(values, nan=0.0)
