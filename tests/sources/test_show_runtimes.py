"""One runtime rule for hours watched and hours left (finding 17): a play whose episode has no
runtime counts at its show's runtime, as the backlog's hours left does."""

from __future__ import annotations

import pandas as pd

from tests.helpers.backlog_cases import progress
from trakt_analysis.sources.completion import history_show_runtimes


def test_plays_take_their_shows_runtime():
    before = progress("ann")
    after = history_show_runtimes(before)
    minutes = after.history.groupby("title")["runtime"].agg(lambda r: r.tolist())
    # backlog_cases: Daily 30, Old 45, Ended 30, Returning 30 minutes a show; the others none.
    assert minutes["Daily"] == [30] * 6
    assert minutes["Old"] == [45, 45]
    assert minutes["Ended"] == [30] * 3
    assert minutes["Returning"] == [30] * 3
    for title in ("Hidden", "NoRuntime", "Binge", "Counts unknown"):
        assert all(pd.isna(m) for m in minutes[title]), title  # unknown stays unknown
    assert after.provenance.notes[-1] == (
        "runtimes of 14 plays in the history are their show's runtime (their episodes have "
        "none), as the backlog's hours left counts them; 9 plays have no known runtime"
    )
    assert before.history["runtime"].isna().all()  # the input is not changed


def test_a_known_runtime_is_kept():
    before = progress("ann")
    history = before.history.copy()
    history["runtime"] = pd.array([50] * len(history), dtype="Int32")
    known = before.__class__(
        before.shows, before.seasons, before.episodes, before.user, history=history
    )
    assert history_show_runtimes(known) is known
