"""The backlog as text (CLI) and in the HTML report, on the hand-worked cases."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import trakt_analysis as ta
from tests.helpers.backlog_cases import NY, TODAY, progress
from tests.helpers.report_expect import demo_specs
from trakt_analysis.cli import main
from trakt_analysis.report.backlog import backlog_section, format_backlog, format_upcoming


def squeeze(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]


def test_backlog_text():
    lines = squeeze(format_backlog(ta.backlog(progress("ann"), today=TODAY, tz=NY)))
    assert lines[0] == f"Backlog on {TODAY} ({NY})"
    assert lines[1] == (
        "watching 2 · stalled 1 · dropped 2 · caught up 1 · finished 1 · not started 1 · unknown 1"
    )
    assert lines[2] == "Hours left: 8.5 h, not counting 5 shows of unknown length."
    notes = lines.index("Notes")
    rows = [row for row in lines[5:notes] if row]
    assert rows[0] == "Daily watching 4 2.5 2026-03-09 1.5 2026-03-29"
    assert rows[1] == "Binge watching 6 — 2026-02-11 0.7 2026-05-11"
    assert rows[-1] == "Counts unknown unknown — — 2026-03-01 0.7 —"
    assert lines[notes + 1 :] == [
        "Hidden: hidden from progress on Trakt",
        "Counts unknown: episode counts unknown",
    ]


def test_upcoming_text():
    lines = squeeze(format_upcoming(ta.upcoming(progress("ann"), today=TODAY, tz=NY)))
    assert lines[0] == f"Airing in the next 30 days ({NY})"
    assert lines[2] == "Daily S02E01 Back Sat 2026-03-14 22:00 30 HBO"
    assert lines[3] == "Returning S01E04 Finale Fri 2026-03-20 21:00 45"
    # ann's guide announces nothing after 2026-06 (two episodes by 05-01): known, none.
    empty = format_upcoming(ta.upcoming(progress("ann"), today="2026-06-01", tz=NY))
    assert "nothing announced" in empty
    # bob's source has no air date at all: unknown, not "nothing".
    unknown = format_upcoming(ta.upcoming(progress("bob"), today=TODAY, tz=NY))
    assert "unknown: this source has no air dates" in unknown


def test_report_section():
    plan = ta.backlog(progress("ann"), today=TODAY, tz=NY)
    soup = BeautifulSoup(backlog_section(plan, "<figure>chart</figure>"), "html.parser")
    text = soup.find("p").get_text()
    assert "watching 2" in text
    assert "Hours left: 8.5 h" in text
    rows = soup.select("#backlog-table tbody tr")
    cells = [[td.get_text() for td in row.find_all("td")] for row in rows]
    # The shows with episodes left (6) or an unknown number left (Counts unknown), watching
    # first: each show the state counts name is listed but Ended and Returning (0 left).
    assert [c[0] for c in cells] == [
        "Daily",
        "Binge",
        "NoRuntime",
        "Old",
        "Hidden",
        "Unstarted",
        "Counts unknown",
    ]
    assert cells[-1][:3] == ["Counts unknown", "unknown", "\N{EM DASH}"]
    assert (
        soup.select_one("#backlog-table caption")
        .get_text()
        .startswith(
            "7 shows with episodes left (1 of them an unknown number: \N{EM DASH}); "
            "2 with none left are not listed."
        )
    )
    assert cells[0] == ["Daily", "watching", "4", "2.5", "2026-03-09", "1.5", "2026-03-29", ""]
    assert cells[4][-1] == "hidden from progress on Trakt"  # Hidden: why it is dropped
    assert soup.find("figure") is not None


def test_a_remake_is_named_with_its_year_when_its_namesake_is_not_listed():
    # Show 4 (Ended, nothing left, not listed) renamed "Daily" and given another year: the
    # listed Daily still needs its year to be told from it, as the CLI writes it.
    p = progress("ann")
    shows = p.shows.assign(
        title=p.shows["title"].astype(object).replace({"Ended": "Daily"}),
        year=pd.array([2020, 2020, 2020, 1999, 2020, 2020, 2020, 2020, 2020], dtype="Int64"),
    )
    plan = ta.backlog(dataclasses.replace(p, shows=shows), today=TODAY, tz=NY)
    soup = BeautifulSoup(backlog_section(plan), "html.parser")
    first = soup.select_one("#backlog-table tbody tr td").get_text()
    assert first == "Daily (2020)"


def test_report_section_says_when_counts_are_unknown():
    p = progress("ann")
    shows = p.shows.assign(
        aired=pd.array([pd.NA] * 9, dtype="Int64"), left=pd.array([pd.NA] * 9, dtype="Int64")
    )
    plan = ta.backlog(dataclasses.replace(p, shows=shows), today=TODAY, tz=NY)
    html = backlog_section(plan, "<figure>chart</figure>")
    soup = BeautifulSoup(html, "html.parser")
    assert "Episodes left are unknown for every show" in soup.get_text()
    assert soup.find("table") is None
    assert soup.find("figure") is None  # no empty chart
    assert "Hours left: unknown" in soup.get_text()


def test_the_report_has_the_section():
    html = ta.report_html(
        ta.load_demo(),
        charts=False,
        generated=datetime(2026, 2, 10, 17, tzinfo=UTC),
        tz="Europe/Berlin",
    )
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section", id="backlog")
    assert "On 2026-02-10 (Europe/Berlin)" in section.get_text()
    assert soup.find("a", href="#backlog") is not None
    # One row per show with episodes left, by the generator's plan.
    pending = [s for s in demo_specs() if s.aired > s.completed]
    rows = section.select("#backlog-table tbody tr")
    assert len(rows) == len(pending)
    left = sorted(int(r.find_all("td")[2].get_text().replace(",", "")) for r in rows)
    assert left == sorted(s.aired - s.completed for s in pending)


@pytest.fixture
def hand_worked(monkeypatch):
    import trakt_analysis.cli as cli

    monkeypatch.setattr(cli, "_load", lambda args, status: progress("ann"))


def test_cli_backlog(hand_worked, capsys):
    assert main(["backlog", "--today", TODAY, "--tz", NY, "-q"]) == 0
    lines = squeeze(capsys.readouterr().out)
    assert "Daily watching 4 2.5 2026-03-09 1.5 2026-03-29" in lines
    assert main(["backlog", "--today", TODAY, "--tz", NY, "-q", "--stalled-after", "50"]) == 0
    # NoRuntime at the overall pace, 0.6875 a week: ceil(2 / 0.6875 * 7) = 21 days.
    assert "NoRuntime watching 2 — 2026-01-29 0.7 2026-03-31" in squeeze(capsys.readouterr().out)


def test_cli_upcoming_with_ics(hand_worked, tmp_path, capsys):
    import icalendar

    path = tmp_path / "cal" / "next.ics"
    assert main(["upcoming", "--today", TODAY, "--tz", NY, "--days", "7", "--ics", str(path)]) == 0
    out = capsys.readouterr()
    assert "Daily S02E01 Back Sat 2026-03-14 22:00 30 HBO" in squeeze(out.out)
    assert "Returning" not in out.out  # 03-20 is past 7 days
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Daily S02E01 “Back”"]
    assert "wrote 1 episodes" in out.err


def test_cli_refuses_a_bad_day(capsys):
    with pytest.raises(SystemExit) as info:
        main(["backlog", "--today", "someday"])
    assert info.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_listed_labels_remakes_and_users_in_the_tables_order():
    from trakt_analysis.analysis.backlog import BACKLOG_STATES
    from trakt_analysis.report.backlog import listed

    plan = pd.DataFrame(
        {
            "user": ["ann", "ann", "bob", "ann", "bob"],
            "title": ["Shameless", "Shameless", "Dark", "Dark", "Solo"],
            "year": pd.array([2004, 2011, 2017, None, 2020], dtype="Int64"),
            "left": pd.array([3, 0, 5, 2, None], dtype="Int64"),
            "hours_left": pd.array([1.0, 0.0, 4.0, None, None], dtype="Float64"),
            "state": pd.Categorical(
                ["watching", "finished", "stalled", "watching", "unknown"],
                categories=BACKLOG_STATES,
            ),
        },
        index=[10, 11, 12, 13, 14],
    )
    rows = listed(plan)
    # Nothing left: the finished remake is not listed. Watching first (known hours before
    # unknown ones), then stalled, then unknown (episodes left unknown: listed, not dropped).
    assert rows.index.tolist() == [10, 13, 12, 14]
    assert rows["show_label"].tolist() == [
        "Shameless (2004) [ann]",  # two years of one title: the year tells them apart
        "Dark [ann]",  # Dark's other row has a year, this one none: nothing to add
        "Dark (2017) [bob]",
        "Solo [bob]",
    ]
    assert rows["state_label"].tolist() == ["watching", "watching", "stalled", "unknown"]


def test_a_note_is_escaped_once():
    plan = ta.backlog(progress("ann"), today=TODAY, tz=NY)
    plan = plan.assign(
        note=plan["note"].astype(object).where(plan["note"].isna(), "S1 & S2 <hidden>")
    )
    html = backlog_section(plan)
    assert "S1 &amp; S2 &lt;hidden&gt;" in html
    assert "&amp;amp;" not in html
    soup = BeautifulSoup(html, "html.parser")
    notes = [row.find_all("td")[-1].get_text() for row in soup.select("#backlog-table tbody tr")]
    assert "S1 & S2 <hidden>" in notes
