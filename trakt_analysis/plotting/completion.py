"""plot_completion: how far along each show is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .._format import fmt_int
from ..analysis.sorting import percent_complete, sort_shows
from ..progress import Progress
from . import _common
from ._docstrings import fill_doc
from .fonts import apply_fonts, warn_missing_glyphs, with_fallback_fonts
from .palette import FINISHED, IN_PROGRESS, MORE, UNKNOWN, UNKNOWN_HATCH

__all__ = ["plot_completion", "update_completion"]

_COLUMNS = ("user", "title", "year", "aired", "completed", "left", "percentage")
TITLE = "Completion per show"
FINISHED_HATCH = "//"


@with_fallback_fonts
@fill_doc
def plot_completion(
    shows: pd.DataFrame | Progress,
    *,
    by: str = "most-completed",
    top: int = 30,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Horizontal bars of completion per show, annotated "completed/aired".

    Parameters
    ----------
    %(shows)s
    by : str
        Sort order, one of :data:`SORT_ORDERS` (see :func:`sort_shows`).
    %(top)s
        Its width is their mean percentage.
    %(ax)s
    %(barh_kwargs)s

    %(returns_ax)s

    Notes
    -----
    Bar widths are :func:`~trakt_analysis.analysis.sorting.percent_complete`: the
    API's ``percentage``, or the recomputed completion where a source sends none.
    Finished shows (nothing left) are green for one user and hatched for several;
    a legend says which is which. A show whose completion is unknown (the aired
    count is missing: the account export without metadata) is a dotted grey
    full bar, "completion unknown" in the legend (as in
    :func:`plot_season_progress`), never a bar of 0 %.
    """
    shows = _common.check_frame(shows, _COLUMNS, "plot_completion", "shows")
    top = _common.check_top(top, "plot_completion")
    bars = _bars(shows, by, top)
    ax = _common.get_ax(ax, _common.rows_height(len(bars.labels)))
    ax._trakt_completion = None  # type: ignore[attr-defined]  # no in-place update of this
    if not bars.labels:
        return _common.no_data(ax, TITLE)
    _draw(ax, bars, kwargs)
    return ax


@dataclass(frozen=True)
class _Bars:
    """What the completion chart draws, row by row (the "+N more" row last)."""

    widths: list[float]
    colors: list[str]
    hatches: list[str]
    labels: list[str]
    notes: list[str]
    unknown: list[bool]
    several: bool
    colors_by_user: dict[object, str]


def _bars(shows: pd.DataFrame, by: str, top: int) -> _Bars:
    ordered = sort_shows(shows, by)
    shown, rest = ordered.iloc[:top], ordered.iloc[top:]
    percent = percent_complete(shown).to_numpy(dtype=float, na_value=np.nan)
    unknown = np.isnan(percent)
    widths = np.where(unknown, 100.0, percent)  # unknown: a full dotted grey bar, not 0 %
    # NaN compares False: an unknown count is not finished.
    left = shown["left"].to_numpy(dtype=float, na_value=np.nan)
    finished = (left == 0) & (shown["aired"].to_numpy(dtype=float, na_value=np.nan) > 0)
    users = _common.row_colors(shows, shown, None)
    colors_by_user, several = users.by_user, users.several
    if several:
        colors = users.rows
        hatches = [FINISHED_HATCH if f else "" for f in finished]
    else:
        colors = [FINISHED if f else IN_PROGRESS for f in finished]
        hatches = [""] * len(shown)
    colors = [UNKNOWN if u else c for u, c in zip(unknown, colors, strict=True)]
    hatches = [UNKNOWN_HATCH if u else h for u, h in zip(unknown, hatches, strict=True)]
    notes = [
        f"{_count(c)}/{_count(a)}" for c, a in zip(shown["completed"], shown["aired"], strict=True)
    ]
    marked = [bool(u) for u in unknown]
    labels = _common.show_labels(shown, shows) if len(shown) else []
    ends = [float(w) for w in widths]
    if len(rest):
        # Over the shows whose completion is known: an unknown one is not 0 %.
        percent = percent_complete(rest).to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(percent)
        mean = float(percent[known].mean()) if known.any() else float("nan")
        ends.append(100.0 if np.isnan(mean) else mean)
        colors.append(UNKNOWN if np.isnan(mean) else MORE)
        hatches.append(UNKNOWN_HATCH if np.isnan(mean) else "")
        marked.append(bool(np.isnan(mean)))
        if not known.any():
            detail = "completion unknown"
        elif known.all():
            detail = f"avg {mean:.0f}%"
        else:
            detail = f"avg {mean:.0f}% of {int(known.sum())}; {int((~known).sum())} unknown"
        labels.append(_common.more_label(rest, detail))
        both = rest["completed"].notna() & rest["aired"].notna()
        completed = rest["completed"][both].sum(min_count=1)
        aired = rest["aired"][both].sum(min_count=1)
        notes.append(f"{_count(completed)}/{_count(aired)}")
    return _Bars(ends, colors, hatches, labels, notes, marked, several, colors_by_user)


def _draw(ax: Axes, bars: _Bars, kwargs: dict[str, Any]) -> None:
    y = np.arange(len(bars.labels))
    drawn = ax.barh(y, bars.widths, **({"color": bars.colors} | kwargs))  # kwargs win
    for bar, hatch, unknown in zip(drawn, bars.hatches, bars.unknown, strict=True):
        _style(bar, hatch, unknown)
    notes = _common.bar_notes(ax, bars.notes, bars.widths)
    _common.label_rows(ax, bars.labels, TITLE)
    ax.set_xlim(0, 115)  # room for the annotations of full bars
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("completed (%)")
    marked = _marked(bars)
    _common.rows_legend(
        ax,
        bars.colors_by_user,
        marked,
        [
            Patch(facecolor=FINISHED, label="finished"),
            Patch(facecolor=IN_PROGRESS, label="episodes left"),
            *marked[1:],
        ],
    )
    # What update_completion needs to change this chart in place.
    ax._trakt_completion = (drawn, notes, bars.several, any(bars.unknown), kwargs)  # type: ignore[attr-defined]


def _marked(bars: _Bars) -> list[Patch]:
    """The legend's patches of finished shows (several users) and of unknown completion."""
    finished = Patch(facecolor="white", edgecolor="black", hatch=FINISHED_HATCH, label="finished")
    unknown = Patch(
        facecolor=UNKNOWN, edgecolor="white", alpha=0.5, hatch=UNKNOWN_HATCH,
        label="completion unknown",
    )  # fmt: skip
    return [finished, unknown] if any(bars.unknown) else [finished]


def _style(bar: Any, hatch: str, unknown: bool) -> None:
    """Hatch one bar (finished of several users, or unknown); a bar of unknown is pale."""
    bar.set_hatch(hatch or None)
    bar.set_edgecolor("white" if hatch else "none")
    if unknown:
        bar.set_alpha(0.5)


def update_completion(
    ax: Axes, shows: pd.DataFrame | Progress, *, by: str = "most-completed", top: int = 30
) -> bool:
    """Change the completion chart drawn on `ax` by :func:`plot_completion` in place.

    The bars, their notes and the show labels are updated; nothing is made
    anew. Returns False, changing nothing, when that is not possible (nothing
    drawn here yet, another number of bars, one user instead of several):
    then plot again.
    """
    state = getattr(ax, "_trakt_completion", None)
    if state is None:
        return False
    drawn, notes, several, any_unknown, kwargs = state
    shows = _common.check_frame(shows, _COLUMNS, "update_completion", "shows")
    bars = _bars(shows, by, _common.check_top(top, "update_completion"))
    if (
        len(bars.labels) != len(drawn)
        or bars.several != several
        or any(bars.unknown) != any_unknown  # the legend would change
        or kwargs
    ):
        return False
    for bar, width, color, hatch, unknown, note, text in zip(
        drawn, bars.widths, bars.colors, bars.hatches, bars.unknown, notes, bars.notes, strict=True
    ):
        bar.set_width(width)
        bar.set_facecolor(color)
        bar.set_alpha(None)  # no caller's alpha here (kwargs are not updated in place)
        _style(bar, hatch, unknown)
        note.set_text(text)
        note.xy = (width, note.xy[1])
    ax.set_yticks(np.arange(len(bars.labels)), labels=bars.labels)
    if several:
        _common.user_legend(ax, bars.colors_by_user, _marked(bars))
    warn_missing_glyphs("update_completion", apply_fonts([ax]))
    return True


def _count(value: Any) -> str:
    """``1,008``; an unknown count (NA) is "?", never 0."""
    return fmt_int(value, "?")
