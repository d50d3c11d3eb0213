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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Column", "esc", "figure_img", "table"]


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


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    caption: str | None = None,
    cls: str = "data",
    table_id: str | None = None,
) -> str:
    """An HTML table of `frame`'s rows; every cell escaped by its formatter.

    Formatters other than :func:`esc` return plain text (digits, dates), which
    is escaped again here, so no formatter can inject markup.
    """
    present = [c for c in columns if c.key in frame.columns]
    head = "".join(
        f'<th scope="col"{" class=num" if c.numeric else ""}>{esc(c.header)}</th>' for c in present
    )
    parts = [f'<table class="{esc(cls)}"' + (f' id="{esc(table_id)}"' if table_id else "") + ">"]
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(f"<thead><tr>{head}</tr></thead><tbody>")
    # Column-wise: one Python loop per column over plain object arrays is fast
    # enough for tens of thousands of rows.
    cells: list[Iterable[str]] = []
    for c in present:
        values = frame[c.key].to_numpy(dtype=object, na_value=None)
        if c.fmt is esc:
            cells.append([esc(v) for v in values])
        else:
            cells.append([html.escape(c.fmt(v), quote=True) for v in values])
    opens = ["<td class=num>" if c.numeric else "<td>" for c in present]
    for row in zip(*cells, strict=True):
        parts.append(
            "<tr>" + "".join(o + v + "</td>" for o, v in zip(opens, row, strict=True)) + "</tr>"
        )
    parts.append("</tbody></table>")
    return "".join(parts)


def figure_img(fig: Figure, alt: str, *, dpi: int = 96) -> str:
    """`fig` as an inline ``<img>`` (a base64 PNG ``data:`` URI); the figure is not closed."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A title in a script the font lacks draws boxes in the chart; the
        # tables beside it show the title in full, so the warning is noise here.
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">'
