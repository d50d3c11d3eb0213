"""Titles in any script: matplotlib's font fallback over the fonts the machine has.

matplotlib (>= 3.6) draws each character with the first family of
``font.family`` that has a glyph for it. Its default list holds one font
(DejaVu Sans), which lacks CJK, Hangul, Devanagari and Thai, so such titles
came out as empty boxes. Every chart here draws under :func:`font_context`,
whose family list is :data:`FALLBACK_FAMILIES` restricted to the installed
ones, and its texts keep that list (also on axes the caller made). The user's
global ``rcParams`` are never changed.

Where no installed font has a glyph, the chart issues one
:class:`TraktFontWarning` naming the affected texts (matplotlib itself warns
once per glyph at draw time; the report and the explorer silence those).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.text import Text

from .._warnings import warn
from ..errors import TraktFontWarning

__all__ = [
    "FALLBACK_FAMILIES",
    "families_for",
    "font_context",
    "font_families",
    "missing_glyphs",
    "unhinted_text",
    "with_fallback_fonts",
]

#: Families tried in order for each character; those not installed are left out.
#: DejaVu Sans first (matplotlib's default, so Latin text looks as before), then
#: Noto for the scripts Trakt titles arrive in. Debian: fonts-noto-core,
#: fonts-noto-cjk. Colour emoji fonts are bitmaps matplotlib cannot draw at any
#: size, so only outline emoji/symbol fonts are listed.
FALLBACK_FAMILIES: tuple[str, ...] = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Tamil",
    "Noto Sans Telugu",
    "Noto Sans Thai",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Emoji",
    "Symbola",
)

#: Where to get the fonts, for the warning.
INSTALL_HINT = (
    "install Noto fonts (Debian/Ubuntu: apt-get install fonts-noto-core fonts-noto-cjk) "
    "and delete matplotlib's font cache (fontlist-*.json in matplotlib.get_cachedir())"
)


@functools.cache
def font_families() -> tuple[str, ...]:
    """The installed families of :data:`FALLBACK_FAMILIES`, in order (at least DejaVu Sans)."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    found = tuple(f for f in FALLBACK_FAMILIES if f in installed)
    return found or ("DejaVu Sans",)


@functools.cache
def _face(family: str) -> Any:
    """The FT2Font of an installed `family` of the chain, opened on first use.

    Opened one by one: a Latin or Japanese title never opens the fonts of the
    scripts after the one it needs (opening all of them cost about 0.2 s). The
    file is the one ``findfont`` picks for the family at the default style and
    weight, chosen among that family's files only: ``findfont`` scores every
    installed font, several milliseconds a family.
    """
    manager = font_manager.fontManager
    normal = font_manager.FontProperties(family=family)
    files = [entry for entry in manager.ttflist if entry.name == family]
    best = min(
        files,
        key=lambda entry: (
            manager.score_style(normal.get_style(), entry.style)
            + manager.score_variant(normal.get_variant(), entry.variant)
            + manager.score_weight(normal.get_weight(), entry.weight)
            + manager.score_stretch(normal.get_stretch(), entry.stretch)
        ),
    )
    return font_manager.get_font(best.fname)


@functools.cache
def _family_of(char: str) -> str | None:
    """The first family of the chain with a glyph for `char`; None when none has one."""
    code = ord(char)
    return next((family for family in font_families() if _face(family).get_char_index(code)), None)


def _drawable(char: str) -> bool:
    return char.isascii() or not char.isprintable() or char.isspace()


def missing_glyphs(text: str) -> str:
    """The characters of `text` no font of the fallback chain can draw (in order, once each).

    Whitespace and control characters are never reported.
    """
    return "".join(dict.fromkeys(c for c in text if not _drawable(c) and _family_of(c) is None))


def families_for(text: str) -> list[str]:
    """The shortest part of the chain that draws `text`: its first family, plus what it needs.

    matplotlib looks each family of a text's list up on every layout, so a
    text carries only the families it uses (Latin text: DejaVu Sans alone).
    """
    chain = font_families()
    needed = {_family_of(c) for c in text if not _drawable(c)}
    return [chain[0], *(f for f in chain[1:] if f in needed)]


@contextlib.contextmanager
def font_context() -> Iterator[None]:
    """Set ``rcParams["font.family"]`` to the installed fallback chain, and back after.

    Unlike :func:`matplotlib.rc_context`, only ``font.family`` is restored: a
    chart may be the first figure of a session, whose backend set-up (e.g.
    IPython's ``interactive`` in the inline backend) must outlive the chart.
    """
    before = mpl.rcParams["font.family"]
    mpl.rcParams["font.family"] = list(font_families())
    try:
        yield
    finally:
        mpl.rcParams["font.family"] = before


@contextlib.contextmanager
def unhinted_text() -> Iterator[None]:
    """Draw text without FreeType's autohinter (only ``text.hinting`` is set, then restored).

    matplotlib's default, ``force_autohint``, re-hints every glyph on every draw
    and costs more than half of drawing a chart of labelled bars; on a screen
    image the difference is a shade of anti-aliasing.
    """
    before = mpl.rcParams["text.hinting"]
    mpl.rcParams["text.hinting"] = "no_hinting"
    try:
        yield
    finally:
        mpl.rcParams["text.hinting"] = before


def _with_colorbars(artist: Artist) -> list[Artist]:
    """`artist`, and for an Axes the colorbars of its images and collections.

    A chart's colorbar is an axes of its own, beside the chart's, so ``findobj``
    on the chart's axes does not reach its texts.
    """
    parts = [artist]
    if isinstance(artist, Axes):
        for mappable in (*artist.images, *artist.collections):
            colorbar = getattr(mappable, "colorbar", None)
            if colorbar is not None:
                parts.append(colorbar.ax)
    return parts


def _texts(artists: Iterable[Artist]) -> list[Text]:
    found: dict[int, Text] = {}
    for artist in artists:
        for part in _with_colorbars(artist):
            for text in part.findobj(Text):
                found[id(text)] = text
    return list(found.values())


def apply_fonts(artists: Iterable[Artist]) -> list[str]:
    """Give every text of `artists` the fallback chain; return the texts with missing glyphs."""
    affected: dict[str, None] = {}
    for text in _texts(artists):
        content = text.get_text()
        text.set_fontfamily(families_for(content))
        if content and not content.isascii() and missing_glyphs(content):
            affected[content] = None
    return list(affected)


def warn_missing_glyphs(func: str, affected: list[str]) -> None:
    """One TraktFontWarning naming the texts (of `func`'s chart) no installed font can draw."""
    if not affected:
        return
    shown = ", ".join(repr(t) for t in affected[:5])
    more = f" and {len(affected) - 5} more" if len(affected) > 5 else ""
    warn(
        f"{func}: no installed font has glyphs for some characters of "
        f"{len(affected)} text(s), drawn as boxes: {shown}{more}; {INSTALL_HINT}",
        TraktFontWarning,
    )


_state = threading.local()

F = TypeVar("F", bound=Callable[..., Any])


def with_fallback_fonts(func: F) -> F:
    """Draw `func` (a chart returning Axes or a Figure) under :func:`font_context`.

    Afterwards every text of the result gets the fallback chain, and, for the
    outermost chart only, one :class:`TraktFontWarning` lists the texts a glyph
    of which no installed font has.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth = getattr(_state, "depth", 0)
        _state.depth = depth + 1
        try:
            with font_context():
                result = func(*args, **kwargs)
        finally:
            _state.depth = depth
        if depth:
            return result
        warn_missing_glyphs(func.__name__, apply_fonts([result]))
        return result

    return wrapper  # type: ignore[return-value]
