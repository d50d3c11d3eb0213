"""The progress bar over shows (tqdm) that API v2 and TVmaze show, closed cleanly.

tqdm (4.66 and later) keeps its monitor thread running after the last bar is
closed. A running thread makes the report build its sections in one process
(a fork beside a Python thread is not safe, see ``report/_parts.py``), so a
report with ``--metadata tvmaze`` would lose its other cores for a bar long
gone. Closing a bar here also stops that thread once no bar is left, as older
tqdm did itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["bar_over_shows", "close_bar", "show_bar"]


def show_bar(total: int, desc: str) -> Any:
    """A tqdm bar (``tqdm.auto``) over `total` shows; close it with :func:`close_bar`."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="show")


def close_bar(bar: Any) -> None:
    """Close `bar`; with no bar left open, stop tqdm's monitor thread too."""
    bar.close()
    cls = type(bar)
    monitor = getattr(cls, "monitor", None)
    if monitor is not None and not getattr(cls, "_instances", True):
        monitor.exit()  # wakes it and waits for it: it holds no lock while it sleeps
        cls.monitor = None


@contextmanager
def bar_over_shows(total: int, desc: str) -> Iterator[Any]:
    """:func:`show_bar` as a context: closed by :func:`close_bar` at the end."""
    bar = show_bar(total, desc)
    try:
        yield bar
    finally:
        close_bar(bar)
