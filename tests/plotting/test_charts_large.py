"""The charts on a 2,500-show payload: they draw the top N and summarise the rest."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import trakt_analysis as ta
from trakt_analysis.demo.generate import generate_progress, make_specs

# These tests look at artists; whether every script has a font is test_fonts.py's job (on a
# machine without the Noto fonts the charts warn and draw boxes).
pytestmark = [
    pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning"),
    pytest.mark.filterwarnings("ignore::trakt_analysis.errors.TraktFontWarning"),
]
N = 2500


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def big():
    return ta.load_progress(generate_progress(N, episodes_per_show=80, indent=False))


@pytest.fixture(scope="module")
def big_specs():
    return make_specs(N, episodes_per_show=80)


def test_completion_summarises_the_rest(big, big_specs, tmp_path):
    ax = ta.plot_completion(big.shows, top=30)
    assert len(ax.patches) == 31
    rest = sorted(big_specs, key=lambda s: (-(s.completed * 100 // s.aired), -s.completed))[30:]
    mean = sum(s.completed * 100 // s.aired for s in rest) / len(rest)
    assert ax.get_yticklabels()[-1].get_text() == f"+{N - 30} more shows (avg {mean:.0f}%)"
    assert ax.patches[-1].get_width() == pytest.approx(mean)
    ax.figure.savefig(tmp_path / "completion.png", dpi=50)


def test_other_charts_draw_top_and_render(big, tmp_path):
    shows, seasons, episodes = big
    for name, ax in {
        "watch_stats": ta.plot_watch_stats(shows),
        "backlog": ta.plot_backlog(shows),
        "season_heatmap": ta.plot_season_progress(seasons),
        "grid": ta.plot_episode_grid(episodes, "Game of Thrones", seasons=seasons),
    }.items():
        ax.figure.savefig(tmp_path / f"{name}.png", dpi=50)
    assert ta.plot_season_progress(seasons).images[0].get_array().shape[0] == N
    fig = ta.plot_overview(big)
    fig.savefig(tmp_path / "overview.png", dpi=50)
