"""The progress bar over shows leaves no thread behind (sources/_bar.py).

tqdm keeps a monitor thread after its last bar closes; a running thread stops the
report from building its sections in forked processes (report/_parts.py).
"""

from __future__ import annotations

import threading

from trakt_analysis.sources._bar import bar_over_shows, close_bar, show_bar


def _monitors() -> int:
    return sum(thread.name == "tqdm_monitor" for thread in threading.enumerate())


def test_closing_the_last_bar_stops_tqdms_monitor_thread():
    first, second = show_bar(3, "TVmaze"), show_bar(2, "shows")
    first.update(1)
    assert _monitors() == 1  # tqdm started it
    close_bar(first)
    assert _monitors() == 1  # a bar is still open: it still needs it
    close_bar(second)
    assert _monitors() == 0


def test_the_bar_as_a_context_closes_the_same_way():
    with bar_over_shows(2, "shows") as bar:
        bar.update(2)
        assert _monitors() == 1
    assert _monitors() == 0
    # A new bar starts a new monitor, as tqdm does for its first bar.
    with bar_over_shows(1, "shows"):
        assert _monitors() == 1
    assert _monitors() == 0
