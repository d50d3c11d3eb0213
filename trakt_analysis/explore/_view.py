"""The explorer's logic, without widgets: progress + choices -> what to show.

:func:`view` takes the loaded progress and the state of the controls and
returns a :class:`View`: the table, the one-line summary, the show in focus
and the figure. The widget only calls it and displays the result, so
everything here is tested with plain pytest.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

from .._format import episode_code
from .._validate import check_choice
from ..analysis.backlog import backlog
from ..analysis.sorting import SORT_ORDERS, filter_shows, sort_shows
from ..analysis.summary import totals
from ..errors import TraktArgumentError, TraktDataWarning, TraktSortWarning
from ..progress import Progress

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "TABLE_COLUMNS",
    "ExplorerFigure",
    "Filters",
    "ShowKey",
    "Summary",
    "View",
    "backlog_columns",
    "show_key",
    "show_label",
    "show_options",
    "view",
]

#: A show's identity in the explorer: (title, year); year is None when unknown.
ShowKey: TypeAlias = tuple[str, int | None]

#: The columns of the explorer's table, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    "title",
    "year",
    "completed",
    "aired",
    "left",
    "percentage",
    "next",
    "next_first_aired",
    "hours_left",
    "state",
    "finish_date",
)

#: The orders that need the backlog's hours left (each episode's runtime).
_TIME_LEFT_ORDERS = ("most-time-left", "least-time-left")


@dataclass(frozen=True)
class Filters:
    """Which shows the table keeps, besides an explicit selection.

    Attributes
    ----------
    hide_completed : bool
        Drop shows with nothing left to watch.
    in_progress : bool
        Keep only shows that are started and not finished, and not hidden
        on Trakt (:func:`~trakt_analysis.only_in_progress`).
    search : str
        Keep titles containing this text (case-insensitive). Applies only
        when no show is selected: a selection says exactly what to show.
    """

    hide_completed: bool = False
    in_progress: bool = False
    search: str = ""


@dataclass(frozen=True)
class Summary:
    """Counts over the shows in the table (from :func:`trakt_analysis.totals`).

    ``watched`` counts every show whose watched count is known; ``left`` is
    over the ``counted`` shows (aired and watched known), None when no show's
    aired count is known; ``unknown`` shows are left out of ``left``, never 0.
    ``hidden``: shows hidden from progress on trakt.tv and not finished
    (:func:`~trakt_analysis.analysis.summary.show_states`); None when no
    show's ``hidden`` is known (API v1, a public v2 profile); printed only
    when there are some.
    """

    shows: int
    watched: int
    left: int | None
    #: Shows whose episodes left are unknown (NA counts): not in `left`, never 0.
    unknown: int = 0
    #: Shows hidden on Trakt (and not finished), counted apart from those in progress.
    hidden: int | None = None

    def __str__(self) -> str:
        noun = "show" if self.shows == 1 else "shows"
        text = f"{self.shows:,} {noun} · "
        if self.hidden:
            text += f"{self.hidden:,} hidden · "
        text += f"{self.watched:,} episodes watched · "
        if self.left is None:
            return text + "episodes left unknown (no aired counts)"
        text += f"{self.left:,} episodes left"
        if self.unknown:
            counted = self.shows - self.unknown
            text += f" (over {counted:,} of {self.shows:,} shows; {self.unknown:,} unknown)"
        return text


@dataclass(frozen=True, eq=False)
class View:
    """What the explorer shows for one state of its controls.

    Attributes
    ----------
    shows : pandas.DataFrame
        The rows of the shows frame that are shown, in the chosen order, with
        all their columns (the index is the shows frame's, so rows align).
    table : pandas.DataFrame
        The same rows with the columns of :data:`TABLE_COLUMNS`, index 0..n-1.
    summary : Summary
        Shows, episodes watched and episodes left in the table.
    sort : str
        The sort order applied.
    focus : tuple or None
        The (title, year) of the show whose episode grid is drawn.
    figure : matplotlib.figure.Figure or None
        The completion chart (``figure.axes[0]``) and the focused show's
        episode grid (``figure.axes[1]``); None when charts were not asked for.
    notes : tuple of str
        Warnings raised while building the view (e.g. an order the data
        cannot give), for the user to read.
    """

    shows: pd.DataFrame
    table: pd.DataFrame
    summary: Summary
    sort: str
    focus: ShowKey | None
    figure: Figure | None = None
    notes: tuple[str, ...] = field(default=())


def _year(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def show_key(title: object, year: object) -> ShowKey:
    """The (title, year) key of a show, with a missing year as None."""
    return (str(title), _year(year))


def show_label(key: ShowKey) -> str:
    """How a show is named in the controls: ``"Title (2011)"``."""
    title, year = key
    return title if year is None else f"{title} ({year})"


def _keys(shows: pd.DataFrame) -> list[ShowKey]:
    years = shows["year"].astype(object).where(shows["year"].notna(), None)
    return [
        (str(t), None if y is None else int(y)) for t, y in zip(shows["title"], years, strict=True)
    ]


def show_options(shows: pd.DataFrame, search: str = "") -> list[tuple[str, ShowKey]]:
    """(label, key) pairs of the shows, by title, for a selection control.

    `search` keeps labels that contain it, case-insensitively.
    """
    keys = sorted(set(_keys(shows)), key=lambda k: (k[0].casefold(), k[1] or 0))
    needle = search.strip().casefold()
    pairs = [(show_label(k), k) for k in keys]
    return [p for p in pairs if needle in p[0].casefold()] if needle else pairs


def _selection_mask(shows: pd.DataFrame, selection: Iterable[str | ShowKey]) -> np.ndarray:
    keys: set[ShowKey] = set()
    titles: set[str] = set()
    for item in selection:
        if isinstance(item, str):
            titles.add(item)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            keys.add((item[0], _year(item[1])))
        else:
            raise TraktArgumentError(
                f"a selected show must be a title or a (title, year) pair, got {item!r}"
            )
    return np.array([k in keys or k[0] in titles for k in _keys(shows)], dtype=bool)


def _next_episode(shows: pd.DataFrame) -> pd.Series:
    """``S01E05`` for the next episode to watch, NA when there is none."""
    season = shows["next_season"]
    number = shows["next_number"]
    known = (season.notna() & number.notna()).to_numpy()
    out = np.full(len(shows), np.nan, dtype=object)
    if known.any():
        s = season.to_numpy(dtype=float, na_value=np.nan)[known].astype(np.int64)
        n = number.to_numpy(dtype=float, na_value=np.nan)[known].astype(np.int64)
        out[known] = [episode_code(a, b) for a, b in zip(s, n, strict=True)]
    return pd.Series(out, index=shows.index, dtype="str")


def backlog_columns(progress: Progress, today: object = None) -> pd.DataFrame:
    """The backlog columns of the explorer's table, one row per show of ``progress.shows``.

    ``hours_left`` (rounded to 0.1), ``state`` and ``finish_date``, from
    :func:`~trakt_analysis.backlog` as on `today` (default: today in the
    profile's zone).
    """
    plan = backlog(progress, today=today)
    return pd.DataFrame(
        {
            "hours_left": plan["hours_left"].round(1),
            "state": plan["state"],
            "finish_date": plan["finish_date"],
        },
        index=plan.index,
    )


def make_table(shows: pd.DataFrame, plan: pd.DataFrame | None = None) -> pd.DataFrame:
    """The explorer's table (:data:`TABLE_COLUMNS`) of some rows of the shows frame.

    `plan` is :func:`backlog_columns` of the whole progress; without it the
    backlog columns are NA.
    """
    table = shows[["title", "year", "completed", "aired", "left", "percentage"]].copy()
    table["next"] = _next_episode(shows)
    table["next_first_aired"] = shows["next_first_aired"]
    if plan is not None:
        for column in ("hours_left", "state", "finish_date"):
            table[column] = plan[column].reindex(shows.index)
    else:
        table["hours_left"] = pd.array([pd.NA] * len(shows), dtype="Float64")
        table["state"] = pd.Categorical([None] * len(shows))
        table["finish_date"] = pd.Series(pd.NaT, index=shows.index, dtype="datetime64[ns]")
    return table.reset_index(drop=True)


def selection_totals(shows: pd.DataFrame) -> Summary:
    """Shows, episodes watched (completed) and episodes left, over `shows`.

    The one definition of :func:`trakt_analysis.totals`: episodes left add
    the shows whose aired and watched counts are known; the others are
    counted in ``unknown``, never as 0 left.
    """
    row = totals(shows)
    return Summary(
        shows=row.shows,
        watched=row.episodes_watched_all or 0,  # the known counts; NA is not 0
        left=(row.episodes_left or 0) if row.shows_counted or not row.shows else None,
        unknown=row.shows - row.shows_counted,
        hidden=row.hidden,
    )


def view(
    progress: Progress,
    selection: Iterable[str | ShowKey] | None = None,
    sort: str = "title",
    filters: Filters | None = None,
    *,
    focus: ShowKey | str | None = None,
    top: int = 30,
    charts: bool = True,
    reuse: ExplorerFigure | None = None,
    today: object = None,
) -> View:
    """Compute what the explorer shows for one state of its controls.

    Parameters
    ----------
    progress : Progress
        One user's progress, from :func:`load_progress` or a source.
    selection : iterable of str or (title, year), optional
        The shows to show. A title alone matches every year of it. None or
        empty: every show that passes `filters`.
    sort : str
        One of :data:`SORT_ORDERS`.
    filters : Filters, optional
        Hide completed shows, keep only shows in progress, search titles.
    focus : (title, year) or str, optional
        The show whose episode grid is drawn; when it is not in the table (or
        None), the table's first show.
    top : int
        How many shows the completion chart draws.
    charts : bool
        Draw the figure. False computes only the table and summary.
    reuse : ExplorerFigure, optional
        The figure of the previous view, updated in place: only the panels
        whose content changed are drawn again (the explorer keeps one). None:
        a new figure.
    today : date-like, optional
        The day the table's ``state`` and ``finish_date`` are planned on
        (:func:`~trakt_analysis.backlog`); default: today.

    Returns
    -------
    View

    Raises
    ------
    TraktArgumentError
        An unknown sort order or a malformed selection.
    """
    if not isinstance(progress, Progress):
        raise TraktArgumentError(
            f"view() needs a Progress from load_progress, got {type(progress).__name__}"
        )
    check_choice(sort, SORT_ORDERS, name="sort order", func="view")
    filters = filters or Filters()
    shows = progress.shows
    selection = list(selection) if selection is not None else []
    if selection:
        shows = shows[_selection_mask(shows, selection)]
    elif filters.search.strip():
        needle = filters.search.strip().casefold()
        shows = shows[shows["title"].str.casefold().str.contains(needle, regex=False)]
    shows = filter_shows(
        shows, hide_completed=filters.hide_completed, in_progress=filters.in_progress
    )

    notes: list[str] = []
    plan = backlog_columns(progress, today)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if sort in _TIME_LEFT_ORDERS:  # by the backlog's hours (each episode's runtime)
            keyed = shows.assign(hours_left=plan["hours_left"].reindex(shows.index))
            shows = shows.loc[sort_shows(keyed, sort).index]
        else:
            shows = sort_shows(shows, sort)
        table = make_table(shows, plan)
        focus_key = _choose_focus(table, focus)
        figure = None
        if charts:
            drawer = reuse if reuse is not None else ExplorerFigure()
            drawer.update(progress, shows, sort, focus_key, top)
            figure = drawer.figure
    for w in caught:
        if not issubclass(w.category, TraktSortWarning | TraktDataWarning):
            # Not about the user's data (e.g. a library deprecation): pass it on.
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        text = str(w.message)
        if text not in notes:
            notes.append(text)
    return View(
        shows=shows,
        table=table,
        summary=selection_totals(shows),
        sort=sort,
        focus=focus_key,
        figure=figure,
        notes=tuple(notes),
    )


def _choose_focus(table: pd.DataFrame, focus: ShowKey | str | None) -> ShowKey | None:
    if table.empty:
        return None
    keys = _keys(table)
    if isinstance(focus, str):
        match = next((k for k in keys if k[0] == focus), None)
        if match is not None:
            return match
    elif focus is not None and focus in keys:
        return focus
    return keys[0]


#: The explorer's figure: width (inches), where the two panels meet, and where each
#: chart's axes sit (inches from the left). Fixed margins instead of a layout engine:
#: titles are shortened to a bounded width, and constrained layout cost as much as
#: drawing itself.
FIGURE_WIDTH = 14.0
_SPLIT = 9.0  # the completion panel left of it, the grid panel right of it
_COMPLETION_X = (2.85, 7.45)  # bar labels on the left, the legend on the right
_GRID_X = (10.2, 12.75)  # season labels on the left, the legend on the right
_TOP, _BOTTOM = 0.45, 0.62  # title above, tick labels and axis label below
#: Resolution of the inline image: 72 dpi draws 10-point text 10 pixels high, as a
#: browser does; more pixels cost drawing time and show nothing more on a screen.
PNG_DPI = 72


def _figure_height(n_rows: int) -> float:
    return float(np.clip(1.5 + 0.3 * n_rows, 3.5, 10.0))


class ExplorerFigure:
    """The explorer's figure, kept between renders; only what changed is drawn again.

    ``figure.axes[0]`` is the completion chart, ``figure.axes[1]`` the focused
    show's episode grid, each in a panel (a subfigure) of its own.
    :meth:`update` re-plots the completion chart only when the shown rows,
    the order or `top` changed (on the same axes: its tick objects are reused),
    and the grid only when its show changed. :meth:`png` draws again, with the
    Agg canvas, only the panels that changed, into the image kept from before.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
    redrawn : tuple of str
        What the last :meth:`update` plotted again: ``"completion"``, ``"grid"``.
    """

    def __init__(self, *, dpi: int = PNG_DPI) -> None:
        # Imported on first draw: keeps `import trakt_analysis` light.
        import matplotlib as mpl
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        # A bare Figure, not pyplot: no global state, nothing leaks between renders.
        self.figure = Figure(figsize=(FIGURE_WIDTH, _figure_height(30)), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        left, right = self.figure.subfigures(  # type: ignore[misc]  # two: an array of them
            1,
            2,
            wspace=0.0,
            width_ratios=[_SPLIT, FIGURE_WIDTH - _SPLIT],
            facecolor=self.figure.get_facecolor(),  # opaque: a redraw covers the old pixels
        )
        with mpl.rc_context({"axes.titley": 1.0}):  # titles at a fixed place: no search
            self.completion_ax = left.add_axes((0.0, 0.0, 1.0, 1.0))
            self.grid_ax = right.add_axes((0.0, 0.0, 1.0, 1.0))
        self._panels = {"completion": left, "grid": right}
        self.dpi = dpi
        self.redrawn: tuple[str, ...] = ()
        self._progress: Progress | None = None
        self._completion_key: tuple[object, ...] | None = None
        self._grid_key: ShowKey | bool | None = False  # False: nothing drawn yet
        self._height = 0.0
        self._stale: set[str] = set(self._panels)  # panels whose pixels are out of date
        self._resized = True  # the whole figure must be drawn
        self._png: bytes | None = None

    def update(
        self,
        progress: Progress,
        shows: pd.DataFrame,
        sort: str,
        focus: ShowKey | None,
        top: int,
    ) -> tuple[str, ...]:
        """Draw `shows` (completion) and `focus` (episode grid); return what was re-plotted."""
        from ..plotting import plot_completion, plot_episode_grid
        from ..plotting.completion import update_completion

        if progress is not self._progress:
            self._progress = progress
            self._completion_key = None
            self._grid_key = False
        redrawn = []
        height = _figure_height(min(top, len(shows)))
        if height != self._height:
            self._place(height)
        completion_key = (sort, top, tuple(shows.index))
        if completion_key != self._completion_key:
            # The same number of bars: change them in place; else plot again.
            if not update_completion(self.completion_ax, shows, by=sort, top=top):
                _reset(self.completion_ax)
                plot_completion(shows, by=sort, top=top, ax=self.completion_ax)
            self._completion_key = completion_key
            redrawn.append("completion")
        if focus != self._grid_key:
            _reset(self.grid_ax)
            if focus is None:
                _empty(self.grid_ax, "Episodes", "no show to show")
            else:
                show: Any = focus if focus[1] is not None else focus[0]
                plot_episode_grid(_episodes_of(progress.episodes, focus), show, ax=self.grid_ax)
            self._grid_key = focus
            redrawn.append("grid")
        self._stale.update(redrawn)
        self.redrawn = tuple(redrawn)
        return self.redrawn

    def _place(self, height: float) -> None:
        """Size the figure for `height` inches; margins stay the same in inches."""
        self._height = height
        self._resized = True
        self.figure.set_size_inches(FIGURE_WIDTH, height, forward=False)
        bottom, top = _BOTTOM / height, 1.0 - _TOP / height
        panels = (
            (self.completion_ax, 0.0, _SPLIT, _COMPLETION_X),
            (self.grid_ax, _SPLIT, FIGURE_WIDTH - _SPLIT, _GRID_X),
        )
        for ax, start, width, (x0, x1) in panels:
            ax.set_position(((x0 - start) / width, bottom, (x1 - x0) / width, top - bottom))
            # Axis labels at fixed places too: matplotlib would otherwise measure every
            # tick label on each draw to move them clear.
            ax.xaxis.set_label_coords(0.5, -0.42 / (height - _TOP - _BOTTOM))
        x0, x1 = _COMPLETION_X
        self.completion_ax.yaxis.set_label_coords(-(x0 - 0.12) / (x1 - x0), 0.5)

    def png(self) -> bytes:
        """The figure as PNG bytes; only the panels that changed are drawn again."""
        if self._png is not None and not self._stale and not self._resized:
            return self._png
        from ..plotting.fonts import unhinted_text

        with warnings.catch_warnings(), unhinted_text():
            # Where no installed font has a glyph, the chart already issued one
            # TraktFontWarning; a warning per glyph on every re-render would bury the output.
            warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
            if self._resized:
                self.canvas.draw()
            else:
                # Each panel paints its own background first, so drawing it over the
                # kept pixels replaces its old content.
                renderer = self.canvas.get_renderer()
                for name in sorted(self._stale):
                    self._panels[name].draw(renderer)
        self._stale.clear()
        self._resized = False
        self._png = _encode_png(self.canvas.buffer_rgba())
        return self._png


def _encode_png(rgba: Any) -> bytes:
    """RGBA pixels as PNG bytes, compressed fast (level 1: a third of level 6's time)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.asarray(rgba)).convert("RGB").save(buffer, "png", compress_level=1)
    return buffer.getvalue()


def _reset(ax: Any) -> None:
    """Remove what a chart drew on `ax`, keeping the axes and its tick objects.

    Unlike ``ax.clear()``, the Tick objects stay: making them anew is most of
    the cost of plotting a chart again.
    """
    for container in list(ax.containers):
        container.remove()
    for artist in [*ax.patches, *ax.texts, *ax.images, *ax.lines, *ax.collections]:
        artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    ax.set_xticks([], minor=True)
    ax.set_yticks([], minor=True)
    ax.grid(False, which="both")
    ax.set_xlabel("")
    ax.set_ylabel("")


def _episodes_of(episodes: pd.DataFrame, key: ShowKey) -> pd.DataFrame:
    """The focused show's episode rows (the grid then scans a few rows, not all)."""
    title, year = key
    mask = episodes["title"] == title
    if year is not None:
        mask &= episodes["year"] == year
    return episodes[mask.fillna(False).to_numpy(dtype=bool)]


def _empty(ax: Any, title: str, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.5")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)


def figure_png(figure: Figure, *, dpi: int = PNG_DPI) -> bytes:
    """The figure as PNG bytes, for an image widget (Agg, fast PNG compression)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ..plotting.fonts import unhinted_text

    buffer = io.BytesIO()
    # compress_level 1: a third of the encoding time of the default 6, for a PNG a
    # little larger, which only travels from the kernel to the browser.
    options: dict[str, Any] = {"pil_kwargs": {"compress_level": 1}}
    with warnings.catch_warnings(), unhinted_text():
        # Where no installed font has a glyph, the chart already issued one
        # TraktFontWarning; a warning per glyph on every re-render would bury the output.
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
        if isinstance(figure.canvas, FigureCanvasAgg) and figure.dpi == dpi:
            figure.canvas.print_png(buffer, **options)  # no savefig round trip
        else:
            figure.savefig(buffer, format="png", dpi=dpi, **options)
    return buffer.getvalue()
