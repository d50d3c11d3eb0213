"""The CLI on the account export without metadata: an unknown value is said unknown, never 0
(the new user's findings on the export path)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from trakt_analysis.cli import main

EXPORT = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "export" / "demo-export.zip"

pytestmark = pytest.mark.filterwarnings("ignore::trakt_analysis.errors.TraktDataWarning")


def _row(out: str, label: str) -> str:
    match = re.search(rf"^  {re.escape(label)}\s+(.*)$", out, re.MULTILINE)
    assert match, f"no {label!r} row in:\n{out}"
    return match.group(1)


def test_a_month_review_notes_the_months_plays_not_the_years(capsys):
    assert main(["review", str(EXPORT), "--year", "2025", "--month", "10", "-q"]) == 0
    out = capsys.readouterr().out
    plays = int(_row(out, "plays").replace(",", ""))
    # Without metadata no play has a runtime: every play of the month is left out of the hours.
    assert f"note: hours leave out {plays:,} plays without a runtime" in out
    assert plays < int(_row(_review(capsys, "2025"), "plays").replace(",", ""))


def _review(capsys, year: str) -> str:
    assert main(["review", str(EXPORT), "--year", year, "-q"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["report", "summary", "review"])
def test_a_year_that_is_no_year_is_refused_before_any_work(command, capsys, tmp_path):
    out = tmp_path / "r.html"
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                command,
                str(EXPORT),
                "--year",
                "25",
                "-q",
                *(["-o", str(out)] * (command != "summary")),
            ]
        )
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "the year must be 1900-2200, got 25" in captured.err
    assert "no plays in 25" not in captured.err
    assert not out.exists()


def test_a_review_of_a_year_without_plays_is_an_error_not_zeros(capsys):
    assert main(["review", str(EXPORT), "--year", "2030", "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no plays in 2030" in captured.err
    # ... and where the plays are: the demo export's history ends in 2026.
    assert re.search(r"plays are from \d{4}-\d\d-\d\d to 2026-\d\d-\d\d", captured.err)


def test_backlog_without_runtimes_says_hours_left_unknown(capsys):
    assert main(["backlog", str(EXPORT), "--today", "2026-02-10", "-q"]) == 0
    out = capsys.readouterr().out
    # The export has no runtime: the shows with nothing left are 0 h, all others unknown.
    assert "Hours left: unknown" in out
    assert "Hours left: 0.0" not in out


def test_backlog_notes_name_the_plans_hidden_seasons(capsys):
    from trakt_analysis.demo.export import export_plan
    from trakt_analysis.demo.users import demo_plan

    specs, _ = demo_plan("demo")
    plan = export_plan("demo")
    assert main(["backlog", str(EXPORT), "--today", "2026-02-10", "-q"]) == 0
    out = capsys.readouterr().out
    table, notes_text = out.split("\nNotes\n")
    notes = notes_text.splitlines()
    checked = []
    for index, numbers in plan.hidden_seasons.items():
        counted = [n for n in numbers if n > 0]
        if not counted or specs[index].title not in table:  # specials; a show not exported
            continue
        word = "seasons" if len(counted) > 1 else "season"
        said = f"{word} {', '.join(map(str, sorted(counted)))} hidden on Trakt (not counted)"
        title = specs[index].title
        assert any(title in line and said in line for line in notes), (title, said)
        checked.append(title)
    assert "Jeopardy!" in checked  # all its plays are in its hidden season: "not started"


def test_without_metadata_up_next_is_unknown_not_0(capsys):
    import trakt_analysis as ta

    progress = ta.load_export(EXPORT)
    row = progress.summary().iloc[0]
    assert row["up_next"] is pd.NA
    assert ta.totals(progress).up_next is None
    # The export knows no unwatched episode: every show not finished (all aired watched)
    # nor hidden has an unknown next episode.
    unknown = int(row["shows"] - row["finished"] - row["hidden"])
    assert ta.analysis.summary.next_unknown(progress) == unknown
    assert main(["summary", str(EXPORT), "-q"]) == 0
    out = capsys.readouterr().out
    assert f"Watch next: unknown (the next episodes of {unknown} shows are unknown" in out
    assert "0 shows with a next episode" not in out


def test_upcoming_without_air_dates_is_unknown_not_nothing(capsys):
    import trakt_analysis as ta
    from tests.helpers.backlog_cases import NY, TODAY, progress

    assert ta.upcoming(ta.load_export(EXPORT)).attrs["schedule_known"] is False
    # The hand-worked case announces episodes (Progress.schedule): known.
    assert ta.upcoming(progress("ann"), today=TODAY, tz=NY).attrs["schedule_known"] is True
    assert main(["upcoming", str(EXPORT), "--days", "30", "--today", "2026-02-01", "-q"]) == 0
    out = capsys.readouterr().out
    assert "unknown: this source has no air dates" in out
    assert "--metadata tvmaze" in out
    assert "nothing announced" not in out


def test_finished_shows_of_the_export_are_known_where_aired_is():
    import trakt_analysis as ta

    progress = ta.load_export(EXPORT)
    review = ta.year_in_review(progress, 2025, tz="UTC")
    assert ta.year_in_review(progress.history, 2025, tz="UTC").shows_finished is None
    # The export has Trakt's show-level aired count for most shows: a finished show is known...
    assert review.shows_finished is not None
    done = progress.shows[(progress.shows["completed"] >= progress.shows["aired"]).fillna(False)]
    assert set(review.shows_finished["title"]) <= set(done["title"])
    # ... and the shows played in 2025 without one are counted apart, and said.
    no_aired = set(progress.shows.loc[progress.shows["aired"].isna(), "title"])
    history = progress.history
    in_2025 = history[
        (history["watched_at"].dt.year == 2025).to_numpy() & (history["type"] == "episode")
    ]
    unknown = len(no_aired & set(in_2025["title"]))
    assert unknown > 0
    assert review.totals["finished_unknown"] == unknown
    assert f"finished shows partial: {unknown} shows played in 2025" in " ".join(review.notes)
    row = review.table().set_index("label")["value"]["shows finished"]
    assert row == f"{len(review.shows_finished)} (+{unknown} unknown)"


def test_report_checks_the_year_before_drawing():
    import trakt_analysis as ta

    said: list[str] = []
    with pytest.raises(ta.TraktArgumentError, match="year must be a year such as 2025, got 25"):
        ta.report_html(ta.load_demo(), year=25, status=said.append)
    assert not [m for m in said if m.startswith("chart")]


def _export_play_years() -> set[int]:
    """The local years (the profile's zone) of the demo export's plays, read with plain json."""
    import json
    import zipfile

    with zipfile.ZipFile(EXPORT) as archive:
        zone = json.loads(archive.read("user-settings.json"))["account"]["timezone"]
        stamps = [
            entry["watched_at"]
            for name in archive.namelist()
            if name.startswith("watched-history")
            for entry in json.loads(archive.read(name))
        ]
    return set(pd.to_datetime(stamps, utc=True).tz_convert(zone).year)


def test_a_review_without_year_opens_on_the_last_full_year_as_the_report_does(capsys):
    years = _export_play_years()
    last_full = pd.Timestamp.now(tz="UTC").year - 1
    expected = last_full if last_full in years else max(years)
    assert main(["review", str(EXPORT), "-q"]) == 0
    assert capsys.readouterr().out.startswith(f"{expected} in review (")
