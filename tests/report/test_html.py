"""The HTML report, read back with a real HTML parser and checked against the fixture."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

import trakt_analysis as ta
from tests.helpers.report_expect import demo_specs, expected_bins, expected_totals
from trakt_analysis.demo.generate import make_specs, render
from trakt_analysis.report.html import report_html, write_report

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Titles that try to break out of HTML text, attributes and spreadsheets.
ATTACKS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","x")',
    "</td></tr></table><b>bold</b>",
    "&amp; already escaped",
]


@pytest.fixture(scope="module")
def demo_html() -> str:
    generated = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    return report_html(ta.load_demo(), source="the bundled demo user", generated=generated)


@pytest.fixture(scope="module")
def soup(demo_html) -> BeautifulSoup:
    return BeautifulSoup(demo_html, "html.parser")


@pytest.fixture(scope="module")
def attack_soup() -> BeautifulSoup:
    specs = make_specs(len(ATTACKS), seed=5, profile="full")
    for spec, title in zip(specs, ATTACKS, strict=True):
        spec.title = title
    progress = ta.load_progress(render(specs), user="<i>mallory</i>")
    html = report_html(progress, charts=False, source="<b>file</b>.json")
    return BeautifulSoup(html, "html.parser")


def number(text: str) -> int:
    return int(text.replace(",", ""))


def metric(soup: BeautifulSoup, key: str) -> str:
    node = soup.select_one(f'[data-metric="{key}"] .value')
    assert node is not None, key
    return node.get_text()


def rows(soup: BeautifulSoup, table_id: str) -> list[list[str]]:
    table = soup.find("table", id=table_id)
    assert table is not None, table_id
    return [[td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_summary_numbers_match_the_fixture(soup):
    want = expected_totals(demo_specs())
    for key in (
        "shows",
        "finished",
        "in_progress",
        "not_started",
        "episodes_watched",
        "episodes_left",
        "episodes_aired",
        "plays",
        "scrobbles",
        "checkins",
        "seen",
    ):
        assert number(metric(soup, key)) == want[key], key
    completion = want["episodes_watched"] / want["episodes_aired"]
    assert metric(soup, "completion") == f"{completion:.1%}"


def test_plays_table_splits_plays(soup):
    want = expected_totals(demo_specs())
    table = {kind: number(plays) for kind, plays, _ in rows(soup, "plays-table")}
    assert table == {
        "scrobbles": want["scrobbles"],
        "check-ins": want["checkins"],
        "seen": want["seen"],
        "all plays": want["plays"],
    }


def test_completion_table_matches_the_fixture(soup):
    got = {stage: number(count) for stage, count, _ in rows(soup, "completion-table")}
    assert got == expected_bins(demo_specs())


def test_watch_next_table_has_air_dates(soup):
    specs = {(s.title, s.year): s for s in demo_specs()}
    table = rows(soup, "next-table")
    assert len(table) == sum(1 for s in specs.values() if s.next_episode)
    for title, year, code, _episode_title, air_date, left, _done in table:
        spec = specs[(title, int(year))]
        season, episode = spec.next_episode
        assert code == f"S{season:02d}E{episode:02d}"
        # The generator's plan of the next episode's air time (empty when unknown).
        aired = spec.next_first_aired
        want = "" if aired is None else datetime.fromtimestamp(aired, UTC).strftime("%Y-%m-%d")
        assert air_date == want
        assert number(left) == spec.aired - spec.completed


def test_shows_table_has_every_show_in_order(soup):
    specs = demo_specs()
    table = rows(soup, "shows-table")
    assert [(r[0], int(r[1])) for r in table] == [(s.title, s.year) for s in specs]
    # watched and aired columns: 3 and 4 (network is column 2 in the full profile).
    assert [(number(r[3]), number(r[4])) for r in table] == [(s.completed, s.aired) for s in specs]


def test_seasons_table_has_every_season(soup):
    want = sum(1 for s in demo_specs() for season in s.seasons if season.listed or season.hidden)
    assert len(rows(soup, "seasons-table")) == len(ta.load_demo().seasons) == want


def test_every_image_decodes(soup):
    images = soup.find_all("img")
    assert len(images) >= 3
    for img in images:
        src = img["src"]
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1], validate=True)
        assert data.startswith(PNG_SIGNATURE)
        with Image.open(io.BytesIO(data)) as picture:
            picture.verify()
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.width > 100
            assert picture.height > 100
        assert img.get("alt")


def assert_offline(soup: BeautifulSoup, html: str | None = None) -> None:
    assert soup.find("script") is None
    assert soup.find("link") is None
    assert soup.find(["iframe", "object", "embed", "base", "form"]) is None
    for tag in soup.find_all(True):
        for name in ("src", "href", "srcset", "action", "poster", "data", "background"):
            value = tag.get(name)
            if value is None:
                continue
            value = value.strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:", "javascript:")), tag
            assert value.startswith(("#", "data:image/")), tag
        style = tag.get("style") or ""
        assert "url(" not in style
    for style in soup.find_all("style"):
        css = style.get_text().lower()
        assert "@import" not in css
        assert "url(" not in css
        assert "@font-face" not in css
    if html is not None:
        # The demo data has URLs (show pages, posters); none of them reaches the page.
        assert "http://" not in html
        assert "https://" not in html


def test_no_external_urls(soup, demo_html):
    assert "http://trakt.us/images/posters/0.jpg" in ta.demo.users.demo_payload().decode()
    assert_offline(soup, demo_html)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in csp["content"]


def test_injection_attempts_come_out_as_text(attack_soup):
    assert_offline(attack_soup)
    assert attack_soup.find("b") is None  # neither the title's nor the source's <b>
    assert attack_soup.find("i") is None
    assert not any(tag.has_attr("onerror") for tag in attack_soup.find_all(True))
    titles = [r[0] for r in rows(attack_soup, "shows-table")]
    assert titles == ATTACKS  # shown as the literal text, unchanged
    assert attack_soup.h1.get_text() == "Watched progress of <i>mallory</i>"
    assert "<b>file</b>.json" in attack_soup.select_one(".meta").get_text()
    # Each shows-table row still has one cell per column: nothing closed the table early.
    widths = {len(r) for r in rows(attack_soup, "shows-table")}
    assert widths == {len(attack_soup.find("table", id="shows-table").thead.find_all("th"))}


def test_demo_injection_title_is_escaped(demo_html, soup):
    assert "&lt;Tales&gt; &amp; =SUM(A1)" in demo_html
    assert soup.find("tales") is None
    assert "<Tales> & =SUM(A1)" in [r[0] for r in rows(soup, "shows-table")]


def test_report_without_charts_and_minimal_fields():
    html = report_html(ta.load_demo("casual"), charts=False)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    assert number(metric(soup, "shows")) == 8
    assert soup.title.get_text() == "Watched progress of casual"
    # No network column in the minimal profile: the table simply leaves it out.
    headers = [th.get_text() for th in soup.find("table", id="shows-table").find_all("th")]
    assert "network" not in headers


def test_report_of_a_saved_v1_file_names_the_user_of_its_file_name():
    # Finding 9: the heading said "Watched progress" only: the v1 response names no user.
    fixture = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "users" / "demo.json"
    soup = BeautifulSoup(report_html(ta.load_progress(fixture), charts=False), "html.parser")
    assert soup.h1.get_text() == "Watched progress of demo"


def test_report_of_no_shows():
    progress = ta.load_progress([], user="nobody")
    soup = BeautifulSoup(report_html(progress, charts=False), "html.parser")
    assert metric(soup, "shows") == "0"
    assert metric(soup, "completion") == "\N{EM DASH}"
    assert "No show has a next episode" in soup.find(id="next").get_text()


def test_write_report_replaces_the_file_whole(tmp_path):
    out = tmp_path / "sub" / "report.html"
    written = write_report(ta.load_demo("casual"), out, charts=False)
    assert written == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


def test_write_report_failure_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("old report", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr("trakt_analysis.report.html._chart_figure", broken)
    with pytest.raises(RuntimeError, match="chart failed"):
        write_report(ta.load_demo("casual"), out)
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_status_messages_name_the_steps():
    messages: list[str] = []
    report_html(ta.load_demo("casual"), charts=False, status=messages.append)
    assert messages[0] == "summary"
    assert messages[-1] == "tables"
    assert not any(re.match("chart", m) for m in messages)


def first_image_width(html: str) -> int:
    src = BeautifulSoup(html, "html.parser").find("img")["src"]
    with Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))) as picture:
        return picture.width


def test_dpi_scales_the_images():
    progress = ta.load_demo("casual")
    low = first_image_width(report_html(progress, dpi=40))
    high = first_image_width(report_html(progress, dpi=80))
    assert high / low == pytest.approx(2, rel=0.05)


@pytest.mark.parametrize("dpi", [5, 601, 96.0, True, "96"])
def test_bad_dpi(dpi):
    with pytest.raises(ta.TraktArgumentError, match="dpi must be"):
        report_html(ta.load_demo("casual"), dpi=dpi)


def test_charts_come_from_the_plotting_module(monkeypatch):
    import trakt_analysis.plotting as plotting

    calls: list[tuple[str, int, object]] = []

    def spy(name):
        original = getattr(plotting, name)

        def wrapper(frame, *args, **kwargs):
            shows = frame.shows if isinstance(frame, ta.Progress) else frame  # backlog: Progress
            calls.append((name, len(shows), kwargs.get("top")))
            ax = original(frame, *args, **kwargs)
            assert ax is kwargs["ax"]  # drawn on the report's own figure
            return ax

        return wrapper

    for name in ("plot_watch_stats", "plot_completion", "plot_backlog", "plot_season_progress"):
        monkeypatch.setattr(plotting, name, spy(name))
    progress = ta.load_demo("casual")
    # jobs=1: every chart drawn in this process, where the spies see it (in the order
    # the sections are built, costliest first; the page's order is checked below).
    soup = BeautifulSoup(report_html(progress, dpi=30, jobs=1), "html.parser")
    assert sorted(calls) == sorted(
        [
            ("plot_watch_stats", 8, 30),
            ("plot_completion", 8, 30),
            ("plot_backlog", 8, 30),
            ("plot_season_progress", len(progress.seasons), None),
        ]
    )
    # The year in review of the last full year (when it has plays) is tested apart.
    ids = [fig["id"] for fig in soup.find_all("figure") if not fig["id"].startswith("chart-year")]
    history = ["chart-history-calendar", "chart-history-clock", "chart-history-time"]
    assert ids == ["chart-plays", "chart-completion", "chart-backlog", *history, "chart-seasons"]


def test_tvmaze_is_credited_only_when_its_data_is_used(soup):
    from dataclasses import replace

    assert "TVmaze" not in soup.footer.get_text()
    progress = ta.load_demo()
    progress = replace(progress, provenance=replace(progress.provenance, metadata="TVmaze"))
    footer = BeautifulSoup(report_html(progress, charts=False), "html.parser").footer
    assert "TVmaze" in footer.get_text()
    assert "CC BY-SA 4.0" in footer.get_text()
    assert footer.find("a") is None  # text, not a link: the page links to nothing outside
