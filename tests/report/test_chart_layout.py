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


def _bars(labels: list[str]):
    fig, ax = report_figure((6.0, 3.0), (2.0, 0.2, 0.4, 0.6))
    ax.barh(range(len(labels)), range(1, len(labels) + 1))
    ax.set_yticks(range(len(labels)), labels=labels)  # no y label, as the report's bar charts
    ax.set_xlabel("plays")
    ax.set_title("Plays per show")
    return fig


def _pixels(img: str) -> np.ndarray:
    import base64
    import io

    from PIL import Image

    data = img.split("base64,", 1)[1].split('"', 1)[0]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))


def test_a_fixed_layout_chart_is_drawn_as_matplotlib_draws_it():
    # figure_img gives empty axis labels a fixed place (no search beside the tick
    # labels): the image is the one matplotlib draws of the same figure, pixel for pixel.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from trakt_analysis.plotting.fonts import unhinted_text
    from trakt_analysis.report._html import figure_img

    labels = ["Dark", "Severance", "The Bear", "Slow Horses"]
    ours = _pixels(figure_img(_bars(labels), "chart", dpi=50))
    theirs = _bars(labels)
    theirs.set_dpi(50)
    canvas = FigureCanvasAgg(theirs)
    with unhinted_text():
        canvas.draw()
    assert np.array_equal(ours, np.asarray(canvas.buffer_rgba())[..., :3])
    # Drawn labels kept their automatic place: only the empty y label was pinned.
    fig = _bars(labels)
    figure_img(fig, "chart", dpi=50)
    ax = fig.axes[0]
    assert (ax.xaxis._autolabelpos, ax.yaxis._autolabelpos) == (True, False)
