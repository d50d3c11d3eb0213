"""ProgressExplorer: the widgets, wired to :func:`view` and a source.

This module holds no logic of its own: controls change, the explorer calls
``source.load`` or :func:`view`, and displays the result. Every callback runs
through :meth:`ProgressExplorer._guard`, so an error is shown in the output
area and kept in ``explorer.error`` instead of vanishing into the widget log.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pandas as pd

from .._validate import check_choice
from ..analysis._inputs import today_in
from ..analysis.sorting import SORT_ORDERS
from ..errors import TraktArgumentError, TraktDependencyError, TraktError
from ..progress import Progress
from ..sources.catalog import ExplorerSource, LiveSource, as_source
from ._breakdown import BREAKDOWN_CHOICES, BreakdownView, breakdown_view
from ._history import HistoryView, history_view
from ._html import message_html, summary_html, table_html
from ._view import (
    TABLE_COLUMNS,
    ExplorerFigure,
    Filters,
    ShowKey,
    View,
    figure_png,
    show_key,
    show_label,
    show_options,
)
from ._view import view as compute_view

__all__ = ["Controls", "ProgressExplorer"]

log = logging.getLogger("trakt_analysis.explore")


def _import_ipywidgets() -> ModuleType:
    try:
        import ipywidgets
    except ImportError as exc:  # seaborn-style: say what to install
        raise TraktDependencyError(
            "ProgressExplorer needs ipywidgets, which is not installed. Install it with "
            "`pip install ipywidgets` (and use JupyterLab >= 3 or Notebook >= 7)."
        ) from exc
    return ipywidgets


@dataclass(frozen=True)
class Controls:
    """The explorer's controls; set ``.value`` on them as a user would."""

    user: Any  # Combobox: known users, any name may be typed
    reload: Any  # Button: load the user again
    api_key: Any  # Password: shown only for a live source without a key
    search: Any  # Text: narrows the show list (and the table when none is selected)
    shows: Any  # SelectMultiple: the shows to show; none selected = all
    sort: Any  # Dropdown: the six sort orders
    hide_completed: Any  # Checkbox
    in_progress: Any  # Checkbox
    focus: Any  # Dropdown: the show whose episode grid is drawn
    breakdown: Any  # Dropdown: the field of the breakdown panel (genre, network, ...)


class ProgressExplorer:
    """Explore a user's watched progress in JupyterLab: pick the user, shows and order.

    Parameters
    ----------
    source : None, str, os.PathLike, TraktClient or source object
        Where progress comes from. None (the default): the bundled demo users,
        no files or network needed. A directory: one ``<username>.json`` per
        user, e.g. ``data/fixtures/users``. A :class:`TraktClient`: live data
        for any username (or use :meth:`ProgressExplorer.live`, which can
        also ask for the API key in a password field).
    user : str, optional
        The user to open; default the source's first user.
    sort : str
        The initial order, one of :data:`SORT_ORDERS`.
    hide_completed, in_progress : bool
        The initial filters.
    top : int
        How many shows the completion chart draws.
    max_rows : int
        How many rows of the table are displayed (``explorer.table`` has all).
    today : date-like, optional
        The day the table's ``state`` and ``finish_date`` are planned on (the
        ``today`` of :func:`~trakt_analysis.backlog`: a local calendar day in
        the profile's zone); default: today, so the states move with the
        clock. Pass it for a reproducible explorer.

    Attributes
    ----------
    table : pandas.DataFrame
        The table shown (every row, not only the displayed ones).
    shows : pandas.DataFrame
        The same rows of the shows frame, with all columns.
    figure : matplotlib.figure.Figure or None
        The current chart: completion (``axes[0]``) and episode grid (``axes[1]``).
    error : str or None
        The last error message, or None after a success.
    progress : Progress or None
        The loaded user's progress.
    history : HistoryView or None
        The history view under the charts: the chosen shows' plays, their
        watch clock and calendar (see :func:`trakt_analysis.explore.history_view`).
    controls : Controls
        The widgets; set ``.value`` on them to drive the explorer from code.
    widget : ipywidgets.VBox
        The whole explorer; displaying the explorer displays it.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> explorer = ta.ProgressExplorer()  # doctest: +SKIP
    >>> explorer.controls.sort.value = "most-completed"  # doctest: +SKIP
    >>> explorer.table.head()  # doctest: +SKIP
    """

    def __init__(
        self,
        source: object = None,
        *,
        user: str | None = None,
        sort: str = "title",
        hide_completed: bool = False,
        in_progress: bool = False,
        top: int = 30,
        max_rows: int = 50,
        today: object = None,
    ) -> None:
        w = _import_ipywidgets()
        check_choice(sort, SORT_ORDERS, name="sort order", func="ProgressExplorer")
        if today is not None:
            today_in(today, "UTC", "ProgressExplorer")  # a bad day fails here, not on render
        for name, number in (("top", top), ("max_rows", max_rows)):
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                raise TraktArgumentError(f"{name} must be a positive integer, got {number!r}")
        if user is not None and not isinstance(user, str):
            raise TraktArgumentError(f"user must be a string, got {type(user).__name__}")
        self.source: ExplorerSource = as_source(source)
        self.top = top
        self.max_rows = max_rows
        self.today = today
        self.progress: Progress | None = None
        self.view: View | None = None
        self.error: str | None = None
        self.exception: BaseException | None = None
        self._focus_choice: ShowKey | None = None
        self._drawer: ExplorerFigure | None = None  # one figure, updated in place
        self._quiet = 0  # >0 while the explorer itself sets control values

        users = self.source.users()
        first = user if user is not None else (users[0] if users else "")
        live = isinstance(self.source, LiveSource)
        self.controls = Controls(
            user=w.Combobox(
                value=first,
                options=users,
                ensure_option=False,
                continuous_update=False,
                placeholder="username",
                description="User",
            ),
            reload=w.Button(description="Reload", icon="refresh", tooltip="Load the user again"),
            api_key=w.Password(
                placeholder="trakt API key (never shown)",
                description="API key",
                continuous_update=False,
                layout=w.Layout(
                    display="flex" if live and self.source.needs_key else "none"  # type: ignore[attr-defined]
                ),
            ),
            search=w.Text(placeholder="filter shows", description="Shows", continuous_update=True),
            shows=w.SelectMultiple(options=[], rows=8, description=""),
            sort=w.Dropdown(options=list(SORT_ORDERS), value=sort, description="Sort"),
            hide_completed=w.Checkbox(value=hide_completed, description="Hide completed"),
            in_progress=w.Checkbox(value=in_progress, description="Only in progress"),
            focus=w.Dropdown(options=[], description="Episodes of"),
            breakdown=w.Dropdown(options=list(BREAKDOWN_CHOICES), value="genre", description="By"),
        )
        self._message = w.HTML()
        self._summary = w.HTML()
        self._table = w.HTML()
        self._chart = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        # The history view: clock and calendar of the chosen shows (hidden without a history).
        self._history_note = w.HTML()
        self._history_chart = w.Image(
            format="png", layout=w.Layout(max_width="100%", height="auto")
        )
        self.history: HistoryView | None = None
        self._history_key: tuple[Any, ...] | None = None
        # The breakdown panel: the user's hours by genre, network, ... (all shows).
        self._breakdown_note = w.HTML()
        self._breakdown_chart = w.Image(
            format="png", layout=w.Layout(max_width="100%", height="auto")
        )
        self.breakdown: BreakdownView | None = None
        self._breakdown_key: tuple[Any, ...] | None = None
        c = self.controls
        self.widget = w.VBox(
            [
                w.HBox([c.user, c.reload, c.api_key]),
                w.HBox(
                    [
                        w.VBox([c.search, c.shows]),
                        w.VBox([c.sort, c.hide_completed, c.in_progress, c.focus]),
                    ]
                ),
                self._message,
                self._summary,
                self._table,
                self._chart,
                self._history_note,
                self._history_chart,
                c.breakdown,
                self._breakdown_note,
                self._breakdown_chart,
            ]
        )
        self.widget.add_class("ta-explorer")
        for name in Controls.__dataclass_fields__:  # stable hooks for CSS and browser tests
            getattr(c, name).add_class(f"ta-{name.replace('_', '-')}")
        for widget, name in ((self._message, "message"), (self._summary, "summary")):
            widget.add_class(f"ta-{name}-area")
        self._table.add_class("ta-table-area")
        self._chart.add_class("ta-chart-area")
        self._history_note.add_class("ta-history-note")
        self._history_chart.add_class("ta-history-chart")
        self._breakdown_note.add_class("ta-breakdown-note")
        self._breakdown_chart.add_class("ta-breakdown-chart")
        self._wire()
        if first:
            self._guard(self._load)()
        else:
            self._render()

    @classmethod
    def live(cls, api_key: str | None = None, **kwargs: Any) -> ProgressExplorer:
        """An explorer on the live API through :class:`TraktClient`.

        The key is `api_key`, else ``TRAKT_API_KEY``, else what is typed in
        the explorer's API key field (a password field, emptied as soon as it
        is read). The explorer's own keyword arguments (``user``, ``sort``,
        ``hide_completed``, ``in_progress``, ``top``, ``max_rows``, ``today``)
        go to the explorer; the others to :class:`TraktClient` (``base_url``,
        ``cache``, ``auth``, ...).

        Examples
        --------
        >>> explorer = ta.ProgressExplorer.live(user="justin", cache=True)  # doctest: +SKIP
        """
        from ..sources.v1_api import TraktClient

        options = {name: kwargs.pop(name) for name in _EXPLORER_OPTIONS if name in kwargs}

        def make_client(key: str | None) -> Any:
            return TraktClient(key, **kwargs)

        return cls(LiveSource(make_client, api_key), **options)

    # -- state -----------------------------------------------------------------
    @property
    def table(self) -> pd.DataFrame:
        """The table shown, every row (the display stops at `max_rows`)."""
        if self.view is None:
            return pd.DataFrame({name: pd.Series([], dtype=object) for name in TABLE_COLUMNS})
        return self.view.table

    @property
    def shows(self) -> pd.DataFrame | None:
        """The shown rows of the shows frame, with all columns; None before a load."""
        return None if self.view is None else self.view.shows

    @property
    def figure(self) -> Any:
        """The current Figure: completion (``axes[0]``), episode grid (``axes[1]``)."""
        return None if self.view is None else self.view.figure

    @property
    def user(self) -> str | None:
        """The loaded user, or None when nothing is loaded."""
        return None if self.progress is None else self.progress.user

    @property
    def selection(self) -> list[ShowKey]:
        """The (title, year) of the selected shows; empty means all."""
        return list(self.controls.shows.value)

    def __repr__(self) -> str:
        if self.progress is None:
            state = "nothing loaded" if self.error is None else "error"
        else:
            state = f"user {self.user!r}, {len(self.table)} of {len(self.progress.shows)} shows"
        return f"<ProgressExplorer: {state}, sort {self.controls.sort.value!r}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    # -- wiring ----------------------------------------------------------------
    def _wire(self) -> None:
        c = self.controls
        c.user.observe(self._guard(self._on_user), names="value")
        c.reload.on_click(self._guard(lambda _button: self._load()))
        c.api_key.observe(self._guard(self._on_api_key), names="value")
        c.search.observe(self._guard(self._on_search), names="value")
        for control in (c.shows, c.sort, c.hide_completed, c.in_progress):
            control.observe(self._guard(self._on_change), names="value")
        c.focus.observe(self._guard(self._on_focus), names="value")
        c.breakdown.observe(self._guard(lambda _change: self._render_breakdown()), names="value")

    def _guard(self, callback: Callable[..., Any]) -> Callable[..., None]:
        """Run `callback`; show any error instead of letting ipywidgets swallow it."""

        def guarded(*args: Any) -> None:
            if self._quiet:
                return
            try:
                callback(*args)
            except Exception as exc:  # every error must reach the user
                self._show_error(exc)

        return guarded

    def _show_error(self, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, TraktError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, TraktError):
            text = f"unexpected error (please report it): {text}"
            log.error("ProgressExplorer callback failed", exc_info=exc)
        self.error = self._redact(text)
        self.exception = exc
        self._message.value = message_html(self.error)

    def _redact(self, text: str) -> str:
        redact = getattr(self.source, "redact", None)
        return redact(text) if callable(redact) else text

    def _on_user(self, change: dict[str, Any]) -> None:
        self._load()

    def _on_api_key(self, change: dict[str, Any]) -> None:
        key = change["new"]
        if not key:
            return
        set_key = getattr(self.source, "set_key", None)
        self._set_quietly(self.controls.api_key, "value", "")  # never kept in widget state
        if callable(set_key):
            set_key(key)
            self.controls.api_key.placeholder = "key set (hidden); type to replace"
            if self.controls.user.value:
                self._load()

    def _on_search(self, change: dict[str, Any]) -> None:
        self._update_show_options()
        self._render()

    def _on_change(self, change: dict[str, Any]) -> None:
        self._render()

    def _on_focus(self, change: dict[str, Any]) -> None:
        self._focus_choice = change["new"]
        self._render()

    # -- actions ---------------------------------------------------------------
    def _load(self) -> None:
        user = self.controls.user.value
        self.progress = None
        self.view = None
        self._focus_choice = None
        try:
            self.progress = self.source.load(user)
        finally:
            # Old data must not stay on screen under a new name, even on failure.
            self._update_show_options(reset=True)
            self._update_user_options()
            if self.progress is None:
                self._render_empty()
        self._render()

    def _update_user_options(self) -> None:
        users = self.source.users()
        if list(self.controls.user.options) != users:
            self.controls.user.options = users

    def _update_show_options(self, *, reset: bool = False) -> None:
        c = self.controls
        if self.progress is None:
            self._set_quietly(c.shows, "options", [])
            return
        chosen = () if reset else tuple(c.shows.value)
        options = show_options(self.progress.shows, c.search.value)
        present = {key for _, key in options}
        # Keep selected shows listed, or the select would drop them from its value.
        options += [(show_label(k), k) for k in chosen if k not in present]
        with self._quietly():
            c.shows.options = options
            c.shows.value = chosen

    def _render(self) -> None:
        if self.progress is None:
            self._render_empty()
            return
        c = self.controls
        self.view = compute_view(
            self.progress,
            selection=c.shows.value,
            sort=c.sort.value,
            filters=Filters(
                hide_completed=c.hide_completed.value,
                in_progress=c.in_progress.value,
                search=c.search.value,
            ),
            focus=self._focus_choice,
            top=self.top,
            reuse=self._figure_drawer(),
            today=self.today,
        )
        v = self.view
        self.error = None
        self.exception = None
        self._message.value = message_html("\n".join(v.notes), kind="note") if v.notes else ""
        self._summary.value = summary_html(self.progress.user, v.summary)
        self._table.value = table_html(v.table, max_rows=self.max_rows)
        focus_options = [(show_label(k), k) for k in _keys_of(v.table.head(self.max_rows))]
        if v.focus is not None and v.focus not in {k for _, k in focus_options}:
            focus_options.insert(0, (show_label(v.focus), v.focus))
        with self._quietly():
            c.focus.options = focus_options
            c.focus.value = v.focus
        # Drawn again only when a panel changed; the same bytes are not sent again.
        png = self._drawer.png() if self._drawer is not None and v.figure is not None else b""
        if self._chart.value != png:
            self._chart.value = png
        self._chart.layout.display = None if v.figure is not None else "none"
        self._render_history()
        self._render_breakdown()

    def _render_breakdown(self) -> None:
        assert self.progress is not None
        key = (id(self.progress), self.controls.breakdown.value)
        if self.breakdown is not None and self._breakdown_key == key:
            return  # the panel is the user's, whatever the table's filters
        b = self.breakdown = breakdown_view(self.progress, self.controls.breakdown.value)
        self._breakdown_key = key
        self._breakdown_note.value = message_html(b.message, kind="note")
        self._breakdown_chart.value = figure_png(b.figure) if b.figure is not None else b""
        self._breakdown_chart.layout.display = None if b.figure is not None else "none"

    def _render_history(self) -> None:
        assert self.progress is not None
        key = (id(self.progress), tuple(self.controls.shows.value))
        if self.history is not None and self._history_key == key:
            return  # sort and filters change the table, not the chosen shows' plays
        h = self.history = history_view(self.progress, self.controls.shows.value)
        self._history_key = key
        # Sources without a history (v1) show nothing here.
        self._history_note.value = (
            message_html(h.message, kind="note") if h.plays is not None else ""
        )
        self._history_chart.value = figure_png(h.figure) if h.figure is not None else b""
        self._history_chart.layout.display = None if h.figure is not None else "none"

    def _figure_drawer(self) -> ExplorerFigure:
        if self._drawer is None:
            self._drawer = ExplorerFigure()
        return self._drawer

    def _render_empty(self) -> None:
        self._summary.value = ""
        self._table.value = ""
        self._chart.value = b""
        self._chart.layout.display = "none"
        self.history = None
        self._history_note.value = ""
        self._history_chart.value = b""
        self._history_chart.layout.display = "none"
        self.breakdown = None
        self._breakdown_note.value = ""
        self._breakdown_chart.value = b""
        self._breakdown_chart.layout.display = "none"
        with self._quietly():
            self.controls.focus.options = []

    # -- helpers ---------------------------------------------------------------
    def _set_quietly(self, widget: Any, name: str, value: Any) -> None:
        with self._quietly():
            setattr(widget, name, value)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """While active, control changes made by the explorer trigger no callback."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1


#: The keyword arguments of the explorer itself, which :meth:`ProgressExplorer.live` passes on.
_EXPLORER_OPTIONS = tuple(
    p.name
    for p in inspect.signature(ProgressExplorer.__init__).parameters.values()
    if p.kind is inspect.Parameter.KEYWORD_ONLY
)


def _keys_of(table: pd.DataFrame) -> list[ShowKey]:
    return list(
        dict.fromkeys(show_key(t, y) for t, y in zip(table["title"], table["year"], strict=True))
    )
