"""The dashboard page: the explorer, the year in review, breakdowns and the backlog in tabs.

Thin widgets over :mod:`._logic` and :class:`~trakt_analysis.ProgressExplorer`.
``trakt-analysis dashboard`` serves it with Voilà (the notebook next to this
module); in JupyterLab, ``Dashboard()`` displays the same page.
"""

from __future__ import annotations

import calendar
import tempfile
import warnings
from pathlib import Path
from typing import Any

from ..errors import TraktError, TraktWarning
from ..explore import ProgressExplorer
from ..explore._html import message_html
from ..sources.catalog import ExplorerSource, as_source
from ._logic import (
    DEMO,
    backlog_html,
    breakdown_hint,
    breakdown_html,
    review_default_year,
    review_panel,
    review_years,
    save_upload,
    source_from_env,
)

__all__ = ["Dashboard"]

_ALL_YEAR = "whole year"
_MONTHS = [(calendar.month_name[number], number) for number in range(1, 13)]


class Dashboard:
    """The dashboard: a source picker with an upload, and tabs over one loaded user.

    Parameters
    ----------
    source : str, os.PathLike or source object, optional
        Where the data comes from (as :class:`~trakt_analysis.ProgressExplorer`'s
        `source`); default: the path in ``TRAKT_DASHBOARD_SOURCE``, else the
        bundled demo users.

    Attributes
    ----------
    explorer : ProgressExplorer
        The explorer of the chosen source (its history view is under its charts).
    review : ReviewPanel or None
        What the review tab shows.
    widget : ipywidgets.VBox
        The page; displaying the dashboard displays it.
    """

    def __init__(self, source: object = None) -> None:
        import ipywidgets as w

        self._w = w
        if source is None:
            label, chosen = source_from_env()
        else:
            label, chosen = str(source), as_source(source)
        self._sources: dict[str, ExplorerSource] = {label: chosen}
        if label != DEMO:
            self._sources[DEMO] = as_source(None)
        self._uploads = Path(tempfile.mkdtemp(prefix="trakt-dashboard-"))  # 0700, this machine
        self._notes: list[str] = []
        self.explorer = self._explorer(chosen)
        self.review: Any = None
        self.source_choice = w.Dropdown(options=list(self._sources), value=label)
        self.source_choice.description = "Source"
        self.upload = w.FileUpload(accept=".zip", multiple=False, description="Upload export ZIP")
        self.message = w.HTML(
            message_html("\n".join(self._notes), kind="note") if self._notes else ""
        )
        self.year = w.Dropdown(options=[], description="Year")
        self.month = w.Dropdown(options=[(_ALL_YEAR, 0), *_MONTHS], value=0, description="Month")
        self._review_html = w.HTML()
        # a fixed box of the card's shape (540 x 675): a flex row would stretch it
        self._card = w.Image(
            format="png", layout=w.Layout(width="360px", height="450px", object_fit="contain")
        )
        self._backlog = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self._backlog_note = w.HTML()
        self._backlog_table = w.HTML()
        self._breakdown = w.HTML()
        self.tabs = w.Tab()
        self._review_box = w.VBox(
            [
                w.HBox([self.year, self.month]),
                w.HBox([self._review_html, self._card], layout=w.Layout(align_items="flex-start")),
            ]
        )
        self.tabs.children = [
            self.explorer.widget,
            self._review_box,
            self._breakdown,
            w.VBox([self._backlog_note, self._backlog_table, self._backlog]),
        ]
        self.tabs.titles = ("Explorer", "Year in review", "Breakdowns", "Backlog")
        self.widget = w.VBox(
            [
                w.HTML("<h2>trakt_analysis dashboard</h2>"),
                w.HBox([self.source_choice, self.upload]),
                self.message,
                self.tabs,
            ]
        )
        self.widget.add_class("ta-dashboard")
        for widget, name in (
            (self.source_choice, "source"),
            (self.upload, "upload"),
            (self.message, "dashboard-message"),
            (self.year, "year"),
            (self.month, "month"),
            (self._review_html, "review"),
            (self._card, "card"),
            (self._breakdown, "breakdown"),
            (self._backlog_note, "backlog-note"),
            (self._backlog, "backlog"),
            (self._backlog_table, "backlog-table"),
        ):
            widget.add_class(f"ta-{name}")
        self.source_choice.observe(self._guard(self._on_source), names="value")
        self.upload.observe(self._guard(self._on_upload), names="value")
        # Kept, to be taken off alone: unobserve_all("value") also took off the Dropdown's
        # own value -> index link, and the page's select showed no year.
        self._on_year = self._guard(self._on_period)
        self.year.observe(self._on_year, names="value")
        self.month.observe(self._guard(self._on_period), names="value")
        self.tabs.observe(self._guard(self._on_tab), names="selected_index")
        self._stale: set[int] = set()
        self._watch_explorer()
        self._guard(self._on_progress)()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)

    # -- callbacks ------------------------------------------------------------------------
    def _guard(self, callback: Any) -> Any:
        def guarded(*args: Any) -> None:
            try:
                callback(*args)
            except TraktError as exc:
                self.message.value = message_html(str(exc))

        return guarded

    def _explorer(self, source: ExplorerSource) -> ProgressExplorer:
        """An explorer of `source`; what loading it warned about shows as a note on the page."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TraktWarning)
            explorer = ProgressExplorer(source)
        notes = list(dict.fromkeys(str(w.message) for w in caught))
        if hasattr(self, "message"):
            self.message.value = message_html("\n".join(notes), kind="note") if notes else ""
        else:
            self._notes = notes
        return explorer

    def _watch_explorer(self) -> None:
        c = self.explorer.controls
        # after the explorer's own handlers, which load the user
        c.user.observe(self._guard(self._on_progress), names="value")
        c.reload.on_click(self._guard(self._on_progress))

    def _on_source(self, change: dict[str, Any]) -> None:
        self.explorer = self._explorer(self._sources[change["new"]])
        self.tabs.children = [self.explorer.widget, *self.tabs.children[1:]]
        self._watch_explorer()
        self._on_progress()

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        path = save_upload(item["name"], bytes(item["content"]), self._uploads)
        self.upload.value = ()  # the bytes are on disk now; the same file can come again
        label = f"{path.name} (uploaded)"
        self._sources[label] = as_source(path)
        self.source_choice.options = list(self._sources)
        self.source_choice.value = label  # loads it through _on_source

    def _on_progress(self, *_: Any) -> None:
        progress = self.explorer.progress
        years = review_years(progress)
        self.year.unobserve(self._on_year, names="value")
        self.year.options = years
        self.year.value = review_default_year(progress, years)
        self.year.observe(self._on_year, names="value")
        # Each tab is drawn when shown (the page opens faster), once per user.
        self._stale = {1, 2, 3}
        self._draw_tab(self.tabs.selected_index)

    def _on_tab(self, change: dict[str, Any]) -> None:
        self._draw_tab(change["new"])

    def _draw_tab(self, index: int | None) -> None:
        draw = {1: self._draw_review, 2: self._draw_breakdown, 3: self._draw_backlog}.get(
            index or 0
        )
        if draw is not None and index in self._stale:
            self._stale.discard(index)
            draw()

    def _on_period(self, change: dict[str, Any]) -> None:
        self._stale.discard(1)
        self._draw_review()

    # -- panels ---------------------------------------------------------------------------
    def _draw_review(self) -> None:
        progress = self.explorer.progress
        if progress is None or self.year.value is None:
            self.review = None
            _say_instead(
                self._review_html,
                self._card,
                "No watch history in this source (API v1 sends none): the year in review "
                "needs the account export or API v2.",
            )
            return
        month = self.month.value or None
        self.review = review_panel(progress, int(self.year.value), month)
        self._review_html.value = self.review.html
        self._card.value = self.review.card

    def _draw_backlog(self) -> None:
        from ..explore._view import figure_png
        from ..plotting import plot_backlog

        progress = self.explorer.progress
        if progress is None:
            self._backlog.value = b""
            self._backlog_table.value = ""
            return
        self._backlog_table.value = backlog_html(progress)
        if progress.shows["left"].isna().all():
            _say_instead(
                self._backlog_note,
                self._backlog,
                "Unknown: this source has no aired counts, so what is left to watch cannot "
                "be told (load the export with TVmaze metadata).",
            )
            return
        from matplotlib.figure import Figure

        fig = Figure(figsize=(10.0, 7.0), layout="constrained")  # not kept by pyplot
        plot_backlog(progress.shows, top=20, ax=fig.subplots())
        self._backlog_note.value = ""
        self._backlog.value = figure_png(fig)

    def _draw_breakdown(self) -> None:
        import trakt_analysis as ta

        progress = self.explorer.progress
        breakdown = getattr(ta, "breakdown", None)
        if breakdown is None:
            self._breakdown.value = message_html(
                "Breakdowns by genre and network: see the year in review tab (this version "
                "has no all-time breakdown).",
                kind="note",
            )
            return
        if progress is None:
            self._breakdown.value = ""
            return
        parts, frames, keys = [], [], []
        for by in ("genre", "network"):
            try:
                frame = breakdown(progress, by)
            except (TraktError, TypeError) as exc:
                parts.append(message_html(f"No breakdown by {by}: {exc}", kind="note"))
                continue
            frames.append(frame)
            keys.append(by)
            parts.append(f"<h3>By {by}</h3>" + breakdown_html(frame, by))
        hint = breakdown_hint(frames, keys)
        if hint:  # only "unknown" rows: say how to know them, as the report does
            parts = [message_html(hint, kind="note"), *parts]
        self._breakdown.value = "".join(parts)


def _say_instead(note: Any, image: Any, text: str) -> None:
    """Show `text` as a note in the HTML widget `note`, and no picture in the Image `image`."""
    note.value = message_html(text, kind="note")
    image.value = b""
