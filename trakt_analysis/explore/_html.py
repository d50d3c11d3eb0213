"""HTML for the explorer's output area: the table with percentage bars, messages.

Built by hand rather than with ``DataFrame.style`` so that it needs no jinja2
and stays fast on thousands of rows, with inline styles because an HTML widget
has no stylesheet (the report's :mod:`trakt_analysis._html` tables rely on
one). Every value is escaped with the shared :func:`esc`: titles such as
``<Tales> & =SUM(A1)`` are data, not markup.
"""

from __future__ import annotations

import pandas as pd

from .._format import fmt_date
from ..report._html import esc

__all__ = ["message_html", "summary_html", "table_html"]

_BAR = "#4c72b0"
_CELL = "padding:2px 8px;border-bottom:1px solid #e0e0e0;"
_NUMERIC = ("year", "completed", "aired", "left")


def _text(value: object) -> str:
    """Escaped cell text; NA, NaN and NaT give an empty cell."""
    return fmt_date(value) if isinstance(value, pd.Timestamp) else esc(value)


def _percentage_cell(value: object) -> str:
    if value is None or pd.isna(value):
        return f'<td style="{_CELL}"></td>'
    pct = max(0, min(100, int(value)))  # type: ignore[call-overload]
    bar = f"background:linear-gradient(90deg,{_BAR} {pct}%,transparent {pct}%);"
    return (
        f'<td class="ta-pct" style="{_CELL}min-width:8em;">'
        f'<div style="{bar}border:1px solid #c8c8c8;text-align:right;padding:0 4px;">'
        f"{int(value)}%</div></td>"  # type: ignore[call-overload]
    )


def table_html(table: pd.DataFrame, *, max_rows: int = 50) -> str:
    """An HTML table of the explorer's table; `max_rows` rows, then a note of the rest."""
    columns = list(table.columns)
    head = "".join(
        f'<th style="{_CELL}text-align:left;">{esc(str(c).replace("_", " "))}</th>' for c in columns
    )
    rows = []
    shown = table.head(max_rows)
    records = shown.astype(object).to_numpy()
    for record in records:
        cells = []
        for name, value in zip(columns, record, strict=True):
            if name == "percentage":
                cells.append(_percentage_cell(value))
            else:
                align = "text-align:right;" if name in _NUMERIC else ""
                cells.append(f'<td style="{_CELL}{align}">{_text(value)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if table.empty:
        rows.append(f'<tr><td colspan="{len(columns)}" style="{_CELL}">no shows</td></tr>')
    more = len(table) - len(shown)
    note = (
        f'<div class="ta-more">… {more:,} more rows (explorer.table has all {len(table):,})</div>'
        if more > 0
        else ""
    )
    return (
        '<div class="ta-table" style="max-height:32em;overflow:auto;">'
        '<table style="border-collapse:collapse;font-size:90%;">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}</div>"
    )


def summary_html(user: str | None, summary: object) -> str:
    who = f"<b>{esc(user)}</b>: " if user else ""
    return f'<div class="ta-summary">{who}{esc(str(summary))}</div>'


def message_html(text: str, *, kind: str = "error") -> str:
    """A visible message box; `kind` is "error" or "note"."""
    if not text:
        return ""
    color, label = ("#b00020", "Error") if kind == "error" else ("#8a6d00", "Note")
    return (
        f'<div class="ta-{kind}" style="color:{color};border-left:4px solid {color};'
        f'padding:4px 8px;white-space:pre-wrap;">'
        f"<b>{label}:</b> {esc(text)}</div>"
    )
