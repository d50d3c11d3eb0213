"""No public function changes the Progress it is given (a second new user's finding 1).

``ta.backlog(p)`` used to turn the hidden flag of every hidden season 0 of
``p.seasons`` from True to False: a nullable column's ``to_numpy`` shares
memory with the frame, and an in-place ``&=`` on it wrote through. The
contract is built from ``ta.__all__``: every public function is either called
here on a Progress (with the extra arguments it needs) or listed with the
reason it takes no Progress, so a new public function has to be placed.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import trakt_analysis as ta
from tests.helpers.export_like import load_demo_export

#: Public functions that take no Progress, and what they take instead.
NO_PROGRESS = {
    "demo_users": "nothing",
    "detect_format": "a raw response or file",
    "fetch_progress": "a user name (API v1 on the network)",
    "load_demo": "a user name",
    "load_export": "a path",
    "load_progress": "a path or a response",
    "plot_review_card": "a YearInReview",
    "read_parquet": "a directory",
    "resolve_timezone": "a time zone (a Progress only as a keyword, read for its settings)",
    "write_ics": "the upcoming frame",
}

YEAR, MONTH = 2024, 11  # demo and export both have plays then (checked below)


def _first_title(progress: ta.Progress) -> str:
    return str(progress.shows["title"].iloc[0])


#: The arguments each function needs besides the Progress.
EXTRA: dict[str, Callable[[ta.Progress, Path], dict[str, Any]]] = {
    "breakdown": lambda p, tmp: {"by": "genre"},
    "year_in_review": lambda p, tmp: {"year": YEAR},
    "month_in_review": lambda p, tmp: {"year": YEAR, "month": MONTH},
    "plot_breakdown": lambda p, tmp: {"by": "network"},
    "plot_episode_grid": lambda p, tmp: {"show": _first_title(p)},
    "write_report": lambda p, tmp: {"path": tmp / "report.html"},
    "backlog": lambda p, tmp: {"today": "2025-03-20"},
    "upcoming": lambda p, tmp: {"today": "2024-11-01"},
    "plot_upcoming": lambda p, tmp: {"today": "2024-11-01"},
}


def _takes_progress() -> list[str]:
    names = []
    for name in ta.__all__:
        obj = getattr(ta, name)
        if inspect.isclass(obj) or inspect.ismodule(obj) or not callable(obj):
            continue
        if name not in NO_PROGRESS:
            names.append(name)
    return names


FUNCTIONS = _takes_progress()


def _with_people() -> ta.Progress:
    """The demo export completed by the stand-in TVmaze, cast and crew too."""
    import warnings

    from trakt_analysis.demo.tvmaze_server import TVmazeServer

    with TVmazeServer() as server, warnings.catch_warnings():
        warnings.simplefilter("ignore", ta.TraktDataWarning)  # its unknown and mismatched show
        tvmaze = ta.TVmaze(
            base_url=server.base_url,
            cache=False,
            progress_bar=False,
            rate_limit=(10_000, 1.0),
            people=True,
        )
        return tvmaze.complete(load_demo_export())


SOURCES: dict[str, Callable[[], ta.Progress]] = {
    "demo": ta.load_demo,
    "demo export": load_demo_export,
    "demo export + TVmaze people": _with_people,
}

#: (source, function) pairs that refuse the Progress: the source lacks what they read.
LACKS = {
    ("demo", "rating_stats"),  # no ratings
    ("demo", "plot_ratings"),
    ("demo", "top_people"),  # no people
    ("demo export", "top_people"),
}


def test_every_public_function_is_placed():
    """Each public function is either called below or known to take no Progress."""
    public = {n for n in ta.__all__ if inspect.isfunction(getattr(ta, n))}
    assert set(NO_PROGRESS) <= public
    assert {"backlog", "summarize", "totals", "year_in_review", "breakdown"} <= set(FUNCTIONS)
    assert set(FUNCTIONS) | set(NO_PROGRESS) == public


def _frames(progress: ta.Progress) -> dict[str, pd.DataFrame]:
    names = ("shows", "seasons", "episodes", "history", "ratings", "schedule", "people")
    return {n: getattr(progress, n) for n in names if getattr(progress, n) is not None}


@pytest.fixture(scope="module", params=list(SOURCES))
def loaded(request) -> tuple[str, ta.Progress]:
    return request.param, SOURCES[request.param]()


@pytest.fixture
def source(loaded) -> tuple[str, ta.Progress, dict[str, pd.DataFrame]]:
    """The source's name, a deep copy of its Progress for one call, its frames as loaded."""
    name, progress = loaded
    return name, copy.deepcopy(progress), copy.deepcopy(_frames(progress))


def test_sources_have_what_the_contract_needs(source):
    """Both sources have a hidden season 0 (the one backlog flipped) and plays in YEAR-MONTH."""
    _, progress, _ = source
    seasons = progress.seasons
    hidden = seasons["hidden"].astype("boolean").fillna(False)
    assert (hidden & (seasons["season"] == 0)).any()
    at = progress.history["watched_at"]
    assert ((at.dt.year == YEAR) & (at.dt.month == MONTH)).any()


@pytest.mark.parametrize("name", FUNCTIONS)
def test_input_unchanged(source, name, tmp_path):
    source_name, progress, before = source
    func = getattr(ta, name)
    extra = EXTRA.get(name, lambda p, tmp: {})(progress, tmp_path)
    try:
        if (source_name, name) in LACKS:
            with pytest.raises(ta.TraktArgumentError):
                func(progress, **extra)
        else:
            func(progress, **extra)
    finally:
        plt.close("all")
    after = _frames(progress)
    assert after.keys() == before.keys()
    for frame, expected in before.items():
        pd.testing.assert_frame_equal(after[frame], expected, obj=f"{name}: progress.{frame}")
