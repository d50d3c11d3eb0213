"""The one-file HTML report: summary numbers, inline charts and the tables.

The file is self-contained: charts are base64 PNG ``data:`` URIs, the style is
inline, and there is no script. A Content-Security-Policy in the page forbids
loading anything else, so opening it needs no network, and nothing in the data
(titles, URLs of posters) can make the browser fetch or run anything. Every
value from the data is escaped.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import numpy as np
import pandas as pd

from .._advice import advice
from .._docstrings import fill_doc
from .._format import fmt_date, fmt_int, fmt_pct, next_episode_codes
from .._version import __version__
from ..analysis.summary import (
    Totals,
    completion_distribution,
    next_unknown,
    shows_hidden,
    watch_next,
)
from ..analysis.summary import (
    totals as compute_totals,
)
from ..errors import TraktArgumentError
from ._files import atomic_path
from ._html import YEAR, Column, esc, figure_html, number, report_figure, stat_card, table
from ._parts import Status, build_parts, check_jobs
from .history_html import check_year, history_parts
from .stats_html import all_time_section

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..progress import Progress

__all__ = ["report_html", "write_report"]

#: Shows listed under "Watch next" in the report; the shows table has all.
WATCH_NEXT_ROWS = 50
#: Bars in the per-show charts.
TOP = 30


@dataclass(frozen=True)
class _Chart:
    key: str
    title: str
    alt: str
    draw: Callable[[Progress], Figure]


#: Width of the chart images (inches) and the fixed margins of the bar charts (inches):
#: show labels (at most 32 characters) on the left, title above, ticks and label below.
_WIDTH, _LEFT, _TOP, _BOTTOM = 9.0, 2.9, 0.45, 0.62


def _figure(height: float, right: float | None = None) -> tuple[Figure, Any]:
    """A figure and its axes; fixed margins when `right` (inches) is given, else constrained.

    The bar charts' labels are shortened to a bounded width, so their margins are known.
    """
    height = float(np.clip(height, 2.5, 14.0))
    margins = None if right is None else (_LEFT, right, _TOP, _BOTTOM)
    return report_figure((_WIDTH, height), margins)


def _bars_height(shows: pd.DataFrame) -> float:
    return 1.2 + 0.28 * (min(TOP, len(shows)) + 1)


def _draw_completion(progress: Progress) -> Figure:
    from ..plotting import plot_completion

    fig, ax = _figure(_bars_height(progress.shows), right=1.6)  # the legend
    plot_completion(progress.shows, top=TOP, ax=ax)
    return fig


def _draw_plays(progress: Progress) -> Figure:
    from ..plotting import plot_watch_stats

    fig, ax = _figure(_bars_height(progress.shows), right=1.6)  # the legend
    plot_watch_stats(progress.shows, top=TOP, ax=ax)
    return fig


def _draw_backlog(progress: Progress) -> Figure:
    from ..plotting import plot_backlog

    fig, ax = _figure(_bars_height(progress.shows), right=2.8)  # next episodes, legend
    plot_backlog(progress, top=TOP, ax=ax)  # its schedule too: the table's states
    return fig


def _draw_seasons(progress: Progress) -> Figure:
    from ..plotting import plot_season_progress

    fig, ax = _figure(1.6 + 0.25 * len(progress.shows))
    plot_season_progress(progress.seasons, ax=ax)
    return fig


_CHARTS: tuple[_Chart, ...] = (
    _Chart(
        "plays",
        "Plays per show, split into scrobbles, check-ins and marked as seen",
        "Bar chart: plays per show, split by kind",
        _draw_plays,
    ),
    _Chart(
        "completion",
        "Completion per show, most completed first",
        "Bar chart: completion per show",
        _draw_completion,
    ),
    _Chart(
        "backlog",
        "Episodes left per show, most first",
        "Bar chart: episodes left per show",
        _draw_backlog,
    ),
    _Chart(
        "seasons",
        "Completion of every season (purple: hidden seasons; grey: completion unknown)",
        "Heatmap: completion per show and season",
        _draw_seasons,
    ),
)

_CSS = """
:root{color-scheme:light;--fg:#1d2330;--muted:#5b6475;--line:#dde1e8;--bg:#f6f7f9;--acc:#4c72b0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{margin:0 0 4px;font-size:26px}
h2{margin:32px 0 12px;font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta,footer,caption{color:var(--muted);font-size:13px}
nav{margin:12px 0 0;font-size:14px}
nav a{color:var(--acc);margin-right:14px;text-decoration:none}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.stat{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.stat .value{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums;
  overflow-wrap:anywhere}
.stat .label{color:var(--muted);font-size:13px}
.scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
table.data{border-collapse:collapse;width:100%;font-size:13px}
table.data caption{caption-side:bottom;text-align:left;padding:6px 8px}
table.data th,table.data td{padding:4px 8px;border-bottom:1px solid var(--line);
  text-align:left;vertical-align:top}
table.data th{background:#eef1f5;position:sticky;top:0}
table.data .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.data tbody tr:nth-child(even){background:#fafbfc}
figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px}
figure img{max-width:100%;height:auto;display:block;margin:0 auto}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
.two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.4fr);gap:16px;align-items:start}
@media (max-width:800px){.two{grid-template-columns:1fr}}
details summary{cursor:pointer;margin:8px 0}
footer{padding:24px 20px 40px}
"""

# Forbids every load but inline style and data: images (defence in depth).
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _summary_section(totals: Totals) -> str:
    cards = [
        ("shows", fmt_int(totals.shows), "shows"),
        ("finished", fmt_int(totals.finished), "finished"),
        ("in_progress", fmt_int(totals.in_progress), "in progress"),
        # Only the export knows which shows are hidden: no "0 hidden" where it is unknown.
        *([("hidden", fmt_int(totals.hidden), "hidden on Trakt")] if totals.hidden else []),
        ("not_started", fmt_int(totals.not_started), "not started"),
        *([("unknown", fmt_int(totals.unknown), "with unknown counts")] if totals.unknown else []),
    ]
    if totals.shows_counted or not totals.shows:
        over = f" ({totals.coverage()})" if totals.partial else ""
        cards += [
            ("episodes_watched", fmt_int(totals.episodes_watched), "episodes watched" + over),
            ("episodes_left", fmt_int(totals.episodes_left), "episodes left" + over),
            ("episodes_aired", fmt_int(totals.episodes_aired), "episodes aired" + over),
            ("completion", fmt_pct(totals.completion), "of aired episodes watched" + over),
        ]
    if totals.partial and totals.shows:
        cards.append(
            (
                "episodes_watched_all",
                fmt_int(totals.episodes_watched_all),
                "episodes watched in all shows",
            )
        )
    cards.append(("plays", fmt_int(totals.plays), "plays (per-show counts)"))
    if totals.shows_split:
        cards += [
            ("scrobbles", fmt_int(totals.scrobbles), "scrobbles"),
            ("checkins", fmt_int(totals.checkins), "check-ins"),
            ("seen", fmt_int(totals.seen), "marked seen"),
        ]
    notes = []
    if not totals.shows_counted and totals.shows:
        notes.append(
            f"The aired episodes of all {totals.shows:,} shows are unknown to this source, so "
            f"nothing here says what is left to watch. {_METADATA_HINT}"
        )
    elif totals.partial:
        notes.append(
            f"Watched, aired, left and the completion are {totals.coverage()} (their aired "
            "counts are unknown); the episodes watched in all shows include those."
        )
    if totals.shows_split and totals.shows_split < totals.shows:
        notes.append(f"The split into scrobbles, check-ins and seen is {totals.split_coverage()}.")
    return (
        '<section id="summary"><h2>Summary</h2><div class="stats">'
        + "".join(stat_card(*card) for card in cards)
        + "</div>"
        + "".join(f'<p class="meta note">{esc(note)}</p>' for note in notes)
        + "</section>"
    )


#: How to get the aired counts a source lacks.
_METADATA_HINT = (
    "To fill them, run the report with --metadata tvmaze (or pass metadata=ta.TVmaze() "
    "to load_export)."
)


def _plays_table(totals: Totals) -> str:
    kinds = ["scrobbles", "check-ins", "seen", "all plays"]
    split = [totals.scrobbles, totals.checkins, totals.seen]
    counts = [*(v if v is not None else pd.NA for v in split), totals.plays]
    caption = (
        "Scrobbles are plays a media player reported; check-ins were made by hand "
        "while watching; seen marks episodes watched earlier."
    )
    if not totals.shows_split:
        read = advice(python="TraktAPI.progress(history=True)", cli="--history")
        caption += (
            " The split needs the watch history, which this source lacks (the account "
            f"export has it; read API v2's with {read}): unknown, not 0."
        )
    elif totals.shows_split < totals.shows:
        caption += f" The split is {totals.split_coverage()}."
    # Shares only when every show's split is known: a share of a mixed total would lie.
    whole = totals.plays if totals.shows_split == totals.shows and totals.plays else 0
    return _share_table(
        ("kind", "kind", kinds),
        ("plays", counts),
        total=whole,  # no share of an unknown total
        table_id="plays-table",
        caption=caption,
    )


def _completion_table(shows: pd.DataFrame) -> str:
    counts = completion_distribution(shows)
    if not counts["hidden"]:  # unknown to most sources: no "0 hidden" row
        counts = counts.drop("hidden")
    return _share_table(
        ("completion", "stage", list(counts.index)),
        ("shows", list(counts.to_numpy())),
        total=len(shows),
        table_id="completion-table",
        caption="Completion is episodes watched over episodes aired, specials and hidden "
        "seasons left out; the middle bins include their lower bound.",
    )


def _share_table(
    label: tuple[str, str, list],
    count: tuple[str, list],
    *,
    total: int,
    table_id: str,
    caption: str,
) -> str:
    """A table of labels, counts and each count's share of `total`."""
    heading, label_name, labels = label
    count_name, counts = count
    frame = pd.DataFrame({label_name: labels, count_name: counts})
    frame["share"] = [(v / total if total else None) for v in frame[count_name]]
    return table(
        frame,
        [
            Column(heading, label_name),
            Column(count_name, count_name, fmt_int, numeric=True),
            number("share", fmt=fmt_pct),
        ],
        table_id=table_id,
        caption=caption,
    )


def _next_section(shows: pd.DataFrame) -> str:
    nxt = watch_next(shows)
    unknown = next_unknown(shows)
    if not len(nxt):
        what = (
            f"Unknown: the next episodes of {unknown:,} shows are unknown to this source "
            "(load the account export with TVmaze metadata: --metadata tvmaze)."
            if unknown
            else "No show has a next episode."
        )
        return f'<section id="next"><h2>Watch next</h2><p>{esc(what)}</p></section>'
    more = len(nxt) - WATCH_NEXT_ROWS
    caption = "Started shows first, closest to finished first; the air date is the next episode's."
    if more > 0:
        caption += f" {more:,} more shows have a next episode; see the shows table."
    return table(
        nxt.head(WATCH_NEXT_ROWS),
        [
            Column("show", "title"),
            YEAR,
            Column("episode", "episode"),
            Column("episode title", "next_title"),
            number("next_first_aired", "air date", fmt_date),
            number("left"),
            number("completion", "done", fmt_pct),
        ],
        table_id="next-table",
        caption=caption,
        before='<section id="next"><h2>Watch next</h2><div class="scroll">',
        after="</div></section>",
    )


#: Watched, aired, left and done: the shows' and the seasons' tables show them alike.
_PROGRESS_COLUMNS = (
    number("completed", "watched"),
    number("aired"),
    number("left"),
    number("completion", "done", fmt_pct),
)


def _shown(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The columns of `frame` a table shows: a frame of dozens is not copied whole."""
    return frame[[c.key for c in columns if c.key in frame.columns]]


def _shows_section(shows: pd.DataFrame) -> str:
    # A hidden show has no next episode to watch (as in "Watch next"): "hidden" stands where
    # Trakt's next episode would, and its air date is left out; the frame keeps both.
    hidden = shows_hidden(shows) & pd.notna(shows["next_number"]).to_numpy(bool)
    codes = ["hidden" if h else c for h, c in zip(hidden, next_episode_codes(shows), strict=True)]
    # network is a schema column (all NA where no source had it): left out then
    has_network = "network" in shows.columns and bool(shows["network"].notna().any())
    columns = [
        Column("show", "title"),
        YEAR,
        *([Column("network", "network")] if has_network else []),
        *_PROGRESS_COLUMNS,
        number("plays"),
        number("scrobbles"),
        number("checkins", "check-ins"),
        number("seen"),
        Column("next", "_next"),
        number("next_first_aired", "next airs", fmt_date),
    ]
    frame = _shown(shows, columns).assign(
        _next=pd.Series(codes, index=shows.index, dtype=object),
        next_first_aired=shows["next_first_aired"].mask(hidden),
    )
    return table(
        frame,
        columns,
        table_id="shows-table",
        caption=f"{len(shows):,} shows.",
        before='<section id="shows"><h2>Shows</h2><div class="scroll">',
        after="</div></section>",
    )


def _seasons_section(seasons: pd.DataFrame, figure: str = "") -> str:
    columns = [
        Column("show", "title"),
        YEAR,
        number("season"),
        *_PROGRESS_COLUMNS,
        Column("", "_hidden"),
    ]
    frame = _shown(seasons, columns).assign(
        _hidden=np.where(seasons["hidden"].to_numpy(dtype=bool), "hidden", "")
    )
    return table(
        frame,
        columns,
        table_id="seasons-table",
        caption="Season 0 holds the specials. Hidden seasons have no counts.",
        before=f'<section id="seasons"><h2>Seasons</h2>{figure}<details><summary>'
        f"{len(seasons):,} seasons (show or hide the table)</summary>"
        '<div class="scroll">',
        after="</div></details></section>",
    )


def _nav(sections: list[tuple[str, str]]) -> str:
    links = "".join(f'<a href="#{key}">{esc(label)}</a>' for key, label in sections)
    return f"<nav>{links}</nav></header><main>"


_CHART_BY_KEY = {chart.key: chart for chart in _CHARTS}


def check_dpi(dpi: object) -> None:
    """Raise :class:`TraktArgumentError` unless `dpi` is a whole number from 10 to 600."""
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 10 <= dpi <= 600:
        raise TraktArgumentError(f"dpi must be a whole number from 10 to 600, got {dpi!r}")


def import_charts() -> None:
    """Import what every chart needs (matplotlib, the charts, PNG), so that no part pays for it."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401

    from .. import plotting  # noqa: F401


def _chart_figure(chart: _Chart, progress: Progress, dpi: int) -> str:
    return figure_html(chart.key, chart.title, chart.draw(progress), dpi=dpi, alt=chart.alt)


# The credit a metadata provider's licence asks for, by Provenance.metadata.
_CREDITS = {
    "TVmaze": "Aired counts, air dates and runtimes: TVmaze (www.tvmaze.com), "
    "licensed CC BY-SA 4.0 (creativecommons.org/licenses/by-sa/4.0).",
}


def _metadata_credit(progress: Progress) -> str:
    provenance = getattr(progress, "provenance", None)
    credit = _CREDITS.get(getattr(provenance, "metadata", None) or "")
    return f" <span class=credit>{esc(credit)}</span>" if credit else ""


def _backlog(progress: Progress, figure: str, generated: datetime | None, tz: str | None) -> str:
    """The backlog section, planned on the report's date (see :mod:`.backlog`)."""
    from ..analysis.backlog import backlog
    from .backlog import backlog_section

    today = generated or datetime.now(UTC)
    return backlog_section(backlog(progress, today=today, tz=tz), figure)


@dataclass(frozen=True)
class _Sections:
    """The report's progress sections: each method builds one, charts included.

    A method takes the status callback and returns the section's HTML; the
    report builds them as parts (see :mod:`._parts`). Only what the source has
    is drawn, never an empty chart: completion, backlog and the season heatmap
    need aired counts, the plays chart needs plays.
    """

    progress: Progress
    totals: Totals
    charts: bool
    dpi: int
    generated: datetime | None
    tz: str | None

    @property
    def counted(self) -> bool:
        """Whether any show has its aired episodes (completion, backlog)."""
        return self.totals.shows_counted > 0

    def _figure(self, key: str) -> str:
        """The chart `key` as a figure, when charts are drawn and it has data; else ""."""
        if not self.charts:
            return ""
        wanted = {
            "plays": bool(self.totals.plays),
            "completion": self.counted,
            "backlog": self.counted,
            "seasons": self.counted and bool(self.progress.seasons["aired"].notna().any()),
        }
        if not wanted[key]:
            return ""
        return _chart_figure(_CHART_BY_KEY[key], self.progress, self.dpi)

    def plays(self, say: Status) -> str:
        say("plays")
        return (
            '<section id="plays"><h2>Plays</h2><div class="two"><div class="scroll">'
            + _plays_table(self.totals)
            + "</div>"
            + self._figure("plays")
            + "</div></section>"
        )

    def completion(self, say: Status) -> str:
        say("completion")
        if not self.counted:
            return (
                '<section id="completion"><h2>Completion</h2><p class="needs-counts">'
                + esc(
                    "Completion, the backlog and the season chart need each show's aired "
                    "episodes, which this source does not have. " + _METADATA_HINT
                )
                + "</p></section>"
            )
        return (
            '<section id="completion"><h2>Completion</h2><div class="two"><div class="scroll">'
            + _completion_table(self.progress.shows)
            + "</div>"
            + self._figure("completion")
            + "</div></section>"
        )

    def backlog(self, say: Status) -> str:
        """Hours left, states and finish dates (see :mod:`.backlog`)."""
        say("backlog")
        return _backlog(self.progress, self._figure("backlog"), self.generated, self.tz)

    def seasons(self, say: Status) -> str:
        say("seasons")
        return _seasons_section(self.progress.seasons, self._figure("seasons"))

    def tables(self, say: Status) -> tuple[str, str]:
        """The "Watch next" section and the shows' table."""
        say("tables")
        return _next_section(self.progress.shows), _shows_section(self.progress.shows)


class ReportOptions(TypedDict, total=False):
    """The keyword arguments of :func:`report_html`, which :func:`write_report` passes on."""

    title: str | None
    source: str | None
    charts: bool
    dpi: int
    status: Status | None
    generated: datetime | None
    year: int | None
    tz: str | None
    jobs: int | None


@fill_doc
def report_html(
    progress: Progress,
    *,
    title: str | None = None,
    source: str | None = None,
    charts: bool = True,
    dpi: int = 96,
    status: Status | None = None,
    generated: datetime | None = None,
    year: int | None = None,
    tz: str | None = None,
    jobs: int | None = None,
) -> str:
    """The report as one self-contained HTML document.

    %(parameters_progress)s
    title : str, optional
        The page's heading; by default "Watched progress of USER".
    source : str, optional
        Where the data came from, shown under the heading (e.g. a file name).
    charts : bool
        Include the charts (the slow part). Without them the report has the
        numbers and tables only.
    dpi : int
        Resolution of the chart images (96 is one image pixel per CSS pixel).
    status : callable, optional
        Called with a short message before each step, to show progress.
    generated : datetime, optional
        The time printed as "generated"; now by default.
    year : int, optional
        The calendar year of the "year in review" section (needs a history:
        the account export or API v2); by default the last full year before
        `generated`, when the history has plays in it. The "watch time"
        section appears whenever the progress has a history; without aired
        counts (the export without metadata) the history sections come first
        and the progress charts give way to one line saying how to get them.
    tz : str, optional
        IANA time zone of the history sections; default: the profile's, else
        the machine's. The report prints the zone used.
    jobs : int, optional
        Processes that build the sections, this one included; default: the
        cores this process may use. The sections with charts are built in
        forked processes, on Linux only and only while no other Python thread
        runs (in a Jupyter kernel or a multiprocessing.Pool's worker they are
        built here, one after another); the page is the same either way. 1
        builds them all here. Without charts every section is built here.

    Returns
    -------
    str
        The HTML text. No script, no link to anything outside the page.

    Raises
    ------
    TraktArgumentError
        A `dpi` outside 10-600, a `year` outside 1900-2200, an unknown `tz`,
        `jobs` below 1; checked before anything is drawn.
    """
    check_dpi(dpi)
    check_year(year)  # before the charts: a bad year costs no drawing
    check_jobs(jobs)
    say = status or (lambda message: None)
    shows = progress.shows
    say("summary")
    # One definition of the totals (analysis/summary.py); unknown stays unknown.
    totals = compute_totals(shows)
    user = progress.user
    heading = title or (f"Watched progress of {user}" if user else "Watched progress")
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    meta = f"Generated {when} by trakt_analysis {__version__}"
    if source:
        meta += f" from {source}"
    page = _Sections(progress, totals, charts=charts, dpi=dpi, generated=generated, tz=tz)
    history = history_parts(
        progress,
        year=year,
        tz=tz,
        charts=charts,
        dpi=dpi,
        today=generated or datetime.now(UTC),
        latest_full_year=year is None,
    )
    # Every section is built apart (in parallel where it can be, see _parts.py), the
    # costliest first; the page then puts them in its order.
    parts: dict[str, Callable[[Status], Any]] = {part.key: part.build for part in history}
    parts["all-time"] = lambda say: all_time_section(progress, charts=charts, dpi=dpi, status=say)
    parts["seasons"] = page.seasons
    if page.counted:
        parts["backlog"] = page.backlog
    parts.update(plays=page.plays, completion=page.completion, tables=page.tables)
    if charts:
        import_charts()  # once, before the parts: a forked process has it then
    built = dict(
        zip(
            parts,
            build_parts(
                list(parts.values()),
                jobs=jobs if charts else 1,  # without charts every part is quick
                status=say,
            ),
            strict=True,
        )
    )
    notes = progress.provenance.notes if progress.provenance is not None else ()
    next_html, shows_html = built["tables"]
    progress_part = [built["plays"], built["completion"], next_html]
    nav = [("summary", "Summary"), ("plays", "Plays"), ("completion", "Completion")]
    nav += [("next", "Watch next")]
    if page.counted:
        progress_part.append(built["backlog"])
        nav.append(("backlog", "Backlog"))
    history_html = "".join(built[part.key] for part in history)
    history_nav = [(part.key, part.label) for part in history]
    # A history source without aired counts leads with what it has: the history.
    if progress.history is not None and not page.counted:
        sections = [history_html, *progress_part]
        nav = [nav[0], *history_nav, *nav[1:]]
    else:
        sections = [*progress_part, history_html]
        nav += history_nav
    all_time_html, all_time_nav = built["all-time"]
    sections.append(all_time_html)
    nav += [*all_time_nav, ("shows", "Shows"), ("seasons", "Seasons")]
    body = [
        f"<header><h1>{esc(heading)}</h1><p class=meta>{esc(meta)}</p>",
        *(f"<p class=meta>{esc(note)}</p>" for note in notes),
        _nav(nav),
        _summary_section(totals),
        *sections,
        shows_html,
        built["seasons"],
        "</main><footer>Made with trakt_analysis. This page is one file: it loads nothing "
        f"from the network.{_metadata_credit(progress)}</footer>",
    ]
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="trakt_analysis {esc(__version__)}">'
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head><body>"
    )
    # One join: the page (megabytes of charts and tables) is copied once, not three times.
    return "\n".join([head, *body, "</body></html>\n"])


@fill_doc
def write_report(
    progress: Progress, path: str | os.PathLike[str], **options: Unpack[ReportOptions]
) -> Path:
    """Write :func:`report_html` to `path` (UTF-8); returns the path.

    The page is built in memory and written to a temporary file beside
    `path`, then moved into place: a failure leaves no partial file, and an
    existing report is replaced only by a complete one. Parent folders are
    created.

    %(parameters_progress)s
    path : str or os.PathLike
        Where to write the report (an ``.html`` file).
    title, source, charts, dpi, status, generated, year, tz
        As for :func:`report_html`: the heading, where the data came from,
        whether to draw the charts, their resolution, a progress callback,
        the "generated" time, the year in review (default: the last full
        year with plays) and the IANA time zone of the history sections.

    Returns
    -------
    pathlib.Path
        `path`.

    Raises
    ------
    TraktArgumentError
        A bad option (see :func:`report_html`), before anything is drawn.
    TraktFileError
        `path` cannot be written.

    Examples
    --------
    >>> import trakt_analysis as ta
    >>> ta.write_report(ta.load_demo(), "reports/report.html")  # doctest: +SKIP
    >>> ta.write_report(progress, "2025.html", year=2025)  # doctest: +SKIP
    """
    text = report_html(progress, **options)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
