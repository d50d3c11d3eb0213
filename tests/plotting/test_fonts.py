"""Titles in any script are drawn: the charts' font fallback chain (issue 11, part 6).

The glyph check here asks matplotlib's own font lookup (``_find_fonts_by_props``
and FreeType's char-to-glyph map) which fonts a text will be drawn with, and
whether one of them has each character; it does not use the module under test's
own check.
"""

from __future__ import annotations

import os
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

import trakt_analysis as ta
from tests.helpers.explore_data import DAY_2021, payload, show
from trakt_analysis.plotting import fonts

# Real titles in the scripts Trakt users' shows arrive in.
TITLES = {
    "進撃の巨人": "CJK and kana",
    "이상한 변호사 우영우": "Hangul",
    "पंचायत": "Devanagari",
    "เคว้ง": "Thai",
    "Dark": "Latin",
}
NEEDED = ("Noto Sans CJK JP", "Noto Sans Devanagari", "Noto Sans Thai")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def progress():
    items = [
        show(title, 2020 + i, [[True, False, True]], (1, 2, DAY_2021))
        for i, title in enumerate(TITLES)
    ]
    return ta.load_progress(payload(items), user="ana")


@pytest.fixture
def noto_installed():
    missing = [f for f in NEEDED if f not in fonts.font_families()]
    if missing:
        message = (
            f"fonts {', '.join(missing)} are not installed: run scripts/ensure-fonts "
            "(apt-get install fonts-noto-core fonts-noto-cjk) and delete matplotlib's font cache"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def glyphless(text: matplotlib.text.Text) -> str:
    """Characters of `text` that no font matplotlib picks for it has a glyph for."""
    paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
    faces = [font_manager.get_font(p) for p in paths]
    return "".join(
        c
        for c in text.get_text()
        if not c.isspace() and not any(f.get_char_index(ord(c)) for f in faces)
    )


def test_every_glyph_of_every_script_is_in_the_fallback_chain(progress, noto_installed):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither our warning nor matplotlib's per glyph
        ax = ta.plot_completion(progress.shows)
        ax.figure.canvas.draw()
    labels = {t.get_text(): t for t in ax.get_yticklabels()}
    assert set(labels) == set(TITLES)
    for title, text in labels.items():
        assert glyphless(text) == "", f"{TITLES[title]} title {title!r} lacks glyphs"


def test_axes_made_by_the_caller_get_the_fallback_too(progress, noto_installed):
    _, ax = plt.subplots()  # made outside our font context: DejaVu Sans only
    ta.plot_backlog(progress.shows, ax=ax)
    for text in ax.get_yticklabels():
        assert glyphless(text) == "", text.get_text()
    assert ax.title.get_fontfamily()[0] == "DejaVu Sans"  # Latin looks as before


def test_a_colorbar_s_latin_texts_carry_one_family(progress, noto_installed):
    # A colorbar is an axes of its own; its texts ("completed (%)", 0 ... 100) get
    # the chain's first family alone, as the chart's own Latin texts do: matplotlib
    # looks every family of a text's list up each time it measures or draws it.
    ax = ta.plot_season_progress(progress.seasons)
    colorbar = ax.images[0].colorbar
    ax.figure.canvas.draw()
    texts = [t for t in colorbar.ax.findobj(matplotlib.text.Text) if t.get_text()]
    assert "completed (%)" in {t.get_text() for t in texts}
    assert {tuple(t.get_fontfamily()) for t in texts} == {("DejaVu Sans",)}


def test_global_rcparams_are_left_alone(progress):
    before = list(matplotlib.rcParams["font.family"])
    ta.plot_completion(progress.shows)
    ta.plot_overview(progress)
    assert list(matplotlib.rcParams["font.family"]) == before


def test_a_machine_without_the_fonts_gets_one_warning_naming_the_titles(progress, monkeypatch):
    # What a machine with DejaVu Sans alone sees.
    for cached in (fonts.font_families, fonts._face, fonts._family_of):
        cached.cache_clear()
    monkeypatch.setattr(fonts, "font_families", lambda: ("DejaVu Sans",))
    try:
        with pytest.warns(ta.TraktFontWarning) as record:
            ta.plot_overview(progress)  # four charts, one warning
    finally:
        for cached in (fonts._face, fonts._family_of):
            cached.cache_clear()
    ours = [w for w in record if issubclass(w.category, ta.TraktFontWarning)]
    assert len(ours) == 1
    assert ours[0].filename == __file__  # the caller's line, not the chart's
    message = str(ours[0].message)
    for title, script in TITLES.items():
        if script == "Latin":
            assert repr(title) not in message
        else:
            assert repr(title) in message, script
    assert "fonts-noto-cjk" in message


def test_missing_glyphs_names_each_character_once(monkeypatch):
    for cached in (fonts._face, fonts._family_of):
        cached.cache_clear()
    monkeypatch.setattr(fonts, "font_families", lambda: ("DejaVu Sans",))
    try:
        assert fonts.missing_glyphs("우영우 x") == "우영"
        assert fonts.missing_glyphs("Café Ü") == ""
    finally:
        for cached in (fonts._face, fonts._family_of):
            cached.cache_clear()


def test_bars_changed_in_place_get_the_fonts_of_their_new_titles(progress, noto_installed):
    from trakt_analysis.plotting.completion import update_completion

    # Every show has the same completion, so the order is the frame's: rotating the
    # titles puts a title of another script on every bar.
    ax = ta.plot_completion(progress.shows, by="most-completed")
    before = [t.get_text() for t in ax.get_yticklabels()]
    titles = progress.shows["title"].tolist()
    renamed = progress.shows.assign(title=titles[1:] + titles[:1])
    assert update_completion(ax, renamed, by="most-completed")
    assert [t.get_text() for t in ax.get_yticklabels()] == before[1:] + before[:1]
    for text in ax.get_yticklabels():
        assert glyphless(text) == "", text.get_text()


def test_no_glyph_of_the_demo_titles_is_missing(noto_installed):
    # Whatever scripts the generator's titles use (Hangul, Devanagari, Thai, kana ...),
    # every bar label of every demo user is drawn with fonts that have its glyphs.
    for user in ta.demo_users():
        shows = ta.load_demo(user).shows
        ax = ta.plot_completion(shows, by="title", top=len(shows))
        labels = ax.get_yticklabels()
        assert len(labels) == len(shows)
        for text in labels:
            assert glyphless(text) == "", (user, text.get_text())
        plt.close(ax.figure)
