"""The promises every chart keeps, checked for every ``plot_*`` in ``ta.__all__`` (seaborn's way).

Each chart takes ``ax=`` and returns that Axes, lets the caller's keyword arguments win
over its own style, says "no data" on empty data instead of drawing an empty frame,
draws several users apart, and refuses a frame of the wrong kind with
:class:`~trakt_analysis.TraktArgumentError`. A new ``plot_*`` without an entry in
:data:`CHARTS` (or a reason in :data:`FIGURE_LEVEL`) fails
:func:`test_every_public_chart_has_a_contract_entry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

import trakt_analysis as ta

pytestmark = [
    pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning"),
    pytest.mark.filterwarnings("ignore::trakt_analysis.errors.TraktFontWarning"),
]

SHOW = ("Doctor Who", 2005)  # in every demo user's progress


@dataclass(frozen=True)
class Chart:
    """How to call one chart on a Progress, with the caller's keyword arguments."""

    draw: Callable[..., Axes]
    #: How it draws several users: "apart" (each named: a colour, a label, a legend) or
    #: "summed" (one heatmap of everyone's plays; pass one user's history to see one).
    users: str = "apart"
    #: Where it says its data is empty: a centred "no data" ("text"), or, for a calendar
    #: (a year of empty days is a calendar still), "0 plays" in its title ("title").
    empty: str = "text"


CHARTS: dict[str, Chart] = {
    "plot_completion": Chart(lambda p, **kw: ta.plot_completion(p, **kw)),
    "plot_watch_stats": Chart(lambda p, **kw: ta.plot_watch_stats(p, **kw)),
    "plot_watch_split": Chart(lambda p, **kw: ta.plot_watch_split(p, **kw)),
    "plot_backlog": Chart(lambda p, **kw: ta.plot_backlog(p, **kw)),
    "plot_season_progress": Chart(lambda p, **kw: ta.plot_season_progress(p, **kw)),
    "plot_episode_grid": Chart(lambda p, **kw: ta.plot_episode_grid(p, SHOW, **kw)),
    "plot_watch_clock": Chart(lambda p, **kw: ta.plot_watch_clock(p, tz="UTC", **kw), "summed"),
    "plot_watch_time": Chart(lambda p, **kw: ta.plot_watch_time(p, tz="UTC", **kw)),
    "plot_watch_calendar": Chart(
        lambda p, **kw: ta.plot_watch_calendar(p, year=2025, tz="UTC", **kw), "summed", "title"
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
def test_draws_on_the_axes_it_is_given_and_returns_it(name, demo):
    _, ax = plt.subplots()
    assert CHARTS[name].draw(demo, ax=ax) is ax


@pytest.mark.parametrize("name", list(CHARTS))
def test_without_an_axes_it_draws_on_a_new_figure(name, demo):
    ax = CHARTS[name].draw(demo)
    assert isinstance(ax, Axes)
    assert artists(ax)


@pytest.mark.parametrize("name", list(CHARTS))
def test_the_callers_keyword_arguments_win(name, demo):
    ax = CHARTS[name].draw(demo, alpha=0.37)
    assert any(artist.get_alpha() == 0.37 for artist in artists(ax))


#: What an empty chart says (plotting._common.no_data): "no data", or what is missing.
EMPTY_WORDS = ("no data", "no plays")


@pytest.mark.parametrize("name", list(CHARTS))
def test_empty_data_says_no_data(name, empty):
    ax = CHARTS[name].draw(empty)
    if CHARTS[name].empty == "title":
        assert ax.get_title().endswith(": 0 plays")
        assert ax.images[0].get_array().sum() == 0
        return
    assert any(text.get_text() in EMPTY_WORDS for text in ax.texts)
    assert not ax.get_xticks().size
    assert not ax.get_yticks().size


@pytest.mark.parametrize("name", [n for n, c in CHARTS.items() if c.users == "apart"])
def test_two_users_are_told_apart(name, two_users):
    text = all_text(CHARTS[name].draw(two_users))
    assert "demo" in text
    assert "binger" in text


@pytest.mark.parametrize("name", [n for n, c in CHARTS.items() if c.users == "summed"])
def test_a_summed_heatmap_holds_every_users_plays_once(name, two_users):
    def total(progress: ta.Progress) -> float:
        return float(CHARTS[name].draw(progress).images[0].get_array().sum())

    one, other = ta.load_demo("demo"), ta.load_demo("binger")
    assert total(two_users) == total(one) + total(other) > total(one) > 0


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_frame_of_the_wrong_kind_is_refused(name):
    with pytest.raises(ta.TraktArgumentError):
        CHARTS[name].draw(pd.DataFrame({"x": [1, 2]}))
