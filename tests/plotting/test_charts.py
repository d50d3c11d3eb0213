"""Tests of the charts: they inspect artists (bar widths, labels, colours), not pixels.

Expected values come from the generator's specs (how the demo data was built)
or from payloads written by hand here.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import trakt_analysis as ta
from trakt_analysis.demo.generate import make_specs
from trakt_analysis.plotting import palette
from trakt_analysis.plotting.episode_grid import STATE_CODES, WRAP
from trakt_analysis.plotting.text import shorten

# These tests look at artists; whether every script has a font is test_fonts.py's job (on a
# machine without the Noto fonts the charts warn and draw boxes).
pytestmark = [
    pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning"),
    pytest.mark.filterwarnings("ignore::trakt_analysis.errors.TraktFontWarning"),
]

LONG_TITLE = "The Extraordinarily Long-Running Chronicles of an Imaginary Detective Agency"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo():
    return ta.load_demo()


@pytest.fixture(scope="module")
def specs():
    return make_specs(40, seed=0, profile="full")  # how the demo user was built


@pytest.fixture(scope="module")
def two_users():
    a, b = ta.load_demo("demo"), ta.load_demo("binger")
    return tuple(pd.concat([x, y], ignore_index=True) for x, y in zip(a, b, strict=True))


def pct(spec):
    return spec.completed * 100 // spec.aired if spec.aired else 0


def bars(ax):
    return [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]


def ytick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def png(fig_or_ax, tmp_path, name):
    fig = fig_or_ax if isinstance(fig_or_ax, Figure) else fig_or_ax.figure
    path = tmp_path / f"{name}.png"
    fig.savefig(path, dpi=150)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


# A hand-written response: a gap in the episode keys, a hidden season, a remake.
HAND = [
    {
        "show": {"title": "Remake", "year": 1990, "imdb_id": "tt1", "tvdb_id": 1, "tvrage_id": 0},
        "progress": {"percentage": 50, "aired": 6, "completed": 3, "left": 3},
        "seasons": [
            {
                "season": 1,
                "percentage": 50,
                "aired": 6,
                "completed": 3,
                "left": 3,
                # episode 4 has no key: missing; aired 6 but keys stop at 5: 6 missing too
                "episodes": {"1": True, "2": False, "3": True, "5": True},
            },
            {
                "season": 2,
                "percentage": 0,
                "aired": 2,
                "completed": 0,
                "left": 2,
                "episodes": {"1": False, "2": False},
            },
        ],
        "hidden_seasons": [2],
        "stats": {"plays": 3, "scrobbles": 1, "checkins": 1, "seen": 1},
        "next_episode": False,
    },
    {
        "show": {"title": "Remake", "year": 2020, "imdb_id": "tt2", "tvdb_id": 2, "tvrage_id": 0},
        "progress": {"percentage": 100, "aired": 2, "completed": 2, "left": 0},
        "seasons": [
            {
                "season": 1,
                "percentage": 100,
                "aired": 2,
                "completed": 2,
                "left": 0,
                "episodes": {"1": True, "2": True},
            }
        ],
        "hidden_seasons": [],
        "stats": {"plays": 2, "scrobbles": 2, "checkins": 0, "seen": 0},
        "next_episode": False,
    },
]


@pytest.fixture(scope="module")
def hand():
    return ta.load_progress(HAND, user="me")


# -- text --------------------------------------------------------------------------------


def test_shorten_cuts_with_an_ellipsis():
    short = shorten(LONG_TITLE, 20)
    assert short == "The Extraordinarily…"
    assert len(short) <= 20
    assert shorten("Dark", 20) == "Dark"
    assert shorten(pd.NA) == "?"


# -- completion --------------------------------------------------------------------------


def test_completion_widths_labels_and_summary(demo, specs):
    ax = ta.plot_completion(demo.shows, top=30)
    order = sorted(specs, key=lambda s: (-pct(s), -s.completed))  # stable, like the API
    shown, rest = order[:30], order[30:]
    drawn = bars(ax)
    assert len(drawn) == 31  # 30 shows + the "+10 more" bar
    assert [b.get_width() for b in drawn[:30]] == [pct(s) for s in shown]
    mean = sum(pct(s) for s in rest) / len(rest)
    assert drawn[30].get_width() == pytest.approx(mean)
    labels = ytick_texts(ax)
    assert labels[-1] == f"+10 more shows (avg {mean:.0f}%)"
    assert to_hex(drawn[30].get_facecolor()) == palette.MORE
    # remakes carry their year; other titles do not
    for spec, label in zip(shown, labels, strict=False):
        if spec.title in ("Doctor Who", "Shōgun", "Battlestar Galactica", "The Office"):
            assert label.endswith(f"({spec.year})")
        elif len(spec.title) <= 32 and spec.title not in ("Twin Peaks",):
            assert label == spec.title
    notes = texts(ax)
    assert notes[:30] == [f"{s.completed:,}/{s.aired:,}" for s in shown]
    assert notes[30] == f"{sum(s.completed for s in rest):,}/{sum(s.aired for s in rest):,}"


def test_completion_finished_shows_are_distinct(demo, specs):
    ax = ta.plot_completion(demo.shows, top=40)
    order = sorted(specs, key=lambda s: (-pct(s), -s.completed))
    for spec, bar in zip(order, bars(ax), strict=True):
        done = spec.aired > 0 and spec.completed == spec.aired
        expected = palette.FINISHED if done else palette.IN_PROGRESS
        assert to_hex(bar.get_facecolor()) == expected, spec.title
    assert legend_texts(ax) == ["finished", "episodes left"]
    # all 40 drawn: no summary bar
    assert not any(label.startswith("+") for label in ytick_texts(ax))


def test_completion_by_title_and_long_title(demo, specs):
    ax = ta.plot_completion(demo.shows, by="title", top=40)
    labels = ytick_texts(ax)
    assert labels[:2] == ["1883", "<Tales> & =SUM(A1)"]  # digits, then "<", then letters
    long = [label for label in labels if label.startswith("The Extraordinarily")]
    assert long == [shorten(LONG_TITLE, 32)]
    assert long[0].endswith("…")


def test_completion_one_show(hand):
    one = hand.shows.iloc[[1]]
    ax = ta.plot_completion(one)
    (bar,) = bars(ax)
    assert bar.get_width() == 100
    assert ytick_texts(ax) == ["Remake"]
    assert texts(ax) == ["2/2"]
    assert ax.get_ylabel() == ""  # the ticks name the shows; no clipped "show" beside them


def test_completion_users_by_colour(two_users):
    shows = two_users[0]
    ax = ta.plot_completion(shows, top=80)
    labels = legend_texts(ax)
    assert labels[:2] == ["demo", "binger"]
    colours = {"demo": palette.USER_COLORS[0], "binger": palette.USER_COLORS[1]}
    ordered = ta.sort_shows(shows, "most-completed")
    for user, bar in zip(ordered["user"], bars(ax), strict=True):
        assert to_hex(bar.get_facecolor()) == colours[user]
    assert ax.get_legend().get_title().get_text() == "user"


def test_completion_bad_arguments(demo):
    with pytest.raises(ta.TraktArgumentError, match="lacks column"):
        ta.plot_completion(demo.episodes)
    with pytest.raises(ta.TraktArgumentError, match="top"):
        ta.plot_completion(demo.shows, top=0)
    with pytest.raises(ta.TraktArgumentError, match="sort order"):
        ta.plot_completion(demo.shows, by="best")


def test_kwargs_reach_matplotlib_and_ax_is_used(demo):
    _, ax = plt.subplots()
    out = ta.plot_completion(demo.shows, top=5, ax=ax, height=0.5)
    assert out is ax
    assert bars(ax)[0].get_height() == 0.5


# -- watch stats -------------------------------------------------------------------------


def stats_of(spec):
    plays = spec.plays
    seen = round(plays * spec.seen_share)
    checkins = min(spec.checkins, plays - seen)
    return plays - seen - checkins, checkins, seen


def test_watch_stats_stacks(demo, specs):
    ax = ta.plot_watch_stats(demo.shows, top=10)
    order = sorted(specs, key=lambda s: -s.plays)[:10]
    drawn = bars(ax)
    assert len(drawn) == 3 * 10 + 3  # three stacks of 10 bars, then the summary's three
    scrobbles, checkins, seen = drawn[:10], drawn[10:20], drawn[20:30]
    for spec, a, b, c in zip(order, scrobbles, checkins, seen, strict=True):
        assert (a.get_width(), b.get_width(), c.get_width()) == stats_of(spec)
        assert b.get_x() == a.get_width()  # stacked
    assert to_hex(scrobbles[0].get_facecolor()) == palette.STAT_COLORS["scrobbles"]
    assert to_hex(checkins[0].get_facecolor()) == palette.STAT_COLORS["checkins"]
    assert ytick_texts(ax)[-1] == "+30 more shows (avg)"
    assert legend_texts(ax) == ["scrobbled", "checked in", "marked as seen"]
    # the split across all shows, as an inset
    (inset,) = ax.child_axes
    totals = np.sum([stats_of(s) for s in specs], axis=0)
    shares = 100 * totals / totals.sum()
    assert [b.get_width() for b in bars(inset)] == pytest.approx(list(shares))


def test_watch_split_per_user(two_users):
    ax = ta.plot_watch_split(two_users[0])
    assert ytick_texts(ax) == ["demo", "binger"]
    widths = np.array([b.get_width() for b in bars(ax)]).reshape(3, 2)
    assert widths.sum(axis=0) == pytest.approx([100, 100])


# -- episode grid ------------------------------------------------------------------------


def grid_of(ax):
    return ax.images[0].get_array()


def colour_of(ax, code):
    image = ax.images[0]
    return to_hex(image.cmap(image.norm(code)))


def test_episode_grid_states(hand):
    ax = ta.plot_episode_grid(hand.episodes, ("Remake", 1990), seasons=hand.seasons)
    grid = grid_of(ax)
    w, u, m, h = (STATE_CODES[s] for s in ("watched", "unwatched", "missing", "hidden"))
    assert grid.shape == (2, 6)
    assert list(grid[0]) == [w, u, w, m, w, m]
    assert list(grid[1][:2]) == [h, h]
    assert grid.mask[1][2:].all()  # season 2 has two episodes: the rest is blank
    for state, code in STATE_CODES.items():
        assert colour_of(ax, code) == palette.STATE_COLORS[state]
    assert ytick_texts(ax) == ["S1", "S2 (hidden)"]
    assert legend_texts(ax) == ["watched", "unwatched", "missing", "hidden"]
    assert ax.get_title() == "Remake (1990): episodes"


def test_episode_grid_without_seasons_frame(hand):
    ax = ta.plot_episode_grid(hand.episodes, ("Remake", 1990))
    w, u, m = (STATE_CODES[s] for s in ("watched", "unwatched", "missing"))
    assert list(grid_of(ax)[0][:5]) == [w, u, w, m, w]  # no aired count: keys end at 5


def test_episode_grid_ambiguous_and_unknown(hand, demo):
    with pytest.raises(ta.TraktArgumentError, match=r"1990.*2020"):
        ta.plot_episode_grid(hand.episodes, "Remake")
    with pytest.raises(ta.TraktArgumentError, match="no show 'Nope'"):
        ta.plot_episode_grid(hand.episodes, "Nope")
    with pytest.raises(ta.TraktArgumentError, match="Doctor Who"):
        ta.plot_episode_grid(demo.episodes, ("Doctor Who", 1999))
    with pytest.raises(ta.TraktArgumentError, match="title"):
        ta.plot_episode_grid(demo.episodes, 42)


def test_episode_grid_daily_show_wraps(demo, specs):
    spec = next(s for s in specs if s.title == "Jeopardy!")
    assert max(season.aired for season in spec.seasons) > 200
    ax = ta.plot_episode_grid(demo.episodes, "Jeopardy!", seasons=demo.seasons)
    grid = grid_of(ax)
    assert grid.shape[1] == WRAP
    expected_rows = sum(max(1, math.ceil(s.aired / WRAP)) if s.listed else 1 for s in spec.seasons)
    assert grid.shape[0] == expected_rows
    labels = ytick_texts(ax)
    assert f"S2 1–{WRAP}" in labels  # the first row of a wrapped season says its span
    assert f"{WRAP + 1}–{2 * WRAP}" in labels
    watched = sum(s.completed for s in spec.seasons if s.listed and not s.hidden)
    assert int((grid == STATE_CODES["watched"]).sum()) == watched


def test_episode_grid_users(two_users):
    _, seasons, episodes = two_users
    ax = ta.plot_episode_grid(episodes, ("Doctor Who", 2005), seasons=seasons)
    labels = ax.get_yticklabels()
    assert labels[0].get_text().startswith("demo · ")
    assert labels[-1].get_text().startswith("binger · ")
    assert to_hex(labels[0].get_color()) == palette.USER_COLORS[0]
    assert to_hex(labels[-1].get_color()) == palette.USER_COLORS[1]
    assert {"demo", "binger"} <= set(legend_texts(ax))


# -- season progress ---------------------------------------------------------------------


def test_season_progress_one_show(demo, specs):
    spec = next(s for s in specs if s.title == "The Wire")
    ax = ta.plot_season_progress(demo.seasons, "The Wire")
    listed = [s for s in spec.seasons if s.listed or s.hidden]  # the seasons frame's rows
    drawn = bars(ax)
    assert len(drawn) == len(listed)
    for season, bar in zip(listed, drawn, strict=True):
        if season.hidden:
            assert bar.get_height() == 100
            assert bar.get_hatch() == "//"
            assert to_hex(bar.get_facecolor()) == palette.STATE_COLORS["hidden"]
        else:
            assert bar.get_height() == season.completed * 100 // season.aired
    assert any(s.hidden for s in listed)  # the fixture really has a hidden season here


def test_season_progress_heatmap(demo, specs):
    ax = ta.plot_season_progress(demo.seasons)
    values = ax.images[0].get_array()
    numbers = sorted({s.number for spec in specs for s in spec.seasons if s.listed or s.hidden})
    assert values.shape == (40, len(numbers))
    first = specs[0]  # Game of Thrones: row 0
    for season in first.seasons:
        if season.listed and not season.hidden:
            col = numbers.index(season.number)
            assert values[0, col] == season.completed * 100 // season.aired


# -- backlog -----------------------------------------------------------------------------


def test_backlog(demo, specs):
    ax = ta.plot_backlog(demo.shows, top=10)
    pending = sorted(
        (s for s in specs if s.aired > s.completed), key=lambda s: -(s.aired - s.completed)
    )
    drawn = bars(ax)
    assert [b.get_width() for b in drawn[:10]] == [s.aired - s.completed for s in pending[:10]]
    rest = pending[10:]
    assert ytick_texts(ax)[-1].startswith(f"+{len(rest)} more shows")
    assert texts(ax)[:10] == [f"{s.aired - s.completed:,}" for s in pending[:10]]  # 1,000: grouped
    assert texts(ax)[10] == f"{sum(s.aired - s.completed for s in rest):,} in all"
    (right,) = ax.child_axes  # the next episodes, labelled on the right
    notes = [t.get_text() for t in right.get_yticklabels()]
    for spec, note in zip(pending[:10], notes, strict=False):
        season, number = spec.next_episode
        code = f"S{season:02d}E{number:02d}"
        assert note.startswith(code if spec.next_title_null else f"{code} “")
    assert notes[10] == ""
    # Not drawn: every aired episode watched; finished when the show ended, as the backlog
    # table says (status ended or canceled), caught up when it runs on.
    done = [s for s in specs if s.aired and s.aired == s.completed]
    ended = sum(1 for s in done if s.extra["status"].casefold() in ("ended", "canceled"))
    assert 0 < ended < len(done)
    expected = f"caught up {len(done) - ended} · finished {ended}"
    assert ax.get_title().endswith(f"\n(not shown: {expected})")


# -- overview, empty frames, rendering --------------------------------------------------


def test_overview(demo):
    fig = ta.plot_overview(demo)
    assert isinstance(fig, Figure)
    titles = [ax.get_title() for ax in fig.axes]
    assert "Completion per show" in titles
    assert "Completion per season" in titles
    assert "demo" in fig.get_suptitle()


EMPTY_CASES = {
    "completion": lambda p: ta.plot_completion(p.shows),
    "watch_stats": lambda p: ta.plot_watch_stats(p.shows),
    "watch_split": lambda p: ta.plot_watch_split(p.shows),
    "episode_grid": lambda p: ta.plot_episode_grid(p.episodes, "x", seasons=p.seasons),
    "season_progress": lambda p: ta.plot_season_progress(p.seasons),
    "backlog": lambda p: ta.plot_backlog(p.shows),
}


@pytest.mark.parametrize("name", list(EMPTY_CASES))
def test_empty_frames_say_no_data(name, demo, tmp_path):
    empty = ta.Progress(demo.shows.iloc[:0], demo.seasons.iloc[:0], demo.episodes.iloc[:0])
    ax = EMPTY_CASES[name](empty)
    assert "no data" in texts(ax)
    png(ax, tmp_path, name)


def test_overview_of_empty_frames(demo, tmp_path):
    empty = (demo.shows.iloc[:0], demo.seasons.iloc[:0], demo.episodes.iloc[:0])
    fig = ta.plot_overview(empty)
    png(fig, tmp_path, "overview_empty")


RENDER_CASES = {
    "completion": lambda p: ta.plot_completion(p.shows),
    "watch_stats": lambda p: ta.plot_watch_stats(p.shows),
    "watch_split": lambda p: ta.plot_watch_split(p.shows),
    "episode_grid": lambda p: ta.plot_episode_grid(p.episodes, "進撃の巨人", seasons=p.seasons),
    "episode_grid_daily": lambda p: ta.plot_episode_grid(p.episodes, "The Daily Show"),
    "season_progress": lambda p: ta.plot_season_progress(p.seasons, ("Doctor Who", 2005)),
    "season_heatmap": lambda p: ta.plot_season_progress(p.seasons),
    "backlog": lambda p: ta.plot_backlog(p.shows),
    "overview": lambda p: ta.plot_overview(p),
}


@pytest.mark.parametrize("name", list(RENDER_CASES))
def test_renders_png_at_150_dpi(name, demo, tmp_path):
    png(RENDER_CASES[name](demo), tmp_path, name)


@pytest.mark.parametrize(
    "name", [n for n in RENDER_CASES if n not in ("overview", "episode_grid_daily")]
)
def test_renders_two_users(name, two_users, tmp_path):
    png(RENDER_CASES[name](ta.Progress(*two_users)), tmp_path, name)


def test_unicode_titles_render(demo, tmp_path):
    ax = ta.plot_completion(demo.shows, by="title", top=40)
    labels = ytick_texts(ax)
    assert "進撃の巨人" in labels
    assert "Ψ Station 🚀" in labels
    png(ax, tmp_path, "unicode")


def test_frames_without_a_user(tmp_path):
    shows, _, episodes = ta.load_progress(HAND)  # no user given: the column is NA
    ax = ta.plot_watch_split(shows)
    assert ytick_texts(ax) == ["unknown user"]
    assert [b.get_width() for b in bars(ax)] == pytest.approx([60, 20, 20])  # 3/5, 1/5, 1/5
    ax = ta.plot_episode_grid(episodes, ("Remake", 2020))
    assert list(grid_of(ax)[0]) == [STATE_CODES["watched"]] * 2


def test_kwargs_override_the_palette(demo):
    ax = ta.plot_completion(demo.shows, top=3, color="#000000")
    assert {to_hex(b.get_facecolor()) for b in bars(ax)} == {"#000000"}
    ax = ta.plot_backlog(demo.shows, top=3, color="#000000")
    assert {to_hex(b.get_facecolor()) for b in bars(ax)} == {"#000000"}


def test_season_progress_ambiguous_show(demo):
    with pytest.raises(
        ta.TraktArgumentError, match=r"\('Twin Peaks', 1990\), \('Twin Peaks', 2017\)"
    ):
        ta.plot_season_progress(demo.seasons, "Twin Peaks")


def test_season_heatmap_users_by_label_colour(hand):
    other = ta.load_progress(HAND, user="you")
    seasons = pd.concat([hand.seasons, other.seasons], ignore_index=True)
    ax = ta.plot_season_progress(seasons)
    assert ax.images[0].get_array().shape == (4, 2)  # (2 users x 2 shows) x seasons 1-2
    colours = [to_hex(t.get_color()) for t in ax.get_yticklabels()]
    assert colours == [palette.USER_COLORS[0]] * 2 + [palette.USER_COLORS[1]] * 2
    assert ytick_texts(ax) == ["Remake (1990)", "Remake (2020)"] * 2
    hidden = ax.images[1].get_array()
    assert not hidden.mask[0, 1]  # season 2 of the 1990 show is hidden
    assert hidden.mask[0, 0]


def test_episode_grid_show_known_from_seasons_only(hand):
    # the 2020 show taken out of the episodes: only the seasons frame knows it
    episodes = hand.episodes[hand.episodes["year"] != 2020]
    ax = ta.plot_episode_grid(episodes, ("Remake", 2020), seasons=hand.seasons)
    assert list(grid_of(ax)[0]) == [STATE_CODES["missing"]] * 2  # aired 2, no keys


def test_completion_bars_without_a_reported_percentage_use_the_counts(demo):
    # API v2 sends no percentage: the bars must follow completed/aired, not draw 0.
    shows = demo.shows.assign(percentage=pd.array([None] * len(demo.shows), dtype="Int64"))
    ax = ta.plot_completion(shows, by="title", top=len(shows))
    ordered = ta.sort_shows(shows, "title")
    want = np.floor(ordered["completion"].to_numpy(dtype=float, na_value=np.nan) * 100)
    widths = np.array([bar.get_width() for bar in ax.patches[: len(ordered)]])
    assert np.allclose(widths, np.nan_to_num(want))
    assert (widths > 0).sum() == (np.nan_to_num(want) > 0).sum() > 0
    plt.close(ax.figure)


def _seasons_with_unknown():
    """Show A: season 1 5/10, season 2 3/? (aired unknown), season 3 hidden; B: season 1 4/4."""
    nan = pd.NA
    return pd.DataFrame(
        {
            "user": ["me"] * 4,
            "title": ["A", "A", "A", "B"],
            "year": pd.array([2000, 2000, 2000, 2010], dtype="Int64"),
            "season": pd.array([1, 2, 3, 1], dtype="Int64"),
            "aired": pd.array([10, nan, 8, 4], dtype="Int64"),
            "completed": pd.array([5, 3, 0, 4], dtype="Int64"),
            "left": pd.array([5, nan, 8, 0], dtype="Int64"),
            "percentage": pd.array([nan] * 4, dtype="Int64"),
            "completion": pd.array([0.5, nan, 0.0, 1.0], dtype="Float64"),
            "hidden": [False, False, True, False],
        }
    )


def test_season_heatmap_marks_unknown_completion_apart_from_absent_seasons():
    ax = ta.plot_season_progress(_seasons_with_unknown())
    values, marks = ax.images[0].get_array(), ax.images[1].get_array()
    # A's season 2 has no aired count: not 0 %, and not blank like B's absent seasons 2-3.
    assert (values[0, 0], values[1, 0]) == (50, 100)
    assert values.mask.tolist() == [[False, True, True], [False, True, True]]
    assert marks.mask.tolist() == [[True, False, False], [True, True, True]]
    cmap, norm = ax.images[1].get_cmap(), ax.images[1].norm
    assert to_hex(cmap(norm(marks[0, 1]))) == palette.UNKNOWN
    assert to_hex(cmap(norm(marks[0, 2]))) == palette.STATE_COLORS["hidden"]
    assert legend_texts(ax) == ["hidden season", "completion unknown"]
    known = _seasons_with_unknown().iloc[[0, 3]]  # no unknown season: no legend entry
    assert legend_texts(ta.plot_season_progress(known)) == ["hidden season"]


def test_season_bars_mark_unknown_completion():
    ax = ta.plot_season_progress(_seasons_with_unknown(), "A")
    one, two, three = bars(ax)[:3]
    assert (one.get_height(), to_hex(one.get_facecolor())) == (50, palette.IN_PROGRESS)
    assert (two.get_height(), two.get_hatch()) == (100, "..")  # not a 0 % bar
    assert to_hex(two.get_facecolor()) == palette.UNKNOWN
    assert three.get_hatch() == "//"
    assert texts(ax) == ["5/10", "3/?", "hidden"]
    assert "completion unknown" in legend_texts(ax)


def test_episode_grid_says_when_a_seasons_aired_count_is_unknown():
    seasons = _seasons_with_unknown()
    episodes = pd.DataFrame(
        {
            "user": ["me"] * 3,
            "title": ["A"] * 3,
            "year": pd.array([2000] * 3, dtype="Int64"),
            "season": pd.array([1, 2, 2], dtype="Int64"),
            "episode": pd.array([1, 1, 3], dtype="Int64"),
            "watched": [True, True, True],
        }
    )
    ax = ta.plot_episode_grid(episodes, "A", seasons=seasons)
    # Season 1 aired 10; season 2's count is unknown: 3 cells drawn, more may have aired.
    assert ytick_texts(ax) == ["S1", "S2 (aired ?)", "S3 (hidden)"]
    assert list(grid_of(ax)[1][:3]) == [STATE_CODES[s] for s in ("watched", "missing", "watched")]
