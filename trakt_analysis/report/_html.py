"""Small, escaping HTML builders shared by the report and the notebook display.

Every piece of data goes through :func:`esc` (text) or a formatter that
returns escaped text. Nothing here emits a link or loads a resource: values
such as a show's ``url`` or ``images_poster`` are data, shown as text if at all.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._format import fmt_int, fmt_year

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "YEAR",
    "Column",
    "FixedLayout",
    "Margins",
    "chart_html",
    "esc",
    "figure_html",
    "figure_img",
    "fix_layout",
    "number",
    "report_figure",
    "stat_card",
    "table",
]

#: A chart's margins in inches: left, right, top, bottom.
Margins = tuple[float, float, float, float]


@dataclass(frozen=True)
class FixedLayout:
    """Where a chart of the report goes on its figure, in inches, instead of constrained layout.

    Attributes
    ----------
    margins : Margins
        Left, right, top and bottom margin of the axes (the right one holds the
        colorbar, when there is one).
    colorbar : (float, float, float) or None
        The colorbar's gap after the axes, its width, and its height as a share
        of the axes' height (centred on them); None for a chart without one.
    """

    margins: Margins
    colorbar: tuple[float, float, float] | None = None


def esc(value: object) -> str:
    """`value` as HTML text: ``<``, ``>``, ``&`` and both quotes escaped; NA as empty."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Column:
    """One column of an HTML table: header, source column, formatter, alignment."""

    header: str
    key: str
    fmt: Callable[[Any], str] = esc
    numeric: bool = False


def number(key: str, header: str | None = None, fmt: Callable[[Any], str] = fmt_int) -> Column:
    """A right-aligned column of numbers; its header is `key` unless given."""
    return Column(key if header is None else header, key, fmt, numeric=True)


#: The year column of every table of shows or movies.
YEAR = number("year", fmt=fmt_year)


def stat_card(key: str, value: str, label: str) -> str:
    """One card of a row of figures (``.stats``): the value, big, over its label."""
    # A long value such as a time zone ("America/Argentina/Buenos_Aires") wraps at its
    # slashes, not in the middle of a word.
    shown = esc(value).replace("/", "/<wbr>")
    return (
        f'<div class="stat" data-metric="{esc(key)}"><div class="value">{shown}</div>'
        f'<div class="label">{esc(label)}</div></div>'
    )


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    caption: str | None = None,
    cls: str = "data",
    table_id: str | None = None,
    before: str = "",
    after: str = "",
) -> str:
    """An HTML table of `frame`'s rows; every cell escaped by its formatter.

    Formatters other than :func:`esc` return plain text (digits, dates), which
    is escaped again here, so no formatter can inject markup. A formatter sees
    None for a missing value (NA, NaN, NaT) and the value as
    ``Series.to_numpy(dtype=object)`` gives it otherwise; it is called once
    per distinct value of a column (see :func:`_cells`), so it must depend on
    its value only.

    `before` and `after` are the caller's own markup around the table (not
    escaped: never data), joined with it in the one copy: a section adding
    its tags to a table of 20,000 rows would copy megabytes again.
    """
    present = [c for c in columns if c.key in frame.columns]
    head = "".join(
        f'<th scope="col"{" class=num" if c.numeric else ""}>{esc(c.header)}</th>' for c in present
    )
    parts = [
        before + f'<table class="{esc(cls)}"' + (f' id="{esc(table_id)}"' if table_id else "") + ">"
    ]
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(f"<thead><tr>{head}</tr></thead><tbody>")
    if present and len(frame):
        # Row-major cells: the first column's open the rows, the last column's close them,
        # so the whole table is one join.
        grid = np.empty((len(frame), len(present)), dtype=object)
        last = len(present) - 1
        for i, c in enumerate(present):
            opening = ("<tr>" if i == 0 else "") + ("<td class=num>" if c.numeric else "<td>")
            closing = "</td></tr>" if i == last else "</td>"
            grid[:, i] = _cells(frame[c.key], c.fmt, opening, closing)
        parts += grid.ravel().tolist()
    parts.append("</tbody></table>" + after)
    return "".join(parts)


def _cells(values: pd.Series, fmt: Callable[[Any], str], opening: str, closing: str) -> np.ndarray:
    """Each value of `values` as a cell: ``opening + html.escape(fmt(value)) + closing``.

    :func:`esc` writes NA as "", any other formatter gets None for it. Where
    equal values are written alike (see :func:`_distinct_safe`), each distinct
    value is formatted once and the cells are taken by its codes: most columns
    hold few distinct values (years, counts, dates, a title on every season).
    """
    if not _distinct_safe(values):
        return _written(values.to_numpy(dtype=object, na_value=None), fmt, opening, closing)
    codes, uniques = values.factorize()  # NA: code -1
    distinct = uniques.to_numpy(dtype=object, na_value=None)
    if (codes < 0).any():
        distinct = np.append(distinct, np.array([None], dtype=object))  # code -1 takes it
    return _written(distinct, fmt, opening, closing)[codes]


def _written(
    values: np.ndarray, fmt: Callable[[Any], str], opening: str, closing: str
) -> np.ndarray:
    """The cells of `values` (an object array, NA as None or NaN) as an object array."""
    escape = html.escape
    missing = pd.isna(values)
    na_cell = ""
    if missing.any():
        na_cell = opening + ("" if fmt is esc else escape(fmt(None), quote=True)) + closing
    write = str if fmt is esc else fmt
    cells = [
        na_cell if na else opening + escape(write(v), quote=True) + closing
        for v, na in zip(values, missing, strict=True)
    ]
    return np.array(cells, dtype=object)


def _distinct_safe(values: pd.Series) -> bool:
    """True when equal values of `values` are the same value, so they are written alike.

    Not so for ``0.0`` and ``-0.0`` (a float column with a negative zero), nor for
    ``1``, ``1.0`` and ``True`` in one object column: those are written cell by cell.
    """
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype | pd.StringDtype):
        return True
    if dtype.kind == "f":
        floats = values.to_numpy(dtype=float, na_value=np.nan)
        return not bool(np.any(np.signbit(floats) & (floats == 0)))
    if dtype.kind == "O":
        return pd.api.types.infer_dtype(values, skipna=True) == "string"
    return dtype.kind in "iubMm"


def figure_img(fig: Figure, alt: str, *, dpi: int = 96) -> str:
    """`fig` as an inline ``<img>`` (a base64 PNG ``data:`` URI); the figure is not closed.

    The figure is drawn once, on an Agg canvas, at `dpi`: its layout engine
    (constrained layout in the report) already fits it, so no "tight" bounding
    box pass draws it a second time. Text is drawn unhinted (see
    :func:`~trakt_analysis.plotting.fonts.unhinted_text`).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from ..plotting.fonts import unhinted_text

    if fig.get_layout_engine() is None:
        _pin_empty_axis_labels(fig)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), unhinted_text():
        # Where no installed font has a glyph, the chart already issued one
        # TraktFontWarning naming the titles; matplotlib's per-glyph repeats are noise.
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        fig.set_dpi(dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    # RGB (the page is opaque anyway) at compression level 3: smaller than matplotlib's
    # RGBA at level 6 and encoded in half the time.
    rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
    rgb.save(buffer, "png", compress_level=3)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def _pin_empty_axis_labels(fig: Figure) -> None:
    """Give each axis label without text a fixed place (it draws nothing anywhere).

    matplotlib places an axis label beside its tick labels on every draw, measuring
    all of them once more (31 show titles on a bar chart), even when the label is
    empty, as the bar charts' y labels are. Only for a figure without a layout
    engine: constrained layout counts an empty label's place in the axes' extent.
    """
    for top in fig.axes:
        for ax in (top, *top.child_axes):
            for axis in (ax.xaxis, ax.yaxis):
                if not axis.label.get_text():
                    axis.set_label_coords(0.5, 0.5)


def report_figure(size: tuple[float, float], margins: Margins | None = None) -> tuple[Figure, Axes]:
    """A bare figure of `size` (inches) and its axes, for one chart of the report.

    With `margins` (inches: left, right, top, bottom) the axes get a fixed place;
    without, constrained layout fits them. Fixed margins spare the layout pass,
    which measures every text once more before drawing (a third to a half of
    drawing a chart); they suit charts whose labels have a known width.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure  # imported on first use: it is slow

    width, height = size
    # A bare Figure, not pyplot's: nothing global to close, safe in any backend.
    if margins is None:
        fig = Figure(figsize=size, layout="constrained")
    else:
        left, right, top, bottom = margins
        fig = Figure(figsize=size)
        fig.subplots_adjust(
            left=left / width,
            right=1.0 - right / width,
            top=1.0 - top / height,
            bottom=bottom / height,
        )
    # The title at a fixed place above the axes: matplotlib otherwise looks for tick
    # labels above them on every layout and draw, measuring every y tick label (a tenth
    # of drawing a chart), and the report's charts have none there.
    with mpl.rc_context({"axes.titley": 1.0}):
        ax = fig.subplots()
    return fig, ax


def fix_layout(fig: Figure, ax: Axes, layout: FixedLayout) -> None:
    """Place `ax` and its colorbar by `layout`, after the chart was drawn on `ax`.

    A chart that put something outside its axes that the margins do not plan
    for, a note below them (``gid="time-note"``: plays with an unknown date) or
    a legend (several users), gets constrained layout instead, which makes room.
    """
    if ax.get_legend() is not None or any(text.get_gid() == "time-note" for text in ax.texts):
        fig.set_layout_engine("constrained")
        return
    width, height = fig.get_size_inches()
    left, right, top, bottom = layout.margins
    box = (left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height)
    ax.set_position(box)
    colorbars = [other for other in fig.axes if other is not ax]
    if layout.colorbar is not None and colorbars:
        gap, bar, share = layout.colorbar
        x0 = box[0] + box[2] + gap / width
        colorbars[0].set_position(
            (x0, box[1] + box[3] * (1 - share) / 2, bar / width, box[3] * share)
        )


def figure_html(key: str, caption: str, fig: Figure, *, dpi: int, alt: str | None = None) -> str:
    """`fig` as a ``<figure id="chart-KEY">`` with its caption.

    The figure is not cleared after: clearing it rebuilt every axes' ticks only for
    the figure to be dropped.
    """
    img = figure_img(fig, caption if alt is None else alt, dpi=dpi)
    return (
        f'<figure id="chart-{esc(key)}" class="chart">{img}'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def chart_html(
    key: str,
    caption: str,
    draw: Callable[[Any], Any],
    size: tuple[float, float],
    *,
    dpi: int,
    layout: FixedLayout | None = None,
) -> str:
    """A chart drawn by `draw(ax)` on a new figure of `size` inches, as HTML.

    With `layout` the axes (and colorbar) get its fixed place (see
    :func:`fix_layout`); without, constrained layout fits them.
    """
    fig, ax = report_figure(size, None if layout is None else layout.margins)
    draw(ax)
    if layout is not None:
        fix_layout(fig, ax, layout)
    return figure_html(key, caption, fig, dpi=dpi)
