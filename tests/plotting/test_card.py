"""The year in review card: its size, its words (read back from the figure), its files.

The history is the hand-worked one of tests/analysis/test_year_review.py (UTC): in
2025, 9 plays and 8.0 hours; top shows by hours Alpha (3.0 h), Beta (1.5 h), Delta
(runtime unknown); January and February tie as the busiest month (3 plays each); the
longest streak is 1-2 March. The drawing time is measured in benchmarks/history.py,
not here.
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.text import Text
from PIL import Image

import trakt_analysis as ta
from tests.helpers.history_cases import history
from trakt_analysis.cli import main
from trakt_analysis.plotting import fonts
from trakt_analysis.plotting.card import plot_review_card, save_calendar_svg


@pytest.fixture(scope="module")
def review():
    return ta.year_in_review(history(), 2025, tz="UTC")


def words(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def by_gid(fig, gid):
    return [t.get_text() for t in fig.findobj(Text) if t.get_gid() == gid]


def test_the_card_says_the_year_hours_plays_shows_month_streak_and_user(review):
    fig = review.card()
    assert by_gid(fig, "card-year") == ["2025"]
    assert by_gid(fig, "card-user") == ["@ann"]
    assert by_gid(fig, "card-hours") == ["8"]
    assert by_gid(fig, "card-plays") == ["9"]
    # Named with their year (the hand-worked history's shows are all of 2001).
    assert by_gid(fig, "card-show") == ["Alpha (2001)", "Beta (2001)", "Delta (2001)"]
    assert by_gid(fig, "card-month") == ["January, February · 3 plays each"]
    assert by_gid(fig, "card-streak") == ["2 days · 01 Mar – 02 Mar"]
    text = words(fig)
    assert "3.0 h" in text
    assert "1.5 h" in text
    assert "1 play" in text  # Delta's one play has no runtime: its plays, not 0 h


def test_the_calendar_heatmap_holds_the_days_plays(review):
    fig = review.card()
    calendar = fig.axes[0]
    drawn = sum(float(im.get_array().sum()) for im in calendar.images[1:])
    assert drawn == 9  # every 2025 play, one cell a day
    assert [t.get_text() for t in calendar.get_xticklabels()][:3] == ["J", "F", "M"]


@pytest.mark.parametrize(("size", "dpi"), [((1080, 1350), 150), ((600, 800), 96)])
def test_the_png_has_the_size_in_pixels(review, tmp_path, size, dpi):
    out = tmp_path / "card.png"
    review.card(out, size=size, dpi=dpi)
    with Image.open(out) as image:
        assert image.size == size
        assert image.format == "PNG"


def test_light_theme_and_svg_by_suffix(review, tmp_path):
    out = tmp_path / "card.svg"
    fig = review.card(out, theme="light")
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    assert root.get("width") == "518.4pt"  # 1080 px at 150 dpi = 7.2 in = 518.4 pt
    # text drawn as outlines: no font needed to view it, and no date in it
    assert b"<text" not in out.read_bytes()
    assert b"dc:date" not in out.read_bytes()


def test_bad_arguments(review, tmp_path):
    with pytest.raises(ta.TraktArgumentError, match="theme"):
        review.card(theme="blue")
    with pytest.raises(ta.TraktArgumentError, match="size"):
        review.card(size=(10, 10))
    with pytest.raises(ta.TraktArgumentError, match=r"\.png or \.svg"):
        review.card(tmp_path / "card.jpg")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ta.TraktFileError, match="cannot write"):
        review.card(blocker / "card.png")


def test_a_month_card_and_an_empty_year():
    march = ta.month_in_review(history(), 2025, 3, tz="UTC")
    fig = plot_review_card(march)
    assert by_gid(fig, "card-year") == ["March 2025"]
    assert by_gid(fig, "card-show") == []  # movies only
    assert "no show played" in words(fig)
    empty = plot_review_card(ta.year_in_review(history(), 2030, tz="UTC"))
    assert by_gid(empty, "card-hours") == ["0"]
    assert by_gid(empty, "card-month") == ["-"]


def test_known_hours_say_the_plays_they_leave_out(review):
    # ROWS' 2025: Delta S01E01 on 31 December has no runtime; the other hours are known
    assert by_gid(review.card(), "card-hours-note") == ["leaves out 1 play without a runtime"]
    totals = review.totals.copy()
    totals["plays_without_runtime"] = 0
    assert by_gid(dataclasses.replace(review, totals=totals).card(), "card-hours-note") == []


def test_unknown_hours_are_written_unknown(review):
    totals = review.totals.copy()
    totals["hours"] = pd.NA
    fig = dataclasses.replace(review, totals=totals).card()
    assert by_gid(fig, "card-hours") == ["?"]
    assert "hours watched (runtimes unknown)" in words(fig)
    assert by_gid(fig, "card-hours-note") == []  # the label says it


def test_titles_in_any_script_get_a_font_that_has_their_glyphs(review):
    if "Noto Sans CJK JP" not in fonts.font_families():
        pytest.skip("Noto CJK is not installed (scripts/ensure-fonts installs it)")
    top = review.top_by_hours.copy()
    top["title"] = ["進撃の巨人", "Beta", "Delta"]
    fig = dataclasses.replace(review, top_by_hours=top).card()
    (text,) = [t for t in fig.findobj(Text) if t.get_text().startswith("進撃の巨人")]
    # matplotlib's own lookup: a family of the text's list holds every glyph
    paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
    faces = [font_manager.get_font(p) for p in paths]
    assert all(any(f.get_char_index(ord(c)) for f in faces) for c in "進撃の巨人")


def test_calendar_svg_is_compact_and_byte_stable(tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    save_calendar_svg(history(), a, year=2025, tz="UTC")
    save_calendar_svg(history(), b, year=2025, tz="UTC")
    assert a.read_bytes() == b.read_bytes()
    assert a.stat().st_size < 40_000
    assert b"Plays per day in 2025 (UTC): 9 plays" in a.read_bytes()  # text kept as text
    with pytest.raises(ta.TraktArgumentError, match=r"\.svg"):
        save_calendar_svg(history(), tmp_path / "a.png")


def ratings_of_2025(export):
    """'N, mean M' of the export's ratings-*.json given in 2025 (Berlin), read here."""
    given = []
    with zipfile.ZipFile(export) as archive:
        for name in archive.namelist():
            if name.startswith("ratings-"):
                for item in json.loads(archive.read(name)):
                    at = pd.Timestamp(item["rated_at"]).tz_convert("Europe/Berlin")
                    if at.year == 2025:
                        given.append(item["rating"])
    return f"{len(given)}, mean {sum(given) / len(given):.1f}"


@pytest.mark.filterwarnings("default::trakt_analysis.errors.TraktDataWarning")  # printed
def test_cli_review_prints_the_highlights_and_draws_the_card(tmp_path, capsys):
    card, badge = tmp_path / "card.png", tmp_path / "cal.svg"
    export = "data/fixtures/export/demo-export.zip"
    code = main(["review", export, "--year", "2025", "-o", str(card), "--svg", str(badge), "-q"])
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("2025 in review (")
    assert "note: no genres" in out  # the export has no show metadata
    assert f"ratings given          {ratings_of_2025(export)}" in out
    with Image.open(card) as image:
        assert image.size == (1080, 1350)
    assert badge.read_bytes().startswith(b"<?xml")
    with pytest.raises(SystemExit) as stop:
        main(["review", export, "--year", "2025", "--month", "13", "-q"])
    assert stop.value.code == 2
    assert "the month must be 1-12, got 13" in capsys.readouterr().err


def test_cli_review_without_a_history_says_so(capsys):
    # a saved v1 response: progress only, no history
    assert main(["review", "data/fixtures/users/casual.json", "-q"]) == 1
    assert "no watch history" in capsys.readouterr().err
