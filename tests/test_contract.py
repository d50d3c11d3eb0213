"""Contract tests every source must pass (after seaborn's shared test classes).

Each source's frames match the schema, in order and dtype; the columns a source
cannot fill (``schema.FILLED_BY``) are all NA, never a made-up 0; the frames join
on their identity columns; and every chart draws on them. A new source adds one
entry to ``SOURCES``; a new source class of the catalog also one to ``CATALOG``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import load_demo_export
from trakt_analysis import schema
from trakt_analysis.sources import catalog

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


class _SavedClient:
    """A v1 client that answers from the saved responses (as TraktClient.progress_watched)."""

    def progress_watched(self, username: str, *args: object) -> bytes:
        return (FIXTURES / "users" / f"{username}.json").read_bytes()


SOURCES: dict[str, Callable[[], ta.Progress]] = {
    "v1 file": lambda: catalog.FileSource(FIXTURES / "users" / "demo.json").load("demo"),
    "v1 minimal file": lambda: ta.load_progress(FIXTURES / "users" / "casual.json"),
    "v1 directory": lambda: catalog.DirectorySource(FIXTURES / "users").load("binger"),
    "v1 client": lambda: catalog.ClientSource(_SavedClient()).load("casual"),
    "v1 live, key entered": lambda: catalog.LiveSource(
        lambda key: _SavedClient(), api_key="not-a-real-key"
    ).load("casual"),
    "seed example": lambda: ta.load_progress(FIXTURES / "seed_example.json"),
    "demo": lambda: catalog.DemoSource().load("demo"),
    "demo + TVmaze": lambda: _with_tvmaze(ta.load_demo),
    # The shipped demo export warns once, as trakt.tv's offset paging repeats an entry.
    "account export": lambda: load_demo_export(),
    "account export + TVmaze": lambda: _with_tvmaze(load_demo_export),
}


def _from_v2(user: str) -> ta.Progress:
    """API v2 against the stand-in server: signed in ("me") or a public profile."""
    import tempfile

    from trakt_analysis.demo.v2_server import FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, V2Server

    with tempfile.TemporaryDirectory() as tmp, V2Server() as server:
        api = ta.TraktAPI(
            FAKE_CLIENT_ID,
            FAKE_CLIENT_SECRET,
            base_url=server.base_url,
            auth_url=server.auth_url,
            token_path=Path(tmp) / "token.json",
            sleep=lambda seconds: None,
        )
        if user == "me":
            api.login(display=lambda device: None)
        with api:
            source = catalog.TraktAPISource(api, specials=True, history=True)
            return source.load(user)


SOURCES["API v2 signed in"] = lambda: _from_v2("me")
SOURCES["API v2 public profile"] = lambda: _from_v2("ada")
#: Every source class of the catalog, and the entry of SOURCES that loads through it.
CATALOG: dict[str, str] = {
    "DemoSource": "demo",
    "DirectorySource": "v1 directory",
    "FileSource": "v1 file",
    "ExportSource": "account export",
    "ClientSource": "v1 client",
    "LiveSource": "v1 live, key entered",
    "TraktAPISource": "API v2 signed in",
}
FRAMES = {"shows": schema.SHOWS, "seasons": schema.SEASONS, "episodes": schema.EPISODES}
# The demo users are v1 responses: they fill what v1 fills.
FILLS_LIKE: dict[str, str] = {}  # a kind whose columns are another's


@pytest.fixture(scope="module", params=list(SOURCES))
def progress(request) -> ta.Progress:
    return SOURCES[request.param]()


def _with_tvmaze(load: Callable[[], ta.Progress]) -> ta.Progress:
    """A source's progress completed by the stand-in TVmaze."""
    import warnings

    from trakt_analysis.demo.tvmaze_server import TVmazeServer

    with TVmazeServer() as server, warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)  # its unknown and mismatched show
        return ta.TVmaze(
            base_url=server.base_url, cache=False, progress_bar=False, rate_limit=(10_000, 1.0)
        ).complete(load())


def test_every_source_class_of_the_catalog_has_a_contract_entry():
    # A new source class fails here until SOURCES loads through it.
    classes = {
        name
        for name in catalog.__all__
        if isinstance(getattr(catalog, name), type)
        and name not in ("ProgressSource", "ExplorerSource")  # the protocol and its alias
    }
    assert classes == set(CATALOG)
    assert set(CATALOG.values()) <= set(SOURCES)


def filled_by(progress: ta.Progress) -> dict[str, tuple[str, ...]]:
    kind = progress.provenance.kind
    fills = schema.FILLED_BY[FILLS_LIKE.get(kind, kind)]
    extra = schema.FILLED_BY_METADATA.get(progress.provenance.metadata or "", {})
    return {frame: (*columns, *extra.get(frame, ())) for frame, columns in fills.items()}


@pytest.mark.parametrize("frame", list(FRAMES))
def test_frames_follow_the_schema_in_order_and_dtype(progress, frame):
    got = getattr(progress, frame)
    layout = schema.frame_dtypes(FRAMES[frame], long=frame != "shows")
    assert list(got.columns[: len(layout)]) == list(layout)
    for name, dtype in layout.items():
        assert str(got[name].dtype) == str(pd.Series([], dtype=dtype).dtype), name


@pytest.mark.parametrize("frame", list(FRAMES))
def test_columns_a_source_cannot_fill_are_all_na(progress, frame):
    got = getattr(progress, frame)
    fills = filled_by(progress)
    allowed = {*fills["identity"], *fills[frame], "user", "season", "episode"}
    unfilled = [c for c in FRAMES[frame] if c not in allowed]
    assert unfilled, "every source leaves some column to others"
    for name in unfilled:
        assert got[name].isna().all(), f"{progress.provenance.kind} fills {frame}.{name}"


def test_long_frames_categorical_ids_keep_the_shows_dtype_as_categories(progress):
    history = [] if progress.history is None else [progress.history]  # shows and movies
    for frame in (progress.seasons, progress.episodes, *history):
        for name in schema.CATEGORICAL_IN_LONG_FRAMES:
            categories = frame[name].cat.categories
            assert str(categories.dtype) == str(schema.IDENTITY[name]), name
    for frame in (progress.seasons, progress.episodes):
        for name in schema.CATEGORICAL_IN_LONG_FRAMES:
            if name != "user":  # a show's id in a long frame is its id in the shows frame
                shown = set(progress.shows[name].dropna())
                assert set(frame[name].cat.categories) <= shown, name


def test_the_history_is_a_frame_of_the_schema_or_none(progress):
    history = progress.history
    if history is None:
        assert progress.provenance.kind == "v1"
        return
    layout = schema.frame_dtypes(schema.HISTORY, long=True)
    assert list(history.columns[: len(layout)]) == list(layout)


def test_frames_join_on_the_identity(progress):
    key = ["user", "title", "year"]
    shows = progress.shows[[*key, "aired"]].rename(columns={"aired": "show_aired"})
    for frame in (progress.seasons, progress.episodes):
        joined = frame.merge(shows, on=key, how="left", validate="many_to_one")
        assert len(joined) == len(frame)  # no row matched two shows
        # every row finds its show
        titles = set(zip(shows["title"], shows["year"], strict=True))
        assert set(zip(frame["title"], frame["year"], strict=True)) <= titles


CHARTS: dict[str, Callable[[ta.Progress], object]] = {
    "completion": lambda p: ta.plot_completion(p.shows),
    "backlog": lambda p: ta.plot_backlog(p.shows),
    "watch_stats": lambda p: ta.plot_watch_stats(p.shows),
    "season_progress": lambda p: ta.plot_season_progress(p.seasons),
    "overview": lambda p: ta.plot_overview(p),
    "breakdown": lambda p: ta.plot_breakdown(p, "genre"),
    "backlog_hours": lambda p: ta.plot_backlog(
        ta.backlog(p, today="2026-03-01", tz="UTC"), by="hours"
    ),
    "upcoming": lambda p: ta.plot_upcoming(p, today="2026-03-01", tz="UTC"),
}


@pytest.mark.parametrize("chart", list(CHARTS))
def test_every_chart_draws_every_source(progress, chart):
    result = CHARTS[chart](progress)
    figure = result if isinstance(result, matplotlib.figure.Figure) else result.figure
    assert figure.axes
    plt.close(figure)


def test_the_summary_never_counts_an_unknown_as_finished(progress):
    shows = progress.shows
    known_finished = ((shows["left"] == 0) & (shows["aired"] > 0)).fillna(False).sum()
    assert int(ta.summarize(shows)["finished"].sum()) <= int(known_finished)


HISTORY_CHARTS: dict[str, Callable[[ta.Progress], object]] = {
    "watch_clock": lambda p: ta.plot_watch_clock(p, tz="UTC"),
    "watch_time": lambda p: ta.plot_watch_time(p, tz="UTC"),
    "watch_calendar": lambda p: ta.plot_watch_calendar(p, tz="UTC"),
}


@pytest.mark.parametrize("chart", list(HISTORY_CHARTS))
def test_every_history_chart_draws_every_source_with_a_history(progress, chart):
    if progress.history is None:
        with pytest.raises(ta.TraktArgumentError, match="no watch history"):
            HISTORY_CHARTS[chart](progress)
        return
    ax = HISTORY_CHARTS[chart](progress)
    assert "UTC" in ax.get_title()
    plt.close(ax.figure)
    # every play is counted once, in some hour of some weekday
    assert int(ta.watch_clock(progress, tz="UTC").to_numpy().sum()) == int(
        progress.history["watched_at"].notna().sum()
    )
