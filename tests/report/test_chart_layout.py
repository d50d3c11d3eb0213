"""The report's fixed chart layout: axes and colorbar where the inches say, else constrained."""

from __future__ import annotations

import numpy as np
import pytest

from trakt_analysis.report._html import FixedLayout, fix_layout, report_figure

LAYOUT = FixedLayout((1.0, 2.0, 0.5, 0.5), colorbar=(0.5, 0.2, 0.8))


def _heatmap(note: bool):
    fig, ax = report_figure((10.0, 4.0), LAYOUT.margins)
    image = ax.imshow(np.arange(6).reshape(2, 3), aspect="auto")
    fig.colorbar(image, ax=ax)
    if note:
        ax.annotate("3 plays with an unknown date", xy=(1, 0), gid="time-note")
    fix_layout(fig, ax, LAYOUT)
    return fig, ax


def test_axes_and_colorbar_go_where_the_inches_say():
    fig, ax = _heatmap(note=False)
    # 10 x 4 in: axes from 1 in to 8 in across, 0.5 in to 3.5 in up.
    assert ax.get_position().bounds == pytest.approx((0.1, 0.125, 0.7, 0.75))
    # The colorbar 0.5 in after the axes, 0.2 in wide, 80 % of their 3 in height, centred.
    colorbar = fig.axes[1]
    assert colorbar.get_position().bounds == pytest.approx((0.85, 0.2, 0.02, 0.6))
    assert fig.get_layout_engine() is None


def test_a_note_below_the_axes_gets_constrained_layout():
    fig, _ = _heatmap(note=True)
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"


def test_a_legend_gets_constrained_layout():
    fig, ax = report_figure((10.0, 4.0), LAYOUT.margins)
    ax.bar([0, 1], [1, 2], label="ann")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fix_layout(fig, ax, FixedLayout(LAYOUT.margins))
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"


def test_margins_alone_place_the_axes():
    fig, ax = report_figure((8.0, 2.0), (2.0, 0.0, 0.5, 0.5))
    fix_layout(fig, ax, FixedLayout((2.0, 0.0, 0.5, 0.5)))
    assert ax.get_position().bounds == pytest.approx((0.25, 0.25, 0.75, 0.5))
