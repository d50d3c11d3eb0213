"""`trakt-analysis summary` of the demo export counts its hidden show apart (issue #20, 2).

Expected from the export's plan: one show hidden from progress, in progress by the
plan (started, episodes left) and without a hidden season, so its aired count is
known from ``show.aired_episodes``: without the hidden rule it would be "in progress".
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import trakt_analysis as ta
from trakt_analysis.cli import main
from trakt_analysis.demo.export import export_plan
from trakt_analysis.demo.users import demo_plan

EXPORT = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "export" / "demo-export.zip"


def hidden_spec():
    index = export_plan("demo").hidden_show
    assert index is not None
    specs, _ = demo_plan("demo")
    spec = next(s for s in specs if s.index == index)
    assert 0 < spec.completed < spec.aired
    return spec


def test_summary_of_the_export_says_one_hidden(capsys):
    spec = hidden_spec()
    assert main(["summary", str(EXPORT), "-q"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  shows "))
    assert re.search(r"\d+ in progress, 1 hidden, \d+ not started", line), line
    assert re.search(r"^  hidden +1$", out, re.MULTILINE)
    # The hidden show is listed with the shows, never under "Watch next".
    watch_next = out.split("Watch next", 1)[1].split("\nShows (", 1)[0]
    assert spec.title not in watch_next


def test_export_with_metadata_never_points_into_the_hidden_show(tvmaze_server):
    spec = hidden_spec()
    with (
        ta.TVmaze(base_url=tvmaze_server.base_url, rate_limit=(10_000, 1.0), cache=False) as tm,
        pytest.warns(ta.TraktDataWarning),  # the repeated entry, the shows TVmaze numbers otherwise
    ):
        progress = ta.load_export(EXPORT, metadata=tm)
    shows = progress.shows
    row = shows[(shows["title"] == spec.title) & (shows["year"] == spec.year)].iloc[0]
    assert bool(row["hidden"])
    assert pd.notna(row["next_season"])  # TVmaze knows its next episode: it is left out
    assert spec.title not in set(ta.watch_next(progress)["title"])
    assert spec.title not in set(ta.only_in_progress(progress)["title"])
    assert ta.totals(progress).hidden == 1
