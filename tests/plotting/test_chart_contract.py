"""The promises every chart keeps, checked for every ``plot_*`` in ``ta.__all__`` (seaborn's way).

Each chart takes ``ax=`` and returns that Axes, lets the caller's keyword arguments win
over its own style, says "no data" on empty data instead of drawing an empty frame,
draws several users apart, and refuses a frame of the wrong kind with
:class:`~trakt_analysis.TraktArgumentError`. A new ``plot_*`` without an entry in
:data:`CHARTS` (or a reason in :data:`FIGURE_LEVEL`) fails
:func:`test_every_public_chart_has_a_contract_entry`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

import trakt_analysis as ta
from trakt_analysis.plotting import palette

pytestmark = [
    pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning"),
    pytest.mark.filterwarnings("ignore::trakt_analysis.errors.TraktFontWarning"),
]

SHOW = ("Doctor Who", 2005)  # in every demo user's progress


@dataclass(frozen=True)
class Chart:
    """How to call one chart on a Progress, with the caller's keyword arguments."""

    draw: Callable[..., Axes]
    #: How it draws several users: "apart" (each named: a colour, a label, a legend) from
    #: one Progress holding both, "list" (the same, from a list of Progress, one per user),
    #: or "summed" (one chart of everyone's counts; pass one user's data to see one).
    users: str = "apart"
    #: The data it draws: "demo" (the demo users), or "export" (the account export: the
    #: only source with ratings).
    data: str = "demo"
    #: Where it says its data is empty: a centred "no data" ("text"), or, for a calendar
    #: (a year of empty days is a calendar still), "0 plays" in its title ("title").
    empty: str = "text"


#: The day plot_upcoming plans on, and an announced episode of every show two days later
#: (the demo users' guides announce nothing in a fixed window).
UPCOMING_DAY = "2026-03-10"


def _announced(progress: ta.Progress) -> ta.Progress:
    shows = progress.shows
    schedule = pd.DataFrame(
        {
            **{c: shows[c].to_numpy(object) for c in ta.schema.IDENTITY},
            "season": 99,
            "episode": 1,
            "episode_title": "Announced",
            "first_aired": pd.Timestamp(UPCOMING_DAY, tz="UTC") + pd.Timedelta(days=2, hours=20),
            "runtime": pd.array([45] * len(shows), dtype="Int32"),
        }
    )
    return dataclasses.replace(progress, schedule=schedule)


CHARTS: dict[str, Chart] = {
    "plot_completion": Chart(lambda p, **kw: ta.plot_completion(p, **kw)),
    "plot_watch_stats": Chart(lambda p, **kw: ta.plot_watch_stats(p, **kw)),
    "plot_watch_split": Chart(lambda p, **kw: ta.plot_watch_split(p, **kw)),
    "plot_backlog": Chart(lambda p, **kw: ta.plot_backlog(p, **kw)),
    "plot_season_progress": Chart(lambda p, **kw: ta.plot_season_progress(p, **kw)),
    "plot_episode_grid": Chart(lambda p, **kw: ta.plot_episode_grid(p, SHOW, **kw)),
    "plot_watch_clock": Chart(lambda p, **kw: ta.plot_watch_clock(p, tz="UTC", **kw), "summed"),
    "plot_watch_time": Chart(lambda p, **kw: ta.plot_watch_time(p, tz="UTC", **kw)),
    "plot_breakdown": Chart(lambda p, **kw: ta.plot_breakdown(p, "decade", **kw), "list"),
    "plot_ratings": Chart(lambda p, **kw: ta.plot_ratings(p, **kw), "summed", data="export"),
    # The demo's next episodes aired long ago: 1984-07-25 (demo) and 1986-10-03 (binger).
    "plot_watch_calendar": Chart(
        lambda p, **kw: ta.plot_watch_calendar(p, year=2025, tz="UTC", **kw),
        "summed",
        empty="title",
    ),
    "plot_upcoming": Chart(
        lambda p, **kw: ta.plot_upcoming(
            _announced(p) if isinstance(p, ta.Progress) else p, today=UPCOMING_DAY, tz="UTC", **kw
        )
    ),
}

#: Charts that draw a whole figure, not one Axes: the Axes promises do not apply.
FIGURE_LEVEL: dict[str, str] = {
    "plot_overview": "a figure of several charts, each of which is in CHARTS",
    "plot_review_card": "an image to share, drawn from a YearInReview, not from frames",
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo() -> ta.Progress:
    return ta.load_demo("demo")


@pytest.fixture(scope="module")
def two_users() -> ta.Progress:
    a, b = ta.load_demo("demo"), ta.load_demo("binger")
    frames = [pd.concat([x, y], ignore_index=True) for x, y in zip(a, b, strict=True)]
    history = pd.concat([a.history, b.history], ignore_index=True)
    return ta.Progress(*frames, history=history)


@pytest.fixture(scope="module")
def export() -> ta.Progress:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)  # its aired counts are unknown
        return ta.load_export(Path(__file__).parents[2] / "data/fixtures/export/demo-export.zip")


def data_for(chart: Chart, request: pytest.FixtureRequest) -> ta.Progress:
    return request.getfixturevalue(chart.data)


@pytest.fixture(scope="module")
def two_exports(export) -> ta.Progress:
    """The export twice, as two users: every count doubles."""
    other = {"user": "other"}
    frames = [pd.concat([f, f.assign(**other)], ignore_index=True) for f in export]
    ratings = pd.concat([export.ratings, export.ratings.assign(**other)], ignore_index=True)
    return ta.Progress(*frames, ratings=ratings)


@pytest.fixture(scope="module")
def empty(demo) -> ta.Progress:
    shows, seasons, episodes = (frame.iloc[:0] for frame in demo)
    return ta.Progress(shows, seasons, episodes, "demo", history=demo.history.iloc[:0])


def all_text(ax: Axes) -> str:
    """Every piece of text on the Axes: title, labels, ticks, texts, legend."""
    parts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    parts += [t.get_text() for t in (*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts)]
    legend = ax.get_legend()
    if legend is not None:
        parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def artists(ax: Axes) -> list[Any]:
    return [*ax.patches, *ax.images, *ax.collections, *ax.lines]


def test_every_public_chart_has_a_contract_entry():
    public = {name for name in ta.__all__ if name.startswith("plot_")}
    assert public == set(CHARTS) | set(FIGURE_LEVEL)
    assert not set(CHARTS) & set(FIGURE_LEVEL)


@pytest.mark.parametrize("name", list(CHARTS))
def test_draws_on_the_axes_it_is_given_and_returns_it(name, request):
    _, ax = plt.subplots()
    assert CHARTS[name].draw(data_for(CHARTS[name], request), ax=ax) is ax


@pytest.mark.parametrize("name", list(CHARTS))
def test_without_an_axes_it_draws_on_a_new_figure(name, request):
    ax = CHARTS[name].draw(data_for(CHARTS[name], request))
    assert isinstance(ax, Axes)
    assert artists(ax)


@pytest.mark.parametrize("name", list(CHARTS))
def test_the_callers_keyword_arguments_win(name, request):
    ax = CHARTS[name].draw(data_for(CHARTS[name], request), alpha=0.37)
    assert any(artist.get_alpha() == 0.37 for artist in artists(ax))


def says_empty(ax: Axes) -> bool:
    """The mark of plotting._common.no_data: a centred message in the no-data grey, no ticks.

    The words say what is missing: "no data", "no plays", "nothing airs in the next 30 days".
    """
    marks = [t for t in ax.texts if to_hex(t.get_color()) == to_hex(palette.NO_DATA)]
    return bool(marks) and not ax.get_xticks().size and not ax.get_yticks().size


@pytest.mark.parametrize("name", list(CHARTS))
def test_empty_data_says_no_data(name, empty, export):
    if CHARTS[name].data == "export":  # no ratings read at all is an error, not an empty chart
        empty = dataclasses.replace(empty, ratings=export.ratings.iloc[:0])
    ax = CHARTS[name].draw(empty)
    if CHARTS[name].empty == "title":
        assert ax.get_title().endswith(": 0 plays")
        assert ax.images[0].get_array().sum() == 0
        return
    assert says_empty(ax)


@pytest.mark.parametrize("name", [n for n, c in CHARTS.items() if c.users in ("apart", "list")])
def test_two_users_are_told_apart(name, two_users):
    data = two_users if CHARTS[name].users == "apart" else [ta.load_demo(), ta.load_demo("binger")]
    text = all_text(CHARTS[name].draw(data))
    assert "demo" in text
    assert "binger" in text


@pytest.mark.parametrize("name", [n for n, c in CHARTS.items() if c.users == "summed"])
def test_a_summed_chart_holds_every_users_counts_once(name, two_users, two_exports, export):
    def total(progress: ta.Progress) -> float:
        ax = CHARTS[name].draw(progress)
        if ax.images:  # a heatmap: its cells
            return float(ax.images[0].get_array().sum())
        return float(sum(bar.get_height() for bar in ax.patches))  # bars

    if CHARTS[name].data == "export":
        assert total(two_exports) == 2 * total(export) > 0
        return
    one, other = ta.load_demo("demo"), ta.load_demo("binger")
    assert total(two_users) == total(one) + total(other) > total(one) > 0


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_frame_of_the_wrong_kind_is_refused(name):
    with pytest.raises(ta.TraktArgumentError):
        CHARTS[name].draw(pd.DataFrame({"x": [1, 2]}))
